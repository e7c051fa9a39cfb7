//! Comparator and cumulative cues around a number.
//!
//! Decisions (kept consistent across the extractor):
//! - ge: 不少于, 不低于, 超过, 突破, 至少, 大于, 多于, 高于, 逾, 超, `…以上`, `…及以上`, and
//!   `100余个` / `100多个` (more than the number written, so a lower bound);
//! - le: 不超过, 不高于, 低于, 少于, 不足, 最多, 控制在, `…以内`, `…以下`;
//! - approx: 约, 大约, 近, 将近, 接近, `…左右`, `…上下`;
//! - a cue after the number wins over one before it (`控制在50米左右` is approx);
//! - 过, 破 and 上 are cues only before a bare multiplier (`过万亿元`, `上万人`), since
//!   elsewhere they end words (通过, 突破 is matched whole);
//! - 达, 达到, 共, 新增, 每月 are not cues.

use taizhang_model::Cmp;

use std::sync::LazyLock;

use taizhang_lexicon::{CueCmp, CuePlace};

use super::lexicon::{lexicon, Lexicon};
use super::units::{ends_with, starts_with};

/// The cues of `place` in `cues.tsv`, in file order.
fn cues(place: CuePlace) -> Vec<(&'static str, Cmp)> {
    taizhang_lexicon::builtin()
        .cues(place)
        .map(|c| {
            let cmp = match c.cmp {
                Some(CueCmp::Le) => Cmp::Le,
                Some(CueCmp::Approx) => Cmp::Approx,
                Some(CueCmp::Ge) | None => Cmp::Ge,
            };
            (c.word.as_str(), cmp)
        })
        .collect()
}

/// The words of `place`, in file order.
fn words(place: CuePlace) -> Vec<&'static str> {
    taizhang_lexicon::builtin().cues(place).map(|c| c.word.as_str()).collect()
}

/// A cue written before the number, longest first within each length.
static LEFT: LazyLock<Vec<(&str, Cmp)>> = LazyLock::new(|| cues(CuePlace::Before));

/// Cues that count only before a bare multiplier (`过万亿元`, `破万`, `上千`).
static LEFT_BARE: LazyLock<Vec<(&str, Cmp)>> = LazyLock::new(|| cues(CuePlace::BeforeBare));

/// Words ending in a cue character that are not cues (`附近`, `最近`).
static NOT_LEFT: LazyLock<Vec<&str>> = LazyLock::new(|| words(CuePlace::NotBefore));

/// A cue written after the number and its unit.
static RIGHT: LazyLock<Vec<(&str, Cmp)>> = LazyLock::new(|| cues(CuePlace::After));

/// Words that start with a right cue but are not one (`上下游`).
static NOT_RIGHT: LazyLock<Vec<&str>> = LazyLock::new(|| words(CuePlace::NotAfter));

/// Cues that may stand a verb away from the number (`至少建成一个`, `最多安排3名`).
static LEFT_DISTANT: LazyLock<Vec<(&str, Cmp)>> = LazyLock::new(|| cues(CuePlace::Distant));

/// Running-total cues (`累计`, `累积`).
static CUMULATIVE: LazyLock<Vec<&str>> = LazyLock::new(|| words(CuePlace::Cumulative));

/// The cue ending at `end` (just before a number): its start and comparator.
pub(crate) fn left_cue(chars: &[char], end: usize, bare: bool) -> Option<(usize, Cmp)> {
    let cue = |list: &[(&str, Cmp)], lexicon: &Lexicon| {
        lexicon.ending_at(chars, end).next().map(|(k, n)| (end - n, list[k].1))
    };
    let found = match cue(&LEFT, lexicon!(LEFT.iter().map(|c| c.0))) {
        Some(found) => found,
        None if bare => cue(&LEFT_BARE, lexicon!(LEFT_BARE.iter().map(|c| c.0)))?,
        None => return None,
    };
    if NOT_LEFT.iter().any(|w| ends_with(chars, end, w)) {
        return None;
    }
    Some(found)
}

/// A cue up to four chars of verb before the number: `至少建成一个` is ge.
pub(crate) fn distant_left_cue(chars: &[char], end: usize, floor: usize) -> Option<(usize, Cmp)> {
    const MAX_GAP: usize = 4;
    for gap in 1..=MAX_GAP {
        let Some(cue_end) = end.checked_sub(gap) else { break };
        if cue_end < floor {
            break;
        }
        let c = chars[cue_end];
        let word_char =
            ('\u{4e00}'..='\u{9fff}').contains(&c) && !super::numerals::is_chinese_numeral(c);
        if !word_char {
            break;
        }
        for &(cue, cmp) in LEFT_DISTANT.iter() {
            if ends_with(chars, cue_end, cue) {
                let start = cue_end - cue.chars().count();
                if start >= floor {
                    return Some((start, cmp));
                }
            }
        }
    }
    None
}

/// The cue starting at `at` (just after a number and its unit): its end and comparator.
pub(crate) fn right_cue(chars: &[char], at: usize) -> Option<(usize, Cmp)> {
    if lexicon!(NOT_RIGHT.iter().copied()).starting_at(chars, at).next().is_some() {
        return None;
    }
    let (k, n) = lexicon!(RIGHT.iter().map(|c| c.0)).starting_at(chars, at).next()?;
    Some((at + n, RIGHT[k].1))
}

/// `24小时内`, `5个工作日内`: after a duration, 内 alone is an upper bound.
pub(crate) fn duration_within(chars: &[char], at: usize) -> Option<(usize, Cmp)> {
    (chars.get(at) == Some(&'内')).then_some((at + 1, Cmp::Le))
}

/// Chars that end the clause a cue may reach across.
pub(crate) fn is_clause_break(c: char) -> bool {
    taizhang_lexicon::is_clause_break(c)
}

/// Sum cues (`合计`, `共计`), the char that marks a sum before a number or verb (`共`), those
/// verbs, and the words holding that char that are no cue (`公共`).
static TOTAL: LazyLock<Vec<&str>> = LazyLock::new(|| words(CuePlace::Total));
static TOTAL_CHAR: LazyLock<Vec<&str>> = LazyLock::new(|| words(CuePlace::TotalChar));
static TOTAL_VERB: LazyLock<Vec<&str>> = LazyLock::new(|| words(CuePlace::TotalVerb));
static NOT_TOTAL: LazyLock<Vec<&str>> = LazyLock::new(|| words(CuePlace::NotTotal));

/// How far before a number a running-total cue is looked for, within its clause.
const RUNNING_REACH: usize = 16;

/// The clause before `start` marks the number as a running total or a sum so far:
/// `累计完成…`, `合计…`, `共完成…`, `共40个`. 共 counts right before the number or before a
/// verb (`全年共为`), never inside 公共; 共建, 共享 and the like are not before a verb.
pub(crate) fn running_cue(chars: &[char], start: usize) -> bool {
    let before = chars.get(..start).unwrap_or_default();
    let reach = before
        .iter()
        .rev()
        .take_while(|&&c| !is_clause_break(c) && !taizhang_lexicon::is_list_separator(c))
        .take(RUNNING_REACH)
        .count();
    let left = &before[before.len() - reach..];
    let contains = |word: &str| {
        let w: Vec<char> = word.chars().collect();
        !w.is_empty() && left.windows(w.len()).any(|x| x == w.as_slice())
    };
    if CUMULATIVE.iter().chain(TOTAL.iter()).any(|w| contains(w)) {
        return true;
    }
    for i in 0..left.len() {
        let Some(cue) = TOTAL_CHAR.iter().find(|w| starts_with(left, i, w)) else { continue };
        let end = i + cue.chars().count();
        // A word holding the cue char is no cue (`公共`).
        let inside_word = NOT_TOTAL.iter().any(|w| {
            let n = w.chars().count();
            (i.saturating_sub(n.saturating_sub(1))..=i).any(|s| starts_with(left, s, w))
        });
        if inside_word {
            continue;
        }
        if end == left.len() || TOTAL_VERB.iter().any(|v| starts_with(left, end, v)) {
            return true;
        }
    }
    false
}

/// The start of a 累计 (running total) cue in the same clause before `end`, not before
/// `floor` (the end of the previous quantity). The cue may sit several words before the
/// number: `累计完成投资26.1亿元`.
pub(crate) fn cumulative_cue(chars: &[char], floor: usize, end: usize) -> Option<usize> {
    const MAX_REACH: usize = 24;
    let lowest = end.saturating_sub(MAX_REACH).max(floor);
    let mut i = end;
    while i >= lowest + 2 {
        let c = chars[i - 1];
        if is_clause_break(c) || taizhang_lexicon::is_list_separator(c) {
            return None;
        }
        if let Some(cue) = CUMULATIVE.iter().find(|w| ends_with(chars, i, w)) {
            return Some(i - cue.chars().count());
        }
        i -= 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn left_cues() {
        let c = chars("完成不少于86");
        assert_eq!(left_cue(&c, 5, false), Some((2, Cmp::Ge)));
        let c = chars("人口超千万");
        assert_eq!(left_cue(&c, 3, true), Some((2, Cmp::Ge)));
        let c = chars("通过");
        assert_eq!(left_cue(&c, 2, true), None);
        let c = chars("附近");
        assert_eq!(left_cue(&c, 2, false), None);
        let c = chars("约");
        assert_eq!(left_cue(&c, 1, false), Some((0, Cmp::Approx)));
    }

    #[test]
    fn right_cues() {
        assert_eq!(right_cue(&chars("以上的"), 0), Some((2, Cmp::Ge)));
        assert_eq!(right_cue(&chars("及以上大企业"), 0), Some((3, Cmp::Ge)));
        assert_eq!(right_cue(&chars("左右"), 0), Some((2, Cmp::Approx)));
        assert_eq!(right_cue(&chars("上下游企业"), 0), None);
    }

    #[test]
    fn running_cues() {
        let cue = |left: &str| {
            let c = chars(&format!("{left}5个"));
            running_cue(&c, left.chars().count())
        };
        assert!(cue("累计完成投资"));
        assert!(cue("合计"));
        assert!(cue("共完成"));
        assert!(cue("完成共"));
        assert!(cue("全年共为"));
        assert!(!cue("完成公共"));
        assert!(!cue("校地共建"));
        assert!(!cue("完成"));
        assert!(!cue("共完成，新建"));
    }

    #[test]
    fn cumulative_reaches_across_the_verb_and_object() {
        let c = chars("二季度，累计完成投资6.8");
        assert_eq!(cumulative_cue(&c, 0, 10), Some(4));
        let c = chars("累计完成，投资6.8");
        assert_eq!(cumulative_cue(&c, 0, 7), None);
    }
}
