//! Cell-level text functions: numbering, goal points, documents, deadlines, fingerprints.

use std::sync::LazyLock;

use sha2::{Digest, Sha256};
use taizhang_model::plan::{Deadline, Point};

/// The value of a Chinese numeral made of 一…九, 两, 〇/零 and 十 (up to 99), or of ASCII /
/// full-width digits.
///
/// ```
/// use taizhang_parser::text::numeral_value;
/// assert_eq!(numeral_value("十二"), Some(12));
/// assert_eq!(numeral_value("二十"), Some(20));
/// assert_eq!(numeral_value("１６"), Some(16));
/// assert_eq!(numeral_value("十二五"), None);
/// ```
pub fn numeral_value(s: &str) -> Option<u32> {
    if s.chars().all(is_digit) {
        return numeral_value_of(&chars_of(s));
    }
    // A Chinese numeral up to 99 has at most three chars: read them without allocating.
    let mut chars = ['\0'; 3];
    let mut len = 0;
    for c in s.chars() {
        *chars.get_mut(len)? = c;
        len += 1;
    }
    numeral_value_of(&chars[..len])
}

/// [`numeral_value`] of a run of chars.
fn numeral_value_of(chars: &[char]) -> Option<u32> {
    taizhang_lexicon::small_numeral_value(chars)
}

/// The value of one Chinese digit: 〇/零 … 九, and 两 for 2.
pub(crate) fn han_digit(c: char) -> Option<u32> {
    taizhang_lexicon::digit_value(c)
}

/// The chars as a string, allocated once at its final size (collecting chars one by one
/// grows the string several times on Chinese text).
pub(crate) fn string_of(chars: &[char]) -> String {
    let mut s = String::with_capacity(chars.iter().map(|c| c.len_utf8()).sum());
    s.extend(chars);
    s
}

/// The chars of `text`, allocated once at their final size (`collect` would start from a
/// guess of a quarter of the byte length and grow from there).
pub(crate) fn chars_of(text: &str) -> Vec<char> {
    let mut chars = Vec::with_capacity(text.chars().count());
    chars.extend(text.chars());
    chars
}

fn is_han_numeral(c: char) -> bool {
    taizhang_lexicon::is_small_numeral(c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A leading number such as `（16）`, `(3)`, `10.`, `1、`, `1．`, `（一）`, `一、`: its value and
/// the char length of the marker including the blanks after it.
///
/// ```
/// use taizhang_parser::text::leading_number;
/// assert_eq!(leading_number("（7） 着力推进"), Some((7, 4)));
/// assert_eq!(leading_number("10. "), Some((10, 4)));
/// assert_eq!(leading_number("一、稳增长"), Some((1, 2)));
/// assert_eq!(leading_number("1.5万人"), None);
/// assert_eq!(leading_number("2020年"), None);
/// ```
pub fn leading_number(text: &str) -> Option<(u32, usize)> {
    leading_marker(text).map(|(value, chars, _)| (value, chars))
}

/// [`leading_number`], with the byte length of the marker as well. It reads only the
/// marker, never the rest of the text.
fn leading_marker(text: &str) -> Option<(u32, usize, usize)> {
    taizhang_lexicon::leading_list_number(text).map(|n| (n.value, n.chars, n.bytes))
}

/// Splits a numbered text (`10. 推动…`, `（7） 着力推进…。`) into its number and the text after
/// the number, trimmed.
pub fn split_number(text: &str) -> (Option<u32>, String) {
    let (number, rest) = split_number_str(text);
    (number, rest.to_string())
}

/// [`split_number`], borrowing the text.
fn split_number_str(text: &str) -> (Option<u32>, &str) {
    match leading_marker(text) {
        Some((n, _, bytes)) => (Some(n), text[bytes..].trim()),
        None => (None, text.trim()),
    }
}

/// A heading's text: without its number, surrounding blanks and final `。`.
///
/// ```
/// use taizhang_parser::text::heading_text;
/// assert_eq!(heading_text("（7） 着力推进“交通体系扩展”行动。"), (Some(7), "着力推进“交通体系扩展”行动".to_string()));
/// assert_eq!(heading_text("（8） "), (Some(8), String::new()));
/// ```
pub fn heading_text(text: &str) -> (Option<u32>, String) {
    let (number, rest) = split_number_str(text);
    let rest = rest.trim_end_matches(['。', '.', '；', ';']).trim_end().to_string();
    (number, rest)
}

/// Removes the `[bookmark: _GoBack]` markers that text extraction tools write for Word
/// bookmarks. Returns the cleaned text and whether anything was removed.
pub fn strip_artefacts(text: &str) -> (String, bool) {
    let (open, close) = taizhang_lexicon::bookmark_marks();
    if !text.contains(open) {
        return (text.to_string(), false);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut found = false;
    while let Some(at) = rest.find(open) {
        let Some(end) = rest[at..].find(close) else { break };
        out.push_str(&rest[..at]);
        rest = &rest[at + end + close.len()..];
        found = true;
    }
    out.push_str(rest);
    (out, found)
}

/// Every `《…》` in `texts`, in order of first appearance, without repeats. Nested titles stay
/// inside the outer one.
///
/// ```
/// use taizhang_parser::text::documents;
/// assert_eq!(
///     documents(&["出台《A》《B（2020-2022年）》", "修订《A》"]),
///     vec!["《A》".to_string(), "《B（2020-2022年）》".to_string()]
/// );
/// ```
pub fn documents(texts: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for text in texts.iter().filter(|t| t.contains('《')) {
        let mut depth = 0usize;
        // Byte offset of the outermost open `《`.
        let mut start = 0;
        for (i, c) in text.char_indices() {
            match c {
                '《' => {
                    if depth == 0 {
                        start = i;
                    }
                    depth += 1;
                }
                '》' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        let title = &text[start..i + c.len_utf8()];
                        if !out.iter().any(|d| d == title) {
                            out.push(title.to_string());
                        }
                    }
                }
                // A title never spans a line: an unclosed `《` is dropped at the line end.
                '\n' => depth = 0,
                _ => {}
            }
        }
    }
    out
}

/// The goal split into points at `一是/二是…`, `①②…`, `（1）（2）…`, `(一)(二)…` or `1. 2. …`.
///
/// Markers count only in sequence (1, 2, 3…) and, except `①`, at the start of the text or
/// after punctuation, so `统一是` or `（1）号线` split nothing. Text before the first marker is a
/// point with ordinal 0. Without markers the whole text is one point with ordinal 1 (none for
/// an empty goal).
///
/// ```
/// use taizhang_parser::goal_points;
/// let points = goal_points("一是“慧眼”视频新增4万路。二是完成593个村视频联网工作。");
/// assert_eq!(points.len(), 2);
/// assert_eq!((points[1].ordinal, points[1].text.as_str()), (2, "完成593个村视频联网工作。"));
/// ```
pub fn goal_points(text: &str) -> Vec<Point> {
    goal_points_of(text, &chars_of(text))
}

/// [`goal_points`] of `text` split into `chars` by the caller.
pub(crate) fn goal_points_of(text: &str, chars: &[char]) -> Vec<Point> {
    let families: [(Family, usize); 5] = [
        (Family::Shi, 1),
        (Family::Circled, 1),
        (Family::Paren, 2),
        (Family::HanParen, 2),
        (Family::Dot, 2),
    ];
    let mut best: Option<Vec<(usize, usize)>> = None;
    for (family, min) in families {
        let markers = family_markers(chars, family);
        if markers.len() < min {
            continue;
        }
        let better = match &best {
            None => true,
            Some(b) => markers[0].0 < b[0].0,
        };
        if better {
            best = Some(markers);
        }
    }
    let whole = text.trim();
    let Some(markers) = best else {
        return if whole.is_empty() {
            Vec::new()
        } else {
            vec![Point { ordinal: 1, text: whole.to_string() }]
        };
    };
    let mut points = Vec::new();
    let preamble = string_of(&chars[..markers[0].0]);
    let preamble = preamble.trim();
    if !preamble.is_empty() {
        points.push(Point { ordinal: 0, text: preamble.to_string() });
    }
    for (k, &(at, len)) in markers.iter().enumerate() {
        let end = markers.get(k + 1).map_or(chars.len(), |m| m.0);
        let body = string_of(&chars[(at + len).min(end)..end]);
        points.push(Point { ordinal: k as u32 + 1, text: body.trim().to_string() });
    }
    points
}

#[derive(Debug, Clone, Copy)]
enum Family {
    Shi,
    Circled,
    Paren,
    HanParen,
    Dot,
}

fn at_boundary(chars: &[char], at: usize) -> bool {
    at == 0
        || chars.get(at - 1).is_some_and(|&c| {
            c.is_whitespace()
                || taizhang_lexicon::is_clause_break(c)
                || taizhang_lexicon::is_list_separator(c)
        })
}

/// The marker of ordinal `n` of `family` at `at`, as its char length.
/// `han` and `arabic` are `n` written both ways, built once per ordinal by the caller.
fn marker_len(
    chars: &[char],
    at: usize,
    family: Family,
    n: u32,
    han: &[char],
    arabic: &[char],
) -> Option<usize> {
    let matches = |at: usize, s: &[char]| chars.get(at..at + s.len()) == Some(s);
    match family {
        Family::Shi => {
            let mark =
                chars.get(at + han.len()).is_some_and(|&c| taizhang_lexicon::is_point_mark(c));
            (matches(at, han) && mark).then_some(han.len() + 1)
        }
        Family::Circled => {
            let c = circled(n)?;
            (chars.get(at) == Some(&c)).then_some(1)
        }
        Family::Paren | Family::HanParen => {
            let inner = if matches!(family, Family::Paren) { arabic } else { han };
            let open = chars.get(at).copied()?;
            if !taizhang_lexicon::is_list_open(open) || !matches(at + 1, inner) {
                return None;
            }
            let close = chars.get(at + 1 + inner.len()).copied();
            close.is_some_and(taizhang_lexicon::is_list_close).then_some(inner.len() + 2)
        }
        Family::Dot => {
            if !matches(at, arabic) {
                return None;
            }
            let after = chars.get(at + arabic.len()).copied()?;
            let next = chars.get(at + arabic.len() + 1).copied();
            (matches!(after, '.' | '．' | '、') && !next.is_some_and(is_digit))
                .then_some(arabic.len() + 1)
        }
    }
}

/// ① … ⑳.
fn circled(n: u32) -> Option<char> {
    char::from_u32(0x2460 + n - 1).filter(|_| n <= 20)
}

fn family_markers(chars: &[char], family: Family) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut n = 1;
    // Ordinals past 99 have no han numeral here: the list ends there.
    while let Some(han) = han_numeral(n) {
        let arabic = Numeral::arabic(n);
        let (han, arabic) = (han.as_slice(), arabic.as_slice());
        // The char a marker of `n` starts with: the boundary tests, which run at every
        // position, are left for the few positions holding it.
        let opens = |c: char| match family {
            Family::Shi => c == han[0],
            Family::Circled => Some(c) == circled(n),
            Family::Paren | Family::HanParen => matches!(c, '（' | '('),
            Family::Dot => c == arabic[0],
        };
        let Some((at, len)) = (from..chars.len()).find_map(|at| {
            if !opens(chars[at]) {
                return None;
            }
            let boundary = matches!(family, Family::Circled) || at_boundary(chars, at);
            let digit_before = at > 0 && is_digit(chars[at - 1]);
            if !boundary || digit_before {
                return None;
            }
            marker_len(chars, at, family, n, han, arabic).map(|len| (at, len))
        }) else {
            break;
        };
        out.push((at, len));
        from = at + len;
        n += 1;
    }
    out
}

/// A number of at most three chars (`二十三`, `99`), without a heap allocation.
struct Numeral {
    chars: [char; 3],
    len: usize,
}

impl Numeral {
    fn new(chars: &[char]) -> Numeral {
        let mut buf = ['\0'; 3];
        buf[..chars.len()].copy_from_slice(chars);
        Numeral { chars: buf, len: chars.len() }
    }

    /// `n` in ASCII digits (`n` < 100).
    fn arabic(n: u32) -> Numeral {
        let digit = |d: u32| char::from_digit(d, 10).unwrap_or('0');
        if n < 10 {
            Numeral::new(&[digit(n)])
        } else {
            Numeral::new(&[digit(n / 10 % 10), digit(n % 10)])
        }
    }

    fn as_slice(&self) -> &[char] {
        &self.chars[..self.len]
    }
}

/// 1 → 一, 12 → 十二, 20 → 二十 (up to 99).
fn han_numeral(n: u32) -> Option<Numeral> {
    let digit = taizhang_lexicon::digit_char;
    let ten = taizhang_lexicon::multiplier_char(10)?;
    let numeral = match n {
        1..=9 => Numeral::new(&[digit(n)?]),
        10 => Numeral::new(&[ten]),
        11..=19 => Numeral::new(&[ten, digit(n % 10)?]),
        20..=99 if n.is_multiple_of(10) => Numeral::new(&[digit(n / 10)?, ten]),
        20..=99 => Numeral::new(&[digit(n / 10)?, ten, digit(n % 10)?]),
        _ => return None,
    };
    Some(numeral)
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

pub(crate) fn iso(year: i32, month: u32, day: u32) -> Option<String> {
    (1..=12).contains(&month).then_some(())?;
    (1..=days_in_month(year, month)).contains(&day).then_some(())?;
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Reads a number (ASCII, full-width or Chinese digits) at `at`: its value and char length.
fn number_at(chars: &[char], at: usize) -> Option<(u32, usize)> {
    let mut j = at;
    if chars.get(j).copied().is_some_and(is_digit) {
        while chars.get(j).copied().is_some_and(is_digit) {
            j += 1;
        }
    } else {
        // A Chinese numeral has a value here up to three chars long (`han_value`): a fourth
        // ends the look, so a long run (`十十十…`) is not read to its end from each position.
        while j - at < 4
            && chars.get(j).copied().is_some_and(|c| is_han_numeral(c) && c != '〇' && c != '零')
        {
            j += 1;
        }
        if j - at == 4 {
            return None;
        }
    }
    if j == at {
        return None;
    }
    Some((numeral_value_of(&chars[at..j])?, j - at))
}

/// `YYYY年` at `at` (a plausible plan year, 1900–2199): the year and the char length.
fn year_at(chars: &[char], at: usize) -> Option<(i32, usize)> {
    let digits = chars.get(at..at + 4)?;
    if !digits.iter().all(|c| c.is_ascii_digit()) || chars.get(at + 4) != Some(&'年') {
        return None;
    }
    if at > 0 && is_digit(chars[at - 1]) {
        return None;
    }
    let year = digits.iter().fold(0, |y, &d| y * 10 + (d as i32 - '0' as i32));
    (1900..2200).contains(&year).then_some((year, 5))
}

fn starts(chars: &[char], at: usize, s: &str) -> bool {
    let mut rest = chars.get(at..).unwrap_or_default().iter();
    s.chars().all(|c| rest.next() == Some(&c))
}

/// Deadlines named in `text`: `4月底前`, `6月前`, `6月30日前`, `12月30日`, `6月中旬`,
/// `年底前`, `年内`, `2021年底`, `三季度末`, with ISO dates when the year is known (from the
/// text, else `year`).
///
/// How the dates are read (a deadline is the last day the work may take):
/// - `N月底`, `N月末` (with or without `前`) → the last day of month N;
/// - `N月前`, `N月以前`, `N月之前` → before month N starts: the last day of month N−1
///   (`6月前` → `05-31`; `1月前` → December 31 of the year before);
/// - `N月D日` (with or without `前`) → that day; `N月上旬/中旬/下旬` → the 10th, 20th or last day;
/// - `年底`, `年末`, `年内`, `年度内` → December 31; `N季度末` → the quarter's last day.
///
/// Periods (`上半年`, `全年`) are not deadlines, nor are spans of years (`三年内`). With
/// `in_deadline_column`, a bare month (`2020年6月`) or year (`2020年`) is a deadline too: the
/// last day of that month or year.
///
/// ```
/// use taizhang_parser::text::deadlines;
/// let d = deadlines("4月底前完成招标，6月前提交材料，年内动工", Some(2020), false);
/// let got: Vec<_> = d.iter().map(|d| (d.text.as_str(), d.date.as_deref())).collect();
/// assert_eq!(got, vec![("4月底前", Some("2020-04-30")), ("6月前", Some("2020-05-31")), ("年内", Some("2020-12-31"))]);
/// ```
pub fn deadlines(text: &str, year: Option<i32>, in_deadline_column: bool) -> Vec<Deadline> {
    // Every deadline names a month, a quarter's end or a year's end, or (in a deadline
    // column) a year: cells naming none of these (`上半年` is none) are passed over without
    // looking at each position.
    let may_name_one = text.contains('月')
        || text.match_indices('年').any(|(i, _)| {
            let after = &text[i + '年'.len_utf8()..];
            in_deadline_column || year_ends().any(|(w, _)| after.starts_with(w))
        })
        || quarter_ends().any(|w| text.contains(w));
    if !may_name_one {
        return Vec::new();
    }
    let chars = chars_of(text);
    let mut out: Vec<Deadline> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((len, date)) = deadline_at(&chars, i, year, in_deadline_column) {
            let text = string_of(&chars[i..i + len]);
            if !out.iter().any(|d| d.text == text) {
                out.push(Deadline { text, date });
            }
            i += len;
        } else {
            i += 1;
        }
    }
    out
}

/// The first chars of the words naming the plan's year or the next (`今年`, `明年`): a
/// deadline may start with one.
static YEAR_WORD_FIRSTS: LazyLock<Vec<char>> = LazyLock::new(|| {
    use taizhang_lexicon::TimeList;
    let lexicon = taizhang_lexicon::builtin();
    let words =
        lexicon.time_words(TimeList::ThisYear).chain(lexicon.time_words(TimeList::NextYear));
    words.filter_map(|w| w.chars().next()).collect()
});

/// Chars before 年 that make it a count of years or another year (`几年`, `去年`, `每年`).
static YEAR_COUNT_BEFORE: LazyLock<Vec<char>> = LazyLock::new(|| {
    let lexicon = taizhang_lexicon::builtin();
    let words = lexicon.time_words(taizhang_lexicon::TimeList::YearCountBefore);
    words.filter_map(|w| w.chars().next()).collect()
});

/// The word naming the plan's year (`今年`, `本年`) or the next (`明年`: `true`) at `at`.
fn year_word_at(chars: &[char], at: usize) -> Option<(&'static str, bool)> {
    use taizhang_lexicon::TimeList;
    let lexicon = taizhang_lexicon::builtin();
    let this = lexicon.time_words(TimeList::ThisYear).map(|w| (w, false));
    let mut words = this.chain(lexicon.time_words(TimeList::NextYear).map(|w| (w, true)));
    words.find(|(w, _)| starts(chars, at, w))
}

/// What follows 年 in a deadline by the year's end, each with whether a `by` cue may follow:
/// `year-close` (`年底`, `年末`) and `year-end` (`年内`) of the lexicon's `time-words.tsv`.
fn year_ends() -> impl Iterator<Item = (&'static str, bool)> {
    use taizhang_lexicon::TimeList;
    let lexicon = taizhang_lexicon::builtin();
    let close = lexicon.time_words(TimeList::YearClose).map(|w| (w, true));
    close.chain(lexicon.time_words(TimeList::YearEnd).map(|w| (w, false)))
}

/// What follows a quarter's number at the quarter's end (`季度末`, `季度底`).
fn quarter_ends() -> impl Iterator<Item = &'static str> {
    taizhang_lexicon::builtin().time_words(taizhang_lexicon::TimeList::QuarterEnd)
}

/// What follows 年 at the year's close (`底`, `末`).
pub(crate) fn year_closes() -> impl Iterator<Item = &'static str> {
    taizhang_lexicon::builtin().time_words(taizhang_lexicon::TimeList::YearClose)
}

/// Optional `前`, `以前`, `之前` after a time point (`by` of the lexicon's `cues.tsv`, the
/// first that is written there): its char length.
pub(crate) fn before_suffix(chars: &[char], at: usize) -> usize {
    taizhang_lexicon::builtin()
        .cues(taizhang_lexicon::CuePlace::By)
        .find(|c| starts(chars, at, &c.word))
        .map_or(0, |c| c.word.chars().count())
}

fn deadline_at(
    chars: &[char],
    at: usize,
    plan_year: Option<i32>,
    in_deadline_column: bool,
) -> Option<(usize, Option<String>)> {
    // Every deadline starts with a number, a year word, `年` or `第`: nothing else needs a
    // closer look (this runs at every position of every cell).
    let first = chars[at];
    if !(is_digit(first)
        || is_han_numeral(first)
        || matches!(first, '年' | '第')
        || YEAR_WORD_FIRSTS.contains(&first))
    {
        return None;
    }
    // A number glued to a longer number or a decimal is not the start of a date.
    if at > 0 && (is_digit(chars[at - 1]) || matches!(chars[at - 1], '.' | '．')) {
        return None;
    }
    let mut k = at;
    let mut year = plan_year;
    let mut explicit_year = false;
    if let Some((y, len)) = year_at(chars, k) {
        year = Some(y);
        k += len;
        explicit_year = true;
    } else if let Some((word, next)) = year_word_at(chars, k) {
        if next {
            year = plan_year.map(|y| y + 1);
        }
        k += word.chars().count();
        explicit_year = true;
    }
    // Year end: `年底`, `年末`, `年内`, `年度内` (the `年` may be the one of `2020年`).
    let year_char = if explicit_year { k - 1 } else { k };
    if explicit_year || chars.get(k) == Some(&'年') {
        let after_year = year_char + 1;
        let prev_is_count = !explicit_year
            && at > 0
            && (is_han_numeral(chars[at - 1])
                || is_digit(chars[at - 1])
                || YEAR_COUNT_BEFORE.contains(&chars[at - 1]));
        // `年中年底复盘` names two review points of every year, not a limit.
        let review_pair =
            !explicit_year && at >= 2 && chars[at - 2] == '年' && chars[at - 1] == '中';
        if chars.get(year_char) == Some(&'年') && !prev_is_count && !review_pair {
            for (word, by) in year_ends() {
                if starts(chars, after_year, word) {
                    let end = after_year + word.chars().count();
                    let end = end + if by { before_suffix(chars, end) } else { 0 };
                    return Some((end - at, year.and_then(|y| iso(y, 12, 31))));
                }
            }
            if explicit_year
                && in_deadline_column
                && !chars.get(after_year).copied().is_some_and(|c| is_digit(c) || is_han_numeral(c))
            {
                return Some((after_year - at, year.and_then(|y| iso(y, 12, 31))));
            }
        }
    }
    // Quarter end: `三季度末`, `第二季度末前`.
    {
        let mut q = k;
        if chars.get(q) == Some(&'第') {
            q += 1;
        }
        if let Some((n, len)) = number_at(chars, q) {
            let after = q + len;
            let word = (1..=4)
                .contains(&n)
                .then(|| quarter_ends().find(|w| starts(chars, after, w)))
                .flatten();
            if let Some(word) = word {
                let end = after + word.chars().count();
                let end = end + before_suffix(chars, end);
                let month = n * 3;
                return Some((end - at, year.and_then(|y| iso(y, month, days_in_month(y, month)))));
            }
        }
    }
    // Months: `4月底前`, `6月前`, `6月30日前`, `6月中旬`.
    let (month, len) = number_at(chars, k)?;
    if !(1..=12).contains(&month) || chars.get(k + len) != Some(&'月') {
        return None;
    }
    // `每月` and `3个月` never reach here; `1-3月` is a span of months, not a deadline.
    if at > 0 && taizhang_lexicon::is_range_separator(chars[at - 1]) {
        return None;
    }
    let m_end = k + len + 1;
    if let Some((day, dlen)) = number_at(chars, m_end) {
        if matches!(chars.get(m_end + dlen), Some('日' | '号')) {
            let end = m_end + dlen + 1;
            let end = end + before_suffix(chars, end);
            return Some((end - at, year.and_then(|y| iso(y, month, day))));
        }
        return None;
    }
    // `6月中旬` → the 20th, `6月底` → the last day (`month-part` in `time-words.tsv`).
    for (word, day) in taizhang_lexicon::builtin().month_parts() {
        if starts(chars, m_end, word) {
            let end = m_end + word.chars().count();
            let end = end + before_suffix(chars, end);
            let date = year.and_then(|y| {
                let day = match day {
                    taizhang_lexicon::MonthDay::Day(d) => u32::from(d),
                    taizhang_lexicon::MonthDay::Last => days_in_month(y, month),
                };
                iso(y, month, day)
            });
            return Some((end - at, date));
        }
    }
    let before = before_suffix(chars, m_end);
    if before > 0 {
        let date = year.and_then(|y| {
            if month == 1 {
                iso(y - 1, 12, 31)
            } else {
                iso(y, month - 1, days_in_month(y, month - 1))
            }
        });
        return Some((m_end + before - at, date));
    }
    // A bare month is a deadline only where the column says so (`完成时限`: `2020年6月`); in
    // running text `6月完成` or `2020年6月召开` name a time, not a limit.
    if in_deadline_column {
        let month_end = m_end + usize::from(chars.get(m_end) == Some(&'份'));
        return Some((month_end - at, year.and_then(|y| iso(y, month, days_in_month(y, month)))));
    }
    None
}

/// The text a fingerprint hashes: without a leading number and without any whitespace.
pub fn normalize_for_fingerprint(text: &str) -> String {
    let (_, rest) = split_number_str(text);
    rest.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Feeds the normalized text to `hasher` run by run: the same bytes as
/// [`normalize_for_fingerprint`], without building the string.
fn hash_normalized(hasher: &mut Sha256, text: &str) {
    let (_, rest) = split_number_str(text);
    for run in rest.split(char::is_whitespace) {
        hasher.update(run.as_bytes());
    }
}

/// First 16 hex chars of the SHA-256 of the normalized measure and goal texts.
///
/// ```
/// use taizhang_parser::text::fingerprint;
/// assert_eq!(fingerprint("10. 推动 建设", "目标"), fingerprint("（12）推动建设", " 目标 "));
/// assert_ne!(fingerprint("推动建设", "目标"), fingerprint("推动", "建设目标"));
/// ```
pub fn fingerprint(measure: &str, goal: &str) -> String {
    let mut hasher = Sha256::new();
    hash_normalized(&mut hasher, measure);
    // A separator keeps `ab|c` and `a|bc` apart.
    hasher.update([0x1f]);
    hash_normalized(&mut hasher, goal);
    let digest = hasher.finalize();
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(16);
    for b in digest.iter().take(8) {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    hex
}

/// The first plan year (`2020年`) named in `text`.
pub fn year_in(text: &str) -> Option<i32> {
    let chars = chars_of(text);
    (0..chars.len()).find_map(|i| year_at(&chars, i).map(|(y, _)| y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(text: &str, year: Option<i32>) -> Vec<(String, Option<String>)> {
        deadlines(text, year, false).into_iter().map(|d| (d.text, d.date)).collect()
    }

    fn d(text: &str, date: Option<&str>) -> (String, Option<String>) {
        (text.to_string(), date.map(String::from))
    }

    #[test]
    fn deadline_forms() {
        let y = Some(2020);
        assert_eq!(dl("4月底前完成", y), vec![d("4月底前", Some("2020-04-30"))]);
        assert_eq!(dl("2月底前", y), vec![d("2月底前", Some("2020-02-29"))]);
        assert_eq!(dl("6月前提交", y), vec![d("6月前", Some("2020-05-31"))]);
        assert_eq!(dl("1月前", y), vec![d("1月前", Some("2019-12-31"))]);
        assert_eq!(dl("6月30日前完成", y), vec![d("6月30日前", Some("2020-06-30"))]);
        assert_eq!(dl("协调12月30日商铺租期到期", y), vec![d("12月30日", Some("2020-12-30"))]);
        assert_eq!(dl("年底前完成验收", y), vec![d("年底前", Some("2020-12-31"))]);
        assert_eq!(dl("屠宰场年内动工建设", y), vec![d("年内", Some("2020-12-31"))]);
        assert_eq!(dl("争取2021年底启动", y), vec![d("2021年底", Some("2021-12-31"))]);
        assert_eq!(dl("十二月底前", y), vec![d("十二月底前", Some("2020-12-31"))]);
        assert_eq!(dl("6月中旬前", y), vec![d("6月中旬前", Some("2020-06-20"))]);
        assert_eq!(dl("三季度末前", y), vec![d("三季度末前", Some("2020-09-30"))]);
        assert_eq!(dl("2020年6月底", y), vec![d("2020年6月底", Some("2020-06-30"))]);
        assert_eq!(dl("4月底前", None), vec![d("4月底前", None)]);
    }

    #[test]
    fn not_deadlines() {
        let y = Some(2020);
        for text in [
            "上半年，完成",
            "全年完成",
            "三年内完成",
            "每月召开一期",
            "1-3月开展",
            "2020年工作目标",
            "12.5月",
            "第一季度好人评选",
            "6月完成",
            "2月30号",
            "落实年中年底复盘评估",
        ] {
            let got = dl(text, y);
            assert!(
                got.iter().all(|(_, date)| date.is_none()) || got.is_empty(),
                "{text}: {got:?}"
            );
            if text != "2月30号" {
                assert!(got.is_empty(), "{text}: {got:?}");
            }
        }
    }

    #[test]
    fn deadline_column_accepts_bare_months_and_years() {
        let got: Vec<_> = deadlines("2020年6月", Some(2020), true)
            .into_iter()
            .map(|d| (d.text, d.date))
            .collect();
        assert_eq!(got, vec![d("2020年6月", Some("2020-06-30"))]);
        let got: Vec<_> =
            deadlines("2021年", Some(2020), true).into_iter().map(|d| (d.text, d.date)).collect();
        assert_eq!(got, vec![d("2021年", Some("2021-12-31"))]);
        assert!(deadlines("长期坚持", Some(2020), true).is_empty());
    }

    #[test]
    fn repeats_are_listed_once() {
        assert_eq!(dl("年内完成，年内验收", Some(2020)), vec![d("年内", Some("2020-12-31"))]);
    }

    fn points(text: &str) -> Vec<(u32, String)> {
        goal_points(text).into_iter().map(|p| (p.ordinal, p.text)).collect()
    }

    #[test]
    fn goal_point_markers() {
        assert_eq!(
            points("一是组建队伍。二是加强建设。三是完善机制。"),
            vec![(1, "组建队伍。".into()), (2, "加强建设。".into()), (3, "完善机制。".into())]
        );
        assert_eq!(points("①建成A；②建成B"), vec![(1, "建成A；".into()), (2, "建成B".into())]);
        assert_eq!(
            points("（1）建成A；（2）建成B"),
            vec![(1, "建成A；".into()), (2, "建成B".into())]
        );
        assert_eq!(
            points("(一)建成A；(二)建成B"),
            vec![(1, "建成A；".into()), (2, "建成B".into())]
        );
        assert_eq!(points("1.建成A；2、建成B"), vec![(1, "建成A；".into()), (2, "建成B".into())]);
        assert_eq!(
            points("全年目标：一是建成A。二是建成B。"),
            vec![(0, "全年目标：".into()), (1, "建成A。".into()), (2, "建成B。".into())]
        );
    }

    #[test]
    fn goal_without_markers_is_one_point() {
        assert_eq!(
            points("莞番高速完成投资30亿元。"),
            vec![(1, "莞番高速完成投资30亿元。".into())]
        );
        // Not markers: inside a word, out of sequence, a decimal, one lone `（1）`.
        assert_eq!(points("推进统一是关键").len(), 1);
        assert_eq!(points("二是B。三是C。").len(), 1);
        assert_eq!(points("增长1.5%，2.3%").len(), 1);
        assert_eq!(points("完成（1）号线建设").len(), 1);
        assert!(points("  ").is_empty());
    }

    #[test]
    fn nested_markers_follow_the_outer_list() {
        let got = points("一是建成（1）A（2）B。二是完成C。");
        assert_eq!(got, vec![(1, "建成（1）A（2）B。".into()), (2, "完成C。".into())]);
    }

    #[test]
    fn numbering() {
        assert_eq!(split_number("1. 创新和完善"), (Some(1), "创新和完善".into()));
        assert_eq!(split_number("10. "), (Some(10), String::new()));
        assert_eq!(split_number("（一）稳增长"), (Some(1), "稳增长".into()));
        assert_eq!(split_number("1．推进"), (Some(1), "推进".into()));
        assert_eq!(split_number("1、推进"), (Some(1), "推进".into()));
        assert_eq!(split_number("一季度"), (None, "一季度".into()));
        assert_eq!(split_number(""), (None, String::new()));
        assert_eq!(split_number("（）"), (None, "（）".into()));
    }

    #[test]
    fn artefacts() {
        assert_eq!(strip_artefacts("[bookmark: _GoBack]一是"), ("一是".into(), true));
        assert_eq!(strip_artefacts("[bookmark: 未闭合"), ("[bookmark: 未闭合".into(), false));
        assert_eq!(strip_artefacts("普通"), ("普通".into(), false));
    }

    #[test]
    fn fingerprints_ignore_numbering_and_whitespace() {
        let a = fingerprint("1. 创新 和完善", "一是组建");
        assert_eq!(a.len(), 16);
        assert_eq!(a, fingerprint("（3）创新和完善", "一是组建\n"));
        assert_ne!(a, fingerprint("创新和完善", "二是组建"));
    }
}
