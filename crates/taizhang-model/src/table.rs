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
///
/// The text is kept once: [`Cell::text`] holds the paragraphs joined by `\n`, and the cell
/// remembers where each paragraph ends, so [`Cell::paragraphs`] gives them back exactly (a
/// `w:br` inside a paragraph is a `\n` too, so the text alone cannot tell). Build a cell with
/// [`Cell::from_paragraphs`]; its JSON has both `text` and `paragraphs`, as before.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(from = "CellFields")]
pub struct Cell {
    /// The paragraphs joined by `\n`, automatic numbering rendered as the document shows it.
    /// Set through [`Cell::from_paragraphs`] or [`Cell::extend_paragraphs`], which keep the
    /// paragraph boundaries in step with it.
    pub text: String,
    /// Grid columns this cell covers (`w:gridSpan`), 1 by default.
    pub span: usize,
    /// Vertical merge state (`w:vMerge`).
    pub vmerge: Option<VMerge>,
    /// How `text` divides into paragraphs.
    layout: Layout,
    /// For a `continue` cell: the 0-based row index of the cell that starts its merge.
    pub merged_from: Option<usize>,
    /// Tables nested in this cell, in order.
    pub tables: Vec<Table>,
}

/// Where the paragraphs of a cell's text begin and end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum Layout {
    /// No paragraph at all (the text is empty).
    #[default]
    Empty,
    /// Every `\n` of the text separates two paragraphs (no paragraph holds a `\n` itself).
    Lines,
    /// The byte offsets of the `\n`s that separate paragraphs, in order: one paragraph more
    /// than offsets. Used only when some paragraph holds a `\n` of its own.
    Breaks(Vec<usize>),
}

// The fields of a cell as its JSON has them (`taizhang read` output, its schema and its
// reading back); the doc comment is the schema's description of a cell.
/// One cell as stored in the document.
#[derive(Deserialize, JsonSchema)]
#[schemars(rename = "Cell")]
#[allow(dead_code)] // `JsonSchema` reads the fields' docs; `Deserialize` fills them.
struct CellFields {
    /// The paragraphs joined by `\n`, automatic numbering rendered as the document shows it.
    text: String,
    /// Grid columns this cell covers (`w:gridSpan`), 1 by default.
    span: usize,
    /// Vertical merge state (`w:vMerge`).
    vmerge: Option<VMerge>,
    /// The cell's paragraphs, each as shown (a `w:br` inside a paragraph is a `\n` in it).
    paragraphs: Vec<String>,
    /// For a `continue` cell: the 0-based row index of the cell that starts its merge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    merged_from: Option<usize>,
    /// Tables nested in this cell, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tables: Vec<Table>,
}

/// A cell written as [`CellFields`] without copying its text.
#[derive(Serialize)]
struct CellOut<'a> {
    text: &'a str,
    span: usize,
    vmerge: Option<VMerge>,
    paragraphs: ParagraphsOut<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    merged_from: Option<usize>,
    #[serde(skip_serializing_if = "<[Table]>::is_empty")]
    tables: &'a [Table],
}

/// The paragraphs of a cell, written as an array of strings.
struct ParagraphsOut<'a>(&'a Cell);

impl Serialize for ParagraphsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.paragraph_iter())
    }
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        CellOut {
            text: &self.text,
            span: self.span,
            vmerge: self.vmerge,
            paragraphs: ParagraphsOut(self),
            merged_from: self.merged_from,
            tables: &self.tables,
        }
        .serialize(serializer)
    }
}

impl From<CellFields> for Cell {
    fn from(fields: CellFields) -> Cell {
        // The paragraphs are the truth; a `text` that disagrees with them cannot be kept
        // beside them in one string, and `read` always writes their join.
        let CellFields { text: _, span, vmerge, paragraphs, merged_from, tables } = fields;
        Cell { span, vmerge, merged_from, tables, ..Cell::from_paragraphs(paragraphs) }
    }
}

impl JsonSchema for Cell {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        CellFields::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        CellFields::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        CellFields::json_schema(generator)
    }
}

impl Cell {
    /// A cell with the given paragraphs, span 1 and no merge.
    pub fn from_paragraphs(mut paragraphs: Vec<String>) -> Cell {
        let (text, layout) = match paragraphs.len() {
            0 => (String::new(), Layout::Empty),
            1 => {
                let text = paragraphs.pop().unwrap_or_default();
                let layout =
                    if text.contains('\n') { Layout::Breaks(Vec::new()) } else { Layout::Lines };
                (text, layout)
            }
            n => {
                let len = paragraphs.iter().map(String::len).sum::<usize>() + n - 1;
                let mut text = String::with_capacity(len);
                let inner = paragraphs.iter().any(|p| p.contains('\n'));
                let mut breaks = Vec::with_capacity(if inner { n - 1 } else { 0 });
                for (i, p) in paragraphs.iter().enumerate() {
                    if i > 0 {
                        if inner {
                            breaks.push(text.len());
                        }
                        text.push('\n');
                    }
                    text.push_str(p);
                }
                (text, if inner { Layout::Breaks(breaks) } else { Layout::Lines })
            }
        };
        Cell { text, span: 1, vmerge: None, layout, ..Cell::default() }
    }

    /// A cell whose paragraphs are the lines of `text` (split at every `\n`; one empty
    /// paragraph for an empty text), span 1 and no merge. The text is kept as given.
    pub fn from_lines(text: String) -> Cell {
        Cell { text, span: 1, vmerge: None, layout: Layout::Lines, ..Cell::default() }
    }

    /// The cell's paragraphs, each as shown (a `w:br` inside a paragraph is a `\n` in it).
    pub fn paragraphs(&self) -> Vec<&str> {
        self.paragraph_iter().collect()
    }

    /// How many paragraphs the cell has.
    pub fn paragraph_count(&self) -> usize {
        match &self.layout {
            Layout::Empty => 0,
            Layout::Lines => self.text.bytes().filter(|&b| b == b'\n').count() + 1,
            Layout::Breaks(breaks) => breaks.len() + 1,
        }
    }

    /// Appends paragraphs after the cell's own (a cell merged into the one before it).
    pub fn extend_paragraphs(&mut self, more: Vec<String>) {
        if more.is_empty() {
            return;
        }
        let mut all: Vec<String> = self.paragraph_iter().map(str::to_owned).collect();
        all.extend(more);
        let rebuilt = Cell::from_paragraphs(all);
        self.text = rebuilt.text;
        self.layout = rebuilt.layout;
    }

    /// The paragraphs one by one, borrowed from the text.
    fn paragraph_iter(&self) -> ParagraphIter<'_> {
        match &self.layout {
            Layout::Empty => ParagraphIter::Done,
            Layout::Lines => ParagraphIter::Lines(self.text.split('\n')),
            Layout::Breaks(breaks) => ParagraphIter::Breaks { text: &self.text, breaks, start: 0 },
        }
    }
}

/// The paragraphs of a cell, borrowed from its text.
enum ParagraphIter<'a> {
    Done,
    Lines(std::str::Split<'a, char>),
    /// The paragraphs from byte `start` on: one ending at each offset in `breaks`, then the
    /// last one.
    Breaks {
        text: &'a str,
        breaks: &'a [usize],
        start: usize,
    },
}

impl<'a> Iterator for ParagraphIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            ParagraphIter::Done => None,
            ParagraphIter::Lines(lines) => lines.next(),
            ParagraphIter::Breaks { text, breaks, start } => {
                let text: &'a str = text;
                let (end, next) = match breaks.split_first() {
                    Some((&end, rest)) => (end, Some(rest)),
                    None => (text.len(), None),
                };
                // Offsets from `from_paragraphs` lie on the `\n`s it wrote; a text changed
                // since gives empty paragraphs, never a panic.
                let paragraph = text.get(*start..end).unwrap_or("");
                match next {
                    Some(rest) => {
                        *breaks = rest;
                        *start = end + 1;
                    }
                    None => *self = ParagraphIter::Done,
                }
                Some(paragraph)
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(cell: &Cell) -> Cell {
        let json = serde_json::to_string(cell).expect("a cell serializes");
        serde_json::from_str(&json).expect("and reads back")
    }

    #[test]
    fn paragraphs_come_back_exactly() {
        let cases: [&[&str]; 6] = [
            &[],
            &[""],
            &["供水：一季度", "供电：二季度"],
            &["a\nb", "c"],
            &["", "x\n", "", "\n"],
            &["收回商铺。", ""],
        ];
        for paragraphs in cases {
            let cell = Cell::from_paragraphs(paragraphs.iter().map(|p| p.to_string()).collect());
            assert_eq!(cell.paragraphs(), paragraphs);
            assert_eq!(cell.paragraph_count(), paragraphs.len());
            assert_eq!(cell.text, paragraphs.join("\n"));
            assert_eq!(round_trip(&cell), cell);
        }
    }

    #[test]
    fn json_keeps_both_fields_in_order() {
        let mut cell = Cell::from_paragraphs(vec!["a\nb".into(), "c".into()]);
        cell.merged_from = Some(2);
        let json = serde_json::to_string(&cell).expect("serializes");
        assert_eq!(
            json,
            r#"{"text":"a\nb\nc","span":1,"vmerge":null,"paragraphs":["a\nb","c"],"merged_from":2}"#
        );
        let empty = serde_json::to_string(&Cell::default()).expect("serializes");
        assert_eq!(empty, r#"{"text":"","span":0,"vmerge":null,"paragraphs":[]}"#);
    }

    #[test]
    fn lines_and_extensions() {
        let cell = Cell::from_lines("一季度\n二季度".into());
        assert_eq!(cell, Cell::from_paragraphs(vec!["一季度".into(), "二季度".into()]));
        let mut merged = Cell::from_paragraphs(vec!["甲".into()]);
        merged.extend_paragraphs(vec!["乙\n丙".into(), String::new()]);
        assert_eq!(merged.paragraphs(), ["甲", "乙\n丙", ""]);
        assert_eq!(merged.text, "甲\n乙\n丙\n");
    }
}
