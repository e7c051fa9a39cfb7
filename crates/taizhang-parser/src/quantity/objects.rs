//! The object a number counts: the noun phrase after a measure word (`65个摄像头` →
//! 摄像头), or the noun before the number where the verb takes it as object (`完成投资26.1亿元`
//! → 投资, `居民人均可支配收入增长7.5%` → 居民人均可支配收入).
//!
//! A short lexicon of verbs and function words bounds the phrase; no dictionary is loaded,
//! so this stays cheap on the parse path. It is a heuristic: where the phrase cannot be
//! bounded within a few words the object is left null rather than guessed.

use super::cues::is_clause_break;
use super::lexicon::lexicon;
use super::numerals::is_arabic_digit;

/// Longest object kept, in chars.
const MAX_OBJECT: usize = 16;

/// Words that end a noun phrase read rightwards (verbs and function words).
#[rustfmt::skip]
const RIGHT_STOPS: &[&str] = &[
    "的", "和", "与", "及", "等", "或", "并", "其中", "建设", "升级", "改造", "整治", "整合", "治理", "接入", "投建",
    "投入", "提供", "开展", "实现", "完成", "达到", "进行", "联网", "排查", "验收", "设计", "动工", "开工", "建成", "新建",
    "改建", "扩建", "培训", "形成", "结对", "建立", "推广", "使用", "开通", "签发", "参与", "参加", "就业", "实施", "创建",
    "纳入", "进驻", "覆盖", "手把手", "年内", "以上", "以下", "左右", "发放", "落户", "投产", "上线", "运营", "提升", "达标",
    "完工", "挂牌", "认定", "申报", "获得", "通过", "入驻", "落地", "新增", "布控", "任务", "工作", "目标", "提档", "上报",
    "审批", "报批", "批复", "立项", "招标", "启动", "推进", "推动", "整改", "销号", "全部", "全面", "基本", "得到", "受益", "列入", "增加", "减少", "上市",
    "稳定", "正式", "顺利", "全年", "逐步", "整体",
];

/// Single-char words that cannot begin an object (`两批共40个` has no object).
const LEADING_STOPS: &[char] =
    &['共', '约', '达', '中', '以', '在', '为', '免', '已', '将', '均', '于', '是'];

/// Single-char words that end a phrase of two chars or more (`…学校为有需要的学生`).
const INNER_STOPS: &[char] =
    &['为', '在', '免', '将', '已', '于', '向', '对', '从', '由', '被', '把'];

/// A verb followed by one of these is a noun (`培训师`, `建设单位`, `服务站`).
const NOMINAL_SUFFIXES: &[char] = &[
    '师', '员', '班', '基', '中', '机', '点', '站', '室', '者', '人', '费', '项', '单', '率', '量',
    '网', '课', '体', '所', '区', '园', '馆', '会', '面', '场', '金', '款', '额', '品', '库', '能',
    '性',
];

/// Words that contain a stop word but are nouns.
const NOUNS_WITH_STOPS: &[&str] = &["互联网", "物联网", "车联网", "工联网"];

/// Words after which the object of a number written later in the clause begins.
#[rustfmt::skip]
const LEFT_VERBS: &[&str] = &[
    "完成", "实现", "新增", "新建", "建成", "引进", "增加", "开展", "培养", "帮扶", "促进", "推动",
    "推进", "拥有", "确保", "力争", "提供", "打造", "创建", "组织", "举办", "新设立", "新设",
    "设立", "覆盖", "扩大", "发放", "资助", "安排", "投入", "实施", "布控", "解决", "吸引", "招聘",
    "接待", "培育", "建立", "形成", "新开工", "开工", "改扩建", "惠及", "选取", "签约", "帮助",
    "根据", "按照", "其中", "累计", "争取", "计划", "全年", "年内", "上半年", "下半年", "全市",
    "新增加", "完善", "筹集", "落实", "启动", "开始", "加快", "督促", "指导", "支持",
    "鼓励", "遴选", "达到", "超过", "突破", "上述", "各类", "共有", "新改建", "新建改造", "建设或",
    "采用", "加强", "实行", "铺开", "缴交", "每年", "每季度", "每月", "投用", "引育", "投入使用",
];

/// Verbs stripped from the front of an object read leftwards.
#[rustfmt::skip]
const PREFIX_VERBS: &[&str] = &[
    "新开通", "新登记", "新开工", "改扩建", "新建", "新增", "改建", "扩建", "建设", "改造", "整治", "治理",
    "开通", "更新", "盘活", "举办", "组建", "配备", "开行", "登记", "全面", "加快", "持续", "深入",
    "大力", "积极", "计划", "推进", "完成", "实现", "提升", "提供", "建成", "培育", "引进", "实施",
    "打造", "争取", "开工", "筹集", "发放", "新改建", "建设或", "升级", "招引", "认定", "培养", "组织",
    "含", "其中",
];

/// Linking words between the object and the number, stripped from the end of the phrase.
#[rustfmt::skip]
const LEFT_LINKS: &[&str] = &[
    "下降到", "下降至", "增长到", "增长至", "减少到", "减少至", "上升到", "上升至", "缩小到", "缩小至",
    "提高到", "提高至", "提升至", "提升到", "降低到", "降低至", "增加到", "增加至", "扩大到", "扩大至",
    "稳定在", "保持在", "维持在", "控制在", "增长", "下降", "提高", "提升", "降低", "降至", "降到",
    "减少", "增至", "增加", "扩大", "达到", "达", "为", "至", "到", "保持", "维持", "占", "放贷", "共",
    "共计", "合计", "总计", "分别", "力争", "年均", "平均", "同比", "比上年", "稳定", "上升", "缩小",
    "继续", "从", "由", "向", "对", "把", "将", "满", "宜", "应", "要", "需", "可", "均",
];

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
        && chars[start + 1] == '是'
        && super::numerals::is_chinese_numeral(chars[start])
    {
        start += 2;
    }
    // Skip what a date or an earlier number left (`2020年公办园…` → `公办园…`).
    while start < end
        && matches!(chars[start], '年' | '月' | '日' | '底' | '前' | '的' | '起' | '后')
    {
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
        if chars.get(begin + n).is_some_and(|c| "区率面性会费金款额".contains(*c)) {
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
    if len == 1 && !matches!(chars[start], '人' | '户' | '房' | '树' | '车' | '井' | '桥' | '路')
    {
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
