//! `taizhang check` end to end: reader → parser → checker over the seed and over
//! `fixtures/check/`, every finding listed and justified.

use std::path::Path;

use taizhang_model::check::{CheckReport, Severity};
use taizhang_model::Plan;
use taizhang_parser::Parser;
use taizhang_reader::{read_bytes, Options};

/// The plan of `fixtures/DIR/NAME`, named as the command line would name it from the
/// repository root (so reports do not depend on where the tests run).
fn plan(dir: &str, name: &str) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures").join(dir).join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let tables = read_bytes(&format!("fixtures/{dir}/{name}"), &bytes, &Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    Parser::new().parse_tables(&tables, None).unwrap_or_else(|e| panic!("{name}: {e}")).value
}

fn summary(report: &CheckReport) -> Vec<(usize, &str, Severity)> {
    report.findings.iter().map(|f| (f.row.unwrap_or(0), f.code.as_str(), f.severity)).collect()
}

/// Every finding on the seed, and why each is right.
///
/// What is *not* reported matters as much: rows 3, 10, 13, 14, 15 and 18 hold running totals
/// (累计完成投资…) that rise and end at the goal (莞番高速 30亿元, row 14); row 72 holds five
/// interleaved series of quarterly increments that add up to their goals (2万 + 2.3万 + 2.3万 +
/// 2.2万 = 8.8万人, 4000名 × 4 = 1.6万名, 500人 × 4 = 2000人, 3亿元 × 3 = 9亿元, 3200 + 3300 +
/// 3200 + 3300 = 13000人); row 74 two (实训 1 + 5 + 7 + 7 = 20万人次, 人才 2 + 8 + 5 = 15万人次);
/// row 104 runs 共完成20个 → 30个 → 40个 to its goal; row 76 adds 10 + 25 + 10 = 45个 and leaves
/// the level 达445个 alone; row 28 restates 16座 after 11座 and 5座; row 22 plans preparation for
/// 200 rivers and works on 150 (no cue, no fall); row 39 raises three percentages together;
/// row 95 keeps the 母婴室 and 爱心妈妈小屋 topics apart; row 55 ends with 全年 after its quarters.
#[test]
fn seed_findings() {
    use Severity::{Info, Warning};
    let report = taizhang_check::check(&plan("seed", "plan-2020.txt"));
    let expected: Vec<(usize, &str, Severity)> = vec![
        // 593个村（社区）视频联网: the schedule counts cameras (路), never villages.
        (3, "goal/unscheduled", Info),
        // 40家“放心肉菜示范超市”: the schedule gives no number of supermarkets.
        (4, "goal/unscheduled", Info),
        // The fixture's known defect: measure 10 is the bare `10. ` of a merged cell.
        (16, "measure/empty", Warning),
        // 不少于86公里: the schedule names no distance.
        (17, "goal/unscheduled", Info),
        // 两批: the schedule counts the 40 nodes but not the batches.
        (20, "goal/unscheduled", Info),
        // 2个湿地公园: the schedule says 1处 (another unit), so nothing states the two parks.
        (35, "goal/unscheduled", Info),
        // Five rates and an age range in the goal (筛查率 30%, 30-49岁, three 60% rates); the
        // schedule restates only the 18岁 threshold.
        (53, "goal/unscheduled", Info),
        (53, "goal/unscheduled", Info),
        (53, "goal/unscheduled", Info),
        (53, "goal/unscheduled", Info),
        (53, "goal/unscheduled", Info),
        // 50%的二甲公立医院: the schedule counts hospitals (家), not the share.
        (55, "goal/unscheduled", Info),
        // 29个 projects and 3.36万个 school places: no amounts in the schedule.
        (56, "goal/unscheduled", Info),
        (56, "goal/unscheduled", Info),
        // Two shares (50%, 80%) the schedule does not repeat.
        (58, "goal/unscheduled", Info),
        (58, "goal/unscheduled", Info),
        // 300人以上, 34个 and 100个 bases: the schedule has no amounts.
        (71, "goal/unscheduled", Info),
        (71, "goal/unscheduled", Info),
        (71, "goal/unscheduled", Info),
        // 100% of sports venues open: not in the schedule.
        (78, "goal/unscheduled", Info),
        // 不低于50%: not in the schedule.
        (85, "goal/unscheduled", Info),
        // 1个示范性“园中园”儿童公园: not in the schedule.
        (94, "goal/unscheduled", Info),
    ];
    assert_eq!(summary(&report), expected, "{}", taizhang_check::report::text(&report));
    assert!(!report.has_errors(), "the seed is a real plan: no contradiction in it");
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("check_seed", taizhang_check::report::text(&report));
    });
}

/// Every copy of the seed gives the same findings. The copies without the bare numbers of
/// merged cells (python-docx, xlsx: see fixtures/README) have no `10. `, so no empty measure.
#[test]
fn seed_copies_agree() {
    let reference = summary(&taizhang_check::check(&plan("seed", "plan-2020.txt")))
        .into_iter()
        .map(|(row, code, severity)| (row, code.to_owned(), severity))
        .collect::<Vec<_>>();
    for name in ["plan-2020-gbk.txt", "plan-2020-crlf.txt", "plan-2020.docx"] {
        let report = taizhang_check::check(&plan("seed", name));
        let got: Vec<_> =
            summary(&report).into_iter().map(|(r, c, s)| (r, c.to_owned(), s)).collect();
        assert_eq!(got, reference, "{name}");
    }
    let without_bare_numbers: Vec<_> =
        reference.iter().filter(|(_, code, _)| code != "measure/empty").cloned().collect();
    for name in ["plan-2020-pydocx.docx", "plan-2020.xlsx"] {
        let report = taizhang_check::check(&plan("seed", name));
        let got: Vec<_> =
            summary(&report).into_iter().map(|(r, c, s)| (r, c.to_owned(), s)).collect();
        assert_eq!(got, without_bare_numbers, "{name}");
    }
}

/// A table written to contradict itself once per row (`fixtures/check/contradictions.txt`).
#[test]
fn contradictions() {
    use Severity::{Error, Info, Warning};
    let report = taizhang_check::check(&plan("check", "contradictions.txt"));
    let expected: Vec<(usize, &str, Severity)> = vec![
        // 二季度 累计5亿元, then 三季度 累计4亿元.
        (1, "series/decreasing", Error),
        // 四季度 累计28亿元 against a goal of 30亿元.
        (2, "series/final-mismatch", Error),
        // 2万 + 2.3万 + 2.3万 + 2.1万 = 8.7万人, and 2.1万 is not 8.8万 either.
        (3, "series/sum-mismatch", Error),
        // Row 4 (2万 + 3万 + 4万 = 9万人次 with nothing in 一季度) and row 5 (共完成20 → 30 →
        // 40个, the goal) are consistent: nothing to report.
        // 一季度, 三季度, then 二季度.
        (6, "schedule/period-order", Warning),
        // `7. ` and nothing else.
        (7, "measure/empty", Warning),
        // 20 + 20 = 40个 in the two halves, and 20 is not 50 either.
        (8, "series/sum-mismatch", Error),
        // The lead cell is empty.
        (8, "item/no-lead", Warning),
        // 50所母婴室: the schedule states no number.
        (9, "goal/unscheduled", Info),
        // Row 10 is row 9 again, numbering aside.
        (10, "item/duplicate", Warning),
        (10, "goal/unscheduled", Info),
    ];
    assert_eq!(summary(&report), expected, "{}", taizhang_check::report::text(&report));
    assert!(report.has_errors(), "`taizhang check` exits with 1 on this table");
}

/// The text and JSON report of every table in `fixtures/check/`, as snapshots. A table added
/// there gets its own.
#[test]
fn check_snapshots() {
    insta::glob!("../../../fixtures/check", "*.txt", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).expect("a UTF-8 name");
        let report = taizhang_check::check(&plan("check", name));
        insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("check_text", taizhang_check::report::text(&report));
            insta::assert_snapshot!(
                "check_json",
                taizhang_emit::json::to_json(&report, false).expect("serializes")
            );
        });
    });
}

/// `taizhang check plan.json` (a Plan JSON written by `taizhang parse`) reports what checking
/// the table itself reports.
#[test]
fn plan_json_gives_the_same_findings() {
    let plan = plan("seed", "plan-2020.txt");
    let json = taizhang_emit::json::to_json(&plan, false).expect("serializes");
    let back: Plan = serde_json::from_str(&json).expect("reads back");
    assert_eq!(taizhang_check::check(&back), taizhang_check::check(&plan));
}

/// Another layout (序号 | 工作任务 | 年度目标 | 时间节点 | 责任单位, TSV) with `Q1`, `1-3月` and
/// `第一季度` labels: the checks do not depend on the seed's columns or period words.
#[test]
fn other_layout() {
    use Severity::{Error, Info, Warning};
    let report = taizhang_check::check(&plan("check", "other-layout.txt"));
    let expected: Vec<(usize, &str, Severity)> = vec![
        // Q4 累计11亿元 against 12亿元.
        (1, "series/final-mismatch", Error),
        // 500 + 800 + 900 + 700 = 2900 base stations over months 1-12, not 3000.
        (2, "series/sum-mismatch", Error),
        // Row 3 adds up: 5000 + 5000 + 6000 + 4000 = 2万 places.
        // 40个 parks: the schedule gives no number.
        (4, "goal/unscheduled", Info),
        // 第一季度, 第三季度, then 第二季度.
        (4, "schedule/period-order", Warning),
        // A rate the schedule does not repeat, and an empty 责任单位.
        (5, "goal/unscheduled", Info),
        (5, "item/no-lead", Warning),
    ];
    assert_eq!(summary(&report), expected, "{}", taizhang_check::report::text(&report));
}

/// The README's code tables list every code of `taizhang_model::Code` and nothing else: the
/// plan warnings (with the reader's under `read/…`) and the check findings.
#[test]
fn readme_lists_every_code() {
    use std::collections::BTreeSet;
    use taizhang_model::code::{Area, Code};
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    // The backticked words of a text.
    let ticked = |text: &str| -> Vec<String> {
        text.split('`').skip(1).step_by(2).map(str::to_string).collect()
    };
    // The first-column codes of the table whose header row is `header`, and its rows.
    let table = |header: &str| -> Vec<(String, String)> {
        let start = readme.find(header).unwrap_or_else(|| panic!("{header} in README"));
        readme[start..]
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .map(|l| {
                let cells: Vec<&str> = l.split('|').collect();
                (cells[1].trim().trim_matches('`').to_string(), l.to_string())
            })
            .collect()
    };
    let set = |area: Area| -> BTreeSet<String> {
        Code::of(area).map(|c| c.as_str().to_string()).collect()
    };
    let plan = table("| code | meaning |\n| --- | --- |\n| `empty-measure`");
    let mut plan_codes: BTreeSet<String> = BTreeSet::new();
    let mut read_codes: BTreeSet<String> = BTreeSet::new();
    for (code, line) in plan {
        if code == "read/…" {
            read_codes.extend(ticked(&line).into_iter().filter(|c| !c.contains('/')));
            read_codes.remove("missing-cell");
        } else {
            plan_codes.insert(code);
        }
    }
    assert_eq!(plan_codes, set(Area::Parse));
    assert_eq!(read_codes, set(Area::Read));
    let check: BTreeSet<String> =
        table("| code | severity | meaning | example |").into_iter().map(|(c, _)| c).collect();
    assert_eq!(check, set(Area::Check));
    let all: BTreeSet<String> = Code::ALL.iter().map(|c| c.as_str().to_string()).collect();
    let listed: BTreeSet<String> = plan_codes.union(&read_codes).chain(&check).cloned().collect();
    assert_eq!(listed, all);
    let check_codes: BTreeSet<String> =
        taizhang_check::codes::ALL.iter().map(|c| c.to_string()).collect();
    assert_eq!(check_codes, set(Area::Check));
}
