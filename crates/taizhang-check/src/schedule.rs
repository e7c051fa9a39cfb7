//! Periods of a schedule: order, overlaps, labels that name no quarter.

use taizhang_model::check::{Finding, Severity};
use taizhang_model::{Item, Milestone};

use taizhang_i18n::{tr, Lang};
use taizhang_lexicon::TimeList;

use crate::{codes, Findings};

/// The milestones of one topic (`森林公园：一季度…四季度`), or of the whole cell when it has
/// no topics: the unit within which periods must follow each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group<'a> {
    pub topic: Option<&'a str>,
    /// Indices into the item's schedule of the milestones that cover part of the year, in
    /// document order. Whole-year milestones (`全年`) sum up the others and stand apart.
    pub periods: Vec<usize>,
    /// No two periods of the group are out of order or overlap: amounts can be read as a
    /// sequence.
    pub ordered: bool,
}

/// The quarters a milestone covers, when it covers part of the year and its label makes sense.
pub(crate) fn quarters(m: &Milestone) -> Option<(u8, u8)> {
    match (m.start, m.end) {
        (Some(s), Some(e)) if (1..=4).contains(&s) && (s..=4).contains(&e) && (s, e) != (1, 4) => {
            Some((s, e))
        }
        _ => None,
    }
}

/// A milestone's place for evidence: `四季度`, or `供水 / 四季度` under a topic.
pub(crate) fn place(lang: Lang, m: &Milestone) -> String {
    let label = m.label.as_deref().unwrap_or(tr!(lang, "diff.before-any"));
    match &m.topic {
        Some(topic) => format!("{topic} / {label}"),
        None => label.to_owned(),
    }
}

/// Splits the schedule into topic groups and reports periods out of order or overlapping.
pub(crate) fn groups<'a>(
    item: &'a Item,
    column: Option<usize>,
    findings: &mut Findings,
) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    for (index, m) in item.schedule.iter().enumerate() {
        let topic = m.topic.as_deref();
        let group = match groups.iter().position(|g| g.topic == topic) {
            Some(i) => i,
            None => {
                groups.push(Group { topic, periods: Vec::new(), ordered: true });
                groups.len() - 1
            }
        };
        if quarters(m).is_some() {
            if let Some(g) = groups.get_mut(group) {
                g.periods.push(index);
            }
        }
    }
    for group in &mut groups {
        for pair in group.periods.windows(2) {
            let [a, b] = pair else { continue };
            let (Some(ma), Some(mb)) = (item.schedule.get(*a), item.schedule.get(*b)) else {
                continue;
            };
            let (Some((sa, ea)), Some((sb, eb))) = (quarters(ma), quarters(mb)) else { continue };
            let problem = if sb < sa {
                Some((
                    codes::SCHEDULE_PERIOD_ORDER,
                    tr!(
                        findings.lang,
                        "schedule/period-order",
                        later = place(findings.lang, mb),
                        earlier = place(findings.lang, ma),
                        qa = span(findings.lang, sa, ea),
                        qb = span(findings.lang, sb, eb)
                    ),
                ))
            } else if sb <= ea {
                Some((
                    codes::SCHEDULE_PERIOD_OVERLAP,
                    tr!(
                        findings.lang,
                        "schedule/period-overlap",
                        later = place(findings.lang, mb),
                        earlier = place(findings.lang, ma),
                        qa = span(findings.lang, sa, ea),
                        qb = span(findings.lang, sb, eb)
                    ),
                ))
            } else {
                None
            };
            if let Some((code, message)) = problem {
                group.ordered = false;
                findings.push(Finding {
                    row: Some(item.row),
                    column,
                    severity: Severity::Warning,
                    code: code.to_owned(),
                    message,
                    evidence: vec![evidence(findings.lang, ma), evidence(findings.lang, mb)],
                    quantities: Vec::new(),
                    related_rows: Vec::new(),
                });
            }
        }
    }
    groups
}

/// `quarter 2`, `quarters 2–3`.
fn span(lang: Lang, start: u8, end: u8) -> String {
    if start == end {
        tr!(lang, "quarter.one", n = start)
    } else {
        tr!(lang, "quarter.span", start = start, end = end)
    }
}

/// A milestone as evidence: its place and the start of its text.
fn evidence(lang: Lang, m: &Milestone) -> String {
    tr!(lang, "evidence.at", place = place(lang, m), text = crate::clip(&m.text, 40))
}

/// Labels the parser kept without quarters, and sentences outside any quarter that open with
/// a period the parser does not know (`5月，…`, `1-6月：…`, `第一阶段：…`).
pub(crate) fn unknown_periods(item: &Item, column: Option<usize>, findings: &mut Findings) {
    for m in &item.schedule {
        if let Some(label) = &m.label {
            if quarters(m).is_none() && (m.start, m.end) != (Some(1), Some(4)) {
                findings.push(Finding {
                    row: Some(item.row),
                    column,
                    severity: Severity::Warning,
                    code: codes::SCHEDULE_UNKNOWN_PERIOD.to_owned(),
                    message: tr!(findings.lang, "schedule/unknown-period", label = label),
                    evidence: vec![evidence(findings.lang, m)],
                    quantities: Vec::new(),
                    related_rows: Vec::new(),
                });
            }
        }
        // Only text outside any quarter: inside `一季度，…` a month (`3月底前，…`) is a
        // deadline within the quarter, not a period of its own.
        if m.label.is_some() {
            continue;
        }
        for sentence in sentences(&m.text) {
            if let Some(label) = period_like_start(sentence) {
                findings.push(Finding {
                    row: Some(item.row),
                    column,
                    severity: Severity::Info,
                    code: codes::SCHEDULE_UNKNOWN_PERIOD.to_owned(),
                    message: tr!(findings.lang, "schedule/unknown-period.sentence", label = label),
                    evidence: vec![tr!(
                        findings.lang,
                        "evidence.at",
                        place = place(findings.lang, m),
                        text = crate::clip(sentence, 40)
                    )],
                    quantities: Vec::new(),
                    related_rows: Vec::new(),
                });
            }
        }
    }
}

/// The sentences of a text: split after `。`, `；` and line breaks, trimmed.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['。', '；', ';', '\n']).map(str::trim).filter(|s| !s.is_empty())
}

/// The period-like opening of a sentence, when it is followed by a separator (`，` `：`):
/// months (`5月`, `3月底前`, `1-6月`, `十月份`), vague parts of the year (`年初`, `年中`,
/// `春节前`) and phases (`第一阶段`). Years (`2020年底前`) and the end of the year (`年底前`)
/// are deadlines, not periods, and are left alone.
fn period_like_start(sentence: &str) -> Option<String> {
    let (head, _) = sentence.split_once(['，', ',', '：', ':'])?;
    let head = head.trim();
    if head.is_empty() || head.chars().count() > 8 {
        return None;
    }
    let lexicon = taizhang_lexicon::builtin();
    let vague = lexicon.periods().iter().filter(|p| p.quarters.is_none());
    if vague.into_iter().any(|p| p.label == head) {
        return Some(head.to_owned());
    }
    // A phase (`phase-open` and `phase-end` in the lexicon's `time-words.tsv`).
    let phase = lexicon.time_words(TimeList::PhaseOpen).any(|open| {
        head.strip_prefix(open)
            .is_some_and(|rest| lexicon.time_words(TimeList::PhaseEnd).any(|e| rest.ends_with(e)))
    });
    if phase {
        return Some(head.to_owned());
    }
    // A month: digits or Chinese numerals (maybe a range), then 月 and an optional tail.
    let month_end = head.find('月')?;
    let (number, tail) = head.split_at(month_end);
    let tail = tail.trim_start_matches('月');
    let number_ok = !number.is_empty()
        && number.chars().all(|c| {
            c.is_ascii_digit()
                || taizhang_lexicon::is_small_numeral(c)
                || taizhang_lexicon::is_range_separator(c)
        });
    let tail_ok = tail.is_empty() || lexicon.time_words(TimeList::MonthTail).any(|w| w == tail);
    (number_ok && tail_ok).then(|| head.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_like_openings() {
        assert_eq!(period_like_start("5月，完成招标"), Some("5月".into()));
        assert_eq!(period_like_start("1-6月：开展调研"), Some("1-6月".into()));
        assert_eq!(period_like_start("十月份，验收"), Some("十月份".into()));
        assert_eq!(period_like_start("年初，完成部署"), Some("年初".into()));
        assert_eq!(period_like_start("年底前，完成验收"), None);
        assert_eq!(period_like_start("第一阶段：调研"), Some("第一阶段".into()));
        assert_eq!(period_like_start("2020年底前，完成"), None);
        assert_eq!(period_like_start("完成5月份的数据，上报"), None);
        assert_eq!(period_like_start("持续推进"), None);
    }
}
