//! Header rows and column roles, decided from the header text, never from positions.

use taizhang_lexicon::{Lexicon, OfficeList};
use taizhang_model::plan::{Column, ColumnRole};
use taizhang_model::table::{Row, Table, VMerge};

/// The role a header names. A two-row header (`责任单位\n配合`) is read from its last line
/// up: the more specific sub-header decides.
///
/// ```
/// use taizhang_model::plan::ColumnRole;
/// use taizhang_parser::column_role;
/// assert_eq!(column_role("原文表述\n实施路径"), ColumnRole::Section);
/// assert_eq!(column_role("原文表述具体措施"), ColumnRole::Measure);
/// assert_eq!(column_role("2020年工作目标"), ColumnRole::Goal);
/// assert_eq!(column_role("责任单位\n配合"), ColumnRole::Support);
/// ```
pub fn column_role(header: &str) -> ColumnRole {
    header_role(header, taizhang_lexicon::builtin()).map_or(ColumnRole::Other, |r| r.role())
}

/// A role with how sure the header is of it (the lexicon's): a 任务 or 内容 column is the
/// measure column of a table that has none (`序号 | 工作任务 | 目标 …`), else the section
/// column (`重点任务 | 具体措施 | …`); 责任单位 after 牵头单位 is the supporting column; 单位 or
/// 时间 alone names no role: the cells decide.
pub(crate) use taizhang_lexicon::HeaderRole;

pub(crate) fn header_role(header: &str, lexicon: &Lexicon) -> Option<HeaderRole> {
    let mut ambiguous = false;
    let found = header.lines().rev().find_map(|line| {
        let line: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let role = line_role(&line, lexicon);
        if role == Some(HeaderRole::Ambiguous) {
            ambiguous = true;
            return None;
        }
        role
    });
    found.or(ambiguous.then_some(HeaderRole::Ambiguous))
}

fn line_role(line: &str, lexicon: &Lexicon) -> Option<HeaderRole> {
    if line.is_empty() {
        return None;
    }
    // The header words in precedence order (the lexicon's `header-words.tsv`, with the
    // user's `--lexicon` words): `原文表述具体措施` is a measure, `2020年工作目标` a goal,
    // `具体措施及进度安排` a schedule.
    if let Some(r) = lexicon.header_line_role(line) {
        return Some(r);
    }
    // An office named by pattern: `责任` + an office word, or a header ending in one
    // (`责任处室`, `承办科室`, `主管部门`).
    let offices = || lexicon.office_words(OfficeList::Office);
    if offices().any(|w| line.ends_with(w) && line.chars().count() > w.chars().count())
        || (lexicon.office_words(OfficeList::Duty).any(|w| line.contains(w))
            && offices().any(|w| line.contains(w)))
    {
        return Some(HeaderRole::LeadGeneric);
    }
    if header_period(line).is_some() {
        // One column per period (`上半年 | 下半年`, `1月`, or `一季度` under `进度安排`).
        return Some(HeaderRole::Sure(ColumnRole::Schedule));
    }
    None
}

/// The period a header names when its last line is nothing but a period label (`一季度`,
/// `第二季度`, `上半年`, `Q3`): the label and its quarters.
pub(crate) fn header_period(header: &str) -> Option<(String, Option<(u8, u8)>)> {
    let line: String = header.lines().last()?.chars().filter(|c| !c.is_whitespace()).collect();
    let chars: Vec<char> = line.chars().collect();
    if let Some(period) = crate::schedule::period_at(&chars, 0) {
        if period.len == chars.len() {
            return Some((line, period.quarters));
        }
    }
    // A month (`1月`, `一月份`): a column per month.
    let dated = crate::schedule::dated_at(&chars, 0)?;
    (dated.len == chars.len() && dated.start.is_some()).then_some((line, dated.quarters()))
}

/// Grid position of each cell of `row` (`w:gridBefore` and `w:gridSpan` taken into account).
pub(crate) fn grid_positions(row: &Row) -> Vec<usize> {
    let mut at = row.grid_before;
    row.cells
        .iter()
        .map(|cell| {
            let pos = at;
            at += cell.span.max(1);
            pos
        })
        .collect()
}

/// How many grid columns `row` covers.
pub(crate) fn row_width(row: &Row) -> usize {
    row.grid_before + row.cells.iter().map(|c| c.span.max(1)).sum::<usize>() + row.grid_after
}

/// The grid columns of a table whose header rows are `rows[first..first + count]`: its
/// widest row, leaving out rows [`much_wider`] than the header (a stray row of thousands
/// of empty cells would otherwise make every row, and the warnings about the cells they
/// lack, that wide).
fn table_width(rows: &[Row], first: usize, count: usize) -> usize {
    let header = rows[first..first + count].iter().map(row_width).max().unwrap_or(0);
    rows.iter().map(row_width).filter(|&w| !much_wider(w, header)).max().unwrap_or(header)
}

/// A row is much wider than the header when it is this many times as wide…
const WIDE_ROW_FACTOR: usize = 2;
/// …and has at least this many columns more.
const WIDE_ROW_EXTRA: usize = 16;

/// Whether a row `width` grid columns wide is much wider than a header `header` wide:
/// [`WIDE_ROW_FACTOR`] times as wide and [`WIDE_ROW_EXTRA`] columns more.
pub(crate) fn much_wider(width: usize, header: usize) -> bool {
    width > header.saturating_mul(WIDE_ROW_FACTOR).max(header.saturating_add(WIDE_ROW_EXTRA))
}

/// The header rows of a table and the columns they define.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    /// Index of the first header row in the table.
    pub first: usize,
    /// How many rows the header has.
    pub rows: usize,
    pub columns: Vec<Column>,
    /// How many distinct roles other than `other` the header names.
    pub roles: usize,
    /// Each header row's cell texts, to recognize a header repeated on a new page.
    pub repeat_keys: Vec<Vec<String>>,
}

fn key(row: &Row) -> Vec<String> {
    row.cells.iter().map(|c| c.text.chars().filter(|c| !c.is_whitespace()).collect()).collect()
}

/// Whether `row` is the header again (a header repeated on each page of a long table).
///
/// Runs on every data row: the cells are compared with the keys in place, without building
/// the row's own key.
pub(crate) fn is_repeated_header(header: &Header, row: &Row) -> bool {
    fn non_blank(text: &str) -> impl Iterator<Item = char> + '_ {
        text.chars().filter(|c| !c.is_whitespace())
    }
    row.cells.iter().any(|c| non_blank(&c.text).next().is_some())
        && header.repeat_keys.iter().any(|key| {
            key.len() == row.cells.len()
                && key.iter().zip(&row.cells).all(|(k, c)| non_blank(&c.text).eq(k.chars()))
        })
}

/// The longest text (non-blank characters) a header cell has; a longer cell is data.
const HEADER_CELL_MAX_CHARS: usize = 30;
/// The longest text (characters) a sub-header cell (`牵头 | 配合`, `一季度`) has.
const SUB_HEADER_CELL_MAX_CHARS: usize = 10;
/// How many rows from the top of a table are searched for a header no row is flagged as.
const HEADER_SEARCH_ROWS: usize = 10;
/// How many column roles a row must name to be a header.
const HEADER_MIN_ROLES: usize = 2;

/// A header's cells are short: a row with a long text is data, whatever words it holds.
fn short_cells(row: &Row) -> bool {
    row.cells
        .iter()
        .all(|c| c.text.chars().filter(|c| !c.is_whitespace()).count() <= HEADER_CELL_MAX_CHARS)
}

/// The header of a sheet of taizhang's own export: `item | row | …`.
pub(crate) fn is_own_export(row: &Row) -> bool {
    let t: Vec<&str> = row.cells.iter().map(|c| c.text.trim()).collect();
    t.len() > 2 && t[0] == "item" && t[1] == "row"
}

fn named_roles(row: &Row, lexicon: &Lexicon) -> usize {
    let mut roles: Vec<ColumnRole> = row
        .cells
        .iter()
        .filter_map(|c| header_role(&c.text, lexicon))
        .map(HeaderRole::role)
        .filter(|r| *r != ColumnRole::Other)
        .collect();
    roles.sort();
    roles.dedup();
    roles.len()
}

/// Whether a row right under the header continues it (`牵头 | 配合` under a spanning
/// `责任单位`): every non-empty cell is short and names a role or a period.
fn is_sub_header(row: &Row, lexicon: &Lexicon) -> bool {
    let texts: Vec<&str> =
        row.cells.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect();
    !texts.is_empty()
        && texts.iter().all(|t| {
            t.chars().count() <= SUB_HEADER_CELL_MAX_CHARS
                && (header_role(t, lexicon).is_some() || {
                    let chars: Vec<char> = t.chars().collect();
                    crate::schedule::period_at(&chars, 0).is_some_and(|p| p.len == chars.len())
                })
        })
}

/// Finds the header of `table`: the rows flagged `header` by the reader, else the first row
/// (of the first ten) whose cells name at least two column roles. A row right below it that
/// only holds sub-headers is part of it.
#[cfg(test)]
pub(crate) fn find_header(table: &Table, lexicon: &Lexicon) -> Option<Header> {
    find_header_or_first(table, false, lexicon)
}

/// [`find_header`], or with `first_row`, the first row with text when no row names roles
/// (the columns' roles are then named by `--role`).
pub(crate) fn find_header_or_first(
    table: &Table,
    first_row: bool,
    lexicon: &Lexicon,
) -> Option<Header> {
    let rows = &table.rows;
    let flagged = rows
        .iter()
        .position(|r| r.header)
        .map(|first| (first, rows[first..].iter().take_while(|r| r.header).count()));
    // A flagged header that names no roles (a title row marked to repeat on each page) does
    // not hide the real header below it.
    let flagged = flagged.filter(|&(first, count)| {
        rows[first..first + count].iter().map(|r| named_roles(r, lexicon)).sum::<usize>()
            >= HEADER_MIN_ROLES
    });
    let (first, mut count) = match flagged {
        Some(found) => found,
        None => (
            rows.iter()
                .take(HEADER_SEARCH_ROWS)
                .position(|r| named_roles(r, lexicon) >= HEADER_MIN_ROLES && short_cells(r))
                .or_else(|| rows.iter().take(HEADER_SEARCH_ROWS).position(is_own_export))
                .or_else(|| {
                    first_row
                        .then(|| {
                            rows.iter()
                                .position(|r| r.cells.iter().any(|c| !c.text.trim().is_empty()))
                        })
                        .flatten()
                })?,
            1,
        ),
    };
    if let Some(next) = rows.get(first + count) {
        if !next.header
            && count == 1
            && is_sub_header(next, lexicon)
            && (spans_suggest_sub_header(&rows[first]) || fills_header_gaps(&rows[first], next))
        {
            count += 1;
        }
    }
    let width = table_width(rows, first, count);
    let mut headers: Vec<Vec<String>> = vec![Vec::new(); width];
    // A text export keeps no spans: a top cell followed by empty cells above sub-headers
    // (`进度安排 | | | ` over `一季度 | 二季度 | …`) spans them.
    let mut spread: Vec<Option<String>> = vec![None; width];
    if count == 2 && !spans_suggest_sub_header(&rows[first]) {
        let top: Vec<(usize, &str)> = rows[first]
            .cells
            .iter()
            .zip(grid_positions(&rows[first]))
            .map(|(c, p)| (p, c.text.trim()))
            .collect();
        let sub = &rows[first + 1];
        let sub_filled = |p: usize| {
            sub.cells
                .iter()
                .zip(grid_positions(sub))
                .any(|(c, q)| q == p && !c.text.trim().is_empty())
        };
        let mut open: Option<&str> = None;
        for (p, t) in top {
            if !t.is_empty() {
                open = sub_filled(p).then_some(t);
            } else if let Some(o) = open.filter(|_| sub_filled(p)) {
                if let Some(slot) = spread.get_mut(p) {
                    *slot = Some(o.to_string());
                }
            } else {
                open = None;
            }
        }
    }
    for (header, s) in headers.iter_mut().zip(&spread) {
        if let Some(s) = s {
            header.push(s.clone());
        }
    }
    for row in &rows[first..first + count] {
        for (cell, pos) in row.cells.iter().zip(grid_positions(row)) {
            if cell.vmerge == Some(VMerge::Continue) {
                continue;
            }
            let text = cell.text.trim();
            if text.is_empty() {
                continue;
            }
            let end = (pos + cell.span.max(1)).min(width);
            for header in headers.iter_mut().take(end).skip(pos) {
                if header.last().map(String::as_str) != Some(text) {
                    header.push(text.to_string());
                }
            }
        }
    }
    let headers: Vec<String> = headers.into_iter().map(|h| h.join("\n")).collect();
    let own_export = is_own_export(&rows[first]);
    let roles: Vec<Option<HeaderRole>> = headers
        .iter()
        .map(|h| {
            if own_export {
                // taizhang's own items sheet, read back as what it is.
                let role = crate::words::export_columns().iter().find(|(name, _)| name == h);
                return Some(HeaderRole::Sure(match role.map(|r| r.1) {
                    Some("seq") => ColumnRole::Seq,
                    Some("section") => ColumnRole::Section,
                    Some("measure") => ColumnRole::Measure,
                    Some("goal") => ColumnRole::Goal,
                    Some("schedule") => ColumnRole::Schedule,
                    Some("lead") => ColumnRole::Lead,
                    Some("support") => ColumnRole::Support,
                    Some("deadline") => ColumnRole::Deadline,
                    _ => ColumnRole::Other,
                }));
            }
            header_role(h, lexicon)
        })
        .collect();
    let data = &rows[(first + count).min(rows.len())..];
    let decided = resolve_roles(&roles, data);
    let columns: Vec<Column> = headers
        .into_iter()
        .zip(decided)
        .enumerate()
        .map(|(index, (header, (role, by)))| Column {
            index,
            header,
            role,
            by: Some(by.to_string()),
        })
        .collect();
    let mut named: Vec<ColumnRole> =
        columns.iter().map(|c| c.role).filter(|r| *r != ColumnRole::Other).collect();
    named.sort();
    named.dedup();
    Some(Header {
        first,
        rows: count,
        roles: named.len(),
        repeat_keys: rows[first..first + count].iter().map(key).collect(),
        columns,
    })
}

/// Each column's role and how it was decided (`header` or `content`).
fn resolve_roles(roles: &[Option<HeaderRole>], data: &[Row]) -> Vec<(ColumnRole, &'static str)> {
    use ColumnRole::*;
    let is = |r: HeaderRole| roles.contains(&Some(r));
    let has_goal = is(HeaderRole::Sure(Goal));
    let has_measure = is(HeaderRole::Sure(Measure));
    let has_section = is(HeaderRole::Sure(Section));
    let task = roles.iter().position(|r| *r == Some(HeaderRole::Task));
    let content = roles.iter().position(|r| *r == Some(HeaderRole::Content));
    let mut out: Vec<Option<ColumnRole>> = roles
        .iter()
        .map(|r| r.filter(|r| *r != HeaderRole::Ambiguous).map(HeaderRole::role))
        .collect();
    // The text columns, broadest first, fill the levels the table has: without a goal
    // column, `重点任务 | 具体措施` are measure and goal, `事项 | 内容` too; with one, 任务 is
    // the measure where no 措施 column is, else a section above it.
    let mut set = |col: Option<usize>, role: ColumnRole| {
        if let Some(c) = col {
            out[c] = Some(role);
        }
    };
    if !has_goal {
        let measure = roles.iter().position(|r| *r == Some(HeaderRole::Sure(Measure)));
        if has_measure && task.is_some() && !has_section && task < measure {
            set(task, Measure);
            set(measure, Goal);
        } else if task.is_some() && content.is_some() && !has_measure {
            set(task, Measure);
            set(content, Goal);
        } else if has_measure && content.is_some() {
            set(content, Goal);
        } else if !has_measure {
            set(task.or(content), Measure);
        }
    } else if !has_measure {
        set(task.or(content), Measure);
    }
    let mut by: Vec<&'static str> = vec!["header"; roles.len()];
    // The filled cells starting at each grid column, gathered in one pass over the rows (not
    // one pass per column: a header 16,384 columns wide would make that quadratic).
    let mut starting: Vec<Vec<&str>> = vec![Vec::new(); out.len()];
    for row in data {
        // Positions rise with every cell (a span is at least 1): one cell per column.
        for (cell, pos) in row.cells.iter().zip(grid_positions(row)) {
            let text = cell.text.trim();
            if let (Some(column), false) = (starting.get_mut(pos), text.is_empty()) {
                column.push(text);
            }
        }
    }
    // Headers that name no role, or an ambiguous one: the cells decide.
    for (c, role) in out.iter_mut().enumerate() {
        if role.is_none() {
            let cells = std::mem::take(&mut starting[c]);
            match content_role(&cells) {
                Some(r) => {
                    *role = Some(r);
                    by[c] = "content";
                }
                None => *role = Some(Other),
            }
        }
    }
    // Two unit columns and no supporting one named: the first leads, a later one whose
    // header (or content) only says "responsible" supports.
    let has_support = out.contains(&Some(Support));
    if !has_support {
        let mut seen_lead = false;
        for (c, role) in out.iter_mut().enumerate() {
            if *role != Some(Lead) {
                continue;
            }
            let generic = roles[c] != Some(HeaderRole::Sure(Lead));
            if seen_lead && generic {
                *role = Some(Support);
            }
            seen_lead = true;
        }
    }
    out.into_iter().map(|r| r.unwrap_or(Other)).zip(by).collect()
}

/// Share of a column's filled cells that must be row numbers for it to be the number column.
const SEQ_SHARE: f64 = 0.8;
/// Row numbers start at or below this; a column of amounts starts higher.
const SEQ_FIRST_MAX: u32 = 2;
/// Share of the filled cells that must be leaders, deadlines or unit names for a column of
/// that role.
const CONTENT_SHARE: f64 = 0.6;
/// Share of the filled cells that must open with a period or date label for a schedule
/// column.
const SCHEDULE_SHARE: f64 = 0.5;
/// The longest cell (characters) read as a deadline phrase (`2021年6月底前`).
const DEADLINE_MAX_CHARS: usize = 20;

/// The role a column's cells show when its header names none: numbers (seq), persons and
/// titles (leaders), period or date labels at the start (schedule), short deadline phrases
/// (deadline), unit names (lead). Most of the filled cells must agree.
pub(crate) fn content_role(cells: &[&str]) -> Option<ColumnRole> {
    use ColumnRole::*;
    if cells.is_empty() {
        return None;
    }
    let share = |pred: &dyn Fn(&str) -> bool| {
        cells.iter().filter(|c| pred(c)).count() as f64 / cells.len() as f64
    };
    let is_number = |c: &str| {
        let t = c.trim_matches(|c: char| c == '（' || c == '）' || c == '(' || c == ')');
        let t = t.trim_end_matches(['.', '、', '．']);
        !t.is_empty()
            && (t.chars().all(|c| c.is_ascii_digit() || c == '.')
                || crate::text::numeral_value(t).is_some())
    };
    // Row numbers count up from a small number (`1 2 3`, `1 1.1 1.2 2`); amounts do not.
    let numbers: Vec<u32> = cells
        .iter()
        .filter(|c| is_number(c))
        .filter_map(|c| {
            let t =
                c.trim_matches(|c: char| matches!(c, '（' | '）' | '(' | ')' | '.' | '、' | '．'));
            let first = t.split('.').next().unwrap_or_default();
            first.parse::<u32>().ok().or_else(|| crate::text::numeral_value(first))
        })
        .collect();
    let counts_up = numbers.windows(2).all(|w| w[0] <= w[1])
        && numbers.first().is_some_and(|&n| n <= SEQ_FIRST_MAX)
        && numbers.last().is_some_and(|&n| n as usize <= cells.len() + 1);
    if share(&is_number) >= SEQ_SHARE && counts_up {
        return Some(Seq);
    }
    let pieces = |c: &str| crate::agencies::split_units(c);
    let all_leaders = |c: &str| {
        let p = pieces(c);
        !p.is_empty() && p.iter().all(|p| crate::agencies::is_leader(p))
    };
    if share(&all_leaders) >= CONTENT_SHARE {
        return Some(Leaders);
    }
    let opens_with_period = |c: &str| {
        let chars: Vec<char> = c.chars().collect();
        crate::schedule::period_at(&chars, 0).is_some()
            || crate::schedule::dated_at(&chars, 0).is_some_and(|d| d.len < chars.len())
    };
    let deadline = |c: &str| {
        c.chars().count() <= DEADLINE_MAX_CHARS && !crate::text::deadlines(c, None, true).is_empty()
    };
    if share(&deadline) >= CONTENT_SHARE {
        return Some(Deadline);
    }
    if share(&opens_with_period) >= SCHEDULE_SHARE {
        return Some(Schedule);
    }
    let all_units = |c: &str| {
        let p = pieces(c);
        !p.is_empty() && p.iter().all(|p| crate::agencies::is_unit_name(p))
    };
    if share(&all_units) >= CONTENT_SHARE {
        return Some(Lead);
    }
    None
}

/// Whether the sub-header row's cells stand under empty cells of the top row, next to a
/// filled one (`进度安排 | | |` over `一季度 | 二季度 | 三季度`): the layout of a spanning
/// header in a text export.
fn fills_header_gaps(top: &Row, sub: &Row) -> bool {
    let top_at: Vec<(usize, bool)> = top
        .cells
        .iter()
        .zip(grid_positions(top))
        .map(|(c, p)| (p, c.text.trim().is_empty()))
        .collect();
    sub.cells.iter().zip(grid_positions(sub)).any(|(c, p)| {
        p > 0 && !c.text.trim().is_empty() && top_at.iter().any(|&(q, empty)| q == p && empty)
    })
}

/// A one-row header with a cell spanning several columns, or a vertical merge, announces a
/// second header row below it.
fn spans_suggest_sub_header(row: &Row) -> bool {
    row.cells.iter().any(|c| c.span > 1 || c.vmerge == Some(VMerge::Restart))
}

#[cfg(test)]
mod tests {
    use super::*;
    use taizhang_model::table::Cell;

    fn row(texts: &[&str]) -> Row {
        Row {
            cells: texts.iter().map(|t| Cell::from_paragraphs(vec![t.to_string()])).collect(),
            ..Row::default()
        }
    }

    fn roles(table: &Table) -> Vec<ColumnRole> {
        find_header(table, taizhang_lexicon::builtin())
            .expect("a header")
            .columns
            .iter()
            .map(|c| c.role)
            .collect()
    }

    #[test]
    fn seed_header() {
        let mut header = row(&[
            "",
            "原文表述具体措施",
            "2020年工作目标",
            "季度进度安排",
            "牵头单位",
            "配合单位",
        ]);
        header.cells[0] = Cell::from_paragraphs(vec!["原文表述".into(), "实施路径".into()]);
        header.header = true;
        let table = Table { rows: vec![header], ..Table::default() };
        use ColumnRole::*;
        assert_eq!(roles(&table), [Section, Measure, Goal, Schedule, Lead, Support]);
    }

    #[test]
    fn other_layouts() {
        use ColumnRole::*;
        let table = Table {
            rows: vec![
                row(&["2021年重点民生实事任务分解表", "", "", "", "", "", ""]),
                row(&[
                    "序号",
                    "工作任务",
                    "年度目标",
                    "时间节点",
                    "责任单位",
                    "协办单位",
                    "完成时限",
                ]),
                row(&["1", "推进建设", "完成", "一季度，启动", "局", "局", "6月底前"]),
            ],
            ..Table::default()
        };
        let header = find_header(&table, taizhang_lexicon::builtin()).expect("a header");
        assert_eq!(header.first, 1);
        assert_eq!(header.rows, 1);
        assert_eq!(roles(&table), [Seq, Measure, Goal, Schedule, Lead, Support, Deadline]);

        let table = Table {
            rows: vec![
                row(&[
                    "序号",
                    "重点任务",
                    "具体措施",
                    "工作目标",
                    "进度安排",
                    "牵头部门",
                    "配合部门",
                    "备注",
                ]),
                row(&["1", "稳增长", "1. 推进", "完成", "全年推进", "局", "", ""]),
            ],
            ..Table::default()
        };
        assert_eq!(roles(&table), [Seq, Section, Measure, Goal, Schedule, Lead, Support, Remarks]);
    }

    #[test]
    fn two_row_header_with_spanning_cell() {
        use ColumnRole::*;
        let mut top = row(&["序号", "工作内容", "目标", "责任单位"]);
        top.cells[3].span = 2;
        let table = Table {
            rows: vec![
                top,
                row(&["", "", "", "牵头", "配合"]),
                row(&["1", "推进", "完成", "局", "办"]),
            ],
            ..Table::default()
        };
        let header = find_header(&table, taizhang_lexicon::builtin()).expect("a header");
        assert_eq!(header.rows, 2);
        assert_eq!(header.columns[3].header, "责任单位\n牵头");
        assert_eq!(header.columns[4].header, "责任单位\n配合");
        assert_eq!(roles(&table), [Seq, Measure, Goal, Lead, Support]);
    }

    #[test]
    fn a_flagged_title_row_is_not_the_header() {
        use ColumnRole::*;
        let mut title = row(&["2021年民生实事"]);
        title.header = true;
        title.cells[0].span = 3;
        let table = Table {
            rows: vec![title, row(&["序号", "工作任务", "牵头单位"]), row(&["1", "推进", "局"])],
            ..Table::default()
        };
        let header = find_header(&table, taizhang_lexicon::builtin()).expect("a header");
        assert_eq!((header.first, header.rows), (1, 1));
        assert_eq!(roles(&table), [Seq, Measure, Lead]);
    }

    #[test]
    fn second_unit_column_supports_and_content_decides() {
        use ColumnRole::*;
        let table = Table {
            rows: vec![
                row(&["项", "事项", "内容", "单位", "时点", "责任单位", "督办"]),
                row(&["1", "建设", "建成公园", "市林业局", "6月底前", "市财政局", "副市长 张三"]),
                row(&["2", "整治", "整治河涌", "市水务局、市生态环境局", "年底前", "", "市长"]),
            ],
            ..Table::default()
        };
        assert_eq!(roles(&table), [Seq, Measure, Goal, Lead, Deadline, Support, Leaders]);
        let header = find_header(&table, taizhang_lexicon::builtin()).expect("a header");
        let by: Vec<&str> = header.columns.iter().map(|c| c.by.as_deref().unwrap()).collect();
        assert_eq!(by, ["content", "header", "header", "content", "content", "header", "content"]);
        // A support column named: 责任单位 after 牵头单位 stays a lead column then.
        let table = Table {
            rows: vec![row(&["工作任务", "牵头单位", "责任单位", "配合单位"])],
            ..Table::default()
        };
        assert_eq!(roles(&table), [Measure, Lead, Lead, Support]);
        assert_eq!(column_role("责任处室"), Lead);
        assert_eq!(column_role("市领导"), Leaders);
        assert_eq!(column_role("具体措施及进度安排"), Schedule);
        assert_eq!(column_role("进展情况"), Progress);
    }

    #[test]
    fn no_header() {
        let table =
            Table { rows: vec![row(&["甲", "乙"]), row(&["丙", "丁"])], ..Table::default() };
        let lexicon = taizhang_lexicon::builtin();
        assert!(find_header(&table, lexicon).is_none());
        assert!(find_header(&Table::default(), lexicon).is_none());
    }
}
