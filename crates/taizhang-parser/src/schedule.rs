//! 季度进度安排: a schedule cell split into milestones at its period labels.
//!
//! A period label (`一季度`, `二、三季度`, `上半年`, `全年`, `Q1`, `1-3月`) opens a milestone
//! only where it begins the cell, a line, or a sentence (after `。`, `；`, `！`, `？`, blanks
//! allowed in between), or right after a topic prefix (`森林公园：`). Inside a clause
//! (`组织开展第一季度好人评选`, `每季度`) a label is ordinary text. Text before the first label is
//! a milestone with no label, so every character of the cell lands in exactly one milestone:
//! the milestones' `span`s partition the cell, and `text_span` locates each `text` in it.
//!
//! `年底`, `年内` and `N月底前` are deadlines, not periods: they never open a milestone.

use taizhang_model::plan::{Milestone, Warning};
use taizhang_model::Parsed;

use crate::quantity;
use crate::text::string_of;

/// A period label recognized at some position of the cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Chars the label covers.
    pub len: usize,
    /// First and last quarter, or `None` for a period-like label that names no real quarter
    /// (`第五季度`).
    pub quarters: Option<(u8, u8)>,
}

/// Splits a schedule cell into milestones, in document order.
///
/// ```
/// let parsed = taizhang_parser::parse_schedule("一季度，完成选址。二、三季度，完成建设。");
/// let m = &parsed.value;
/// assert_eq!(m.len(), 2);
/// assert_eq!(m[1].label.as_deref(), Some("二、三季度"));
/// assert_eq!((m[1].start, m[1].end), (Some(2), Some(3)));
/// assert_eq!(m[1].text, "完成建设。");
/// ```
pub fn parse_schedule(cell: &str) -> Parsed<Vec<Milestone>> {
    parse_schedule_in(cell, taizhang_i18n::Lang::En)
}

/// [`parse_schedule`] with its warnings written in `lang`.
pub fn parse_schedule_in(cell: &str, lang: taizhang_i18n::Lang) -> Parsed<Vec<Milestone>> {
    parse_schedule_with(cell, lang, quantity::shared())
}

/// [`parse_schedule_in`] reading quantities with `extractor` (a parser's units).
pub fn parse_schedule_with(
    cell: &str,
    lang: taizhang_i18n::Lang,
    extractor: &quantity::Extractor,
) -> Parsed<Vec<Milestone>> {
    let chars = crate::text::chars_of(cell);
    let openers = find_openers(&chars);
    let mut diagnostics = Vec::new();
    let mut milestones = Vec::new();

    // Where the milestone being built starts, and what opened it.
    let mut pending: Option<(usize, Option<&Opener>)> = None;
    let mut cursor = 0;
    let mut topic: Option<String> = None;
    for opener in &openers {
        match pending.take() {
            None => {
                // Text before the first opener: a milestone of its own unless it is blank.
                if chars[..opener.at].iter().any(|c| !c.is_whitespace()) {
                    milestones.push(build(extractor, &chars, 0, opener.at, None, None));
                    cursor = opener.at;
                }
            }
            Some((start, prev)) => {
                let prev_topic = prev.and_then(|p| p.topic.as_ref()).map(|t| t.text.clone());
                if let Some(t) = prev_topic {
                    topic = Some(t);
                }
                milestones.push(build(extractor, &chars, start, opener.at, prev, topic.clone()));
                cursor = opener.at;
            }
        }
        pending = Some((cursor, Some(opener)));
    }
    match pending {
        None => {
            if chars.iter().any(|c| !c.is_whitespace()) {
                milestones.push(build(extractor, &chars, 0, chars.len(), None, None));
            }
        }
        Some((start, prev)) => {
            if let Some(t) = prev.and_then(|p| p.topic.as_ref()) {
                topic = Some(t.text.clone());
            }
            milestones.push(build(extractor, &chars, start, chars.len(), prev, topic.clone()));
        }
    }

    // A topic line with nothing after its prefix (`森林公园：` alone on its line) scopes the
    // milestones that follow: fold the empty milestone into the next one.
    let mut merged: Vec<Milestone> = Vec::with_capacity(milestones.len());
    let mut carry: Option<[usize; 2]> = None;
    let count = milestones.len();
    for (i, mut m) in milestones.into_iter().enumerate() {
        if let Some(span) = carry.take() {
            m.span[0] = span[0];
        }
        if m.label.is_none() && m.topic.is_some() && m.text.is_empty() && i + 1 < count {
            carry = Some(m.span);
            continue;
        }
        merged.push(m);
    }

    for m in &merged {
        if m.label.is_some() && m.start.is_none() && m.end.is_none() {
            diagnostics.push(Warning {
                row: None,
                column: None,
                code: taizhang_model::Code::ScheduleUnknownPeriod.into(),
                message: taizhang_i18n::tr!(
                    lang,
                    "schedule/unknown-period.parse",
                    label = m.label.as_deref().unwrap_or_default()
                ),
            });
        }
    }
    Parsed { value: merged, diagnostics }
}

/// A topic prefix (`供水：`) found at a line start.
#[derive(Debug, Clone)]
struct Topic {
    text: String,
}

/// A place where a milestone opens: an optional topic prefix, then an optional label.
#[derive(Debug, Clone)]
struct Opener {
    /// Char position where the opener (topic or label) starts.
    at: usize,
    topic: Option<Topic>,
    /// Char range of the label, and its quarters.
    label: Option<(usize, Period)>,
    /// Char position where the milestone's text starts (after label and separator).
    text_at: usize,
}

fn is_terminator(c: char) -> bool {
    taizhang_lexicon::is_sentence_end(c)
}

fn is_blank(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

fn find_openers(chars: &[char]) -> Vec<Opener> {
    let mut openers = Vec::new();
    let mut i = 0;
    // `line_start`: the clause start is also the start of the cell or of a line, where a
    // topic prefix may stand.
    let mut at_clause = true;
    let mut line_start = true;
    while i < chars.len() {
        if at_clause {
            let mut j = i;
            while j < chars.len() && is_blank(chars[j]) {
                j += 1;
            }
            if j < chars.len() && chars[j] != '\n' {
                if let Some(op) = opener_at(chars, j, line_start) {
                    let next = op.text_at.max(j + 1);
                    openers.push(op);
                    i = next;
                    at_clause = false;
                    line_start = false;
                    continue;
                }
            }
            at_clause = false;
            line_start = false;
        }
        let c = chars[i];
        if c == '\n' {
            at_clause = true;
            line_start = true;
        } else if is_terminator(c) {
            at_clause = true;
        }
        i += 1;
    }
    openers
}

/// What opens a milestone at `j`, if anything: a label, or (at a line start, or before a
/// label) a topic prefix.
fn opener_at(chars: &[char], j: usize, line_start: bool) -> Option<Opener> {
    if let Some(period) = period_at(chars, j).or_else(|| dated_period_at(chars, j)) {
        let text_at = after_separator(chars, j + period.len);
        return Some(Opener { at: j, topic: None, label: Some((j, period)), text_at });
    }
    let (topic, after) = topic_at(chars, j)?;
    let mut k = after;
    while k < chars.len() && is_blank(chars[k]) {
        k += 1;
    }
    // A newline right after the prefix: the periods come on the next lines.
    if let Some(period) = period_at(chars, k).or_else(|| dated_period_at(chars, k)) {
        let text_at = after_separator(chars, k + period.len);
        return Some(Opener { at: j, topic: Some(topic), label: Some((k, period)), text_at });
    }
    if !line_start {
        return None;
    }
    Some(Opener { at: j, topic: Some(topic), label: None, text_at: k })
}

/// `森林公园：`: a short run without punctuation, then a colon. Returns the topic and the
/// position after the colon.
fn topic_at(chars: &[char], j: usize) -> Option<(Topic, usize)> {
    const MAX: usize = 12;
    let mut k = j;
    while k < chars.len() && k - j <= MAX {
        let c = chars[k];
        if c == '：' || c == ':' {
            if k == j {
                return None;
            }
            let text = string_of(&chars[j..k]);
            // `3月底：`, `6月30日前：` name a time, not a topic.
            if text.contains(['月', '季', '旬']) || text.contains("年底") || text.contains("年内")
            {
                return None;
            }
            return Some((Topic { text: text.trim().to_string() }, k + 1));
        }
        if c.is_whitespace()
            || is_terminator(c)
            || matches!(c, '，' | ',' | '、' | '（' | '(' | '“' | '"')
        {
            return None;
        }
        k += 1;
    }
    None
}

/// Skips the separator after a label: one of `，,：:、` and the blanks around it.
fn after_separator(chars: &[char], mut k: usize) -> usize {
    while k < chars.len() && is_blank(chars[k]) {
        k += 1;
    }
    if k < chars.len() && matches!(chars[k], '，' | ',' | '：' | ':' | '、') {
        k += 1;
        while k < chars.len() && is_blank(chars[k]) {
            k += 1;
        }
    }
    k
}

fn build(
    extractor: &quantity::Extractor,
    chars: &[char],
    start: usize,
    end: usize,
    opener: Option<&Opener>,
    topic: Option<String>,
) -> Milestone {
    let (label, quarters, text_at) = match opener {
        Some(Opener { label: Some((at, period)), text_at, .. }) => {
            let label = string_of(&chars[*at..at + period.len]);
            (Some(label), period.quarters, *text_at)
        }
        Some(op) => (None, None, op.text_at),
        None => (None, None, start),
    };
    let mut text_start = text_at.min(end);
    while text_start < end && chars[text_start].is_whitespace() {
        text_start += 1;
    }
    let mut text_end = end;
    while text_end > text_start && chars[text_end - 1].is_whitespace() {
        text_end -= 1;
    }
    let text = string_of(&chars[text_start..text_end]);
    let quantities = extractor.extract_chars(&chars[text_start..text_end]);
    // A deadline (`6月30日前`) names the quarter it ends in, not where the work starts.
    let open_start = label.as_deref().is_some_and(|l| {
        let lc: Vec<char> = l.chars().collect();
        dated_at(&lc, 0).is_some_and(|d| d.len == lc.len() && d.start.is_none())
    });
    Milestone {
        label,
        start: if open_start { None } else { quarters.map(|q| q.0) },
        end: quarters.map(|q| q.1),
        topic,
        due: None,
        text,
        quantities,
        span: [start, end],
        text_span: [text_start, text_end],
    }
}

/// The quarter a numeral names, 1–4, or another number (`五` → 5) for an unknown period.
fn numeral_at(chars: &[char], k: usize) -> Option<(u32, usize)> {
    let c = *chars.get(k)?;
    let digit = |c: char| match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    };
    if let Some(mut value) = digit(c) {
        let mut n = 1;
        while let Some(d) = chars.get(k + n).copied().and_then(digit) {
            value = value.saturating_mul(10).saturating_add(d);
            n += 1;
        }
        return Some((value, n));
    }
    // No period is numbered zero, so 〇/零 open nothing here.
    let han = |c: char| match c {
        '十' => Some(10),
        c => crate::text::han_digit(c).filter(|&d| d > 0),
    };
    let first = han(c)?;
    // `十二` is one number (12); `二三` (as in `二三季度`) is a list of two quarters, read one
    // numeral at a time.
    if first == 10 {
        if let Some(unit) = chars.get(k + 1).copied().and_then(han).filter(|&u| u < 10) {
            return Some((10 + unit, 2));
        }
        return Some((10, 1));
    }
    if chars.get(k + 1) == Some(&'十') {
        let tens = first * 10;
        if let Some(unit) = chars.get(k + 2).copied().and_then(han).filter(|&u| u < 10) {
            return Some((tens + unit, 3));
        }
        return Some((tens, 2));
    }
    Some((first, 1))
}

fn starts_with(chars: &[char], k: usize, s: &str) -> bool {
    let mut rest = chars.get(k..).unwrap_or_default().iter();
    s.chars().all(|c| rest.next() == Some(&c))
}

/// Recognizes a period label starting exactly at `k`.
pub fn period_at(chars: &[char], k: usize) -> Option<Period> {
    let period = half_year_at(chars, k)
        .or_else(|| quarter_list_at(chars, k))
        .or_else(|| q_label_at(chars, k))
        .or_else(|| month_label_at(chars, k))?;
    // `二季度末` and `一季度末，` name a time point of the period: still the period. `上半年前`
    // (before the half-year) is a deadline, not a period.
    let after = chars.get(k + period.len).copied();
    if after == Some('前') {
        return None;
    }
    if matches!(after, Some('末' | '底')) {
        // `一季度末前` is a deadline (by the end of the quarter), not the quarter.
        if chars.get(k + period.len + 1) == Some(&'前') {
            return None;
        }
        return Some(Period { len: period.len + 1, quarters: period.quarters.map(|q| (q.1, q.1)) });
    }
    Some(period)
}

/// A period named by a word (`上半年`, `全年`, `前三季度`: `periods.tsv`).
fn half_year_at(chars: &[char], k: usize) -> Option<Period> {
    let lexicon = taizhang_lexicon::builtin();
    let found = lexicon
        .periods()
        .iter()
        .find(|p| p.quarters.is_some() && starts_with(chars, k, &p.label))?;
    Some(Period { len: found.label.chars().count(), quarters: found.quarters })
}

/// `一季度`, `第一季度`, `1季度`, `二、三季度`, `二三季度`, `一至三季度`, `一季度至三季度`,
/// `第二、三、四季度`.
fn quarter_list_at(chars: &[char], k: usize) -> Option<Period> {
    quarter_list_within(chars, k, usize::MAX)
}

/// How many more labels joined by `、` (`一季度、二季度、三季度、四季度`) the look-ahead at a `、`
/// reads to decide whether the list goes on. Each `、` looked at the whole list after it,
/// which looked at the whole list after its own `、`s: a long chain (`一季度、一季度、…`) took
/// time growing with its length squared and more.
const LABEL_LOOKAHEAD: usize = 3;

/// [`quarter_list_at`], taking at most `joins` joins at `、` between labels.
fn quarter_list_within(chars: &[char], k: usize, mut joins: usize) -> Option<Period> {
    let mut i = k;
    let mut numbers: Vec<u32> = Vec::new();
    // Whether every number so far is at most 4, kept as they come rather than looked up
    // over the list at each step.
    let mut all_quarters = true;
    loop {
        if chars.get(i) == Some(&'第') {
            i += 1;
        }
        let (n, len) = numeral_at(chars, i)?;
        numbers.push(n);
        all_quarters &= n <= 4;
        i += len;
        if starts_with(chars, i, "季度") {
            i += 2;
        } else if chars.get(i) == Some(&'季') {
            i += 1;
        } else {
            // No 季度 yet: a list goes on (`二、三季度`, `二三季度`), else this is no label.
            match chars.get(i) {
                Some('、' | '，' | ',' | '和' | '及') => {
                    i += 1;
                    continue;
                }
                Some(&c) if taizhang_lexicon::is_range_separator(c) => {
                    i += 1;
                    continue;
                }
                _ => {
                    if numeral_at(chars, i).is_some() && all_quarters {
                        continue;
                    }
                    return None;
                }
            }
        }
        // After `季度`: a range may continue (`一季度至三季度`), else the label ends.
        match chars.get(i) {
            Some(&c)
                if taizhang_lexicon::is_range_separator(c)
                    && chars
                        .get(i + 1)
                        .is_some_and(|&c| c == '第' || numeral_at(chars, i + 1).is_some()) =>
            {
                i += 1;
            }
            Some('、')
                if joins > 0
                    && quarter_list_within(chars, i + 1, joins.min(LABEL_LOOKAHEAD + 1) - 1)
                        .is_some_and(|p| p.quarters.is_some()) =>
            {
                joins -= 1;
                i += 1;
            }
            _ => break,
        }
    }
    let quarters = if numbers.iter().all(|&n| (1..=4).contains(&n)) {
        let first = *numbers.first()?;
        let last = *numbers.last()?;
        if first <= last {
            Some((first as u8, last as u8))
        } else {
            None
        }
    } else {
        None
    };
    Some(Period { len: i - k, quarters })
}

/// `Q1`, `Q2-Q3`, `Q1～Q4`.
fn q_label_at(chars: &[char], k: usize) -> Option<Period> {
    let q = |i: usize| -> Option<(u32, usize)> {
        if !matches!(chars.get(i), Some('Q' | 'Ｑ')) {
            return None;
        }
        let (n, len) = numeral_at(chars, i + 1)?;
        if !chars.get(i + 1).is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(c)) {
            return None;
        }
        Some((n, len + 1))
    };
    let (first, len) = q(k)?;
    // `Q1` glued to more letters or digits (`Q1A`) is an identifier, not a label.
    let mut end = k + len;
    let mut last = first;
    if chars.get(end).is_some_and(|&c| taizhang_lexicon::is_range_separator(c)) {
        if let Some((n, l)) = q(end + 1) {
            last = n;
            end += 1 + l;
        }
    }
    if chars.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let quarters = ((1..=4).contains(&first) && (1..=4).contains(&last) && first <= last)
        .then_some((first as u8, last as u8));
    Some(Period { len: end - k, quarters })
}

/// `3月`, `1-3月`, `1月至3月`, `10月份`, followed by a separator (`，`, `：`, `、`): months
/// map to the quarters they fall in. Without a separator (`3月底前`, `6月完成`) a month is
/// left to the text: it is a deadline or part of a sentence.
fn month_label_at(chars: &[char], k: usize) -> Option<Period> {
    let month = |i: usize| -> Option<(u32, usize)> {
        let (n, len) = numeral_at(chars, i)?;
        if chars.get(i + len) != Some(&'月') || !(1..=12).contains(&n) {
            return None;
        }
        Some((n, len + 1))
    };
    let number = |i: usize| -> Option<(u32, usize)> {
        let (n, len) = numeral_at(chars, i)?;
        (1..=12).contains(&n).then_some((n, len))
    };
    let (first, last, mut end) = if let Some((a, len)) = month(k) {
        let mut end = k + len;
        let mut b = a;
        if chars.get(end).is_some_and(|&c| taizhang_lexicon::is_range_separator(c)) {
            if let Some((n, l)) = month(end + 1) {
                b = n;
                end += 1 + l;
            }
        }
        (a, b, end)
    } else {
        let (a, len) = number(k)?;
        let sep = k + len;
        if !chars.get(sep).is_some_and(|&c| taizhang_lexicon::is_range_separator(c)) {
            return None;
        }
        let (b, l) = month(sep + 1)?;
        (a, b, sep + 1 + l)
    };
    if chars.get(end) == Some(&'份') {
        end += 1;
    }
    if !matches!(chars.get(end), Some('，' | ',' | '：' | ':' | '、')) || first > last {
        return None;
    }
    let quarter = |m: u32| m.div_ceil(3) as u8;
    Some(Period { len: end - k, quarters: Some((quarter(first), quarter(last))) })
}

/// A dated label (`3月底前`, `6月30日前`, `9月`, `10月份`, `年底前`): the month and day it
/// names and the quarters it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// Chars the label covers.
    pub len: usize,
    pub month: u32,
    /// The day, or `None` for the month's last day.
    pub day: Option<u32>,
    /// The quarter the work is in for a month (`9月` → 3); `None` for a deadline
    /// (`6月30日前`), which names only its end.
    pub start: Option<u8>,
    /// The quarter the date falls in.
    pub end: u8,
}

impl Dated {
    /// The quarters as a period column reads them.
    pub fn quarters(&self) -> Option<(u8, u8)> {
        Some((self.start.unwrap_or(self.end), self.end))
    }
}

/// A dated label as a period: opens a milestone where a period label would.
fn dated_period_at(chars: &[char], k: usize) -> Option<Period> {
    let d = dated_at(chars, k)?;
    Some(Period { len: d.len, quarters: d.quarters() })
}

/// Recognizes a dated label starting exactly at `k`: `年底前`, `年底`, `N月`, `N月份`,
/// `N月底前`, `N月末`, `N月上旬/中旬/下旬前`, `N月D日前`, `N月前` (the month before N).
pub fn dated_at(chars: &[char], k: usize) -> Option<Dated> {
    let before = |at: usize| crate::text::before_suffix(chars, at);
    let quarter = |m: u32| m.div_ceil(3) as u8;
    if chars.get(k) == Some(&'年') {
        for word in crate::text::year_closes() {
            if starts_with(chars, k + 1, word) {
                let len = 1 + word.chars().count();
                let b = before(k + len);
                return Some(Dated { len: len + b, month: 12, day: Some(31), start: None, end: 4 });
            }
        }
    }
    let (month, len) = numeral_at(chars, k)?;
    if !(1..=12).contains(&month) || chars.get(k + len) != Some(&'月') {
        return None;
    }
    let mut i = k + len + 1;
    let point = |i: usize, day: Option<u32>| {
        let b = before(i);
        Dated {
            len: i + b - k,
            month,
            day,
            start: if b > 0 { None } else { Some(quarter(month)) },
            end: quarter(month),
        }
    };
    match chars.get(i) {
        Some('份') => Some(Dated {
            len: i + 1 - k,
            month,
            day: None,
            start: Some(quarter(month)),
            end: quarter(month),
        }),
        Some('底' | '末') => {
            let b = before(i + 1);
            Some(Dated { len: i + 1 + b - k, month, day: None, start: None, end: quarter(month) })
        }
        Some('上' | '中' | '下') if chars.get(i + 1) == Some(&'旬') => {
            let day = match chars[i] {
                '上' => Some(10),
                '中' => Some(20),
                _ => None,
            };
            let b = before(i + 2);
            Some(Dated { len: i + 2 + b - k, month, day, start: None, end: quarter(month) })
        }
        Some('前') | Some('以' | '之') if before(i) > 0 => {
            // `6月前`: before June, by the end of May.
            (month > 1).then(|| Dated {
                len: i + before(i) - k,
                month: month - 1,
                day: None,
                start: None,
                end: quarter(month - 1),
            })
        }
        Some(c) if c.is_ascii_digit() || crate::text::han_digit(*c).is_some() || *c == '十' => {
            let (day, dl) = numeral_at(chars, i)?;
            i += dl;
            if !(1..=31).contains(&day) || !matches!(chars.get(i), Some('日' | '号')) {
                return None;
            }
            Some(point(i + 1, Some(day)))
        }
        _ => Some(point(i, None)),
    }
}

/// The ISO date a milestone label names, in `year`: a dated label's day (the month's last
/// when none), a quarter's end (`第三季度末` → 30 September); none for other periods.
pub fn label_due(label: &str, year: i32) -> Option<String> {
    let chars: Vec<char> = label.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(d) = dated_at(&chars, 0).filter(|d| d.len == chars.len()) {
        let day = d.day.unwrap_or_else(|| crate::text::days_in_month(year, d.month));
        return crate::text::iso(year, d.month, day);
    }
    if matches!(chars.last(), Some('末' | '底')) {
        let (_, end) = period_at(&chars, 0).filter(|p| p.len == chars.len())?.quarters?;
        let month = u32::from(end) * 3;
        return crate::text::iso(year, month, crate::text::days_in_month(year, month));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Label, first and last quarter, topic, text.
    type Fields = (Option<String>, Option<u8>, Option<u8>, Option<String>, String);

    fn labels(cell: &str) -> Vec<Fields> {
        parse_schedule(cell)
            .value
            .into_iter()
            .map(|m| (m.label, m.start, m.end, m.topic, m.text))
            .collect()
    }

    /// Every char of the cell is in exactly one span, in order, and each text sits at its
    /// text_span.
    fn assert_lossless(cell: &str) {
        let chars: Vec<char> = cell.chars().collect();
        let parsed = parse_schedule(cell).value;
        let mut at = 0;
        for m in &parsed {
            assert_eq!(m.span[0], at, "{cell:?}: {parsed:#?}");
            assert!(m.span[0] <= m.text_span[0] && m.text_span[1] <= m.span[1]);
            let text: String = chars[m.text_span[0]..m.text_span[1]].iter().collect();
            assert_eq!(text, m.text);
            assert!(chars[m.text_span[1]..m.span[1]].iter().all(|c| c.is_whitespace()));
            at = m.span[1];
        }
        if chars.iter().any(|c| !c.is_whitespace()) {
            assert_eq!(at, chars.len(), "{cell:?}: {parsed:#?}");
        }
    }

    fn l(label: Option<&str>, q: Option<(u8, u8)>, topic: Option<&str>, text: &str) -> Fields {
        (
            label.map(String::from),
            q.map(|q| q.0),
            q.map(|q| q.1),
            topic.map(String::from),
            text.to_string(),
        )
    }

    #[test]
    fn quarters_in_order() {
        let cell = "一季度，完成路基施工。二、三季度，完成铺轨，开展验收、联调联试工作。四季度，达到开通运营条件。";
        assert_eq!(
            labels(cell),
            vec![
                l(Some("一季度"), Some((1, 1)), None, "完成路基施工。"),
                l(Some("二、三季度"), Some((2, 3)), None, "完成铺轨，开展验收、联调联试工作。"),
                l(Some("四季度"), Some((4, 4)), None, "达到开通运营条件。"),
            ]
        );
        assert_lossless(cell);
    }

    #[test]
    fn label_variants() {
        for (label, q) in [
            ("第一季度", (1, 1)),
            ("1季度", (1, 1)),
            ("二、三、四季度", (2, 4)),
            ("三、四季度", (3, 4)),
            ("一至三季度", (1, 3)),
            ("一季度至三季度", (1, 3)),
            ("二三季度", (2, 3)),
            ("第二、三季度", (2, 3)),
            ("一季度、二季度", (1, 2)),
            ("上半年", (1, 2)),
            ("下半年", (3, 4)),
            ("全年", (1, 4)),
            ("Q1", (1, 1)),
            ("Q2-Q3", (2, 3)),
            ("1-3月", (1, 1)),
            ("4月至9月", (2, 3)),
            ("二季度末", (2, 2)),
        ] {
            let cell = format!("{label}，完成工作。");
            assert_eq!(labels(&cell), vec![l(Some(label), Some(q), None, "完成工作。")], "{cell}");
            assert_lossless(&cell);
        }
    }

    #[test]
    fn separators_and_glued_text() {
        assert_eq!(
            labels("一季度：实现全市定点药店推广使用。二季度，实现定点社区卫生服务机构推广使用。三季度：实现定点医院推广使用。"),
            vec![
                l(Some("一季度"), Some((1, 1)), None, "实现全市定点药店推广使用。"),
                l(Some("二季度"), Some((2, 2)), None, "实现定点社区卫生服务机构推广使用。"),
                l(Some("三季度"), Some((3, 3)), None, "实现定点医院推广使用。"),
            ]
        );
        // A label directly followed by its text, after a sentence end.
        let cell = "三季度，开展实训7万人次；培养“一镇一品”产业人才8万人次。四季度开展实训7万人次；培养“一镇一品”产业人才5万人次。";
        let parsed = labels(cell);
        assert_eq!(parsed.len(), 2);
        assert_eq!(
            parsed[1],
            l(
                Some("四季度"),
                Some((4, 4)),
                None,
                "开展实训7万人次；培养“一镇一品”产业人才5万人次。"
            )
        );
        assert_lossless(cell);
        // A blank between the sentence end and the label.
        let cell = "三季度，协调对接。 四季度，总结经验。";
        assert_eq!(labels(cell)[1], l(Some("四季度"), Some((4, 4)), None, "总结经验。"));
        assert_eq!(labels(cell)[0].4, "协调对接。");
        assert_lossless(cell);
    }

    #[test]
    fn labels_inside_a_clause_open_nothing() {
        let cell = "一季度，深入开展“东莞好人”评选活动，组织开展第一季度好人评选。二季度，组织开展第二季度好人评选和上半年“东莞好人”发布活动。";
        let parsed = labels(cell);
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0].4, "深入开展“东莞好人”评选活动，组织开展第一季度好人评选。");
        assert_eq!(parsed[1].4, "组织开展第二季度好人评选和上半年“东莞好人”发布活动。");
        let cell = "全年推进，每季度谋划三个主题，每月召开一期“莞事论坛”。";
        assert_eq!(
            labels(cell),
            vec![l(
                Some("全年"),
                Some((1, 4)),
                None,
                "推进，每季度谋划三个主题，每月召开一期“莞事论坛”。"
            )]
        );
        assert_lossless(cell);
        // `年底前` at a sentence start is a dated milestone; inside a clause it is text.
        let cell = "下半年，全面完成16座填埋场整治。年底前完成验收、销号。";
        assert_eq!(labels(cell).len(), 2);
        let cell = "下半年，全面完成整治，年底前完成验收。";
        assert_eq!(labels(cell).len(), 1);
        let cell = "一季度，完成方案。二季度末前，完成招标。";
        assert_eq!(labels(cell).len(), 1);
        assert_lossless(cell);
    }

    #[test]
    fn text_after_the_last_label_and_totals() {
        let cell = "上半年，针对第一组家庭（约20家庭）开展培训。下半年，针对第二组家庭进行培训。全年共为120个左右自闭症儿童家庭提供服务，并遴选符合资质的6-8名主培训师。";
        let parsed = labels(cell);
        assert_eq!(parsed.len(), 3);
        assert_eq!(
            parsed[2],
            l(
                Some("全年"),
                Some((1, 4)),
                None,
                "共为120个左右自闭症儿童家庭提供服务，并遴选符合资质的6-8名主培训师。"
            )
        );
        assert_lossless(cell);
    }

    #[test]
    fn text_before_the_first_label() {
        let cell = "持续推进。一季度，完成方案。";
        assert_eq!(
            labels(cell),
            vec![
                l(None, None, None, "持续推进。"),
                l(Some("一季度"), Some((1, 1)), None, "完成方案。")
            ]
        );
        assert_lossless(cell);
        let cell = "按计划推进项目建设";
        assert_eq!(labels(cell), vec![l(None, None, None, "按计划推进项目建设")]);
        assert_lossless(cell);
        assert!(labels("").is_empty());
        assert!(labels("  \n").is_empty());
    }

    #[test]
    fn topics_scope_the_periods_after_them() {
        let cell = "森林公园：一季度，确定管理机构。二季度，完成总体规划。下半年，争取启动立项。\n湿地公园：一季度，开展概算审核。二季度，开展施工招标。下半年，新设湿地公园1处。";
        assert_eq!(
            labels(cell),
            vec![
                l(Some("一季度"), Some((1, 1)), Some("森林公园"), "确定管理机构。"),
                l(Some("二季度"), Some((2, 2)), Some("森林公园"), "完成总体规划。"),
                l(Some("下半年"), Some((3, 4)), Some("森林公园"), "争取启动立项。"),
                l(Some("一季度"), Some((1, 1)), Some("湿地公园"), "开展概算审核。"),
                l(Some("二季度"), Some((2, 2)), Some("湿地公园"), "开展施工招标。"),
                l(Some("下半年"), Some((3, 4)), Some("湿地公园"), "新设湿地公园1处。"),
            ]
        );
        assert_lossless(cell);
    }

    #[test]
    fn topics_without_periods() {
        let cell = "供水：市水务集团做好服务渠道对接工作，年底前实现网上“一键报装”。\n供电：广东电网有限责任公司正在开展对接，我市配合落实。\n燃气：上半年，进行事项流程梳理，完成线上业务清单。下半年，进行上线测试，并完成系统上线。";
        assert_eq!(
            labels(cell),
            vec![
                l(
                    None,
                    None,
                    Some("供水"),
                    "市水务集团做好服务渠道对接工作，年底前实现网上“一键报装”。"
                ),
                l(None, None, Some("供电"), "广东电网有限责任公司正在开展对接，我市配合落实。"),
                l(
                    Some("上半年"),
                    Some((1, 2)),
                    Some("燃气"),
                    "进行事项流程梳理，完成线上业务清单。"
                ),
                l(Some("下半年"), Some((3, 4)), Some("燃气"), "进行上线测试，并完成系统上线。"),
            ]
        );
        assert_lossless(cell);
    }

    #[test]
    fn a_time_before_a_colon_is_no_topic() {
        // Dates before a colon are dated labels, not topics.
        let cell = "3月底：完成招标。\n6月30日前：开工建设。";
        assert_eq!(
            labels(cell),
            vec![
                l(Some("3月底"), Some((1, 1)), None, "完成招标。"),
                l(Some("6月30日前"), Some((2, 2)), None, "开工建设。"),
            ]
            .into_iter()
            .map(|mut f| {
                f.1 = None;
                f
            })
            .collect::<Vec<_>>()
        );
        assert_lossless(cell);
    }

    #[test]
    fn topic_on_its_own_line() {
        let cell = "母婴室：\n一季度，制定建设标准。二、三季度，设计和改造。\n爱心妈妈小屋：\n一季度，完成工作方案。";
        assert_eq!(
            labels(cell),
            vec![
                l(Some("一季度"), Some((1, 1)), Some("母婴室"), "制定建设标准。"),
                l(Some("二、三季度"), Some((2, 3)), Some("母婴室"), "设计和改造。"),
                l(Some("一季度"), Some((1, 1)), Some("爱心妈妈小屋"), "完成工作方案。"),
            ]
        );
        assert_lossless(cell);
    }

    #[test]
    fn unknown_periods_warn() {
        let parsed = parse_schedule("一季度，启动。第五季度，完成。Q5，验收。");
        let m = &parsed.value;
        assert_eq!(m.len(), 3);
        assert_eq!(m[1].label.as_deref(), Some("第五季度"));
        assert_eq!((m[1].start, m[1].end), (None, None));
        assert_eq!(m[2].label.as_deref(), Some("Q5"));
        assert_eq!(parsed.diagnostics.len(), 2);
        assert!(parsed.diagnostics.iter().all(|d| d.code == "schedule/unknown-period"));
    }

    #[test]
    fn leading_blanks_and_trailing_empty_paragraph() {
        let cell = "    一季度，学习借鉴先进经验。 二季度，依托12345热线业务平台完善流程。";
        let parsed = labels(cell);
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0].4, "学习借鉴先进经验。");
        assert_lossless(cell);
        let cell = "四季度，协调市城市管理局12月30日商铺租期到期后收回商铺。\n";
        assert_eq!(labels(cell)[0].4, "协调市城市管理局12月30日商铺租期到期后收回商铺。");
        assert_lossless(cell);
    }

    #[test]
    fn dated_labels_open_milestones() {
        // A date at a sentence start opens a milestone, with or without a separator; a
        // deadline (`…前`, `…底`) names only its end quarter.
        assert_eq!(
            labels("3月底前完成招标；6月30日前完成立项；9月投入使用；年底前验收。"),
            vec![
                l(Some("3月底前"), None, None, "完成招标；"),
                l(Some("6月30日前"), None, None, "完成立项；"),
                l(Some("9月"), Some((3, 3)), None, "投入使用；"),
                l(Some("年底前"), None, None, "验收。"),
            ]
            .into_iter()
            .zip([1, 2, 3, 4])
            .map(|(mut f, end)| {
                f.2 = Some(end);
                f
            })
            .collect::<Vec<_>>()
        );
        assert_eq!(
            labels("10月份完成报告。")[0],
            l(Some("10月份"), Some((4, 4)), None, "完成报告。")
        );
        // Inside a clause a date is text; a number of months is no date.
        assert_eq!(labels("完成招标，3月底前开工。")[0].0, None);
        assert_eq!(labels("用3个月完成。")[0].0, None);
        assert_eq!(label_due("6月30日前", 2020).as_deref(), Some("2020-06-30"));
        assert_eq!(label_due("9月", 2020).as_deref(), Some("2020-09-30"));
        assert_eq!(label_due("2月", 2020).as_deref(), Some("2020-02-29"));
        assert_eq!(label_due("年底前", 2021).as_deref(), Some("2021-12-31"));
        assert_eq!(label_due("第三季度末", 2020).as_deref(), Some("2020-09-30"));
        assert_eq!(label_due("一季度", 2020), None);
        assert_eq!(label_due("6月前", 2020).as_deref(), Some("2020-05-31"));
    }

    #[test]
    fn months_with_a_separator() {
        assert_eq!(
            labels("1-3月，完成招标。7月，验收。")[1],
            l(Some("7月"), Some((3, 3)), None, "验收。")
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for cell in [
            "季度",
            "第",
            "Q",
            "一、",
            "十二季度，",
            "：",
            "一季度",
            "一季度，",
            "森林公园：",
            "\n\n一\n",
        ] {
            assert_lossless(cell);
        }
    }
}
