//! The object a number counts: the noun phrase after a measure word (`65个摄像头` →
//! 摄像头), or the noun before the number where the verb takes it as object (`完成投资26.1亿元`
//! → 投资, `居民人均可支配收入增长7.5%` → 居民人均可支配收入).
//!
//! A short list of verbs and function words bounds the phrase (the lists of the lexicon's
//! `quantity-words.tsv`); no dictionary is loaded, so this stays cheap on the parse path. It is a heuristic: where the phrase cannot be
//! bounded within a few words the object is left null rather than guessed.

use super::cues::is_clause_break;
use super::lexicon::{lexicon, quantity_chars, quantity_words};
use super::numerals::is_arabic_digit;
use std::sync::LazyLock;
use taizhang_lexicon::QuantityList;

/// Longest object kept, in chars.
const MAX_OBJECT: usize = 16;

/// Words that end a noun phrase read rightwards (verbs and function words).
static RIGHT_STOPS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| quantity_words(QuantityList::RightStop));

/// Single-char words that cannot begin an object (`两批共40个` has no object).
static LEADING_STOPS: LazyLock<Vec<char>> =
    LazyLock::new(|| quantity_chars(QuantityList::LeadingStop));

/// Single-char words that end a phrase of two chars or more (`…学校为有需要的学生`).
static INNER_STOPS: LazyLock<Vec<char>> = LazyLock::new(|| quantity_chars(QuantityList::InnerStop));

/// A verb followed by one of these is a noun (`培训师`, `建设单位`, `服务站`).
static NOMINAL_SUFFIXES: LazyLock<Vec<char>> =
    LazyLock::new(|| quantity_chars(QuantityList::NominalSuffix));

/// Words that contain a stop word but are nouns.
static NOUNS_WITH_STOPS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| quantity_words(QuantityList::NounWithStop));

/// Words after which the object of a number written later in the clause begins.
static LEFT_VERBS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| quantity_words(QuantityList::LeftVerb));

/// Verbs stripped from the front of an object read leftwards.
static PREFIX_VERBS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| quantity_words(QuantityList::PrefixVerb));

/// Linking words between the object and the number, stripped from the end of the phrase.
static LEFT_LINKS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| quantity_words(QuantityList::LeftLink));

/// What a date or an earlier number leaves before an object (`2020年公办园…`).
static DATE_LEFT: LazyLock<Vec<char>> = LazyLock::new(|| quantity_chars(QuantityList::DateLeft));

/// A prefix verb followed by one of these is part of a noun (`建成区`, `覆盖率`).
static VERB_NOUN_AFTER: LazyLock<Vec<char>> =
    LazyLock::new(|| quantity_chars(QuantityList::VerbNounAfter));

/// Single chars that are an object by themselves (`人`, `户`).
static ONE_CHAR_OBJECTS: LazyLock<Vec<char>> =
    LazyLock::new(|| quantity_chars(QuantityList::OneCharObject));

/// The noun phrase that starts at `at` (after a measure word), as a char range.
pub(crate) fn right_object(chars: &[char], at: usize) -> Option<(usize, usize)> {
    let mut i = at;
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    let start = i;
    if chars.get(start).is_some_and(|c| LEADING_STOPS.contains(c)) || stops_at(chars, start) {
        return None;
    }
    let mut in_quote = false;
    while let Some(&c) = chars.get(i) {
        if i - start >= MAX_OBJECT {
            return None;
        }
        if c == '“' || (c == '"' && !in_quote) {
            in_quote = true;
            i += 1;
            continue;
        }
        if in_quote {
            if c == '”' || c == '"' {
                in_quote = false;
            }
            i += 1;
            continue;
        }
        // A short bracket inside the phrase stays: `村（社区）`.
        if c == '（' && i > start {
            if let Some(off) = chars[i..chars.len().min(i + 8)].iter().position(|&d| d == '）') {
                i += off + 1;
                continue;
            }
        }
        let digit_in_name = is_arabic_digit(c)
            && (chars.get(i + 1).is_some_and(|d| d.is_ascii_alphabetic())
                || i.checked_sub(1)
                    .and_then(|k| chars.get(k))
                    .is_some_and(|d| d.is_ascii_alphabetic()));
        if !(is_cjk(c) || c.is_ascii_alphabetic() || digit_in_name) {
            break;
        }
        if let Some((_, n)) =
            lexicon!(NOUNS_WITH_STOPS.iter().copied()).starting_at(chars, i).next()
        {
            i += n;
            continue;
        }
        if i > start && stops_at(chars, i) || i >= start + 2 && INNER_STOPS.contains(&c) {
            break;
        }
        i += 1;
    }
    trim(chars, start, i)
}

/// True when a stop word begins at `i` and is not the head of a noun (`培训师`).
fn stops_at(chars: &[char], i: usize) -> bool {
    lexicon!(RIGHT_STOPS.iter().copied())
        .starting_at(chars, i)
        .any(|(_, n)| n == 1 || !chars.get(i + n).is_some_and(|c| NOMINAL_SUFFIXES.contains(c)))
}

/// The object before a number that starts at `end`, looked for within the clause but not
/// before `floor` (the end of the previous quantity).
pub(crate) fn left_object(chars: &[char], floor: usize, end: usize) -> Option<(usize, usize)> {
    let mut start = end;
    while start > floor {
        let c = chars[start - 1];
        if is_clause_break(c)
            || matches!(c, '、' | '（' | '(' | '）' | ')' | '《' | '》' | ' ' | '\t')
        {
            break;
        }
        if is_arabic_digit(c) || c == '.' {
            // Digits inside a name stay (`5G基站`, `PM2.5平均浓度`); others end the phrase.
            let mut run = start - 1;
            while run > floor && (is_arabic_digit(chars[run - 1]) || chars[run - 1] == '.') {
                run -= 1;
            }
            // `5G`, and `500强` (a ranking that names the noun after it).
            let letter_after =
                chars.get(start).is_some_and(|&c| c.is_ascii_alphabetic() || c == '强');
            let letter_before = run > floor && chars[run - 1].is_ascii_alphabetic();
            if letter_after || letter_before {
                start = run;
                continue;
            }
            break;
        }
        if c == '%' || c == '％' {
            break;
        }
        start -= 1;
    }
    let mut end = end;
    // Strip the linking words between object and number (…增长, …达到, …控制在).
    while let Some((_, n)) = lexicon!(LEFT_LINKS.iter().copied()).ending_at(chars, end).next() {
        if end < start + n {
            break;
        }
        end -= n;
    }
    // A list marker (`一是`, `二是`) opens the clause, it is not part of the object.
    if end >= start + 2
        && taizhang_lexicon::is_point_mark(chars[start + 1])
        && super::numerals::is_chinese_numeral(chars[start])
    {
        start += 2;
    }
    // Skip what a date or an earlier number left (`2020年公办园…` → `公办园…`).
    while start < end && DATE_LEFT.contains(&chars[start]) {
        start += 1;
    }
    // The object begins after the last verb of the clause (`每千人口拥有执业医师`), unless
    // the verb heads a noun (`招聘会`, `覆盖率`).
    let mut begin = start;
    let mut i = end;
    while i > start {
        if let Some((_, n)) = lexicon!(LEFT_VERBS.iter().copied())
            .ending_at(chars, i)
            .max_by_key(|&(k, _)| LEFT_VERBS[k].len())
        {
            let heads_noun = chars.get(i).is_some_and(|c| NOMINAL_SUFFIXES.contains(c));
            if i - n >= start && !heads_noun {
                begin = i;
                break;
            }
        }
        i -= 1;
    }
    // Verbs that open the phrase are not part of it (`新建改建农村公路` → `农村公路`); inside
    // it they may be (`违法建设治理面积`), so they are only stripped from the front.
    while let Some((_, n)) = lexicon!(PREFIX_VERBS.iter().copied()).starting_at(chars, begin).next()
    {
        // `建成区`, `覆盖率`: the verb is part of a noun.
        if chars.get(begin + n).is_some_and(|c| VERB_NOUN_AFTER.contains(c)) {
            break;
        }
        if begin + n >= end {
            // Nothing but a verb is left: the object is not before the number.
            return None;
        }
        begin += n;
    }
    trim(chars, begin, end)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Drops `的` and whitespace at both ends, and quotes that wrap the whole phrase.
fn trim(chars: &[char], mut start: usize, mut end: usize) -> Option<(usize, usize)> {
    while start < end && (chars[start] == '的' || chars[start].is_whitespace()) {
        start += 1;
    }
    while end > start && (chars[end - 1] == '的' || chars[end - 1].is_whitespace()) {
        end -= 1;
    }
    if end >= start + 2
        && matches!(chars[start], '“' | '"')
        && matches!(chars[end - 1], '”' | '"')
        && !chars[start + 1..end - 1].iter().any(|&c| matches!(c, '“' | '”' | '"'))
    {
        start += 1;
        end -= 1;
    }
    let len = end.saturating_sub(start);
    if len == 0 || len > MAX_OBJECT {
        return None;
    }
    // A lone character (`家`, `村`) is more often a fragment than a noun.
    if len == 1 && !ONE_CHAR_OBJECTS.contains(&chars[start]) {
        return None;
    }
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn right(s: &str, at: usize) -> Option<String> {
        let c: Vec<char> = s.chars().collect();
        right_object(&c, at).map(|(a, b)| c[a..b].iter().collect())
    }

    fn left(s: &str) -> Option<String> {
        let c: Vec<char> = s.chars().collect();
        left_object(&c, 0, c.len()).map(|(a, b)| c[a..b].iter().collect())
    }

    #[test]
    fn object_after_measure_word() {
        assert_eq!(right("65个摄像头，", 3).as_deref(), Some("摄像头"));
        assert_eq!(right("600座公共厕所升级改造", 4).as_deref(), Some("公共厕所"));
        assert_eq!(right("40家“放心肉菜示范超市”，", 3).as_deref(), Some("放心肉菜示范超市"));
        assert_eq!(right("两批共40个", 2), None);
    }

    #[test]
    fn object_before_number() {
        assert_eq!(left("累计完成投资").as_deref(), Some("投资"));
        assert_eq!(left("地区生产总值增长").as_deref(), Some("地区生产总值"));
        assert_eq!(left("每千人口拥有执业医师").as_deref(), Some("执业医师"));
        assert_eq!(left("小额创业贷款放贷").as_deref(), Some("小额创业贷款"));
        assert_eq!(left("力争到2020年公办园在园幼儿占比达").as_deref(), Some("公办园在园幼儿占比"));
        assert_eq!(left("完成"), None);
    }
}
