//! Aligns two revisions of a plan and reports what changed.
//!
//! This crate sits after the parser (reader → parser → emit/diff): it takes two
//! [`Plan`]s and returns a [`PlanDiff`], knowing nothing of files or formats, so a `.txt`
//! export and a `.docx` of the same plan compare equal.
//!
//! Rows are aligned by content, never by row or measure number (an inserted row renumbers
//! everything after it): exact-content anchors first, then similarity inside the gaps between
//! them, then a pass for moved, split and merged rows over what is left. Aligned rows are then
//! compared field by field, on text with numbering, whitespace and full-width variants
//! removed; a row that only changed its numbering is unchanged, one whose units only
//! changed order is `reordered`.
//!
//! ```
//! use taizhang_diff::diff;
//! use taizhang_model::plan::{Goal, Item, Plan, PLAN_SCHEMA};
//! use taizhang_model::table::{Format, Source};
//!
//! fn item(row: usize, goal: &str) -> Item {
//!     Item {
//!         row,
//!         goal: Goal { text: goal.into(), ..Goal::default() },
//!         lead: vec!["城建局".into()],
//!         ..Item::default()
//!     }
//! }
//! let plan = |goals: &[&str]| Plan {
//!     schema: PLAN_SCHEMA.into(),
//!     source: Source { file: "p.txt".into(), format: Format::Txt, sha256: String::new(),
//!                      encoding: None, table: None },
//!     year: Some(2020),
//!     columns: vec![],
//!     items: goals.iter().enumerate().map(|(i, g)| item(i + 1, g)).collect(),
//!     headings: vec![],
//!     warnings: vec![],
//!     ..Plan::default()
//! };
//! let old = plan(&["建成地铁一号线", "完成污水管网建设"]);
//! let new = plan(&["新建公园绿地十个", "建成地铁一号线", "完成污水管网建设"]);
//! let d = diff(&old, &new);
//! assert_eq!(d.changes.len(), 1); // one row added at the top; the others only renumbered
//! assert_eq!(d.changes[0].new_row, Some(1));
//! assert_eq!(d.summary.unchanged, 2);
//! ```

mod align;
mod compare;
mod normalize;
pub mod render;
mod similarity;
pub mod words;

pub use render::{render_text, render_text_in, Plans, RenderOptions};

use taizhang_model::diff::{Change, ChangeKind, DiffSource, PlanDiff, Summary, DIFF_SCHEMA};
use taizhang_model::Plan;

use crate::align::Link;
use crate::compare::{compare, Renames};
use crate::normalize::{Names, RowView, Side};
use crate::similarity::IdMap;

/// Compares two plans: which rows were added, removed, modified, moved, split or merged.
pub fn diff(old: &Plan, new: &Plan) -> PlanDiff {
    // Both plans' rows held compactly (ids and hashes); the full comparable form of a row
    // is built again only where a change is reported or a similarity computed.
    let mut names = Names::default();
    let mut df = IdMap::default();
    let a = Side::new(old, &mut names, &mut df);
    let b = Side::new(new, &mut names, &mut df);
    let al = align::align(&a, &b, &names, df);

    let mut renames = Renames::default();
    for link in al.in_order.iter().chain(&al.moved) {
        if let Link::Pair(i, j, _) = *link {
            if let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
                renames.learn(x, y);
            }
        }
    }

    // Where a removed row is listed: right after the new row its nearest aligned
    // predecessor became.
    let mut after_new: Vec<usize> = vec![0; a.len()];
    {
        let mut last = 0;
        let mut new_of_old: Vec<Option<usize>> = vec![None; a.len()];
        for link in &al.in_order {
            match *link {
                Link::Pair(i, j, _) => set(&mut new_of_old, i, j),
                Link::Split(i, _, k, _) => set(&mut new_of_old, i, k),
                Link::Merge(i, k, j, _) => {
                    set(&mut new_of_old, i, j);
                    set(&mut new_of_old, k, j);
                }
            }
        }
        for (i, slot) in after_new.iter_mut().enumerate() {
            *slot = last;
            if let Some(Some(j)) = new_of_old.get(i) {
                last = j + 1;
            }
        }
    }

    let mut keyed: Vec<((usize, u8, usize), Change)> = Vec::new();
    let mut summary = Summary::default();
    let links = al.in_order.iter().map(|l| (l, false)).chain(al.moved.iter().map(|l| (l, true)));
    for (link, moved) in links {
        match *link {
            Link::Pair(i, j, s) => {
                let (Some(x), Some(y)) = (a.get(i), b.get(j)) else { continue };
                if !moved && x.key == y.key && x.detail == y.detail {
                    summary.unchanged += 1;
                    continue;
                }
                let (Some(x), Some(y)) = (a.view(i, &names), b.view(j, &names)) else { continue };
                let (x, y) = (&x, &y);
                let cmp = compare(x, y, &renames);
                let (kind, fields) = if moved {
                    summary.moved += 1;
                    (ChangeKind::Moved, cmp.fields)
                } else if !cmp.fields.is_empty() {
                    summary.modified += 1;
                    (ChangeKind::Modified, cmp.fields)
                } else if !cmp.reordered.is_empty() {
                    summary.reordered += 1;
                    (ChangeKind::Reordered, cmp.reordered)
                } else {
                    summary.unchanged += 1;
                    continue;
                };
                let mut c = change(kind, Some(y), Some(x), y);
                c.old_row = Some(x.item.row);
                c.new_row = Some(y.item.row);
                c.similarity = Some(round(s));
                c.fields = fields;
                keyed.push(((j + 1, 0, i), c));
            }
            Link::Split(i, j, k, s) => {
                let (Some(x), Some(y), Some(z)) = (a.view(i, &names), b.view(j, &names), b.get(k))
                else {
                    continue;
                };
                let (x, y) = (&x, &y);
                summary.split += 1;
                let mut c = change(ChangeKind::Split, Some(y), Some(x), x);
                c.old_row = Some(x.item.row);
                c.new_rows = vec![y.item.row, z.item.row];
                c.similarity = Some(round(s));
                keyed.push(((j + 1, 0, i), c));
            }
            Link::Merge(i, k, j, s) => {
                let (Some(x), Some(z), Some(y)) = (a.view(i, &names), a.get(k), b.view(j, &names))
                else {
                    continue;
                };
                let (x, y) = (&x, &y);
                summary.merged += 1;
                let mut c = change(ChangeKind::Merged, Some(y), Some(x), y);
                c.old_rows = vec![x.item.row, z.item.row];
                c.new_row = Some(y.item.row);
                c.similarity = Some(round(s));
                keyed.push(((j + 1, 0, i), c));
            }
        }
    }
    for &i in &al.removed {
        let Some(x) = a.view(i, &names) else { continue };
        let x = &x;
        summary.removed += 1;
        let mut c = change(ChangeKind::Removed, None, Some(x), x);
        c.old_row = Some(x.item.row);
        c.cells = x.item.cells.clone();
        keyed.push(((after_new.get(i).copied().unwrap_or(0), 1, i), c));
    }
    for &j in &al.added {
        let Some(y) = b.view(j, &names) else { continue };
        let y = &y;
        summary.added += 1;
        let mut c = change(ChangeKind::Added, Some(y), None, y);
        c.new_row = Some(y.item.row);
        c.cells = y.item.cells.clone();
        keyed.push(((j + 1, 0, usize::MAX), c));
    }
    keyed.sort_by_key(|k| k.0);

    PlanDiff {
        schema: DIFF_SCHEMA.into(),
        old: source(old),
        new: source(new),
        changes: keyed.into_iter().map(|k| k.1).collect(),
        summary,
    }
}

fn set(v: &mut [Option<usize>], i: usize, j: usize) {
    if let Some(slot) = v.get_mut(i) {
        *slot = Some(j);
    }
}

fn round(s: f32) -> f64 {
    (f64::from(s) * 1000.0).round() / 1000.0
}

fn source(plan: &Plan) -> DiffSource {
    DiffSource {
        file: plan.source.file.clone(),
        sha256: plan.source.sha256.clone(),
        format: Some(plan.source.format),
        rows: plan.items.len(),
    }
}

/// A change with its section (the new row's, else the old row's) and label filled in.
fn change(
    kind: ChangeKind,
    new: Option<&RowView<'_>>,
    old: Option<&RowView<'_>>,
    labelled: &RowView<'_>,
) -> Change {
    let section = new
        .or(old)
        .and_then(|r| r.item.section.as_deref())
        .map(|s| normalize::strip_number(s).trim().to_string())
        .filter(|s| !s.is_empty());
    Change {
        kind,
        old_row: None,
        new_row: None,
        old_rows: Vec::new(),
        new_rows: Vec::new(),
        similarity: None,
        section,
        label: label(labelled),
        fields: Vec::new(),
        cells: Vec::new(),
    }
}

/// A short name for a row: the measure it starts, else its goal, else its schedule.
fn label(r: &RowView<'_>) -> Option<String> {
    let own = r.measure_own.as_ref().map(|_| r.measure_display.as_str());
    let text = [own, Some(r.item.goal.text.trim()), Some(r.schedule_display.as_str())]
        .into_iter()
        .flatten()
        .find(|t| !t.trim().is_empty())?;
    let text = text.trim().replace('\n', " ");
    const MAX: usize = 40;
    if text.chars().count() > MAX {
        Some(text.chars().take(MAX).collect::<String>() + "…")
    } else {
        Some(text)
    }
}
