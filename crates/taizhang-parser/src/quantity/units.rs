//! The unit table: what may follow a number, its base unit and what kind of unit it is, as
//! `units.tsv` of the lexicon lists them.
//!
//! Units are never converted (公里 stays 公里, 千瓦 stays 千瓦): only the multipliers 万/亿/千
//! that precede a unit scale the value, and money is counted in 元. The table is matched
//! longest first, so `人次` wins over `人` and `家庭` over `家`.

use std::collections::HashMap;

/// What kind of unit an entry is; it decides where the counted object is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// 量词 (a measure word: 个, 家, 座): the object usually follows (`65个摄像头`).
    Counter,
    /// A physical, time or rate unit (公里, 吨/日, 小时).
    Measure,
    /// Money (元, 美元).
    Money,
    /// `%`, `‰`, 百分点.
    Percent,
    /// A noun used as the unit where no measure word is written (`约20家庭`).
    Noun,
}

#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// As written.
    pub surface: String,
    /// Normalized (`％` → `%`, `个百分点` → `百分点`).
    pub base: String,
    pub kind: Kind,
    /// What it measures (`units.tsv`'s kind column).
    pub measures: taizhang_model::UnitKind,
    pub surface_len: usize,
}

/// Units that may follow a `/` to form a rate (`吨/日`, `微克/立方米`): `rate-denominators.tsv`.
pub(crate) static RATE_DENOMINATORS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| taizhang_lexicon::builtin().rate_denominators().collect());

/// The unit table, indexed by first char, longest entries first.
#[derive(Debug)]
pub(crate) struct UnitTable {
    by_first: HashMap<char, Vec<Unit>>,
}

impl UnitTable {
    pub fn new() -> UnitTable {
        UnitTable::of(taizhang_lexicon::builtin())
    }

    /// The table of the units of `lexicon` (`units.tsv`, and what a lexicon file adds).
    pub fn of(lexicon: &taizhang_lexicon::Lexicon) -> UnitTable {
        use taizhang_lexicon::UnitClass;
        let all = lexicon.units().iter().map(|u| Unit {
            surface: u.surface.clone(),
            base: u.base.clone(),
            kind: match u.class {
                UnitClass::Counter => Kind::Counter,
                UnitClass::Measure => Kind::Measure,
                UnitClass::Money => Kind::Money,
                UnitClass::Percent => Kind::Percent,
                UnitClass::Noun => Kind::Noun,
            },
            measures: u.kind,
            surface_len: u.surface.chars().count(),
        });
        let mut by_first: HashMap<char, Vec<Unit>> = HashMap::new();
        for unit in all {
            if let Some(first) = unit.surface.chars().next() {
                by_first.entry(first).or_default().push(unit);
            }
        }
        // Sorting each list on its own gives the same result in any visiting order.
        #[allow(clippy::iter_over_hash_type)]
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.surface_len.cmp(&a.surface_len).then(a.surface.cmp(&b.surface)));
        }
        UnitTable { by_first }
    }

    /// The longest unit written at `at`.
    pub fn match_at(&self, chars: &[char], at: usize) -> Option<&Unit> {
        let first = chars.get(at)?;
        self.by_first.get(first)?.iter().find(|u| starts_with(chars, at, &u.surface))
    }
}

/// True when `chars[at..]` starts with `s`.
pub(crate) fn starts_with(chars: &[char], at: usize, s: &str) -> bool {
    s.chars().enumerate().all(|(k, c)| chars.get(at + k) == Some(&c))
}

/// True when `chars[..end]` ends with `s`.
pub(crate) fn ends_with(chars: &[char], end: usize, s: &str) -> bool {
    // Compared backwards, so a mismatch on the last char costs one comparison: this runs
    // for every cue and verb at every position looked at.
    let mut i = end.min(chars.len());
    if i < end {
        return false;
    }
    for c in s.chars().rev() {
        if i == 0 || chars[i - 1] != c {
            return false;
        }
        i -= 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(s: &str) -> Option<(String, String)> {
        let table = UnitTable::new();
        let chars: Vec<char> = s.chars().collect();
        table.match_at(&chars, 0).map(|u| (u.surface.clone(), u.base.clone()))
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(unit("人次建设"), Some(("人次".into(), "人次".into())));
        assert_eq!(unit("人就业"), Some(("人".into(), "人".into())));
        assert_eq!(unit("家庭"), Some(("家庭".into(), "家庭".into())));
        assert_eq!(unit("家企业"), Some(("家".into(), "家".into())));
        assert_eq!(unit("平方公里"), Some(("平方公里".into(), "平方公里".into())));
        assert_eq!(unit("个百分点"), Some(("个百分点".into(), "百分点".into())));
        assert_eq!(unit("个摄像头"), Some(("个".into(), "个".into())));
        assert_eq!(unit("％以上"), Some(("％".into(), "%".into())));
        assert_eq!(unit("台套设备"), Some(("台套".into(), "台套".into())));
        assert_eq!(unit("热线"), None);
    }

    #[test]
    fn a_counter_of_the_lexicon_is_a_unit() {
        let found = crate::quantity::extract("采购检测设备50台套");
        let got: Vec<_> = found.iter().map(|q| (q.value, q.unit.as_deref())).collect();
        assert_eq!(got, [(Some(50.0), Some("台套"))]);
    }
}
