//! Row-level structure: measures without text, items without a lead unit, duplicate rows.

use std::collections::BTreeMap;

use taizhang_model::check::{Finding, Severity};

use taizhang_model::plan::ColumnRole;
use taizhang_model::{Item, Plan};

use taizhang_i18n::tr;

use crate::{clip, codes, column_of, Findings};

/// A numbered measure whose own cell holds the number and nothing else (`10. `): the
/// model's [`taizhang_model::plan::Measure::is_empty`].
pub(crate) fn empty_measure(plan: &Plan, item: &Item, findings: &mut Findings) {
    let column = column_of(plan, ColumnRole::Measure);
    let Some(number) = item.measure.as_ref().filter(|m| m.is_empty()).and_then(|m| m.number) else {
        return;
    };
    let cell = column.and_then(|c| item.cells.get(c)).map(String::as_str);
    let evidence = cell.map_or_else(|| format!("{number}. "), str::to_owned);
    findings.push(Finding {
        row: Some(item.row),
        column,
        severity: Severity::Warning,
        code: codes::MEASURE_EMPTY.to_owned(),
        message: tr!(findings.lang, "measure/empty", number = number),
        evidence: vec![evidence],
        quantities: Vec::new(),
        related_rows: Vec::new(),
    });
}

/// An item with no lead unit, in a plan that has a lead column.
///
/// A row that continues the measure of the row above, under a row that names a lead unit, most
/// likely sits in a vertically merged lead cell that the table's export left empty: that is
/// an info, not a warning.
pub(crate) fn no_lead(plan: &Plan, index: usize, findings: &mut Findings) {
    let Some(item) = plan.items.get(index) else { return };
    let Some(column) = column_of(plan, ColumnRole::Lead) else { return };
    if !item.lead.iter().all(|l| l.trim().is_empty()) || is_blank(plan, item) {
        return;
    }
    let cell = item.cells.get(column).cloned().unwrap_or_default();
    let above = index.checked_sub(1).and_then(|i| plan.items.get(i));
    let merged_above = above.filter(|above| {
        let continues = item.measure.as_ref().is_some_and(|m| m.inherited);
        let same_measure =
            above.measure.as_ref().map(|m| m.number) == item.measure.as_ref().map(|m| m.number);
        continues && same_measure && !above.lead.is_empty()
    });
    let (severity, message) = match merged_above {
        Some(above) => (
            Severity::Info,
            tr!(
                findings.lang,
                "item/no-lead.merged",
                row = above.row,
                units = above.lead.join("、")
            ),
        ),
        None => (Severity::Warning, tr!(findings.lang, "item/no-lead").to_owned()),
    };
    findings.push(Finding {
        row: Some(item.row),
        column: Some(column),
        severity,
        code: codes::ITEM_NO_LEAD.to_owned(),
        message,
        evidence: vec![cell],
        quantities: Vec::new(),
        related_rows: merged_above.map(|a| vec![a.row]).unwrap_or_default(),
    });
}

/// A row with nothing but numbering in it: nothing to lead.
fn is_blank(plan: &Plan, item: &Item) -> bool {
    content_key(plan, item).chars().all(|c| c == '\u{1f}')
}

/// Rows whose cells say the same thing once numbering and spacing are set aside.
pub(crate) fn duplicates(plan: &Plan, findings: &mut Findings) {
    let mut first_seen: BTreeMap<String, usize> = BTreeMap::new();
    let goal = column_of(plan, ColumnRole::Goal);
    let schedule = column_of(plan, ColumnRole::Schedule);
    for item in &plan.items {
        let key = content_key(plan, item);
        // Rows that carry only a merged measure and empty cells look alike without being
        // copies: only rows with a goal or a schedule count.
        let substantive = [goal, schedule]
            .into_iter()
            .flatten()
            .any(|c| item.cells.get(c).is_some_and(|t| !normalize(t).is_empty()));
        if !substantive {
            continue;
        }
        match first_seen.get(&key) {
            Some(&first) => {
                let text = goal
                    .and_then(|c| item.cells.get(c))
                    .or_else(|| schedule.and_then(|c| item.cells.get(c)))
                    .map(|t| clip(t, 40))
                    .unwrap_or_default();
                findings.push(Finding {
                    row: Some(item.row),
                    column: None,
                    severity: Severity::Warning,
                    code: codes::ITEM_DUPLICATE.to_owned(),
                    message: tr!(findings.lang, "item/duplicate", row = item.row, first = first),
                    evidence: vec![
                        tr!(findings.lang, "evidence.row", row = first, text = text),
                        tr!(findings.lang, "evidence.row", row = item.row, text = text),
                    ],
                    quantities: Vec::new(),
                    related_rows: vec![first],
                });
            }
            None => {
                first_seen.insert(key, item.row);
            }
        }
    }
}

/// The row's cells without numbering and spaces, the sequence column left out.
fn content_key(plan: &Plan, item: &Item) -> String {
    let seq = column_of(plan, ColumnRole::Seq);
    item.cells
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != seq)
        .map(|(_, cell)| normalize(cell))
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// A cell's text without its leading list number (`（8）`, `10.`, `3、`) and without spaces.
fn normalize(cell: &str) -> String {
    let trimmed = cell.trim_start();
    let rest = strip_number(trimmed).unwrap_or(trimmed);
    rest.chars().filter(|c| !c.is_whitespace()).collect()
}

fn strip_number(text: &str) -> Option<&str> {
    taizhang_lexicon::leading_list_number(text).map(|n| n.rest(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_not_content() {
        assert_eq!(normalize("（8） "), "");
        assert_eq!(normalize("11. 推动 建设"), "推动建设");
        assert_eq!(normalize("20个"), "20个");
        assert_eq!(normalize("1.5万人"), "1.5万人");
    }
}
