//! The pages and tables as written (the browser test in `tests/tests/suite/browser.rs` checks how
//! Chromium shows them): one row per item, per change and per finding; nothing that would
//! reach the network; files written whole.

use std::path::{Path, PathBuf};

use taizhang_i18n::Lang;
use taizhang_model::Plan;
use taizhang_report::findings::{self, Checked};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(rel)
}

fn load(rel: &str) -> Plan {
    let tables = taizhang_reader::read_path(&fixture(rel), &taizhang_reader::Options::default())
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    taizhang_parser::Parser::new().parse_tables(&tables, None).expect("a plan").value
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// No address a browser would fetch: no scheme-relative or http(s) reference in a `src`,
/// `href` or CSS `url(…)`, and the policy that forbids requests.
fn assert_self_contained(html: &str) {
    for bad in
        ["src=\"http", "src=\"//", "href=\"http", "href=\"//", "url(http", "url(//", "@import"]
    {
        assert!(!html.contains(bad), "{bad} in the page");
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
}

#[test]
fn plan_page_has_a_row_per_item() {
    let plan = load("seed/plan-2020.txt");
    let check = taizhang_check::check_in(&plan, Lang::Zh);
    let html = taizhang_report::plan::html(&plan, &check, Lang::Zh);
    assert_self_contained(&html);
    assert_eq!(count(&html, "<div class=\"item\""), plan.items.len());
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(
        html.contains("进度时间轴") && html.contains("各单位工作量") && html.contains("目标数量")
    );
    // Every quantity is listed once in the targets table.
    let quantities: usize = plan
        .items
        .iter()
        .map(|i| {
            i.goal.quantities.len()
                + i.measure.as_ref().filter(|m| !m.inherited).map_or(0, |m| m.quantities.len())
                + i.schedule.iter().map(|m| m.quantities.len()).sum::<usize>()
        })
        .sum();
    let table = html.split("<table id=\"quantities\"").nth(1).expect("targets table");
    assert_eq!(count(table, "<tr data-row="), quantities);
    let en =
        taizhang_report::plan::html(&plan, &taizhang_check::check_in(&plan, Lang::En), Lang::En);
    assert!(
        en.contains("<html lang=\"en\">") && en.contains("Timeline") && !en.contains("进度时间轴")
    );
}

#[test]
fn revision_page_has_a_section_per_change() {
    let old = load("revision/plan-2020-v1.txt");
    let new = load("revision/plan-2020-v2.txt");
    let d = taizhang_diff::diff(&old, &new);
    let html = taizhang_report::diff::html(&d, &old, &new, Lang::Zh);
    assert_self_contained(&html);
    assert_eq!(count(&html, "<section class=\"change"), d.changes.len());
    assert_eq!(d.changes.len(), 12);
    // The changed words are marked on their side: 12亿元 inserted, 10亿元 deleted.
    assert!(
        html.contains("<del>10</del>") || html.contains("<del>10亿元</del>"),
        "old number marked"
    );
    assert!(html.contains("(+20%)"), "the delta with its sign and percentage");
    // Unchanged rows are all there, folded.
    let folded = count(&html, "<tr id=\"n");
    assert_eq!(folded, d.summary.unchanged, "every unchanged row, once");
}

#[test]
fn findings_table_has_a_row_per_finding() {
    let plan = load("check/contradictions.txt");
    let report = taizhang_check::check_in(&plan, Lang::Zh);
    let checked = [Checked { report: &report, plan: Some(&plan) }];
    let rows = findings::rows(&checked, Lang::Zh);
    assert_eq!(rows.len(), report.findings.len());
    assert_eq!(rows[0][2], "（1）");
    assert_eq!(rows[0][7], "series/decreasing");
    let csv = String::from_utf8(findings::csv(&checked, Lang::Zh).expect("csv")).expect("utf-8");
    assert!(
        csv.starts_with("\u{feff}计划,行,序号,措施,牵头单位,列,级别,代码,说明,依据\r\n"),
        "{csv}"
    );
    let xlsx = findings::xlsx(&checked, Lang::En).expect("xlsx");
    assert!(xlsx.starts_with(b"PK"), "a zip package");
    let html = findings::html(&checked, Lang::Zh);
    assert_self_contained(&html);
    assert_eq!(count(&html, "<tr class=\"finding\""), report.findings.len());
}
