//! A small structurer for the six-column plan layout of the fixtures, so the diff can be
//! tested on real text independently of the parser. It knows only that layout: the section
//! in column 0, `N. measure` in column 1, goal, schedule, lead and support after it. It
//! finds no quantities, documents or deadlines; tests that need them set them by hand.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use taizhang_model::plan::{Column, ColumnRole, Goal, Item, Measure, Milestone, Plan, PLAN_SCHEMA};

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(rel)
}

const ROLES: [ColumnRole; 6] = [
    ColumnRole::Section,
    ColumnRole::Measure,
    ColumnRole::Goal,
    ColumnRole::Schedule,
    ColumnRole::Lead,
    ColumnRole::Support,
];

/// Reads a fixture table (the cell-per-line text export) and structures it.
pub fn plan(rel: &str) -> Plan {
    let path = fixture(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let text = String::from_utf8_lossy(&bytes);
    let rows = read_cells(&text);
    let mut p = plan_from_cells(rows.get(1..).unwrap_or_default());
    p.source.file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    p
}

/// The cell-per-line layout: a line starting with a TAB opens a cell, other lines continue
/// it, and a blank line ends the row once it has six cells (before that it is an empty
/// paragraph of the cell).
fn read_cells(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row: Vec<Vec<String>> = Vec::new();
    for (k, line) in text.lines().enumerate() {
        let line = if k == 0 { line.trim_start_matches(' ') } else { line };
        if let Some(cell) = line.strip_prefix('\t') {
            row.push(vec![cell.to_string()]);
        } else if line.trim().is_empty() {
            if row.len() >= 6 {
                rows.push(std::mem::take(&mut row));
            } else if let Some(cell) = row.last_mut() {
                cell.push(String::new());
            }
        } else if let Some(cell) = row.last_mut() {
            cell.push(line.to_string());
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows.into_iter()
        .map(|r| {
            let mut cells: Vec<String> = r.into_iter().map(|p| p.join("\n")).collect();
            while cells.last().is_some_and(|c| c.is_empty()) && cells.len() > 6 {
                cells.pop();
            }
            cells.resize(6.max(cells.len()), String::new());
            cells
        })
        .collect()
}

fn strip_number(text: &str) -> (Option<u32>, &str) {
    let t = text.trim_start();
    let inner = t.strip_prefix('（').unwrap_or(t);
    let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return (None, t);
    }
    let n = inner[..digits].parse().ok();
    let rest = &inner[digits..];
    let rest = rest.strip_prefix('）').or_else(|| rest.strip_prefix('.')).unwrap_or(rest);
    (n, rest.trim())
}

const LABELS: [(&str, u8, u8); 9] = [
    ("一、二季度", 1, 2),
    ("二、三季度", 2, 3),
    ("一季度", 1, 1),
    ("二季度", 2, 2),
    ("三季度", 3, 3),
    ("四季度", 4, 4),
    ("上半年", 1, 2),
    ("下半年", 3, 4),
    ("全年", 1, 4),
];

/// Cuts a schedule cell at period labels that begin the cell, a line or a sentence.
pub fn schedule(cell: &str) -> Vec<Milestone> {
    let chars: Vec<char> = cell.chars().collect();
    let mut cuts: Vec<(usize, usize, &str, u8, u8)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let at_start = i == 0 || matches!(chars[i - 1], '。' | '；' | '\n');
        if at_start {
            let rest: String = chars[i..].iter().take(6).collect();
            if let Some(&(l, s, e)) = LABELS.iter().find(|(l, _, _)| rest.starts_with(l)) {
                let len = l.chars().count();
                let sep = usize::from(matches!(chars.get(i + len), Some('，' | '：' | ',')));
                cuts.push((i, i + len + sep, l, s, e));
                i += len;
                continue;
            }
        }
        i += 1;
    }
    let mut out = Vec::new();
    let text_of = |a: usize, b: usize| chars[a..b].iter().collect::<String>().trim().to_string();
    let first = cuts.first().map(|c| c.0).unwrap_or(chars.len());
    if !text_of(0, first).is_empty() {
        out.push(Milestone { text: text_of(0, first), ..Default::default() });
    }
    for (k, &(_, body, l, s, e)) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).map(|c| c.0).unwrap_or(chars.len());
        out.push(Milestone {
            label: Some(l.to_string()),
            start: Some(s),
            end: Some(e),
            text: text_of(body, end),
            ..Default::default()
        });
    }
    out
}

fn units(cell: &str) -> Vec<String> {
    cell.split(['、', '，', ',', '\n'])
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(String::from)
        .collect()
}

/// Structures rows of six cells.
pub fn plan_from_cells(rows: &[Vec<String>]) -> Plan {
    let cell = |r: &Vec<String>, i: usize| r.get(i).cloned().unwrap_or_default();
    let mut items = Vec::new();
    let mut section: Option<String> = None;
    let mut measure: Option<Measure> = None;
    for (k, r) in rows.iter().enumerate() {
        let c0 = cell(r, 0);
        let (seq, sec) = strip_number(&c0);
        if !sec.is_empty() {
            section = Some(sec.trim_end_matches('。').to_string());
        }
        let m = cell(r, 1);
        if m.trim().is_empty() {
            if let Some(prev) = &mut measure {
                prev.inherited = true;
            }
        } else {
            let (number, text) = strip_number(&m);
            measure = Some(Measure {
                number,
                text: text.to_string(),
                inherited: false,
                quantities: vec![],
            });
        }
        let goal = cell(r, 2);
        items.push(Item {
            id: format!("r{:03}", k + 1),
            row: k + 1,
            seq,
            section: section.clone(),
            measure: measure.clone(),
            goal: Goal { text: goal.trim().to_string(), ..Goal::default() },
            schedule: schedule(&cell(r, 3)),
            lead: units(&cell(r, 4)),
            support: units(&cell(r, 5)),
            cells: r.clone(),
            ..Default::default()
        });
    }
    Plan {
        schema: PLAN_SCHEMA.into(),
        source: taizhang_model::Source {
            file: "plan.txt".into(),
            format: taizhang_model::table::Format::Txt,
            sha256: String::new(),
            encoding: None,
            table: Some(0),
        },
        year: Some(2020),
        year_source: None,
        confidence: None,
        columns: ROLES
            .iter()
            .enumerate()
            .map(|(index, &role)| Column { index, header: format!("{role:?}"), role, by: None })
            .collect(),
        items,
        headings: vec![],
        warnings: vec![],
        ..Plan::default()
    }
}

/// The seed's rows repeated until there are `rows` of them, each copy with its own district
/// name so rows are not all duplicates.
pub fn repeated(seed: &Plan, rows: usize) -> Plan {
    let mut plan = seed.clone();
    plan.items = (0..rows)
        .map(|k| {
            let n = seed.items.len().max(1);
            let mut item = seed.items[k % n].clone();
            let copy = k / n;
            item.goal.text = format!("第{copy}片区：{}", item.goal.text);
            if let Some(m) = &mut item.measure {
                m.text = format!("第{copy}片区：{}", m.text);
            }
            item.row = k + 1;
            item
        })
        .collect();
    plan
}

/// A deterministic revision of `plan`: every 37th row gets a new number, every 101st is
/// dropped, every 89th is followed by a new row (new content), every 211th swaps with its neighbour, every
/// 53rd gains a supporting unit.
/// How many edits of each kind [`perturbed`] made.
#[derive(Debug, Default)]
pub struct Edits {
    pub dropped: usize,
    pub inserted: usize,
    pub swapped: usize,
}

pub fn perturbed(plan: &Plan) -> (Plan, Edits) {
    let mut out = plan.clone();
    let mut edits = Edits::default();
    let mut items = Vec::with_capacity(plan.items.len() + 64);
    let mut k = 0;
    while k < plan.items.len() {
        let mut item = plan.items[k].clone();
        if k % 101 == 100 {
            edits.dropped += 1;
            k += 1;
            continue;
        }
        if k % 37 == 5 {
            item.goal.text = item.goal.text.replacen('1', "7", 1) + "（调增）";
        }
        if k % 53 == 7 {
            item.support.push("市场监管局".into());
        }
        if k % 211 == 3 && k + 1 < plan.items.len() {
            items.push(plan.items[k + 1].clone());
            items.push(item);
            edits.swapped += 1;
            k += 2;
            continue;
        }
        items.push(item);
        if k % 89 == 11 {
            // A new row in the plan's style but about something no row was about.
            let mut extra = plan.items[k].clone();
            extra.goal.text = format!("新增专项任务{k}：建成智慧灯杆示范路段{}条。", k % 7 + 2);
            extra.measure = None;
            extra.schedule = schedule(&format!(
                "二季度，完成示范路段{k}选址。四季度，建成智慧灯杆示范路段{}条。",
                k % 7 + 2
            ));
            extra.lead = vec!["工业和信息化局".into()];
            extra.support = vec![];
            items.push(extra);
            edits.inserted += 1;
        }
        k += 1;
    }
    for (i, item) in items.iter_mut().enumerate() {
        item.row = i + 1;
    }
    out.items = items;
    (out, edits)
}

/// The seed's rows repeated, as they are, until there are `rows` of them: every row has
/// exact twins, as a ledger listing the same schedule for many units has.
pub fn twins(seed: &Plan, rows: usize) -> Plan {
    let mut plan = seed.clone();
    let n = seed.items.len().max(1);
    plan.items = (0..rows)
        .map(|k| {
            let mut item = seed.items[k % n].clone();
            item.row = k + 1;
            item.id = format!("r{:06}", k + 1);
            item
        })
        .collect();
    plan
}

/// One edit a test expects the diff to report: its kind, the old row and the new row (row
/// numbers as the plans give them), and for a swap the other row of the pair, which may be
/// reported as the moved one instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Expected {
    pub kind: taizhang_model::diff::ChangeKind,
    pub old_row: Option<usize>,
    pub new_row: Option<usize>,
    pub or: Option<(usize, usize)>,
}

/// Twelve edits spread over `plan`: four goal numbers or texts changed, two supporting units
/// added, a lead unit replaced (seven modified rows), two rows removed, two added, and two
/// neighbouring rows swapped (one moved row).
pub fn twelve_edits(plan: &Plan) -> (Plan, Vec<Expected>) {
    use taizhang_model::diff::ChangeKind;
    #[derive(Clone, Copy, PartialEq)]
    enum Edit {
        Number,
        Wording,
        Support,
        Lead,
        Remove,
        Add,
        Swap,
    }
    let plan_edits = [
        Edit::Number,
        Edit::Remove,
        Edit::Add,
        Edit::Support,
        Edit::Number,
        Edit::Lead,
        Edit::Remove,
        Edit::Swap,
        Edit::Add,
        Edit::Wording,
        Edit::Support,
        Edit::Number,
    ];
    let n = plan.items.len();
    let goal = |k: usize| plan.items[k].goal.text.as_str();
    // Where each edit goes: spread evenly, moved on to a row it can be made on.
    let mut at: Vec<(usize, Edit)> = Vec::new();
    for (e, &edit) in plan_edits.iter().enumerate() {
        let mut k = n * (2 * e + 1) / (2 * plan_edits.len());
        // A row removed or moved carries no section or measure heading, else the rows under
        // it would change their section or measure too (rightly reported, but not one edit).
        let plain = |k: usize| {
            let item = &plan.items[k];
            k > 0
                && item.section == plan.items[k - 1].section
                && item.measure.as_ref().is_none_or(|m| m.inherited)
        };
        let fits = |k: usize| match edit {
            Edit::Number => goal(k).contains(|c: char| c.is_ascii_digit()),
            Edit::Remove => plain(k),
            Edit::Swap => {
                k + 1 < n
                    && goal(k) != goal(k + 1)
                    && !goal(k).is_empty()
                    && plain(k)
                    && plain(k + 1)
            }
            Edit::Wording => !goal(k).is_empty(),
            _ => true,
        };
        // Apart from the other edits (a swap takes two rows).
        let apart = |k: usize| at.iter().all(|a: &(usize, Edit)| a.0 + 2 < k || a.0 > k + 2);
        while k < n && !(fits(k) && apart(k)) {
            k += 1;
        }
        assert!(k < n, "no row for an edit");
        at.push((k, edit));
    }
    // (old index, item) in the new plan's order.
    let mut rows: Vec<(Option<usize>, Item)> = Vec::with_capacity(n + 2);
    let mut k = 0;
    while k < n {
        let mut item = plan.items[k].clone();
        match at.iter().find(|a| a.0 == k).map(|a| a.1) {
            Some(Edit::Remove) => {}
            Some(Edit::Swap) => {
                rows.push((Some(k + 1), plan.items[k + 1].clone()));
                rows.push((Some(k), item));
                k += 2;
                continue;
            }
            Some(Edit::Add) => {
                rows.push((Some(k), item.clone()));
                let mut extra = item;
                extra.goal.text = format!("新增专项任务{k}：建成智慧灯杆示范路段{}条。", k % 7 + 2);
                extra.measure = None;
                extra.schedule = schedule(&format!("二季度，完成示范路段{k}选址。"));
                extra.lead = vec!["工业和信息化局".into()];
                extra.support = vec![];
                rows.push((None, extra));
            }
            Some(edit) => {
                match edit {
                    Edit::Number => {
                        let text = &item.goal.text;
                        let p = text.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
                        let d = text.as_bytes()[p] - b'0';
                        let mut t = text.clone();
                        t.replace_range(p..p + 1, &((d + 1) % 10).to_string());
                        item.goal.text = t;
                    }
                    Edit::Wording => item.goal.text.push_str("（调增）"),
                    Edit::Support => item.support.push("市场监管局".into()),
                    _ => item.lead = vec!["市数据局".into()],
                }
                rows.push((Some(k), item));
            }
            None => rows.push((Some(k), item)),
        }
        k += 1;
    }
    let new_row_of = |old: usize| rows.iter().position(|r| r.0 == Some(old)).map(|p| p + 1);
    let mut expected = Vec::new();
    for &(k, edit) in &at {
        let row = plan.items[k].row;
        let e = match edit {
            Edit::Remove => {
                Expected { kind: ChangeKind::Removed, old_row: Some(row), new_row: None, or: None }
            }
            Edit::Add => Expected {
                kind: ChangeKind::Added,
                old_row: None,
                new_row: new_row_of(k).map(|r| r + 1),
                or: None,
            },
            Edit::Swap => Expected {
                kind: ChangeKind::Moved,
                old_row: Some(row),
                new_row: new_row_of(k),
                or: new_row_of(k + 1).map(|r| (plan.items[k + 1].row, r)),
            },
            _ => Expected {
                kind: ChangeKind::Modified,
                old_row: Some(row),
                new_row: new_row_of(k),
                or: None,
            },
        };
        expected.push(e);
    }
    let mut out = plan.clone();
    out.items = rows
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut item))| {
            item.row = i + 1;
            item.id = format!("r{:06}", i + 1);
            item
        })
        .collect();
    (out, expected)
}
