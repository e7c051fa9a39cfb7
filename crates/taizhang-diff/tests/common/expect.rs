//! Checks a diff against an expected-edits file (`fixtures/revision/changes.json`): every
//! edit reported with the right kind, rows and fields, and nothing else reported.
//!
//! The expected file names kinds by what a reviewer sees (`modified_target`, `lead_changed`,
//! `schedule_moved`…); they map onto the diff's kinds and fields as below. Each edit lists
//! the column it changed, so a `modified` change must name exactly the fields of the
//! columns its edits touched.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use taizhang_model::diff::{ChangeKind, Field, MilestoneChangeKind, PlanDiff};

fn field_of_column(column: &str) -> Option<Field> {
    Some(match column {
        c if c.contains("具体措施") => Field::MeasureText,
        c if c.contains("原文表述") => Field::Section,
        c if c.contains("目标") => Field::GoalText,
        c if c.contains("进度") => Field::Schedule,
        c if c.contains("牵头") => Field::Lead,
        c if c.contains("配合") => Field::Support,
        _ => return None,
    })
}

/// Compares `diff` with the `edits` of an expected-diff file. `quantities`: the plans carry
/// parsed quantities, so a target change must be reported as `goal.quantities` (and not as
/// `goal.text`); without them it shows as `goal.text`.
pub fn check(diff: &PlanDiff, expected: &Value, quantities: bool) -> Result<(), String> {
    let edits = expected["edits"].as_array().ok_or("no edits")?;
    let mut problems = Vec::new();
    // (v1, v2) -> expected fields, for modified rows.
    let mut modified: BTreeMap<(usize, usize), BTreeSet<Field>> = BTreeMap::new();
    let mut schedule_moves: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut added = BTreeSet::new();
    let mut removed = BTreeSet::new();
    let mut moved: Vec<[(usize, usize); 2]> = Vec::new();
    let mut reordered = BTreeSet::new();
    // (old row, new rows) and (old rows, new row).
    let mut splits: BTreeSet<(usize, Vec<usize>)> = BTreeSet::new();
    let mut merges: BTreeSet<(Vec<usize>, usize)> = BTreeSet::new();
    let row = |v: &Value| v.as_u64().map(|r| r as usize);
    let rows = |v: &Value| -> Vec<usize> {
        v.as_array().map(|a| a.iter().filter_map(row).collect()).unwrap_or_default()
    };
    for e in edits {
        let kind = e["kind"].as_str().unwrap_or("");
        let (v1, v2) = (row(&e["v1_row"]), row(&e["v2_row"]));
        match (kind, v1, v2) {
            ("added", _, Some(b)) => {
                added.insert(b);
            }
            ("removed", Some(a), _) => {
                removed.insert(a);
            }
            ("split", Some(a), _) => {
                splits.insert((a, rows(&e["v2_rows"])));
            }
            ("merged", _, Some(b)) => {
                merges.insert((rows(&e["v1_rows"]), b));
            }
            ("reordered", Some(a), Some(b)) => {
                reordered.insert((a, b));
            }
            ("moved", Some(a), Some(b)) => {
                let other = &e["swapped_with"];
                let swap = match (row(&other["v1_row"]), row(&other["v2_row"])) {
                    (Some(x), Some(y)) => (x, y),
                    _ => (a, b),
                };
                moved.push([(a, b), swap]);
            }
            (_, Some(a), Some(b)) => {
                let column = e["column"].as_str().unwrap_or("");
                let Some(mut field) = field_of_column(column) else {
                    problems.push(format!("edit with unknown column {column:?}"));
                    continue;
                };
                if field == Field::GoalText && kind == "modified_target" && quantities {
                    field = Field::GoalQuantities;
                }
                if kind == "schedule_moved" {
                    schedule_moves.insert((a, b));
                }
                modified.entry((a, b)).or_default().insert(field);
            }
            _ => problems.push(format!("edit not understood: {e}")),
        }
    }

    let mut seen_modified = BTreeSet::new();
    let mut seen_moved = vec![false; moved.len()];
    for c in &diff.changes {
        let pair = (c.old_row.unwrap_or(0), c.new_row.unwrap_or(0));
        match c.kind {
            ChangeKind::Modified => {
                let got: BTreeSet<Field> = c.fields.iter().map(|f| f.field).collect();
                match modified.get(&pair) {
                    None => problems.push(format!(
                        "unexpected modified row {} → {}: {:?}",
                        pair.0, pair.1, c.fields
                    )),
                    Some(want) if *want != got => problems.push(format!(
                        "row {} → {}: fields {got:?}, expected {want:?}: {:?}",
                        pair.0, pair.1, c.fields
                    )),
                    Some(_) => {
                        seen_modified.insert(pair);
                    }
                }
                if schedule_moves.contains(&pair) {
                    let has_move = c
                        .fields
                        .iter()
                        .any(|f| f.milestones.iter().any(|m| m.kind == MilestoneChangeKind::Moved));
                    if !has_move {
                        problems.push(format!("row {} → {}: no milestone moved", pair.0, pair.1));
                    }
                }
            }
            ChangeKind::Added if c.new_row.is_some_and(|r| added.remove(&r)) => {}
            ChangeKind::Reordered if reordered.remove(&pair) => {}
            ChangeKind::Split
                if c.old_row.is_some_and(|r| splits.remove(&(r, c.new_rows.clone()))) => {}
            ChangeKind::Merged
                if c.new_row.is_some_and(|r| merges.remove(&(c.old_rows.clone(), r))) => {}
            ChangeKind::Removed if c.old_row.is_some_and(|r| removed.remove(&r)) => {}
            ChangeKind::Moved => {
                match moved.iter().position(|m| m.contains(&pair)) {
                    Some(k) if !seen_moved[k] => seen_moved[k] = true,
                    _ => problems.push(format!("unexpected moved row {} → {}", pair.0, pair.1)),
                }
                if !c.fields.is_empty() {
                    problems.push(format!("moved row {} → {} has fields", pair.0, pair.1));
                }
            }
            _ => problems.push(format!(
                "unexpected {:?}: old {:?} new {:?} ({:?} {:?})",
                c.kind, c.old_row, c.new_row, c.old_rows, c.new_rows
            )),
        }
    }
    for pair in modified.keys().filter(|p| !seen_modified.contains(p)) {
        problems.push(format!("modified row {} → {} not reported", pair.0, pair.1));
    }
    problems.extend(added.iter().map(|r| format!("added row {r} not reported")));
    problems.extend(removed.iter().map(|r| format!("removed row {r} not reported")));
    problems.extend(reordered.iter().map(|p| format!("reordered row {p:?} not reported")));
    problems.extend(splits.iter().map(|p| format!("split {p:?} not reported")));
    problems.extend(merges.iter().map(|p| format!("merge {p:?} not reported")));
    for (k, m) in moved.iter().enumerate() {
        if !seen_moved[k] {
            problems.push(format!("moved rows {m:?} not reported"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}
