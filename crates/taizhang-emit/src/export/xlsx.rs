//! Excel: one workbook, a sheet per table (`plans`, `sources`, `items`, `milestones`,
//! `quantities`, `warnings`, `findings`).
//!
//! Each sheet has a bold header row frozen at the top with an autofilter, columns as wide as
//! their longest line up to a maximum per column, and long text wrapped beyond it. Numbers are numbers, `cumulative` and
//! `measure_inherited` are booleans, nulls are empty cells. The document's creation time is
//! fixed (2000-01-01) rather than the clock, so the same plans give the same bytes. The file
//! is written whole or not at all (a temporary file, then renamed).

use std::path::Path;

use super::{write_whole, ExportError, Kind, Ledger, Table, Value};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

/// Writes the workbook to `path`.
pub fn write_file(ledger: &Ledger<'_>, path: &Path) -> Result<(), ExportError> {
    tables_to_file(ledger.tables(), path)
}

/// Writes a workbook of `tables`, one sheet each, to `path`. A text longer than an Excel
/// cell holds is refused before anything is written, naming its sheet, row and column:
/// cut to fit, the export would lose characters.
pub fn tables_to_file<'t, 'a: 't>(
    tables: impl IntoIterator<Item = &'t Table<'a>> + Clone,
    path: &Path,
) -> Result<(), ExportError> {
    if let Some(message) = too_long_for_a_cell(tables.clone()) {
        return Err(ExportError::Invalid { path: path.to_owned(), message });
    }
    let bytes = tables_to_bytes(tables)
        .map_err(|cause| ExportError::Xlsx { path: path.to_owned(), cause })?;
    write_whole(path, &bytes)
}

/// The most characters an Excel cell holds.
pub const CELL_CHARS: usize = 32_767;

/// The first text of `tables` longer than [`CELL_CHARS`], as a message naming where it is
/// (the sheet's row as Excel numbers it, the header being row 1).
fn too_long_for_a_cell<'t, 'a: 't>(
    tables: impl IntoIterator<Item = &'t Table<'a>>,
) -> Option<taizhang_i18n::Msg> {
    for table in tables {
        for (r, row) in table.rows.iter().enumerate() {
            for (value, column) in row.iter().zip(table.columns) {
                let Value::Text(text) = value else { continue };
                // Bytes first: a text of at most CELL_CHARS bytes has at most as many chars.
                if text.len() <= CELL_CHARS {
                    continue;
                }
                let chars = text.chars().count();
                if chars > CELL_CHARS {
                    return Some(taizhang_i18n::msg!(
                        "export.xlsx-cell-too-long",
                        sheet = table.name,
                        row = r + 2,
                        column = column.name,
                        chars = chars,
                        limit = CELL_CHARS
                    ));
                }
            }
        }
    }
    None
}

/// The workbook as bytes.
pub fn to_bytes(ledger: &Ledger<'_>) -> Result<Vec<u8>, XlsxError> {
    tables_to_bytes(ledger.tables())
}

/// A workbook of `tables`, one sheet each, as bytes.
pub fn tables_to_bytes<'t, 'a: 't>(
    tables: impl IntoIterator<Item = &'t Table<'a>>,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    // Deflate's fastest level: most of a big ledger's time went to the default level's match
    // search (a workbook of 111,000 items: ~1.1× the bytes, a fraction of the time).
    workbook.set_zip_compression_level(1);
    for table in tables {
        add_sheet(&mut workbook, table)?;
    }
    workbook.save_to_buffer()
}

fn add_sheet(workbook: &mut Workbook, table: &Table<'_>) -> Result<(), XlsxError> {
    let header = Format::new().set_bold().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let sheet = workbook.add_worksheet_with_low_memory()?;
    sheet.set_name(table.name)?;
    for (c, column) in table.columns.iter().enumerate() {
        let width = fitted_width(table, c, column.width);
        let c = col_num(c)?;
        sheet.set_column_width(c, width)?;
        // A cell written without a format takes its column's: the format is looked up (a
        // hash of the whole Format) once per column here, not once per cell, which took a
        // fifth of a big workbook's time.
        sheet.set_column_format(c, if column.kind == Kind::LongText { &wrap } else { &top })?;
        sheet.write_string_with_format(0, c, column.name, &header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, value) in row.iter().take(table.columns.len()).enumerate() {
            let c = col_num(c)?;
            match value {
                Value::Null => {}
                Value::Int(n) => {
                    // Excel numbers are f64; row numbers and offsets are far below 2^53.
                    sheet.write_number(r, c, *n as f64)?;
                }
                Value::Real(x) => {
                    sheet.write_number(r, c, *x)?;
                }
                Value::Bool(b) => {
                    sheet.write_boolean(r, c, *b)?;
                }
                Value::Text(s) => {
                    sheet.write_string(r, c, s.as_ref())?;
                }
            }
        }
    }
    let last_row = u32::try_from(table.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col = col_num(table.columns.len().saturating_sub(1))?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// The width that shows the column's longest line, at most `max` (long text wraps beyond
/// it). Chinese characters take two width units, as Excel draws them.
fn fitted_width(table: &Table<'_>, column: usize, max: f64) -> f64 {
    let max = max.max(6.0);
    let header = table.columns.get(column).map_or(0, |c| display_width(c.name));
    let mut content = 0;
    for value in table.rows.iter().filter_map(|row| row.get(column)) {
        // Once the column is as wide as it may be, no longer line can widen it.
        if (header.max(content) + 2) as f64 >= max {
            break;
        }
        content = content.max(match value {
            // No line is wider than its bytes (a Chinese character: 3 bytes, 2 units).
            Value::Text(s) if s.len() <= content => continue,
            Value::Text(s) => s.lines().map(display_width).max().unwrap_or(0),
            other => other.to_csv_field().len(),
        });
    }
    // Two units of padding; never narrower than a short number.
    let wanted = header.max(content) + 2;
    (wanted as f64).clamp(6.0, max)
}

fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn col_num(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}
