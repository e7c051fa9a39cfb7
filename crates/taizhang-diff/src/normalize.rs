//! The comparable form of a row: its texts with numbering, whitespace and width variants
//! removed, the measure and section it carries itself, and its schedule cut into clauses.

use std::hash::{DefaultHasher, Hash, Hasher};

use taizhang_model::plan::{ColumnRole, Plan};
use taizhang_model::{Item, Quantity};

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

/// A row of a plan, ready to be compared.
#[derive(Debug, Clone)]
pub(crate) struct RowView<'a> {
    pub item: &'a Item,
    /// The section the row stands in, normalized.
    pub section: String,
    /// True when the section heading is written on this row (it starts the section).
    pub section_head: bool,
    /// The measure text the row carries itself (not inherited, not empty), normalized.
    pub measure_own: Option<String>,
    /// The measure the row belongs to, normalized (its own or the one above).
    pub measure: String,
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
    /// A hash of everything a change can be reported on, except the section and the order
    /// of units: rows with equal keys are the same row, numbering aside.
    pub key: u64,
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

/// The comparable rows of a plan, in table order.
pub(crate) fn rows(plan: &Plan) -> Vec<RowView<'_>> {
    let schedule_col = column_of(plan, ColumnRole::Schedule);
    let other_cols: Vec<(usize, String)> = plan
        .columns
        .iter()
        .filter(|c| c.role == ColumnRole::Other)
        .map(|c| (c.index, norm(&c.header)))
        .collect();
    let mut out: Vec<RowView<'_>> = Vec::with_capacity(plan.items.len());
    let mut prev_section: Option<String> = None;
    let mut prev_measure = (String::new(), String::new());
    for item in &plan.items {
        let section = item.section.as_deref().map(|s| norm(strip_number(s))).unwrap_or_default();
        let section_head = !section.is_empty() && prev_section.as_deref() != Some(&section);
        prev_section = Some(section.clone());

        // A measure cell holding only its number (`Measure::is_empty`: Word numbering an
        // empty paragraph of a merged cell) carries no measure: the row continues the
        // measure above, exactly as a merged-away cell does.
        let own = item
            .measure
            .as_ref()
            .filter(|m| !m.inherited && !m.is_empty())
            .map(|m| (norm(strip_number(&m.text)), strip_number(&m.text).trim().to_string()))
            .filter(|(n, _)| !n.is_empty());
        let (measure, measure_display) = match &own {
            Some(pair) => pair.clone(),
            None => match item.measure.as_ref().filter(|m| m.inherited) {
                Some(m) if !norm(&m.text).is_empty() => {
                    (norm(strip_number(&m.text)), strip_number(&m.text).trim().to_string())
                }
                _ => prev_measure.clone(),
            },
        };
        prev_measure = (measure.clone(), measure_display.clone());

        let goal = norm(&item.goal.text);
        let goal_masked = mask_digits(&goal);
        let mut clauses = Vec::new();
        for m in &item.schedule {
            clauses_of(m, &mut clauses);
        }
        let schedule_display = match schedule_col.and_then(|i| item.cells.get(i)) {
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
        let lead = unit_list(&item.lead);
        let support = unit_list(&item.support);
        let documents = unit_list(&item.documents);
        let deadlines: Vec<String> = item.deadlines.iter().map(|d| norm(&d.text)).collect();
        let other = other_cols
            .iter()
            .map(|(i, h)| {
                let cell = item.cells.get(*i).map(String::as_str).unwrap_or("");
                (h.clone(), norm(cell), cell.trim().to_string())
            })
            .collect::<Vec<_>>();

        let mut h = DefaultHasher::new();
        // The measure the row belongs to, not whether it carries it: a row swapped with the
        // first row of its merged measure keeps its key.
        measure.hash(&mut h);
        goal.hash(&mut h);
        for c in &clauses {
            c.period.hash(&mut h);
            c.norm.hash(&mut h);
        }
        sorted(&lead).hash(&mut h);
        sorted(&support).hash(&mut h);
        for (hd, v, _) in &other {
            hd.hash(&mut h);
            v.hash(&mut h);
        }
        let key = h.finish();

        out.push(RowView {
            item,
            section,
            section_head,
            measure_own: own.map(|(n, _)| n),
            measure,
            measure_display,
            goal,
            goal_masked,
            clauses,
            lead,
            support,
            documents,
            deadlines,
            other,
            schedule_display,
            key,
        });
    }
    out
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
    fn masks_numbers() {
        assert_eq!(mask_digits("完成投资26.1亿元，年内。"), "完成投资#亿元，年内。");
        assert_eq!(mask_digits("完成12亿元"), mask_digits("完成10亿元"));
        assert_ne!(mask_digits("第2批"), mask_digits("第二批"));
        assert_eq!(mask_digits("第1.项"), "第#.项");
    }
}
