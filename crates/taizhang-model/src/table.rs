//! Tables as read from a document, before any structuring (`taizhang read`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The `schema` tag of `taizhang read` output.
pub const TABLES_SCHEMA: &str = "taizhang/tables/v1";

/// The input file's format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Txt,
    Docx,
    Xlsx,
    /// A Word 97–2003 binary document (.doc, or a .wps written by WPS Office).
    Doc,
    /// A Plan JSON written by `taizhang parse` (accepted by `diff`, `check` and `export`).
    Json,
    /// An HTML page (Word's "Web Page, Filtered" export and CMS pages alike).
    Html,
    /// Comma-separated values (Excel's and WPS's "CSV").
    Csv,
    /// A BIFF8 workbook: Excel 97–2003 .xls, WPS Spreadsheets .et.
    Xls,
}

/// Where a table or plan came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The file name as given on the command line (`-` for standard input).
    pub file: String,
    pub format: Format,
    /// SHA-256 of the input bytes, lowercase hex.
    pub sha256: String,
    /// The text encoding detected (`utf-8`, `utf-16le`, `gb18030`, …); for zip-based
    /// formats, the encoding of the main XML part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Which table of the document a plan was built from (0-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
}

/// Everything `taizhang read` returns for one input.
///
/// The text of a document outside its tables is kept beside them, in document order:
/// [`Tables::preamble`] before the first table, then each table followed by its
/// [`Table::after`]. A sheet (.xlsx, .xls, .et, .csv) has no text outside its cells: a title
/// there is a row of the table (reported `title-row`), and both lists stay empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Tables {
    /// Always [`TABLES_SCHEMA`].
    pub schema: String,
    pub source: Source,
    /// The paragraphs of text before the first table (a title, an `附件1` line, `单位：万元`),
    /// in document order, each as read; paragraphs holding only white space are left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<String>,
    /// Top-level tables in document order; nested tables live inside their cells.
    pub tables: Vec<Table>,
    pub warnings: Vec<ReadWarning>,
}

/// One table: rows of cells, merges kept as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Table {
    /// 0-based position among the document's top-level tables (for a nested table: among
    /// the tables of its cell).
    pub index: usize,
    pub rows: Vec<Row>,
    /// How many tables are nested anywhere inside this table's cells.
    pub tables_in_cells: usize,
    /// The paragraphs of text after this top-level table, up to the next one or the end of
    /// the document (a note under the table; the title of the next one), as
    /// [`Tables::preamble`] keeps them. Always empty for a nested table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
}

impl Table {
    /// A table of `rows`, with [`Table::tables_in_cells`] counted from the tables nested in
    /// their cells.
    pub fn with_rows(index: usize, rows: Vec<Row>) -> Table {
        let tables_in_cells = rows
            .iter()
            .flat_map(|r| &r.cells)
            .flat_map(|c| &c.tables)
            .map(|t| 1 + t.tables_in_cells)
            .sum();
        Table { index, rows, tables_in_cells, after: Vec::new() }
    }
}

impl Tables {
    /// The paragraphs of text right before table `index`: the preamble for the first table,
    /// else what follows the table before it. Empty when there is no such table.
    pub fn text_before(&self, index: usize) -> &[String] {
        match index {
            0 => &self.preamble,
            _ => self.tables.get(index - 1).map_or(&[], |t| t.after.as_slice()),
        }
    }
}

/// One table row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Row {
    /// A header row: `w:tblHeader` in .docx, or detected (the first row of a .txt export).
    pub header: bool,
    pub cells: Vec<Cell>,
    /// Grid columns skipped before the first cell (`w:gridBefore`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub grid_before: usize,
    /// Grid columns left empty after the last cell (`w:gridAfter`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub grid_after: usize,
}

/// One cell as stored in the document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cell {
    /// The paragraphs joined by `\n`, automatic numbering rendered as the document shows it.
    pub text: String,
    /// Grid columns this cell covers (`w:gridSpan`), 1 by default.
    pub span: usize,
    /// Vertical merge state (`w:vMerge`).
    pub vmerge: Option<VMerge>,
    /// The cell's paragraphs, each as shown (a `w:br` inside a paragraph is a `\n` in it).
    pub paragraphs: Vec<String>,
    /// For a `continue` cell: the 0-based row index of the cell that starts its merge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_from: Option<usize>,
    /// Tables nested in this cell, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
}

impl Cell {
    /// A cell with the given paragraphs, span 1 and no merge.
    pub fn from_paragraphs(paragraphs: Vec<String>) -> Cell {
        Cell { text: paragraphs.join("\n"), span: 1, vmerge: None, paragraphs, ..Cell::default() }
    }
}

/// `w:vMerge`: where a vertically merged region starts, and the cells it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum VMerge {
    Restart,
    Continue,
}

/// Something the reader noticed and worked around (a padded row, a skipped part).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReadWarning {
    pub table: usize,
    /// 0-based row index within the table (the header is row 0).
    pub row: usize,
    pub code: String,
    pub message: String,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
