//! Tables from the paragraph stream: each paragraph comes with its depth in tables and
//! whether it ends a cell or a row; rows are finished with their definition (`Tap`), from
//! which the grid, horizontal spans and vertical merges follow.

use taizhang_model::table::{Cell, ReadWarning, Row, Table, VMerge};

use super::props::Tap;
use taizhang_i18n::{msg, Msg};

use crate::docx::body::{detect_header, hidden_text, join_hidden};

/// Tables nested deeper than this are refused (as for .docx).
pub(crate) const MAX_TABLE_DEPTH: usize = 64;

#[derive(Default)]
struct CellB {
    paragraphs: Vec<String>,
    tables: Vec<Table>,
    /// The hidden text of its paragraphs, for the `hidden-text` warning.
    hidden: String,
}

struct RowB {
    cells: Vec<CellB>,
    tap: Tap,
}

#[derive(Default)]
struct TableB {
    rows: Vec<RowB>,
    cells: Vec<CellB>,
    cell: CellB,
}

impl TableB {
    fn pending(&self) -> bool {
        !self.cells.is_empty() || !self.cell.paragraphs.is_empty() || !self.cell.tables.is_empty()
    }
}

/// What a paragraph does to the table structure.
pub(crate) struct Mark {
    pub depth: usize,
    pub cell_end: bool,
    pub row_end: Option<Tap>,
    /// The paragraph's hidden text (it is part of the text too).
    pub hidden: String,
}

pub(crate) struct Builder {
    stack: Vec<TableB>,
    pub top: Vec<Table>,
    pub warnings: Vec<ReadWarning>,
    /// Paragraphs outside any table before the first one (those after a table go to its
    /// `after`), white-space-only ones left out.
    pub preamble: Vec<String>,
    cells: usize,
    max_cells: usize,
    file: String,
}

impl Builder {
    pub(crate) fn new(file: &str, max_cells: usize) -> Builder {
        Builder {
            stack: Vec::new(),
            top: Vec::new(),
            warnings: Vec::new(),
            preamble: Vec::new(),
            cells: 0,
            max_cells,
            file: file.to_string(),
        }
    }

    /// Adds one paragraph (its text as shown) at its place in the tables.
    pub(crate) fn paragraph(&mut self, text: String, mark: Mark) -> Result<(), Msg> {
        if mark.depth > MAX_TABLE_DEPTH {
            return Err(msg!("read.tables-too-deep", limit = MAX_TABLE_DEPTH));
        }
        while self.stack.len() > mark.depth {
            self.close()?;
        }
        while self.stack.len() < mark.depth {
            self.stack.push(TableB::default());
        }
        let top_level = self.stack.len() == 1;
        if self.stack.is_empty() {
            if !text.trim().is_empty() {
                match self.top.last_mut() {
                    Some(table) => table.after.push(text),
                    None => self.preamble.push(text),
                }
            }
            return Ok(());
        }
        let Some(table) = self.stack.last_mut() else { return Ok(()) };
        if let Some(tap) = mark.row_end {
            // A row's end mark holds no text; a stray one is kept in the last cell.
            if !text.is_empty() {
                table.cell.paragraphs.push(text);
                join_hidden(&mut table.cell.hidden, &mark.hidden);
            }
            if !table.cell.paragraphs.is_empty() || !table.cell.tables.is_empty() {
                let cell = std::mem::take(&mut table.cell);
                table.cells.push(cell);
            }
            let cells = std::mem::take(&mut table.cells);
            self.cells += cells.len();
            if self.cells > self.max_cells {
                return Err(msg!("read.doc.too-many-cells", limit = self.max_cells));
            }
            // A floating table directly after another starts where the positioning changes.
            let split = top_level
                && table.rows.last().is_some_and(|last| last.tap.position != tap.position);
            if split {
                let done = std::mem::take(&mut table.rows);
                let index = self.top.len();
                let mut finished = build(done, index, Some(&mut self.warnings), &self.file);
                finished.index = index;
                self.top.push(finished);
            }
            let row = self.stack.last().map_or(0, |t| t.rows.len());
            self.report_hidden(&cells, row, self.stack.len() > 1);
            if let Some(table) = self.stack.last_mut() {
                table.rows.push(RowB { cells, tap });
            }
            return Ok(());
        }
        table.cell.paragraphs.push(text);
        join_hidden(&mut table.cell.hidden, &mark.hidden);
        if mark.cell_end {
            let cell = std::mem::take(&mut table.cell);
            table.cells.push(cell);
        }
        Ok(())
    }

    /// Closes every open table (the end of the text).
    pub(crate) fn end(&mut self) -> Result<(), Msg> {
        while !self.stack.is_empty() {
            self.close()?;
        }
        Ok(())
    }

    fn close(&mut self) -> Result<(), Msg> {
        let Some(mut table) = self.stack.pop() else { return Ok(()) };
        // Cells after the last row end: a row without a definition, when the table has rows
        // (paragraphs marked in-table without any row end make no table, as in Word).
        if table.pending() && !table.rows.is_empty() {
            if !table.cell.paragraphs.is_empty() || !table.cell.tables.is_empty() {
                let cell = std::mem::take(&mut table.cell);
                table.cells.push(cell);
            }
            let cells = std::mem::take(&mut table.cells);
            let last = table.rows.len();
            // The table is off the stack: it is nested when another is still open.
            self.report_hidden(&cells, last, !self.stack.is_empty());
            self.warnings.push(ReadWarning {
                table: self.top.len(),
                row: last,
                code: taizhang_model::Code::RowWithoutEnd.into(),
                message: crate::warning_text(msg!(
                    "row-without-end",
                    file = &self.file,
                    table = self.top.len(),
                    row = last
                )),
            });
            let tap = Tap { position: table.rows[last - 1].tap.position, ..Tap::default() };
            table.rows.push(RowB { cells, tap });
        }
        self.finish(table.rows);
        Ok(())
    }

    /// Reports the cells of a finished row (`row` of its table) that hold hidden text, as the
    /// .docx reader does.
    fn report_hidden(&mut self, cells: &[CellB], row: usize, nested: bool) {
        for (i, cell) in cells.iter().enumerate() {
            if !cell.hidden.is_empty() {
                self.warnings.push(hidden_text((self.top.len(), row, i), nested, &cell.hidden));
            }
        }
    }

    /// Builds a table from finished rows and puts it in its parent's cell, or at the top.
    fn finish(&mut self, rows: Vec<RowB>) {
        if rows.is_empty() {
            return;
        }
        let depth = self.stack.len();
        let index = self.top.len();
        let warnings = (depth == 0).then_some(&mut self.warnings);
        let mut table = build(rows, index, warnings, &self.file);
        match self.stack.last_mut() {
            Some(parent) => {
                table.index = parent.cell.tables.len();
                parent.cell.tables.push(table);
            }
            None => {
                table.index = index;
                self.top.push(table);
            }
        }
    }
}

/// The grid of a table: every distinct cell edge of its rows, in order.
fn grid(rows: &[RowB]) -> Vec<i16> {
    let mut edges: Vec<i16> = rows.iter().flat_map(|r| r.tap.edges.iter().copied()).collect();
    edges.sort_unstable();
    edges.dedup();
    edges
}

/// A cell's grid column and its vertical-merge flag.
type Place = (usize, Option<VMerge>);

fn build(
    rows: Vec<RowB>,
    index: usize,
    mut warnings: Option<&mut Vec<ReadWarning>>,
    file: &str,
) -> Table {
    let grid = grid(&rows);
    let column_of = |edge: i16| grid.partition_point(|&g| g < edge);
    // Each row's cells with their grid column, span and merge flag.
    let mut shaped: Vec<(Row, Vec<Place>)> = Vec::with_capacity(rows.len());
    for row in rows {
        let tap = &row.tap;
        let mut out = Row { header: tap.header, ..Row::default() };
        let mut places: Vec<Place> = Vec::new();
        let mut next_column = tap.edges.first().map_or(0, |&e| column_of(e));
        out.grid_before = next_column;
        for (i, cell) in row.cells.into_iter().enumerate() {
            let flags = tap.flags.get(i).copied().unwrap_or(0);
            let (left, right) = (tap.edges.get(i), tap.edges.get(i + 1));
            let (column, span) = match (left, right) {
                (Some(&l), Some(&r)) if r > l => {
                    let (a, b) = (column_of(l), column_of(r));
                    (a, (b - a).max(1))
                }
                _ => (next_column, 1),
            };
            next_column = column + span;
            // A cell merged into the one before it (horizontal merge flags): one wider cell.
            if flags & 0x03 >= 2 && !out.cells.is_empty() {
                if let Some(previous) = out.cells.last_mut() {
                    previous.span += span;
                    if cell.paragraphs.iter().any(|p| !p.is_empty()) {
                        previous.extend_paragraphs(cell.paragraphs);
                    }
                    previous.tables.extend(cell.tables);
                }
                continue;
            }
            let vmerge = match flags & 0x60 {
                0x60 => Some(VMerge::Restart),
                0x20 => Some(VMerge::Continue),
                _ => None,
            };
            let mut built = Cell::from_paragraphs(cell.paragraphs);
            built.span = span;
            built.tables = cell.tables;
            out.cells.push(built);
            places.push((column, vmerge));
        }
        if !tap.edges.is_empty() && !grid.is_empty() {
            out.grid_after = (grid.len() - 1).saturating_sub(next_column);
        }
        shaped.push((out, places));
    }
    // Vertical merges: a restart that no cell below continues merges nothing.
    let continuing: Vec<Vec<usize>> = shaped
        .iter()
        .map(|(_, places)| {
            places.iter().filter(|p| p.1 == Some(VMerge::Continue)).map(|p| p.0).collect()
        })
        .collect();
    let mut open: Vec<Option<usize>> = vec![None; grid.len() + 1];
    let mut out_rows = Vec::with_capacity(shaped.len());
    for (r, (row, places)) in shaped.iter_mut().enumerate() {
        let below = continuing.get(r + 1);
        for (cell, &(column, vmerge)) in row.cells.iter_mut().zip(places.iter()) {
            let end = (column + cell.span).min(open.len());
            let slots = column.min(end)..end;
            match vmerge {
                Some(VMerge::Restart) => {
                    if below.is_some_and(|b| b.contains(&column)) {
                        cell.vmerge = Some(VMerge::Restart);
                        open[slots].fill(Some(r));
                    } else {
                        open[slots].fill(None);
                    }
                }
                Some(VMerge::Continue) => {
                    cell.vmerge = Some(VMerge::Continue);
                    cell.merged_from = open.get(column).copied().flatten();
                    if cell.merged_from.is_none() {
                        if let Some(w) = warnings.as_deref_mut() {
                            w.push(ReadWarning {
                                table: index,
                                row: r,
                                code: taizhang_model::Code::VmergeWithoutStart.into(),
                                message: crate::warning_text(msg!(
                                    "vmerge-without-start.doc",
                                    file = file,
                                    row = r,
                                    column = column
                                )),
                            });
                        }
                    }
                }
                None => open[slots].fill(None),
            }
        }
        out_rows.push(std::mem::take(row));
    }
    if out_rows.len() >= 2 && !out_rows.iter().any(|r| r.header) {
        detect_header(&mut out_rows, index, warnings);
    }
    Table::with_rows(index, out_rows)
}
