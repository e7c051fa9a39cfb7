//! Numerals: Arabic digits (half- and full-width, with thousands separators and decimals),
//! Chinese numerals (`一百二十`, `三千五百`, `两`), approximate pairs (`一两`, `三四十`) and
//! the multipliers 十/百/千/万/亿.
//!
//! Values stay decimal strings with a power-of-ten exponent until the very end, so scaling
//! `26.1` by 亿 is the parse of `"26.1e8"` — never `26.1 * 1e8`, which is not the same f64.

/// A decimal number kept as written: `mantissa × 10^exp`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dec {
    /// ASCII digits with at most one `.`, no sign, no separators.
    pub mantissa: String,
    pub exp: i32,
}

impl Dec {
    pub fn int(value: u128) -> Dec {
        Dec { mantissa: value.to_string(), exp: 0 }
    }

    pub fn scaled(&self, exp: i32) -> Dec {
        Dec { mantissa: self.mantissa.clone(), exp: self.exp.saturating_add(exp) }
    }

    /// The value as f64, parsed from the decimal string; None when it does not fit.
    pub fn to_f64(&self) -> Option<f64> {
        let text = if self.exp == 0 {
            self.mantissa.clone()
        } else {
            format!("{}e{}", self.mantissa, self.exp)
        };
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    }
}

/// The value of an ASCII or full-width digit.
pub(crate) fn arabic_digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => u8::try_from(c as u32 - '０' as u32).ok(),
        _ => None,
    }
}

pub(crate) fn is_arabic_digit(c: char) -> bool {
    arabic_digit(c).is_some()
}

fn is_decimal_point(c: char) -> bool {
    c == '.' || c == '．'
}

fn is_thousands_separator(c: char) -> bool {
    c == ',' || c == '，'
}

/// A Chinese digit (零 to 九, 两, 〇).
pub(crate) fn chinese_digit(c: char) -> Option<u8> {
    taizhang_lexicon::digit_value(c).map(|d| d as u8)
}

/// The power of ten of a multiplier character.
pub(crate) fn multiplier_exp(c: char) -> Option<i32> {
    taizhang_lexicon::multiplier_value(c).map(|v| v.ilog10() as i32)
}

/// A Chinese digit or multiplier: [`chinese_digit`] or [`multiplier_exp`] has a value.
#[inline]
pub(crate) fn is_chinese_numeral(c: char) -> bool {
    taizhang_lexicon::is_numeral(c)
}

/// An Arabic number as read: its mantissa and the char index just past it.
pub(crate) struct ArabicNumber {
    pub dec: Dec,
    pub end: usize,
    /// Thousands separators or a decimal point were read.
    pub plain_integer: bool,
    /// Number of digits before the decimal point (separators excluded).
    pub int_digits: usize,
}

/// Reads digits at `start` (which must be a digit): `1,200`, `1，200`, `26.1`, `１２．５`.
pub(crate) fn read_arabic(chars: &[char], start: usize) -> ArabicNumber {
    let mut mantissa = String::new();
    let mut i = start;
    while let Some(d) = chars.get(i).and_then(|&c| arabic_digit(c)) {
        mantissa.push(char::from(b'0' + d));
        i += 1;
    }
    let mut int_digits = mantissa.len();
    let mut plain_integer = true;
    // A separator counts only before exactly three digits, after a first group of at most
    // three: `1,200` is twelve hundred, `1，2` and `2020，300` are two numbers.
    if int_digits <= 3 {
        while chars.get(i).is_some_and(|&c| is_thousands_separator(c))
            && (1..=3).all(|k| chars.get(i + k).is_some_and(|&c| is_arabic_digit(c)))
            && !chars.get(i + 4).is_some_and(|&c| is_arabic_digit(c))
        {
            for k in 1..=3 {
                if let Some(d) = chars.get(i + k).and_then(|&c| arabic_digit(c)) {
                    mantissa.push(char::from(b'0' + d));
                }
            }
            int_digits += 3;
            plain_integer = false;
            i += 4;
        }
    }
    if chars.get(i).is_some_and(|&c| is_decimal_point(c))
        && chars.get(i + 1).is_some_and(|&c| is_arabic_digit(c))
    {
        mantissa.push('.');
        i += 1;
        while let Some(d) = chars.get(i).and_then(|&c| arabic_digit(c)) {
            mantissa.push(char::from(b'0' + d));
            i += 1;
        }
        plain_integer = false;
    }
    ArabicNumber { dec: Dec { mantissa, exp: 0 }, end: i, plain_integer, int_digits }
}

/// What a run of Chinese numeral characters means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ChineseValue {
    /// `一百二十`, `两`, `十`.
    Single(u128),
    /// `一两`, `三四十`, `十一二`: two adjacent digits one apart.
    Pair(u128, u128),
    /// Only multipliers (`千万`, `万亿`): counts only after a cue such as 超 or 过.
    Bare(u128),
}

/// Parses a run of Chinese numeral characters; None when the run is not a number
/// (`十三五`, `百千万`, digits written positionally like `二〇二〇`).
pub(crate) fn parse_chinese(run: &[char]) -> Option<ChineseValue> {
    if run.is_empty() {
        return None;
    }
    let digits_only = run.iter().all(|&c| chinese_digit(c).is_some());
    if let Some(pair) = approximate_pair(run) {
        return Some(pair);
    }
    if digits_only && run.len() > 1 {
        // Positional digits (二〇二〇) are years or codes, not amounts.
        return None;
    }
    let starts_bare = matches!(run.first(), Some('百' | '千' | '万' | '亿'));
    let value = parse_chinese_integer(run)?;
    if starts_bare && run.iter().all(|&c| chinese_digit(c).is_none()) {
        return Some(ChineseValue::Bare(value));
    }
    if starts_bare {
        // `百二十` is not how amounts are written.
        return None;
    }
    Some(ChineseValue::Single(value))
}

/// `一两` → 1..2, `三四十` → 30..40, `十一二` → 11..12, `五六百万` → 5e6..6e6.
fn approximate_pair(run: &[char]) -> Option<ChineseValue> {
    let mut found = None;
    for i in 0..run.len().saturating_sub(1) {
        let (a, b) = (run[i], run[i + 1]);
        let (Some(da), Some(db)) = (chinese_digit(a), chinese_digit(b)) else { continue };
        if da == 0 || db == 0 || db != da + 1 || found.is_some() {
            return None;
        }
        found = Some(i);
    }
    let i = found?;
    let mut low: Vec<char> = run.to_vec();
    low.remove(i + 1);
    let mut high: Vec<char> = run.to_vec();
    high.remove(i);
    let (lo, hi) = (parse_chinese_integer(&low)?, parse_chinese_integer(&high)?);
    (lo < hi).then_some(ChineseValue::Pair(lo, hi))
}

/// Integer value of a Chinese numeral with units (十百千 within a section, 万 and 亿 between
/// sections). Units must fall within a section, so `百千万` is rejected.
fn parse_chinese_integer(run: &[char]) -> Option<u128> {
    let mut yi_part: u128 = 0; // already multiplied by 亿
    let mut wan_part: Option<u128> = None; // to be multiplied by 万
    let mut section: u128 = 0;
    let mut number: Option<u128> = None;
    let mut last_small_unit: u32 = 10_000;
    let mut last_was_digit = false;
    for (k, &c) in run.iter().enumerate() {
        if let Some(d) = chinese_digit(c) {
            if last_was_digit && d != 0 && number.is_some_and(|n| n != 0) {
                return None;
            }
            number = Some(u128::from(d));
            last_was_digit = true;
            continue;
        }
        last_was_digit = false;
        let exp = multiplier_exp(c)?;
        match c {
            '十' | '百' | '千' => {
                let unit = 10u32.pow(exp as u32);
                if unit >= last_small_unit {
                    return None;
                }
                last_small_unit = unit;
                let n = match number.take() {
                    Some(n) => n,
                    // A bare 十 opens a number (十五); a bare 百/千 only a multiplier run.
                    None if k == 0 || section == 0 => 1,
                    None => return None,
                };
                section = section.checked_add(n.checked_mul(u128::from(unit))?)?;
            }
            '万' => {
                let n = section + number.take().unwrap_or(0);
                let n = if n == 0 { 1 } else { n };
                if wan_part.is_some() {
                    return None;
                }
                wan_part = Some(n);
                section = 0;
                last_small_unit = 10_000;
            }
            _ => {
                // 亿
                let mut n = section + number.take().unwrap_or(0);
                if let Some(w) = wan_part.take() {
                    n = n.checked_add(w.checked_mul(10_000)?)?;
                }
                let n = if n == 0 && yi_part == 0 { 1 } else { n };
                yi_part = yi_part.checked_add(n)?.checked_mul(100_000_000)?;
                section = 0;
                last_small_unit = 10_000;
            }
        }
    }
    let mut total = section.checked_add(number.unwrap_or(0))?;
    if let Some(w) = wan_part {
        total = total.checked_add(w.checked_mul(10_000)?)?;
    }
    total.checked_add(yi_part)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn(s: &str) -> Option<ChineseValue> {
        parse_chinese(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn chinese_integers() {
        assert_eq!(cn("十"), Some(ChineseValue::Single(10)));
        assert_eq!(cn("十五"), Some(ChineseValue::Single(15)));
        assert_eq!(cn("两"), Some(ChineseValue::Single(2)));
        assert_eq!(cn("一百二十"), Some(ChineseValue::Single(120)));
        assert_eq!(cn("三千五百"), Some(ChineseValue::Single(3500)));
        assert_eq!(cn("一百零五"), Some(ChineseValue::Single(105)));
        assert_eq!(cn("两万"), Some(ChineseValue::Single(20_000)));
        assert_eq!(cn("三千五百万"), Some(ChineseValue::Single(35_000_000)));
        assert_eq!(cn("一亿二千万"), Some(ChineseValue::Single(120_000_000)));
    }

    #[test]
    fn chinese_bare_multipliers() {
        assert_eq!(cn("千万"), Some(ChineseValue::Bare(10_000_000)));
        assert_eq!(cn("万亿"), Some(ChineseValue::Bare(1_000_000_000_000)));
        assert_eq!(cn("万"), Some(ChineseValue::Bare(10_000)));
        assert_eq!(cn("百千万"), None);
    }

    #[test]
    fn chinese_pairs() {
        assert_eq!(cn("一两"), Some(ChineseValue::Pair(1, 2)));
        assert_eq!(cn("两三"), Some(ChineseValue::Pair(2, 3)));
        assert_eq!(cn("三四十"), Some(ChineseValue::Pair(30, 40)));
        assert_eq!(cn("十一二"), Some(ChineseValue::Pair(11, 12)));
        assert_eq!(cn("五六百万"), Some(ChineseValue::Pair(5_000_000, 6_000_000)));
    }

    #[test]
    fn chinese_non_numbers() {
        assert_eq!(cn("十三五"), None);
        assert_eq!(cn("二〇二〇"), None);
        assert_eq!(cn("百二十"), None);
    }

    #[test]
    fn arabic_forms() {
        let read = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let n = read_arabic(&chars, 0);
            (n.dec.mantissa, n.end)
        };
        assert_eq!(read("1,200个"), ("1200".to_string(), 5));
        assert_eq!(read("1，200个"), ("1200".to_string(), 5));
        assert_eq!(read("1，20个"), ("1".to_string(), 1));
        assert_eq!(read("2020，300"), ("2020".to_string(), 4));
        assert_eq!(read("26.1亿"), ("26.1".to_string(), 4));
        assert_eq!(read("１２．５％"), ("12.5".to_string(), 4));
        assert_eq!(read("1. 创新"), ("1".to_string(), 1));
    }

    #[test]
    fn scaling_edits_the_decimal_string() {
        let d = Dec { mantissa: "26.1".into(), exp: 8 };
        assert_eq!(d.to_f64(), Some(2_610_000_000.0));
        let d = Dec { mantissa: "0.07".into(), exp: 4 };
        assert_eq!(d.to_f64(), Some(700.0));
        let d = Dec { mantissa: "9".repeat(400), exp: 8 };
        assert_eq!(d.to_f64(), None);
    }
}
