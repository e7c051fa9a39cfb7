//! Tables in plain text: the cell-per-line export, TSV, and rows whose cells break lines.
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
//! cell. Row boundaries come from the column count, not from blank lines: the text is split
//! at blank lines into *segments*, each holding some cells, and consecutive segments are
//! grouped into rows of exactly the column count where possible. Every reading has a cost
//! (a blank line taken as an empty paragraph, a short row, and much more a row wider than
//! the table); the column count is the candidate (the commonest segment sizes and sums of
//! two neighbours) whose best grouping costs least, and that grouping gives the rows. A
//! segment that opens with a paragraph line always continues the cell before it.
//!
//! Rows that still come out short are padded with cells that have no paragraphs and are
//! reported (`padded-row`): the last row of a Tika export typically lacks its final empty
//! cell, and a cell spanning several columns is one cell in the text. Extra blank lines
//! before a row are empty paragraphs ending the row above.
//!
//! Text around tables is not table text and is kept beside the tables, each line one
//! paragraph ([`TxtOutput::preamble`], [`Table::after`]): lines before the first cell line,
//! and paragraphs after two or more blank lines (Tika ends a row with one blank line and a
//! table with another), which also separate one table from the next; at the end of the
//! file, paragraphs after any blank line.
//!
//! # TSV
//!
//! One row per line, cells separated by TABs: a run of at least two lines with a TAB each,
//! every one as wide as the widest or (failing that, and failing Excel's quoting) at least
//! half of them, the others padded and reported. Excel's "Unicode text" export quotes cells
//! that hold line breaks (`"a⏎b"`, with `""` for a quote); such files are read with that
//! quoting when the unquoted reading is not consistent. Lines without a TAB set off from
//! the run by a blank line (a title, a note) are text outside the table. Lines that all start with a TAB
//! and hold only one are the cell-per-line layout, not a two-column TSV with an empty
//! first column.
//!
//! # Rows with line breaks inside cells
//!
//! Word's plain-text export (and text copied out of a Word table) writes a row as its cells
//! joined by TABs, but each further paragraph of a cell starts a new line, so one row may
//! take several lines. When the TABs are not the cell-per-line kind, a row is read as
//! complete once it holds as many TABs as the widest line, and lines without a TAB after a
//! complete row are further paragraphs of its last cell.
//!
//! Whitespace-only lines at the very end of a file are dropped in every layout: exporters
//! append them after the table.

use std::collections::BTreeMap;

use taizhang_model::table::{Cell, ReadWarning, Row, Table};

use crate::ReadError;

/// The tables of a text file, with what was noticed on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TxtOutput {
    pub tables: Vec<Table>,
    pub warnings: Vec<ReadWarning>,
    /// The lines of text before the first table, blank ones left out.
    pub preamble: Vec<String>,
}

/// Reads the table held in `text` (already decoded); `file` names it in errors.
pub fn read_txt(file: &str, text: &str) -> Result<TxtOutput, ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::Empty { file: file.to_string() });
    }
    let mut lines = split_lines(text);
    // The closing paragraph some exporters write after the table (Tika: a lone space), and
    // trailing blank lines, belong to no layout.
    while lines.last().is_some_and(|line| !line.contains('\t') && line.trim().is_empty()) {
        lines.pop();
    }
    if let Some(output) = read_tsv(&lines) {
        return Ok(output);
    }
    let wrapped = || if leading_tabs(&lines) { None } else { read_wrapped_rows(&lines) };
    wrapped()
        .or_else(|| read_cell_lines(&lines))
        .ok_or_else(|| ReadError::NoTable { file: file.to_string() })
}

/// Whether the TABs of the text are the cell-per-line kind: most lines that hold one start
/// with it and hold no other.
fn leading_tabs(lines: &[&str]) -> bool {
    let tabbed = lines.iter().filter(|line| line.contains('\t')).count();
    let leading = lines
        .iter()
        .filter(|line| cell_text(line).is_some_and(|rest| !rest.contains('\t')))
        .count();
    leading * 5 >= tabbed * 4
}

/// Rows written one per line with TABs between cells, where a cell's further paragraphs
/// break the line (Word's plain-text export, text copied out of a Word table): a row is
/// complete once it has the table's TAB count, and lines without a TAB after a complete
/// row are further paragraphs of its last cell. The table is as wide as its widest line.
/// Lines after a blank line that follows a complete row, up to the next line with a TAB,
/// are text outside the table. Accepted when at least two rows and half of all rows come
/// out complete.
fn read_wrapped_rows(lines: &[&str]) -> Option<TxtOutput> {
    let tabs = lines.iter().map(|line| line.matches('\t').count()).max()?;
    if tabs == 0 {
        return None;
    }
    // A title above the table is set off by a blank line; lines right above the first row
    // with a TAB are paragraphs of its first cell.
    let first = lines.iter().position(|line| line.contains('\t'))?;
    let start =
        lines[..first].iter().rposition(|line| line.is_empty()).map_or(0, |blank| blank + 1);
    let mut output = TxtOutput::default();
    let before: Vec<&str> =
        lines[..start].iter().copied().filter(|line| !line.trim().is_empty()).collect();
    output.preamble = outside_text(&before);

    // Each row: its cells' paragraphs, and how many TABs it has taken.
    let mut rows: Vec<(Vec<Vec<String>>, usize)> = Vec::new();
    let mut outside: Vec<&str> = Vec::new();
    let mut ended = false; // a blank line followed a complete row
    for &line in &lines[start..] {
        let line_tabs = line.matches('\t').count();
        let complete = rows.last().is_some_and(|(_, taken)| *taken == tabs);
        if line.is_empty() {
            match rows.last_mut() {
                Some((cells, _)) if !complete => {
                    if let Some(cell) = cells.last_mut() {
                        cell.push(String::new());
                    }
                }
                _ => ended = true,
            }
            continue;
        }
        if ended && line_tabs == 0 {
            outside.push(line);
            continue;
        }
        let fits = rows.last().is_some_and(|(_, taken)| taken + line_tabs <= tabs);
        if rows.is_empty() || ended || (complete && line_tabs > 0) || !fits {
            rows.push((vec![Vec::new()], 0));
        }
        ended = false;
        let Some((cells, taken)) = rows.last_mut() else { continue };
        for (k, piece) in line.split('\t').enumerate() {
            if k > 0 {
                cells.push(Vec::new());
            }
            if let Some(cell) = cells.last_mut() {
                cell.push(piece.to_string());
            }
        }
        *taken += line_tabs;
    }
    let complete = rows.iter().filter(|(_, taken)| *taken == tabs).count();
    if rows.len() < 2 || complete < 2 || complete * 2 < rows.len() {
        return None;
    }

    let columns = tabs + 1;
    let mut table_rows = Vec::with_capacity(rows.len());
    for (index, (cells, _)) in rows.into_iter().enumerate() {
        let found = cells.len();
        let mut cells: Vec<Cell> = cells.into_iter().map(Cell::from_paragraphs).collect();
        if found < columns {
            cells.resize_with(columns, || Cell::from_paragraphs(Vec::new()));
            output.warnings.push(ReadWarning {
                table: 0,
                row: index,
                code: taizhang_model::Code::PaddedRow.into(),
                message: crate::warning_text(taizhang_i18n::msg!(
                    "padded-row",
                    table = 0,
                    row = index,
                    found = found,
                    columns = columns,
                    added = columns - found
                )),
            });
        }
        table_rows.push(Row { header: index == 0, cells, ..Row::default() });
    }
    let mut table = Table::with_rows(0, table_rows);
    table.after = outside_text(&outside);
    output.tables.push(table);
    Some(output)
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

impl<'a> Line<'a> {
    fn text(&self) -> &'a str {
        match *self {
            Line::Cell(text) | Line::Para(text) => text,
        }
    }
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
    let start = lines.iter().position(|line| cell_text(line).is_some())?;
    let mut end = lines.len();
    // The closing paragraph some exporters write after the table: a lone space (Tika).
    while end > start && cell_text(lines[end - 1]).is_none() && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    let mut output = TxtOutput::default();
    let before: Vec<&str> =
        lines[..start].iter().copied().filter(|l| !l.trim().is_empty()).collect();
    output.preamble = outside_text(&before);
    for (segments, after) in split_tables(segments(&lines[start..end])) {
        let index = output.tables.len();
        let mut table = build_table(index, join_continuations(segments), &mut output.warnings)?;
        table.after = outside_text(&after);
        output.tables.push(table);
    }
    Some(output)
}

/// One table's segments, and the text lines that follow it before the next table.
type TablePart<'a> = (Vec<Segment<'a>>, Vec<&'a str>);

/// Splits the segments into tables at the text between them.
///
/// Tika ends a row with one blank line and a table with one more, so paragraphs after two
/// or more blank lines are text after the table, not more paragraphs of its last cell
/// (which one blank line would mean: an empty paragraph, then these). The next cell line
/// starts the next table. At the end of the file, paragraphs after any blank line are taken
/// as text after the table: a note under a table is far more common than a last cell that
/// ends with an empty paragraph followed by more text.
fn split_tables(segments: Vec<Segment<'_>>) -> Vec<TablePart<'_>> {
    let mut parts: Vec<TablePart<'_>> = Vec::new();
    let mut in_text = false;
    for segment in segments {
        let Some((table, after)) = parts.last_mut() else {
            parts.push((vec![segment], Vec::new()));
            continue;
        };
        let text = segment.continues() && (in_text || segment.blanks_before >= 2);
        if !text && !in_text {
            table.push(segment);
            continue;
        }
        // Leading paragraphs are text; a cell line, if any, opens the next table.
        let first_cell = segment.lines.iter().position(|l| matches!(l, Line::Cell(_)));
        let (paragraphs, cells) = segment.lines.split_at(first_cell.unwrap_or(segment.lines.len()));
        after.extend(paragraphs.iter().map(|line| line.text()));
        in_text = cells.is_empty();
        if !cells.is_empty() {
            let opening = Segment { blanks_before: 0, lines: cells.to_vec(), cells: segment.cells };
            parts.push((vec![opening], Vec::new()));
        }
    }
    if let Some((table, after)) = parts.last_mut() {
        let mut end = table.len();
        while end > 1 && table[end - 1].continues() && table[end - 1].cells == 0 {
            end -= 1;
        }
        let notes: Vec<&str> =
            table.drain(end..).flat_map(|s| s.lines).map(|line| line.text()).collect();
        after.splice(0..0, notes);
    }
    parts
}

/// Folds each segment that opens with a paragraph into the one before it: the blank lines
/// between them were empty paragraphs of the same cell.
fn join_continuations(segments: Vec<Segment<'_>>) -> Vec<Segment<'_>> {
    let mut joined: Vec<Segment<'_>> = Vec::with_capacity(segments.len());
    for segment in segments {
        match joined.last_mut() {
            Some(previous) if segment.continues() => {
                previous.lines.extend(std::iter::repeat_n(Line::Para(""), segment.blanks_before));
                previous.lines.extend(segment.lines);
                previous.cells += segment.cells;
            }
            _ => joined.push(segment),
        }
    }
    joined
}

fn build_table(
    index: usize,
    segments: Vec<Segment<'_>>,
    warnings: &mut Vec<ReadWarning>,
) -> Option<Table> {
    let (columns, groups) = column_count(&segments)?;
    // Rows are normally one blank line apart; any blank lines beyond that before a row
    // are empty paragraphs that ended the row before (Tika writes a cell's trailing empty
    // paragraph as a blank line, then the row's own).
    let separator =
        groups.iter().skip(1).map(|g| segments[g.start].blanks_before).min().unwrap_or(1);
    // The empty paragraphs that end row `k`: the blank lines beyond the separator before the
    // next row.
    let extra_after = |k: usize| {
        groups.get(k + 1).map_or(0, |g| segments[g.start].blanks_before.saturating_sub(separator))
    };
    // Only the first two rows decide the header's spans (trailing empty paragraphs do not
    // count there); every row's paragraphs are made into cells as it is reached, so that
    // the paragraphs of all rows are never held beside the cells.
    let first_rows: Vec<Vec<Vec<String>>> =
        groups.iter().take(2).map(|group| row_cells(&segments[group.clone()])).collect();
    let header_spans = header_spans(&first_rows, columns);
    drop(first_rows);
    let mut table_rows = Vec::with_capacity(groups.len());
    for (row_index, group) in groups.iter().enumerate() {
        let mut cells = row_cells(&segments[group.clone()]);
        if let Some(cell) = cells.last_mut() {
            cell.extend(std::iter::repeat_n(String::new(), extra_after(row_index)));
        }
        let found = cells.len();
        let mut cells: Vec<Cell> = cells.into_iter().map(Cell::from_paragraphs).collect();
        if let (0, Some(spans)) = (row_index, &header_spans) {
            for (cell, &span) in cells.iter_mut().zip(spans) {
                cell.span = span;
            }
            let spanning: Vec<String> = cells
                .iter()
                .enumerate()
                .filter(|(_, cell)| cell.span > 1)
                .map(|(k, cell)| {
                    crate::warning_text(taizhang_i18n::msg!(
                        "header-span.cell",
                        cell = k,
                        span = cell.span
                    ))
                })
                .collect();
            warnings.push(ReadWarning {
                table: index,
                row: 0,
                code: taizhang_model::Code::HeaderSpan.into(),
                message: crate::warning_text(taizhang_i18n::msg!(
                    "header-span",
                    table = index,
                    found = found,
                    columns = columns,
                    cells = spanning.join(&crate::warning_text(taizhang_i18n::msg!("sep.list")))
                )),
            });
        } else if found < columns {
            // A cell the file does not have: no paragraphs at all, unlike an empty cell.
            cells.resize_with(columns, || Cell::from_paragraphs(Vec::new()));
            warnings.push(ReadWarning {
                table: index,
                row: row_index,
                code: taizhang_model::Code::PaddedRow.into(),
                message: crate::warning_text(taizhang_i18n::msg!(
                    "padded-row",
                    table = index,
                    row = row_index,
                    found = found,
                    columns = columns,
                    added = columns - found
                )),
            });
        } else if found > columns {
            warnings.push(ReadWarning {
                table: index,
                row: row_index,
                code: taizhang_model::Code::LongRow.into(),
                message: crate::warning_text(taizhang_i18n::msg!(
                    "long-row",
                    table = index,
                    row = row_index,
                    found = found,
                    columns = columns
                )),
            });
        }
        table_rows.push(Row { header: row_index == 0, cells, ..Row::default() });
    }
    Some(Table::with_rows(index, table_rows))
}

/// Spans for a short first row over a full second row whose only texts are sub-headers
/// (`责任单位` over `牵头单位 | 配合单位`): the text gives one cell for a merged header cell,
/// and padding it at the end would shift every header after it. Each run of non-empty
/// cells in the second row must start under a cell of the first, be two or more cells
/// long, and the runs must make up exactly the missing columns; anything else (a data row
/// under a header that lost its last cell) is left to padding.
fn header_spans(rows: &[Vec<Vec<String>>], columns: usize) -> Option<Vec<usize>> {
    let (header, sub) = (rows.first()?, rows.get(1)?);
    if header.len() >= columns || sub.len() != columns {
        return None;
    }
    let filled: Vec<bool> =
        sub.iter().map(|cell| cell.iter().any(|p| !p.trim().is_empty())).collect();
    // Sub-headers are short labels (`牵头单位`), not numbered data (`（1）`, `1. …`).
    let label = |cell: &Vec<String>| {
        let text = cell.join("").trim().to_string();
        text.chars().count() <= 12
            && !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '（' | '(' | '['))
    };
    if sub.iter().zip(&filled).any(|(cell, &f)| f && !label(cell)) {
        return None;
    }
    let mut spans = Vec::with_capacity(header.len());
    let mut at = 0;
    for _ in header {
        let run = filled.get(at..)?.iter().take_while(|&&f| f).count();
        let span = run.max(1);
        spans.push(span);
        at += span;
    }
    // Every sub-header run must sit under exactly one header cell.
    let mut starts = vec![false; columns];
    let mut position = 0;
    for &span in &spans {
        if let Some(start) = starts.get_mut(position) {
            *start = true;
        }
        position += span;
    }
    let runs_aligned = (0..columns).all(|k| !filled[k] || k == 0 || !filled[k - 1] || !starts[k]);
    // Text under a header cell of its own would be data, not a sub-header.
    let lone = (0..columns).any(|k| {
        filled[k]
            && (k == 0 || !filled[k - 1])
            && filled.get(k + 1).is_none_or(|&next| !next || starts.get(k + 1) == Some(&true))
    });
    (at == columns && runs_aligned && !lone && spans.iter().any(|&s| s > 1)).then_some(spans)
}

/// Lines of text outside the tables, as paragraphs: each line as read, blank ones left out.
fn outside_text(lines: &[&str]) -> Vec<String> {
    lines.iter().filter(|line| !line.trim().is_empty()).map(|line| line.to_string()).collect()
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

/// The table's column count, with the rows it gives. Each blank line is either a row's
/// end or an empty paragraph, and both an empty paragraph and a short row are rare, so of
/// the likely counts (the commonest segment sizes, and sums of two neighbouring segments)
/// the one needing the fewest of them wins; then the header's own size (a header rarely
/// holds an empty paragraph), then the larger count.
fn column_count(segments: &[Segment<'_>]) -> Option<(usize, Vec<std::ops::Range<usize>>)> {
    const CANDIDATES: usize = 8;
    let mut seen = BTreeMap::<usize, usize>::new();
    for segment in segments.iter().filter(|s| s.cells > 0) {
        *seen.entry(segment.cells).or_default() += 1;
    }
    for pair in segments.windows(2) {
        *seen.entry(pair[0].cells + pair[1].cells).or_default() += 1;
    }
    let mut candidates: Vec<(usize, usize)> = seen.into_iter().collect();
    candidates.sort_by_key(|&(cells, count)| std::cmp::Reverse((count, cells)));
    let header = segments.first().map_or(0, |s| s.cells);
    candidates
        .into_iter()
        .take(CANDIDATES)
        .map(|(columns, _)| {
            let (groups, cost) = group_rows(segments, columns);
            ((cost, columns != header, std::cmp::Reverse(columns)), columns, groups)
        })
        .min_by_key(|(score, _, _)| *score)
        .map(|(_, columns, groups)| (columns, groups))
}

/// See [`group_rows`].
const MAX_SEGMENTS_PER_ROW: usize = 64;
/// See [`group_rows`].
const LONG_ROW_COST: usize = 4;

/// Groups segments into rows (ranges of segment indices) at the least cost, and returns
/// that cost: one per short row, one per blank line taken as an empty paragraph (a join
/// of segments), [`LONG_ROW_COST`] per row wider than `columns`. No segment opens with a paragraph here (see
/// [`join_continuations`]), so each can start a row.
fn group_rows(segments: &[Segment<'_>], columns: usize) -> (Vec<std::ops::Range<usize>>, usize) {
    let end = segments.len();
    // cost[i]: the least cost of rows covering segments[..i]; from[i]: where the last row
    // of that best grouping starts.
    const NONE: usize = usize::MAX;
    let mut cost = vec![NONE; end + 1];
    let mut from = vec![0; end + 1];
    cost[0] = 0;
    for i in 1..=end {
        let mut cells = 0;
        for j in (0..i).rev() {
            cells += segments[j].cells;
            // A row may span several segments only while it does not grow past the column
            // count; a single segment is always a row on its own. A row of more than
            // MAX_SEGMENTS_PER_ROW segments (a cell with that many empty paragraphs) is not
            // looked for, which keeps this linear on hostile input.
            if j + 1 < i && (cells > columns || i - j > MAX_SEGMENTS_PER_ROW) {
                break;
            }
            if cost[j] == NONE {
                continue;
            }
            // A short row is a dropped trailing cell, common in exports; a long row
            // would mean the exporter invented cells, which none does.
            let odd = match cells.cmp(&columns) {
                std::cmp::Ordering::Less => 1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => LONG_ROW_COST,
            };
            let total = cost[j] + odd + (i - j - 1);
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
    (groups, cost[end])
}

/// The cells of one row, each as its paragraphs.
fn row_cells(segments: &[Segment<'_>]) -> Vec<Vec<String>> {
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
                    // Only the first row of a file can open with a paragraph, and the
                    // reader starts at a cell line; keep the text regardless.
                    None => cells.push(vec![(*text).to_string()]),
                },
            }
        }
    }
    cells
}

/// Reads `lines` as TSV when they look like it: a body of at least two rows with two or
/// more cells each (title lines without a TAB before it and notes after it are kept as text
/// outside the table). Rows shorter than the longest are padded and reported, since some exporters
/// drop trailing empty cells. A first column that is empty on every row with only one TAB
/// per line is the cell-per-line layout, not TSV.
fn read_tsv(lines: &[&str]) -> Option<TxtOutput> {
    // Cheap checks first: most text is not TSV, and building records costs. Lines without
    // a TAB right above or below the rows (no blank line between) are paragraphs of a
    // cell whose line breaks survived (see `read_wrapped_rows`), not a title or a note.
    let first = lines.iter().position(|line| line.contains('\t'));
    let last = lines.iter().rposition(|line| line.contains('\t'));
    let blank = |at: Option<usize>| at.and_then(|at| lines.get(at)).is_none_or(|l| l.is_empty());
    let plain_possible = match (first, last) {
        (Some(first), Some(last)) => {
            first < last
                && lines[first..=last].iter().all(|line| line.contains('\t') || line.is_empty())
                && blank(first.checked_sub(1))
                && blank(Some(last + 1))
        }
        _ => false,
    };
    let filled: Vec<&str> = lines.iter().copied().filter(|line| !line.trim().is_empty()).collect();
    let quoted_possible = filled.iter().any(|line| line.starts_with('"') || line.contains("\t\""));
    let plain: Option<Vec<Vec<String>>> = plain_possible.then(|| {
        filled.iter().map(|line| line.split('\t').map(str::to_string).collect()).collect()
    });
    let exact = plain.as_ref().and_then(|records| TsvBody::find(records, true));
    let (records, body) = match (plain, exact) {
        (Some(records), Some(body)) => (records, body),
        (plain, _) => {
            let quoted = quoted_possible
                .then(|| quoted_tsv(lines))
                .flatten()
                .and_then(|records| TsvBody::find(&records, true).map(|body| (records, body)));
            match quoted {
                Some(found) => found,
                None => {
                    let records = plain?;
                    let body = TsvBody::find(&records, false)?;
                    (records, body)
                }
            }
        }
    };
    let TsvBody { start, end, columns } = body;
    let mut output = TxtOutput::default();
    let text =
        |records: &[Vec<String>]| -> Vec<String> { records.iter().map(|r| r.join("\t")).collect() };
    let before = text(&records[..start]);
    let before: Vec<&str> = before.iter().map(String::as_str).collect();
    output.preamble = outside_text(&before);
    let mut rows = Vec::with_capacity(end - start);
    for (index, fields) in records[start..end].iter().enumerate() {
        let mut cells: Vec<Cell> =
            fields.iter().map(|field| Cell::from_lines(field.to_string())).collect();
        if cells.len() < columns {
            output.warnings.push(ReadWarning {
                table: 0,
                row: index,
                code: taizhang_model::Code::PaddedRow.into(),
                message: crate::warning_text(taizhang_i18n::msg!(
                    "padded-row",
                    table = 0,
                    row = index,
                    found = cells.len(),
                    columns = columns,
                    added = columns - cells.len()
                )),
            });
            cells.resize_with(columns, || Cell::from_paragraphs(Vec::new()));
        }
        rows.push(Row { header: index == 0, cells, ..Row::default() });
    }
    let after = text(&records[end..]);
    let after: Vec<&str> = after.iter().map(String::as_str).collect();
    let mut table = Table::with_rows(0, rows);
    table.after = outside_text(&after);
    output.tables.push(table);
    Some(output)
}

/// Where the table lies among the records of a TSV file.
struct TsvBody {
    start: usize,
    end: usize,
    columns: usize,
}

impl TsvBody {
    /// The run of records with a TAB, if it looks like a table; with `exact`, only when
    /// every row of it has the same number of cells.
    fn find(records: &[Vec<String>], exact: bool) -> Option<TsvBody> {
        let start = records.iter().position(|r| r.len() >= 2)?;
        let end = records.iter().rposition(|r| r.len() >= 2)? + 1;
        let body = &records[start..end];
        let columns = body.iter().map(Vec::len).max()?;
        let full = body.iter().filter(|r| r.len() == columns).count();
        let first_column_empty =
            body.iter().all(|r| r.first().is_none_or(|cell| cell.trim_matches(is_pad).is_empty()));
        let table = body.len() >= 2
            && body.iter().all(|r| r.len() >= 2)
            && if exact { full == body.len() } else { full * 2 >= body.len() }
            && !(first_column_empty && columns == 2);
        table.then_some(TsvBody { start, end, columns })
    }
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
        assert_eq!(out.tables[0].rows[0].cells[0].paragraphs(), ["原文表述", "实施路径"]);
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
        assert_eq!(out.tables[0].rows[1].cells[1].paragraphs(), ["…收回商铺。", ""]);
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
        assert_eq!(out.tables[0].rows[2].cells[2].paragraphs(), Vec::<&str>::new());
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
    fn text_before_and_after_the_table_is_kept_beside_it() {
        let out = read("2020年工作计划\n\n\tA\n\tB\n\n\t1\n\t2\n\n注：以上为计划。\n");
        assert_eq!(texts(&out), [vec!["A", "B"], vec!["1", "2"]]);
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
        assert_eq!(out.preamble, ["2020年工作计划"]);
        assert_eq!(out.tables[0].after, ["注：以上为计划。"]);
    }

    #[test]
    fn text_between_tables_separates_them() {
        // Tika: one blank line after a row, another after the table, then the text.
        let out = read("\tA\n\tB\n\n\t1\n\t2\n\n\n附件2\n说明\n\tX\n\tY\n\tZ\n\n\t7\n\t8\n\t9\n\n");
        assert_eq!(out.tables.len(), 2);
        assert_eq!(texts(&out), [vec!["A", "B"], vec!["1", "2"]]);
        let second: Vec<Vec<&str>> = out.tables[1]
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(second, [vec!["X", "Y", "Z"], vec!["7", "8", "9"]]);
        assert_eq!(out.tables[1].index, 1);
        assert!(out.tables[1].rows[0].header);
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
        assert_eq!(out.tables[0].after, ["附件2", "说明"]);
        assert!(out.preamble.is_empty() && out.tables[1].after.is_empty());
    }

    #[test]
    fn extra_blank_line_before_a_row_is_an_empty_paragraph_of_the_row_before() {
        let out = read("\tA\n\tB\n\n\t1\n\t2\n\n\n\t3\n\t4\n\n\t5\n\t6\n");
        assert_eq!(texts(&out), [vec!["A", "B"], vec!["1", "2\n"], vec!["3", "4"], vec!["5", "6"]]);
        assert!(out.warnings.is_empty());
    }

    #[test]
    fn paragraph_after_a_blank_line_stays_in_its_cell_even_when_cells_follow() {
        let out = read("\tA\n\tB\n\tC\n\n\t1\n\t2\n\nx\n\t3\n\n\t4\n\t5\n\t6\n");
        assert_eq!(
            texts(&out),
            [vec!["A", "B", "C"], vec!["1", "2\n\nx", "3"], vec!["4", "5", "6"]]
        );
        assert!(out.warnings.is_empty());
    }

    #[test]
    fn tsv_with_a_title_and_dropped_trailing_cells() {
        let out = read("2020年重点工作台账\n\n序号\t任务\t牵头单位\t配合单位\n1\t建设学校\t教育局\n2\t建医院\t卫健局\t财政局\n");
        assert_eq!(texts(&out)[0], ["序号", "任务", "牵头单位", "配合单位"]);
        assert_eq!(texts(&out)[1], ["1", "建设学校", "教育局", ""]);
        let codes: Vec<(&str, usize)> =
            out.warnings.iter().map(|w| (w.code.as_str(), w.row)).collect();
        assert_eq!(codes, [("padded-row", 1)]);
        assert_eq!(out.preamble, ["2020年重点工作台账"]);
    }

    #[test]
    fn single_paragraph_cell_lines_are_not_tsv() {
        // Every line has one TAB, but the first column is always empty: cell-per-line.
        let out = read(" \tA\n\tB\n\n\t1\n\t2\n");
        assert_eq!(texts(&out), [vec!["A", "B"], vec!["1", "2"]]);
    }

    #[test]
    fn column_count_survives_rows_split_by_empty_paragraphs() {
        // Three columns; both data rows hold an empty paragraph after their first cell, so
        // segments of 1 and 2 cells are as common as whole rows.
        let out = read("\tA\n\tB\n\tC\n\n\t1\n\n\t2\n\t3\n\n\t4\n\n\t5\n\t6\n\n");
        assert_eq!(
            texts(&out),
            [vec!["A", "B", "C"], vec!["1\n", "2", "3"], vec!["4\n", "5", "6"]]
        );
        assert!(out.warnings.is_empty());
    }

    #[test]
    fn a_short_header_over_sub_headers_spans_them() {
        let out = read(
            "\t序号\n\t任务\n\t责任单位\n\t完成时限\n\n\t\n\t\n\t牵头\n\t配合\n\t\n\n\t1\n\t建校\n\t教育局\n\t财政局\n\t6月底\n\n",
        );
        let header = &out.tables[0].rows[0].cells;
        let shape: Vec<(&str, usize)> = header.iter().map(|c| (c.text.as_str(), c.span)).collect();
        assert_eq!(shape, [("序号", 1), ("任务", 1), ("责任单位", 2), ("完成时限", 1)]);
        assert_eq!(out.warnings.len(), 1);
        assert_eq!(out.warnings[0].code, "header-span");
        // Without sub-headers to go by, a short header row is padded at its end.
        let out = read("\t序号\n\t任务\n\n\t1\n\t建校\n\t教育局\n\n\t2\n\t建医院\n\t卫健局\n\n");
        assert_eq!(out.tables[0].rows[0].cells.len(), 3);
        assert_eq!(out.warnings[0].code, "padded-row");
        // A data row with empty cells is no sub-header row either.
        let out = read("\t序号\n\t任务\n\n\t1\n\t建校\n\t\n\n\t2\n\t建医院\n\t卫健局\n\n");
        assert_eq!(out.tables[0].rows[0].cells.len(), 3);
        assert_eq!(out.warnings[0].code, "padded-row");
    }

    #[test]
    fn rows_whose_cells_break_lines() {
        // Word's plain text: TABs between cells, a line break for each further paragraph.
        let text = "2020年工作台账\n\n原文表述\n实施路径\t目标\t牵头单位\n（1） 推进\t一季度，开工。\n二季度，完工。\t城建局\n交通局\n（2） 建设\t\t教育局\n\n注：以上为计划。\n";
        let out = read(text);
        assert_eq!(
            texts(&out),
            [
                vec!["原文表述\n实施路径", "目标", "牵头单位"],
                vec!["（1） 推进", "一季度，开工。\n二季度，完工。", "城建局\n交通局"],
                vec!["（2） 建设", "", "教育局"],
            ]
        );
        let codes: Vec<(&str, usize)> =
            out.warnings.iter().map(|w| (w.code.as_str(), w.row)).collect();
        assert!(codes.is_empty(), "{codes:?}");
        assert_eq!(out.preamble, ["2020年工作台账"]);
        assert_eq!(out.tables[0].after, ["注：以上为计划。"]);
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
        assert_eq!(out.tables[0].rows[1].cells[1].paragraphs(), ["一季度", "二季度"]);
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
