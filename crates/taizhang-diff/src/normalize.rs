//! The comparable form of a row: its texts with numbering, whitespace and width variants
//! removed, the measure and section it carries itself, and its schedule cut into clauses.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use taizhang_model::plan::{ColumnRole, Plan};
use taizhang_model::{Item, Quantity};

use crate::similarity::IdMap;

/// One schedule clause: the text between two `。`/`；` of a milestone, with its period.
#[derive(Debug, Clone)]
pub(crate) struct Clause {
    /// The period as the comparison sees it (topic, quarters, label), normalized.
    pub period: String,
    /// The label as written, for reports.
    pub label: Option<String>,
    /// The clause as written (trimmed, without its final punctuation).
    pub text: String,
    /// The clause normalized.
    pub norm: String,
    /// The quantities of the milestone that fall inside this clause.
    pub quantities: Vec<Quantity>,
}

/// Normalized section and measure texts, each held once for both plans and named by a
/// small id: rows of one section or measure share the text instead of copying it.
#[derive(Debug, Default)]
pub(crate) struct Names {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Names {
    /// The id of `text`, given a new one the first time.
    pub fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.ids.insert(text.to_string(), id);
        self.names.push(text.to_string());
        id
    }

    pub fn get(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }
}

/// A row as the alignment holds it for the whole diff: the item, where it stands (section
/// and measure, by id) and hashes of its content. Everything else is recomputed from the
/// item by [`Side::view`] for the few rows that need it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'a> {
    pub item: &'a Item,
    /// The section the row stands in, normalized.
    pub section: u32,
    /// True when the section heading is written on this row (it starts the section).
    pub section_head: bool,
    /// True when the row carries its measure text itself (not inherited, not empty).
    pub measure_own: bool,
    /// The measure the row belongs to, normalized (its own or the one above).
    pub measure: u32,
    /// The measure the row belongs to, as written.
    pub measure_display: u32,
    /// A hash of everything a change can be reported on, except the section and the order
    /// of units: rows with equal keys are the same row, numbering aside.
    pub key: u64,
    /// A hash of everything [`crate::compare::compare`] looks at: two rows with equal keys
    /// and equal details have nothing to report.
    pub detail: u64,
}

/// A row of a plan, ready to be compared.
#[derive(Debug, Clone)]
pub(crate) struct RowView<'a> {
    pub item: &'a Item,
    /// The section the row stands in (an id of [`Names`]).
    pub section: u32,
    /// True when the section heading is written on this row (it starts the section).
    pub section_head: bool,
    /// The measure the row carries itself (not inherited, not empty), an id of [`Names`].
    pub measure_own: Option<u32>,
    /// The measure the row belongs to (its own or the one above), an id of [`Names`].
    pub measure: u32,
    /// The measure the row belongs to, normalized.
    pub measure_text: String,
    /// The measure the row belongs to, as written.
    pub measure_display: String,
    pub goal: String,
    /// The goal with every digit run replaced by `#`: equal masks mean only numbers changed.
    pub goal_masked: String,
    pub clauses: Vec<Clause>,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub documents: Vec<String>,
    pub deadlines: Vec<String>,
    /// Cells of columns without a structured field, keyed by normalized header.
    pub other: Vec<(String, String, String)>,
    /// The schedule cell as written (or the milestones joined when there is no such column).
    pub schedule_display: String,
}

/// Text as the comparison sees it: no whitespace, full-width ASCII folded to ASCII, and no
/// `[bookmark: …]` artefacts (text exports of Word files write bookmarks that way).
pub(crate) fn norm(text: &str) -> String {
    let text = strip_bookmarks(text);
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn strip_bookmarks(text: &str) -> std::borrow::Cow<'_, str> {
    let (open, close) = taizhang_lexicon::bookmark_marks();
    if !text.contains(open) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(open) {
        out.push_str(&rest[..pos]);
        let after = &rest[pos..];
        match after.find(close) {
            Some(end) => rest = &after[end + close.len()..],
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// Removes a leading list number (`（21）`, `(3)`, `88.`, `5、`): renumbering is not a change.
pub(crate) fn strip_number(text: &str) -> &str {
    let t = text.trim_start();
    taizhang_lexicon::leading_list_number(t).map_or(t, |n| n.rest(t))
}

/// `text` with every run of ASCII digits (and the `.` inside it) replaced by `#`.
pub(crate) fn mask_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_number = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let digit = c.is_ascii_digit()
            || (c == '.'
                && in_number
                && chars.get(i + 1).is_some_and(|n: &char| n.is_ascii_digit()));
        if digit {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

fn unit_list(units: &[String]) -> Vec<String> {
    units.iter().map(|u| norm(u)).filter(|u| !u.is_empty()).collect()
}

fn is_clause_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '\n')
}

/// Cuts a milestone text into clauses at `。` and `；`, keeping char offsets so the
/// milestone's quantities can be handed to the clause they fall in.
fn clauses_of(m: &taizhang_model::Milestone, out: &mut Vec<Clause>) {
    let period = format!(
        "{}|{}|{}|{}",
        m.topic.as_deref().map(norm).unwrap_or_default(),
        m.start.map(|q| q.to_string()).unwrap_or_default(),
        m.end.map(|q| q.to_string()).unwrap_or_default(),
        if m.start.is_none() {
            m.label.as_deref().map(norm).unwrap_or_default()
        } else {
            String::new()
        }
    );
    let chars: Vec<char> = m.text.chars().collect();
    let mut start = 0;
    let mut i = 0;
    while i <= chars.len() {
        let end_here = i == chars.len() || chars.get(i).is_some_and(|&c| is_clause_end(c));
        if end_here {
            let piece: String = chars.get(start..i).unwrap_or_default().iter().collect();
            let text = piece.trim().trim_end_matches(['，', ',', '、']).trim().to_string();
            let n = norm(&text);
            if !n.is_empty() {
                let quantities = m
                    .quantities
                    .iter()
                    .filter(|q| q.start >= start && q.end <= i)
                    .cloned()
                    .collect();
                out.push(Clause {
                    period: period.clone(),
                    label: m.label.clone(),
                    text,
                    norm: n,
                    quantities,
                });
            }
            start = i + 1;
        }
        i += 1;
    }
}

/// Where the plan keeps each role's column.
fn column_of(plan: &Plan, role: ColumnRole) -> Option<usize> {
    plan.columns.iter().find(|c| c.role == role).map(|c| c.index)
}

/// The columns of a plan the comparison reads besides the structured fields.
#[derive(Debug, Default)]
struct Columns {
    schedule: Option<usize>,
    /// Columns without a structured field, with their normalized headers.
    other: Vec<(usize, String)>,
}

/// The comparable rows of one plan, in table order.
#[derive(Debug)]
pub(crate) struct Side<'a> {
    pub rows: Vec<Row<'a>>,
    columns: Columns,
}

impl<'a> Side<'a> {
    /// The rows of `plan`, their sections and measures named in `names`; the tokens of each
    /// row are counted into `df` (how many rows hold each token).
    pub fn new(plan: &'a Plan, names: &mut Names, df: &mut IdMap<u64, u32>) -> Side<'a> {
        let columns = Columns {
            schedule: column_of(plan, ColumnRole::Schedule),
            other: plan
                .columns
                .iter()
                .filter(|c| c.role == ColumnRole::Other)
                .map(|c| (c.index, norm(&c.header)))
                .collect(),
        };
        let mut side = Side { rows: Vec::with_capacity(plan.items.len()), columns };
        let mut prev_section: Option<u32> = None;
        let mut prev_measure = (names.id(""), names.id(""));
        for item in &plan.items {
            let section =
                item.section.as_deref().map(|s| norm(strip_number(s))).unwrap_or_default();
            let section_empty = section.is_empty();
            let section = names.id(&section);
            let section_head = !section_empty && prev_section != Some(section);
            prev_section = Some(section);

            // A measure cell holding only its number (`Measure::is_empty`: Word numbering an
            // empty paragraph of a merged cell) carries no measure: the row continues the
            // measure above, exactly as a merged-away cell does.
            let own = item
                .measure
                .as_ref()
                .filter(|m| !m.inherited && !m.is_empty())
                .map(|m| (norm(strip_number(&m.text)), strip_number(&m.text).trim().to_string()))
                .filter(|(n, _)| !n.is_empty());
            let measure_own = own.is_some();
            let (measure, measure_display) = match own {
                Some((n, d)) => (names.id(&n), names.id(&d)),
                None => match item.measure.as_ref().filter(|m| m.inherited) {
                    Some(m) if !norm(&m.text).is_empty() => (
                        names.id(&norm(strip_number(&m.text))),
                        names.id(strip_number(&m.text).trim()),
                    ),
                    _ => prev_measure,
                },
            };
            prev_measure = (measure, measure_display);

            let mut row = Row {
                item,
                section,
                section_head,
                measure_own,
                measure,
                measure_display,
                key: 0,
                detail: 0,
            };
            let view = side.view_of(&row, names);
            for (t, _) in crate::similarity::tokens(&view) {
                *df.entry(t).or_insert(0) += 1;
            }
            (row.key, row.detail) = hashes(&view);
            side.rows.push(row);
        }
        side
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn get(&self, i: usize) -> Option<&Row<'a>> {
        self.rows.get(i)
    }

    /// The full comparable form of row `i`.
    pub fn view(&self, i: usize, names: &Names) -> Option<RowView<'a>> {
        self.rows.get(i).map(|r| self.view_of(r, names))
    }

    fn view_of(&self, row: &Row<'a>, names: &Names) -> RowView<'a> {
        let item = row.item;
        let goal = norm(&item.goal.text);
        let goal_masked = mask_digits(&goal);
        let mut clauses = Vec::new();
        for m in &item.schedule {
            clauses_of(m, &mut clauses);
        }
        let schedule_display = match self.columns.schedule.and_then(|i| item.cells.get(i)) {
            Some(cell) => cell.trim().to_string(),
            None => item
                .schedule
                .iter()
                .map(|m| match &m.label {
                    Some(l) => format!("{l}，{}", m.text),
                    None => m.text.clone(),
                })
                .collect::<Vec<_>>()
                .join(""),
        };
        let other = self
            .columns
            .other
            .iter()
            .map(|(i, h)| {
                let cell = item.cells.get(*i).map(String::as_str).unwrap_or("");
                (h.clone(), norm(cell), cell.trim().to_string())
            })
            .collect::<Vec<_>>();
        RowView {
            item,
            section: row.section,
            section_head: row.section_head,
            measure_own: row.measure_own.then_some(row.measure),
            measure: row.measure,
            measure_text: names.get(row.measure).to_string(),
            measure_display: names.get(row.measure_display).to_string(),
            goal,
            goal_masked,
            clauses,
            lead: unit_list(&item.lead),
            support: unit_list(&item.support),
            documents: unit_list(&item.documents),
            deadlines: item.deadlines.iter().map(|d| norm(&d.text)).collect(),
            other,
            schedule_display,
        }
    }
}

/// The row's key and detail hashes (see [`Row`]).
fn hashes(v: &RowView<'_>) -> (u64, u64) {
    let mut h = DefaultHasher::new();
    // The measure the row belongs to, not whether it carries it: a row swapped with the
    // first row of its merged measure keeps its key.
    v.measure_text.hash(&mut h);
    v.goal.hash(&mut h);
    for c in &v.clauses {
        c.period.hash(&mut h);
        c.norm.hash(&mut h);
    }
    sorted(&v.lead).hash(&mut h);
    sorted(&v.support).hash(&mut h);
    for (hd, x, _) in &v.other {
        hd.hash(&mut h);
        x.hash(&mut h);
    }
    let key = h.finish();
    // The detail hashes the texts again, in order and with what the key leaves out, so
    // that two rows pass as unchanged only when both hashes agree.
    let mut h = DefaultHasher::new();
    0xd1u8.hash(&mut h);
    v.section.hash(&mut h);
    v.measure_text.hash(&mut h);
    v.goal.hash(&mut h);
    for c in &v.clauses {
        c.period.hash(&mut h);
        c.norm.hash(&mut h);
    }
    v.lead.hash(&mut h);
    v.support.hash(&mut h);
    v.documents.hash(&mut h);
    v.deadlines.hash(&mut h);
    v.other.hash(&mut h);
    (key, h.finish())
}

pub(crate) fn sorted(list: &[String]) -> Vec<&str> {
    let mut v: Vec<&str> = list.iter().map(String::as_str).collect();
    v.sort_unstable();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_list_numbers_only() {
        assert_eq!(strip_number("（21） 着力深化环境污染治理。"), "着力深化环境污染治理。");
        assert_eq!(strip_number("88. 打造法律援助惠民工程"), "打造法律援助惠民工程");
        assert_eq!(strip_number("(3)推进"), "推进");
        assert_eq!(strip_number("2.5万路"), "2.5万路");
        assert_eq!(strip_number("10. "), "");
        assert_eq!(strip_number("2020年"), "2020年");
    }

    #[test]
    fn norm_folds_width_and_space() {
        assert_eq!(norm(" 二期,完成\u{3000}Ａ１ "), "二期,完成A1");
        assert_eq!(norm("二期，完成"), "二期,完成");
        assert_eq!(norm("[bookmark: _GoBack]严格落实"), "严格落实");
        assert_eq!(norm("[bookmark: 未闭合"), "[bookmark:未闭合");
    }

    #[test]
    fn rows_are_held_as_ids_and_hashes() {
        use taizhang_model::plan::Goal;
        let item = |row: usize, section: &str, lead: &[&str]| Item {
            row,
            section: Some(section.into()),
            goal: Goal { text: "建成地铁一号线".into(), ..Goal::default() },
            lead: lead.iter().map(|u| u.to_string()).collect(),
            ..Item::default()
        };
        let plan = Plan {
            items: vec![
                item(1, "（1）交通", &["城建局", "交通局"]),
                item(2, "（1）交通", &["城建局", "交通局"]),
                item(3, "（1）交通", &["交通局", "城建局"]),
                item(4, "（2）环境", &["城建局", "交通局"]),
            ],
            ..Plan::default()
        };
        let (mut names, mut df) = (Names::default(), IdMap::default());
        let side = Side::new(&plan, &mut names, &mut df);
        let r: Vec<&Row<'_>> = side.rows.iter().collect();
        // The same row twice: one key, one detail; the section is named once.
        assert_eq!((r[0].key, r[0].detail), (r[1].key, r[1].detail));
        assert_eq!(r[0].section, r[1].section);
        assert!(r[0].section_head && !r[1].section_head);
        // Units in another order: the same key (aligned as the same row), another detail
        // (compared field by field, reported as reordered).
        assert_eq!(r[0].key, r[2].key);
        assert_ne!(r[0].detail, r[2].detail);
        // Another section: the key ignores it, the detail does not.
        assert_eq!(r[0].key, r[3].key);
        assert_ne!(r[0].detail, r[3].detail);
        assert_eq!(names.get(r[3].section), "环境");
        let view = side.view(3, &names).expect("row 4");
        assert_eq!(view.goal, "建成地铁一号线");
        assert_eq!(view.lead, ["城建局", "交通局"]);
        // Every token of the four rows is counted once per row that holds it.
        assert!(df.values().all(|&d| d == 4));
    }

    #[test]
    fn masks_numbers() {
        assert_eq!(mask_digits("完成投资26.1亿元，年内。"), "完成投资#亿元，年内。");
        assert_eq!(mask_digits("完成12亿元"), mask_digits("完成10亿元"));
        assert_ne!(mask_digits("第2批"), mask_digits("第二批"));
        assert_eq!(mask_digits("第1.项"), "第#.项");
    }
}
