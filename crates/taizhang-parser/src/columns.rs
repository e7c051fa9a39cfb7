//! Header rows and column roles, decided from the header text, never from positions.

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

pub(crate) use taizhang_lexicon::HeaderRole;
use taizhang_lexicon::Lexicon;

/// The role `header` names, by the words of `lexicon` (`header-words.tsv`).
pub(crate) fn header_role(header: &str, lexicon: &Lexicon) -> Option<HeaderRole> {
    header.lines().rev().find_map(|line| {
        let line: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        line_role(&line, lexicon)
    })
}

fn line_role(line: &str, lexicon: &Lexicon) -> Option<HeaderRole> {
    if let Some(role) = lexicon.header_line_role(line) {
        return Some(role);
    }
    // One column per period (`上半年 | 下半年`, or `一季度` under `进度安排`).
    header_period(line).map(|_| HeaderRole::Sure(ColumnRole::Schedule))
}

/// The period a header names when its last line is nothing but a period label (`一季度`,
/// `第二季度`, `上半年`, `Q3`): the label and its quarters.
pub(crate) fn header_period(header: &str) -> Option<(String, Option<(u8, u8)>)> {
    let line: String = header.lines().last()?.chars().filter(|c| !c.is_whitespace()).collect();
    let chars: Vec<char> = line.chars().collect();
    let period = crate::schedule::period_at(&chars, 0)?;
    (period.len == chars.len()).then_some((line, period.quarters))
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
            t.chars().count() <= 10
                && (header_role(t, lexicon).is_some() || {
                    let chars: Vec<char> = t.chars().collect();
                    crate::schedule::period_at(&chars, 0).is_some_and(|p| p.len == chars.len())
                })
        })
}

/// Finds the header of `table`: the rows flagged `header` by the reader, else the first row
/// (of the first ten) whose cells name at least two column roles. A row right below it that
/// only holds sub-headers is part of it.
pub(crate) fn find_header(table: &Table, lexicon: &Lexicon) -> Option<Header> {
    let rows = &table.rows;
    let flagged = rows
        .iter()
        .position(|r| r.header)
        .map(|first| (first, rows[first..].iter().take_while(|r| r.header).count()));
    // A flagged header that names no roles (a title row marked to repeat on each page) does
    // not hide the real header below it.
    let flagged = flagged.filter(|&(first, count)| {
        rows[first..first + count].iter().map(|r| named_roles(r, lexicon)).sum::<usize>() >= 2
    });
    let (first, mut count) = match flagged {
        Some(found) => found,
        None => (rows.iter().take(10).position(|r| named_roles(r, lexicon) >= 2)?, 1),
    };
    if let Some(next) = rows.get(first + count) {
        if !next.header
            && count == 1
            && is_sub_header(next, lexicon)
            && spans_suggest_sub_header(&rows[first])
        {
            count += 1;
        }
    }
    let width = rows.iter().map(row_width).max().unwrap_or(0);
    let mut headers: Vec<Vec<String>> = vec![Vec::new(); width];
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
    let mut roles: Vec<Option<HeaderRole>> =
        headers.iter().map(|h| header_role(h, lexicon)).collect();
    // 任务 / 内容: the measure column when no header names 措施, else a section column.
    let has_measure = roles.contains(&Some(HeaderRole::Sure(ColumnRole::Measure)));
    if !has_measure {
        if let Some(task) = roles.iter().position(|r| *r == Some(HeaderRole::Task)) {
            roles[task] = Some(HeaderRole::Sure(ColumnRole::Measure));
        }
    }
    let columns: Vec<Column> = headers
        .into_iter()
        .zip(roles)
        .enumerate()
        .map(|(index, (header, role))| Column {
            index,
            header,
            role: role.map_or(ColumnRole::Other, HeaderRole::role),
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
        assert_eq!(roles(&table), [Seq, Section, Measure, Goal, Schedule, Lead, Support, Other]);
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
    fn synonyms_from_the_lexicon() {
        assert_eq!(column_role("协作单位"), ColumnRole::Support);
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
