//! Plans built by hand for the checker's tests: the parser's output shape, without the parser.

#![allow(dead_code)]

use taizhang_model::plan::{Column, ColumnRole, Goal, Measure, Point, PLAN_SCHEMA};
use taizhang_model::table::{Format, Source};
use taizhang_model::{Cmp, Item, Milestone, Plan, Quantity};

/// A quantity as the extractor would give it; offsets are filled in when it is placed in a
/// text. `累计` in the text sets `cumulative` and `running`, as the extractor does.
pub fn q(text: &str, value: f64, unit: &str) -> Quantity {
    Quantity {
        text: text.to_owned(),
        start: 0,
        end: 0,
        value: Some(value),
        min: None,
        max: None,
        unit: Some(unit.to_owned()),
        surface_unit: Some(unit.to_owned()),
        cmp: Cmp::Eq,
        cumulative: text.contains("累计"),
        object: None,
        kind: taizhang_lexicon::builtin().unit_kind(unit),
        running: text.contains("累计"),
    }
}

pub trait QuantityExt {
    fn cmp(self, cmp: Cmp) -> Self;
    fn object(self, object: &str) -> Self;
    fn range(self, min: f64, max: f64) -> Self;
    fn cumulative(self) -> Self;
    fn running(self) -> Self;
}

impl QuantityExt for Quantity {
    fn cmp(mut self, cmp: Cmp) -> Self {
        self.cmp = cmp;
        self
    }
    fn object(mut self, object: &str) -> Self {
        self.object = Some(object.to_owned());
        self
    }
    fn range(mut self, min: f64, max: f64) -> Self {
        self.value = None;
        self.min = Some(min);
        self.max = Some(max);
        self.cmp = Cmp::Range;
        self
    }
    fn cumulative(mut self) -> Self {
        self.cumulative = true;
        self.running = true;
        self
    }
    /// Marked as a running total by a cue other than 累计 (`共完成20个`), as the parser marks it.
    fn running(mut self) -> Self {
        self.running = true;
        self
    }
}

/// Places each quantity at its text's next occurrence in `text`.
fn place(text: &str, quantities: Vec<Quantity>) -> Vec<Quantity> {
    let chars: Vec<char> = text.chars().collect();
    let mut from = 0;
    quantities
        .into_iter()
        .map(|mut q| {
            let needle: Vec<char> = q.text.chars().collect();
            let at = (from..chars.len().saturating_sub(needle.len()) + 1)
                .find(|&i| chars.get(i..i + needle.len()) == Some(needle.as_slice()))
                .unwrap_or_else(|| panic!("{:?} not in {text:?}", q.text));
            q.start = at;
            q.end = at + needle.len();
            from = q.end;
            q
        })
        .collect()
}

pub fn goal(text: &str, quantities: Vec<Quantity>) -> Goal {
    Goal {
        text: text.to_owned(),
        points: vec![Point { ordinal: 1, text: text.to_owned() }],
        quantities: place(text, quantities),
    }
}

/// A milestone; the quarters follow from the label.
pub fn ms(label: &str, text: &str, quantities: Vec<Quantity>) -> Milestone {
    let (start, end) = quarters(label);
    Milestone {
        label: Some(label.to_owned()),
        start,
        end,
        topic: None,
        text: text.to_owned(),
        quantities: place(text, quantities),
        ..Milestone::default()
    }
}

pub fn topic(mut m: Milestone, topic: &str) -> Milestone {
    m.topic = Some(topic.to_owned());
    m
}

fn quarters(label: &str) -> (Option<u8>, Option<u8>) {
    match label {
        "一季度" => (Some(1), Some(1)),
        "二季度" => (Some(2), Some(2)),
        "三季度" => (Some(3), Some(3)),
        "四季度" => (Some(4), Some(4)),
        "上半年" | "一、二季度" => (Some(1), Some(2)),
        "下半年" | "三、四季度" => (Some(3), Some(4)),
        "二、三季度" => (Some(2), Some(3)),
        "全年" => (Some(1), Some(4)),
        _ => (None, None),
    }
}

/// An item with the seed's six columns: section, measure, goal, schedule, lead, support.
pub fn item(row: usize, goal: Goal, schedule: Vec<Milestone>) -> Item {
    let schedule_text = schedule
        .iter()
        .map(|m| format!("{}，{}", m.label.clone().unwrap_or_default(), m.text))
        .collect::<Vec<_>>()
        .join("");
    Item {
        id: format!("r{row:03}"),
        row,
        seq: Some(row as u32),
        measure: Some(Measure {
            number: Some(row as u32),
            text: format!("措施{row}"),
            inherited: false,
            quantities: Vec::new(),
        }),
        cells: vec![
            format!("（{row}） "),
            format!("{row}. 措施{row}"),
            goal.text.clone(),
            schedule_text,
            "城建局".to_owned(),
            String::new(),
        ],
        goal,
        schedule,
        lead: vec!["城建局".to_owned()],
        ..Item::default()
    }
}

pub fn plan(items: Vec<Item>) -> Plan {
    let roles = [
        ("原文表述", ColumnRole::Section),
        ("具体措施", ColumnRole::Measure),
        ("2020年工作目标", ColumnRole::Goal),
        ("季度进度安排", ColumnRole::Schedule),
        ("牵头单位", ColumnRole::Lead),
        ("配合单位", ColumnRole::Support),
    ];
    Plan {
        schema: PLAN_SCHEMA.to_owned(),
        source: Source {
            file: "crafted.json".to_owned(),
            format: Format::Json,
            sha256: String::new(),
            encoding: None,
            table: None,
        },
        year: Some(2020),
        year_source: None,
        confidence: None,
        columns: roles
            .iter()
            .enumerate()
            .map(|(index, (header, role))| Column {
                index,
                header: (*header).to_owned(),
                role: *role,
                by: None,
            })
            .collect(),
        items,
        headings: Vec::new(),
        warnings: Vec::new(),
        ..Plan::default()
    }
}
