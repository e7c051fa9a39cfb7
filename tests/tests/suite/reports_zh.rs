//! The readable reports in Chinese, rows named as the plan numbers them: the v1 → v2 diff
//! and the check of the contradictions fixture, as snapshots; and the same reports in
//! English name the same rows.

use std::path::{Path, PathBuf};

use taizhang::{load_plan, ParseOptions, Parser};
use taizhang_diff::{diff, render_text_in, Plans, RenderOptions};
use taizhang_i18n::Lang;
use taizhang_model::plan::Plan;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures").join(rel)
}

fn load(rel: &str, lang: Lang) -> Plan {
    let options = ParseOptions { lang, ..ParseOptions::default() };
    let mut plan = load_plan(&Parser::with_lang(lang), &fixture(rel), &options)
        .unwrap_or_else(|e| panic!("{rel}: {e:#}"))
        .value;
    plan.source.file = rel.rsplit('/').next().unwrap_or(rel).to_string();
    plan
}

fn diff_text(lang: Lang) -> String {
    let old = load("revision/plan-2020-v1.txt", lang);
    let new = load("revision/plan-2020-v2.txt", lang);
    let d = diff(&old, &new);
    render_text_in(&d, &RenderOptions { color: false, lang }, Some(Plans { old: &old, new: &new }))
}

fn check_text(lang: Lang) -> String {
    let plan = load("check/contradictions.txt", lang);
    let report = taizhang_check::check_in(&plan, lang);
    taizhang_check::report::text_in(&report, Some(&plan), lang)
}

#[test]
fn reports_in_chinese() {
    let diff = diff_text(Lang::Zh);
    let check = check_text(Lang::Zh);
    for (text, words) in [
        (&diff, &["修改", "新增", "删除", "移动", "目标数量", "配合单位", "共12处变化"][..]),
        (
            &check,
            &["错误[series/decreasing]", "累计数从5亿元（二季度）降到4亿元（三季度）", "个错误"][..],
        ),
    ] {
        for w in words {
            assert!(text.contains(w), "{w:?} missing:\n{text}");
        }
    }
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("diff_v1_v2_text_zh", diff);
        insta::assert_snapshot!("check_contradictions_zh", check);
    });
}

#[test]
fn both_languages_name_the_same_rows() {
    // Every line that names a row in one language names it in the other: same line count,
    // the same （N） and data rows.
    for (zh, en) in
        [(diff_text(Lang::Zh), diff_text(Lang::En)), (check_text(Lang::Zh), check_text(Lang::En))]
    {
        assert_eq!(zh.lines().count(), en.lines().count(), "{zh}\n---\n{en}");
        for (z, e) in zh.lines().zip(en.lines()) {
            let digits =
                |s: &str| s.chars().filter(char::is_ascii_digit).take(6).collect::<String>();
            if z.contains('第') && z.contains("行") && !z.starts_with(' ') {
                assert_eq!(digits(z), digits(e), "{z}\n{e}");
            }
        }
    }
}
