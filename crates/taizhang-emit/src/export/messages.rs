//! Every sentence of the exports that a person reads: the catalogue's keys, in one place.

use std::time::Duration;

use taizhang_i18n::{msg, Lang, Msg};

/// A CSV export was pointed at a file.
pub fn csv_not_a_folder() -> Msg {
    msg!("export.err.csv-not-a-folder")
}

/// A SQLite export was pointed at a folder.
pub fn sqlite_a_folder() -> Msg {
    msg!("export.err.sqlite-a-folder")
}

/// The database holds a `plans` table but no schema version taizhang wrote.
pub fn not_a_ledger(version: i64) -> Msg {
    msg!("export.err.not-a-ledger", version = version)
}

/// The database was written by an older taizhang, whose tables this one cannot extend.
pub fn older_ledger(version: i64, current: i64) -> Msg {
    msg!("export.err.older-ledger", version = version, current = current)
}

/// The database was written by a newer taizhang.
pub fn newer_ledger(version: i64, current: i64) -> Msg {
    msg!("export.err.newer-ledger", version = version, current = current)
}

/// Other writers kept the database locked through every retry.
pub fn still_locked(waited: Duration) -> Msg {
    msg!("export.err.still-locked", seconds = waited.as_secs())
}

/// `-` given with other inputs.
pub fn stdin_alone() -> Msg {
    msg!("export.err.stdin-alone")
}

/// The thread pool could not start.
pub fn no_threads() -> Msg {
    msg!("export.err.no-threads")
}

/// A JSON input that holds no plan.
pub fn no_plan_in_json() -> Msg {
    msg!("export.err.no-plan-in-json")
}

/// None of the paths given holds an input.
pub fn nothing_found(paths: &str) -> Msg {
    msg!("export.err.nothing-found", paths = paths)
}

/// A JSON document (counted from 1 in a JSON Lines file) that cannot be read.
pub fn bad_json(document: usize, cause: &str) -> Msg {
    msg!("export.err.bad-json", document = document, cause = cause)
}

/// A JSON document that is neither a Plan nor a Tables JSON.
pub fn not_a_plan(document: usize, schema: &str) -> Msg {
    msg!("export.err.not-a-plan", document = document, schema = schema)
}

/// A panic while reading one input.
pub fn internal_error(cause: &str) -> Msg {
    msg!("err.internal", cause = cause)
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

impl ExportSummary {
    /// Counts a plan exported, `added` saying whether it was new.
    pub fn count(&mut self, plan: &taizhang_model::Plan, added: super::Added) {
        self.plans += 1;
        self.new += usize::from(added.new);
        self.items += plan.items.len();
    }
}

/// The summary `taizhang export` prints on stderr, in the form of `taizhang parse`'s: a count
/// line, then one line per failure.
///
/// ```
/// use taizhang_emit::export::messages::{summary, ExportSummary};
/// use taizhang_i18n::Lang;
/// let s = ExportSummary { exported: 3, plans: 3, new: 2, items: 333, ..Default::default() };
/// assert_eq!(
///     summary(&s, "plans.sqlite", Lang::En),
///     "taizhang export: exported 3, failed 0; 3 plans (2 new, 1 already in plans.sqlite), 333 items\n"
/// );
/// assert_eq!(
///     summary(&s, "plans.sqlite", Lang::Zh),
///     "taizhang export：导出 3 个，失败 0 个；3 个计划（新增 2 个，1 个已在 plans.sqlite 中），333 个事项\n"
/// );
/// ```
pub fn summary(s: &ExportSummary, output: &str, lang: Lang) -> String {
    let mut line = taizhang_i18n::tr!(
        lang,
        "export.summary.head",
        exported = s.exported,
        failed = s.failed.len()
    );
    if s.skipped > 0 {
        line.push_str(&taizhang_i18n::tr!(lang, "export.summary.skipped", skipped = s.skipped));
    }
    line.push_str(&taizhang_i18n::trn!(
        lang,
        "export.summary.plans",
        s.plans,
        plans = s.plans,
        new = s.new,
        old = s.plans - s.new,
        output = output,
        items = s.items
    ));
    line.push('\n');
    for failure in &s.failed {
        line.push_str(&taizhang_i18n::tr!(lang, "export.summary.failed", failure = failure));
        line.push('\n');
    }
    line
}
