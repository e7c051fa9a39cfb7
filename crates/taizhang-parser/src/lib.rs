//! Structures plan tables: the second stage of reader → parser → emit/diff.
//!
//! [`Parser::parse_tables`] picks the plan table of a document, decides each column's role
//! from its header text ([`column_role`]), and turns every data row into an
//! [`Item`]: section and measure (inherited downward, as merged cells
//! mean), goal points ([`goal_points`]), schedule milestones ([`parse_schedule`]), lead and
//! supporting units ([`split_units`]), documents, deadlines, quantities and a fingerprint.
//! Oddities are kept visible as warnings beside the plan, never silently fixed.
//!
//! ```
//! use taizhang_model::table::{Cell, Row, Source, Format, Table, Tables, TABLES_SCHEMA};
//! let row = |texts: &[&str], header: bool| Row {
//!     header,
//!     cells: texts.iter().map(|t| Cell::from_paragraphs(vec![t.to_string()])).collect(),
//!     ..Row::default()
//! };
//! let table = Table {
//!     rows: vec![
//!         row(&["序号", "工作任务", "2021年工作目标", "进度安排", "牵头单位", "配合单位"], true),
//!         row(&["1", "建设碧道", "建成碧道6.6公里", "上半年，完成设计。下半年，完成建设。", "水务局", "东城、南城街道"], false),
//!     ],
//!     ..Table::default()
//! };
//! let source = Source { file: "plan.txt".into(), format: Format::Txt, sha256: String::new(), encoding: None, table: None };
//! let tables = Tables { schema: TABLES_SCHEMA.into(), source, tables: vec![table], ..Tables::default() };
//! let plan = taizhang_parser::Parser::new().parse_tables(&tables, None).unwrap().value;
//! assert_eq!(plan.year, Some(2021));
//! let item = &plan.items[0];
//! assert_eq!(item.seq, Some(1));
//! assert_eq!(item.schedule.len(), 2);
//! assert_eq!(item.support, ["东城街道", "南城街道"]);
//! ```

pub mod agencies;
mod columns;
pub mod identity;
pub mod quantity;
pub mod schedule;
pub mod text;
mod words;

pub use columns::column_role;
pub use schedule::parse_schedule;
pub use taizhang_i18n::Lang;

pub use agencies::split_units;
use taizhang_i18n::tr;
pub use text::goal_points;

use taizhang_model::plan::{
    Column, ColumnRole, Deadline, Goal, Heading, Item, Measure, Milestone, Warning, PLAN_SCHEMA,
};
use taizhang_model::table::{Cell, ReadWarning, Row, VMerge};
use taizhang_model::{Code, Parsed, Plan, Tables};

use columns::Header;

/// Why no plan could be built from the tables: what went wrong, and in which table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// `--table` names a table the document does not have.
    NoSuchTable {
        /// The table asked for (0-based).
        table: usize,
        /// How many tables the document has.
        tables: usize,
    },
    /// The table asked for has no row that names a column role.
    NoHeader {
        /// The table asked for (0-based).
        table: usize,
    },
    /// No table has a header naming at least two column roles.
    NoPlanTable {
        /// How many tables the document has.
        tables: usize,
    },
    /// The table is a sheet of taizhang's own export (`items`, `milestones`, `quantities`).
    OwnExport { table: usize, sheet: String },
    /// `--role` names a column the table does not have.
    NoSuchColumn {
        table: usize,
        /// The column as given.
        column: String,
        /// The table's columns, `index `header``, comma-separated.
        columns: String,
    },
    /// The best candidate table's confidence is below the threshold.
    NotAPlan {
        table: usize,
        /// The confidence, in hundredths.
        confidence: u32,
    },
}

impl ParseError {
    /// What went wrong, as a message of the catalogue (in no language yet).
    pub fn message(&self) -> taizhang_i18n::Msg {
        use taizhang_i18n::{msg, Msg};
        match *self {
            ParseError::NoSuchTable { table, tables } => {
                let m = if tables == 1 {
                    Msg::new("parse.no-such-table.one")
                } else {
                    Msg::new("parse.no-such-table")
                };
                m.with("index", table).with("count", tables)
            }
            ParseError::NoHeader { table } => msg!("parse.no-header", index = table),
            ParseError::NoPlanTable { tables } => {
                let m = if tables == 1 {
                    Msg::new("parse.no-plan-table.one")
                } else {
                    Msg::new("parse.no-plan-table")
                };
                m.with("count", tables)
            }
            ParseError::OwnExport { table, ref sheet } => {
                msg!("parse.own-export", index = table, sheet = sheet)
            }
            ParseError::NoSuchColumn { table, ref column, ref columns } => {
                msg!("parse.no-such-column", index = table, column = column, columns = columns)
            }
            ParseError::NotAPlan { table, confidence } => msg!(
                "parse.not-a-plan",
                index = table,
                confidence = format!("{}.{:02}", confidence / 100, confidence % 100),
                threshold = MIN_CONFIDENCE
            ),
        }
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        self.message().render(lang)
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for ParseError {}

/// Turns tables into plans. Build one per process and share it: it holds what is costly to
/// build (dictionaries, compiled patterns).
#[derive(Debug)]
pub struct Parser {
    lexicon: std::borrow::Cow<'static, taizhang_lexicon::Lexicon>,
    /// The quantity extractor over the lexicon's units.
    extractor: quantity::Extractor,
    /// The language of warning messages (codes stay the same).
    lang: Lang,
}

impl Default for Parser {
    fn default() -> Parser {
        Parser::new()
    }
}

impl Parser {
    /// A parser with the built-in lexicon.
    pub fn new() -> Parser {
        Parser {
            lexicon: std::borrow::Cow::Borrowed(taizhang_lexicon::builtin()),
            extractor: quantity::Extractor::new(),
            lang: Lang::En,
        }
    }

    /// A parser that knows the words of `lexicon` (the built-in one extended by a lexicon
    /// file: [`taizhang_lexicon::Lexicon::extended`]).
    pub fn with_lexicon(lexicon: taizhang_lexicon::Lexicon) -> Parser {
        let extractor = quantity::Extractor::of(&lexicon);
        Parser { lexicon: std::borrow::Cow::Owned(lexicon), extractor, lang: Lang::En }
    }

    /// A parser with the built-in lexicon whose warnings are written in `lang`.
    pub fn with_lang(lang: Lang) -> Parser {
        Parser::new().in_lang(lang)
    }

    /// The same parser, its warnings written in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Parser {
        self.lang = lang;
        self
    }

    /// The words this parser knows.
    pub fn lexicon(&self) -> &taizhang_lexicon::Lexicon {
        &self.lexicon
    }

    /// Builds the plan from `tables`: table `table` when given, else the one that looks
    /// like a plan table (its header names the most column roles; on a tie, the one with
    /// the most rows; on a tie again, the first).
    pub fn parse_tables(
        &self,
        tables: &Tables,
        table: Option<usize>,
    ) -> Result<Parsed<Plan>, ParseError> {
        self.parse_tables_with(tables, table, &[])
    }

    /// [`Parser::parse_tables`] with the roles of some columns named (`--role COLUMN=ROLE`):
    /// they override what the header and the content say (`by: option`), and the table is
    /// read even when it looks like no plan.
    pub fn parse_tables_with(
        &self,
        tables: &Tables,
        table: Option<usize>,
        roles: &[RoleOverride],
    ) -> Result<Parsed<Plan>, ParseError> {
        let (index, header, title) = self.choose_with_title(tables, table, roles)?;
        let read_warnings: Vec<&ReadWarning> =
            tables.warnings.iter().filter(|w| w.table == index).collect();
        let mut source = tables.source.clone();
        source.table = Some(index);
        let rows = Rows::Borrowed(&tables.tables[index].rows);
        self.finish(
            rows,
            header,
            &title,
            &read_warnings,
            source,
            table.is_none() && roles.is_empty(),
        )
    }

    /// [`Parser::parse_tables_with`] on tables it may consume: each row's texts move into
    /// the plan as it is read and the row is dropped, and the other tables go before the
    /// rows are read, so the tables and the plan are never both whole in memory.
    pub fn parse_tables_owned(
        &self,
        mut tables: Tables,
        table: Option<usize>,
        roles: &[RoleOverride],
    ) -> Result<Parsed<Plan>, ParseError> {
        let (index, header, title) = self.choose_with_title(&tables, table, roles)?;
        let own_warnings: Vec<ReadWarning> =
            std::mem::take(&mut tables.warnings).into_iter().filter(|w| w.table == index).collect();
        let read_warnings: Vec<&ReadWarning> = own_warnings.iter().collect();
        let mut source = std::mem::take(&mut tables.source);
        source.table = Some(index);
        let rows = Rows::Owned(std::mem::take(&mut tables.tables[index].rows));
        drop(tables);
        self.finish(
            rows,
            header,
            &title,
            &read_warnings,
            source,
            table.is_none() && roles.is_empty(),
        )
    }

    /// The table to read, its header and the title above it: what the borrowed and the
    /// owned parse both need before they read the rows.
    fn choose_with_title(
        &self,
        tables: &Tables,
        table: Option<usize>,
        roles: &[RoleOverride],
    ) -> Result<(usize, Header, Vec<String>), ParseError> {
        let (index, header) = self.choose_table(tables, table, roles)?;
        let above = &tables.tables[index].rows[..header.first];
        let title = identity::title_of(tables.text_before(index), above);
        Ok((index, header, title))
    }

    /// The plan from the rows of the chosen table; `guessed` when no table or role was
    /// named, so that a table that looks like no plan is refused.
    fn finish(
        &self,
        rows: Rows<'_>,
        header: Header,
        title: &[String],
        read_warnings: &[&ReadWarning],
        source: taizhang_model::Source,
        guessed: bool,
    ) -> Result<Parsed<Plan>, ParseError> {
        let index = source.table.unwrap_or(0);
        let mut plan = build_plan(rows, header, title, read_warnings, source, self);
        identity::identify(&mut plan, title);
        let confidence = plan.confidence.unwrap_or(0.0);
        if guessed && confidence < MIN_CONFIDENCE {
            return Err(ParseError::NotAPlan {
                table: index,
                confidence: (confidence * 100.0).round() as u32,
            });
        }
        let diagnostics = plan.warnings.clone();
        Ok(Parsed { value: plan, diagnostics })
    }

    /// The table to read (`table`, else the one that looks most like a plan table) and its
    /// header, with the roles `roles` names applied.
    fn choose_table(
        &self,
        tables: &Tables,
        table: Option<usize>,
        roles: &[RoleOverride],
    ) -> Result<(usize, Header), ParseError> {
        let (index, header) = match table {
            Some(index) => {
                let t = tables
                    .tables
                    .get(index)
                    .ok_or(ParseError::NoSuchTable { table: index, tables: tables.tables.len() })?;
                let header = columns::find_header_or_first(t, !roles.is_empty(), &self.lexicon)
                    .ok_or(ParseError::NoHeader { table: index })?;
                (index, header)
            }
            None => {
                let mut best: Option<(usize, Header)> = None;
                for (i, t) in tables.tables.iter().enumerate() {
                    let Some(h) =
                        columns::find_header_or_first(t, !roles.is_empty(), &self.lexicon)
                    else {
                        continue;
                    };
                    if h.roles < 2 && roles.is_empty() {
                        continue;
                    }
                    let better = best.as_ref().is_none_or(|(b, bh)| {
                        (h.roles, t.rows.len()) > (bh.roles, tables.tables[*b].rows.len())
                    });
                    if better {
                        best = Some((i, h));
                    }
                }
                best.ok_or(ParseError::NoPlanTable { tables: tables.tables.len() })?
            }
        };
        if let Some(sheet) = own_export(&header) {
            if table.is_none() || sheet != "items" {
                return Err(ParseError::OwnExport { table: index, sheet: sheet.to_string() });
            }
        }
        let mut header = header;
        for o in roles {
            let column = match &o.column {
                ColumnRef::Index(i) => header.columns.get_mut(*i),
                ColumnRef::Header(h) => {
                    let h: String = h.chars().filter(|c| !c.is_whitespace()).collect();
                    header.columns.iter_mut().find(|c| {
                        c.header.chars().filter(|c| !c.is_whitespace()).eq(h.chars())
                            || c.header.lines().any(|l| l.trim() == h)
                    })
                }
            };
            let Some(column) = column else {
                return Err(ParseError::NoSuchColumn {
                    table: index,
                    column: o.column.to_string(),
                    columns: header
                        .columns
                        .iter()
                        .map(|c| format!("{} `{}`", c.index, c.header.replace('\n', " ")))
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            };
            column.role = o.role;
            column.by = Some("option".into());
        }
        Ok((index, header))
    }
}

/// The rows a plan is built from: borrowed (their texts copied into the plan), or owned
/// (each row's texts moved into the plan and the rest of the row dropped once it is read).
enum Rows<'a> {
    Borrowed(&'a [Row]),
    Owned(Vec<Row>),
}

impl Rows<'_> {
    fn all(&self) -> &[Row] {
        match self {
            Rows::Borrowed(rows) => rows,
            Rows::Owned(rows) => rows,
        }
    }

    /// The texts of row `k`'s cells, for the plan; an owned row gives its cells up.
    fn texts(&mut self, k: usize) -> Vec<String> {
        match self {
            Rows::Borrowed(rows) => rows
                .get(k)
                .map_or_else(Vec::new, |r| r.cells.iter().map(|c| c.text.clone()).collect()),
            Rows::Owned(rows) => rows.get_mut(k).map_or_else(Vec::new, |r| {
                // Collected into a vector of its own size: `into_iter().map().collect()`
                // would reuse the cells' allocation, four times what the texts need, and
                // keep it for the plan's life.
                let cells = std::mem::take(&mut r.cells);
                let mut texts = Vec::with_capacity(cells.len());
                texts.extend(cells.into_iter().map(|c| c.text));
                texts
            }),
        }
    }
}

/// Which column a `--role` names: its 0-based index or its header text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRef {
    Index(usize),
    Header(String),
}

impl std::fmt::Display for ColumnRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ColumnRef::Index(i) => write!(f, "{i}"),
            ColumnRef::Header(h) => f.write_str(h),
        }
    }
}

/// A column's role named by the user (`--role 5=leaders`, `--role 督办=leaders`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleOverride {
    pub column: ColumnRef,
    pub role: ColumnRole,
}

/// Below this confidence a table picked by default is refused rather than read as a plan.
const MIN_CONFIDENCE: f64 = 0.5;

/// The sheet of taizhang's own export a header is (`items`, `milestones`, `quantities`):
/// its first columns are `item | row`.
fn own_export(header: &Header) -> Option<&'static str> {
    let names: Vec<&str> = header.columns.iter().map(|c| c.header.trim()).collect();
    match names.as_slice() {
        ["item", "row", "seq", ..] => Some("items"),
        ["item", "row", "milestone", ..] => Some("milestones"),
        ["item", "row", "source", ..] => Some("quantities"),
        _ => None,
    }
}

/// The column of each role that a row's item reads from.
struct Layout {
    width: usize,
    seq: Option<usize>,
    /// Section columns, outermost first (`类别 | 重点任务 | 具体措施`).
    sections: Vec<usize>,
    measure: Option<usize>,
    goal: Option<usize>,
    schedule: Vec<usize>,
    lead: Vec<usize>,
    support: Vec<usize>,
    deadline: Vec<usize>,
    leaders: Vec<usize>,
    /// Schedule columns whose header is a period label, with that label and its quarters.
    periods: std::collections::BTreeMap<usize, (String, Option<(u8, u8)>)>,
    /// Unit columns whose header notes that the first unit listed leads.
    first_leads: Vec<usize>,
    /// A schedule column that holds the goal too (`具体措施及进度安排`) in a table without a
    /// goal column: the text before its first period label is the goal.
    goal_in_schedule: Option<usize>,
}

impl Layout {
    fn new(columns: &[Column], lexicon: &taizhang_lexicon::Lexicon) -> Layout {
        let all = |role: ColumnRole| -> Vec<usize> {
            columns.iter().filter(|c| c.role == role).map(|c| c.index).collect()
        };
        let first = |role: ColumnRole| all(role).first().copied();
        Layout {
            width: columns.len(),
            seq: first(ColumnRole::Seq),
            sections: all(ColumnRole::Section),
            measure: first(ColumnRole::Measure).or(first(ColumnRole::Task)),
            goal: first(ColumnRole::Goal),
            schedule: all(ColumnRole::Schedule),
            lead: all(ColumnRole::Lead),
            support: all(ColumnRole::Support),
            deadline: all(ColumnRole::Deadline),
            leaders: all(ColumnRole::Leaders),
            first_leads: columns
                .iter()
                .filter(|c| matches!(c.role, ColumnRole::Lead | ColumnRole::Support))
                .filter(|c| {
                    let h: String = c.header.chars().filter(|c| !c.is_whitespace()).collect();
                    words::connectives(lexicon, "first-leads").any(|w| h.contains(w))
                })
                .map(|c| c.index)
                .collect(),
            goal_in_schedule: if first(ColumnRole::Goal).is_some() {
                None
            } else {
                columns
                    .iter()
                    .filter(|c| c.role == ColumnRole::Schedule)
                    .find(|c| {
                        use taizhang_lexicon::HeaderRole::{Content, Sure, Task};
                        taizhang_lexicon::builtin().header_words().iter().any(|w| {
                            matches!(
                                w.role,
                                Sure(ColumnRole::Measure | ColumnRole::Goal) | Content | Task
                            ) && c.header.contains(&w.word)
                        })
                    })
                    .map(|c| c.index)
            },
            periods: columns
                .iter()
                .filter(|c| c.role == ColumnRole::Schedule)
                .filter_map(|c| columns::header_period(&c.header).map(|p| (c.index, p)))
                .collect(),
        }
    }
}

/// One row's cells by grid column: the cell starting at each column, if any.
struct GridRow<'a> {
    cells: Vec<Option<&'a Cell>>,
}

impl<'a> GridRow<'a> {
    fn new(row: &'a Row, width: usize) -> GridRow<'a> {
        let mut cells = vec![None; width.max(columns::row_width(row))];
        for (cell, pos) in row.cells.iter().zip(columns::grid_positions(row)) {
            if let Some(slot) = cells.get_mut(pos) {
                *slot = Some(cell);
            }
        }
        GridRow { cells }
    }

    fn text(&self, col: Option<usize>) -> &'a str {
        col.and_then(|c| self.cells.get(c).copied().flatten()).map_or("", |c| c.text.as_str())
    }

    fn cell(&self, col: usize) -> Option<&'a Cell> {
        self.cells.get(col).copied().flatten()
    }
}

fn warning(row: usize, column: Option<usize>, code: Code, message: String) -> Warning {
    Warning { row: Some(row), column, code: code.into(), message }
}

/// Tables narrower than this many columns have no heading rows: their lone cells are data.
const HEADING_MIN_COLUMNS: usize = 3;
/// A lone cell spanning more than one part in this many of the table's columns (more than
/// half) is a heading across the table.
const HEADING_SPAN_PARTS: usize = 2;

/// A heading row: one text across the table (`一、稳增长`), nothing in the goal, schedule or
/// unit columns.
fn heading_of(row: &Row, grid: &GridRow, layout: &Layout) -> Option<String> {
    let filled: Vec<&Cell> = row.cells.iter().filter(|c| !c.text.trim().is_empty()).collect();
    let [cell] = filled.as_slice() else { return None };
    // A bare number (`（2） `) under a merge is a row number, not a heading.
    if layout.width < HEADING_MIN_COLUMNS || text::heading_text(&cell.text).1.is_empty() {
        return None;
    }
    let content_cols =
        layout.goal.iter().chain(&layout.schedule).chain(&layout.lead).chain(&layout.support);
    let spans_the_table = cell.span * HEADING_SPAN_PARTS > layout.width || row.cells.len() == 1;
    let numbered_heading = {
        let t = cell.text.trim();
        let chars: Vec<char> = t.chars().collect();
        let han_list = chars.iter().take_while(|&&c| taizhang_lexicon::is_small_numeral(c)).count();
        let bracketed =
            chars.iter().skip(1).take_while(|&&c| taizhang_lexicon::is_small_numeral(c)).count();
        (han_list > 0
            && chars.get(han_list).is_some_and(|&c| taizhang_lexicon::is_list_after_han(c)))
            || (chars.first().is_some_and(|&c| taizhang_lexicon::is_list_open(c))
                && bracketed > 0
                && chars.get(1 + bracketed).is_some_and(|&c| taizhang_lexicon::is_list_close(c)))
            || taizhang_lexicon::is_part_heading(t)
    };
    let in_content_col =
        content_cols.into_iter().any(|&c| grid.cell(c).is_some_and(|g| std::ptr::eq(g, *cell)));
    (spans_the_table || (numbered_heading && !in_content_col)).then(|| cell.text.clone())
}

/// What every row of one table reads with: its layout, the plan's year, the language.
struct RowContext<'a> {
    layout: &'a Layout,
    year: Option<i32>,
    lang: Lang,
    /// Reads quantities with the parser's units.
    extractor: &'a quantity::Extractor,
    /// The parser's words (connectives of unit cells).
    lexicon: &'a taizhang_lexicon::Lexicon,
}

/// One data row: its cells, the cell at each grid column, its number among the data rows.
struct DataRow<'a> {
    row: &'a Row,
    grid: GridRow<'a>,
    no: usize,
}

/// What rows carry down to the rows below them.
struct Carried {
    /// The current heading of each section column, after the heading rows' own at 0; a new
    /// one clears the columns inside it.
    sections: Vec<Option<String>>,
    /// The last measure with text: rows under it (merged or empty cells) carry it.
    last_measure: Option<Measure>,
    /// The texts the previous item read in each column, for merged cells below it.
    above: Vec<String>,
}

fn build_plan(
    rows: Rows<'_>,
    header: Header,
    title: &[String],
    read_warnings: &[&ReadWarning],
    source: taizhang_model::Source,
    parser: &Parser,
) -> Plan {
    let lang = parser.lang;
    let layout = Layout::new(&header.columns, &parser.lexicon);
    let mut warnings: Vec<Warning> = Vec::new();
    let data_start = header.first + header.rows;
    let (year, year_source) = find_year(&header, title, &source, lang, &mut warnings);
    let ctx = RowContext {
        layout: &layout,
        year,
        lang,
        extractor: &parser.extractor,
        lexicon: &parser.lexicon,
    };
    let (items, headings) = read_rows(&ctx, rows, &header, &mut warnings);

    warnings.extend(reader_warnings(read_warnings, data_start));
    // Row order, the order found within a row: stable, so the same input gives the same list.
    warnings.sort_by_key(|w| w.row.unwrap_or(0));
    let warnings = fold_repeats(warnings, lang);

    let confidence = confidence(&header.columns, &items);
    Plan {
        schema: PLAN_SCHEMA.into(),
        source,
        year,
        year_source: year_source.map(String::from),
        confidence: Some(confidence),
        columns: header.columns,
        items,
        headings,
        warnings,
        title: None,
        issuer: None,
        issuer_source: None,
    }
}

/// The year: from the header (`2020年工作目标`), else the title above the table, else
/// (flagged) the file name ([`identity::year_of`]). With it, where it was found (`header`,
/// `title`, `file-name`).
fn find_year(
    header: &Header,
    title: &[String],
    source: &taizhang_model::Source,
    lang: Lang,
    warnings: &mut Vec<Warning>,
) -> (Option<i32>, Option<&'static str>) {
    let found = identity::year_of(&header.columns, title, &source.file);
    if let Some((year, identity::Origin::FileName)) = found {
        let name = identity::file_name(&source.file);
        warnings.push(Warning {
            row: None,
            column: None,
            code: Code::YearFromFileName.into(),
            message: tr!(lang, "year-from-file-name", year = year, name = name),
        });
    }
    (found.map(|(y, _)| y), found.map(|(_, origin)| origin.as_str()))
}

/// The items and heading rows of the data rows below the header, in row order; the rows'
/// warnings (repeated headers, missing cells, rows much wider than the header) go to
/// `warnings`.
fn read_rows(
    ctx: &RowContext,
    mut rows: Rows<'_>,
    header: &Header,
    warnings: &mut Vec<Warning>,
) -> (Vec<Item>, Vec<Heading>) {
    let layout = ctx.layout;
    let data_start = header.first + header.rows;
    // One item per data row at most: allocated once rather than grown.
    let row_count = rows.all().len();
    let mut items: Vec<Item> = Vec::with_capacity(row_count.saturating_sub(data_start));
    let mut headings: Vec<Heading> = Vec::new();
    // The heading rows above, each with its level (`一、` 0, `（一）` 1, `1.` 2 …); a new
    // heading closes the ones at its level and inside it.
    let mut heading_stack: Vec<(usize, String)> = Vec::new();
    let mut carried = Carried {
        sections: vec![None; layout.sections.len() + 1],
        last_measure: None,
        above: Vec::new(),
    };
    // The number column's text of a row: a `1` followed by `1.1` is a heading.
    fn seq_text<'r>(row: &'r Row, layout: &Layout) -> &'r str {
        GridRow::new(row, layout.width).text(layout.seq).trim()
    }
    // For each row, the next row below it whose number column has a text: looked up once
    // from the bottom, not by scanning down from every row (a table without a number column
    // would make that quadratic). Rows, not texts: a row's texts move into the plan once
    // it is read, and the rows below are read later.
    let mut next_seq: Vec<Option<usize>> = vec![None; row_count];
    let mut below: Option<usize> = None;
    for (k, row) in rows.all().iter().enumerate().rev() {
        next_seq[k] = below;
        if !seq_text(row, layout).is_empty() {
            below = Some(k);
        }
    }

    // Rows much wider than the header (see `columns::table_width`), reported once.
    let mut wide_rows: Vec<(usize, usize)> = Vec::new();
    for k in data_start..row_count {
        let row_no = k - data_start + 1;
        let all = rows.all();
        let row = &all[k];
        if columns::row_width(row) > layout.width {
            wide_rows.push((row_no, columns::row_width(row)));
        }
        if columns::is_repeated_header(header, row) {
            warnings.push(warning(
                row_no,
                None,
                Code::RepeatedHeader,
                tr!(ctx.lang, "repeated-header", row = row_no),
            ));
            continue;
        }
        let data = DataRow { row, grid: GridRow::new(row, layout.width), no: row_no };
        missing_cell_warnings(ctx, header, &data, warnings);
        let heading =
            heading_of(row, &data.grid, layout).map(|t| (heading_level(&t), t)).or_else(|| {
                let this = data.grid.text(layout.seq).trim();
                let next = next_seq[k].and_then(|n| all.get(n)).map(|r| seq_text(r, layout));
                parent_number_heading(&data.grid, layout, this, next)
            });
        if let Some((level, text)) = heading {
            let (number, heading) = text::heading_text(&text);
            if !heading.is_empty() {
                heading_stack.retain(|(l, _)| *l < level);
                heading_stack.push((level, heading.clone()));
                carried.sections.iter_mut().for_each(|s| *s = None);
            }
            carried.last_measure = None;
            carried.above.clear();
            headings.push(Heading { row: row_no, number, text: heading, cells: rows.texts(k) });
            continue;
        }
        carried.sections[0] = heading_stack.last().map(|(_, t)| t.clone());
        let mut item = build_item(ctx, &data, &mut carried, warnings);
        item.path = heading_stack
            .iter()
            .map(|(_, t)| t.clone())
            .chain(carried.sections[1..].iter().flatten().cloned())
            .collect();
        item.cells = rows.texts(k);
        items.push(item);
    }
    no_seq_warnings(layout, &items, ctx.lang, warnings);
    if let Some(&(first, width)) = wide_rows.first() {
        warnings.push(warning(
            first,
            None,
            Code::WideRow,
            tr!(
                ctx.lang,
                "wide-row",
                count = wide_rows.len(),
                columns = layout.width,
                first = first,
                width = width
            ),
        ));
    }
    (items, headings)
}

/// A warning for each column of the header the row has no cell in.
fn missing_cell_warnings(
    ctx: &RowContext,
    header: &Header,
    data: &DataRow,
    warnings: &mut Vec<Warning>,
) {
    let width = columns::row_width(data.row);
    for col in width..ctx.layout.width {
        warnings.push(warning(
            data.no,
            Some(col),
            Code::MissingCell,
            tr!(
                ctx.lang,
                "missing-cell",
                row = data.no,
                col = col,
                header = header.columns[col].header.replace('\n', " ")
            ),
        ));
    }
}

/// `no-seq` only where rows are numbered at all: a table without numbers is not odd.
fn no_seq_warnings(layout: &Layout, items: &[Item], lang: Lang, warnings: &mut Vec<Warning>) {
    if items.iter().any(|i| i.seq.is_some()) {
        let col = layout.seq.or(layout.sections.first().copied());
        for item in items.iter().filter(|i| i.seq.is_none()) {
            warnings.push(warning(item.row, col, Code::NoSeq, tr!(lang, "no-seq", row = item.row)));
        }
    }
}

/// The reader's warnings in the plan's words, at the data row they are about: a padded row
/// is a missing cell; the others are listed under `read/`.
fn reader_warnings<'a>(
    read_warnings: &'a [&ReadWarning],
    data_start: usize,
) -> impl Iterator<Item = Warning> + 'a {
    read_warnings.iter().map(move |w| {
        let row = (w.row >= data_start).then(|| w.row - data_start + 1);
        let code = if w.code == Code::PaddedRow.as_str() {
            Code::MissingCell.into()
        } else {
            format!("read/{}", w.code)
        };
        Warning { row, column: None, code, message: w.message.clone() }
    })
}

/// Warnings of one code listed one by one; past this, one more warning counts the rest.
const MAX_WARNINGS_PER_CODE: usize = 1000;

/// Keeps the first [`MAX_WARNINGS_PER_CODE`] warnings of each code and replaces the rest of
/// that code with one warning that counts them: a hostile table cannot turn into millions
/// of warnings, and a plan with a few keeps every one.
fn fold_repeats(warnings: Vec<Warning>, lang: Lang) -> Vec<Warning> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut kept = Vec::with_capacity(warnings.len().min(4 * MAX_WARNINGS_PER_CODE));
    // (code, how many were left out), in the order the codes first overflowed.
    let mut left_out: Vec<(String, usize)> = Vec::new();
    for w in warnings {
        let count = seen.entry(w.code.clone()).or_default();
        *count += 1;
        if *count <= MAX_WARNINGS_PER_CODE {
            kept.push(w);
        } else if let Some(entry) = left_out.iter_mut().find(|(code, _)| *code == w.code) {
            entry.1 += 1;
        } else {
            left_out.push((w.code, 1));
        }
    }
    for (code, more) in left_out {
        kept.push(Warning {
            row: None,
            column: None,
            message: tr!(
                lang,
                "warnings-folded",
                more = more,
                code = code,
                kept = MAX_WARNINGS_PER_CODE
            ),
            code,
        });
    }
    kept
}

/// The level of a heading row by its number's style: `第…部分` −1 → 0, `一、` 1, `（一）` 2,
/// `1.` / `1、` 3, `（1）` 4; unnumbered 1.
fn heading_level(text: &str) -> usize {
    let t = text.trim();
    let mut chars = t.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    let han = |c: char| text::han_digit(c).is_some() || c == '十';
    if t.starts_with(taizhang_lexicon::part_open()) {
        0
    } else if taizhang_lexicon::is_list_open(first) {
        if han(second) {
            2
        } else {
            4
        }
    } else if first.is_ascii_digit() {
        3
    } else {
        1
    }
}

/// A row numbered `N` whose next numbered row is `N.1` (`1 | 着力健全公共安全保障体系 | | |`),
/// with nothing in the goal, schedule, unit and deadline columns: a heading of its children.
fn parent_number_heading(
    grid: &GridRow,
    layout: &Layout,
    seq: &str,
    next: Option<&str>,
) -> Option<(usize, String)> {
    let next = next?;
    if seq.is_empty() || !seq.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let prefix = format!("{}.", seq.trim_end_matches('.'));
    if !next.starts_with(&prefix) {
        return None;
    }
    let content = layout
        .goal
        .iter()
        .chain(&layout.schedule)
        .chain(&layout.lead)
        .chain(&layout.support)
        .chain(&layout.deadline);
    if content.into_iter().any(|&c| !grid.text(Some(c)).trim().is_empty()) {
        return None;
    }
    let text: Vec<&str> = (0..grid.cells.len())
        .filter(|&c| Some(c) != layout.seq)
        .map(|c| grid.text(Some(c)).trim())
        .filter(|t| !t.is_empty())
        .collect();
    if text.is_empty() {
        return None;
    }
    // `1` is level 3 like `1.`; `1.1` one deeper.
    Some((3 + seq.matches('.').count(), text.join("\n")))
}

/// How much a table looks like a plan (0–1): the share of the three kinds of column a plan
/// has (what: measure or goal; who: lead or support; when: schedule or deadline) that its
/// columns name, times the share of items that have a text and a unit or a time, times
/// (½ + ½ × the share of columns with a role): a table of amounts with a name and a unit
/// column (a budget) is no plan.
fn confidence(columns: &[Column], items: &[Item]) -> f64 {
    let has = |roles: &[ColumnRole]| columns.iter().any(|c| roles.contains(&c.role));
    let kinds = [
        has(&[ColumnRole::Measure, ColumnRole::Goal]),
        has(&[ColumnRole::Lead, ColumnRole::Support]),
        has(&[ColumnRole::Schedule, ColumnRole::Deadline]),
    ];
    let kinds = kinds.iter().filter(|k| **k).count() as f64 / 3.0;
    if items.is_empty() {
        return 0.0;
    }
    let like = items
        .iter()
        .filter(|i| {
            let what =
                i.measure.as_ref().is_some_and(|m| !m.text.is_empty()) || !i.goal.text.is_empty();
            let who_when = !i.lead.is_empty()
                || !i.support.is_empty()
                || !i.schedule.is_empty()
                || !i.deadlines.is_empty();
            what && who_when
        })
        .count() as f64
        / items.len() as f64;
    let named = columns.iter().filter(|c| c.role != ColumnRole::Other).count() as f64
        / columns.len().max(1) as f64;
    (kinds * like * (0.5 + named / 2.0) * 100.0).round() / 100.0
}

fn build_item(
    ctx: &RowContext,
    data: &DataRow,
    carried: &mut Carried,
    warnings: &mut Vec<Warning>,
) -> Item {
    let layout = ctx.layout;
    let (new_section, section_number) = read_sections(layout, &data.grid, &mut carried.sections);
    let section = carried.sections.iter().rev().find_map(|s| s.clone());
    let seq = match layout.seq {
        Some(col) => {
            let t = data.grid.text(Some(col)).trim();
            text::numeral_value(t).or_else(|| text::leading_number(t).map(|(n, _)| n))
        }
        None => section_number,
    };
    let measure = read_measure(ctx, data, new_section, &mut carried.last_measure, warnings);
    let inherited = measure.as_ref().is_some_and(|m| m.inherited);
    let eff = carried_texts(layout, &data.grid, &carried.above, inherited);
    // A section read from a section column of a row above (not from a heading row).
    let section_carried = !new_section
        && carried.sections.iter().rposition(Option::is_some).is_some_and(|level| level > 0);
    let inherited = inherited_fields(layout, &data.grid, &eff, section_carried);
    // Kept for the rows below, and read from there: a cell's text is not copied for it.
    carried.above = eff;
    let eff = &carried.above;
    let text_at = |c: usize| eff.get(c).map_or("", String::as_str);

    let (schedule, goal_before_schedule) = read_schedule(ctx, data, &text_at, warnings);
    let goal = read_goal(ctx, data, &goal_before_schedule, warnings);
    let (lead, support, leaders) = read_agencies(layout, ctx.lexicon, &text_at);
    let (documents, deadlines) = documents_and_deadlines(ctx, &data.grid, &text_at);

    let fingerprint =
        text::fingerprint(measure.as_ref().map_or("", |m| m.text.as_str()), &goal.text);
    Item {
        id: format!("r{:03}", data.no),
        row: data.no,
        seq,
        section,
        path: Vec::new(),
        measure,
        goal,
        schedule,
        lead,
        support,
        leaders,
        documents,
        deadlines,
        fingerprint,
        // Filled by the caller, which may move them out of the row.
        cells: Vec::new(),
        inherited,
    }
}

/// The fields of a row carried down from above ([`Item::inherited`]): those whose columns
/// read a text (`eff`, from [`carried_texts`]) the row's own cells do not hold.
fn inherited_fields(
    layout: &Layout,
    grid: &GridRow,
    eff: &[String],
    section_carried: bool,
) -> Vec<String> {
    let carried = |cols: &[usize]| {
        cols.iter().any(|&c| {
            eff.get(c).is_some_and(|t| !t.trim().is_empty() && t.as_str() != grid.text(Some(c)))
        })
    };
    let fields = [
        ("section", section_carried),
        ("schedule", carried(&layout.schedule)),
        ("lead", carried(&layout.lead)),
        ("support", carried(&layout.support)),
        ("deadlines", carried(&layout.deadline)),
    ];
    fields.into_iter().filter(|(_, carried)| *carried).map(|(name, _)| name.to_string()).collect()
}

/// Section columns: `（7） 着力推进…。` states a section; `（8） ` only numbers the row.
/// Returns whether the row states a new section, and the number of the outermost column.
fn read_sections(
    layout: &Layout,
    grid: &GridRow,
    sections: &mut [Option<String>],
) -> (bool, Option<u32>) {
    let mut new_section = false;
    let mut section_number = None;
    for (level, &col) in layout.sections.iter().enumerate() {
        let (number, heading) = text::heading_text(grid.text(Some(col)));
        if level == 0 {
            section_number = number;
        }
        if !heading.is_empty() {
            sections[level + 1] = Some(heading);
            sections[level + 2..].iter_mut().for_each(|s| *s = None);
            new_section = true;
        }
    }
    (new_section, section_number)
}

/// Measure column: `N. text` starts a measure; an empty (or merged) cell carries the one
/// above; a bare `N. ` is a measure without text, kept as written and flagged.
fn read_measure(
    ctx: &RowContext,
    data: &DataRow,
    new_section: bool,
    last_measure: &mut Option<Measure>,
    warnings: &mut Vec<Warning>,
) -> Option<Measure> {
    let (lang, row_no) = (ctx.lang, data.no);
    let col = ctx.layout.measure?;
    let cell = data.grid.cell(col);
    let (raw, found) = text::strip_artefacts(data.grid.text(Some(col)));
    if found {
        warnings.push(artefact_warning(lang, row_no, col));
    }
    let (number, text) = text::split_number(&raw);
    let merged = cell.is_some_and(|c| c.vmerge == Some(VMerge::Continue));
    if new_section && !merged {
        *last_measure = None;
    }
    if !text.is_empty() {
        let m =
            Measure { number, quantities: ctx.extractor.extract(&text), text, inherited: false };
        *last_measure = Some(m.clone());
        Some(m)
    } else if number.is_some() {
        let m = Measure { number, ..Measure::default() };
        if let Some(number) = m.number.filter(|_| m.is_empty()) {
            warnings.push(warning(
                row_no,
                Some(col),
                Code::EmptyMeasure,
                tr!(lang, "empty-measure", row = row_no, number = number),
            ));
        }
        Some(m)
    } else {
        last_measure.clone().map(|m| Measure { inherited: true, ..m })
    }
}

/// The text the row reads in each grid column. Vertically merged cells carry the text above
/// them down, in every column: a merge the file marks (`w:vMerge`, a merged range), or,
/// where the file cannot mark one (.txt), an empty unit or deadline cell of a row that
/// carries its measure (`inherited`): a row with no lead carries the units above it, an
/// empty deadline the deadline above it.
fn carried_texts(
    layout: &Layout,
    grid: &GridRow,
    above: &[String],
    inherited: bool,
) -> Vec<String> {
    let mut eff: Vec<String> =
        (0..grid.cells.len()).map(|c| grid.text(Some(c)).to_string()).collect();
    for (c, text) in eff.iter_mut().enumerate() {
        let merged = grid.cell(c).is_some_and(|cell| cell.vmerge == Some(VMerge::Continue));
        if merged && text.trim().is_empty() {
            if let Some(a) = above.get(c) {
                *text = a.clone();
            }
        }
    }
    if inherited && !above.is_empty() {
        let empty = |eff: &[String], cols: &[usize]| {
            cols.iter().all(|&c| eff.get(c).is_none_or(|t| t.trim().is_empty()))
        };
        let carry = |eff: &mut Vec<String>, cols: &[usize]| {
            for &c in cols {
                if let (Some(t), Some(a)) = (eff.get_mut(c), above.get(c)) {
                    if t.trim().is_empty() {
                        *t = a.clone();
                    }
                }
            }
        };
        if !layout.lead.is_empty() && empty(&eff, &layout.lead) {
            let support_empty = empty(&eff, &layout.support);
            carry(&mut eff, &layout.lead);
            if support_empty {
                carry(&mut eff, &layout.support);
            }
        }
        carry(&mut eff, &layout.deadline);
    }
    eff
}

/// The milestones of the schedule columns, and the goal written before the first period
/// label of a schedule column that holds the goal too (`具体措施及进度安排`).
fn read_schedule<'t>(
    ctx: &RowContext,
    data: &DataRow,
    text_at: &impl Fn(usize) -> &'t str,
    warnings: &mut Vec<Warning>,
) -> (Vec<Milestone>, String) {
    let (layout, year, lang, row_no) = (ctx.layout, ctx.year, ctx.lang, data.no);
    let mut schedule = Vec::new();
    let mut goal_before_schedule = String::new();
    for &col in &layout.schedule {
        let cell_text = text_at(col);
        // A column per period (`一季度 | 二季度 | …`, `1月 | 2月`): its header is the label of
        // the cell's text, one milestone; a cell spanning two period columns covers both.
        if let Some((label, quarters)) = layout.periods.get(&col) {
            schedule.extend(period_cell(ctx, data, col, cell_text, label, *quarters));
            continue;
        }
        let parsed = schedule::parse_schedule_with(cell_text, lang, ctx.extractor);
        for mut d in parsed.diagnostics {
            d.row = Some(row_no);
            d.column = Some(col);
            d.message = tr!(lang, "parse.at", row = row_no, col = col, message = d.message);
            warnings.push(d);
        }
        let mut milestones = parsed.value;
        // `具体措施及进度安排`: the text before the first period label is the goal.
        if layout.goal_in_schedule == Some(col)
            && milestones.len() > 1
            && milestones[0].label.is_none()
            && milestones[0].topic.is_none()
        {
            goal_before_schedule = milestones.remove(0).text;
        }
        for m in &mut milestones {
            if let (Some(label), Some(y)) = (&m.label, year) {
                m.due = schedule::label_due(label, y);
            }
        }
        schedule.extend(milestones);
    }
    (schedule, goal_before_schedule)
}

/// The milestone of a cell in a column whose header is a period label; none for an empty
/// cell.
fn period_cell(
    ctx: &RowContext,
    data: &DataRow,
    col: usize,
    cell_text: &str,
    label: &str,
    quarters: Option<(u8, u8)>,
) -> Option<Milestone> {
    let (layout, grid, year) = (ctx.layout, &data.grid, ctx.year);
    let t = cell_text.trim();
    if t.is_empty() {
        return None;
    }
    let span = grid.cell(col).map_or(1, |c| c.span.max(1));
    let last = (col..col + span).rev().find_map(|c| layout.periods.get(&c));
    let end = last.and_then(|(_, q)| q.map(|q| q.1)).or(quarters.map(|q| q.1));
    let chars = text::chars_of(cell_text);
    let lead_blank = chars.iter().take_while(|c| c.is_whitespace()).count();
    let n = chars.len();
    let trail_blank = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    Some(Milestone {
        label: Some(label.to_string()),
        start: quarters.map(|q| q.0),
        end,
        due: year.and_then(|y| schedule::label_due(label, y)),
        text: t.to_string(),
        quantities: ctx.extractor.extract(t),
        span: [0, n],
        text_span: [lead_blank, n - trail_blank],
        ..Default::default()
    })
}

/// The goal: the goal column's text, else the goal written in a schedule column.
fn read_goal(
    ctx: &RowContext,
    data: &DataRow,
    goal_before_schedule: &str,
    warnings: &mut Vec<Warning>,
) -> Goal {
    let layout = ctx.layout;
    let source =
        if layout.goal.is_none() { goal_before_schedule } else { data.grid.text(layout.goal) };
    let (t, found) = text::strip_artefacts(source);
    if found {
        if let Some(col) = layout.goal {
            warnings.push(artefact_warning(ctx.lang, data.no, col));
        }
    }
    let goal_text = t.trim().to_string();
    // Points and quantities read the same chars.
    let goal_chars = text::chars_of(&goal_text);
    Goal {
        points: text::goal_points_of(&goal_text, &goal_chars),
        quantities: ctx.extractor.extract_chars(&goal_chars),
        text: goal_text,
    }
}

/// Lead units, supporting units and leaders of the unit and leader columns.
fn read_agencies<'t>(
    layout: &Layout,
    lexicon: &taizhang_lexicon::Lexicon,
    text_at: &impl Fn(usize) -> &'t str,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut lead = Vec::new();
    let mut support = Vec::new();
    let mut leaders = Vec::new();
    for &c in layout.lead.iter().chain(&layout.support) {
        let u = agencies::read_units_with(
            lexicon,
            text_at(c),
            layout.lead.contains(&c),
            layout.first_leads.contains(&c),
        );
        lead.extend(u.lead);
        support.extend(u.support);
        leaders.extend(u.leaders);
    }
    for &c in &layout.leaders {
        leaders.extend(split_units(text_at(c)));
    }
    (lead, support, leaders)
}

/// Documents and deadlines: every cell of the row but the unit and number columns, in
/// column order.
fn documents_and_deadlines<'t>(
    ctx: &RowContext,
    grid: &GridRow,
    text_at: &impl Fn(usize) -> &'t str,
) -> (Vec<String>, Vec<Deadline>) {
    let layout = ctx.layout;
    let unit_cols: Vec<usize> = layout
        .lead
        .iter()
        .chain(&layout.support)
        .chain(&layout.leaders)
        .copied()
        .chain(layout.seq)
        .collect();
    // Grid positions without a cell (covered by a span, or past the row's end) hold no text.
    let filled =
        || grid.cells.iter().enumerate().filter(|(_, cell)| cell.is_some()).map(|(c, _)| c);
    let texts: Vec<&str> = filled().filter(|c| !unit_cols.contains(c)).map(text_at).collect();
    let documents = text::documents(&texts);
    let mut deadlines: Vec<Deadline> = Vec::new();
    for c in filled().filter(|c| !unit_cols.contains(c) && !layout.sections.contains(c)) {
        for d in text::deadlines(text_at(c), ctx.year, layout.deadline.contains(&c)) {
            if !deadlines.iter().any(|e| e.text == d.text) {
                deadlines.push(d);
            }
        }
    }
    (documents, deadlines)
}

fn artefact_warning(lang: Lang, row: usize, col: usize) -> Warning {
    warning(
        row,
        Some(col),
        Code::BookmarkArtefact,
        tr!(lang, "bookmark-artefact", row = row, col = col),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use taizhang_model::table::{Format, Source, Table, TABLES_SCHEMA};

    fn cell(text: &str) -> Cell {
        Cell::from_paragraphs(text.split('\n').map(String::from).collect())
    }

    fn row(texts: &[&str]) -> Row {
        Row { cells: texts.iter().map(|t| cell(t)).collect(), ..Row::default() }
    }

    fn header(texts: &[&str]) -> Row {
        Row { header: true, ..row(texts) }
    }

    fn tables(tables: Vec<Table>) -> Tables {
        Tables {
            schema: TABLES_SCHEMA.into(),
            source: Source { file: "t.docx".into(), format: Format::Docx, ..Source::default() },
            tables,
            ..Tables::default()
        }
    }

    /// The plan of `t`, built from borrowed tables and from owned ones alike.
    fn parse(t: Table) -> Plan {
        let tables = tables(vec![t]);
        let borrowed = Parser::new().parse_tables(&tables, None).expect("a plan").value;
        let owned = Parser::new().parse_tables_owned(tables, None, &[]).expect("a plan").value;
        assert_eq!(owned, borrowed, "owned tables give the plan borrowed ones give");
        borrowed
    }

    #[test]
    fn errors_say_what_and_where() {
        let parser = Parser::new();
        let no_roles = Table { rows: vec![row(&["甲", "乙"])], ..Table::default() };
        let two = tables(vec![no_roles.clone(), no_roles]);
        let err = parser.parse_tables(&two, Some(5)).expect_err("no table 5");
        assert_eq!(err, ParseError::NoSuchTable { table: 5, tables: 2 });
        assert_eq!(err.to_string(), "table 5 does not exist (the document has 2 tables)");
        let err = parser.parse_tables(&two, Some(1)).expect_err("no header");
        assert_eq!(err, ParseError::NoHeader { table: 1 });
        assert!(err.to_string().starts_with("table 1: no header row names a column role"));
        let err = parser.parse_tables(&two, None).expect_err("no plan table");
        assert_eq!(err, ParseError::NoPlanTable { tables: 2 });
        assert!(err.to_string().starts_with("none of the 2 tables looks like a plan table"));
    }

    const SEED_HEADER: [&str; 6] = [
        "原文表述\n实施路径",
        "原文表述具体措施",
        "2020年工作目标",
        "季度进度安排",
        "牵头单位",
        "配合单位",
    ];

    #[test]
    fn heading_row_spanning_the_table_is_no_item() {
        let mut heading = row(&["一、稳增长"]);
        heading.cells[0].span = 5;
        let t = Table {
            rows: vec![
                header(&["序号", "工作任务", "目标", "进度安排", "牵头单位"]),
                heading,
                row(&["1", "推进建设", "建成", "全年推进", "局"]),
            ],
            ..Table::default()
        };
        let plan = parse(t);
        assert_eq!(plan.headings.len(), 1);
        assert_eq!(plan.headings[0].text, "稳增长");
        assert_eq!(plan.items.len(), 1);
        assert_eq!((plan.items[0].row, plan.items[0].section.as_deref()), (2, Some("稳增长")));
    }

    /// In the LibreOffice .docx, merged-away cells keep their bare number; in the
    /// python-docx copy they are empty. Both are read as in the .txt.
    #[test]
    fn merged_measure_cells() {
        let mut rows = vec![
            header(&SEED_HEADER),
            row(&["（1） 着力推进交通。", "1. 建设铁路", "目标甲", "一季度，开工。", "局", ""]),
            row(&["（2） ", "", "目标乙", "二季度，完工。", "局", ""]),
            row(&["（3） ", "2. ", "目标丙", "", "局", ""]),
            row(&["（4） ", "", "目标丁", "", "局", ""]),
        ];
        for r in rows.iter_mut().skip(2) {
            r.cells[1].vmerge = Some(VMerge::Continue);
            r.cells[1].merged_from = Some(1);
        }
        rows[1].cells[1].vmerge = Some(VMerge::Restart);
        let plan = parse(Table { rows, ..Table::default() });
        let measures: Vec<(Option<u32>, String, bool)> = plan
            .items
            .iter()
            .map(|i| {
                let m = i.measure.clone().expect("a measure");
                (m.number, m.text, m.inherited)
            })
            .collect();
        assert_eq!(
            measures,
            [
                (Some(1), "建设铁路".into(), false),
                (Some(1), "建设铁路".into(), true),
                (Some(2), String::new(), false),
                (Some(1), "建设铁路".into(), true),
            ]
        );
        assert_eq!(
            plan.items.iter().map(|i| i.seq).collect::<Vec<_>>(),
            [Some(1), Some(2), Some(3), Some(4)]
        );
        assert!(plan.items.iter().all(|i| i.section.as_deref() == Some("着力推进交通")));
        assert!(plan.warnings.iter().any(|w| w.code == "empty-measure" && w.row == Some(3)));
    }

    #[test]
    fn the_plan_table_is_the_one_naming_most_roles() {
        let cover = Table {
            rows: vec![row(&["单位", "联系人"]), row(&["市府办", "张三"])],
            ..Table::default()
        };
        let plan_table = Table {
            index: 1,
            rows: vec![
                header(&SEED_HEADER),
                row(&["（1） 甲。", "1. 乙", "丙", "一季度，丁。", "局", ""]),
            ],
            ..Table::default()
        };
        let parsed =
            Parser::new().parse_tables(&tables(vec![cover, plan_table]), None).expect("a plan");
        assert_eq!(parsed.value.source.table, Some(1));
        assert_eq!(parsed.value.items.len(), 1);
        assert_eq!(parsed.diagnostics, parsed.value.warnings);
        let err = Parser::new()
            .parse_tables(&tables(vec![Table::default()]), Some(0))
            .expect_err("no header");
        assert!(err.to_string().contains("table 0"), "{err}");
        let err = Parser::new().parse_tables(&tables(vec![]), None).expect_err("no table");
        assert!(err.to_string().contains("none of the 0 tables"), "{err}");
    }

    #[test]
    fn short_and_odd_rows_never_panic() {
        let mut wide = row(&["（1） 甲。", "1. 乙", "丙丙", "一季度，丁。", "局", "办", "多余"]);
        wide.grid_before = 1;
        let t = Table {
            rows: vec![
                header(&SEED_HEADER),
                Row::default(),
                row(&["（2） "]),
                wide,
                row(&["", "", "", "", "", ""]),
            ],
            ..Table::default()
        };
        // Mostly empty rows: below the confidence a default pick needs, read as table 0.
        let plan = Parser::new().parse_tables(&tables(vec![t]), Some(0)).expect("a plan").value;
        assert_eq!(plan.items.len(), 4);
        let missing: Vec<(Option<usize>, Option<usize>)> = plan
            .warnings
            .iter()
            .filter(|w| w.code == "missing-cell")
            .map(|w| (w.row, w.column))
            .collect();
        assert!(missing.contains(&(Some(1), Some(0))));
        assert!(missing.contains(&(Some(2), Some(5))));
        assert_eq!(plan.items[0].cells, Vec::<String>::new());
    }

    #[test]
    fn roles_named_by_option_and_tables_refused() {
        let t = || Table {
            rows: vec![
                row(&["甲", "乙", "丙"]),
                row(&["1", "修建公园", "张三"]),
                row(&["2", "整治河涌", "李四"]),
            ],
            ..Table::default()
        };
        let err = Parser::new().parse_tables(&tables(vec![t()]), None).expect_err("no plan");
        assert!(err.to_string().contains("--table") && err.to_string().contains("--role"), "{err}");
        let roles = [
            RoleOverride { column: ColumnRef::Index(1), role: ColumnRole::Measure },
            RoleOverride { column: ColumnRef::Header("丙".into()), role: ColumnRole::Leaders },
        ];
        let plan =
            Parser::new().parse_tables_with(&tables(vec![t()]), None, &roles).expect("read").value;
        assert_eq!(plan.columns[1].by.as_deref(), Some("option"));
        assert_eq!(plan.columns[2].role, ColumnRole::Leaders);
        assert_eq!(plan.items.len(), 2);
        assert_eq!(plan.items[0].measure.as_ref().map(|m| m.text.as_str()), Some("修建公园"));
        assert_eq!(plan.items[1].leaders, ["李四"]);
        let bad = [RoleOverride { column: ColumnRef::Index(9), role: ColumnRole::Lead }];
        let err = Parser::new().parse_tables_with(&tables(vec![t()]), None, &bad).expect_err("bad");
        assert!(err.to_string().contains("--role 9"), "{err}");
    }

    #[test]
    fn numbered_parents_levels_and_carried_units() {
        let t = Table {
            rows: vec![
                header(&["序号", "工作内容", "目标要求", "牵头单位", "配合单位", "完成时限"]),
                row(&["1", "稳增长", "", "", "", ""]),
                row(&["1.1", "建设铁路", "完成投资", "轨道交通局", "虎门镇", "2021年6月"]),
                row(&["", "", "完成征拆", "", "", ""]),
                row(&["1.2", "建设公路", "完成投资", "交通局", "", "2021年12月"]),
                row(&["2", "惠民生", "", "", "", ""]),
                row(&["2.1", "建设学校", "新增学位", "教育局", "", "2021年9月"]),
            ],
            ..Table::default()
        };
        let plan = parse(t);
        assert_eq!(plan.headings.len(), 2);
        assert_eq!(plan.items.len(), 4);
        let second = &plan.items[1];
        assert_eq!(second.path, ["稳增长"]);
        assert!(second.measure.as_ref().is_some_and(|m| m.inherited));
        // The row under the measure, with no lead of its own, carries the units and deadline.
        assert_eq!(
            (second.lead.clone(), second.support.clone()),
            (vec!["轨道交通局".to_string()], vec!["虎门镇".to_string()])
        );
        assert_eq!(second.deadlines[0].text, "2021年6月");
        // …and says so; the section comes from a heading row, which is not a carried cell.
        assert_eq!(second.inherited, ["lead", "support", "deadlines"]);
        assert!(plan.items[0].inherited.is_empty());
        // A row with a lead of its own keeps its empty support.
        assert!(plan.items[2].support.is_empty());
        assert!(plan.items[2].inherited.is_empty());
        assert_eq!(plan.items[3].section.as_deref(), Some("惠民生"));
        assert_eq!(plan.year_source.as_deref(), None);
    }

    #[test]
    fn year_from_the_file_name_is_flagged() {
        let t = Table {
            rows: vec![
                header(&["序号", "工作内容", "工作目标", "完成时限"]),
                row(&["1", "建设", "建成", "6月底前"]),
            ],
            ..Table::default()
        };
        let mut ts = tables(vec![t]);
        ts.source.file = "docs/东莞市2021年民生实事.docx".into();
        let plan = Parser::new().parse_tables(&ts, None).expect("a plan").value;
        assert_eq!(plan.year, Some(2021));
        assert!(plan.warnings.iter().any(|w| w.code == "year-from-file-name"));
        assert_eq!(plan.items[0].deadlines[0].date.as_deref(), Some("2021-06-30"));
    }

    #[test]
    fn header_found_without_the_flag_below_a_title() {
        let t = Table {
            rows: vec![
                row(&["2021年民生实事任务表"]),
                row(&["序号", "工作内容", "工作目标", "完成时限", "责任单位"]),
                row(&["1", "建设公园", "建成公园3个", "6月底前", "林业局"]),
            ],
            ..Table::default()
        };
        let plan = parse(t);
        assert_eq!(plan.year, Some(2021));
        assert_eq!(plan.items.len(), 1);
        let item = &plan.items[0];
        assert_eq!(item.row, 1);
        assert_eq!(item.deadlines[0].date.as_deref(), Some("2021-06-30"));
        assert_eq!(item.lead, ["林业局"]);
    }
}

#[cfg(test)]
mod period_columns {
    use super::*;

    #[test]
    fn a_column_per_quarter_labels_its_cells() {
        let header = Row {
            header: true,
            cells: ["序号", "工作任务", "全年目标", "进度安排", "牵头单位"]
                .iter()
                .map(|t| {
                    let mut cell = Cell::from_paragraphs(vec![t.to_string()]);
                    cell.span = if *t == "进度安排" { 4 } else { 1 };
                    cell
                })
                .collect(),
            ..Row::default()
        };
        let sub = Row {
            header: true,
            cells: ["", "", "", "一季度", "二季度", "三季度", "四季度", ""]
                .iter()
                .map(|t| Cell::from_paragraphs(vec![t.to_string()]))
                .collect(),
            ..Row::default()
        };
        let data = Row {
            cells: [
                "1",
                "建设公园",
                "建成3个",
                "完成选址",
                "开工建设",
                "",
                "累计建成3个",
                "林业局",
            ]
            .iter()
            .map(|t| Cell::from_paragraphs(vec![t.to_string()]))
            .collect(),
            ..Row::default()
        };
        let tables = Tables {
            schema: taizhang_model::table::TABLES_SCHEMA.into(),
            source: taizhang_model::Source::default(),
            tables: vec![taizhang_model::table::Table {
                rows: vec![header, sub, data],
                ..taizhang_model::table::Table::default()
            }],
            ..Tables::default()
        };
        let plan = Parser::new().parse_tables(&tables, None).expect("a plan").value;
        assert_eq!(plan.columns[3].header, "进度安排\n一季度");
        let item = &plan.items[0];
        let got: Vec<(Option<&str>, Option<u8>, &str)> =
            item.schedule.iter().map(|m| (m.label.as_deref(), m.start, m.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (Some("一季度"), Some(1), "完成选址"),
                (Some("二季度"), Some(2), "开工建设"),
                (Some("四季度"), Some(4), "累计建成3个"),
            ]
        );
        assert_eq!(item.lead, ["林业局"]);
    }
}
