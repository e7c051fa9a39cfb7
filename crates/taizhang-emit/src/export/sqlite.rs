//! SQLite: plans, items, milestones and quantities in one database file, many plans per file.
//!
//! ```sql
//! plans      (id INTEGER PRIMARY KEY, file, format, sha256, table_index, year, schema, items)
//! items      (id INTEGER PRIMARY KEY, plan_id → plans.id, item, row, seq, section, …)
//! milestones (id INTEGER PRIMARY KEY, plan_id, item_id → items.id, item, row, milestone, …)
//! quantities (id INTEGER PRIMARY KEY, plan_id, item_id, milestone_id → milestones.id, …)
//! units      (id INTEGER PRIMARY KEY, plan_id, item_id, role 'lead'|'support', position, name)
//! ```
//!
//! The columns after the keys are those of the CSV export (see the module above). Exporting
//! into an existing database adds the plan; exporting the same plan again (same `sha256` and
//! `table_index`) replaces it, so a re-run never doubles the numbers. Booleans are 0/1.
//!
//! ```sql
//! -- Every item 城建局 leads, in every plan:
//! SELECT p.year, i.row, i.goal FROM units u JOIN items i ON i.id = u.item_id
//! JOIN plans p ON p.id = u.plan_id WHERE u.role = 'lead' AND u.name = '城建局';
//! -- Investment scheduled per plan year:
//! SELECT p.year, SUM(q.value) FROM quantities q JOIN plans p ON p.id = q.plan_id
//! WHERE q.source = 'goal' AND q.unit = '元' GROUP BY p.year;
//! ```

use std::path::Path;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Transaction};
use taizhang_model::Plan;

use super::{tables, Column, ExportError, Kind, Value};

/// The schema version stored in `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = 1;

/// What [`append`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appended {
    /// The new `plans.id`.
    pub plan_id: i64,
    /// The database held the same plan (same sha256 and table), which was replaced.
    pub replaced: bool,
}

/// Adds `plan` to the database at `path`, creating the file and the tables when needed.
pub fn append(plan: &Plan, path: &Path) -> Result<Appended, ExportError> {
    let sql = |cause| ExportError::Sqlite { path: path.to_owned(), cause };
    if path.is_dir() {
        return Err(ExportError::Invalid {
            path: path.to_owned(),
            message: "is a folder, not a database file".to_owned(),
        });
    }
    let mut conn = Connection::open(path).map_err(sql)?;
    ensure_schema(&conn, path)?;
    let tx = conn.transaction().map_err(sql)?;
    let appended = insert(&tx, plan).map_err(sql)?;
    tx.commit().map_err(sql)?;
    Ok(appended)
}

fn ensure_schema(conn: &Connection, path: &Path) -> Result<(), ExportError> {
    let sql = |cause| ExportError::Sqlite { path: path.to_owned(), cause };
    // Reading the schema is the first access: a file that is not a database fails here.
    let has_plans: bool = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'plans'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(sql)?
        > 0;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(sql)?;
    if has_plans && version != SCHEMA_VERSION {
        return Err(ExportError::Invalid {
            path: path.to_owned(),
            message: format!(
                "has a `plans` table but schema version {version}, not {SCHEMA_VERSION}: not a taizhang database"
            ),
        });
    }
    conn.execute_batch("PRAGMA foreign_keys = ON;").map_err(sql)?;
    if !has_plans {
        conn.execute_batch(&create_statements()).map_err(sql)?;
    }
    Ok(())
}

fn create_statements() -> String {
    let [items, milestones, quantities] = tables_columns();
    format!(
        "BEGIN;
CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  format TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  table_index INTEGER,
  year INTEGER,
  schema TEXT NOT NULL,
  items INTEGER NOT NULL
);
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
{items}
);
CREATE TABLE milestones (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
{milestones}
);
CREATE TABLE quantities (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  milestone_id INTEGER REFERENCES milestones(id) ON DELETE CASCADE,
{quantities}
);
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL
);
CREATE INDEX items_plan ON items(plan_id, row);
CREATE INDEX units_name ON units(name);
CREATE INDEX milestones_item ON milestones(item_id);
CREATE INDEX quantities_item ON quantities(item_id);
CREATE INDEX quantities_unit ON quantities(unit);
PRAGMA user_version = {SCHEMA_VERSION};
COMMIT;"
    )
}

/// The column declarations of items, milestones and quantities.
fn tables_columns() -> [String; 3] {
    let declare = |columns: &[Column]| {
        columns
            .iter()
            .map(|c| {
                let ty = match c.kind {
                    Kind::Int | Kind::Bool => "INTEGER",
                    Kind::Real => "REAL",
                    Kind::Text | Kind::LongText => "TEXT",
                };
                format!("  \"{}\" {ty}", c.name)
            })
            .collect::<Vec<_>>()
            .join(",\n")
    };
    [
        declare(super::ITEM_COLUMNS),
        declare(super::MILESTONE_COLUMNS),
        declare(super::QUANTITY_COLUMNS),
    ]
}

fn insert(tx: &Transaction<'_>, plan: &Plan) -> rusqlite::Result<Appended> {
    let table_index = plan.source.table.and_then(|t| i64::try_from(t).ok());
    let previous: Option<i64> = tx
        .query_row(
            "SELECT id FROM plans WHERE sha256 = ?1 AND table_index IS ?2",
            params![plan.source.sha256, table_index],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = previous {
        tx.execute("DELETE FROM plans WHERE id = ?1", [id])?;
    }
    let format = serde_json::to_value(plan.source.format)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    tx.execute(
        "INSERT INTO plans (file, format, sha256, table_index, year, schema, items)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            plan.source.file,
            format,
            plan.source.sha256,
            table_index,
            plan.year,
            plan.schema,
            i64::try_from(plan.items.len()).unwrap_or(i64::MAX),
        ],
    )?;
    let plan_id = tx.last_insert_rowid();

    let [items, milestones, quantities] = tables(plan);
    let mut item_ids: Vec<(String, i64)> = Vec::with_capacity(items.rows.len());
    {
        let mut stmt = tx.prepare(&insert_sql("items", &["plan_id"], items.columns))?;
        for row in &items.rows {
            let mut values = vec![SqlValue::Integer(plan_id)];
            values.extend(row.iter().map(to_sql));
            stmt.execute(params_from_iter(values))?;
            let key = row.first().map(Value::to_csv_field).unwrap_or_default();
            item_ids.push((key, tx.last_insert_rowid()));
        }
    }
    let item_id = |row: &[Value]| {
        let key = row.first().map(Value::to_csv_field).unwrap_or_default();
        item_ids.iter().find(|(k, _)| *k == key).map(|(_, id)| *id)
    };
    // (item id, milestone ordinal) → milestones.id
    let mut milestone_ids: Vec<((i64, i64), i64)> = Vec::with_capacity(milestones.rows.len());
    {
        let mut stmt =
            tx.prepare(&insert_sql("milestones", &["plan_id", "item_id"], milestones.columns))?;
        for row in &milestones.rows {
            let Some(item) = item_id(row) else { continue };
            let mut values = vec![SqlValue::Integer(plan_id), SqlValue::Integer(item)];
            values.extend(row.iter().map(to_sql));
            stmt.execute(params_from_iter(values))?;
            if let Some(Value::Int(ordinal)) = row.get(2) {
                milestone_ids.push(((item, *ordinal), tx.last_insert_rowid()));
            }
        }
    }
    {
        let mut stmt = tx.prepare(&insert_sql(
            "quantities",
            &["plan_id", "item_id", "milestone_id"],
            quantities.columns,
        ))?;
        for row in &quantities.rows {
            let Some(item) = item_id(row) else { continue };
            let milestone = match row.get(3) {
                Some(Value::Int(ordinal)) => milestone_ids
                    .iter()
                    .find(|(k, _)| *k == (item, *ordinal))
                    .map_or(SqlValue::Null, |(_, id)| SqlValue::Integer(*id)),
                _ => SqlValue::Null,
            };
            let mut values = vec![SqlValue::Integer(plan_id), SqlValue::Integer(item), milestone];
            values.extend(row.iter().map(to_sql));
            stmt.execute(params_from_iter(values))?;
        }
    }
    {
        // One row per lead or supporting unit, so that `WHERE name = '城建局'` finds every
        // item a unit leads without matching inside other names.
        let mut stmt = tx.prepare(
            "INSERT INTO units (plan_id, item_id, role, position, name) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for item in &plan.items {
            let Some(item_id) = item_ids.iter().find(|(k, _)| *k == item.id).map(|(_, id)| *id)
            else {
                continue;
            };
            for (role, names) in [("lead", &item.lead), ("support", &item.support)] {
                for (position, name) in names.iter().enumerate() {
                    let position = i64::try_from(position + 1).unwrap_or(i64::MAX);
                    stmt.execute(params![plan_id, item_id, role, position, name])?;
                }
            }
        }
    }
    Ok(Appended { plan_id, replaced: previous.is_some() })
}

fn insert_sql(table: &str, keys: &[&str], columns: &[Column]) -> String {
    let names: Vec<String> = keys
        .iter()
        .map(|k| format!("\"{k}\""))
        .chain(columns.iter().map(|c| format!("\"{}\"", c.name)))
        .collect();
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    format!("INSERT INTO {table} ({}) VALUES ({})", names.join(", "), marks.join(", "))
}

fn to_sql(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Int(n) => SqlValue::Integer(*n),
        Value::Real(x) => SqlValue::Real(*x),
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Text(s) => SqlValue::Text(s.clone()),
    }
}
