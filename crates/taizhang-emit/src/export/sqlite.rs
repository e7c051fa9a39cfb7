//! SQLite: a ledger of many plans in one database file, safe with many writers and readers.
//!
//! ```sql
//! plans      (id INTEGER PRIMARY KEY, fingerprint UNIQUE, issuer, year, title, revision,
//!             previous_id → plans.id, file, format, sha256, table_index, schema, items, lineage)
//! sources    (id, plan_id → plans.id, file, format, sha256, table_index)
//! items      (id INTEGER PRIMARY KEY, plan_id → plans.id, item, row, seq, section, …)
//! milestones (id INTEGER PRIMARY KEY, item_id → items.id, plan_id, item, row, milestone, …)
//! quantities (id INTEGER PRIMARY KEY, item_id, milestone_id → milestones.id, plan_id, …)
//! units      (id INTEGER PRIMARY KEY, plan_id, item_id, role 'lead'|'support', position, name)
//! warnings   (id INTEGER PRIMARY KEY, item_id, plan_id, sha256 (the source), item, row, …)
//! findings   (id INTEGER PRIMARY KEY, item_id, plan_id, item, row, column, severity, code, …)
//! current_plans: a view of `plans`, the latest revision of each issuer, year and title
//! ```
//!
//! The columns after the keys are those of the CSV export (see the module above); booleans
//! are 0/1. Every id is derived from the plan's content (see [`super::identity`]).
//!
//! Adding a plan the database already holds (the same content from any file) adds only its
//! file to `sources`. A file exported before whose reading changed (a newer taizhang) replaces
//! its old reading. A new content of an issuer, year and title already held is its next
//! revision, linked to the one before by `previous_id`.
//!
//! Each plan goes in one transaction, all of it or nothing. The database is in WAL mode, so
//! readers never wait for a writer; writers wait their turn (a busy timeout, then retries),
//! and only after [`MAX_WAIT`] give up with a message. The schema version is kept in
//! `PRAGMA user_version`: a database of another version is refused with a message, never
//! misread.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, ErrorCode, OptionalExtension, ToSql, Transaction};

use super::{
    messages, plan_row, tables, Added, Column, Entry, ExportError, Kind, Table, Value, ITEM_KEY,
    MILESTONE_ORDINAL, QUANTITY_MILESTONE, WARNING_ITEM_KEY,
};

/// The schema version stored in `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = 2;

/// How long one attempt waits for a lock before trying again.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a writer waits for the others in all before it gives up.
pub const MAX_WAIT: Duration = Duration::from_secs(120);

/// A ledger database, open for appending plans.
pub struct Database {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database").field("path", &self.path).finish_non_exhaustive()
    }
}

/// Adds `entry` to the database at `path`, creating the file and the tables when needed.
pub fn append(entry: &Entry<'_>, path: &Path) -> Result<Added, ExportError> {
    Database::open(path)?.append(entry)
}

impl Database {
    /// Opens (or creates) the database at `path` and checks or creates its tables.
    pub fn open(path: &Path) -> Result<Database, ExportError> {
        if path.is_dir() {
            return Err(ExportError::Invalid {
                path: path.to_owned(),
                message: messages::sqlite_a_folder(),
            });
        }
        let sql = |cause| ExportError::Sqlite { path: path.to_owned(), cause };
        let conn = Connection::open(path).map_err(sql)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(sql)?;
        let mut db = Database { conn, path: path.to_owned() };
        // Pages of 16 KiB for a new database (an existing one keeps its own): a plan's long
        // texts need fewer overflow pages, and a 111,000-row plan went in ~10% faster.
        db.conn.execute_batch("PRAGMA page_size = 16384;").map_err(sql)?;
        // The first access: a file that is not a database fails here.
        db.retry(|conn| {
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
        })?;
        db.conn
            .execute_batch(
                "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;",
            )
            .map_err(sql)?;
        let refusal = db.retry(ensure_schema)?;
        if let Some(message) = refusal {
            return Err(ExportError::Invalid { path: path.to_owned(), message });
        }
        Ok(db)
    }

    /// Adds one plan in one transaction.
    pub fn append(&mut self, entry: &Entry<'_>) -> Result<Added, ExportError> {
        self.retry(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let added = insert(&tx, entry)?;
            tx.commit()?;
            Ok(added)
        })
    }

    /// Runs `step` until it is not refused for a lock, for at most [`MAX_WAIT`].
    fn retry<T>(
        &mut self,
        mut step: impl FnMut(&mut Connection) -> rusqlite::Result<T>,
    ) -> Result<T, ExportError> {
        let started = Instant::now();
        loop {
            match step(&mut self.conn) {
                Ok(value) => return Ok(value),
                Err(err) if is_busy(&err) && started.elapsed() < MAX_WAIT => {
                    // The busy timeout has waited already; a short pause, then again.
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(err) if is_busy(&err) => {
                    return Err(ExportError::Invalid {
                        path: self.path.clone(),
                        message: messages::still_locked(started.elapsed()),
                    })
                }
                Err(cause) => return Err(ExportError::Sqlite { path: self.path.clone(), cause }),
            }
        }
    }
}

fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(err.sqlite_error_code(), Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked))
}

/// Checks the schema version, creating the tables in a new database. `Some(message)` when
/// the database is refused.
fn ensure_schema(conn: &mut Connection) -> rusqlite::Result<Option<taizhang_i18n::Msg>> {
    let state = |conn: &Connection| -> rusqlite::Result<(bool, i64)> {
        let has_plans = conn.query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'plans'",
            [],
            |r| r.get::<_, i64>(0),
        )? > 0;
        let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok((has_plans, version))
    };
    let refusal = |(has_plans, version): (bool, i64)| match (has_plans, version) {
        (false, _) | (true, SCHEMA_VERSION) => None,
        (true, 1) => Some(messages::older_ledger(1, SCHEMA_VERSION)),
        (true, v) if v > SCHEMA_VERSION => Some(messages::newer_ledger(v, SCHEMA_VERSION)),
        (true, v) => Some(messages::not_a_ledger(v)),
    };
    let now = state(conn)?;
    if now.0 {
        return Ok(refusal(now));
    }
    // A new database: create the tables, unless another writer has just done it.
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let now = state(&tx)?;
    if now.0 {
        return Ok(refusal(now));
    }
    tx.execute_batch(&create_statements())?;
    tx.commit()?;
    Ok(None)
}

fn create_statements() -> String {
    let declare = |columns: &[Column], skip: &[&str]| {
        columns
            .iter()
            .filter(|c| !skip.contains(&c.name))
            .map(|c| {
                let ty = match c.kind {
                    Kind::Int | Kind::Bool => "INTEGER",
                    Kind::Real => "REAL",
                    Kind::Text | Kind::LongText => "TEXT",
                };
                format!(",\n  \"{}\" {ty}", c.name)
            })
            .collect::<String>()
    };
    let plan_key = "plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE";
    let items = declare(super::ITEM_COLUMNS, &["plan_id"]);
    let milestones = declare(super::MILESTONE_COLUMNS, &["plan_id"]);
    let quantities = declare(super::QUANTITY_COLUMNS, &["plan_id"]);
    let warnings = declare(super::WARNING_COLUMNS, &["plan_id"]);
    let findings = declare(super::FINDING_COLUMNS, &["plan_id"]);
    format!(
        "CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  issuer TEXT,
  year INTEGER,
  title TEXT,
  revision INTEGER NOT NULL,
  previous_id INTEGER REFERENCES plans(id) ON DELETE SET NULL,
  file TEXT NOT NULL,
  format TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  table_index INTEGER,
  schema TEXT NOT NULL,
  items INTEGER NOT NULL,
  lineage TEXT NOT NULL
);
CREATE INDEX plans_lineage ON plans(lineage, revision);
CREATE INDEX plans_previous ON plans(previous_id);
CREATE VIEW current_plans AS
  SELECT * FROM plans p
  WHERE p.revision = (SELECT MAX(q.revision) FROM plans q WHERE q.lineage = p.lineage);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  {plan_key},
  file TEXT NOT NULL,
  format TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  table_index INTEGER
);
CREATE UNIQUE INDEX sources_file ON sources(sha256, IFNULL(table_index, -1));
CREATE INDEX sources_plan ON sources(plan_id);
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  {plan_key}{items}
);
CREATE TABLE milestones (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  {plan_key}{milestones}
);
CREATE TABLE quantities (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  milestone_id INTEGER REFERENCES milestones(id) ON DELETE CASCADE,
  {plan_key}{quantities}
);
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  {plan_key},
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL
);
CREATE TABLE warnings (
  id INTEGER PRIMARY KEY,
  item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
  {plan_key}{warnings}
);
CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
  {plan_key}{findings}
);
CREATE INDEX items_plan ON items(plan_id, row);
CREATE INDEX milestones_plan ON milestones(plan_id);
CREATE INDEX milestones_item ON milestones(item_id);
CREATE INDEX quantities_plan ON quantities(plan_id);
CREATE INDEX quantities_item ON quantities(item_id);
CREATE INDEX quantities_milestone ON quantities(milestone_id);
CREATE INDEX quantities_unit ON quantities(unit);
CREATE INDEX units_plan ON units(plan_id);
CREATE INDEX units_item ON units(item_id);
CREATE INDEX units_name ON units(name);
CREATE INDEX warnings_plan ON warnings(plan_id);
CREATE INDEX warnings_item ON warnings(item_id);
CREATE INDEX findings_plan ON findings(plan_id);
CREATE INDEX findings_item ON findings(item_id);
PRAGMA user_version = {SCHEMA_VERSION};"
    )
}

/// A cell bound to a statement without copying its text.
impl ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(n) => ToSqlOutput::Borrowed(ValueRef::Integer(*n)),
            Value::Real(x) => ToSqlOutput::Borrowed(ValueRef::Real(*x)),
            Value::Bool(b) => ToSqlOutput::Borrowed(ValueRef::Integer(i64::from(*b))),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        })
    }
}

fn text_at<'r>(row: &'r [Value<'_>], index: usize) -> Option<&'r str> {
    match row.get(index) {
        Some(Value::Text(s)) => Some(s),
        _ => None,
    }
}

fn int_at(row: &[Value<'_>], index: usize) -> Option<i64> {
    match row.get(index) {
        Some(Value::Int(n)) => Some(*n),
        _ => None,
    }
}

fn insert(tx: &Transaction<'_>, entry: &Entry<'_>) -> rusqlite::Result<Added> {
    let id = &entry.identity;
    let source_id = id.row_id("source", &format!("{}/{:?}", id.sha256, id.table));
    let add_source = |plan_id: i64| {
        tx.execute(
            "INSERT OR IGNORE INTO sources (id, plan_id, file, format, sha256, table_index)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![source_id, plan_id, id.file, id.format, id.sha256, id.table],
        )
    };
    // The same content, from this file or another: one plan, one more source.
    let known: Option<(i64, Option<i64>)> = tx
        .query_row(
            "SELECT revision, previous_id FROM plans WHERE fingerprint = ?1",
            [&id.fingerprint],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((revision, previous)) = known {
        if add_source(id.id)? > 0 {
            // Another reading of a plan held: its own warnings.
            let warnings = super::warnings(entry);
            // The plan's item ids, read once when a warning names an item.
            let mut item_ids: HashMap<String, i64> = HashMap::new();
            if warnings.rows.iter().any(|row| text_at(row, WARNING_ITEM_KEY).is_some()) {
                let mut stmt = tx.prepare("SELECT item, id FROM items WHERE plan_id = ?1")?;
                let rows = stmt.query_map([id.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                for row in rows {
                    let (item, item_id) = row?;
                    item_ids.insert(item, item_id);
                }
            }
            let item_ids = item_ids.iter().map(|(k, &v)| (k.as_str(), v)).collect();
            insert_warnings(tx, entry, &warnings, &item_ids)?;
        }
        return Ok(Added { plan_id: id.id, new: false, revision, previous });
    }
    // This file gave another content before (an older reading of it): that reading goes,
    // with its plan unless another file holds it too.
    let earlier: Option<i64> = tx
        .query_row(
            "SELECT plan_id FROM sources WHERE sha256 = ?1 AND IFNULL(table_index, -1) = IFNULL(?2, -1)",
            params![id.sha256, id.table],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(earlier) = earlier {
        tx.execute(
            "DELETE FROM sources WHERE sha256 = ?1 AND IFNULL(table_index, -1) = IFNULL(?2, -1)",
            params![id.sha256, id.table],
        )?;
        tx.execute(
            "DELETE FROM plans WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM sources WHERE plan_id = ?1)",
            [earlier],
        )?;
    }
    let lineage = id.lineage();
    let latest: Option<(i64, i64)> = tx
        .query_row(
            "SELECT id, revision FROM plans WHERE lineage = ?1 ORDER BY revision DESC LIMIT 1",
            [&lineage],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (revision, previous) = match latest {
        Some((previous, revision)) => (revision + 1, Some(previous)),
        None => (1, None),
    };
    let mut row = plan_row(entry, revision, previous);
    row.push(Value::Text(lineage.into()));
    let mut names: Vec<&str> = super::PLAN_COLUMNS.iter().map(|c| c.name).collect();
    names.push("lineage");
    tx.prepare(&insert_sql("plans", &names))?.execute(rusqlite::params_from_iter(&row))?;
    add_source(id.id)?;

    let tables = tables(entry);
    let names = |columns: &[Column], keys: &[&'static str]| -> Vec<&'static str> {
        keys.iter().copied().chain(columns.iter().map(|c| c.name)).collect()
    };

    // Item key (`r016`) → items.id; row → item key, for warnings and findings.
    let mut item_ids: HashMap<&str, i64> = HashMap::with_capacity(tables.items.rows.len());
    {
        let mut stmt = tx.prepare(&insert_sql("items", &names(tables.items.columns, &["id"])))?;
        let mut ids = id.row_ids("item", "");
        for row in &tables.items.rows {
            let key = text_at(row, ITEM_KEY).unwrap_or_default();
            let item_id = ids.next_id();
            item_ids.insert(key, item_id);
            execute(&mut stmt, &[&item_id], row)?;
        }
    }
    // (item key, milestone ordinal) → milestones.id
    let mut milestone_ids: HashMap<(&str, i64), i64> =
        HashMap::with_capacity(tables.milestones.rows.len());
    {
        let columns = names(tables.milestones.columns, &["id", "item_id"]);
        let mut stmt = tx.prepare(&insert_sql("milestones", &columns))?;
        let mut ids = id.row_ids("milestone", "");
        for row in &tables.milestones.rows {
            let key = text_at(row, ITEM_KEY).unwrap_or_default();
            let Some(&item_id) = item_ids.get(key) else { continue };
            let ordinal = int_at(row, MILESTONE_ORDINAL).unwrap_or_default();
            let milestone_id = ids.next_id();
            milestone_ids.insert((key, ordinal), milestone_id);
            execute(&mut stmt, &[&milestone_id, &item_id], row)?;
        }
    }
    {
        let columns = names(tables.quantities.columns, &["id", "item_id", "milestone_id"]);
        let mut stmt = tx.prepare(&insert_sql("quantities", &columns))?;
        let mut ids = id.row_ids("quantity", "");
        for row in &tables.quantities.rows {
            let key = text_at(row, ITEM_KEY).unwrap_or_default();
            let Some(&item_id) = item_ids.get(key) else { continue };
            let milestone_id = int_at(row, QUANTITY_MILESTONE)
                .and_then(|ordinal| milestone_ids.get(&(key, ordinal)).copied());
            let quantity_id = ids.next_id();
            execute(&mut stmt, &[&quantity_id, &item_id, &milestone_id], row)?;
        }
    }
    {
        // One row per lead or supporting unit, so that `WHERE name = '城建局'` finds every
        // item a unit leads without matching inside other names.
        let mut stmt = tx.prepare(&insert_sql(
            "units",
            &["id", "plan_id", "item_id", "role", "position", "name"],
        ))?;
        let mut ids = id.row_ids("unit", "");
        for item in &entry.plan.items {
            let Some(&item_id) = item_ids.get(item.id.as_str()) else { continue };
            for (role, names) in [("lead", &item.lead), ("support", &item.support)] {
                for (position, name) in names.iter().enumerate() {
                    let position = i64::try_from(position + 1).unwrap_or(i64::MAX);
                    let unit_id = ids.next_id();
                    stmt.execute(params![unit_id, id.id, item_id, role, position, name])?;
                }
            }
        }
    }
    {
        let columns = names(tables.findings.columns, &["id", "item_id"]);
        let mut stmt = tx.prepare(&insert_sql("findings", &columns))?;
        let mut ids = id.row_ids("finding", "");
        for row in &tables.findings.rows {
            let item_id = text_at(row, ITEM_KEY).and_then(|key| item_ids.get(key).copied());
            let row_id = ids.next_id();
            execute(&mut stmt, &[&row_id, &item_id], row)?;
        }
    }
    insert_warnings(tx, entry, &tables.warnings, &item_ids)?;
    drop(item_ids);
    // The rows borrow their texts from the plan: freeing them frees little but the rows.
    drop(tables);
    Ok(Added { plan_id: id.id, new: true, revision, previous })
}

/// The warnings of `entry`'s reading (its `warnings` table), keyed by its source; `item_ids`
/// maps the plan's item keys to their ids.
fn insert_warnings(
    tx: &Transaction<'_>,
    entry: &Entry<'_>,
    warnings: &Table<'_>,
    item_ids: &HashMap<&str, i64>,
) -> rusqlite::Result<()> {
    let id = &entry.identity;
    let columns: Vec<&str> =
        ["id", "item_id"].into_iter().chain(warnings.columns.iter().map(|c| c.name)).collect();
    let mut stmt = tx.prepare(&insert_sql("warnings", &columns))?;
    let mut ids = id.row_ids("warning", &format!("{}/{:?}", id.sha256, id.table));
    for row in &warnings.rows {
        let item_id = text_at(row, WARNING_ITEM_KEY).and_then(|key| item_ids.get(key).copied());
        let row_id = ids.next_id();
        execute(&mut stmt, &[&row_id, &item_id], row)?;
    }
    Ok(())
}

/// Runs `stmt` with `keys`, then the cells of `row`.
fn execute(
    stmt: &mut rusqlite::Statement<'_>,
    keys: &[&dyn ToSql],
    row: &[Value<'_>],
) -> rusqlite::Result<usize> {
    stmt.execute(rusqlite::params_from_iter(
        keys.iter().copied().chain(row.iter().map(|v| v as &dyn ToSql)),
    ))
}

fn insert_sql(table: &str, columns: &[&str]) -> String {
    let names: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    format!("INSERT INTO {table} ({}) VALUES ({})", names.join(", "), marks.join(", "))
}
