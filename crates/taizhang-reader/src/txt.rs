//! Tables in plain text: the "one cell per TAB-led line" export, and TSV.
//!
//! # The cell-per-line layout
//!
//! Text extractors such as Apache Tika write a Word table as one line per cell, the line
//! starting with a TAB; further paragraphs of the cell follow on lines without a TAB, and a
//! blank line follows each row:
//!
//! ```text
//!  \t原文表述          <- header, first cell (a stray space before the TAB)
//! 实施路径             <- second paragraph of the same cell
//! \t2020年工作目标
//!                      <- blank line: the row ends…
//! \t（1） 着力…
//! \t…收回商铺。
//!                      <- …except when the row is not complete: an empty paragraph
//! \t牵头单位
//! ```
//!
//! A blank line is therefore ambiguous: it ends a row, or it is an empty paragraph inside a
//! cell. The text is split at blank lines into *segments*, each holding some cells, and the
//! segments are grouped into rows so that as many rows as possible have exactly the table's
//! column count (the commonest segment size). A group of segments is one row whose blank
//! lines in between were empty paragraphs. Rows that still come out short are padded with
//! empty cells and reported (`padded-row`); the last row of a Tika export typically lacks its
//! final empty cell. Lines before the first cell line are not table text and are reported
//! (`skipped-text`), as is text after the table; a whitespace-only last line is the closing
//! paragraph some exporters add after the table and is dropped.
//!
//! # TSV
//!
//! One row per line, cells separated by TABs, when every non-blank line has the same number
//! of TABs. Excel's "Unicode text" export quotes cells that hold line breaks (`"a⏎b"`, with
//! `""` for a quote); such files are read with that quoting when the unquoted reading is not
//! consistent.

use taizhang_model::table::{Cell, ReadWarning, Row, Table};

use crate::ReadError;

/// The tables of a text file, with what was noticed on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TxtOutput {
    pub tables: Vec<Table>,
    pub warnings: Vec<ReadWarning>,
}

/// Reads the table held in `text` (already decoded); `file` names it in errors.
pub fn read_txt(file: &str, text: &str) -> Result<TxtOutput, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::Empty { file: file.to_string() });
    }
    let lines = split_lines(text);
    if let Some(output) = read_tsv(&lines) {
        return Ok(output);
    }
    read_cell_lines(&lines).ok_or_else(|| ReadError::NoTable { file: file.to_string() })
}

/// Splits at LF, CRLF and CR alike; a final line break does not start another line.
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find(['\n', '\r']) {
            Some(at) => {
                lines.push(&rest[..at]);
                let terminator = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[at + terminator..];
            }
            None => {
                lines.push(rest);
                rest = "";
            }
        }
    }
    lines
}

/// What one line of the cell-per-line layout is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line<'a> {
    /// The first paragraph of a new cell: the text after the leading TAB.
    Cell(&'a str),
    /// A further paragraph of the current cell.
    Para(&'a str),
}

/// Spaces an exporter may put before a row's first TAB (` \t原文表述`); they belong to no
/// cell. Only ASCII and ideographic spaces and NBSP, so text never qualifies.
fn is_pad(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{A0}')
}

/// The text of a cell line: after a leading TAB, or after a TAB preceded only by padding.
fn cell_text(line: &str) -> Option<&str> {
    let before = line.len() - line.trim_start_matches(is_pad).len();
    line[before..].strip_prefix('\t')
}

/// A run of non-blank lines, and the blank lines before it.
#[derive(Debug, Clone)]
struct Segment<'a> {
    blanks_before: usize,
    lines: Vec<Line<'a>>,
    cells: usize,
}

impl Segment<'_> {
    /// A segment that opens with a paragraph continues the cell before it: it cannot start
    /// a row.
    fn continues(&self) -> bool {
        matches!(self.lines.first(), Some(Line::Para(_)))
    }
}

fn read_cell_lines(lines: &[&str]) -> Option<TxtOutput> {
    let mut warnings = Vec::new();
    let start = lines.iter().position(|line| cell_text(line).is_some())?;
    let skipped: Vec<&str> =
        lines[..start].iter().copied().filter(|l| !l.trim().is_empty()).collect();
    if !skipped.is_empty() {
        warnings.push(skipped_text(0, "before the table", &skipped));
    }
    let mut end = lines.len();
    // The closing paragraph some exporters write after the table: a lone space (Tika).
    while end > start && cell_text(lines[end - 1]).is_none() && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    let segments = segments(&lines[start..end]);
    let columns = column_count(&segments)?;
    let (mut groups, trailing) = group_rows(&segments, columns);

    let mut rows = Vec::with_capacity(groups.len());
    for group in groups.drain(..) {
        let index = rows.len();
        let mut row = build_row(&segments[group.clone()]);
        row.header = index == 0;
        let found = row.cells.len();
        if found < columns {
            row.cells.resize_with(columns, || Cell::from_paragraphs(Vec::new()));
            warnings.push(ReadWarning {
                table: 0,
                row: index,
                code: "padded-row".into(),
                message: format!(
                    "row {index} has {found} cells where the table has {columns}: added {} empty \
                     cell(s) at its end",
                    columns - found
                ),
            });
        } else if found > columns {
            warnings.push(ReadWarning {
                table: 0,
                row: index,
                code: "long-row".into(),
                message: format!("row {index} has {found} cells where the table has {columns}"),
            });
        }
        rows.push(row);
    }
    if !trailing.is_empty() {
        let text: Vec<&str> = segments[trailing]
            .iter()
            .flat_map(|s| s.lines.iter())
            .map(|line| match line {
                Line::Para(text) | Line::Cell(text) => *text,
            })
            .collect();
        warnings.push(skipped_text(rows.len().saturating_sub(1), "after the table", &text));
    }
    let table = Table { index: 0, rows, tables_in_cells: 0 };
    Some(TxtOutput { tables: vec![table], warnings })
}

fn skipped_text(row: usize, where_: &str, lines: &[&str]) -> ReadWarning {
    let joined = lines.join(" / ");
    let mut shown: String = joined.chars().take(80).collect();
    if shown.len() < joined.len() {
        shown.push('…');
    }
    ReadWarning {
        table: 0,
        row,
        code: "skipped-text".into(),
        message: format!("{} line(s) of text {where_} are not table cells: {shown}", lines.len()),
    }
}

fn segments<'a>(lines: &[&'a str]) -> Vec<Segment<'a>> {
    let mut segments: Vec<Segment<'a>> = Vec::new();
    let mut blanks = 0;
    let mut current: Option<Segment<'a>> = None;
    for &line in lines {
        if line.is_empty() {
            if let Some(segment) = current.take() {
                segments.push(segment);
            }
            blanks += 1;
            continue;
        }
        let segment = current.get_or_insert_with(|| Segment {
            blanks_before: std::mem::take(&mut blanks),
            lines: Vec::new(),
            cells: 0,
        });
        // Padding before the TAB is only a row-opening quirk; inside a cell, a paragraph
        // that merely starts with spaces and a TAB stays a paragraph.
        let opening = segment.lines.is_empty();
        match line.strip_prefix('\t').or_else(|| opening.then(|| cell_text(line)).flatten()) {
            Some(text) => {
                segment.lines.push(Line::Cell(text));
                segment.cells += 1;
            }
            None => segment.lines.push(Line::Para(line)),
        }
    }
    if let Some(segment) = current {
        segments.push(segment);
    }
    segments
}

/// The table's column count: the commonest number of cells in a segment that can start a
/// row (ties go to the larger count, since short rows are the usual defect).
fn column_count(segments: &[Segment<'_>]) -> Option<usize> {
    let mut counts = std::collections::BTreeMap::<usize, usize>::new();
    for segment in segments.iter().filter(|s| !s.continues() && s.cells > 0) {
        *counts.entry(segment.cells).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(cells, seen)| (seen, cells)).map(|(cells, _)| cells)
}

/// Groups segments into rows (ranges of segment indices) so that the fewest rows differ
/// from `columns` cells; also returns the segments of text left after the table.
fn group_rows(
    segments: &[Segment<'_>],
    columns: usize,
) -> (Vec<std::ops::Range<usize>>, std::ops::Range<usize>) {
    // Paragraph-only segments after a blank line at the end are text after the table (a
    // note under it) far more often than paragraphs of the last cell after an empty one.
    let mut end = segments.len();
    while end > 1 && segments[end - 1].continues() && segments[end - 1].cells == 0 {
        end -= 1;
    }

    // cost[i]: the fewest odd-sized rows covering segments[..i]; from[i]: where the last
    // row of that best grouping starts.
    const NONE: usize = usize::MAX;
    let mut cost = vec![NONE; end + 1];
    let mut from = vec![0; end + 1];
    cost[0] = 0;
    for i in 1..=end {
        let mut cells = 0;
        for j in (0..i).rev() {
            cells += segments[j].cells;
            // A row may span several segments only while it does not grow past the column
            // count; a single segment is always a row on its own.
            if cells > columns && j + 1 < i {
                break;
            }
            // Rows start at cells, never inside a cell's paragraphs.
            if (segments[j].continues() && j > 0) || cost[j] == NONE {
                continue;
            }
            let odd = usize::from(cells != columns);
            let total = cost[j] + odd;
            if total < cost[i] {
                cost[i] = total;
                from[i] = j;
            }
        }
    }
    let mut groups = Vec::new();
    let mut i = end;
    while i > 0 {
        if cost[i] == NONE {
            // Cannot happen (a single segment is always a row), but never loop forever.
            break;
        }
        groups.push(from[i]..i);
        i = from[i];
    }
    groups.reverse();
    (groups, end..segments.len())
}

fn build_row(segments: &[Segment<'_>]) -> Row {
    let mut cells: Vec<Vec<String>> = Vec::new();
    for (k, segment) in segments.iter().enumerate() {
        if k > 0 {
            // Blank lines inside a row are empty paragraphs of the cell they follow.
            if let Some(cell) = cells.last_mut() {
                cell.extend(std::iter::repeat_n(String::new(), segment.blanks_before));
            }
        }
        for line in &segment.lines {
            match line {
                Line::Cell(text) => cells.push(vec![(*text).to_string()]),
                Line::Para(text) => match cells.last_mut() {
                    Some(cell) => cell.push((*text).to_string()),
                    None => cells.push(vec![(*text).to_string()]),
                },
            }
        }
    }
    Row {
        header: false,
        cells: cells.into_iter().map(Cell::from_paragraphs).collect(),
        ..Row::default()
    }
}

/// Reads `lines` as TSV when they look like it: at least two rows, the same number of
/// cells (two or more) in each, and a first column that is not always empty (which is
/// the cell-per-line layout).
fn read_tsv(lines: &[&str]) -> Option<TxtOutput> {
    let plain: Vec<Vec<String>> = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split('\t').map(str::to_string).collect())
        .collect();
    let rows =
        if consistent(&plain) { plain } else { quoted_tsv(lines).filter(|r| consistent(r))? };
    let table_rows = rows
        .into_iter()
        .enumerate()
        .map(|(index, fields)| Row {
            header: index == 0,
            cells: fields
                .into_iter()
                .map(|field| Cell::from_paragraphs(field.split('\n').map(str::to_string).collect()))
                .collect(),
            ..Row::default()
        })
        .collect();
    Some(TxtOutput {
        tables: vec![Table { index: 0, rows: table_rows, tables_in_cells: 0 }],
        warnings: Vec::new(),
    })
}

fn consistent(rows: &[Vec<String>]) -> bool {
    let Some(first) = rows.first() else { return false };
    rows.len() >= 2
        && first.len() >= 2
        && rows.iter().all(|row| row.len() == first.len())
        && rows.iter().any(|row| row.first().is_some_and(|cell| !cell.trim().is_empty()))
}

/// TSV with Excel's quoting: a cell that starts with `"` runs to the next `"` not doubled,
/// and may hold TABs and line breaks. `None` when a quote is never closed.
fn quoted_tsv(lines: &[&str]) -> Option<Vec<Vec<String>>> {
    let text = lines.join("\n");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut chars = text.chars().peekable();
    let mut field = String::new();
    let mut at_field_start = true;
    loop {
        let c = chars.next();
        match c {
            Some('"') if at_field_start => {
                at_field_start = false;
                loop {
                    match chars.next()? {
                        '"' if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        '"' => break,
                        other => field.push(other),
                    }
                }
            }
            Some('\t') => {
                row.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            Some('\n') | None => {
                row.push(std::mem::take(&mut field));
                at_field_start = true;
                if !(row.len() == 1 && row[0].trim().is_empty()) {
                    rows.push(std::mem::take(&mut row));
                }
                row.clear();
                if c.is_none() {
                    return Some(rows);
                }
            }
            Some(other) => {
                at_field_start = false;
                field.push(other);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(output: &TxtOutput) -> Vec<Vec<String>> {
        output.tables[0]
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    fn read(text: &str) -> TxtOutput {
        read_txt("t.txt", text).expect("reads")
    }

    #[test]
    fn cells_paragraphs_and_rows() {
        let out =
            read(" \t原文表述\n实施路径\n\t目标\n\t单位\n\n\t（1） 甲\n\t一是\n二是\n\t城建局\n\n");
        assert_eq!(
            texts(&out),
            [vec!["原文表述\n实施路径", "目标", "单位"], vec!["（1） 甲", "一是\n二是", "城建局"]]
        );
        assert_eq!(out.tables[0].rows[0].cells[0].paragraphs, ["原文表述", "实施路径"]);
        assert!(out.tables[0].rows[0].header);
        assert!(!out.tables[0].rows[1].header);
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }

    #[test]
    fn blank_line_inside_an_incomplete_row_is_an_empty_paragraph() {
        let text = "\tA\n\tB\n\tC\n\n\t1\n\t…收回商铺。\n\n\t牵头\n\n\t2\n\tx\n\ty\n\n";
        let out = read(text);
        assert_eq!(
            texts(&out),
            [vec!["A", "B", "C"], vec!["1", "…收回商铺。\n", "牵头"], vec!["2", "x", "y"]]
        );
        assert_eq!(out.tables[0].rows[1].cells[1].paragraphs, ["…收回商铺。", ""]);
        assert!(out.warnings.is_empty());
    }

    #[test]
    fn blank_line_then_paragraph_continues_the_cell() {
        let out = read("\tA\n\tB\n\n\t1\n\tx\n\ny\n\n\t2\n\tz\n");
        assert_eq!(texts(&out), [vec!["A", "B"], vec!["1", "x\n\ny"], vec!["2", "z"]]);
    }

    #[test]
    fn short_last_row_is_padded_and_reported() {
        let out = read("\tA\n\tB\n\tC\n\n\t1\n\tx\n\ty\n\n\t2\n\tz\n ");
        assert_eq!(texts(&out)[2], ["2", "z", ""]);
        assert_eq!(out.tables[0].rows[2].cells[2].paragraphs, Vec::<String>::new());
        assert_eq!(out.warnings.len(), 1);
        assert_eq!(out.warnings[0].code, "padded-row");
        assert_eq!(out.warnings[0].row, 2);
    }

    #[test]
    fn short_row_in_the_middle_does_not_swallow_the_next_row() {
        let out = read("\tA\n\tB\n\tC\n\n\t1\n\tx\n\n\t2\n\ty\n\tz\n\n");
        assert_eq!(texts(&out), [vec!["A", "B", "C"], vec!["1", "x", ""], vec!["2", "y", "z"]]);
        assert_eq!(out.warnings[0].row, 1);
    }

    #[test]
    fn every_character_of_a_cell_is_kept() {
        let out = read("\tA\n\tB\n\n\t    四个空格  \n\t    \n");
        assert_eq!(texts(&out)[1], ["    四个空格  ", "    "]);
    }

    #[test]
    fn crlf_and_cr_are_line_breaks() {
        let lf = read("\tA\n\tB\n\n\t1\n二\n\t2\n");
        assert_eq!(read("\tA\r\n\tB\r\n\r\n\t1\r\n二\r\n\t2\r\n"), lf);
        assert_eq!(read("\tA\r\tB\r\r\t1\r二\r\t2\r"), lf);
    }

    #[test]
    fn text_before_and_after_the_table_is_reported_not_kept() {
        let out = read("2020年工作计划\n\n\tA\n\tB\n\n\t1\n\t2\n\n注：以上为计划。\n");
        assert_eq!(texts(&out), [vec!["A", "B"], vec!["1", "2"]]);
        let codes: Vec<&str> = out.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(codes, ["skipped-text", "skipped-text"]);
        assert!(out.warnings[0].message.contains("2020年工作计划"));
        assert!(out.warnings[1].message.contains("注：以上为计划。"));
    }

    #[test]
    fn tsv_one_row_per_line() {
        let out = read("序号\t任务\t牵头单位\n1\t建设学校\t教育局\n2\t\t卫生健康局\n");
        assert_eq!(
            texts(&out),
            [
                vec!["序号", "任务", "牵头单位"],
                vec!["1", "建设学校", "教育局"],
                vec!["2", "", "卫生健康局"]
            ]
        );
        assert!(out.tables[0].rows[0].header);
    }

    #[test]
    fn tsv_with_excel_quoting() {
        let out = read("序号\t进度\n1\t\"一季度\n二季度\"\n2\t\"说\"\"好\"\"\"\n");
        assert_eq!(
            texts(&out),
            [vec!["序号", "进度"], vec!["1", "一季度\n二季度"], vec!["2", "说\"好\""]]
        );
        assert_eq!(out.tables[0].rows[1].cells[1].paragraphs, ["一季度", "二季度"]);
    }

    #[test]
    fn no_tab_at_all_is_no_table() {
        let err = read_txt("plain.txt", "这是一段没有表格的文字。\n第二行。\n").unwrap_err();
        assert!(matches!(err, ReadError::NoTable { .. }), "{err}");
        assert!(err.to_string().starts_with("plain.txt: "));
    }

    #[test]
    fn empty_or_blank_is_empty() {
        assert!(matches!(read_txt("e.txt", "").unwrap_err(), ReadError::Empty { .. }));
        assert!(matches!(read_txt("e.txt", " \n\r\n").unwrap_err(), ReadError::Empty { .. }));
    }
}
