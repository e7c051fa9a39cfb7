//! The checker never panics, whatever the plan holds: offsets past the text, quarters out of
//! range, NaN and infinite values, empty units, labels without quarters, ragged cells.

use proptest::prelude::*;
use taizhang_model::plan::{Column, ColumnRole, Goal, Measure};
use taizhang_model::table::Source;
use taizhang_model::{Cmp, Item, Milestone, Plan, Quantity};

fn texts() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "",
        "累计完成投资30亿元",
        "共完成20个“一件事”主题服务。",
        "完成城镇新增就业2万人，帮扶500人；促进创业3200人。",
        "5月，完成招标。年初，部署",
        "公共厕所",
        "10. ",
        "（3）",
        "\n\n",
        "a,b\"c",
    ])
    .prop_map(str::to_owned)
}

fn number() -> impl Strategy<Value = Option<f64>> {
    prop::sample::select(vec![
        None,
        Some(0.0),
        Some(1.0),
        Some(2e4),
        Some(-5.0),
        Some(3e9),
        Some(f64::NAN),
        Some(f64::INFINITY),
        Some(1e300),
    ])
}

fn quantity() -> impl Strategy<Value = Quantity> {
    (
        texts(),
        0usize..60,
        0usize..60,
        number(),
        number(),
        number(),
        prop::sample::select(vec![None, Some("个"), Some("元"), Some("%"), Some("")]),
        prop::sample::select(vec![Cmp::Eq, Cmp::Ge, Cmp::Le, Cmp::Approx, Cmp::Range]),
        any::<bool>(),
        prop::sample::select(vec![None, Some("投资"), Some("二是"), Some(""), Some("母婴室")]),
    )
        .prop_map(|(text, start, end, value, min, max, unit, cmp, cumulative, object)| {
            Quantity {
                text,
                start,
                end,
                value,
                min,
                max,
                unit: unit.map(str::to_owned),
                surface_unit: None,
                cmp,
                cumulative,
                object: object.map(str::to_owned),
                kind: unit.and_then(|u| taizhang_lexicon::builtin().unit_kind(u)),
                running: cumulative,
            }
        })
}

fn milestone() -> impl Strategy<Value = Milestone> {
    (
        prop::sample::select(vec![None, Some("一季度"), Some("全年"), Some("第五季度")]),
        prop::option::of(0u8..7),
        prop::option::of(0u8..7),
        prop::sample::select(vec![None, Some("供水"), Some("供电")]),
        texts(),
        prop::collection::vec(quantity(), 0..4),
    )
        .prop_map(|(label, start, end, topic, text, quantities)| Milestone {
            label: label.map(str::to_owned),
            start,
            end,
            topic: topic.map(str::to_owned),
            text,
            quantities,
            ..Milestone::default()
        })
}

fn item() -> impl Strategy<Value = Item> {
    (
        1usize..6,
        texts(),
        prop::collection::vec(quantity(), 0..4),
        prop::collection::vec(milestone(), 0..6),
        prop::collection::vec(texts(), 0..8),
        prop::option::of((prop::option::of(0u32..20), texts(), any::<bool>())),
        any::<bool>(),
    )
        .prop_map(|(row, goal, goal_quantities, schedule, cells, measure, lead)| Item {
            id: format!("r{row:03}"),
            row,
            goal: Goal { text: goal, points: Vec::new(), quantities: goal_quantities },
            schedule,
            cells,
            measure: measure.map(|(number, text, inherited)| Measure {
                number,
                text,
                inherited,
                quantities: Vec::new(),
            }),
            lead: if lead { vec!["城建局".to_owned()] } else { Vec::new() },
            ..Item::default()
        })
}

fn columns() -> impl Strategy<Value = Vec<Column>> {
    prop::collection::vec(
        (
            0usize..10,
            prop::sample::select(vec![
                ColumnRole::Seq,
                ColumnRole::Measure,
                ColumnRole::Goal,
                ColumnRole::Schedule,
                ColumnRole::Lead,
                ColumnRole::Other,
            ]),
        ),
        0..7,
    )
    .prop_map(|cols| {
        cols.into_iter()
            .map(|(index, role)| Column { index, header: String::new(), role, by: None })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics(items in prop::collection::vec(item(), 0..6), columns in columns()) {
        let plan = Plan {
            schema: taizhang_model::plan::PLAN_SCHEMA.to_owned(),
            source: Source::default(),
            year: None,
            year_source: None,
            confidence: None,
            columns,
            items,
            headings: Vec::new(),
            warnings: Vec::new(),
            ..Plan::default()
        };
        let report = taizhang_check::check(&plan);
        let _ = taizhang_check::report::text(&report);
        for f in &report.findings {
            prop_assert!(taizhang_check::codes::ALL.contains(&f.code.as_str()));
            prop_assert!(!f.message.contains("NaN") && !f.message.contains("inf"), "{}", f.message);
        }
        let keys: Vec<_> = report.findings.iter().map(|f| (f.row, f.column)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(keys, sorted);
    }
}
