//! `taizhang parse` over every seed copy: 111 items each, the copies agree, the full JSON of
//! the .txt parse is pinned, and every quantity points at its own text.

use std::path::Path;

use taizhang_model::plan::{Item, Quantity};
use taizhang_model::Plan;
use taizhang_parser::Parser;
use taizhang_reader::{read_bytes, Options};

const SEEDS: [&str; 12] = [
    "plan-2020.txt",
    "plan-2020-gbk.txt",
    "plan-2020-crlf.txt",
    "plan-2020.docx",
    "plan-2020-pydocx.docx",
    "plan-2020.xlsx",
    "plan-2020.xls",
    "plan-2020.et",
    "plan-2020.csv",
    "plan-2020-gbk.csv",
    "plan-2020-word.html",
    "plan-2020-in-layout.html",
];

/// The plan `taizhang parse fixtures/seed/NAME` prints (run from the repository root).
fn parse_seed(name: &str) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/seed").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let tables = read_bytes(&format!("fixtures/seed/{name}"), &bytes, &Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    Parser::new().parse_tables(&tables, None).unwrap_or_else(|e| panic!("{name}: {e}")).value
}

#[test]
fn every_seed_copy_gives_111_items() {
    for name in SEEDS {
        let plan = parse_seed(name);
        assert_eq!(plan.items.len(), 111, "{name}");
        assert_eq!(plan.year, Some(2020), "{name}");
        assert!(plan.headings.is_empty(), "{name}");
        let rows: Vec<usize> = plan.items.iter().map(|i| i.row).collect();
        assert_eq!(rows, (1..=111).collect::<Vec<_>>(), "{name}");
    }
}

/// The JSON of the .txt parse, byte for byte what the command writes.
#[test]
fn txt_snapshot() {
    let json = taizhang_emit::json::to_json(&parse_seed("plan-2020.txt"), false).expect("json");
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("parse_plan-2020-txt", json);
    });
}

#[test]
fn output_is_deterministic() {
    let a = taizhang_emit::json::to_json(&parse_seed("plan-2020.docx"), false).expect("json");
    let b = taizhang_emit::json::to_json(&parse_seed("plan-2020.docx"), false).expect("json");
    assert_eq!(a, b);
    assert!(a.ends_with("}\n"));
}

/// Columns whose merged-away cell the copy lost in this row: the .txt shows a bare number
/// (`（8） `, `10. `) there, the python-docx and .xlsx copies an empty cell.
fn merged_away(txt: &Item, other: &Item) -> Vec<usize> {
    (0..txt.cells.len().min(other.cells.len()))
        .filter(|&c| !txt.cells[c].trim().is_empty() && other.cells[c].trim().is_empty())
        .collect()
}

/// What the copies share: everything but `source`; for rows whose merged-away cells hold no
/// number in a copy, also `cells` and what the lost number decided (`seq` for column 0; the
/// measure and so the fingerprint for column 1: row 16's `10. ` in the .txt) and their
/// warnings; and the warning about the .txt's last row, which lacks a cell the other formats
/// have.
#[test]
fn the_copies_agree() {
    use taizhang_model::plan::ColumnRole;
    let txt = parse_seed("plan-2020.txt");
    for name in SEEDS.into_iter().skip(1) {
        let other = parse_seed(name);
        assert_eq!(other.year, txt.year, "{name}");
        assert_eq!(other.columns, txt.columns, "{name}");
        assert_eq!(other.items.len(), txt.items.len(), "{name}");
        let role = |c: usize| other.columns.get(c).map(|c| c.role);
        let mut lost_rows = Vec::new();
        let mut lost_cells = 0;
        for (a, b) in txt.items.iter().zip(&other.items) {
            let lost = merged_away(a, b);
            if lost.is_empty() {
                assert_eq!(a, b, "{name}: row {}", a.row);
                continue;
            }
            lost_rows.push(a.row);
            lost_cells += lost.len();
            let strip = |i: &Item| {
                let mut i = i.clone();
                i.cells.clear();
                for &c in &lost {
                    match role(c) {
                        Some(ColumnRole::Seq | ColumnRole::Section) => i.seq = None,
                        Some(ColumnRole::Measure) => {
                            i.measure = None;
                            i.fingerprint.clear();
                        }
                        _ => panic!("{name}: row {}: lost a cell of column {c}", i.row),
                    }
                }
                i
            };
            assert_eq!(strip(a), strip(b), "{name}: row {}", a.row);
        }
        let exact = matches!(name, "plan-2020-gbk.txt" | "plan-2020-crlf.txt" | "plan-2020.docx");
        assert_eq!(
            lost_rows.is_empty(),
            exact,
            "{name}: rows with merged-away numbers: {lost_rows:?}"
        );
        if !exact {
            // Exactly the 83 cells the .txt shows as bare numbers under a merge.
            assert_eq!(lost_cells, 83, "{name}");
        }
        let kept = |plan: &Plan| -> Vec<_> {
            plan.warnings
                .iter()
                .filter(|w| {
                    w.code != "missing-cell" && !w.row.is_some_and(|r| lost_rows.contains(&r))
                })
                .cloned()
                .collect()
        };
        assert_eq!(kept(&other), kept(&txt), "{name}");
    }
}

#[test]
fn seed_oddities_are_warnings() {
    let plan = parse_seed("plan-2020.txt");
    let codes: Vec<(Option<usize>, &str)> =
        plan.warnings.iter().map(|w| (w.row, w.code.as_str())).collect();
    assert!(codes.contains(&(Some(16), "empty-measure")));
    for row in 30..=34 {
        assert!(codes.contains(&(Some(row), "no-seq")), "row {row}");
    }
    assert!(codes.contains(&(Some(111), "missing-cell")));
    assert!(codes.contains(&(Some(80), "bookmark-artefact")));
    let item = |row: usize| &plan.items[row - 1];
    let m16 = item(16).measure.as_ref().expect("row 16 has a measure");
    assert_eq!((m16.number, m16.text.as_str(), m16.inherited), (Some(10), "", false));
    // Rows under measure 9's merged cell after the bare `10. ` still belong to measure 9.
    for row in [17, 18] {
        let m = item(row).measure.as_ref().expect("inherited");
        assert_eq!((m.number, m.inherited), (Some(9), true), "row {row}");
    }
    assert_eq!(item(7).section.as_deref(), Some("着力推进“交通体系扩展”行动"));
    assert_eq!(
        (item(8).seq, item(8).section.as_deref()),
        (Some(8), Some("着力推进“交通体系扩展”行动"))
    );
    assert_eq!(item(30).seq, None);
    assert_eq!(item(30).section, item(29).section);
    assert!(!item(80).goal.text.contains("bookmark"));
    assert!(item(80).cells[2].starts_with("[bookmark: _GoBack]"));
}

/// Every quantity's text is the text at its offsets, and no two quantities of one text
/// overlap.
#[test]
fn quantities_point_at_their_text() {
    fn check(name: &str, what: &str, text: &str, quantities: &[Quantity]) {
        let chars: Vec<char> = text.chars().collect();
        let mut last_end = 0;
        let mut sorted: Vec<&Quantity> = quantities.iter().collect();
        sorted.sort_by_key(|q| (q.start, q.end));
        for q in sorted {
            assert!(q.start < q.end && q.end <= chars.len(), "{name} {what}: {q:?} in {text:?}");
            let at: String = chars[q.start..q.end].iter().collect();
            assert_eq!(at, q.text, "{name} {what}: {text:?}");
            assert!(q.start >= last_end, "{name} {what}: overlapping quantities in {text:?}");
            last_end = q.end;
        }
    }
    for name in SEEDS {
        for item in parse_seed(name).items {
            let what = format!("row {}", item.row);
            check(name, &format!("{what} goal"), &item.goal.text, &item.goal.quantities);
            if let Some(m) = &item.measure {
                check(name, &format!("{what} measure"), &m.text, &m.quantities);
            }
            for (k, m) in item.schedule.iter().enumerate() {
                check(name, &format!("{what} milestone {k}"), &m.text, &m.quantities);
            }
        }
    }
}

#[test]
fn parse_command_writes_the_file_it_is_given() {
    let dir = std::env::temp_dir().join(format!("taizhang-parse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("plan.json");
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/seed/plan-2020.txt");
    let options = taizhang::ParseOptions::default();
    taizhang::parse_command(&input, Some(&out), &options, true).expect("parses");
    let written = std::fs::read_to_string(&out).expect("written");
    assert_eq!(written.lines().count(), 1, "--compact writes one line");
    let plan: Plan = serde_json::from_str(&written).expect("a Plan JSON");
    assert_eq!(plan.items.len(), 111);
    // A Plan JSON loads back as the same plan.
    let loaded = taizhang::load_plan(&Parser::new(), &out, &options).expect("loads");
    assert_eq!(loaded.value, plan);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn table_out_of_range_is_an_error() {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/seed/plan-2020.txt");
    let options = taizhang::ParseOptions { table: Some(3), ..Default::default() };
    let err = taizhang::parse_file(&Parser::new(), &input, &options).expect_err("no table 3");
    let message = format!("{err:#}");
    assert!(message.contains("plan-2020.txt") && message.contains("table 3"), "{message}");
}

fn parse_crafted(name: &str) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/tables").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let tables = read_bytes(&format!("fixtures/tables/{name}"), &bytes, &Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    Parser::new().parse_tables(&tables, None).unwrap_or_else(|e| panic!("{name}: {e}")).value
}

/// A 序号 column, heading rows, a header repeated after a page break, a 完成时限 column.
#[test]
fn seq_column_and_heading_rows() {
    use taizhang_model::plan::ColumnRole::*;
    let plan = parse_crafted("seq-column-headings.txt");
    let roles: Vec<_> = plan.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, [Seq, Measure, Goal, Schedule, Lead, Support, Deadline]);
    assert_eq!(plan.year, Some(2021));
    let headings: Vec<(usize, Option<u32>, &str)> =
        plan.headings.iter().map(|h| (h.row, h.number, h.text.as_str())).collect();
    assert_eq!(headings, [(1, Some(1), "稳增长"), (4, Some(2), "惠民生")]);
    let items: Vec<(usize, Option<u32>, Option<&str>)> =
        plan.items.iter().map(|i| (i.row, i.seq, i.section.as_deref())).collect();
    assert_eq!(
        items,
        [
            (2, Some(1), Some("稳增长")),
            (3, Some(2), Some("稳增长")),
            (6, Some(3), Some("惠民生")),
            (7, Some(4), Some("惠民生"))
        ]
    );
    assert!(plan.warnings.iter().any(|w| w.row == Some(5) && w.code == "repeated-header"));
    let first = &plan.items[0];
    assert_eq!(first.measure.as_ref().map(|m| m.text.as_str()), Some("推进轨道交通2号线建设"));
    let labels: Vec<_> =
        first.schedule.iter().map(|m| (m.label.as_deref(), m.start, m.end)).collect();
    assert_eq!(
        labels,
        [
            (Some("Q1"), Some(1), Some(1)),
            (Some("Q2-Q3"), Some(2), Some(3)),
            (Some("Q4"), Some(4), Some(4))
        ]
    );
    assert_eq!(first.support, ["东城街道", "南城街道"]);
    let deadline =
        |i: &Item| i.deadlines.iter().map(|d| (d.text.clone(), d.date.clone())).collect::<Vec<_>>();
    assert_eq!(deadline(first), [("2021年12月".to_string(), Some("2021-12-31".to_string()))]);
    let second = &plan.items[1];
    let quarters: Vec<_> = second.schedule.iter().map(|m| (m.start, m.end)).collect();
    assert_eq!(quarters, [(Some(1), Some(1)), (Some(2), Some(3)), (Some(4), Some(4))]);
    assert_eq!(deadline(second), [("2021年9月底前".to_string(), Some("2021-09-30".to_string()))]);
    let third = &plan.items[2];
    assert_eq!(third.goal.points.len(), 2);
    assert_eq!(third.support, ["发改局", "财政局", "虎门镇", "长安镇"]);
    assert_eq!(deadline(third), [("年底前".to_string(), Some("2021-12-31".to_string()))]);
    let fourth = &plan.items[3];
    assert_eq!(fourth.documents, ["《城市更新实施办法》"]);
    assert!(fourth.deadlines.is_empty());
    assert!(plan.warnings.iter().any(|w| w.row == Some(7) && w.code == "schedule/unknown-period"));
}

/// Two section columns (类别, 重点任务) and numbered measures.
#[test]
fn three_levels() {
    use taizhang_model::plan::ColumnRole::*;
    let plan = parse_crafted("three-levels.txt");
    let roles: Vec<_> = plan.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, [Seq, Section, Section, Measure, Goal, Schedule, Lead, Support]);
    let rows: Vec<(Option<&str>, Option<u32>, bool)> = plan
        .items
        .iter()
        .map(|i| {
            let m = i.measure.as_ref();
            (i.section.as_deref(), m.and_then(|m| m.number), m.is_some_and(|m| m.inherited))
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Some("扩大学位供给"), Some(1), false),
            (Some("扩大学位供给"), Some(2), false),
            (Some("提升办学质量"), Some(3), false),
            (Some("提升医疗水平"), Some(4), false),
            (Some("提升医疗水平"), Some(4), true),
        ]
    );
    let labels: Vec<_> = plan.items[2].schedule.iter().map(|m| m.label.as_deref()).collect();
    assert_eq!(labels, [Some("一季度"), Some("二季度、三季度")]);
    assert_eq!(plan.items[3].schedule[0].label.as_deref(), Some("二季度末"));
    assert_eq!(plan.items[3].support, ["城建局", "寮步镇", "大朗镇"]);
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
}

#[test]
fn crafted_snapshots() {
    for name in ["seq-column-headings.txt", "three-levels.txt"] {
        let json = taizhang_emit::json::to_json(&parse_crafted(name), false).expect("json");
        let snapshot = format!("parse_tables_{}", name.replace('.', "-"));
        insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(snapshot, json);
        });
    }
}

/// `load_plan` also takes the Tables JSON of `taizhang read`, and refuses other JSON.
#[test]
fn load_plan_reads_tables_json_and_refuses_other_json() {
    let dir = std::env::temp_dir().join(format!("taizhang-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/seed/plan-2020.txt");
    let tables = taizhang::read_file(&path, &Options::default()).expect("reads");
    let tables_json = dir.join("tables.json");
    std::fs::write(&tables_json, taizhang_emit::json::to_json(&tables, false).expect("json"))
        .expect("written");
    let options = taizhang::ParseOptions::default();
    let parser = Parser::new();
    let from_json = taizhang::load_plan(&parser, &tables_json, &options).expect("loads");
    let direct = taizhang::parse_file(&parser, &path, &options).expect("parses");
    assert_eq!(from_json.value.items, direct.value.items);
    let other = dir.join("other.json");
    std::fs::write(&other, "{\"schema\": \"something/else\"}").expect("written");
    let err = taizhang::load_plan(&parser, &other, &options).expect_err("not a plan");
    assert!(format!("{err:#}").contains("something/else"), "{err:#}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A .docx with a two-row header (进度安排 over 一季度…四季度, 责任单位 over 牵头 and 配合),
/// heading rows across the table and the two header rows repeated mid-table.
#[test]
fn quarter_columns_docx() {
    use taizhang_model::plan::ColumnRole::*;
    let plan = parse_crafted("quarter-columns.docx");
    let roles: Vec<_> = plan.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, [Seq, Measure, Goal, Schedule, Schedule, Schedule, Schedule, Lead, Support]);
    assert_eq!(plan.columns[7].header, "责任单位\n牵头");
    assert_eq!(plan.year, Some(2022));
    assert_eq!(
        plan.headings.iter().map(|h| h.text.as_str()).collect::<Vec<_>>(),
        ["稳就业", "惠民生"]
    );
    let rows: Vec<(usize, Option<u32>, Option<&str>)> =
        plan.items.iter().map(|i| (i.row, i.seq, i.section.as_deref())).collect();
    assert_eq!(
        rows,
        [(2, Some(1), Some("稳就业")), (3, Some(2), Some("稳就业")), (7, Some(3), Some("惠民生"))]
    );
    let repeated: Vec<_> =
        plan.warnings.iter().filter(|w| w.code == "repeated-header").map(|w| w.row).collect();
    assert_eq!(repeated, [Some(5), Some(6)]);
    let second = &plan.items[1];
    let quarters: Vec<_> = second.schedule.iter().map(|m| (m.label.as_deref(), m.start)).collect();
    assert_eq!(
        quarters,
        [(Some("一季度"), Some(1)), (Some("三季度"), Some(3)), (Some("四季度"), Some(4))]
    );
    assert_eq!(second.support, ["教育局", "财政局"]);
    assert_eq!(second.deadlines[0].date.as_deref(), Some("2022-12-31"));
    assert_eq!(plan.items[2].support, ["东城街道", "南城街道"]);
    let json = taizhang_emit::json::to_json(&plan, false).expect("json");
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("parse_tables_quarter-columns-docx", json);
    });
}
