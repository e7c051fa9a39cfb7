//! Properties that hold for any cell text: no panic, and schedule milestones that cover the
//! cell exactly.

use proptest::prelude::*;

/// Cell texts made of the pieces schedules, goals and unit lists are made of, so the
/// generator reaches labels, separators, topics and brackets often.
fn cell() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一季度",
        "二、三季度",
        "第四季度",
        "上半年",
        "下半年",
        "全年",
        "Q1",
        "Q5",
        "1-3月",
        "第五季度",
        "季度",
        "末",
        "前",
        "，",
        "：",
        ":",
        "、",
        "。",
        "；",
        "\n",
        " ",
        "　",
        "森林公园",
        "供水",
        "完成",
        "投资2.9亿元",
        "累计",
        "4月底前",
        "年内",
        "年底",
        "6月30日",
        "一是",
        "二是",
        "①",
        "②",
        "（1）",
        "（2）",
        "《",
        "》",
        "（",
        "）",
        "镇",
        "街道",
        "虎门",
        "塘厦",
        "局",
        "十二",
        "2020年",
        "1.",
        "2、",
        "[bookmark: x]",
        "\t",
        "𠮷",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn milestones_cover_the_cell(text in cell()) {
        let chars: Vec<char> = text.chars().collect();
        let milestones = taizhang_parser::parse_schedule(&text).value;
        let mut at = 0;
        for m in &milestones {
            prop_assert_eq!(m.span[0], at);
            prop_assert!(m.span[0] <= m.text_span[0]);
            prop_assert!(m.text_span[0] <= m.text_span[1]);
            prop_assert!(m.text_span[1] <= m.span[1]);
            prop_assert!(m.span[1] <= chars.len());
            let inner: String = chars[m.text_span[0]..m.text_span[1]].iter().collect();
            prop_assert_eq!(&inner, &m.text);
            prop_assert!(chars[m.text_span[1]..m.span[1]].iter().all(|c| c.is_whitespace()));
            if let (Some(s), Some(e)) = (m.start, m.end) {
                prop_assert!((1..=4).contains(&s) && s <= e && e <= 4);
            }
            at = m.span[1];
        }
        if chars.iter().any(|c| !c.is_whitespace()) {
            prop_assert_eq!(at, chars.len());
        } else {
            prop_assert!(milestones.is_empty());
        }
    }

    #[test]
    fn cell_functions_never_panic(text in cell()) {
        let units = taizhang_parser::split_units(&text);
        prop_assert!(units.iter().all(|u| !u.trim().is_empty()));
        let _ = taizhang_parser::goal_points(&text);
        for year in [None, Some(2020)] {
            for column in [false, true] {
                for d in taizhang_parser::text::deadlines(&text, year, column) {
                    prop_assert!(text.contains(&d.text));
                }
            }
        }
        let _ = taizhang_parser::text::leading_number(&text);
        let _ = taizhang_parser::text::documents(&[&text]);
        let _ = taizhang_parser::text::strip_artefacts(&text);
        prop_assert_eq!(taizhang_parser::text::fingerprint(&text, "").len(), 16);
    }
}
