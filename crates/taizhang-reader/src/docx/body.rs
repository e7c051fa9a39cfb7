//! The main document part, streamed: tables, rows and cells with their merges, paragraphs
//! with their text as Word shows it, and automatic numbering counted over every paragraph.
//!
//! What produces text, and what does not:
//! - text: `w:t`, `w:tab`/`w:ptab` (`\t`), `w:br`/`w:cr` (`\n` inside the paragraph),
//!   `w:noBreakHyphen` (`-`), `w:sym`, math text (`m:t`), and everything inside the
//!   transparent wrappers: hyperlinks, smart tags, `w:customXml`, `w:fldSimple`, content
//!   controls (`w:sdt` at run, paragraph, cell, row and table level), inserted revisions
//!   (`w:ins`), `w:moveTo`, the result of a complex field, ruby base text.
//! - no text: deleted revisions (`w:del`, `w:moveFrom`), field instructions (`w:instrText`
//!   and whatever lies between a field's `begin` and `separate`), property changes
//!   (`w:pPrChange` …), content-control properties, ruby guide text (`w:rt`), bookmarks,
//!   `w:softHyphen`. Rows whose `w:trPr` holds `w:del` are deleted rows and are dropped.
//! - `mc:AlternateContent` contributes its first `mc:Choice` only (or its `mc:Fallback` when
//!   it has no Choice): a text-box table appears in both, and is read once.
//! - Hidden text (`w:vanish` in a run's properties) is kept, as every reference reader
//!   keeps it: the reader does not decide what a table may leave out. Word does not show it,
//!   so each cell holding some is reported (`hidden-text`, with the hidden text), and a
//!   reader of the output can tell it from what the document shows. The .doc reader does
//!   the same.
//! - Text boxes (`w:txbxContent`) are separate stories anchored in a paragraph: their
//!   paragraphs follow the anchoring paragraph in the same cell (so nothing a reader sees
//!   is lost), and their tables are nested tables of that cell (top-level tables when the
//!   anchor is outside any table).
//! - Paragraphs outside any table (a title, an `附件1` line, a note under a table) are kept
//!   beside the tables, in order: before the first table in `preamble`, else in the `after`
//!   of the table above them. Paragraphs holding only white space are left out.

use taizhang_model::table::{Cell, ReadWarning, Row, Table, VMerge};

use quick_xml::events::{BytesStart, Event};

use super::numbering::{Numbering, ParagraphNumbering};
use super::symbols;
use super::xml::{self, Ns, Where};
use taizhang_i18n::{msg, Msg};

use crate::ReadError;

/// Tables nested deeper than this are refused (real documents nest two or three deep).
pub(crate) const MAX_TABLE_DEPTH: usize = 64;

/// Elements whose whole subtree produces no text and no structure. (A `match`, not a list
/// searched per element: it compiles to a few length and byte compares.)
fn skipped(local: &str) -> bool {
    matches!(
        local,
        "del"
            | "moveFrom"
            | "instrText"
            | "delInstrText"
            | "delText"
            | "pPrChange"
            | "rPrChange"
            | "tblPrChange"
            | "trPrChange"
            | "tcPrChange"
            | "sectPrChange"
            | "tblGridChange"
            | "numberingChange"
            | "sdtPr"
            | "sdtEndPr"
            | "rt"
            | "fldData"
    )
}

/// What the main part holds.
pub(crate) struct Body {
    pub tables: Vec<Table>,
    pub warnings: Vec<ReadWarning>,
    /// The paragraphs before the first table.
    pub preamble: Vec<String>,
}

#[derive(Default)]
struct TableBuilder {
    rows: Vec<Row>,
    row: Option<RowBuilder>,
    /// For each grid column, the row index of the open vertical merge starting there.
    merges: Vec<Option<usize>>,
}

#[derive(Default)]
struct RowBuilder {
    row: Row,
    deleted: bool,
    /// Grid column where the next cell starts.
    column: usize,
    cell: Option<CellBuilder>,
}

#[derive(Default)]
struct CellBuilder {
    span: usize,
    vmerge: Option<VMerge>,
    paragraphs: Vec<String>,
    tables: Vec<Table>,
    /// The hidden text of its paragraphs, for the `hidden-text` warning.
    hidden: String,
}

struct ParagraphBuilder {
    text: String,
    numbering: ParagraphNumbering,
    /// Paragraphs of text boxes anchored in this paragraph, to follow it.
    anchored: Vec<String>,
    /// How many tables were open when the paragraph started: it belongs to the innermost
    /// cell of that table, or to the paragraph it is anchored in.
    table_depth: usize,
    deleted: bool,
    /// Open `w:r` elements of this paragraph: `w:tab` is a character only inside a run
    /// (inside `w:pPr/w:tabs` it is a tab stop).
    runs: usize,
    /// Whether the open run is hidden text (`w:rPr/w:vanish`).
    run_hidden: bool,
    /// The hidden text read in this paragraph (and the text boxes anchored in it).
    hidden: String,
}

/// A complex field (`w:fldChar`): between `begin` and `separate` runs hold its instructions.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Instructions,
    Result,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Props {
    None,
    Paragraph,
    /// A run's own properties (`w:r/w:rPr`, not the paragraph mark's inside `w:pPr`).
    Run,
    Row,
    Cell,
}

struct State<'n> {
    numbering: &'n mut Numbering,
    tables: Vec<TableBuilder>,
    paragraphs: Vec<ParagraphBuilder>,
    top: Vec<Table>,
    warnings: Vec<ReadWarning>,
    /// Paragraphs outside any table, before the first one.
    preamble: Vec<String>,
    /// Depth inside a skipped subtree (0 = not skipping).
    skip: usize,
    /// One entry per open `mc:AlternateContent`: whether a branch has been taken.
    alternates: Vec<bool>,
    fields: Vec<Field>,
    /// Open `w:t` / `m:t` elements whose text counts.
    text_elements: usize,
    props: Props,
    /// Cells started so far, in every table, and the most the document may have.
    cells: usize,
    max_cells: usize,
    /// Grid columns spans cover beyond their first, not yet counted in `cells`.
    spanned: usize,
}

/// Reads the tables of the main document part, refusing it past `max_cells` cells.
pub(crate) fn read(
    at: Where<'_>,
    text: &str,
    numbering: &mut Numbering,
    max_cells: usize,
) -> Result<Body, ReadError> {
    let mut reader = xml::Reader::new(text);
    let mut state = State {
        numbering,
        tables: Vec::new(),
        paragraphs: Vec::new(),
        top: Vec::new(),
        warnings: Vec::new(),
        preamble: Vec::new(),
        skip: 0,
        alternates: Vec::new(),
        fields: Vec::new(),
        text_elements: 0,
        props: Props::None,
        cells: 0,
        max_cells,
        spanned: 0,
    };
    let mut depth = 0usize;
    let mut seen_root = false;
    loop {
        let (ns, event) = match reader.read_event() {
            Ok(next) => next,
            Err(e) => {
                return Err(at.xml_error(
                    text,
                    reader.error_position(),
                    msg!("read.xml.cause", cause = e),
                ))
            }
        };
        match event {
            Event::Start(e) => {
                at.enter(&mut depth)?;
                if !seen_root {
                    seen_root = true;
                    if !(ns == Ns::W && e.local_name().into_inner() == "document") {
                        return Err(ReadError::NotWordDocument {
                            file: at.file.to_string(),
                            part: at.part.to_string(),
                            reason: msg!("read.docx.root", root = e.name().0),
                        });
                    }
                }
                state.start(at, ns, &e)?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                state.end(at, ns, e.local_name().into_inner());
            }
            Event::Text(t) if state.collecting() => state.push_str(&t.xml10_content()),
            Event::CData(t) if state.collecting() => state.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = xml::reference(&r)
                    .map_err(|m| at.xml_error(text, reader.buffer_position(), m))?;
                if state.collecting() {
                    state.push_str(&resolved);
                }
            }
            Event::DocType(_) => return Err(at.dtd(reader.buffer_position())),
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(at.xml_error(text, 0, msg!("read.xml.no-root")));
    }
    state.count_cells(at, 0)?;
    Ok(Body { tables: state.top, warnings: state.warnings, preamble: state.preamble })
}

impl State<'_> {
    fn collecting(&self) -> bool {
        self.text_elements > 0 && self.skip == 0 && !self.in_instructions()
    }

    /// Inside the instructions of a field, or of any field enclosing it (a nested field's
    /// result is part of the outer field's instructions).
    fn in_instructions(&self) -> bool {
        self.fields.contains(&Field::Instructions)
    }

    fn in_run(&self) -> bool {
        self.paragraphs.last().is_some_and(|p| p.runs > 0)
    }

    fn push_str(&mut self, s: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(s);
            if p.run_hidden {
                p.hidden.push_str(s);
            }
        }
    }

    fn push_char(&mut self, c: char) {
        if self.skip == 0 && !self.in_instructions() {
            if let Some(p) = self.paragraphs.last_mut() {
                p.text.push(c);
                if p.run_hidden {
                    p.hidden.push(c);
                }
            }
        }
    }

    fn start(&mut self, at: Where<'_>, ns: Ns, e: &BytesStart<'_>) -> Result<(), ReadError> {
        if self.skip > 0 {
            self.skip += 1;
            return Ok(());
        }
        let local = e.local_name().into_inner();
        match ns {
            Ns::W => {}
            Ns::Mc => {
                match local {
                    "AlternateContent" => self.alternates.push(false),
                    "Choice" | "Fallback" => {
                        // Take the first branch only; a Fallback is taken when no Choice was.
                        match self.alternates.last_mut() {
                            Some(taken) if *taken => self.skip = 1,
                            Some(taken) => *taken = true,
                            None => {}
                        }
                    }
                    _ => {}
                }
                return Ok(());
            }
            Ns::Math => {
                if local == "t" {
                    self.text_elements += 1;
                }
                return Ok(());
            }
            Ns::Other => return Ok(()),
        }
        if skipped(local) {
            // A `w:del` inside `w:trPr` marks the whole row as deleted.
            if local == "del" && self.props == Props::Row {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    row.deleted = true;
                }
            }
            self.skip = 1;
            return Ok(());
        }
        match local {
            "tbl" => {
                if self.tables.len() >= MAX_TABLE_DEPTH {
                    return Err(at.limit(msg!("read.tables-too-deep", limit = MAX_TABLE_DEPTH)));
                }
                self.tables.push(TableBuilder::default());
            }
            "tr" => {
                // A row costs about what a cell does: counted with them, so a million
                // one-cell rows meet the limit as a million cells would.
                self.count_cells(at, 1)?;
                if let Some(table) = self.tables.last_mut() {
                    table.finish_row();
                    table.row = Some(RowBuilder::default());
                }
            }
            "tc" => {
                self.count_cells(at, 1)?;
                if let Some(table) = self.tables.last_mut() {
                    let row = table.row.get_or_insert_with(RowBuilder::default);
                    row.cell = Some(CellBuilder { span: 1, ..CellBuilder::default() });
                }
            }
            "trPr" => self.props = Props::Row,
            "tcPr" => self.props = Props::Cell,
            "rPr" if self.props == Props::None && self.in_run() => self.props = Props::Run,
            "pPr" => self.props = Props::Paragraph,
            "p" => {
                let deleted =
                    self.tables.last().and_then(|t| t.row.as_ref()).is_some_and(|r| r.deleted);
                self.paragraphs.push(ParagraphBuilder {
                    text: String::new(),
                    numbering: ParagraphNumbering::default(),
                    anchored: Vec::new(),
                    table_depth: self.tables.len(),
                    deleted,
                    runs: 0,
                    run_hidden: false,
                    hidden: String::new(),
                });
            }
            "t" => self.text_elements += 1,
            "r" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.runs += 1;
                }
            }
            "tab" | "ptab" if self.in_run() => self.push_char('\t'),
            "br" | "cr" if self.in_run() => self.push_char('\n'),
            "noBreakHyphen" => self.push_char('-'),
            "sym" => {
                let font = xml::attr(e, "font");
                if let Some(c) =
                    xml::attr(e, "char").and_then(|hex| symbols::sym(font.as_deref(), &hex))
                {
                    self.push_char(c);
                }
            }
            "fldChar" => match xml::attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(Field::Instructions),
                Some("separate") => {
                    if let Some(field) = self.fields.last_mut() {
                        *field = Field::Result;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            _ => self.property(local, e),
        }
        Ok(())
    }

    /// Table-row, cell and paragraph properties that matter to the output.
    fn property(&mut self, local: &str, e: &BytesStart<'_>) {
        match (self.props, local) {
            (Props::Paragraph, "pStyle" | "numId" | "ilvl") => {
                let Some(p) = self.paragraphs.last_mut() else { return };
                let value = xml::attr(e, "val").map(|v| v.trim().to_string());
                match local {
                    "pStyle" => p.numbering.style = value,
                    "numId" => p.numbering.num_id = value,
                    _ => p.numbering.ilvl = value.and_then(|v| v.parse().ok()),
                }
            }
            (Props::Row, "tblHeader" | "gridBefore" | "gridAfter") => {
                let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) else { return };
                let count = || {
                    xml::int_attr(e, "val")
                        .and_then(|v| usize::try_from(v).ok())
                        .unwrap_or(0)
                        .min(MAX_GRID)
                };
                match local {
                    "tblHeader" => row.row.header = xml::on_off(e),
                    "gridBefore" => {
                        row.row.grid_before = count();
                        row.column = row.row.grid_before;
                    }
                    _ => row.row.grid_after = count(),
                }
            }
            (Props::Run, "vanish") => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.run_hidden = xml::on_off(e);
                }
            }
            (Props::Cell, "gridSpan" | "vMerge") => {
                let Some(cell) = self
                    .tables
                    .last_mut()
                    .and_then(|t| t.row.as_mut())
                    .and_then(|r| r.cell.as_mut())
                else {
                    return;
                };
                if local == "gridSpan" {
                    cell.span = xml::int_attr(e, "val")
                        .and_then(|v| usize::try_from(v).ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_GRID);
                    // A spanning cell counts as the cells it covers: every later stage
                    // lays rows out on the grid.
                    self.spanned += cell.span - 1;
                } else {
                    cell.vmerge = Some(match xml::attr(e, "val").as_deref() {
                        Some("restart") => VMerge::Restart,
                        _ => VMerge::Continue,
                    });
                }
            }
            _ => {}
        }
    }

    /// Counts `n` more cells (and the grid columns spans added since the last count),
    /// refusing the document past `max_cells`.
    fn count_cells(&mut self, at: Where<'_>, n: usize) -> Result<(), ReadError> {
        self.cells = self.cells.saturating_add(n).saturating_add(std::mem::take(&mut self.spanned));
        if self.cells > self.max_cells {
            return Err(at.limit(msg!("read.too-many-cells", limit = self.max_cells)));
        }
        Ok(())
    }

    fn end(&mut self, at: Where<'_>, ns: Ns, local: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match ns {
            Ns::W => {}
            Ns::Mc => {
                if local == "AlternateContent" {
                    self.alternates.pop();
                }
                return;
            }
            Ns::Math => {
                if local == "t" {
                    self.text_elements = self.text_elements.saturating_sub(1);
                }
                return;
            }
            Ns::Other => return,
        }
        match local {
            "t" => self.text_elements = self.text_elements.saturating_sub(1),
            "r" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.runs = p.runs.saturating_sub(1);
                    p.run_hidden = false;
                }
            }
            "trPr" | "tcPr" | "pPr" => self.props = Props::None,
            "rPr" if self.props == Props::Run => self.props = Props::None,
            "p" => self.end_paragraph(),
            "tc" => self.end_cell(at),
            "tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.finish_row();
                }
            }
            "tbl" => self.end_table(),
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paragraphs.pop() else { return };
        // Field instructions do not run past their paragraph in practice; ending them here
        // keeps a field that never reaches `separate` from hiding the rest of the document.
        for field in &mut self.fields {
            *field = Field::Result;
        }
        // Word numbers every paragraph that carries numbering, empty ones included (the
        // empty paragraph of a merged-away cell takes a number too), in document order.
        let label = if p.deleted { None } else { self.numbering.next_label(&p.numbering) };
        let text = match label {
            Some(mut label) => {
                label.push_str(&p.text);
                label
            }
            None => p.text,
        };
        if let Some(parent) = self.paragraphs.last_mut() {
            if parent.table_depth == p.table_depth {
                parent.anchored.push(text);
                parent.anchored.extend(p.anchored);
                join_hidden(&mut parent.hidden, &p.hidden);
                return;
            }
        }
        if p.table_depth == 0 && self.tables.is_empty() {
            let outside = match self.top.last_mut() {
                Some(table) => &mut table.after,
                None => &mut self.preamble,
            };
            let shown = std::iter::once(text).chain(p.anchored);
            outside.extend(shown.filter(|t| !t.trim().is_empty()));
            return;
        }
        if p.table_depth == 0 || p.table_depth != self.tables.len() {
            return;
        }
        if let Some(cell) =
            self.tables.last_mut().and_then(|t| t.row.as_mut()).and_then(|r| r.cell.as_mut())
        {
            cell.paragraphs.push(text);
            cell.paragraphs.extend(p.anchored);
            join_hidden(&mut cell.hidden, &p.hidden);
        }
    }

    fn end_cell(&mut self, at: Where<'_>) {
        let nested = self.tables.len() > 1;
        let Some(table) = self.tables.last_mut() else { return };
        let row_index = table.rows.len();
        let Some(row) = table.row.as_mut() else { return };
        let Some(cell) = row.cell.take() else { return };
        let column = row.column;
        row.column = row.column.saturating_add(cell.span);
        let mut merged_from = None;
        if !row.deleted {
            let end = column.saturating_add(cell.span).min(MAX_GRID);
            if table.merges.len() < end {
                table.merges.resize(end, None);
            }
            match cell.vmerge {
                Some(VMerge::Restart) => {
                    for slot in &mut table.merges[column.min(end)..end] {
                        *slot = Some(row_index);
                    }
                }
                Some(VMerge::Continue) => {
                    merged_from = table.merges.get(column).copied().flatten();
                    if merged_from.is_none() {
                        self.warnings.push(ReadWarning {
                            table: self.top.len(),
                            row: row_index,
                            code: taizhang_model::Code::VmergeWithoutStart.into(),
                            message: crate::warning_text(msg!(
                                "vmerge-without-start",
                                file = at.file,
                                part = at.part,
                                row = row_index,
                                column = column
                            )),
                        });
                    }
                }
                None => {
                    for slot in &mut table.merges[column.min(end)..end] {
                        *slot = None;
                    }
                }
            }
        }
        if !cell.hidden.is_empty() && !row.deleted {
            let at = (self.top.len(), row_index, row.row.cells.len());
            self.warnings.push(hidden_text(at, nested, &cell.hidden));
        }
        let mut built = Cell::from_paragraphs(cell.paragraphs);
        built.span = cell.span;
        built.vmerge = cell.vmerge;
        built.merged_from = merged_from;
        built.tables = cell.tables;
        row.row.cells.push(built);
    }

    fn detect_header(&mut self, rows: &mut [Row]) {
        let warnings = self.tables.is_empty().then_some(&mut self.warnings);
        detect_header(rows, self.top.len(), warnings);
    }

    fn end_table(&mut self) {
        let Some(mut builder) = self.tables.pop() else { return };
        builder.finish_row();
        let mut rows = builder.rows;
        if rows.len() >= 2 && !rows.iter().any(|r| r.header) {
            self.detect_header(&mut rows);
        }
        let mut table = Table::with_rows(0, rows);
        if let Some(parent) = self.tables.last_mut() {
            // A table inside a cell (directly, or in a text box anchored in the cell).
            let row = parent.row.get_or_insert_with(RowBuilder::default);
            let cell = match row.cell.as_mut() {
                Some(cell) => cell,
                None => row.cell.insert(CellBuilder { span: 1, ..CellBuilder::default() }),
            };
            table.index = cell.tables.len();
            cell.tables.push(table);
        } else {
            table.index = self.top.len();
            self.top.push(table);
        }
    }
}

/// A table without a header mark (`w:tblHeader`) still has a header: the first row that
/// fills at least two cells, after at most [`MAX_TITLE_ROWS`] title rows (a caption merged
/// across the table), else the first row. The same rule as for .txt and .xlsx tables. Title
/// rows are reported as `title-row` in `warnings` (given for top-level tables only);
/// `table` is the table's index.
pub(crate) fn detect_header(
    rows: &mut [Row],
    table: usize,
    mut warnings: Option<&mut Vec<ReadWarning>>,
) {
    let filled = |row: &Row| row.cells.iter().filter(|c| !c.text.trim().is_empty()).count();
    let header = rows.iter().take(MAX_TITLE_ROWS + 1).position(|r| filled(r) >= 2).unwrap_or(0);
    for (index, row) in rows.iter().enumerate().take(header) {
        let title: Vec<&str> =
            row.cells.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect();
        if let (false, Some(warnings)) = (title.is_empty(), warnings.as_deref_mut()) {
            warnings.push(ReadWarning {
                table,
                row: index,
                code: taizhang_model::Code::TitleRow.into(),
                message: crate::warning_text(msg!(
                    "title-row",
                    table = table,
                    row = index,
                    header = header,
                    title = title.join(" ")
                )),
            });
        }
    }
    if let Some(row) = rows.get_mut(header) {
        row.header = true;
    }
}

/// Adds one paragraph's hidden text to what a cell (or paragraph) holds, a space apart.
pub(crate) fn join_hidden(into: &mut String, hidden: &str) {
    let hidden = hidden.trim();
    if hidden.is_empty() {
        return;
    }
    if !into.is_empty() {
        into.push(' ');
    }
    into.push_str(hidden);
}

/// The `hidden-text` warning of a cell at (top-level table, row, cell): the same from the
/// .docx and the .doc reader. `nested`: the row and cell are those of a table nested in a
/// cell of that table.
pub(crate) fn hidden_text(
    (table, row, cell): (usize, usize, usize),
    nested: bool,
    hidden: &str,
) -> ReadWarning {
    const SHOWN: usize = 80;
    let mut shown: String = hidden.chars().take(SHOWN).collect();
    if hidden.chars().nth(SHOWN).is_some() {
        shown.push('…');
    }
    let message = if nested { Msg::new("hidden-text.nested") } else { Msg::new("hidden-text") };
    ReadWarning {
        table,
        row,
        code: taizhang_model::Code::HiddenText.into(),
        message: crate::warning_text(
            message.with("table", table).with("row", row).with("cell", cell).with("shown", shown),
        ),
    }
}

/// Rows above the header that may hold a title, in a table without `w:tblHeader`.
const MAX_TITLE_ROWS: usize = 5;

/// No real table has more grid columns than this (Word's own limit is 63).
const MAX_GRID: usize = 4096;

impl TableBuilder {
    fn finish_row(&mut self) {
        if let Some(mut row) = self.row.take() {
            // A cell left open by a malformed row still holds what was read.
            if row.cell.is_some() {
                let mut cell = row.cell.take().unwrap_or_default();
                let mut built = Cell::from_paragraphs(std::mem::take(&mut cell.paragraphs));
                built.span = cell.span.max(1);
                built.vmerge = cell.vmerge;
                built.tables = cell.tables;
                row.row.cells.push(built);
            }
            if !row.deleted {
                self.rows.push(row.row);
            }
        }
    }
}
