//! Single chars with a meaning: numerals (`numerals.tsv`), punctuation (`punctuation.tsv`)
//! and marks (`markers.tsv`). These are looked up at every position of a text, so each set is
//! kept as a short list behind a bit filter.

use std::sync::OnceLock;

use crate::tsv;

/// A set of chars with a value each.
#[derive(Debug, Default)]
pub(crate) struct CharTable {
    entries: Vec<(char, u64)>,
    bits: [u64; 16],
}

impl CharTable {
    fn insert(&mut self, c: char, value: u64) {
        let b = c as usize % 1024;
        self.bits[b / 64] |= 1 << (b % 64);
        self.entries.push((c, value));
    }

    #[inline]
    pub fn get(&self, c: char) -> Option<u64> {
        let b = c as usize % 1024;
        if self.bits[b / 64] & (1 << (b % 64)) == 0 {
            return None;
        }
        self.entries.iter().find(|e| e.0 == c).map(|e| e.1)
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        self.get(c).is_some()
    }
}

#[derive(Debug, Default)]
pub(crate) struct Chars {
    pub digits: CharTable,
    pub multipliers: CharTable,
    pub ranges: CharTable,
    pub sentences: CharTable,
    pub clauses: CharTable,
    pub lists: CharTable,
    pub lines: CharTable,
    pub list_open: CharTable,
    pub list_close: CharTable,
    pub list_after: CharTable,
    pub list_after_han: CharTable,
    pub point_after: CharTable,
    pub bookmark: (String, String),
    pub attachment: String,
    pub part_open: String,
    pub part_words: Vec<String>,
}

macro_rules! data {
    ($file:literal) => {
        ($file, include_str!(concat!("../data/", $file)))
    };
}

fn one_char(row: &tsv::Row<'_>, field: usize) -> char {
    match row.field(field) {
        "\\n" => return '\n',
        "\\r" => return '\r',
        "\\t" => return '\t',
        _ => {}
    }
    let mut chars = row.field(field).chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c,
        _ => panic!("{}", row.error("one char expected")),
    }
}

pub(crate) fn chars() -> &'static Chars {
    static CHARS: OnceLock<Chars> = OnceLock::new();
    CHARS.get_or_init(|| {
        // Compiled-in data, checked by the tests: a failure here is a broken build.
        let read = |file| tsv::rows(file, 2).unwrap_or_else(|e| panic!("{e}"));
        let mut chars = Chars::default();
        for row in read(data!("numerals.tsv")) {
            let c = one_char(&row, 0);
            let value: u64 =
                row.field(2).parse().unwrap_or_else(|_| panic!("{}", row.error("a number")));
            match row.field(1) {
                "digit" => chars.digits.insert(c, value),
                "multiplier" => chars.multipliers.insert(c, value),
                _ => panic!("{}", row.error("kind is digit or multiplier")),
            }
        }
        for row in read(data!("punctuation.tsv")) {
            let c = one_char(&row, 1);
            match row.field(0) {
                "range" => chars.ranges.insert(c, 0),
                "sentence" => chars.sentences.insert(c, 0),
                "clause" => chars.clauses.insert(c, 0),
                "list" => chars.lists.insert(c, 0),
                "line" => chars.lines.insert(c, 0),
                _ => panic!("{}", row.error("class is range, sentence, clause, list or line")),
            }
        }
        for row in read(data!("markers.tsv")) {
            match row.field(0) {
                "bookmark-open" => chars.bookmark.0 = row.field(1).to_string(),
                "bookmark-close" => chars.bookmark.1 = row.field(1).to_string(),
                "list-open" => chars.list_open.insert(one_char(&row, 1), 0),
                "list-close" => chars.list_close.insert(one_char(&row, 1), 0),
                "list-after" => chars.list_after.insert(one_char(&row, 1), 0),
                "list-after-han" => chars.list_after_han.insert(one_char(&row, 1), 0),
                "point-after" => chars.point_after.insert(one_char(&row, 1), 0),
                "attachment" => chars.attachment = row.field(1).to_string(),
                "part-open" => chars.part_open = row.field(1).to_string(),
                "part-word" => chars.part_words.push(row.field(1).to_string()),
                _ => panic!("{}", row.error("unknown class")),
            }
        }
        chars
    })
}

/// The value of a Chinese digit: 〇/零 … 九, and 两 for 2.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    chars().digits.get(c).map(|v| v as u32)
}

/// A Chinese digit or multiplier (`numerals.tsv`): 零 to 九, 两, 十, 百, 千, 万, 亿.
#[inline]
pub fn is_numeral(c: char) -> bool {
    let chars = chars();
    chars.digits.contains(c) || chars.multipliers.contains(c)
}

/// The char a Chinese numeral writes `value` (0–9) with: the first of `numerals.tsv` with
/// that value (二, not 两).
pub fn digit_char(value: u32) -> Option<char> {
    chars().digits.entries.iter().find(|e| e.1 == u64::from(value)).map(|e| e.0)
}

/// The char of the Chinese multiplier worth `value` (10 → 十).
pub fn multiplier_char(value: u64) -> Option<char> {
    chars().multipliers.entries.iter().find(|e| e.1 == value).map(|e| e.0)
}

/// The value of a Chinese multiplier: 十 → 10, 百, 千, 万, 亿 → 10⁸.
#[inline]
pub fn multiplier_value(c: char) -> Option<u64> {
    chars().multipliers.get(c)
}

/// A char of a Chinese numeral up to 99: a digit or 十.
#[inline]
pub fn is_small_numeral(c: char) -> bool {
    digit_value(c).is_some() || multiplier_value(c) == Some(10)
}

/// A char that stands between the ends of a range (`-`, `～`, `至`, `到` …).
#[inline]
pub fn is_range_separator(c: char) -> bool {
    chars().ranges.contains(c)
}

/// A char that ends a sentence (`。`, `；`, `！` …).
#[inline]
pub fn is_sentence_end(c: char) -> bool {
    chars().sentences.contains(c)
}

/// A char that ends a clause: a sentence end, `，`, `：`, or a line break.
#[inline]
pub fn is_clause_break(c: char) -> bool {
    let chars = chars();
    chars.clauses.contains(c) || chars.sentences.contains(c) || chars.lines.contains(c)
}

/// A char between the items of a list (`、`).
#[inline]
pub fn is_list_separator(c: char) -> bool {
    chars().lists.contains(c)
}

/// How a bookmark artefact opens and closes (`[bookmark:` … `]`).
pub fn bookmark_marks() -> (&'static str, &'static str) {
    let (open, close) = &chars().bookmark;
    (open, close)
}

/// A bracket that opens a list number (`（3）`, `(一)`), from `markers.tsv`.
#[inline]
pub fn is_list_open(c: char) -> bool {
    chars().list_open.contains(c)
}

/// A bracket that closes a list number, from `markers.tsv`.
#[inline]
pub fn is_list_close(c: char) -> bool {
    chars().list_close.contains(c)
}

/// The mark after a list number in Chinese numerals (`一、`), from `markers.tsv`.
#[inline]
pub fn is_list_after_han(c: char) -> bool {
    chars().list_after_han.contains(c)
}

/// The char after a Chinese numeral that makes a point marker (`一是`), from `markers.tsv`.
#[inline]
pub fn is_point_mark(c: char) -> bool {
    chars().point_after.contains(c)
}

/// The word that opens an attachment's mark before a title (`附件1：`), from `markers.tsv`.
pub fn attachment_mark() -> &'static str {
    &chars().attachment
}

/// The word a part heading starts with (`第`: `第一部分`), from `markers.tsv`.
pub fn part_open() -> &'static str {
    &chars().part_open
}

/// A heading of a part of the plan (`第一部分`, `第二章`): it starts with the part-open word
/// and holds a part word of `markers.tsv`.
pub fn is_part_heading(text: &str) -> bool {
    let chars = chars();
    text.starts_with(chars.part_open.as_str()) && chars.part_words.iter().any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        let digits: String = "〇零一二两三四五六七八九"
            .chars()
            .map(|c| char::from_digit(digit_value(c).expect("a digit"), 10).expect("0-9"))
            .collect();
        assert_eq!(digits, "001223456789");
        assert_eq!(digit_value('十'), None);
        assert_eq!(multiplier_value('亿'), Some(100_000_000));
        assert!(is_small_numeral('十') && !is_small_numeral('百'));
    }

    #[test]
    fn punctuation_and_marks() {
        assert!("-－~～〜—–至到".chars().all(is_range_separator));
        assert!(!is_range_separator('、'));
        assert!("，。；：\n\r".chars().all(is_clause_break));
        assert!(!is_clause_break('、') && is_list_separator('、'));
        assert!(is_sentence_end('；') && !is_sentence_end('，'));
        assert_eq!(bookmark_marks(), ("[bookmark:", "]"));
    }

    #[test]
    fn attachment_and_part_marks() {
        assert_eq!(attachment_mark(), "附件");
        assert!(is_point_mark('是') && !is_point_mark('、'));
        assert!(is_list_open('（') && is_list_open('(') && !is_list_open('）'));
        assert!(is_list_close('）') && is_list_close(')') && is_list_after_han('、'));
        assert_eq!(part_open(), "第");
        assert!(!chars().part_words.is_empty());
        assert!(is_part_heading("第一部分 稳增长") && is_part_heading("第二章"));
        assert!(
            is_part_heading("第三篇") && !is_part_heading("第一批") && !is_part_heading("一、部分")
        );
    }
}
