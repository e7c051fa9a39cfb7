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

/// 5,000 rows with scattered edits (and 2,000 whose copies are exact twins of each other):
/// every edit found, nothing else.
#[test]
fn synthetic_5000_rows() {
    let seed = common::plan("seed/plan-2020.txt");
    for (name, big) in [
        ("distinct", common::repeated(&seed, 5_000)),
        ("twins", {
            let mut p = seed.clone();
            p.items = (0..2_000).map(|k| seed.items[k % seed.items.len()].clone()).collect();
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
        assert!(s.unchanged * 10 > big.items.len() * 9, "{name}: {s:?}");
    }
}

/// A table in reverse order: one row keeps its place, every other row moved, and the work
/// stays bounded (no gap is searched row by row).
#[test]
fn reversed_table_is_all_moves() {
    let seed = common::plan("seed/plan-2020.txt");
    for rows in [seed.items.len(), 1_500] {
        let old = common::repeated(&seed, rows);
        let mut new = old.clone();
        new.items.reverse();
        for (k, item) in new.items.iter_mut().enumerate() {
            item.row = k + 1;
        }
        let started = std::time::Instant::now();
        let d = diff(&old, &new);
        println!("reversed {rows}: {:?} in {:?}", d.summary, started.elapsed());
        let s = &d.summary;
        assert_eq!(s.moved + s.unchanged, rows, "{s:?}");
        assert_eq!(s.added + s.removed + s.split + s.merged, 0, "{s:?}");
        assert!(s.unchanged >= 1, "{s:?}");
    }
}

#[test]
fn empty_plans() {
    let seed = common::plan("seed/plan-2020.txt");
    let mut empty = seed.clone();
    empty.items.clear();
    assert!(diff(&empty, &empty).is_empty());
    let d = diff(&empty, &seed);
    assert_eq!(d.summary.added, seed.items.len());
    let d = diff(&seed, &empty);
    assert_eq!(d.summary.removed, seed.items.len());
    assert_eq!(d.changes.first().and_then(|c| c.old_row), Some(1));
}

/// Rows with nothing in them (blank lines of a table) compare equal and are never a reason
/// to panic or to pair unrelated rows.
#[test]
fn blank_rows() {
    let blank = vec![String::new(); 6];
    let old = common::plan_from_cells(&[blank.clone(), blank.clone(), blank.clone()]);
    let new = common::plan_from_cells(&[blank.clone(), blank]);
    let d = diff(&old, &new);
    assert_eq!((d.summary.removed, d.summary.unchanged, d.changes.len()), (1, 2, 1));
}
