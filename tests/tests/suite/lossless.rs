//! Nothing the reader saw is lost by the parser: every data row of the plan table is an item
//! (or a heading, or a repeated header that was warned about) whose `cells` are the texts
//! read, and every schedule cell is exactly covered by its milestones.

use std::path::Path;

use taizhang_model::plan::{ColumnRole, Milestone};
use taizhang_model::table::Table;
use taizhang_model::{Plan, Tables};
use taizhang_parser::Parser;
use taizhang_reader::{read_bytes, Options};

fn read(dir: &str, name: &str) -> Tables {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir).join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_bytes(name, &bytes, &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// The files to check: every seed copy and every crafted table.
fn fixtures() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["fixtures/seed", "fixtures/tables"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
        let mut names: Vec<String> = std::fs::read_dir(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| [".txt", ".docx", ".xlsx"].iter().any(|ext| n.ends_with(ext)))
            .collect();
        names.sort();
        out.extend(names.into_iter().map(|n| (dir.to_string(), n)));
    }
    out
}

/// The cell of `table` row `k` that starts at grid column `col`.
fn cell_at(table: &Table, k: usize, col: usize) -> Option<&str> {
    let row = table.rows.get(k)?;
    let mut at = row.grid_before;
    for cell in &row.cells {
        if at == col {
            return Some(&cell.text);
        }
        at += cell.span.max(1);
    }
    None
}

/// The milestones of one cell cover it exactly: spans follow each other from the first char
/// to the last; each milestone is [topic prefix] + label + separator + text + blanks.
fn assert_covers(cell: &str, header: &str, milestones: &[Milestone], place: &str) {
    let chars: Vec<char> = cell.chars().collect();
    if milestones.is_empty() {
        assert!(cell.trim().is_empty(), "{place}: text without milestones: {cell:?}");
        return;
    }
    let mut at = 0;
    let mut topic: Option<&str> = None;
    for m in milestones {
        let [start, end] = m.span;
        let [text_start, text_end] = m.text_span;
        assert_eq!(start, at, "{place}: gap or overlap before {m:?}");
        assert!(start <= text_start && text_start <= text_end && text_end <= end, "{place}: {m:?}");
        assert!(end <= chars.len(), "{place}: {m:?} past the cell end");
        let text: String = chars[text_start..text_end].iter().collect();
        assert_eq!(text, m.text, "{place}");
        let tail: String = chars[text_end..end].iter().collect();
        assert!(tail.trim().is_empty(), "{place}: {tail:?} after the text of {m:?}");
        // The head: the topic prefix where a topic starts, then the label and its separator.
        let head: String = chars[start..text_start].iter().filter(|c| !c.is_whitespace()).collect();
        let mut rest = head.as_str();
        if m.topic.as_deref() != topic {
            if let Some(t) = m.topic.as_deref() {
                rest = rest
                    .strip_prefix(t)
                    .unwrap_or_else(|| panic!("{place}: topic {t:?} not at {head:?}"));
                rest = rest
                    .strip_prefix(['：', ':'])
                    .unwrap_or_else(|| panic!("{place}: no colon after the topic in {head:?}"));
            }
            topic = m.topic.as_deref();
        }
        if let Some(label) = &m.label {
            match rest.strip_prefix(label.as_str()) {
                Some(after) => {
                    rest = after.strip_prefix(['，', ',', '：', ':', '、']).unwrap_or(after)
                }
                // A column per period (`一季度 | 二季度 | …`) labels the text of its cells.
                None => {
                    let from_header = header.lines().last().is_some_and(|l| l.trim() == label);
                    assert!(
                        from_header,
                        "{place}: label {label:?} neither at {head:?} nor in the header"
                    );
                }
            }
        }
        assert!(rest.is_empty(), "{place}: {rest:?} in the head of {m:?} is in no field");
        at = end;
    }
    assert_eq!(at, chars.len(), "{place}: the milestones stop before the cell ends");
}

fn check(dir: &str, name: &str) -> Plan {
    let tables = read(dir, name);
    let plan =
        Parser::new().parse_tables(&tables, None).unwrap_or_else(|e| panic!("{name}: {e}")).value;
    let index = plan.source.table.expect("the plan names its table");
    let table = &tables.tables[index];
    // Row numbers run from the first row under the header to the table's last row.
    let last = plan
        .items
        .iter()
        .map(|i| i.row)
        .chain(plan.headings.iter().map(|h| h.row))
        .max()
        .unwrap_or(0);
    let first_data = table.rows.len() - last;
    let schedule_cols: Vec<usize> =
        plan.columns.iter().filter(|c| c.role == ColumnRole::Schedule).map(|c| c.index).collect();
    for (k, row) in table.rows.iter().enumerate().skip(first_data) {
        let row_no = k - first_data + 1;
        let texts: Vec<String> = row.cells.iter().map(|c| c.text.clone()).collect();
        if let Some(item) = plan.items.iter().find(|i| i.row == row_no) {
            assert_eq!(item.cells, texts, "{name}: row {row_no}");
            let mut milestones = item.schedule.as_slice();
            for &col in &schedule_cols {
                let cell = cell_at(table, k, col).unwrap_or("");
                // Each schedule cell's milestones come in column order; a cell's spans start
                // at 0 again.
                let n = milestones
                    .iter()
                    .skip(1)
                    .position(|m| m.span[0] == 0)
                    .map_or(milestones.len(), |p| p + 1);
                let n = if cell.trim().is_empty() { 0 } else { n };
                let header = plan.columns.get(col).map_or("", |c| c.header.as_str());
                assert_covers(
                    cell,
                    header,
                    &milestones[..n],
                    &format!("{name}: row {row_no}, column {col}"),
                );
                milestones = &milestones[n..];
            }
            assert!(milestones.is_empty(), "{name}: row {row_no}: milestones of no cell");
        } else if let Some(heading) = plan.headings.iter().find(|h| h.row == row_no) {
            assert_eq!(heading.cells, texts, "{name}: row {row_no}");
        } else {
            assert!(
                plan.warnings.iter().any(|w| w.row == Some(row_no) && w.code == "repeated-header"),
                "{name}: row {row_no} is neither an item nor a heading"
            );
        }
    }
    plan
}

#[test]
fn every_fixture_is_lossless() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 6, "{fixtures:?}");
    for (dir, name) in fixtures {
        check(&dir, &name);
    }
}

#[test]
fn the_seed_schedules_are_all_split() {
    let plan = check("fixtures/seed", "plan-2020.txt");
    let milestones: usize = plan.items.iter().map(|i| i.schedule.len()).sum();
    let unlabeled =
        plan.items.iter().flat_map(|i| &i.schedule).filter(|m| m.label.is_none()).count();
    // Only the two topic paragraphs of row 106 (供水, 供电) name no period.
    assert_eq!(unlabeled, 2, "milestones: {milestones}");
    assert!(plan.items.iter().all(|i| !i.schedule.is_empty()));
}
