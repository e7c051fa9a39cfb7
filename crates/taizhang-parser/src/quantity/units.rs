//! The unit table: what may follow a number, its base unit and what kind of unit it is.
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
    pub surface: &'static str,
    /// Normalized (`％` → `%`, `个百分点` → `百分点`).
    pub base: &'static str,
    pub kind: Kind,
    pub surface_len: usize,
}

#[rustfmt::skip]
const COUNTERS: &[&str] = &[
    "个", "家", "路", "所", "座", "间", "条", "项", "台", "辆", "张", "套", "宗", "批", "场", "次", "人次", "名",
    "户", "位", "只", "头", "匹", "株", "棵", "本", "册", "件", "份", "支", "处", "栋", "幢", "片", "园", "站",
    "班", "期", "场次", "单", "例", "种", "类", "部", "门", "架", "艘", "列", "趟", "块", "根", "组", "队", "篇",
    "首", "幅", "枚", "颗", "批次", "车次", "架次", "户次", "家次", "辆次", "床", "笔", "起", "对", "面", "口", "人",
    "盏", "孔", "眼", "亩次", "校", "村", "镇", "宗次", "档", "集", "场馆",
];

/// Physical, time and rate units; `(surface, base)`.
const MEASURES: &[(&str, &str)] = &[
    ("公里", "公里"),
    ("千米", "千米"),
    ("米", "米"),
    ("厘米", "厘米"),
    ("毫米", "毫米"),
    ("延米", "延米"),
    ("平方米", "平方米"),
    ("平米", "平方米"),
    ("平方公里", "平方公里"),
    ("平方千米", "平方千米"),
    ("立方米", "立方米"),
    ("亩", "亩"),
    ("公顷", "公顷"),
    ("吨", "吨"),
    ("千克", "千克"),
    ("公斤", "公斤"),
    ("斤", "斤"),
    ("克", "克"),
    ("毫克", "毫克"),
    ("微克", "微克"),
    ("升", "升"),
    ("毫升", "毫升"),
    ("千瓦", "千瓦"),
    ("千瓦时", "千瓦时"),
    ("兆瓦", "兆瓦"),
    ("兆瓦时", "兆瓦时"),
    ("瓦", "瓦"),
    ("千伏", "千伏"),
    ("千伏安", "千伏安"),
    ("兆伏安", "兆伏安"),
    ("伏", "伏"),
    ("度", "度"),
    ("KV", "KV"),
    ("kV", "kV"),
    ("kv", "kv"),
    ("KW", "KW"),
    ("kW", "kW"),
    ("kWh", "kWh"),
    ("MW", "MW"),
    ("GW", "GW"),
    ("km", "km"),
    ("TEU", "TEU"),
    ("标准箱", "标准箱"),
    ("标箱", "标箱"),
    ("小时", "小时"),
    ("分钟", "分钟"),
    ("秒", "秒"),
    ("天", "天"),
    ("周", "周"),
    ("个月", "个月"),
    ("个工作日", "工作日"),
    ("工作日", "工作日"),
    ("个小时", "小时"),
    ("年", "年"),
    ("岁", "岁"),
    ("周岁", "周岁"),
    ("倍", "倍"),
    ("分", "分"),
    ("摄氏度", "摄氏度"),
    ("℃", "℃"),
    ("分贝", "分贝"),
];

const MONEY: &[&str] = &["元", "美元", "港元", "港币", "欧元", "日元", "元人民币"];

/// Nouns that serve as the unit when written straight after the number.
#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "家庭", "学位", "床位", "岗位", "车位", "泊位", "企业", "人口", "户籍", "学生", "儿童", "老人",
    "部门", "单位",
];

/// Units that may follow a `/` to form a rate (`吨/日`, `微克/立方米`).
#[rustfmt::skip]
pub(crate) const RATE_DENOMINATORS: &[&str] = &[
    "平方公里", "平方千米", "万人", "千人", "人次", "立方米", "平方米", "小时", "公里", "千克", "公斤", "日", "天", "年", "月", "周", "秒", "升", "吨", "米", "人", "户",
    "次", "时",
];

/// The unit table, indexed by first char, longest entries first.
#[derive(Debug)]
pub(crate) struct UnitTable {
    by_first: HashMap<char, Vec<Unit>>,
}

impl UnitTable {
    pub fn new() -> UnitTable {
        let mut all: Vec<Unit> = Vec::new();
        let mut add = |surface: &'static str, base: &'static str, kind: Kind| {
            all.push(Unit { surface, base, kind, surface_len: surface.chars().count() });
        };
        for &c in COUNTERS {
            add(c, c, Kind::Counter);
        }
        for &(s, b) in MEASURES {
            add(s, b, Kind::Measure);
        }
        for &m in MONEY {
            let base = if m == "元人民币" { "元" } else { m };
            add(m, base, Kind::Money);
        }
        add("%", "%", Kind::Percent);
        add("％", "%", Kind::Percent);
        add("‰", "‰", Kind::Percent);
        add("个百分点", "百分点", Kind::Percent);
        add("百分点", "百分点", Kind::Percent);
        for &n in NOUNS {
            add(n, n, Kind::Noun);
        }
        let mut by_first: HashMap<char, Vec<Unit>> = HashMap::new();
        for unit in all {
            if let Some(first) = unit.surface.chars().next() {
                by_first.entry(first).or_default().push(unit);
            }
        }
        // Sorting each list on its own gives the same result in any visiting order.
        #[allow(clippy::iter_over_hash_type)]
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.surface_len.cmp(&a.surface_len).then(a.surface.cmp(b.surface)));
        }
        UnitTable { by_first }
    }

    /// The longest unit written at `at`.
    pub fn match_at(&self, chars: &[char], at: usize) -> Option<&Unit> {
        let first = chars.get(at)?;
        self.by_first.get(first)?.iter().find(|u| starts_with(chars, at, u.surface))
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

    fn unit(s: &str) -> Option<(&'static str, &'static str)> {
        let table = UnitTable::new();
        let chars: Vec<char> = s.chars().collect();
        table.match_at(&chars, 0).map(|u| (u.surface, u.base))
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(unit("人次建设"), Some(("人次", "人次")));
        assert_eq!(unit("人就业"), Some(("人", "人")));
        assert_eq!(unit("家庭"), Some(("家庭", "家庭")));
        assert_eq!(unit("家企业"), Some(("家", "家")));
        assert_eq!(unit("平方公里"), Some(("平方公里", "平方公里")));
        assert_eq!(unit("个百分点"), Some(("个百分点", "百分点")));
        assert_eq!(unit("个摄像头"), Some(("个", "个")));
        assert_eq!(unit("％以上"), Some(("％", "%")));
        assert_eq!(unit("热线"), None);
    }
}
