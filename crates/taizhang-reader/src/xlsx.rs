//! .xlsx and .xls workbooks (calamine): each worksheet holding data is one table.
//!
//! .xls is BIFF8 in an OLE2 container (Excel 97–2003, and WPS Spreadsheets' .et, which is
//! the same format under another name); it is recognised by its `Workbook` (or `Book`)
//! stream, read with calamine's `Xls`, and its sheets go through the same sheet→table code
//! as .xlsx, merged ranges included.
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
use std::io::{Cursor, Read, Seek};

use calamine::{Data, Dimensions, Reader, SheetType, SheetVisible, Xls, Xlsx};
use taizhang_model::table::{Cell, ReadWarning, Row, Table, VMerge};

use taizhang_i18n::{msg, Msg};

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
    let Package { encoding, repeated } = check_package(file, bytes, options)?;
    // calamine trusts some numbers in the XML (a cell reference of 20 digits overflows its
    // arithmetic), and one bad workbook must not take down a batch: a panic inside it is
    // this file's error.
    guarded(file, ".xlsx", || read_workbook(file, bytes, encoding, &repeated))
}

/// Reads every worksheet with data of the BIFF8 workbook (.xls, .et) held in `bytes`.
pub fn read_xls(file: &str, bytes: &[u8]) -> Result<XlsxOutput, ReadError> {
    guarded(file, ".xls", || read_biff(file, bytes))
}

/// Runs one calamine read; a panic inside it becomes this file's error, naming the `kind` of
/// parser that gave up (`.xlsx`, `.xls`).
fn guarded(
    file: &str,
    kind: &str,
    read: impl FnOnce() -> Result<XlsxOutput, ReadError>,
) -> Result<XlsxOutput, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(ReadError::Xlsx {
            file: file.to_string(),
            reason: msg!("read.xlsx.panic", kind = kind, what = what),
        })
    })
}

fn read_biff(file: &str, bytes: &[u8]) -> Result<XlsxOutput, ReadError> {
    let xls_error = |reason: Msg| ReadError::Xlsx { file: file.to_string(), reason };
    let mut workbook: Xls<_> = Xls::new(Cursor::new(bytes))
        .map_err(|e| xls_error(msg!("read.xls.unreadable", cause = e)))?;
    let sheets: Vec<(String, SheetType, SheetVisible)> =
        workbook.sheets_metadata().iter().map(|s| (s.name.clone(), s.typ, s.visible)).collect();
    let mut book = Book::default();
    for (name, typ, visible) in sheets {
        if typ != SheetType::WorkSheet {
            continue;
        }
        let range = workbook.worksheet_range(&name).map_err(|e| {
            xls_error(msg!("read.xlsx.sheet", name = format!("{name:?}"), cause = e))
        })?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut cells = BTreeMap::new();
        for (row, col, value) in range.used_cells() {
            let text = render(value, None);
            if !text.is_empty() {
                cells.insert((top + row as u32, left + col as u32), text);
            }
        }
        let merges = workbook.merge_cells_by_sheet_name(&name).map_err(|e| {
            xls_error(msg!("read.xlsx.merges", name = format!("{name:?}"), cause = e))
        })?;
        book.add(&name, visible, &cells, &merges).map_err(xls_error)?;
    }
    // BIFF8 keeps its strings in UTF-16 whatever its code page says: no encoding to report.
    book.finish(file, String::new())
}

/// The worksheets of a workbook as tables, whichever format they came from.
#[derive(Default)]
struct Book {
    tables: Vec<Table>,
    warnings: Vec<ReadWarning>,
}

impl Book {
    fn add(
        &mut self,
        name: &str,
        visible: SheetVisible,
        cells: &BTreeMap<(u32, u32), String>,
        merges: &[Dimensions],
    ) -> Result<(), Msg> {
        let table = match sheet_table(self.tables.len(), cells, merges) {
            Ok(Some(table)) => table,
            Ok(None) => return Ok(()),
            Err(reason) => {
                return Err(
                    msg!("read.xlsx.sheet-why", name = format!("{name:?}"), reason => reason),
                )
            }
        };
        if visible != SheetVisible::Visible {
            // Hidden sheets usually hold lookup lists, not the ledger; they are still read
            // (nothing is dropped silently), but flagged so a consumer can pass them over.
            self.warnings.push(ReadWarning {
                table: table.index,
                row: 0,
                code: taizhang_model::Code::HiddenSheet.into(),
                message: crate::warning_text(msg!(
                    "hidden-sheet",
                    table = table.index,
                    name = format!("{name:?}")
                )),
            });
        }
        self.tables.push(table);
        Ok(())
    }

    fn finish(self, file: &str, encoding: String) -> Result<XlsxOutput, ReadError> {
        if self.tables.is_empty() {
            return Err(ReadError::NoTable { file: file.to_string() });
        }
        Ok(XlsxOutput { tables: self.tables, warnings: self.warnings, encoding })
    }
}

/// Which streams an OLE2 compound file holds, of those that tell its kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OleStreams {
    /// `Workbook` (BIFF8) or `Book` (BIFF5): a spreadsheet.
    pub workbook: bool,
    /// `WordDocument`: a Word (or WPS Writer) document.
    pub word: bool,
}

/// Looks for the directory entries of the streams that tell an OLE2 file's kind. Directory
/// entries are 128 bytes, at multiples of 128 past the 512-byte header in every sector
/// size; each names itself in UTF-16 LE with its length in bytes at offset 64 and its type
/// at 66 (2 = stream). Scanning every such slot needs no FAT: a damaged chain does not hide
/// the kind, and the reader then says what is wrong.
pub fn ole_streams(bytes: &[u8]) -> OleStreams {
    let mut found = OleStreams::default();
    let utf16 = |name: &str| -> Vec<u8> {
        name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect()
    };
    let (workbook, book, word) = (utf16("Workbook"), utf16("Book"), utf16("WordDocument"));
    for entry in bytes.get(512..).unwrap_or_default().chunks_exact(128) {
        if entry[66] != 2 {
            continue;
        }
        let len = usize::from(u16::from_le_bytes([entry[64], entry[65]]));
        let Some(name) = entry.get(..len) else { continue };
        // Names compare case-insensitively in compound files.
        let same = |want: &[u8]| name.eq_ignore_ascii_case(want);
        found.workbook |= same(&workbook) || same(&book);
        found.word |= same(&word);
    }
    found
}

fn read_workbook(
    file: &str,
    bytes: &[u8],
    encoding: String,
    repeated: &Repeated,
) -> Result<XlsxOutput, ReadError> {
    let xlsx_error = |reason: Msg| ReadError::Xlsx { file: file.to_string(), reason };
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| xlsx_error(msg!("read.xlsx.unreadable", cause = e)))?;
    let sheets: Vec<(String, SheetType, SheetVisible)> =
        workbook.sheets_metadata().iter().map(|s| (s.name.clone(), s.typ, s.visible)).collect();

    let mut book = Book::default();
    // calamine finds a sheet by its name: a repeated name reads the first sheet's part again.
    let mut seen = std::collections::HashSet::new();
    for (name, typ, visible) in sheets {
        if typ != SheetType::WorkSheet {
            continue;
        }
        if repeated.names.contains(&name) || !seen.insert(name.clone()) {
            // A sheet whose part another sheet already is: read once, not once per listing
            // (a workbook listing one part a thousand times would take that much longer).
            continue;
        }
        let cells = sheet_cells(&mut workbook, &name).map_err(|e| {
            xlsx_error(msg!("read.xlsx.sheet", name = format!("{name:?}"), cause = e))
        })?;
        let merges = workbook.merge_cells_by_sheet_name(&name).map_err(|e| {
            xlsx_error(msg!("read.xlsx.merges", name = format!("{name:?}"), cause = e))
        })?;
        book.add(&name, visible, &cells, &merges).map_err(xlsx_error)?;
    }
    let skipped = repeated.count;
    if skipped > 0 {
        book.warnings.push(ReadWarning {
            table: 0,
            row: 0,
            code: taizhang_model::Code::RepeatedSheet.into(),
            message: crate::warning_text(msg!(
                "repeated-sheet",
                file = file,
                count = skipped,
                example = &repeated.example
            )),
        });
    }
    book.finish(file, encoding)
}

/// What the package check found besides the limits.
struct Package {
    encoding: String,
    repeated: Repeated,
}

/// The sheets of `xl/workbook.xml` whose part (through `xl/_rels/workbook.xml.rels`) an
/// earlier sheet already has, or whose name an earlier sheet already has.
#[derive(Default)]
struct Repeated {
    names: std::collections::HashSet<String>,
    /// How many listings repeat a part or a name.
    count: usize,
    /// One repeated part, for the message.
    example: String,
}

/// The values of the attributes `keys` (by local name) of every element named `local` in
/// `xml`, in order; a missing attribute is an empty string.
fn elements(xml: &[u8], local: &str, keys: &[&str]) -> Vec<Vec<String>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e))
                if e.local_name().into_inner() == local =>
            {
                let value = |key: &str| crate::docx::xml::attr(&e, key).unwrap_or_default();
                out.push(keys.iter().map(|k| value(k).into_owned()).collect());
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// A relationship target as a part name: absolute (`/xl/…`) or relative to `xl/`.
fn part_name(target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let path = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    };
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/").to_ascii_lowercase()
}

/// Finds the sheets that repeat an earlier sheet's part or name (see [`Repeated`]).
fn repeated_sheets(workbook: &[u8], rels: &[u8]) -> Repeated {
    let targets: std::collections::HashMap<String, String> =
        elements(rels, "Relationship", &["Id", "Target"])
            .into_iter()
            .map(|attrs| (attrs[0].clone(), part_name(&attrs[1])))
            .collect();
    let mut repeated = Repeated::default();
    let (mut parts, mut names) =
        (std::collections::HashSet::new(), std::collections::HashSet::new());
    for attrs in elements(workbook, "sheet", &["name", "id"]) {
        let [name, id] = [attrs[0].clone(), attrs[1].clone()];
        let part = targets.get(&id).cloned().unwrap_or_default();
        let new_part = part.is_empty() || parts.insert(part.clone());
        let new_name = names.insert(name.clone());
        if !new_name || !new_part {
            repeated.count += 1;
            if repeated.example.is_empty() {
                repeated.example = if new_part {
                    crate::warning_text(msg!("read.xlsx.sheet-name", name = format!("{name:?}")))
                } else {
                    part
                };
            }
            // A repeated name is passed over by name where the sheets are read.
            if new_name {
                repeated.names.insert(name);
            }
        }
    }
    repeated
}

/// Applies the zip limits of `options` to the package before calamine inflates anything,
/// and returns the encoding `xl/workbook.xml` declares and the sheets that repeat a part.
fn check_package(file: &str, bytes: &[u8], options: &Options) -> Result<Package, ReadError> {
    let xlsx_error = |reason: Msg| ReadError::Xlsx { file: file.to_string(), reason };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| xlsx_error(msg!("read.xlsx.not-zip", cause = e)))?;
    if archive.len() > options.max_entries {
        return Err(xlsx_error(msg!(
            "read.zip.entries",
            count = archive.len(),
            limit = options.max_entries
        )));
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|e| xlsx_error(msg!("read.zip.entry", index = index, cause = e)))?;
        let (name, size, packed) = (
            entry.name().map_or_else(|_| format!("entry {index}"), |n| n.into_owned()),
            entry.size(),
            entry.compressed_size(),
        );
        if size > options.max_entry_bytes {
            return Err(xlsx_error(msg!(
                "read.zip.entry-size",
                name = name,
                size = size,
                limit = options.max_entry_bytes
            )));
        }
        if size > 1 << 20 && size / packed.max(1) > options.max_ratio {
            return Err(xlsx_error(msg!(
                "read.zip.ratio",
                name = name,
                ratio = size / packed.max(1),
                limit = options.max_ratio
            )));
        }
        total = total.saturating_add(size);
        if total > options.max_total_bytes {
            return Err(xlsx_error(msg!("read.zip.total", limit = options.max_total_bytes)));
        }
    }
    let mut part = |name: &str| -> Result<Vec<u8>, ReadError> {
        let mut bytes = Vec::new();
        if let Ok(entry) = archive.by_name(name) {
            // Within the limits checked above.
            entry
                .take(options.max_entry_bytes)
                .read_to_end(&mut bytes)
                .map_err(|e| xlsx_error(msg!("read.in-part", part = name, cause = e)))?;
        }
        Ok(bytes)
    };
    let workbook = part("xl/workbook.xml")?;
    let rels = part("xl/_rels/workbook.xml.rels")?;
    let encoding = declared_encoding(&workbook[..workbook.len().min(200)]);
    Ok(Package { encoding, repeated: repeated_sheets(&workbook, &rels) })
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

/// The most cells (rows × columns of the box around the data) one sheet may have. A
/// ledger is a few thousand; a sheet with two values a million rows apart is not one.
const MAX_SHEET_CELLS: u64 = 4_000_000;

/// The non-empty cells of a sheet as text, by absolute `(row, column)`. Streams the sheet
/// rather than asking calamine for a `Range`, which is dense: a sheet with values at A1
/// and XFD1048576 would need 17 billion slots.
fn sheet_cells<RS: Read + Seek>(
    workbook: &mut Xlsx<RS>,
    name: &str,
) -> Result<BTreeMap<(u32, u32), String>, calamine::XlsxError> {
    // Values and their style ids in one pass over the sheet (number formats only refine how
    // numbers read: percentages).
    let mut reader = workbook.worksheet_cells_reader(name)?;
    let mut cells = BTreeMap::new();
    while let Some((cell, style)) = reader.next_cell_with_style_id()? {
        let at = cell.get_position();
        let value = Data::from(cell.get_value().clone());
        let format = reader
            .styles()
            .get(style)
            .filter(|_| style > 0)
            .and_then(|style| style.number_format.as_ref())
            .map(|format| format.format_code.as_str());
        let text = render(&value, format);
        if !text.is_empty() {
            cells.insert(at, text);
        }
    }
    Ok(cells)
}

/// One worksheet as a table; `None` when it holds no value at all.
fn sheet_table(
    index: usize,
    values: &BTreeMap<(u32, u32), String>,
    merges: &[Dimensions],
) -> Result<Option<Table>, Msg> {
    // The box around the cells that hold something: cells that only carry formatting, and
    // merges reaching past the data, make no rows.
    let Some((&(top, _), _)) = values.first_key_value() else { return Ok(None) };
    let Some((&(bottom, _), _)) = values.last_key_value() else { return Ok(None) };
    let mut left = values.keys().map(|&(_, col)| col).min().unwrap_or(0);
    let mut right = values.keys().map(|&(_, col)| col).max().unwrap_or(0);
    // A merge that starts inside the box widens it to its full extent across, so a merged
    // header over empty columns keeps its span; downwards it is clipped to the data.
    for merge in merges {
        let (r0, c0) = merge.start;
        if (top..=bottom).contains(&r0) && (left..=right).contains(&c0) {
            right = right.max(merge.end.1);
        }
    }
    left = left.min(right);
    // Runs of columns that hold nothing in any row (a value moved to XFD1 leaves 16,000 of
    // them) become one empty cell spanning the run in each row, not one cell per column.
    let gaps = empty_column_runs(values, merges, (top, bottom), (left, right));
    // The limit counts the box as it was, gaps included: a sheet still may not span more.
    let columns = u64::from(right - left + 1);
    let area = u64::from(bottom - top + 1) * columns;
    if area > MAX_SHEET_CELLS {
        return Err(msg!(
            "read.xlsx.too-big",
            rows = bottom - top + 1,
            columns = columns,
            limit = MAX_SHEET_CELLS
        ));
    }

    // Each merge as it shows inside the box. The parts of a merge outside the box hold no
    // value (the box holds them all), so the clipped rectangle is the merge: its top-left
    // cell starts it even when the original top-left lies above or left of the box.
    let mut places = BTreeMap::new();
    for merge in merges {
        let (r0, c0) = (merge.start.0.max(top), merge.start.1.max(left));
        let (r1, c1) = (merge.end.0.min(bottom), merge.end.1.min(right));
        if r1 < r0 || c1 < c0 || (r0, c0) == (r1, c1) {
            continue;
        }
        let span = (c1 - c0 + 1) as usize;
        for row in r0..=r1 {
            for col in c0..=c1 {
                let place = match (row == r0, col == c0) {
                    (true, true) => Place::Start { span, rows: r1 - r0 + 1 },
                    (false, true) => Place::Below { span, top: r0 },
                    _ => Place::Covered,
                };
                places.insert((row, col), place);
            }
        }
    }

    let mut rows = Vec::new();
    for row in top..=bottom {
        let mut cells = Vec::new();
        let mut next_gap = gaps.iter().peekable();
        let mut col = left;
        while col <= right {
            if let Some(&&(start, end)) = next_gap.peek() {
                if col == start {
                    let mut cell = Cell::from_paragraphs(paragraphs(""));
                    cell.span = (end - start + 1) as usize;
                    cells.push(cell);
                    next_gap.next();
                    col = end + 1;
                    continue;
                }
            }
            let this = col;
            col += 1;
            let col = this;
            let text = values.get(&(row, col)).map(String::as_str).unwrap_or_default();
            let mut cell = Cell::from_paragraphs(paragraphs(text));
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
                    cell.vmerge = Some(VMerge::Continue);
                    cell.merged_from = Some((from - top) as usize);
                }
            }
            cells.push(cell);
        }
        rows.push(Row { header: row == top, cells, ..Row::default() });
    }
    Ok(Some(Table::with_rows(index, rows)))
}

/// Fewest empty columns in a row that make a gap (see [`empty_column_runs`]); a real sheet
/// leaves a few empty columns between blocks at most.
const MIN_GAP: u32 = 64;

/// The runs of at least [`MIN_GAP`] columns inside `left..=right` that no value and no
/// merge of rows `top..=bottom` touches, as inclusive (first, last) columns.
fn empty_column_runs(
    values: &BTreeMap<(u32, u32), String>,
    merges: &[Dimensions],
    (top, bottom): (u32, u32),
    (left, right): (u32, u32),
) -> Vec<(u32, u32)> {
    // Occupied column ranges, merged in order.
    let mut used: Vec<(u32, u32)> = values.keys().map(|&(_, c)| (c, c)).collect();
    for merge in merges {
        let (r0, r1) = (merge.start.0.max(top), merge.end.0.min(bottom));
        let (c0, c1) = (merge.start.1.max(left), merge.end.1.min(right));
        if r0 <= r1 && c0 <= c1 {
            used.push((c0, c1));
        }
    }
    used.sort_unstable();
    let mut gaps = Vec::new();
    let mut reach = left; // first column not yet known to be used
    for (c0, c1) in used {
        if c0 > reach && c0 - reach >= MIN_GAP {
            gaps.push((reach, c0 - 1));
        }
        reach = reach.max(c1.saturating_add(1));
    }
    if right >= reach && right - reach + 1 >= MIN_GAP {
        gaps.push((reach, right));
    }
    gaps
}

/// A cell's paragraphs: split at line breaks (LF, CRLF or CR alike). A trailing break gives
/// a trailing empty paragraph, as Word would show it.
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n").replace('\r', "\n").split('\n').map(str::to_string).collect()
}

/// A value as text; `format` is the cell's number format code, if it has one.
fn render(value: &Data, format: Option<&str>) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(n) => match format.and_then(percent_decimals) {
            Some(decimals) => percent(*n as f64, decimals),
            None => n.to_string(),
        },
        Data::Float(x) => match format.and_then(percent_decimals) {
            Some(decimals) => percent(*x, decimals),
            None => number(*x),
        },
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

/// A number as Excel's General format shows it: 15 significant digits (so a formula's
/// `0.1 + 0.2` reads `0.3`), integers without `.0`.
fn number(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let rounded: f64 = format!("{x:.14e}").parse().unwrap_or(x);
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// The decimals of a percentage format (`0%` → 0, `0.00%` → 2); `None` for any other
/// format. Only the first section (before `;`) counts; quoted text and `[...]` are skipped.
fn percent_decimals(format: &str) -> Option<usize> {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    let (mut after_point, mut decimals, mut is_percent) = (false, 0, false);
    for c in format.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ';' => break,
            '.' => after_point = true,
            '0' | '#' | '?' if after_point => decimals += 1,
            '%' => is_percent = true,
            _ => {}
        }
    }
    is_percent.then_some(decimals)
}

/// `x` as a percentage with `decimals` places, by moving the decimal point in the rounded
/// decimal string rather than multiplying the float by 100 (`0.07 * 100.0` is
/// `7.000000000000001`).
fn percent(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let text = format!("{x:.prec$}", prec = decimals + 2);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let (moved, rest) = frac.split_at(2.min(frac.len()));
    let whole = format!("{int}{moved}");
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let zero = whole == "0" && rest.bytes().all(|b| b == b'0');
    let sign = if zero { "" } else { sign };
    if rest.is_empty() {
        format!("{sign}{whole}%")
    } else {
        format!("{sign}{whole}.{rest}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn numbers_and_dates_as_text() {
        let render = |value: &Data| super::render(value, None);
        assert_eq!(render(&Data::Float(2020.0)), "2020");
        assert_eq!(render(&Data::Float(26.1)), "26.1");
        assert_eq!(render(&Data::Float(0.07)), "0.07");
        assert_eq!(render(&Data::Float(0.1 + 0.2)), "0.3");
        assert_eq!(render(&Data::Float(-3.0)), "-3");
        assert_eq!(render(&Data::Float(1e20)), "100000000000000000000");
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
    fn percentages_as_shown() {
        let render = |x: f64, format: &str| super::render(&Data::Float(x), Some(format));
        assert_eq!(render(0.6, "0%"), "60%");
        assert_eq!(render(0.07, "0%"), "7%");
        assert_eq!(render(0.075, "0.0%"), "7.5%");
        assert_eq!(render(1.25, "0.00%"), "125.00%");
        assert_eq!(render(-0.05, "0%"), "-5%");
        assert_eq!(render(-0.001, "0%"), "0%");
        assert_eq!(render(0.6, "0.00"), "0.6", "not a percentage format");
        assert_eq!(render(0.6, "\"%\"0"), "0.6", "a quoted % is text");
        assert_eq!(super::render(&Data::Int(1), Some("0%")), "100%");
        assert_eq!(percent_decimals("[Red]0.0%;-0.0%"), Some(1));
        assert_eq!(percent_decimals("General"), None);
    }

    #[test]
    fn ole_streams_tell_a_workbook_from_a_word_document() {
        let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed");
        let xls = std::fs::read(seed.join("plan-2020.xls")).unwrap();
        assert_eq!(ole_streams(&xls), OleStreams { workbook: true, word: false });
        // A directory sector holding `WordDocument` (a stream, type 2), past the header.
        let mut doc = vec![0u8; 512 + 128];
        let name: Vec<u8> = "WordDocument\0".encode_utf16().flat_map(u16::to_le_bytes).collect();
        doc[512..512 + name.len()].copy_from_slice(&name);
        doc[512 + 64] = name.len() as u8;
        doc[512 + 66] = 2;
        assert_eq!(ole_streams(&doc), OleStreams { workbook: false, word: true });
        doc[512 + 66] = 1; // a storage of that name is no stream
        assert_eq!(ole_streams(&doc), OleStreams::default());
        assert_eq!(ole_streams(b"short"), OleStreams::default());
    }

    #[test]
    fn a_damaged_xls_is_an_error_not_a_panic() {
        let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed");
        let xls = std::fs::read(seed.join("plan-2020.xls")).unwrap();
        for cut in [600, 4096, 20_000, 60_000] {
            let _ = read_xls("t.xls", &xls[..cut]);
        }
        let mut flipped = xls.clone();
        for at in (1024..flipped.len()).step_by(997) {
            flipped[at] ^= 0x5A;
        }
        let _ = read_xls("t.xls", &flipped);
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

    fn range(cells: &[((u32, u32), &str)]) -> BTreeMap<(u32, u32), String> {
        cells.iter().filter(|(_, s)| !s.is_empty()).map(|&(at, s)| (at, s.to_string())).collect()
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
        let table = sheet_table(0, &sheet, &merges).unwrap().unwrap();
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
    fn merges_reaching_outside_the_data_are_clipped_to_it() {
        // A1:B3 is merged, and its top-left A1 is empty, so the data's box starts at B2:
        // the visible part of the merge (B2:B3) is the merge, started at B2.
        let sheet = range(&[((1, 1), " "), ((1, 2), "x"), ((2, 2), "y")]);
        let merges = [Dimensions { start: (0, 0), end: (2, 1) }];
        let table = sheet_table(0, &sheet, &merges).unwrap().unwrap();
        let shape: Vec<Vec<(usize, Option<VMerge>)>> = table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| (c.span, c.vmerge)).collect())
            .collect();
        assert_eq!(
            shape,
            [
                vec![(1, Some(VMerge::Restart)), (1, None)],
                vec![(1, Some(VMerge::Continue)), (1, None)]
            ]
        );
    }

    #[test]
    fn empty_sheet_is_no_table() {
        assert!(sheet_table(0, &range(&[((0, 0), "")]), &[]).unwrap().is_none());
    }

    #[test]
    fn far_apart_values_are_refused_not_allocated() {
        let sheet = range(&[((0, 0), "a"), ((1_048_575, 16_383), "b")]);
        let err = sheet_table(0, &sheet, &[]).unwrap_err().to_string();
        assert!(err.contains("4000000 cells"), "{err}");
        assert!(err.contains("1048576 rows × 16384 columns"), "{err}");
    }

    /// A minimal .xlsx package: `sheets` as (name, state, worksheet body XML).
    fn workbook(sheets: &[(&str, &str, &str)]) -> Vec<u8> {
        use std::io::Write;
        const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
        let mut parts: Vec<(String, String)> = Vec::new();
        let mut overrides = String::new();
        let mut entries = String::new();
        let mut rels = String::new();
        for (k, (name, state, body)) in sheets.iter().enumerate() {
            let n = k + 1;
            overrides.push_str(&format!(
                r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            ));
            entries.push_str(&format!(
                r#"<sheet name="{name}" sheetId="{n}" state="{state}" r:id="rId{n}"/>"#
            ));
            rels.push_str(&format!(
                r#"<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>"#
            ));
            parts.push((
                format!("xl/worksheets/sheet{n}.xml"),
                format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{body}</worksheet>"#),
            ));
        }
        rels.push_str(&format!(
            r#"<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>"#
        ));
        parts.push((
            "[Content_Types].xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{overrides}</Types>"#
            ),
        ));
        parts.push((
            "_rels/.rels".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ));
        parts.push((
            "xl/workbook.xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{entries}</sheets></workbook>"#
            ),
        ));
        parts.push((
            "xl/_rels/workbook.xml.rels".into(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{rels}</Relationships>"#),
        ));
        // Style 1: built-in 0%; style 2: 0.0%; style 3: built-in date (14).
        parts.push((
            "xl/styles.xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="9" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#
            ),
        ));
        let mut buffer = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buffer);
        for (name, content) in parts {
            zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        buffer.into_inner()
    }

    fn text_cell(at: &str, text: &str) -> String {
        format!(r#"<c r="{at}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>"#)
    }

    #[test]
    fn a_workbook_end_to_end() {
        let ledger = format!(
            "<sheetData>\
             <row r=\"2\">{}{}{}</row>\
             <row r=\"3\"><c r=\"B3\"><v>1</v></c>{}<c r=\"D3\" s=\"1\"><v>0.6</v></c></row>\
             <row r=\"4\"><c r=\"B4\"><v>2</v></c><c r=\"D4\" s=\"2\"><v>0.075</v></c></row>\
             <row r=\"5\">{}<c r=\"D5\" s=\"3\"><v>45000</v></c></row>\
             <row r=\"9\"><c r=\"F9\" s=\"1\"/></row>\
             </sheetData>\
             <mergeCells count=\"2\"><mergeCell ref=\"C3:C4\"/><mergeCell ref=\"B5:C5\"/></mergeCells>",
            text_cell("B2", "序号"),
            text_cell("C2", "任务"),
            text_cell("D2", "完成率"),
            text_cell("C3", " 建设\n学校 "),
            text_cell("B5", "合计"),
        );
        let lists =
            format!("<sheetData><row r=\"1\">{}</row></sheetData>", text_cell("A1", "城建局"));
        let bytes = workbook(&[
            ("台账", "visible", &ledger),
            ("空", "visible", "<sheetData/>"),
            ("lists", "hidden", &lists),
        ]);
        let out = read_xlsx("t.xlsx", &bytes, &Options::default()).unwrap();
        assert_eq!(out.encoding, "utf-8");
        assert_eq!(out.tables.len(), 2, "the empty sheet is no table");
        let rows = &out.tables[0].rows;
        let texts: Vec<Vec<&str>> =
            rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(
            texts,
            [
                vec!["序号", "任务", "完成率"],
                vec!["1", " 建设\n学校 ", "60%"],
                vec!["2", "", "7.5%"],
                vec!["合计", "2023-03-15"],
            ],
            "leading column A and the styled-only F9 are not part of the table"
        );
        assert!(rows[0].header && !rows[1].header);
        assert_eq!(rows[1].cells[1].paragraphs(), [" 建设", "学校 "]);
        assert_eq!(rows[1].cells[1].vmerge, Some(VMerge::Restart));
        assert_eq!(
            (rows[2].cells[1].vmerge, rows[2].cells[1].merged_from),
            (Some(VMerge::Continue), Some(1))
        );
        assert_eq!((rows[3].cells[0].span, rows[3].cells[0].vmerge), (2, None));
        assert_eq!(out.tables[1].index, 1);
        assert_eq!(out.tables[1].rows[0].cells[0].text, "城建局");
        assert_eq!(out.warnings.len(), 1);
        assert_eq!((out.warnings[0].code.as_str(), out.warnings[0].table), ("hidden-sheet", 1));
    }

    #[test]
    fn package_limits_apply_before_inflating() {
        let bytes = workbook(&[("a", "visible", "<sheetData/>")]);
        let few = Options { max_entries: 3, ..Options::default() };
        let err = read_xlsx("t.xlsx", &bytes, &few).unwrap_err().to_string();
        assert!(err.starts_with("t.xlsx: ") && err.contains("zip entries"), "{err}");
        let small = Options { max_entry_bytes: 100, ..Options::default() };
        let err = read_xlsx("t.xlsx", &bytes, &small).unwrap_err().to_string();
        assert!(err.contains("bytes uncompressed"), "{err}");
    }

    #[test]
    fn a_workbook_without_values_has_no_table() {
        let bytes = workbook(&[("a", "visible", "<sheetData/>")]);
        let err = read_xlsx("t.xlsx", &bytes, &Options::default()).unwrap_err();
        assert!(matches!(err, ReadError::NoTable { .. }), "{err}");
    }

    #[test]
    fn garbage_in_a_workbook_is_an_error_not_a_panic() {
        let bytes = workbook(&[(
            "a",
            "visible",
            "<sheetData><row><c r=\"ZZZZZZ99999999999\"><v>x</v></c></row>",
        )]);
        let _ = read_xlsx("t.xlsx", &bytes, &Options::default());
    }
}
