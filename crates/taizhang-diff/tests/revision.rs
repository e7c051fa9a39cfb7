//! The fixture revision pair, structured by the stand-in in `common`: alignment and field
//! comparison on real text, independent of the parser.

mod common;

#[path = "common/expect.rs"]
mod expect;

use taizhang_diff::{diff, render_text, RenderOptions};

fn expected() -> serde_json::Value {
    let text = std::fs::read_to_string(common::fixture("revision/changes.json"))
        .expect("changes.json reads");
    serde_json::from_str(&text).expect("changes.json parses")
}

#[test]
fn v1_v2_reports_every_edit_and_nothing_else() {
    let old = common::plan("revision/plan-2020-v1.txt");
    let new = common::plan("revision/plan-2020-v2.txt");
    let d = diff(&old, &new);
    println!("{}", render_text(&d, &RenderOptions::default()));
    if let Err(problems) = expect::check(&d, &expected(), false) {
        panic!("{problems}");
    }
}

#[test]
fn seed_against_itself_has_no_changes() {
    let p = common::plan("seed/plan-2020.txt");
    let d = diff(&p, &p);
    assert!(d.changes.is_empty(), "{:?}", d.changes);
    assert_eq!(d.summary.unchanged, p.items.len());
}
