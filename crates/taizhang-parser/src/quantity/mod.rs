//! Quantities: every number in a text that states an amount, normalized.
//!
//! The parser calls [`extract`] on goal, measure and milestone text. It is a hand-written
//! scanner (no dictionary is loaded): it stops at each digit or Chinese numeral, reads the
//! number with its multipliers (万, 亿), then looks right for the unit and the cues written
//! after it (以上, 左右) and left for the cues written before it (不少于, 约, 累计), and decides
//! from the context whether the number states an amount at all.
//!
//! ```
//! use taizhang_parser::quantity::extract;
//! let q = extract("三季度，累计完成投资14.1亿元。");
//! assert_eq!(q.len(), 1);
//! assert_eq!(q[0].text, "累计完成投资14.1亿元");
//! assert_eq!(q[0].value, Some(1_410_000_000.0));
//! assert_eq!(q[0].unit.as_deref(), Some("元"));
//! assert!(q[0].cumulative);
//! ```
//!
//! # What is not a quantity
//!
//! Years (`2020年`, `2020-2022年`), dates (`6月30日`, `4月底前`), ordinals (`第二批`), list
//! markers (`一是`, `（1）`, `1.`), quarters (`一季度`), phases (`一期工程`), identifiers
//! (`12345热线`, `23价疫苗`, `5G`, `医保发〔2019〕47号`), anything inside quotes or a
//! document title (`“十三五”`, `“5080”`, `《…（2020-2022年）》`), 一 used as an article or
//! inside a word (`一批`, `进一步`, `统一`), Chinese numerals not followed by a unit (`四智`),
//! a bare multiplier without a cue (`万江`, `百千万工程`, `百场`), and programme names of the
//! form `15分钟…圈`.
//!
//! # Comparators
//!
//! See the `cues` module: `100余个` and `100多个` are read as `ge` (more than the number
//! written), and a cue after the number wins over a cue before it.

mod cues;
mod lexicon;
mod numerals;
mod objects;
#[cfg(test)]
mod tests;
mod units;

use std::sync::OnceLock;

use taizhang_model::{Cmp, Quantity, UnitKind};

use crate::text::string_of;

use self::lexicon::{lexicon, quantity_chars, quantity_words};
use self::numerals::{
    is_arabic_digit, is_chinese_numeral, multiplier_exp, parse_chinese, read_arabic, ChineseValue,
    Dec,
};
use self::units::{starts_with, Kind, Unit, UnitTable, RATE_DENOMINATORS};
use std::sync::LazyLock;
use taizhang_lexicon::{QuantityList, TimeList};

/// Finds the quantities in `text`; offsets are char offsets into `text`.
///
/// Uses one [`Extractor`] shared by the whole process, built on first use.
pub fn extract(text: &str) -> Vec<Quantity> {
    shared().extract(text)
}

pub(crate) fn shared() -> &'static Extractor {
    static SHARED: OnceLock<Extractor> = OnceLock::new();
    SHARED.get_or_init(Extractor::new)
}

/// Finds quantities. Build it once and share it: it holds the unit table.
#[derive(Debug)]
pub struct Extractor {
    units: UnitTable,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

/// Measure words that 一 may count with; elsewhere 一 is an article (`一批`, `一张图`) or
/// part of a word (`一体化`, `一站式`).
static ONE_COUNTERS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| quantity_words(QuantityList::OneCounter));

/// Characters before 一 that make it part of a word (`统一`, `唯一`, `第一`, `每一`).
static ONE_WORD_LEFT: LazyLock<Vec<char>> =
    LazyLock::new(|| quantity_chars(QuantityList::OneWordLeft));

/// Words right after a number that make it a date, an ordinal, a label or an identifier.
static NOT_AMOUNT_AFTER: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| quantity_words(QuantityList::NotAmountAfter));

/// Words that start with a numeral and a measure word but count nothing.
static IDIOMS: LazyLock<Vec<&'static str>> = LazyLock::new(|| quantity_words(QuantityList::Idiom));

/// Chars right before a number that make it an ordinal, a denominator or a ranking.
static NOT_AMOUNT_BEFORE: LazyLock<Vec<char>> =
    LazyLock::new(|| quantity_chars(QuantityList::NotAmountBefore));

/// Chars before a number in Chinese numerals that make it a vague count (`几十家`).
static VAGUE_BEFORE: LazyLock<Vec<char>> =
    LazyLock::new(|| quantity_chars(QuantityList::VagueBefore));

/// Chars after a number that mean "more than" (`百余家`).
static MORE_AFTER: LazyLock<Vec<char>> = LazyLock::new(|| quantity_chars(QuantityList::MoreAfter));

/// One number being read, before it becomes a [`Quantity`].
#[derive(Debug, Clone)]
struct Found {
    /// Start of the span (cues included).
    start: usize,
    /// Start of the number itself.
    num_start: usize,
    /// End of the span.
    end: usize,
    value: Option<Dec>,
    range: Option<(Dec, Dec)>,
    /// Surface, base, how it is read, what it measures.
    unit: Option<(String, String, Kind, UnitKind)>,
    /// The left cue's comparator, also when inherited along a 、-list.
    left_cmp: Option<Cmp>,
    cmp: Cmp,
    cumulative: bool,
    object: Option<(usize, usize)>,
    /// An Arabic number with neither unit nor multiplier, directly before `、`: it takes the
    /// unit of the next item of the list, or is dropped.
    needs_list_unit: bool,
    /// True when the number is Arabic and has a multiplier (for list unit sharing).
    has_multiplier: bool,
}

/// A number token: the value and where it ends (multipliers and 余/多 included).
struct Token {
    start: usize,
    end: usize,
    value: TokenValue,
    arabic: bool,
    /// Plain 4-digit integer between 1900 and 2100 with nothing after it but the unit.
    year_like: bool,
    /// Written `100余`/`100多`: more than the number.
    more: bool,
    /// The multiplier chars after the number (`亿` of `26.1亿`), for the surface unit.
    multiplier: String,
    /// Power of ten of the multiplier after an Arabic number.
    multiplier_exp: i32,
    /// The 万/亿 that end a Chinese numeral (`两万`, `过万亿`): part of the value already,
    /// shown in the surface unit as they are after Arabic digits (`两万人` → `万人`).
    numeral_multiplier: String,
    /// The Chinese numeral was just `一`.
    lone_one: bool,
}

impl Token {
    /// Power of ten of the 万/亿 ending a Chinese numeral (`三万` → 4).
    fn numeral_exp(&self) -> i32 {
        self.numeral_multiplier.chars().filter_map(multiplier_exp).sum()
    }
}

enum TokenValue {
    Single(Dec),
    Pair(Dec, Dec),
    Bare(Dec),
}

impl Extractor {
    /// An extractor over the built-in units.
    pub fn new() -> Extractor {
        Extractor { units: UnitTable::new() }
    }

    /// An extractor over the units of `lexicon`: the built-in ones and those a lexicon file
    /// adds (`[[units]]`).
    pub fn of(lexicon: &taizhang_lexicon::Lexicon) -> Extractor {
        Extractor { units: UnitTable::of(lexicon) }
    }

    /// Finds the quantities in `text`; offsets are char offsets into `text`.
    pub fn extract(&self, text: &str) -> Vec<Quantity> {
        // Checked on the text first: most texts without a number need no chars at all.
        if !text.chars().any(is_numeral) {
            return Vec::new();
        }
        self.scan(&crate::text::chars_of(text))
    }

    /// [`Extractor::extract`] on a text already split into chars.
    pub(crate) fn extract_chars(&self, chars: &[char]) -> Vec<Quantity> {
        if !chars.iter().copied().any(is_numeral) {
            return Vec::new();
        }
        self.scan(chars)
    }

    /// Reads the quantities of a text that holds a numeral.
    fn scan(&self, chars: &[char]) -> Vec<Quantity> {
        let protected = protected_spans(chars);
        let mut found: Vec<Found> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if protected[i] || !is_numeral(c) {
                i += 1;
                continue;
            }
            let floor = found.last().map_or(0, |f| f.end);
            match self.candidate(chars, &protected, i, floor) {
                Ok(f) => {
                    i = f.end.max(i + 1);
                    found.push(f);
                }
                Err(next) => i = next.max(i + 1),
            }
        }
        share_along_lists(chars, &mut found);
        // A new vector of the final size: `collect` would reuse the buffer of `found`, whose
        // larger elements and doubled capacity would then stay allocated with the plan.
        let mut quantities = Vec::with_capacity(found.len());
        quantities.extend(found.into_iter().filter_map(|f| to_quantity(chars, f)));
        quantities
    }

    /// Reads the quantity whose number starts at `i`; `Err(next)` says where to resume when
    /// the number states no amount.
    fn candidate(
        &self,
        chars: &[char],
        protected: &[bool],
        i: usize,
        floor: usize,
    ) -> Result<Found, usize> {
        // 百分之六十 is a percentage written in words.
        if starts_with(chars, i, "百分之") {
            return self.percent_in_words(chars, i, floor);
        }
        let token = self.read_token(chars, i).ok_or_else(|| past_overlong_run(chars, i))?;
        let skip = token.end;
        if !self.context_allows(chars, &token) {
            return Err(skip);
        }
        let mut j = token.end;
        let mut unit = self.read_unit(chars, j);
        if let Some((_, _, _, len)) = &unit {
            j += len;
        }
        // A range: `2-3个`, `10至15家`, `5%-8%`, `2至3万个`.
        let mut range: Option<(Dec, Dec)> = None;
        let mut value_token = token;
        if let Some((second, second_unit, end)) =
            self.range_end(chars, protected, &value_token, j, &unit)
        {
            let (lo, hi) = match (&value_token.value, &second.value) {
                (TokenValue::Single(a), TokenValue::Single(b)) => {
                    // `3~5万个`, `二至三万人`: the multiplier written once applies to both.
                    let first_exp = value_token.multiplier_exp + value_token.numeral_exp();
                    let second_exp = second.multiplier_exp + second.numeral_exp();
                    let a = if first_exp == 0 && second_exp != 0 {
                        a.scaled(second_exp)
                    } else {
                        a.clone()
                    };
                    (a, b.clone())
                }
                _ => return Err(skip),
            };
            if lo.to_f64().zip(hi.to_f64()).is_some_and(|(a, b)| a < b) {
                range = Some((lo, hi));
                if unit.is_none() {
                    unit = second_unit;
                }
                if value_token.multiplier.is_empty() {
                    value_token.multiplier = second.multiplier.clone();
                }
                j = end;
            }
        }
        let token = value_token;
        if let TokenValue::Pair(a, b) = &token.value {
            range = Some((a.clone(), b.clone()));
        }
        // `十分重要`, `三天两头`: the whole idiom is skipped; `十分钟` is ten minutes.
        if !token.arabic {
            if let Some(n) = lexicon!(IDIOMS.iter().copied())
                .starting_at(chars, token.start)
                .map(|(_, n)| n)
                .find(|&n| n >= j - token.start)
            {
                return Err(token.start + n);
            }
        }
        let unit_ok = self.unit_allowed(chars, &token, unit.as_ref(), j);
        let mut needs_list_unit = false;
        match unit_ok {
            UnitVerdict::Keep => {}
            UnitVerdict::Reject => return Err(skip),
            UnitVerdict::FromList => needs_list_unit = true,
        }
        // Cues.
        let bare = matches!(token.value, TokenValue::Bare(_));
        let left = cues::left_cue(chars, token.start, bare)
            .filter(|(s, _)| *s >= floor)
            .or_else(|| cues::distant_left_cue(chars, token.start, floor));
        // A bare multiplier counts after a cue (`超千万`) or with 余/多 (`百余家`); 上 only
        // before a unit (`上万人`, but not `成千上万`).
        if bare && left.is_none() && !token.more {
            return Err(skip);
        }
        if bare && unit.is_none() && left.is_some_and(|(s, _)| chars.get(s) == Some(&'上')) {
            return Err(skip);
        }
        let is_short_duration = unit.as_ref().is_some_and(|u| {
            taizhang_lexicon::builtin().time_words(TimeList::ShortDuration).any(|w| w == u.0.base)
        });
        let right = cues::right_cue(chars, j)
            .or_else(|| is_short_duration.then(|| cues::duration_within(chars, j)).flatten());
        let end = right.map_or(j, |(e, _)| e);
        let mut start = left.map_or(token.start, |(s, _)| s);
        let cumulative_start = cues::cumulative_cue(chars, floor, start);
        if let Some(s) = cumulative_start {
            start = s;
        }
        let cmp = if range.is_some() {
            Cmp::Range
        } else if let Some((_, c)) = right {
            c
        } else if let Some((_, c)) = left {
            c
        } else if token.more {
            Cmp::Ge
        } else {
            Cmp::Eq
        };
        let value = match (&token.value, &range) {
            (_, Some(_)) => None,
            (TokenValue::Single(d) | TokenValue::Bare(d), None) => Some(d.clone()),
            (TokenValue::Pair(..), None) => None,
        };
        let unit_strings = unit.map(|(u, rate_surface, rate_base, _)| {
            let surface =
                [token.numeral_multiplier.as_str(), &token.multiplier, &u.surface, &rate_surface]
                    .concat();
            let base = [u.base.as_str(), &rate_base].concat();
            (surface, base, u.kind, u.measures)
        });
        let before_number = left.map_or(token.start, |(s, _)| s);
        let object = unit_strings.as_ref().and_then(|(_, base, kind, _)| {
            object_for(chars, *kind, base, end, before_number, floor)
        });
        Ok(Found {
            start,
            num_start: token.start,
            end,
            value,
            range,
            unit: unit_strings,
            left_cmp: left.map(|(_, c)| c),
            cmp,
            cumulative: cumulative_start.is_some(),
            object,
            needs_list_unit,
            has_multiplier: !token.multiplier.is_empty(),
        })
    }

    /// `百分之六十`, `百分之5`, `百分之百`.
    fn percent_in_words(&self, chars: &[char], i: usize, floor: usize) -> Result<Found, usize> {
        let at = i + 3;
        let (dec, end) = match chars.get(at) {
            Some(&c) if is_arabic_digit(c) => {
                let n = read_arabic(chars, at);
                (n.dec, n.end)
            }
            Some(&c) if is_chinese_numeral(c) => {
                let run_end = chinese_run_end(chars, at);
                match parse_chinese(&chars[at..run_end]) {
                    Some(ChineseValue::Single(v) | ChineseValue::Bare(v)) => (Dec::int(v), run_end),
                    _ => return Err(run_end),
                }
            }
            _ => return Err(at),
        };
        let left = cues::left_cue(chars, i, false).filter(|(s, _)| *s >= floor);
        let right = cues::right_cue(chars, end);
        let mut start = left.map_or(i, |(s, _)| s);
        let cumulative_start = cues::cumulative_cue(chars, floor, start);
        if let Some(s) = cumulative_start {
            start = s;
        }
        let cmp = right.map(|r| r.1).or(left.map(|l| l.1)).unwrap_or(Cmp::Eq);
        let span_end = right.map_or(end, |r| r.0);
        Ok(Found {
            start,
            num_start: i,
            end: span_end,
            value: Some(dec),
            range: None,
            unit: Some(("百分之".into(), "%".into(), Kind::Percent, UnitKind::Percent)),
            left_cmp: left.map(|l| l.1),
            cmp,
            cumulative: cumulative_start.is_some(),
            object: object_for(chars, Kind::Percent, "%", span_end, start, floor),
            needs_list_unit: false,
            has_multiplier: false,
        })
    }

    /// Reads the number at `i` with its multipliers and 余/多.
    fn read_token(&self, chars: &[char], i: usize) -> Option<Token> {
        let first = *chars.get(i)?;
        let mut numeral_multiplier = String::new();
        let (mut value, mut end, arabic, year_like_digits, lone_one) = if is_arabic_digit(first) {
            let n = read_arabic(chars, i);
            let year_like = n.plain_integer
                && n.int_digits == 4
                && n.dec.mantissa.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
            (TokenValue::Single(n.dec), n.end, true, year_like, false)
        } else {
            let run_end = chinese_run_end_within(chars, i, MAX_NUMERAL_RUN + 1);
            if run_end == i || run_end - i > MAX_NUMERAL_RUN {
                return None;
            }
            let run = &chars[i..run_end];
            let tail = run.iter().rev().take_while(|&&c| c == '万' || c == '亿').count();
            numeral_multiplier = run[run.len() - tail..].iter().collect();
            let value = match parse_chinese(run)? {
                ChineseValue::Single(v) => TokenValue::Single(Dec::int(v)),
                ChineseValue::Pair(a, b) => TokenValue::Pair(Dec::int(a), Dec::int(b)),
                ChineseValue::Bare(v) => TokenValue::Bare(Dec::int(v)),
            };
            (value, run_end, false, false, run == ['一'])
        };
        let mut more = false;
        if chars.get(end).is_some_and(|c| MORE_AFTER.contains(c))
            && chars.get(end + 1).is_some_and(|&c| {
                multiplier_exp(c).is_some_and(|e| e >= 2)
                    || self.units.match_at(chars, end + 1).is_some()
            })
        {
            more = true;
            end += 1;
        }
        // Multipliers after Arabic digits (`26.1亿`, `1.5万亿`, `5千万`), or after 余 (`两千多万`).
        let mut multiplier = String::new();
        let mut exp = 0i32;
        if arabic || more {
            while let Some(&c) = chars.get(end) {
                let Some(e) = multiplier_exp(c).filter(|&e| e >= 2) else { break };
                // 千米, 千瓦, 百分点 are units, not multipliers.
                if self.units.match_at(chars, end).is_some() {
                    break;
                }
                exp += e;
                multiplier.push(c);
                end += 1;
            }
        }
        if !more
            && chars.get(end).is_some_and(|c| MORE_AFTER.contains(c))
            && chars.get(end + 1).is_some_and(|&c| {
                self.units.match_at(chars, end + 1).is_some() || c == '，' || c == '。'
            })
            && (!multiplier.is_empty() || !arabic)
        {
            more = true;
            end += 1;
        }
        if exp != 0 {
            value = match value {
                TokenValue::Single(d) => TokenValue::Single(d.scaled(exp)),
                TokenValue::Pair(a, b) => TokenValue::Pair(a.scaled(exp), b.scaled(exp)),
                TokenValue::Bare(d) => TokenValue::Bare(d.scaled(exp)),
            };
        }
        Some(Token {
            start: i,
            end,
            value,
            arabic,
            year_like: year_like_digits && exp == 0 && !more,
            more,
            multiplier,
            multiplier_exp: exp,
            numeral_multiplier,
            lone_one: lone_one && exp == 0,
        })
    }

    /// The unit at `at`, with a rate denominator (`吨/日`): (unit, rate surface, rate base,
    /// chars consumed).
    fn read_unit(&self, chars: &[char], at: usize) -> Option<(&Unit, String, String, usize)> {
        let unit = self.units.match_at(chars, at)?;
        let mut len = unit.surface_len;
        let mut rate_surface = String::new();
        let mut rate_base = String::new();
        if let Some(&slash) = chars.get(at + len).filter(|&&c| c == '/' || c == '／') {
            if let Some(den) =
                RATE_DENOMINATORS.iter().find(|d| starts_with(chars, at + len + 1, d))
            {
                rate_surface.push(slash);
                rate_surface.push_str(den);
                rate_base.push('/');
                rate_base.push_str(den);
                len += 1 + den.chars().count();
            }
        }
        Some((unit, rate_surface, rate_base, len))
    }

    /// The second number of a range starting at `j` (after the first number and its unit).
    #[allow(clippy::type_complexity)]
    fn range_end(
        &self,
        chars: &[char],
        protected: &[bool],
        first: &Token,
        j: usize,
        first_unit: &Option<(&Unit, String, String, usize)>,
    ) -> Option<(Token, Option<(&Unit, String, String, usize)>, usize)> {
        let sep = *chars.get(j)?;
        if !taizhang_lexicon::is_range_separator(sep) {
            return None;
        }
        let at = j + 1;
        let c = *chars.get(at)?;
        if protected.get(at).copied().unwrap_or(true) {
            return None;
        }
        if first.arabic != is_arabic_digit(c) || !(is_arabic_digit(c) || is_chinese_numeral(c)) {
            return None;
        }
        let second = self.read_token(chars, at)?;
        if second.year_like || !matches!(second.value, TokenValue::Single(_)) {
            return None;
        }
        let mut end = second.end;
        let second_unit = self.read_unit(chars, end);
        if let Some((_, _, _, len)) = &second_unit {
            end += len;
        }
        match (first_unit, &second_unit) {
            (Some(a), Some(b)) if a.0.base != b.0.base || a.1 != b.1 => return None,
            (Some(_), None) => return None,
            _ => {}
        }
        // `2020-2022年` is a span of years; `2000～3000套` is a range.
        if first.year_like && second_unit.as_ref().is_none_or(|u| u.0.base == "年") {
            return None;
        }
        // `2020-04-30`: a third part makes it a date or a code.
        if chars.get(end).is_some_and(|&c| taizhang_lexicon::is_range_separator(c))
            && chars.get(end + 1).is_some_and(|&c| is_arabic_digit(c))
        {
            return None;
        }
        if self.blocked_after(chars, second.end, &second) {
            return None;
        }
        let unit = if first_unit.is_some() { None } else { second_unit };
        Some((second, unit, end))
    }

    /// Rules on the number's surroundings that do not depend on its unit.
    fn context_allows(&self, chars: &[char], token: &Token) -> bool {
        let i = token.start;
        let before = i.checked_sub(1).and_then(|k| chars.get(k)).copied();
        let before2 = i.checked_sub(2).and_then(|k| chars.get(k)).copied();
        // Ordinals (第二批), denominators (每10万人), rankings (前10名).
        if before.is_some_and(|c| NOT_AMOUNT_BEFORE.contains(&c)) {
            return false;
        }
        // Vague counts (几十家, 数百个, 若干) are not amounts either; they are written in
        // Chinese numerals, so `人数10万` (a noun ending in 数, then a number) still counts.
        if !token.arabic && before.is_some_and(|c| VAGUE_BEFORE.contains(&c)) {
            return false;
        }
        // Identifiers: PM2.5, G4, COVID-19, 3.0 after letters.
        if before.is_some_and(|c| c.is_ascii_alphabetic() || c == '.' || c == '．' || c == '_') {
            return false;
        }
        if matches!(before, Some('-' | '－' | '/' | '／' | '~' | ':' | '：' | '∶'))
            && before2.is_some_and(|c| is_arabic_digit(c) || c.is_ascii_alphabetic())
        {
            return false;
        }
        if token.arabic {
            // List markers: `1.`, `1、`, `1）` at the start of a line; `（1）` anywhere.
            let at_line_start = line_start(chars, i);
            let after = chars.get(token.end).copied();
            let after2 = chars.get(token.end + 1).copied();
            if at_line_start
                && matches!(after, Some('.' | '．' | '、' | ')' | '）'))
                && !after2.is_some_and(is_arabic_digit)
            {
                return false;
            }
            if matches!(before, Some('（' | '(')) && matches!(after, Some('）' | ')')) {
                return false;
            }
        }
        if !token.arabic && matches!(before, Some('（' | '(')) {
            // （一）
            if chars.get(token.end) == Some(&'）') || chars.get(token.end) == Some(&')') {
                return false;
            }
        }
        !self.blocked_after(chars, token.end, token)
    }

    /// True when what follows the number makes it a date, label or identifier.
    fn blocked_after(&self, chars: &[char], at: usize, token: &Token) -> bool {
        let blocked =
            lexicon!(NOT_AMOUNT_AFTER.iter().copied()).starting_at(chars, at).map(|(_, n)| n).max();
        let unit = self.units.match_at(chars, at);
        match (blocked, unit) {
            // 个月, 日元: a longer unit wins over the blocked word it starts with.
            (Some(b), Some(u)) if u.surface_len > b => chinese_year_or_phase(u, token),
            (Some(_), _) => true,
            (None, Some(u)) => chinese_year_or_phase(u, token),
            (None, None) => false,
        }
    }

    /// Decides on the unit (or its absence).
    fn unit_allowed(
        &self,
        chars: &[char],
        token: &Token,
        unit: Option<&(&Unit, String, String, usize)>,
        after: usize,
    ) -> UnitVerdict {
        let Some((u, ..)) = unit else {
            return self.unitless(chars, token, after);
        };
        if token.year_like && (u.base == "年" || u.kind == Kind::Noun) {
            return UnitVerdict::Reject;
        }
        // `近3年`, `过去5年`, `今后3年`: a time frame; `近5年来`, `5年间`, `3年内建成`,
        // `6个月内`: a time frame or a deadline, not an amount (`frame-…` in `time-words.tsv`).
        let words = taizhang_lexicon::builtin();
        if words.time_words(TimeList::FrameUnit).any(|w| w == u.base)
            && (words
                .time_words(TimeList::FrameBefore)
                .any(|w| units::ends_with(chars, token.start, w))
                || words.time_words(TimeList::FrameAfter).any(|w| starts_with(chars, after, w)))
        {
            return UnitVerdict::Reject;
        }
        // `五位一体`: a name.
        if starts_with(chars, after, "一体") {
            return UnitVerdict::Reject;
        }
        // `1对1帮扶`: a pairing, not a count of pairs.
        if u.surface == "对" && chars.get(after).is_some_and(|&c| is_arabic_digit(c) || c == '一')
        {
            return UnitVerdict::Reject;
        }

        if token.lone_one {
            if !ONE_COUNTERS.contains(&u.surface.as_str()) {
                return UnitVerdict::Reject;
            }
            let before = token.start.checked_sub(1).and_then(|k| chars.get(k));
            if before.is_some_and(|c| ONE_WORD_LEFT.contains(c)) {
                return UnitVerdict::Reject;
            }
            // 一村一品, 一户一档: a pattern, not a count.
            if chars.get(after) == Some(&'一')
                || token.start.checked_sub(2).and_then(|k| chars.get(k)) == Some(&'一')
            {
                return UnitVerdict::Reject;
            }
        }
        // 15分钟社区生活圈, 1小时交通圈: programme names (`circle-duration` and `circle-end`
        // in `time-words.tsv`).
        let words = taizhang_lexicon::builtin();
        if words.time_words(TimeList::CircleDuration).any(|w| w == u.base) {
            let mut k = after;
            while let Some(&c) = chars.get(k) {
                if cues::is_clause_break(c) || k > after + 12 {
                    break;
                }
                if words.time_words(TimeList::CircleEnd).any(|w| starts_with(chars, k, w)) {
                    return UnitVerdict::Reject;
                }
                k += 1;
            }
        }
        UnitVerdict::Keep
    }

    /// A number without a unit counts when it has a multiplier (`人口超千万`, `投资10亿`),
    /// or is Arabic and ends the phrase; an Arabic number before `、` may share the unit of
    /// the list; Chinese numerals without a unit are words (`四智`, `三电`).
    fn unitless(&self, chars: &[char], token: &Token, after: usize) -> UnitVerdict {
        if matches!(token.value, TokenValue::Bare(_)) || !token.multiplier.is_empty() {
            return UnitVerdict::Keep;
        }
        if !token.arabic || token.year_like {
            return UnitVerdict::Reject;
        }
        // A ratio (`2.1:1`) is not an amount.
        if matches!(chars.get(after), Some(':' | '：' | '∶'))
            && chars.get(after + 1).is_some_and(|&c| is_arabic_digit(c))
        {
            return UnitVerdict::Reject;
        }
        match chars.get(after) {
            Some('、') => UnitVerdict::FromList,
            None => UnitVerdict::Keep,
            Some(&c) if cues::is_clause_break(c) || c.is_whitespace() => UnitVerdict::Keep,
            Some('）' | ')' | '”' | '"') => UnitVerdict::Keep,
            Some(_) if cues::right_cue(chars, after).is_some() => UnitVerdict::Keep,
            Some(_) => UnitVerdict::Reject,
        }
    }
}

enum UnitVerdict {
    Keep,
    Reject,
    FromList,
}

/// An Arabic digit or a Chinese numeral: where a number may start.
fn is_numeral(c: char) -> bool {
    is_arabic_digit(c) || is_chinese_numeral(c)
}

/// The longest run of Chinese numerals read as a number: the longest a number is written
/// (`九千九百九十九亿九千九百九十九万九千九百九十九`) is 23. A longer run (`十十十…`) states no
/// amount, and none of its positions is tried: trying each would read the rest of the run
/// from each, time growing with the square of its length.
const MAX_NUMERAL_RUN: usize = 48;

/// Where to go on when no number starts at `i`: past the whole Chinese numeral run at `i`
/// when it is longer than [`MAX_NUMERAL_RUN`], else to the next char.
fn past_overlong_run(chars: &[char], i: usize) -> usize {
    let end = chinese_run_end(chars, i);
    if end - i > MAX_NUMERAL_RUN {
        end
    } else {
        i + 1
    }
}

/// End of the Chinese numeral run at `i`. 百 before 分 starts 百分点/百分之, not a number.
fn chinese_run_end(chars: &[char], i: usize) -> usize {
    chinese_run_end_within(chars, i, usize::MAX)
}

/// [`chinese_run_end`], looking at most `limit` chars ahead.
fn chinese_run_end_within(chars: &[char], i: usize, limit: usize) -> usize {
    let mut k = i;
    while let Some(&c) = chars.get(k) {
        if k - i >= limit {
            break;
        }
        if !is_chinese_numeral(c) {
            break;
        }
        if c == '百' && chars.get(k + 1) == Some(&'分') {
            break;
        }
        k += 1;
    }
    k
}

/// True when only whitespace stands between the start of the line and `i`.
fn line_start(chars: &[char], i: usize) -> bool {
    let mut k = i;
    while k > 0 {
        let c = chars[k - 1];
        if c == '\n' || c == '\r' {
            return true;
        }
        if !c.is_whitespace() {
            return false;
        }
        k -= 1;
    }
    true
}

/// Marks the chars inside quotes, document titles and bracketed document numbers:
/// numbers there are names (`“十三五”`, `《…（2020-2022年）》`, `〔2019〕`).
fn protected_spans(chars: &[char]) -> Vec<bool> {
    let mut protected = vec![false; chars.len()];
    // Each opening char with its closing char and how far the closing char may be.
    let pair = |c: char| match c {
        '“' => Some(('”', 40)),
        '"' => Some(('"', 40)),
        '「' => Some(('」', 40)),
        '『' => Some(('』', 40)),
        '‘' => Some(('’', 40)),
        '《' => Some(('》', 120)),
        '〔' => Some(('〕', 12)),
        '[' => Some((']', 40)),
        '【' => Some(('】', 40)),
        _ => None,
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some((close, reach)) = pair(c) {
            let limit = (i + 1 + reach).min(chars.len());
            if let Some(off) =
                chars[i + 1..limit].iter().take_while(|&&d| d != '\n').position(|&d| d == close)
            {
                let end = i + 1 + off;
                for p in &mut protected[i..=end] {
                    *p = true;
                }
                i = end + 1;
                continue;
            }
        }
        i += 1;
    }
    protected
}

/// The object: after a measure word first, else before the number; for a percentage, the
/// noun after `的` (`50%的二甲公立医院`).
fn object_for(
    chars: &[char],
    kind: Kind,
    base: &str,
    end: usize,
    num_start: usize,
    floor: usize,
) -> Option<(usize, usize)> {
    match kind {
        Kind::Counter => objects::right_object(chars, end)
            .or_else(|| objects::left_object(chars, floor, num_start)),
        Kind::Percent => {
            if chars.get(end) == Some(&'的') {
                objects::right_object(chars, end + 1)
                    .or_else(|| objects::left_object(chars, floor, num_start))
            } else {
                objects::left_object(chars, floor, num_start)
            }
        }
        // A duration counts time, not the noun after it (`24小时快速响应`).
        Kind::Measure if is_duration(base) => objects::left_object(chars, floor, num_start),
        Kind::Money | Kind::Measure => objects::left_object(chars, floor, num_start)
            .or_else(|| objects::right_object(chars, end)),
        Kind::Noun => None,
    }
}

/// A unit of time (kind `time` in `units.tsv`), not a rate (`次/小时`).
fn is_duration(base: &str) -> bool {
    !base.contains('/')
        && taizhang_lexicon::builtin().unit_kind(base) == Some(taizhang_model::UnitKind::Time)
}

/// Along a 、-list: a number without unit takes the unit of the next item (`3、5个`), and a
/// cue written once before the list applies to every item (`分别突破4000亿元、1.5万亿元`,
/// `累计完成600座…、300座…`).
fn share_along_lists(chars: &[char], found: &mut [Found]) {
    for k in (0..found.len().saturating_sub(1)).rev() {
        if !found[k].needs_list_unit || found[k].unit.is_some() {
            continue;
        }
        let gap = &chars[found[k].end..found[k + 1].start.min(found[k + 1].num_start)];
        // Nothing but `、` between them, blanks aside.
        let only_comma = gap.iter().filter(|c| !c.is_whitespace()).eq(['、'].iter());
        if only_comma && !found[k + 1].has_multiplier {
            found[k].unit = found[k + 1].unit.clone();
            found[k].object = found[k + 1].object;
        }
    }
    for k in 1..found.len() {
        let (prev, cur) = (&found[k - 1], &found[k]);
        let gap = &chars[prev.end.min(cur.start)..cur.start];
        let in_list = gap.contains(&'、')
            && gap.len() <= 40
            && !gap.iter().any(|&c| cues::is_clause_break(c));
        if !in_list {
            continue;
        }
        // A comparator carries over to an item of the same unit (`不少于3000户、5000户`), or
        // to any item after 分别; `不少于1万人、失业率3%` lists two different targets.
        let same_unit = match (&prev.unit, &cur.unit) {
            (Some(a), Some(b)) => a.1 == b.1,
            _ => false,
        };
        let carries_cmp = same_unit || clause_says_respectively(chars, prev.start);
        let (prev_left, prev_cumulative) = (prev.left_cmp, prev.cumulative);
        let cur = &mut found[k];
        if cur.left_cmp.is_none() && !cur.cumulative {
            if let Some(c) = prev_left.filter(|_| carries_cmp) {
                if cur.cmp == Cmp::Eq {
                    cur.cmp = c;
                }
                cur.left_cmp = Some(c);
            }
            if prev_cumulative {
                cur.cumulative = true;
            }
        }
    }
}

/// True when 分别 (respectively) is written in the clause before `pos`.
fn clause_says_respectively(chars: &[char], pos: usize) -> bool {
    let mut k = pos.min(chars.len());
    while k >= 2 && pos - k < 40 {
        if cues::is_clause_break(chars[k - 1]) {
            return false;
        }
        if chars[k - 2] == '分' && chars[k - 1] == '别' {
            return true;
        }
        k -= 1;
    }
    false
}

fn to_quantity(chars: &[char], f: Found) -> Option<Quantity> {
    if f.needs_list_unit && f.unit.is_none() {
        return None;
    }
    let value = match &f.value {
        Some(d) => Some(d.to_f64()?),
        None => None,
    };
    let (min, max) = match &f.range {
        Some((a, b)) => (Some(a.to_f64()?), Some(b.to_f64()?)),
        None => (None, None),
    };
    let text = string_of(chars.get(f.start..f.end)?);
    let (surface_unit, unit, kind) = match f.unit {
        Some((surface, base, _, kind)) => (Some(surface), Some(base), Some(kind)),
        None => (None, None, None),
    };
    let object = f.object.and_then(|(a, b)| chars.get(a..b)).map(string_of);
    let running = f.cumulative || cues::running_cue(chars, f.start);
    Some(Quantity {
        text,
        start: f.start,
        end: f.end,
        value,
        min,
        max,
        unit,
        surface_unit,
        cmp: f.cmp,
        cumulative: f.cumulative,
        object,
        kind,
        running,
    })
}

/// `两年`, `三年行动`, `二期`: with Chinese numerals, 年 is a duration or a name and 期 a
/// phase; with Arabic ones (`15年以上`, `30期`) they are amounts.
fn chinese_year_or_phase(unit: &Unit, token: &Token) -> bool {
    // `十分重要`: 分 after a Chinese numeral is an adverb, not a score.
    !token.arabic && matches!(unit.surface.as_str(), "年" | "期" | "分")
}
