//! Every copy of the seed table (.txt in three encodings/line ends, two .docx, .xlsx) reads
//! as the same 112 × 6 grid of cell texts.
//!
//! Normalization before comparing (and nothing else): line ends become `\n` and each
//! paragraph loses its trailing whitespace unless it is whitespace only. Exporters disagree
//! on exactly these (a CR kept by one, a trailing space trimmed by another), so that is
//! what a table read from another city's copies may need. For the seed, the readers must
//! also agree *before* normalization: every reader keeps every character, so a cell that
//! only matches once normalized is reported as a reader losing or adding whitespace.
//!
//! The python-docx copy and the .xlsx hold no text in the cells covered by a vertical merge
//! (Word's auto-numbering wrote a bare number such as `（8） ` there in the other copies), so
//! for them a cell is compared only where it is non-empty, and the cells where they are empty
//! and the .txt is not must be exactly their merge continuations.

use std::collections::BTreeSet;

use crate::common::{read_fixture, read_seed as read, SEED_COLUMNS as COLUMNS, SEED_ROWS as ROWS};
use taizhang_model::table::{Tables, VMerge};

fn normalize(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let paragraphs: Vec<&str> =
        text.split('\n').map(|p| if p.trim().is_empty() { p } else { p.trim_end() }).collect();
    paragraphs.join("\n")
}

/// The first table's cell texts as read, row by row.
fn grid(tables: &Tables) -> Vec<Vec<String>> {
    let table = tables.tables.first().expect("a table");
    table.rows.iter().map(|row| row.cells.iter().map(|c| c.text.clone()).collect()).collect()
}

/// Asserts that two cells agree once normalized, and then that they agree exactly.
fn assert_same_cell(name: &str, r: usize, c: usize, mine: &str, txt: &str) {
    assert_eq!(normalize(mine), normalize(txt), "{name}: row {r}, column {c}");
    assert_eq!(mine, txt, "{name}: row {r}, column {c}: equal only after normalization");
}

/// Positions `(row, column)` of the cells with the given merge state.
fn merged(tables: &Tables, state: VMerge) -> BTreeSet<(usize, usize)> {
    let mut out = BTreeSet::new();
    for (r, row) in tables.tables[0].rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            if cell.vmerge == Some(state) {
                out.insert((r, c));
            }
        }
    }
    out
}

fn assert_shape(name: &str, grid: &[Vec<String>]) {
    assert_eq!(grid.len(), ROWS, "{name}: rows");
    for (r, row) in grid.iter().enumerate() {
        assert_eq!(row.len(), COLUMNS, "{name}: row {r} cells");
    }
}

fn txt_grid() -> Vec<Vec<String>> {
    let grid = grid(&read("plan-2020.txt"));
    assert_shape("plan-2020.txt", &grid);
    grid
}

#[test]
fn txt_copies_are_identical() {
    let utf8 = read("plan-2020.txt");
    for name in ["plan-2020-gbk.txt", "plan-2020-crlf.txt"] {
        let other = read(name);
        // Not even normalization is needed: the same tables, cell for cell.
        assert_eq!(other.tables, utf8.tables, "{name}");
        assert_eq!(other.warnings, utf8.warnings, "{name}");
    }
    assert!(utf8.tables[0].rows[0].header);
    assert!(utf8.tables[0].rows[1..].iter().all(|row| !row.header));
}

#[test]
fn docx_matches_txt_cell_for_cell() {
    let docx = read("plan-2020.docx");
    let grid = grid(&docx);
    assert_shape("plan-2020.docx", &grid);
    let txt = txt_grid();
    for (r, (d, t)) in grid.iter().zip(&txt).enumerate() {
        for (c, (d, t)) in d.iter().zip(t).enumerate() {
            assert_same_cell("plan-2020.docx", r, c, d, t);
        }
    }
    assert!(docx.tables[0].rows[0].header, "w:tblHeader marks the header");
    // 28 merges restart in columns 0 and 1, covering 98 cells below them.
    let restarts = merged(&docx, VMerge::Restart);
    let continues = merged(&docx, VMerge::Continue);
    assert_eq!(restarts.len(), 28);
    assert_eq!(continues.len(), 98);
    assert!(continues.iter().all(|&(_, c)| c <= 1));
}

/// Checks a copy that lacks the bare numbers of merged-away cells against the .txt, and
/// returns its continuation cells.
fn check_sparse_copy(name: &str) -> BTreeSet<(usize, usize)> {
    let tables = read(name);
    let grid = grid(&tables);
    assert_shape(name, &grid);
    let txt = txt_grid();
    let continues = merged(&tables, VMerge::Continue);
    let mut missing = BTreeSet::new();
    for r in 0..ROWS {
        for c in 0..COLUMNS {
            let (mine, theirs) = (&grid[r][c], &txt[r][c]);
            if normalize(mine).is_empty() && !normalize(theirs).is_empty() {
                missing.insert((r, c));
            } else {
                assert_same_cell(name, r, c, mine, theirs);
            }
        }
    }
    assert_eq!(missing.len(), 83, "{name}: the bare numbers of merged-away cells");
    assert!(
        missing.is_subset(&continues),
        "{name}: empty cells that are no merge continuation: {:?}",
        missing.difference(&continues).collect::<Vec<_>>()
    );
    // The other continuations are empty in the .txt too (the 15 without a bare number).
    for &(r, c) in continues.difference(&missing) {
        assert_eq!(txt[r][c], "", "{name}: row {r}, column {c}");
    }
    assert_eq!(continues.len(), 98, "{name}");
    assert_eq!(merged(&tables, VMerge::Restart).len(), 28, "{name}");
    assert!(tables.tables[0].rows[0].header, "{name}: header");
    // Every continuation names the row its merge starts on, and that row has a restart
    // cell in the same column.
    let restarts = merged(&tables, VMerge::Restart);
    for &(r, c) in &continues {
        let cell = &tables.tables[0].rows[r].cells[c];
        if let Some(from) = cell.merged_from {
            assert!(from < r && restarts.contains(&(from, c)), "{name}: row {r}, column {c}");
        }
    }
    continues
}

#[test]
fn pydocx_matches_txt_where_it_has_text() {
    check_sparse_copy("plan-2020-pydocx.docx");
}

#[test]
fn xlsx_matches_txt_where_it_has_text() {
    let continues = check_sparse_copy("plan-2020.xlsx");
    let xlsx = read("plan-2020.xlsx");
    for &(r, c) in &continues {
        let cell = &xlsx.tables[0].rows[r].cells[c];
        assert!(cell.merged_from.is_some(), "xlsx row {r}, column {c}: merged_from");
    }
}

#[test]
fn merges_agree_across_docx_and_xlsx() {
    let docx = read("plan-2020.docx");
    for name in ["plan-2020-pydocx.docx", "plan-2020.xlsx"] {
        let other = read(name);
        for state in [VMerge::Restart, VMerge::Continue] {
            assert_eq!(merged(&other, state), merged(&docx, state), "{name}: {state:?}");
        }
    }
}

#[test]
fn revision_txt_and_docx_agree_cell_for_cell() {
    let read = |name: &str| read_fixture(&format!("revision/{name}"));
    let (txt, docx) = (grid(&read("plan-2020-v2.txt")), grid(&read("plan-2020-v2.docx")));
    assert_eq!(txt.len(), docx.len(), "rows");
    for (r, (t, d)) in txt.iter().zip(&docx).enumerate() {
        assert_eq!(t.len(), COLUMNS, "plan-2020-v2.txt row {r}");
        for (c, (t, d)) in t.iter().zip(d).enumerate() {
            assert_same_cell("plan-2020-v2.docx", r, c, d, t);
        }
    }
}
