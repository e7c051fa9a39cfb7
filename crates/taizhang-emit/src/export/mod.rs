//! Exports of plans to CSV, Excel and SQLite: one ledger of many plans for spreadsheets and
//! SQL.
//!
//! # Tables
//!
//! Every export writes the same tables (CSV files, Excel sheets, SQLite tables), built by
//! [`tables`] for each plan and gathered by a [`Ledger`] (CSV, Excel) or a database
//! ([`sqlite`]):
//!
//! - `plans`: one row per plan content: `id`, `fingerprint`, `issuer`, `year`, `title`,
//!   `revision` (1, 2, … within the plan's issuer, year and title), `previous_id` (the revision
//!   before), the first source's `file`, `format`, `sha256`, `table_index`, `schema`, `items`.
//!   See [`identity`] for the fingerprint, the ids and what makes two plans revisions.
//! - `sources`: every file that gave a plan (`plan_id`, `file`, `format`, `sha256`,
//!   `table_index`): the same table as .docx and .txt is one plan with two sources.
//! - `items`: one row per item (`plan_id`, `item`, its id such as `r016`, `row`, `seq`,
//!   `section`, the measure, `goal`, `schedule` as the cell reads, `lead` / `support` /
//!   `documents` / `deadlines` joined with `、`, `fingerprint`, and `shape`: a hash of the
//!   section, measure and goal with their digits left out, the same in two revisions when
//!   only a number changed, to match an item with its earlier revision).
//! - `milestones`: one row per milestone of an item (`plan_id`, `item`, `milestone` = 1-based
//!   position in the item's schedule, `label`, `start_quarter`, `end_quarter`, `topic`, `text`).
//! - `quantities`: one row per quantity, with `plan_id`, `item`, `source` (`goal`, `measure` or
//!   `milestone`), the milestone and its period when it comes from one, `text`, the char
//!   offsets `char_start` / `char_end` in the text it belongs to, `value` / `min` / `max`
//!   normalized, `unit`, `surface_unit`, `cmp`, `cumulative`, `object` and `position` (1-based
//!   among the quantities of its text). A measure shared by
//!   several rows (a merged cell) is written once, on the row that carries its text, so that
//!   sums over the table count each number once.
//! - `warnings`: what `parse` noticed in each source (`plan_id`, the source's `sha256`, `item`,
//!   `row`, `column`, `code`, `message`): the same content read from two files has one
//!   plan but the warnings of each reading.
//! - `findings`: what `check` found (`plan_id`, `item`, `row`, `column`, `severity`, `code`,
//!   `message`, `evidence` joined with line breaks, `related_rows`).
//!
//! Every row carries its plan's id, the same in every format and every export, so files of
//! several exports can be concatenated and joined with `plans`. Numbers are written as the
//! shortest decimal that reads back to the same `f64` (`2610000000`, `0.5`), never with
//! float noise. CSV files start with a UTF-8 BOM so that Excel and WPS open the Chinese text
//! correctly. SQLite adds row ids and keys between the tables, and a `units` table with one
//! row per lead or supporting unit (see [`sqlite`]).

pub mod csv;
pub mod identity;
pub mod messages;
pub mod sqlite;
pub mod xlsx;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use taizhang_model::check::{Finding, QuantitySource};
use taizhang_model::plan::ColumnRole;
use taizhang_model::{Plan, Quantity};

pub use identity::Identity;

/// Why an export failed; every message names the file. [`ExportError::render`] gives it in
/// Chinese or English (from the catalogue), `Display` in English.
#[derive(Debug)]
#[non_exhaustive]
pub enum ExportError {
    // The cause is part of the one-line message and deliberately not a `source()`, so that
    // printing the error chain does not repeat it.
    Io { path: PathBuf, cause: std::io::Error },
    Csv { path: PathBuf, cause: ::csv::Error },
    Xlsx { path: PathBuf, cause: rust_xlsxwriter::XlsxError },
    Sqlite { path: PathBuf, cause: rusqlite::Error },
    Invalid { path: PathBuf, message: taizhang_i18n::Msg },
}

impl ExportError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> ExportError {
        ExportError::Io { path: path.to_owned(), cause: source }
    }

    /// The one-line message in `lang`: `PATH: what is wrong`. The causes of the CSV, Excel
    /// and SQLite libraries are their own (English) text.
    pub fn render(&self, lang: taizhang_i18n::Lang) -> String {
        use taizhang_i18n::{msg, Msg};
        let (path, message): (&Path, Msg) = match self {
            ExportError::Io { path, cause } => (path, taizhang_i18n::io_error(cause)),
            ExportError::Csv { path, cause } => (path, msg!("io.other", cause = cause)),
            ExportError::Xlsx { path, cause } => (path, msg!("io.other", cause = cause)),
            ExportError::Sqlite { path, cause } => (path, msg!("io.other", cause = cause)),
            ExportError::Invalid { path, message } => (path, message.clone()),
        };
        msg!("export.err.at", path = path.display(), message => message).render(lang)
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(taizhang_i18n::Lang::En))
    }
}

impl std::error::Error for ExportError {}

/// One cell of an exported table. A text is borrowed from the plan it comes from where
/// the plan holds it as it is exported (a goal, a milestone's text, a unit), so that the
/// tables of a big plan do not copy its texts; texts made for the export (joined lists,
/// hashes) are owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Bool(bool),
    Text(Cow<'a, str>),
}

impl<'a> Value<'a> {
    fn text(s: impl Into<Cow<'a, str>>) -> Value<'a> {
        Value::Text(s.into())
    }

    fn opt_text(s: Option<impl Into<Cow<'a, str>>>) -> Value<'a> {
        s.map_or(Value::Null, |s| Value::Text(s.into()))
    }

    fn opt_int<T: TryInto<i64>>(n: Option<T>) -> Value<'a> {
        n.and_then(|n| n.try_into().ok()).map_or(Value::Null, Value::Int)
    }

    fn int<T: TryInto<i64>>(n: T) -> Value<'a> {
        Value::opt_int(Some(n))
    }

    fn opt_real(n: Option<f64>) -> Value<'a> {
        n.filter(|n| n.is_finite()).map_or(Value::Null, Value::Real)
    }

    /// The value as CSV writes it: empty for null, `true`/`false`, the shortest decimal.
    pub fn to_csv_field(&self) -> Cow<'_, str> {
        match self {
            Value::Null => Cow::Borrowed(""),
            Value::Int(n) => Cow::Owned(n.to_string()),
            Value::Real(x) => Cow::Owned(format_real(*x)),
            Value::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Value::Text(s) => Cow::Borrowed(s),
        }
    }
}

/// The shortest decimal that reads back to `x`, without exponent (`2610000000`, `0.07`).
pub fn format_real(x: f64) -> String {
    // Rust's `Display` for f64 is the shortest round-tripping form and never uses an
    // exponent: exactly what a spreadsheet cell should hold.
    format!("{x}")
}

/// The type of a column, for SQL declarations and spreadsheet formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Bool,
    Text,
    /// Long text: wrapped in spreadsheets.
    LongText,
}

/// A column of an exported table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    /// The widest the column gets in a spreadsheet, in Excel character units (a Chinese
    /// character takes two); long text wraps beyond it.
    pub width: f64,
}

const fn col(name: &'static str, kind: Kind, width: f64) -> Column {
    Column { name, kind, width }
}

/// One exported table: its name (file stem, sheet name, SQL table), columns and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table<'a> {
    pub name: &'static str,
    pub columns: &'static [Column],
    pub rows: Vec<Vec<Value<'a>>>,
}

pub const PLAN_COLUMNS: &[Column] = &[
    col("id", Kind::Int, 22.0),
    col("fingerprint", Kind::Text, 20.0),
    col("issuer", Kind::Text, 16.0),
    col("year", Kind::Int, 6.0),
    col("title", Kind::LongText, 40.0),
    col("revision", Kind::Int, 9.0),
    col("previous_id", Kind::Int, 22.0),
    col("file", Kind::LongText, 30.0),
    col("format", Kind::Text, 7.0),
    col("sha256", Kind::Text, 20.0),
    col("table_index", Kind::Int, 8.0),
    col("schema", Kind::Text, 18.0),
    col("items", Kind::Int, 7.0),
];

pub const SOURCE_COLUMNS: &[Column] = &[
    col("plan_id", Kind::Int, 22.0),
    col("file", Kind::LongText, 30.0),
    col("format", Kind::Text, 7.0),
    col("sha256", Kind::Text, 20.0),
    col("table_index", Kind::Int, 8.0),
];

pub const ITEM_COLUMNS: &[Column] = &[
    col("plan_id", Kind::Int, 22.0),
    col("item", Kind::Text, 7.0),
    col("row", Kind::Int, 6.0),
    col("seq", Kind::Int, 6.0),
    col("section", Kind::LongText, 24.0),
    col("measure_number", Kind::Int, 9.0),
    col("measure_text", Kind::LongText, 40.0),
    col("measure_inherited", Kind::Bool, 9.0),
    col("goal", Kind::LongText, 50.0),
    col("schedule", Kind::LongText, 60.0),
    col("lead", Kind::LongText, 16.0),
    col("support", Kind::LongText, 24.0),
    col("documents", Kind::LongText, 24.0),
    col("deadlines", Kind::Text, 14.0),
    col("fingerprint", Kind::Text, 18.0),
    col("shape", Kind::Text, 18.0),
];

pub const MILESTONE_COLUMNS: &[Column] = &[
    col("plan_id", Kind::Int, 22.0),
    col("item", Kind::Text, 7.0),
    col("row", Kind::Int, 6.0),
    col("milestone", Kind::Int, 9.0),
    col("label", Kind::Text, 12.0),
    col("start_quarter", Kind::Int, 8.0),
    col("end_quarter", Kind::Int, 8.0),
    col("topic", Kind::Text, 14.0),
    col("text", Kind::LongText, 70.0),
];

pub const QUANTITY_COLUMNS: &[Column] = &[
    col("plan_id", Kind::Int, 22.0),
    col("item", Kind::Text, 7.0),
    col("row", Kind::Int, 6.0),
    col("source", Kind::Text, 10.0),
    col("milestone", Kind::Int, 9.0),
    col("label", Kind::Text, 12.0),
    col("start_quarter", Kind::Int, 8.0),
    col("end_quarter", Kind::Int, 8.0),
    col("text", Kind::LongText, 28.0),
    col("char_start", Kind::Int, 8.0),
    col("char_end", Kind::Int, 8.0),
    col("value", Kind::Real, 14.0),
    col("min", Kind::Real, 10.0),
    col("max", Kind::Real, 10.0),
    col("unit", Kind::Text, 8.0),
    col("surface_unit", Kind::Text, 10.0),
    col("cmp", Kind::Text, 7.0),
    col("cumulative", Kind::Bool, 10.0),
    col("object", Kind::Text, 20.0),
    col("position", Kind::Int, 8.0),
];

pub const WARNING_COLUMNS: &[Column] = &[
    col("plan_id", Kind::Int, 22.0),
    col("sha256", Kind::Text, 20.0),
    col("item", Kind::Text, 7.0),
    col("row", Kind::Int, 6.0),
    col("column", Kind::Int, 7.0),
    col("code", Kind::Text, 18.0),
    col("message", Kind::LongText, 60.0),
];

pub const FINDING_COLUMNS: &[Column] = &[
    col("plan_id", Kind::Int, 22.0),
    col("item", Kind::Text, 7.0),
    col("row", Kind::Int, 6.0),
    col("column", Kind::Int, 7.0),
    col("severity", Kind::Text, 8.0),
    col("code", Kind::Text, 22.0),
    col("message", Kind::LongText, 60.0),
    col("evidence", Kind::LongText, 60.0),
    col("related_rows", Kind::Text, 12.0),
];

/// Positions of the columns the SQLite export keys on.
pub(crate) const ITEM_KEY: usize = 1;
/// Warnings have the source's sha256 before the item.
pub(crate) const WARNING_ITEM_KEY: usize = 2;
pub(crate) const MILESTONE_ORDINAL: usize = 3;
pub(crate) const QUANTITY_MILESTONE: usize = 4;

/// One plan to export, with its identity and what `check` found in it.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub plan: &'a Plan,
    pub identity: Identity,
    pub findings: &'a [Finding],
}

impl<'a> Entry<'a> {
    /// `issuer` is the name given on the command line, for plans whose document names none.
    pub fn new(plan: &'a Plan, issuer: Option<&str>, findings: &'a [Finding]) -> Entry<'a> {
        Entry { plan, identity: Identity::of(plan, issuer), findings }
    }
}

/// The tables of one plan, each row starting with the plan's id.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanTables<'a> {
    pub items: Table<'a>,
    pub milestones: Table<'a>,
    pub quantities: Table<'a>,
    pub warnings: Table<'a>,
    pub findings: Table<'a>,
}

impl<'a> PlanTables<'a> {
    /// In the order of the files and sheets.
    pub fn into_array(self) -> [Table<'a>; 5] {
        [self.items, self.milestones, self.quantities, self.warnings, self.findings]
    }
}

/// The tables of one plan: items, milestones, quantities, warnings and findings. Their texts
/// borrow from the plan and its findings where these hold them.
pub fn tables<'a>(entry: &Entry<'a>) -> PlanTables<'a> {
    let plan = entry.plan;
    let plan_id = Value::Int(entry.identity.id);
    let schedule_column =
        plan.columns.iter().find(|c| c.role == ColumnRole::Schedule).map(|c| c.index);
    let mut items = Vec::with_capacity(plan.items.len());
    let mut milestones = Vec::with_capacity(plan.items.len() * 3);
    let mut quantities = Vec::with_capacity(plan.items.len() * 4);
    for item in &plan.items {
        let measure = item.measure.as_ref();
        // The schedule as the cell reads; joined milestones when the plan has no such column.
        let schedule: Cow<'a, str> = match schedule_column.and_then(|c| item.cells.get(c)) {
            Some(cell) => Cow::Borrowed(cell),
            None => Cow::Owned(
                item.schedule.iter().map(|m| m.text.as_str()).collect::<Vec<_>>().join("\n"),
            ),
        };
        items.push(vec![
            plan_id.clone(),
            Value::text(&item.id),
            Value::int(item.row),
            Value::opt_int(item.seq),
            Value::opt_text(item.section.as_deref()),
            Value::opt_int(measure.and_then(|m| m.number)),
            Value::opt_text(measure.map(|m| m.text.as_str())),
            measure.map_or(Value::Null, |m| Value::Bool(m.inherited)),
            Value::text(&item.goal.text),
            Value::text(schedule),
            Value::text(item.lead.join("、")),
            Value::text(item.support.join("、")),
            Value::text(item.documents.join("、")),
            Value::text(
                item.deadlines.iter().map(|d| d.text.as_str()).collect::<Vec<_>>().join("、"),
            ),
            Value::text(&item.fingerprint),
            Value::text(identity::shape(item)),
        ]);
        let at = |source, place| Place {
            plan: entry.identity.id,
            item: &item.id,
            row: item.row,
            source,
            place,
        };
        for (n, q) in item.goal.quantities.iter().enumerate() {
            quantities.push(quantity_row(&at(QuantitySource::Goal, None), n, q));
        }
        if let Some(m) = measure.filter(|m| !m.inherited) {
            for (n, q) in m.quantities.iter().enumerate() {
                quantities.push(quantity_row(&at(QuantitySource::Measure, None), n, q));
            }
        }
        for (index, m) in item.schedule.iter().enumerate() {
            let ordinal = index + 1;
            milestones.push(vec![
                plan_id.clone(),
                Value::text(&item.id),
                Value::int(item.row),
                Value::int(ordinal),
                Value::opt_text(m.label.as_deref()),
                Value::opt_int(m.start),
                Value::opt_int(m.end),
                Value::opt_text(m.topic.as_deref()),
                Value::text(&m.text),
            ]);
            let place = Some((ordinal, m.label.as_deref(), m.start, m.end));
            for (n, q) in m.quantities.iter().enumerate() {
                quantities.push(quantity_row(&at(QuantitySource::Milestone, place), n, q));
            }
        }
    }
    // Warnings and findings name a row; the item on that row, when there is one.
    let item_of = items_by_row(plan);
    let item_at = |row: Option<usize>| item_at(&item_of, row);
    let findings = entry
        .findings
        .iter()
        .map(|f| {
            let related: Vec<String> = f.related_rows.iter().map(usize::to_string).collect();
            vec![
                plan_id.clone(),
                item_at(f.row),
                Value::opt_int(f.row),
                Value::opt_int(f.column),
                Value::text(f.severity.as_str()),
                Value::text(&f.code),
                Value::text(&f.message),
                Value::text(f.evidence.join("\n")),
                Value::text(related.join(",")),
            ]
        })
        .collect();
    PlanTables {
        items: Table { name: "items", columns: ITEM_COLUMNS, rows: items },
        milestones: Table { name: "milestones", columns: MILESTONE_COLUMNS, rows: milestones },
        quantities: Table { name: "quantities", columns: QUANTITY_COLUMNS, rows: quantities },
        warnings: warnings_with(entry, &item_of),
        findings: Table { name: "findings", columns: FINDING_COLUMNS, rows: findings },
    }
}

/// The `warnings` table of one plan's reading: what [`tables`] gives as its warnings, without
/// the other tables (a second reading of a plan held adds only these).
pub fn warnings<'a>(entry: &Entry<'a>) -> Table<'a> {
    warnings_with(entry, &items_by_row(entry.plan))
}

fn warnings_with<'a>(entry: &Entry<'a>, item_of: &HashMap<usize, &'a str>) -> Table<'a> {
    let plan_id = Value::Int(entry.identity.id);
    let rows = entry
        .plan
        .warnings
        .iter()
        .map(|w| {
            vec![
                plan_id.clone(),
                Value::text(entry.identity.sha256.clone()),
                item_at(item_of, w.row),
                Value::opt_int(w.row),
                Value::opt_int(w.column),
                Value::text(&w.code),
                Value::text(&w.message),
            ]
        })
        .collect();
    Table { name: "warnings", columns: WARNING_COLUMNS, rows }
}

/// The item key on each row of the plan.
fn items_by_row(plan: &Plan) -> HashMap<usize, &str> {
    plan.items.iter().map(|i| (i.row, i.id.as_str())).collect()
}

/// The key of the item on `row`, when there is one.
fn item_at<'a>(item_of: &HashMap<usize, &'a str>, row: Option<usize>) -> Value<'a> {
    Value::opt_text(row.and_then(|r| item_of.get(&r).copied()))
}

/// Where a quantity stands: its plan, item and row, its source, and its milestone
/// (ordinal, label, quarters) when it comes from one.
struct Place<'a> {
    plan: i64,
    item: &'a str,
    row: usize,
    source: QuantitySource,
    place: Option<MilestonePlace<'a>>,
}

/// A milestone's ordinal, label and quarters.
type MilestonePlace<'a> = (usize, Option<&'a str>, Option<u8>, Option<u8>);

/// The row of quantity `q`, the `index`-th (0-based) of its text.
fn quantity_row<'a>(at: &Place<'a>, index: usize, q: &'a Quantity) -> Vec<Value<'a>> {
    let (milestone, label, start, end) = match at.place {
        Some((ordinal, label, start, end)) => (
            Value::int(ordinal),
            Value::opt_text(label),
            Value::opt_int(start),
            Value::opt_int(end),
        ),
        None => (Value::Null, Value::Null, Value::Null, Value::Null),
    };
    vec![
        Value::Int(at.plan),
        Value::text(at.item),
        Value::int(at.row),
        Value::text(at.source.as_str()),
        milestone,
        label,
        start,
        end,
        Value::text(&q.text),
        Value::int(q.start),
        Value::int(q.end),
        Value::opt_real(q.value),
        Value::opt_real(q.min),
        Value::opt_real(q.max),
        Value::opt_text(q.unit.as_deref()),
        Value::opt_text(q.surface_unit.as_deref()),
        Value::text(q.cmp.as_str()),
        Value::Bool(q.cumulative),
        Value::opt_text(q.object.as_deref()),
        Value::int(index + 1),
    ]
}

/// The row of `plans` for a plan at `revision`, after `previous`. Its texts are the
/// identity's, owned: the entry that holds them is gone before the row is written.
pub(crate) fn plan_row(
    entry: &Entry<'_>,
    revision: i64,
    previous: Option<i64>,
) -> Vec<Value<'static>> {
    let id = &entry.identity;
    vec![
        Value::Int(id.id),
        Value::text(id.fingerprint.clone()),
        Value::opt_text(id.issuer.clone()),
        Value::opt_int(id.year),
        Value::opt_text(id.title.clone()),
        Value::Int(revision),
        Value::opt_int(previous),
        Value::text(id.file.clone()),
        Value::text(id.format.clone()),
        Value::text(id.sha256.clone()),
        Value::opt_int(id.table),
        Value::text(entry.plan.schema.clone()),
        Value::int(entry.plan.items.len()),
    ]
}

fn source_row(id: &Identity) -> Vec<Value<'static>> {
    vec![
        Value::Int(id.id),
        Value::text(id.file.clone()),
        Value::text(id.format.clone()),
        Value::text(id.sha256.clone()),
        Value::opt_int(id.table),
    ]
}

/// What adding a plan to a ledger did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Added {
    /// The plan's id (`plans.id`).
    pub plan_id: i64,
    /// False when the ledger already held the same content (from this or another file):
    /// nothing was added but, for a new file, a `sources` row.
    pub new: bool,
    /// The plan's revision within its issuer, year and title (1 for the first).
    pub revision: i64,
    /// The revision before, when there is one.
    pub previous: Option<i64>,
}

/// Plans gathered for a CSV or Excel export: the same content once, revisions numbered in
/// the order they are added, every table in one piece. The rows borrow the texts of the
/// plans added, which must outlive the ledger.
#[derive(Debug, Clone)]
pub struct Ledger<'a> {
    plans: Table<'a>,
    sources: Table<'a>,
    tables: [Table<'a>; 5],
    /// Fingerprint → its plan's (id, revision, previous).
    known: HashMap<String, Added>,
    /// (sha256, table) of every source added.
    sources_seen: std::collections::HashSet<(String, Option<i64>)>,
    /// Lineage → the latest revision's (id, revision).
    lineages: HashMap<String, (i64, i64)>,
}

impl Default for Ledger<'_> {
    fn default() -> Self {
        let empty = |name, columns| Table { name, columns, rows: Vec::new() };
        Ledger {
            plans: empty("plans", PLAN_COLUMNS),
            sources: empty("sources", SOURCE_COLUMNS),
            tables: [
                empty("items", ITEM_COLUMNS),
                empty("milestones", MILESTONE_COLUMNS),
                empty("quantities", QUANTITY_COLUMNS),
                empty("warnings", WARNING_COLUMNS),
                empty("findings", FINDING_COLUMNS),
            ],
            known: HashMap::new(),
            sources_seen: std::collections::HashSet::new(),
            lineages: HashMap::new(),
        }
    }
}

impl<'a> Ledger<'a> {
    pub fn new() -> Ledger<'a> {
        Ledger::default()
    }

    /// Adds a plan: its rows, unless the ledger holds the same content already.
    pub fn add(&mut self, entry: &Entry<'a>) -> Added {
        let id = &entry.identity;
        let new_source = self.sources_seen.insert((id.sha256.clone(), id.table));
        if new_source {
            self.sources.rows.push(source_row(id));
        }
        if let Some(known) = self.known.get(&id.fingerprint) {
            if new_source {
                // Another reading of a plan held: its own warnings.
                let [_, _, _, warnings, _] = &mut self.tables;
                warnings.rows.append(&mut self::warnings(entry).rows);
            }
            return Added { new: false, ..*known };
        }
        let lineage = id.lineage();
        let (revision, previous) = match self.lineages.get(&lineage) {
            Some(&(previous, revision)) => (revision + 1, Some(previous)),
            None => (1, None),
        };
        self.lineages.insert(lineage, (id.id, revision));
        self.plans.rows.push(plan_row(entry, revision, previous));
        for (all, mut table) in self.tables.iter_mut().zip(tables(entry).into_array()) {
            all.rows.append(&mut table.rows);
        }
        let added = Added { plan_id: id.id, new: true, revision, previous };
        self.known.insert(id.fingerprint.clone(), added);
        added
    }

    /// Every table: plans, sources, items, milestones, quantities, warnings, findings.
    pub fn tables(&self) -> impl Iterator<Item = &Table<'a>> + Clone {
        [&self.plans, &self.sources].into_iter().chain(self.tables.iter())
    }

    /// The tables of [`Ledger::tables`], given up.
    pub fn into_tables(self) -> impl Iterator<Item = Table<'a>> {
        [self.plans, self.sources].into_iter().chain(self.tables)
    }
}

/// The tables with the headers spreadsheets show replaced: `header(column)` gives the header
/// of a column, or `None` to keep its identifier. SQLite keeps the identifiers always.
pub fn with_headers<'t, 'a: 't>(
    tables: impl IntoIterator<Item = &'t Table<'a>>,
    header: impl Fn(&str) -> Option<&'static str>,
) -> Vec<Table<'a>> {
    relabelled(tables.into_iter().cloned(), header)
}

/// [`with_headers`] of tables given up: their rows move, never copied.
pub fn relabelled<'a>(
    tables: impl IntoIterator<Item = Table<'a>>,
    header: impl Fn(&str) -> Option<&'static str>,
) -> Vec<Table<'a>> {
    tables
        .into_iter()
        .map(|table| {
            let columns: Vec<Column> = table
                .columns
                .iter()
                .map(|c| Column { name: header(c.name).unwrap_or(c.name), ..*c })
                .collect();
            // A few dozen columns, relabelled once per export.
            let columns: &'static [Column] = Box::leak(columns.into_boxed_slice());
            Table { columns, ..table }
        })
        .collect()
}

/// Drops `value` on a thread of its own: freeing a big plan or its tables (millions of small
/// strings; about a second at 111,000 rows) then overlaps the work that follows, or the
/// process's end, instead of delaying it. Dropped in place when no thread can be started.
pub fn drop_in_background<T: Send + 'static>(value: T) {
    // When no thread can be started, `spawn` drops the closure, and the value with it, here.
    let _ = std::thread::Builder::new().name("taizhang-free".into()).spawn(move || drop(value));
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A folder with one CSV file per table (`plans.csv`, `items.csv`, …).
    Csv,
    /// One workbook with a sheet per table.
    Xlsx,
    /// A SQLite database; the plans are added to what the file already holds.
    Sqlite,
}

/// Writes `plan` (without findings) to `out` in the `target` format.
pub fn export(plan: &Plan, target: Target, out: &Path) -> Result<Added, ExportError> {
    let entry = Entry::new(plan, None, &[]);
    match target {
        Target::Sqlite => sqlite::Database::open(out)?.append(&entry),
        Target::Csv | Target::Xlsx => {
            let mut ledger = Ledger::new();
            let added = ledger.add(&entry);
            match target {
                Target::Csv => csv::write_dir(&ledger, out)?,
                _ => xlsx::write_file(&ledger, out)?,
            }
            Ok(added)
        }
    }
}

/// Writes `bytes` to `path` whole or not at all: into a temporary file beside it, then
/// renamed over it.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::output::write_atomic(path, |out| out.write_all(bytes))
        .map_err(|e| ExportError::io(path, e))
}

#[cfg(test)]
mod tests;
