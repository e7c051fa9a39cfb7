//! The seed table as governments also publish it: .xls and WPS's .et, CSV (UTF-8 with BOM
//! and GB18030), HTML from LibreOffice, Word-style filtered HTML (GBK declared as gb2312),
//! and inside a CMS page's layout tables. Each reads as the same 112 × 6 grid as the .txt,
//! except what the format cannot hold:
//!
//! - every copy made from the .xlsx's values (.xls, .et, both CSVs, both hand-built HTML
//!   pages) lacks the 83 bare numbers of merged-away cells, as the .xlsx does; the ones
//!   that hold merges (.xls, .et, HTML) have the .docx's 28 restarts and 98 continuations,
//!   and the lost numbers sit exactly on continuations;
//! - CSV holds no merges at all: its empty cells are where the .docx's continuations are;
//! - LibreOffice's HTML writes list labels as `<ol start=N>`, so `（7） ` reads as the `7. `
//!   a browser draws, and drops the spaces at the ends of 8 cells (HTML white space).
//!
//! `parse` on every copy gives the 111 items (tests/tests/suite/parse.rs compares them item for
//! item); here the read tables are compared cell for cell.

use std::collections::BTreeSet;

use crate::common::{read_seed as read, SEED_COLUMNS as COLUMNS, SEED_ROWS as ROWS};
use taizhang_model::table::{Format, Table, Tables, VMerge};
use taizhang_parser::Parser;

/// The table the parser builds its plan from.
fn plan_table(tables: &Tables) -> &Table {
    let plan = Parser::new().parse_tables(tables, None).expect("a plan table");
    &tables.tables[plan.value.source.table.expect("the table index")]
}

fn grid(table: &Table) -> Vec<Vec<String>> {
    table.rows.iter().map(|row| row.cells.iter().map(|c| c.text.clone()).collect()).collect()
}

fn positions(table: &Table, state: VMerge) -> BTreeSet<(usize, usize)> {
    let mut out = BTreeSet::new();
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            if cell.vmerge == Some(state) {
                out.insert((r, c));
            }
        }
    }
    out
}

fn txt_grid() -> Vec<Vec<String>> {
    grid(&read("plan-2020.txt").tables[0])
}

/// Checks a copy made from the .xlsx's values against the .txt: equal cell for cell (no
/// normalization at all) except the 83 bare numbers, which must be where the .docx has
/// merge continuations; merges, where the format has them, equal the .docx's.
fn check_sparse(name: &str, format: Format, encoding: Option<&str>, merges: bool) {
    let tables = read(name);
    assert_eq!(tables.source.format, format, "{name}");
    assert_eq!(tables.source.encoding.as_deref(), encoding, "{name}");
    let table = plan_table(&tables);
    let mine = grid(table);
    let txt = txt_grid();
    assert_eq!(mine.len(), ROWS, "{name}: rows");
    let docx = read("plan-2020.docx");
    let docx_continues = positions(&docx.tables[0], VMerge::Continue);
    let mut missing = BTreeSet::new();
    for r in 0..ROWS {
        assert_eq!(mine[r].len(), COLUMNS, "{name}: row {r} cells");
        for c in 0..COLUMNS {
            if mine[r][c].is_empty() && !txt[r][c].is_empty() {
                missing.insert((r, c));
            } else {
                assert_eq!(mine[r][c], txt[r][c], "{name}: row {r}, column {c}");
            }
        }
    }
    assert_eq!(missing.len(), 83, "{name}: the bare numbers of merged-away cells");
    assert!(
        missing.is_subset(&docx_continues),
        "{name}: {:?}",
        missing.difference(&docx_continues)
    );
    assert!(table.rows[0].header && table.rows[1..].iter().all(|r| !r.header), "{name}: header");
    if merges {
        assert_eq!(positions(table, VMerge::Continue), docx_continues, "{name}");
        assert_eq!(
            positions(table, VMerge::Restart),
            positions(&docx.tables[0], VMerge::Restart),
            "{name}"
        );
        for (r, row) in table.rows.iter().enumerate() {
            for cell in row.cells.iter().filter(|c| c.vmerge == Some(VMerge::Continue)) {
                let from = cell.merged_from.expect("merged_from");
                assert!(from < r, "{name}: row {r}");
            }
        }
    } else {
        assert!(positions(table, VMerge::Continue).is_empty(), "{name}: no merges in CSV");
    }
}

#[test]
fn xls_and_et_match_the_xlsx() {
    check_sparse("plan-2020.xls", Format::Xls, None, true);
    check_sparse("plan-2020.et", Format::Xls, None, true);
    assert_eq!(read("plan-2020.et").tables, read("plan-2020.xls").tables);
    assert_eq!(read("plan-2020.xls").tables, read("plan-2020.xlsx").tables);
}

#[test]
fn csv_in_utf8_with_bom_and_in_gb18030() {
    check_sparse("plan-2020.csv", Format::Csv, Some("utf-8"), false);
    check_sparse("plan-2020-gbk.csv", Format::Csv, Some("gb18030"), false);
    assert_eq!(read("plan-2020-gbk.csv").tables, read("plan-2020.csv").tables);
    // Row 75's schedule ends with a line break inside its quotes: an empty paragraph.
    let csv = read("plan-2020.csv");
    assert_eq!(csv.tables[0].rows[75].cells[3].paragraphs().last().copied(), Some(""));
}

#[test]
fn word_filtered_html_in_gbk() {
    // Declared gb2312, written in GBK (滘 and · are not GB2312): read as GBK, nothing lost.
    check_sparse("plan-2020-word.html", Format::Html, Some("gbk"), true);
    let tables = read("plan-2020-word.html");
    assert_eq!(tables.tables.len(), 1);
    assert_eq!(tables.tables[0].rows.len(), ROWS, "Word's hidden width row is not a row");
    assert!(tables.warnings.is_empty(), "{:?}", tables.warnings);
}

#[test]
fn the_data_table_of_a_cms_page() {
    check_sparse("plan-2020-in-layout.html", Format::Html, Some("utf-8"), true);
    let tables = read("plan-2020-in-layout.html");
    // The outer layout table is page layout: the navigation, the data table and the footer
    // are the page's tables, in document order; the data table holds no nested table.
    let shapes: Vec<(usize, usize)> = tables
        .tables
        .iter()
        .map(|t| (t.rows.len(), t.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)))
        .collect();
    assert_eq!(shapes, [(1, 6), (ROWS, COLUMNS), (2, 1)]);
    assert_eq!(tables.tables[1].tables_in_cells, 0);
    let plan = Parser::new().parse_tables(&tables, None).unwrap();
    assert_eq!(plan.value.source.table, Some(1));
    assert_eq!(plan.value.items.len(), 111);
    let layout: Vec<_> = tables.warnings.iter().filter(|w| w.code == "layout-table").collect();
    assert_eq!(layout.len(), 1, "{:?}", tables.warnings);
    assert!(layout[0].message.contains("当前位置："), "{}", layout[0].message);
}

/// LibreOffice's HTML: labels as `<ol start>` and HTML white space are what it cannot
/// hold; every other cell equals the .txt's.
#[test]
fn libreoffice_html_loses_only_labels_and_edge_spaces() {
    let tables = read("plan-2020.html");
    assert_eq!(
        (tables.source.format, tables.source.encoding.as_deref()),
        (Format::Html, Some("utf-8"))
    );
    let table = plan_table(&tables);
    let mine = grid(table);
    let txt = txt_grid();
    let continues = positions(table, VMerge::Continue);
    let relabel = |text: &str| -> String {
        // `（7） rest` as a browser draws `<ol start=7>`: `7. rest`.
        match text.strip_prefix('（').and_then(|t| t.split_once("） ")) {
            Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => format!("{n}. {rest}"),
            _ => text.to_string(),
        }
    };
    let words = |text: &str| text.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let (mut exact, mut merged, mut label, mut spaces) = (0, 0, 0, 0);
    for r in 0..ROWS {
        for c in 0..COLUMNS {
            let (a, b) = (&mine[r][c], &txt[r][c]);
            if a == b {
                exact += 1;
            } else if a.is_empty() && continues.contains(&(r, c)) {
                merged += 1;
            } else if *a == relabel(b) {
                label += 1;
            } else if words(a) == words(&relabel(b)) {
                spaces += 1;
            } else {
                panic!("row {r}, column {c}: {a:?} vs {b:?}");
            }
        }
    }
    assert_eq!((exact, merged, label, spaces), (557, 83, 24, 8));
    let plan = Parser::new().parse_tables(&tables, None).unwrap();
    assert_eq!(plan.value.items.len(), 111);
}
