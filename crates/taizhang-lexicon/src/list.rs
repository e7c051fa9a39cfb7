//! List numbers at the start of a text (`（16）`, `(3)`, `10.`, `1、`, `（一）`, `一、`), in the
//! forms `markers.tsv` names, and the small numerals they are written with.

use crate::chars::chars;
use crate::{digit_value, is_small_numeral};

/// A list number at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListNumber {
    pub value: u32,
    /// Char length of the number with its marks and the blanks before and after it.
    pub chars: usize,
    /// Byte length of the same.
    pub bytes: usize,
}

impl ListNumber {
    /// The text after the number and its blanks.
    pub fn rest(self, text: &str) -> &str {
        &text[self.bytes..]
    }
}

/// An ASCII or full-width digit.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of a numeral up to 99 written in Chinese (`十二`, `二十`, `三`), or of ASCII or
/// full-width digits (up to `u32::MAX`).
///
/// ```
/// use taizhang_lexicon::small_numeral_value;
/// let value = |s: &str| small_numeral_value(&s.chars().collect::<Vec<_>>());
/// assert_eq!(value("十二"), Some(12));
/// assert_eq!(value("二十"), Some(20));
/// assert_eq!(value("１６"), Some(16));
/// assert_eq!(value("十二五"), None);
/// ```
pub fn small_numeral_value(chars: &[char]) -> Option<u32> {
    if chars.is_empty() {
        return None;
    }
    if chars.iter().copied().all(is_digit) {
        let mut value: u32 = 0;
        for &c in chars {
            let d =
                if c.is_ascii_digit() { c as u32 - '0' as u32 } else { c as u32 - '０' as u32 };
            value = value.checked_mul(10)?.checked_add(d)?;
        }
        return Some(value);
    }
    let ten = |c: char| crate::multiplier_value(c) == Some(10);
    match *chars {
        [t] if ten(t) => Some(10),
        [d] => digit_value(d),
        [t, u] if ten(t) => Some(10 + digit_value(u)?),
        [t, u] if ten(u) => Some(digit_value(t)? * 10),
        [t, m, u] if ten(m) => Some(digit_value(t)? * 10 + digit_value(u)?),
        _ => None,
    }
}

/// The list number `text` starts with, if any. A `.` followed by a digit is a decimal point
/// (`1.5万人` starts with no list number), and a year (`2020年`) is none.
///
/// ```
/// use taizhang_lexicon::leading_list_number;
/// fn n(s: &str) -> Option<(u32, usize, &str)> {
///     leading_list_number(s).map(|n| (n.value, n.chars, n.rest(s)))
/// }
/// assert_eq!(n("（7） 着力推进"), Some((7, 4, "着力推进")));
/// assert_eq!(n("10. "), Some((10, 4, "")));
/// assert_eq!(n("一、稳增长"), Some((1, 2, "稳增长")));
/// assert_eq!(n("1.5万人"), None);
/// assert_eq!(n("2020年"), None);
/// ```
pub fn leading_list_number(text: &str) -> Option<ListNumber> {
    let marks = chars();
    let peek = |at: usize| text.get(at..).and_then(|rest| rest.chars().next());
    // The run of chars matching `f` from byte `from`: its end byte and its char count.
    let run = |from: usize, f: &dyn Fn(char) -> bool| {
        let (mut end, mut count) = (from, 0);
        while let Some(c) = peek(end).filter(|&c| f(c)) {
            end += c.len_utf8();
            count += 1;
        }
        (end, count)
    };
    let value_of = |from: usize, to: usize| {
        let chars: Vec<char> = text[from..to].chars().collect();
        small_numeral_value(&chars)
    };
    let (start, blanks) = run(0, &char::is_whitespace);
    let first = peek(start)?;
    let (value, end, marker) = if marks.list_open.contains(first) {
        let inner = start + first.len_utf8();
        let (j, n) = run(inner, &|c| is_digit(c) || is_small_numeral(c));
        let closing = peek(j).filter(|&c| n > 0 && marks.list_close.contains(c))?;
        (value_of(inner, j)?, j + closing.len_utf8(), n + 2)
    } else if is_digit(first) {
        let (j, n) = run(start, &is_digit);
        let after = peek(j).filter(|&c| marks.list_after.contains(c))?;
        // A closing bracket ends the number whatever follows; a dot before a digit is a
        // decimal point.
        if !marks.list_close.contains(after) && peek(j + after.len_utf8()).is_some_and(is_digit) {
            return None;
        }
        (value_of(start, j)?, j + after.len_utf8(), n + 1)
    } else if is_small_numeral(first) {
        let (j, n) = run(start, &is_small_numeral);
        let after = peek(j).filter(|&c| marks.list_after_han.contains(c))?;
        (value_of(start, j)?, j + after.len_utf8(), n + 1)
    } else {
        return None;
    };
    let (end, trailing) = run(end, &char::is_whitespace);
    Some(ListNumber { value, chars: blanks + marker + trailing, bytes: end })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        fn n(s: &str) -> Option<(u32, &str)> {
            leading_list_number(s).map(|n| (n.value, n.rest(s)))
        }
        assert_eq!(n("1. 创新和完善"), Some((1, "创新和完善")));
        assert_eq!(n("（一）稳增长"), Some((1, "稳增长")));
        assert_eq!(n("1．推进"), Some((1, "推进")));
        assert_eq!(n("1、推进"), Some((1, "推进")));
        assert_eq!(n("3)推进"), Some((3, "推进")));
        assert_eq!(n("(３)推进"), Some((3, "推进")));
        assert_eq!(n("一季度"), None);
        assert_eq!(n(""), None);
        assert_eq!(n("（）"), None);
        assert_eq!(n("  "), None);
    }
}
