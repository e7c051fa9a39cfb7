//! Numbers as people write them in messages: `8.8万人`, `26.1亿元`, `50%`.

use taizhang_i18n::{tr, Lang};
use taizhang_model::{Cmp, Quantity};

/// Relative tolerance for two amounts to count as equal: normalized values come from decimal
/// strings, so only the last bits may differ (`0.1 + 0.2` against `0.3`).
const EPSILON: f64 = 1e-9;

/// Relative tolerance when either side is approximate (`约`, `左右`).
const APPROX: f64 = 0.1;

/// `a` and `b` are the same amount.
pub(crate) fn same(a: f64, b: f64) -> bool {
    if !a.is_finite() || !b.is_finite() {
        return a == b;
    }
    (a - b).abs() <= EPSILON * a.abs().max(b.abs()).max(1.0)
}

/// `a` is within `APPROX` of `b`.
pub(crate) fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= APPROX * a.abs().max(b.abs())
}

/// A value with 万 or 亿 where that is how it would be written, digits moved in the decimal
/// string rather than divided (so `88000` is `8.8万`, never `8.799999999999999万`).
pub(crate) fn format_value(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let abs = value.abs();
    // 亿 and 万 as numerals.tsv writes them (`multiplier_char`).
    let named = |shift: u32| {
        taizhang_lexicon::multiplier_char(10u64.pow(shift)).map(|c| (shift as usize, c.to_string()))
    };
    let (shift, suffix) = if abs >= 1e8 {
        named(8)
    } else if abs >= 1e4 {
        named(4)
    } else {
        None
    }
    .unwrap_or((0, String::new()));
    let plain = format!("{value}");
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let cut = int.len().saturating_sub(shift);
    let (high, low) = int.split_at(cut);
    let high = if high.is_empty() { "0" } else { high };
    let frac = format!("{low}{frac}");
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{high}{suffix}")
    } else {
        format!("{sign}{high}.{frac}{suffix}")
    }
}

/// A normalized amount with its base unit (`8.8万人`, `30亿元`, `50%`).
pub(crate) fn format_amount(value: f64, unit: Option<&str>) -> String {
    format!("{}{}", format_value(value), unit.unwrap_or(""))
}

/// A quantity's amount as a message shows it: its value with its comparison, or its range.
pub(crate) fn describe(lang: Lang, q: &Quantity) -> String {
    let unit = q.unit.as_deref();
    match (q.value, q.min, q.max) {
        (Some(v), _, _) => {
            let amount = format_amount(v, unit);
            match q.cmp {
                Cmp::Ge => tr!(lang, "amount.ge", amount = amount),
                Cmp::Le => tr!(lang, "amount.le", amount = amount),
                Cmp::Approx => tr!(lang, "amount.approx", amount = amount),
                Cmp::Eq | Cmp::Range => amount,
            }
        }
        (None, Some(lo), Some(hi)) => {
            format!("{}-{}", format_value(lo), format_amount(hi, unit))
        }
        _ => q.text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_written() {
        assert_eq!(format_value(88000.0), "8.8万");
        assert_eq!(format_value(2_610_000_000.0), "26.1亿");
        assert_eq!(format_value(3_000_000_000.0), "30亿");
        assert_eq!(format_value(5000.0), "5000");
        assert_eq!(format_value(12.5), "12.5");
        assert_eq!(format_value(-20000.0), "-2万");
        assert_eq!(format_value(12345.0), "1.2345万");
        assert_eq!(format_amount(500_000.0, Some("元")), "50万元");
    }

    #[test]
    fn equality_tolerates_float_noise() {
        assert!(same(0.1 + 0.2, 0.3));
        assert!(same(88000.0, 20000.0 + 23000.0 + 23000.0 + 22000.0));
        assert!(!same(87000.0, 88000.0));
        assert!(near(118.0, 120.0));
        assert!(!near(100.0, 120.0));
        assert!(!same(f64::NEG_INFINITY, 32.0));
        assert!(same(f64::INFINITY, f64::INFINITY));
    }
}
