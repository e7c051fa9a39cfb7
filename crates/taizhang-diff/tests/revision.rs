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

/// 5,000 rows with scattered edits: every edit found, nothing else, whether the copies are
/// told apart or are exact twins of each other.
#[test]
fn synthetic_5000_rows() {
    let seed = common::plan("seed/plan-2020.txt");
    for (name, big) in [
        ("distinct", common::repeated(&seed, 5_000)),
        ("twins", {
            let mut p = seed.clone();
            p.items = (0..5_000).map(|k| seed.items[k % seed.items.len()].clone()).collect();
            p
        }),
    ] {
        let (revised, edits) = common::perturbed(&big);
        let started = std::time::Instant::now();
        let d = diff(&big, &revised);
        let elapsed = started.elapsed();
        let s = &d.summary;
        println!("{name}: {s:?} in {elapsed:?}");
        assert_eq!(s.removed, edits.dropped, "{name}");
        assert_eq!(s.added, edits.inserted, "{name}");
        assert_eq!(s.moved, edits.swapped, "{name}: {s:?}");
        assert!(s.split + s.merged == 0, "{name}: {s:?}");
        assert!(s.unchanged > 4_600, "{name}: {s:?}");
    }
}
