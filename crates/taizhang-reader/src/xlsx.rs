//! .xlsx workbooks (calamine): each worksheet holding data is one table.
//!
//! Merged ranges are given the shape a .docx table has, so the parser sees one model:
//! a horizontal merge is one cell whose `span` covers the merged columns (the covered cells
//! are omitted, as `w:gridSpan` does), and a vertical merge is a `restart` cell followed by
//! `continue` cells that name the row they merge into (`merged_from`). Excel keeps only the
//! top-left value of a merged range, so continuation cells are normally empty.
//!
//! Values are rendered as text the way a reader of the sheet sees them where that needs no
//! number formats: integers without `.0`, other numbers in their shortest exact form, dates
//! as `YYYY-MM-DD` (with the time when there is one), booleans as `TRUE`/`FALSE`, errors as
//! `#DIV/0!` and the like. A line break inside a cell separates paragraphs. The header is
//! the first row; empty rows and columns around the data are left out, not counted.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{Data, Dimensions, Reader, SheetType, SheetVisible, Xlsx};
use taizhang_model::table::{Cell, ReadWarning, Row, Table, VMerge};

use crate::{Options, ReadError};

/// What the .xlsx reader returns for one workbook.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XlsxOutput {
    pub tables: Vec<Table>,
    pub warnings: Vec<ReadWarning>,
    /// The encoding declared by `xl/workbook.xml` (`utf-8` when it declares none).
    pub encoding: String,
}

/// Reads every worksheet with data of the workbook held in `bytes`.
pub fn read_xlsx(file: &str, bytes: &[u8], options: &Options) -> Result<XlsxOutput, ReadError> {
    let xlsx_error = |reason: String| ReadError::Xlsx { file: file.to_string(), reason };
    let encoding = check_package(file, bytes, options)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| xlsx_error(format!("not a readable .xlsx: {e}")))?;
    let sheets: Vec<(String, SheetType, SheetVisible)> =
        workbook.sheets_metadata().iter().map(|s| (s.name.clone(), s.typ, s.visible)).collect();

    let mut tables = Vec::new();
    let mut warnings = Vec::new();
    for (name, typ, visible) in sheets {
        if typ != SheetType::WorkSheet {
            continue;
        }
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| xlsx_error(format!("sheet {name:?}: {e}")))?;
        let merges = workbook
            .merge_cells_by_sheet_name(&name)
            .map_err(|e| xlsx_error(format!("sheet {name:?}: merged cells: {e}")))?;
        let Some(table) = sheet_table(tables.len(), &range, &merges) else { continue };
        if visible != SheetVisible::Visible {
            // Hidden sheets usually hold lookup lists, not the ledger; they are still read
            // (nothing is dropped silently), but flagged so a consumer can pass them over.
            warnings.push(ReadWarning {
                table: table.index,
                row: 0,
                code: "hidden-sheet".into(),
                message: format!("table {} is the hidden sheet {name:?}", table.index),
            });
        }
        tables.push(table);
    }
    if tables.is_empty() {
        return Err(ReadError::NoTable { file: file.to_string() });
    }
    Ok(XlsxOutput { tables, warnings, encoding })
}

/// Applies the zip limits of `options` to the package before calamine inflates anything,
/// and returns the encoding `xl/workbook.xml` declares.
fn check_package(file: &str, bytes: &[u8], options: &Options) -> Result<String, ReadError> {
    let xlsx_error = |reason: String| ReadError::Xlsx { file: file.to_string(), reason };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| xlsx_error(format!("not a readable zip: {e}")))?;
    if archive.len() > options.max_entries {
        return Err(xlsx_error(format!(
            "{} zip entries, more than the limit of {}",
            archive.len(),
            options.max_entries
        )));
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|e| xlsx_error(format!("zip entry {index}: {e}")))?;
        let (name, size, packed) = (
            entry.name().map_or_else(|_| format!("entry {index}"), |n| n.into_owned()),
            entry.size(),
            entry.compressed_size(),
        );
        if size > options.max_entry_bytes {
            return Err(xlsx_error(format!(
                "{name}: {size} bytes uncompressed, more than the limit of {}",
                options.max_entry_bytes
            )));
        }
        if size > 1 << 20 && size / packed.max(1) > options.max_ratio {
            return Err(xlsx_error(format!(
                "{name}: compressed {}:1, more than the limit of {}:1 (a zip bomb?)",
                size / packed.max(1),
                options.max_ratio
            )));
        }
        total = total.saturating_add(size);
        if total > options.max_total_bytes {
            return Err(xlsx_error(format!(
                "more than {} bytes uncompressed in all",
                options.max_total_bytes
            )));
        }
    }
    let mut head = Vec::new();
    if let Ok(entry) = archive.by_name("xl/workbook.xml") {
        // The XML declaration is in the first bytes; no need to inflate the rest.
        entry
            .take(200)
            .read_to_end(&mut head)
            .map_err(|e| xlsx_error(format!("xl/workbook.xml: {e}")))?;
    }
    Ok(declared_encoding(&head))
}

/// The `encoding` of an XML declaration, lowercased; `utf-8` when there is none.
fn declared_encoding(head: &[u8]) -> String {
    let head = String::from_utf8_lossy(head);
    let declaration = head.strip_prefix('\u{FEFF}').unwrap_or(&head);
    let Some(declaration) = declaration.strip_prefix("<?xml").and_then(|d| d.split("?>").next())
    else {
        return "utf-8".into();
    };
    let Some(value) = declaration.split("encoding").nth(1) else { return "utf-8".into() };
    let value = value.trim_start().trim_start_matches('=').trim_start();
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''));
    match quote {
        Some(quote) => value[1..].split(quote).next().unwrap_or("utf-8").to_ascii_lowercase(),
        None => "utf-8".into(),
    }
}

/// How one grid position relates to the merged ranges.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// The top-left cell of a merge.
    Start { span: usize, rows: u32 },
    /// The first column of a merge, below its first row.
    Below { span: usize, top: u32 },
    /// Covered by a merge, to the right of its first column: not a cell of its own.
    Covered,
}

/// One worksheet as a table; `None` when it holds no value at all.
fn sheet_table(
    index: usize,
    range: &calamine::Range<Data>,
    merges: &[Dimensions],
) -> Option<Table> {
    // The box around the cells that hold something. calamine's range may include cells that
    // only carry formatting, and merges may reach past the data; neither makes a row.
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0, 0);
    let (start, end) = (range.start()?, range.end()?);
    for row in start.0..=end.0 {
        for col in start.1..=end.1 {
            if range.get_value((row, col)).is_some_and(|v| !render(v).is_empty()) {
                top = top.min(row);
                left = left.min(col);
                bottom = bottom.max(row);
                right = right.max(col);
            }
        }
    }
    if top > bottom {
        return None;
    }
    // A merge that starts inside the box widens it to its full extent across, so a merged
    // header over empty columns keeps its span; downwards it is clipped to the data.
    for merge in merges {
        let (r0, c0) = merge.start;
        if (top..=bottom).contains(&r0) && (left..=right).contains(&c0) {
            right = right.max(merge.end.1);
        }
    }

    let mut places = BTreeMap::new();
    for merge in merges {
        let ((r0, c0), (r1, c1)) = (merge.start, merge.end);
        if r1 < r0 || c1 < c0 {
            continue;
        }
        let span = (c1.min(right).saturating_sub(c0) + 1) as usize;
        let rows = r1.min(bottom).saturating_sub(r0) + 1;
        for row in r0.max(top)..=r1.min(bottom) {
            for col in c0.max(left)..=c1.min(right) {
                let place = match (row == r0, col == c0) {
                    (true, true) => Place::Start { span, rows },
                    (false, true) => Place::Below { span, top: r0 },
                    // A merge cut by the left edge of the box: its visible part is covered.
                    _ => Place::Covered,
                };
                places.insert((row, col), place);
            }
        }
    }

    let mut rows = Vec::new();
    for row in top..=bottom {
        let mut cells = Vec::new();
        for col in left..=right {
            let text = range.get_value((row, col)).map(render).unwrap_or_default();
            let mut cell = Cell::from_paragraphs(paragraphs(&text));
            match places.get(&(row, col)) {
                None => {}
                Some(Place::Covered) => continue,
                Some(&Place::Start { span, rows }) => {
                    cell.span = span;
                    if rows > 1 {
                        cell.vmerge = Some(VMerge::Restart);
                    }
                }
                Some(&Place::Below { span, top: from }) => {
                    cell.span = span;
                    if from >= top {
                        cell.vmerge = Some(VMerge::Continue);
                        cell.merged_from = Some((from - top) as usize);
                    }
                }
            }
            cells.push(cell);
        }
        rows.push(Row { header: row == top, cells, ..Row::default() });
    }
    Some(Table { index, rows, tables_in_cells: 0 })
}

/// A cell's paragraphs: split at line breaks (LF, CRLF or CR alike). A trailing break gives
/// a trailing empty paragraph, as Word would show it.
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n").replace('\r', "\n").split('\n').map(str::to_string).collect()
}

/// A value as text.
fn render(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) => number(*x),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(dt) if dt.is_duration() => {
            let seconds = (dt.as_f64() * 86_400.0).round();
            if !seconds.is_finite() || seconds.abs() > 1e15 {
                return number(dt.as_f64());
            }
            let total = seconds.abs() as u64;
            let sign = if seconds < 0.0 { "-" } else { "" };
            format!("{sign}{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60)
        }
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let time = (h, mi, s) != (0, 0, 0);
            if dt.as_f64().abs() < 1.0 && time {
                // A time of day without a date.
                format!("{h:02}:{mi:02}:{s:02}")
            } else if time {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02}")
            }
        }
    }
}

/// A number without a spurious `.0`; Rust's shortest round-trip form otherwise, which is
/// what Excel shows in General format for the numbers plan tables hold.
fn number(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn numbers_and_dates_as_text() {
        assert_eq!(render(&Data::Float(2020.0)), "2020");
        assert_eq!(render(&Data::Float(26.1)), "26.1");
        assert_eq!(render(&Data::Float(0.07)), "0.07");
        assert_eq!(render(&Data::Float(-3.0)), "-3");
        assert_eq!(render(&Data::Int(106)), "106");
        assert_eq!(render(&Data::Bool(true)), "TRUE");
        assert_eq!(render(&Data::Error(CellErrorType::Div0)), "#DIV/0!");
        let date = ExcelDateTime::new(43921.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(render(&Data::DateTime(date)), "2020-03-31");
        let stamp = ExcelDateTime::new(43921.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(render(&Data::DateTime(stamp)), "2020-03-31 12:00:00");
        let time = ExcelDateTime::new(0.75, ExcelDateTimeType::DateTime, false);
        assert_eq!(render(&Data::DateTime(time)), "18:00:00");
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(render(&Data::DateTime(duration)), "36:00:00");
    }

    #[test]
    fn line_breaks_are_paragraphs() {
        assert_eq!(paragraphs("供水\n供电"), ["供水", "供电"]);
        assert_eq!(paragraphs("收回商铺。\n"), ["收回商铺。", ""]);
        assert_eq!(paragraphs("a\r\nb\rc"), ["a", "b", "c"]);
        assert_eq!(paragraphs(""), [""]);
    }

    #[test]
    fn xml_declaration_encoding() {
        assert_eq!(
            declared_encoding(br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#),
            "utf-8"
        );
        assert_eq!(declared_encoding(b"<?xml version='1.0' encoding='GB2312'?><x/>"), "gb2312");
        assert_eq!(declared_encoding(b"<workbook/>"), "utf-8");
    }

    fn range(cells: &[((u32, u32), &str)]) -> calamine::Range<Data> {
        calamine::Range::from_sparse(
            cells.iter().map(|&(at, s)| calamine::Cell::new(at, Data::String(s.into()))).collect(),
        )
    }

    #[test]
    fn merges_become_spans_and_vmerges() {
        // B2:D2 header over data; B3:B5 merged down; C4:D4 merged across; a trailing
        // empty formatted area is not part of the table.
        let sheet = range(&[
            ((1, 1), "部门"),
            ((1, 2), "任务"),
            ((1, 3), "单位"),
            ((2, 1), "城建"),
            ((2, 2), "a"),
            ((2, 3), "x"),
            ((3, 2), "跨两列"),
            ((4, 2), "c"),
            ((4, 3), "z"),
        ]);
        let merges = [
            Dimensions { start: (2, 1), end: (4, 1) },
            Dimensions { start: (3, 2), end: (3, 3) },
            Dimensions { start: (9, 9), end: (12, 12) },
        ];
        let table = sheet_table(0, &sheet, &merges).unwrap();
        assert_eq!(table.rows.len(), 4);
        assert!(table.rows[0].header && !table.rows[1].header);
        let row1 = &table.rows[1].cells;
        assert_eq!((row1[0].text.as_str(), row1[0].vmerge), ("城建", Some(VMerge::Restart)));
        let row2 = &table.rows[2].cells;
        assert_eq!(row2.len(), 2, "the covered cell is omitted");
        assert_eq!((row2[0].vmerge, row2[0].merged_from), (Some(VMerge::Continue), Some(1)));
        assert_eq!((row2[1].text.as_str(), row2[1].span), ("跨两列", 2));
        let row3 = &table.rows[3].cells;
        assert_eq!((row3[0].vmerge, row3[0].merged_from), (Some(VMerge::Continue), Some(1)));
        assert_eq!(row3.len(), 3);
    }

    #[test]
    fn empty_sheet_is_no_table() {
        assert!(sheet_table(0, &range(&[((0, 0), "")]), &[]).is_none());
    }
}
