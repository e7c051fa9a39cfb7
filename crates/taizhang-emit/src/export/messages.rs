//! Every sentence of the exports that a person reads, in one place for the message catalogue.

use std::time::Duration;

/// A CSV export was pointed at a file.
pub const CSV_NOT_A_FOLDER: &str =
    "exists and is not a folder (CSV export writes a folder with one file per table)";

/// A SQLite export was pointed at a folder.
pub const SQLITE_A_FOLDER: &str = "is a folder, not a database file";

/// The database holds a `plans` table but no schema version taizhang wrote.
pub fn not_a_ledger(version: i64) -> String {
    format!("has a `plans` table but schema version {version}: not a taizhang database")
}

/// The database was written by an older taizhang, whose tables this one cannot extend.
pub fn older_ledger(version: i64, current: i64) -> String {
    format!(
        "was written by an older taizhang (ledger version {version}, this one writes {current}): \
         export into a new database file, or re-export the plans with the version that wrote it"
    )
}

/// The database was written by a newer taizhang.
pub fn newer_ledger(version: i64, current: i64) -> String {
    format!(
        "was written by a newer taizhang (ledger version {version}, this one reads up to \
         {current}): update taizhang"
    )
}

/// Other writers kept the database locked through every retry.
pub fn still_locked(waited: Duration) -> String {
    format!(
        "another process kept the database locked for {} s; nothing of this plan was written \
         (run the export again once the other writer is done)",
        waited.as_secs()
    )
}

/// `-` given with other inputs.
pub const STDIN_ALONE: &str = "`-` (standard input) cannot be combined with other inputs";

/// The thread pool could not start.
pub const NO_THREADS: &str = "cannot start the worker threads";

/// A JSON input that holds no plan.
pub const NO_PLAN_IN_JSON: &str = "holds no plan";

/// None of the paths given holds an input.
pub fn nothing_found(paths: &str) -> String {
    format!("no .docx, .txt or .xlsx file found in {paths}")
}

/// A JSON document (counted from 1 in a JSON Lines file) that cannot be read.
pub fn bad_json(document: usize, cause: &str) -> String {
    format!("JSON document {document}: {cause}")
}

/// A JSON document that is neither a Plan nor a Tables JSON.
pub fn not_a_plan(document: usize, schema: &str) -> String {
    format!(
        "JSON document {document} has schema `{schema}`, not a plan (expected `taizhang/plan/v1` or `taizhang/tables/v1`)"
    )
}

/// A panic while reading one input.
pub fn internal_error(cause: &str) -> String {
    format!("internal error (please report it with the file): {cause}")
}

/// How an export of many inputs went.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    /// Inputs whose plans are all in the ledger.
    pub exported: usize,
    /// One line per input that failed (naming the file).
    pub failed: Vec<String>,
    /// Files in the directories searched that taizhang does not read.
    pub skipped: usize,
    /// Plans read from the inputs exported.
    pub plans: usize,
    /// Of those, the plans the ledger did not hold yet.
    pub new: usize,
    /// Items of the plans read.
    pub items: usize,
}

/// The summary `taizhang export` prints on stderr, in the form of `taizhang parse`'s: a count
/// line, then one line per failure.
///
/// ```
/// use taizhang_emit::export::messages::{summary, ExportSummary};
/// let s = ExportSummary { exported: 3, plans: 3, new: 2, items: 333, ..Default::default() };
/// assert_eq!(
///     summary(&s, "plans.sqlite"),
///     "taizhang export: exported 3, failed 0; 3 plans (2 new, 1 already in plans.sqlite), 333 items\n"
/// );
/// ```
pub fn summary(s: &ExportSummary, output: &str) -> String {
    let mut line = format!("taizhang export: exported {}, failed {}", s.exported, s.failed.len());
    if s.skipped > 0 {
        line.push_str(&format!(", skipped {} (not .docx, .txt or .xlsx)", s.skipped));
    }
    let plans = if s.plans == 1 { "plan" } else { "plans" };
    line.push_str(&format!(
        "; {} {plans} ({} new, {} already in {output}), {} items\n",
        s.plans,
        s.new,
        s.plans - s.new,
        s.items
    ));
    for failure in &s.failed {
        line.push_str(&format!("  failed: {failure}\n"));
    }
    line
}
