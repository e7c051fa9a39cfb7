//! Exports of a plan to CSV, Excel and SQLite: three tables for spreadsheets and SQL.
//!
//! # Tables
//!
//! Every export writes the same three tables (CSV files, Excel sheets, SQLite tables), built
//! once by [`tables`]:
//!
//! - `items`: one row per item (`item`, its id such as `r016`, `row`, `seq`, `section`, the measure,
//!   `goal`, `schedule` as the cell reads, `lead` / `support` / `documents` / `deadlines`
//!   joined with `、`, `fingerprint`).
//! - `milestones`: one row per milestone of an item (`item`, `milestone` = 1-based position in
//!   the item's schedule, `label`, `start_quarter`, `end_quarter`, `topic`, `text`).
//! - `quantities`: one row per quantity, with `item`, `source` (`goal`, `measure` or
//!   `milestone`), the milestone and its period when it comes from one, `text`, the char
//!   offsets `char_start` / `char_end` in the text it belongs to, `value` / `min` / `max`
//!   normalized, `unit`, `surface_unit`, `cmp`, `cumulative` and `object`. A measure shared by
//!   several rows (a merged cell) is written once, on the row that carries its text, so that
//!   sums over the table count each number once.
//!
//! Numbers are written as the shortest decimal that reads back to the same `f64`
//! (`2610000000`, `0.5`), never with float noise. CSV files start with a UTF-8 BOM so that
//! Excel and WPS open the Chinese text correctly. SQLite adds a `plans` table and `plan_id`
//! columns so that many plans and years load into one database, and a `units` table with one
//! row per lead or supporting unit (see [`sqlite`]).

pub mod csv;
pub mod sqlite;
pub mod xlsx;

use std::path::{Path, PathBuf};

use taizhang_model::check::QuantitySource;
use taizhang_model::plan::ColumnRole;
use taizhang_model::{Plan, Quantity};

/// Why an export failed; every message names the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    // The cause is part of the one-line message and deliberately not a `source()`, so that
    // printing the error chain does not repeat it.
    #[error("{}: {cause}", path.display())]
    Io { path: PathBuf, cause: std::io::Error },
    #[error("{}: {cause}", path.display())]
    Csv { path: PathBuf, cause: ::csv::Error },
    #[error("{}: {cause}", path.display())]
    Xlsx { path: PathBuf, cause: rust_xlsxwriter::XlsxError },
    #[error("{}: {cause}", path.display())]
    Sqlite { path: PathBuf, cause: rusqlite::Error },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

impl ExportError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> ExportError {
        ExportError::Io { path: path.to_owned(), cause: source }
    }
}

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Bool(bool),
    Text(String),
}

impl Value {
    fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    fn opt_text(s: Option<impl Into<String>>) -> Value {
        s.map_or(Value::Null, |s| Value::Text(s.into()))
    }

    fn opt_int<T: TryInto<i64>>(n: Option<T>) -> Value {
        n.and_then(|n| n.try_into().ok()).map_or(Value::Null, Value::Int)
    }

    fn int<T: TryInto<i64>>(n: T) -> Value {
        Value::opt_int(Some(n))
    }

    fn opt_real(n: Option<f64>) -> Value {
        n.filter(|n| n.is_finite()).map_or(Value::Null, Value::Real)
    }

    /// The value as CSV writes it: empty for null, `true`/`false`, the shortest decimal.
    pub fn to_csv_field(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Int(n) => n.to_string(),
            Value::Real(x) => format_real(*x),
            Value::Bool(b) => b.to_string(),
            Value::Text(s) => s.clone(),
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
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [Column],
    pub rows: Vec<Vec<Value>>,
}

pub const ITEM_COLUMNS: &[Column] = &[
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
];

pub const MILESTONE_COLUMNS: &[Column] = &[
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
];

/// The three tables of a plan: items, milestones, quantities (in that order).
pub fn tables(plan: &Plan) -> [Table; 3] {
    let schedule_column =
        plan.columns.iter().find(|c| c.role == ColumnRole::Schedule).map(|c| c.index);
    let mut items = Vec::with_capacity(plan.items.len());
    let mut milestones = Vec::new();
    let mut quantities = Vec::new();
    for item in &plan.items {
        let measure = item.measure.as_ref();
        // The schedule as the cell reads; joined milestones when the plan has no such column.
        let schedule =
            schedule_column.and_then(|c| item.cells.get(c)).cloned().unwrap_or_else(|| {
                item.schedule.iter().map(|m| m.text.as_str()).collect::<Vec<_>>().join("\n")
            });
        items.push(vec![
            Value::text(&item.id),
            Value::int(item.row),
            Value::opt_int(item.seq),
            Value::opt_text(item.section.clone()),
            Value::opt_int(measure.and_then(|m| m.number)),
            Value::opt_text(measure.map(|m| m.text.clone())),
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
        ]);
        for q in &item.goal.quantities {
            quantities.push(quantity_row(&item.id, item.row, QuantitySource::Goal, None, q));
        }
        if let Some(m) = measure.filter(|m| !m.inherited) {
            for q in &m.quantities {
                quantities.push(quantity_row(&item.id, item.row, QuantitySource::Measure, None, q));
            }
        }
        for (index, m) in item.schedule.iter().enumerate() {
            let ordinal = index + 1;
            milestones.push(vec![
                Value::text(&item.id),
                Value::int(item.row),
                Value::int(ordinal),
                Value::opt_text(m.label.clone()),
                Value::opt_int(m.start),
                Value::opt_int(m.end),
                Value::opt_text(m.topic.clone()),
                Value::text(&m.text),
            ]);
            for q in &m.quantities {
                let place = Some((ordinal, m.label.as_deref(), m.start, m.end));
                quantities.push(quantity_row(
                    &item.id,
                    item.row,
                    QuantitySource::Milestone,
                    place,
                    q,
                ));
            }
        }
    }
    [
        Table { name: "items", columns: ITEM_COLUMNS, rows: items },
        Table { name: "milestones", columns: MILESTONE_COLUMNS, rows: milestones },
        Table { name: "quantities", columns: QUANTITY_COLUMNS, rows: quantities },
    ]
}

type Place<'a> = (usize, Option<&'a str>, Option<u8>, Option<u8>);

fn quantity_row(
    item: &str,
    row: usize,
    source: QuantitySource,
    place: Option<Place<'_>>,
    q: &Quantity,
) -> Vec<Value> {
    let (milestone, label, start, end) = match place {
        Some((ordinal, label, start, end)) => (
            Value::int(ordinal),
            Value::opt_text(label),
            Value::opt_int(start),
            Value::opt_int(end),
        ),
        None => (Value::Null, Value::Null, Value::Null, Value::Null),
    };
    let cmp = serde_json::to_value(q.cmp)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    vec![
        Value::text(item),
        Value::int(row),
        Value::text(source.as_str()),
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
        Value::opt_text(q.unit.clone()),
        Value::opt_text(q.surface_unit.clone()),
        Value::text(cmp),
        Value::Bool(q.cumulative),
        Value::opt_text(q.object.clone()),
    ]
}

/// The tables with the headers spreadsheets show replaced: `header(column)` gives the header
/// of a column, or `None` to keep its identifier. SQLite keeps the identifiers always.
pub fn with_headers(
    tables: [Table; 3],
    header: impl Fn(&str) -> Option<&'static str>,
) -> [Table; 3] {
    tables.map(|mut table| {
        let columns: Vec<Column> = table
            .columns
            .iter()
            .map(|c| Column { name: header(c.name).unwrap_or(c.name), ..*c })
            .collect();
        // A few dozen columns, relabelled once per export.
        table.columns = Box::leak(columns.into_boxed_slice());
        table
    })
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A folder with `items.csv`, `milestones.csv`, `quantities.csv`.
    Csv,
    /// One workbook with the three tables as sheets.
    Xlsx,
    /// A SQLite database; the plan is added to what the file already holds.
    Sqlite,
}

/// Writes `plan` to `out` in the `target` format.
pub fn export(plan: &Plan, target: Target, out: &Path) -> Result<(), ExportError> {
    match target {
        Target::Csv => csv::write_dir(plan, out),
        Target::Xlsx => xlsx::write_file(plan, out),
        Target::Sqlite => sqlite::append(plan, out).map(|_| ()),
    }
}

#[cfg(test)]
mod tests;
