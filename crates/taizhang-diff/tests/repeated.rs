//! Plans of many identical rows (the seed's rows repeated as they are, as a ledger repeats
//! one schedule for many units): no row is rare enough to anchor the alignment on, and the
//! diff must still report exactly the edits made, with no row taken for another's twin.

mod common;

use taizhang_diff::diff;
use taizhang_model::diff::ChangeKind;

fn reports_exactly_the_twelve_edits(rows: usize) {
    let seed = common::plan("seed/plan-2020.txt");
    let old = common::twins(&seed, rows);
    let (new, expected) = common::twelve_edits(&old);
    let started = std::time::Instant::now();
    let d = diff(&old, &new);
    println!("{rows} rows: {:?} in {:?}", d.summary, started.elapsed());
    let got: Vec<(ChangeKind, Option<usize>, Option<usize>)> =
        d.changes.iter().map(|c| (c.kind, c.old_row, c.new_row)).collect();
    assert_eq!(got.len(), expected.len(), "{got:?}\nexpected {expected:?}");
    for e in &expected {
        let found = got.iter().any(|&(kind, o, n)| {
            kind == e.kind
                && ((o, n) == (e.old_row, e.new_row)
                    || e.or.is_some_and(|(oo, nn)| (o, n) == (Some(oo), Some(nn))))
        });
        assert!(found, "{e:?} not in {got:?}");
    }
    let s = &d.summary;
    assert_eq!((s.modified, s.removed, s.added, s.moved), (7, 2, 2, 1), "{s:?}");
    assert_eq!(s.split + s.merged + s.reordered, 0, "{s:?}");
    assert_eq!(s.unchanged, rows - 2 - 7 - 1, "{s:?}");
}

/// Past 7,200 rows, where every row's 65 twins on each side made too many equal pairs to
/// anchor on and the alignment fell back to blocks (thousands of false moves).
#[test]
fn repeated_rows_7800() {
    reports_exactly_the_twelve_edits(7_800);
}

/// 7,770 rows: the second removed row and the swapped pair are copies of the same seed
/// rows, so the removed row has a twin among the moved ones.
#[test]
fn repeated_rows_7770_removed_twin_of_a_moved_row() {
    reports_exactly_the_twelve_edits(7_770);
}

#[test]
fn repeated_rows_small() {
    reports_exactly_the_twelve_edits(333);
}

/// The full size (two plans of 111,000 rows): `cargo test --release -- --ignored`.
#[test]
#[ignore]
fn repeated_rows_111k() {
    reports_exactly_the_twelve_edits(111_000);
}
