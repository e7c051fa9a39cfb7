//! `taizhang export`: many plans into one ledger (a SQLite database, a CSV folder, a workbook).
//!
//! The inputs are collected as `parse` collects them ([`taizhang::batch::collect`]): files
//! named, and directories searched for .docx, .txt and .xlsx. A file may also be `parse`
//! output: a Plan JSON, or JSON Lines of plans. Inputs are read and checked in parallel, and
//! the plans are added to the ledger in the order of the paths given (within a directory, by
//! name), so that revisions are numbered in that order on every run.

use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use taizhang::model::check::Finding;
use taizhang::model::plan::PLAN_SCHEMA;
use taizhang::model::table::TABLES_SCHEMA;
use taizhang::model::{Plan, Tables};
use taizhang_emit::export::messages::{self, ExportSummary};
use taizhang_emit::export::{self, Entry, Ledger};

use taizhang::batch::{self, Failure, Input};

/// Export plans into one ledger: a SQLite database, a CSV folder or an Excel workbook.
///
/// Every plan gets an identity (issuer, year, title, source, SHA-256, content fingerprint):
/// the same content read twice (from .docx and .txt) is one plan; a new content of the same
/// issuer, year and title is its next revision.
#[derive(Debug, clap::Args)]
#[command(after_help = "Tables: plans, sources, items, milestones, quantities, warnings, \
findings (SQLite adds units and the view current_plans). csv writes a folder with one UTF-8 \
file per table (with a BOM, for Excel and WPS); xlsx one workbook with a sheet per table; \
sqlite adds the plans to a database file, which many exports may write at once. Every row \
carries its plan's id, the same on every export.\n\
Exit status: 0 when every input was exported, 2 when any failed (each failure is listed).")]
pub struct Args {
    /// Plan files (.docx, .txt, .xlsx, or `taizhang parse` output: a Plan JSON or JSON
    /// Lines), or directories to search for .docx, .txt and .xlsx files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The export format.
    #[arg(long, value_enum)]
    pub to: To,
    /// Where to write: a folder for csv, a file for xlsx and sqlite.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Export table N of each document (0-based). By default, the table that looks like a plan.
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
    /// The issuer (city or office) of plans whose title, headers and file name name none.
    #[arg(long, value_name = "NAME")]
    pub issuer: Option<String>,
    /// Column headers of csv and xlsx: Chinese (`事项编号`, `工作目标`…) or the English
    /// identifiers. By default, Chinese when `--lang` is zh. SQLite keeps the identifiers.
    #[arg(long, value_enum, value_name = "LANG")]
    pub headers: Option<super::LangArg>,
    /// Name a column's role, over what its header and cells say: `COLUMN=ROLE`, the column
    /// by 0-based index or header text (`--role 5=leaders`, `--role 督办=leaders`). Repeat for
    /// several columns.
    #[arg(long = "role", value_name = "COLUMN=ROLE", value_parser = super::role)]
    pub roles: Vec<taizhang_parser::RoleOverride>,
    /// Add the header words of this lexicon file (TOML, see the README) to the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Refuse a document (.docx, .doc, .txt, HTML, CSV) with more table cells than this (a
    /// .txt by the cells its lines and tabs could make). By default, 1,000,000 (rows and
    /// spanned columns counted): raise it for a plan of more than about 100,000 rows.
    #[arg(long, value_name = "N")]
    pub max_cells: Option<usize>,
    /// Read N files at a time. By default (or 0), as many as there are cores.
    #[arg(short, long, value_name = "N", default_value_t = 0)]
    pub jobs: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum To {
    Csv,
    Xlsx,
    Sqlite,
}

/// One input read: its plans (a JSON Lines file holds several) with their findings.
type Loaded = Vec<(Plan, Vec<Finding>)>;

/// Where the plans go.
enum Sink {
    Sqlite(export::sqlite::Database),
    /// Held until every input is read, then gathered into one ledger whose rows borrow
    /// their texts from them (CSV and Excel are written whole, once).
    Memory(Vec<Loaded>),
}

/// An export error in the user's language.
fn render(error: &export::ExportError) -> anyhow::Error {
    anyhow::anyhow!(error.render(super::lang()))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lang = super::lang();
    taizhang_emit::output::refuse_input(&args.output, args.paths.iter().map(PathBuf::as_path))
        .map_err(super::fail)?;
    let collected = if args.paths.len() == 1 && args.paths[0].as_os_str() == "-" {
        batch::Collected {
            inputs: vec![Input { path: PathBuf::from("-"), name: PathBuf::from("-") }],
            ..batch::Collected::default()
        }
    } else if args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(super::fail(messages::stdin_alone()));
    } else {
        let mut collected = batch::collect_in(&args.paths, lang);
        // Revisions are numbered in the order the plans are added: the order of the paths
        // given, then (within a directory) the order of the names.
        collected.inputs.sort_by_key(|input| {
            args.paths.iter().position(|p| input.path.starts_with(p)).unwrap_or(usize::MAX)
        });
        collected
    };
    if collected.inputs.is_empty() && collected.failures.is_empty() {
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(super::fail(messages::nothing_found(&paths.join(", "))));
    }
    // The destination first: a bad output path fails before any work.
    let mut sink = match args.to {
        To::Sqlite => {
            Sink::Sqlite(export::sqlite::Database::open(&args.output).map_err(|e| render(&e))?)
        }
        To::Csv | To::Xlsx => Sink::Memory(Vec::new()),
    };

    let mut options = super::parse_options(args.table, args.lexicon.as_deref(), args.max_cells)?;
    options.roles = args.roles.clone();
    let parser = options.parser();
    let jobs = if args.jobs == 0 { batch::default_jobs() } else { args.jobs };
    let jobs = jobs.clamp(1, collected.inputs.len().max(1));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        // As `parse` does: a deeply nested document must not fail in a worker.
        .stack_size(8 << 20)
        .thread_name(|i| format!("taizhang-export-{i}"))
        .build()
        .map_err(|_| super::fail(messages::no_threads()))?;
    let bar = super::progress_bar(collected.inputs.len());

    let mut summary = ExportSummary { skipped: collected.skipped, ..ExportSummary::default() };
    let mut failed: Vec<Failure> = collected.failures;
    // Inputs are read a window at a time, in parallel, then added in input order: a database
    // export holds a few plans however many inputs there are; CSV and Excel hold the plans
    // their ledger borrows from, as they held its copies before.
    for window in collected.inputs.chunks(4 * jobs) {
        let loaded: Vec<Result<Loaded, String>> = pool.install(|| {
            window.par_iter().map(|input| load_one(&parser, &input.path, &options)).collect()
        });
        for (input, result) in window.iter().zip(loaded) {
            bar.inc(1);
            let outcome = result.and_then(|plans| {
                match &mut sink {
                    Sink::Sqlite(db) => {
                        for (plan, findings) in &plans {
                            let entry = Entry::new(plan, args.issuer.as_deref(), findings);
                            let added = db.append(&entry).map_err(|e| e.render(lang))?;
                            summary.count(plan, added);
                        }
                        export::drop_in_background(plans);
                    }
                    Sink::Memory(kept) => kept.push(plans),
                }
                Ok(())
            });
            match outcome {
                Ok(()) => summary.exported += 1,
                Err(reason) => failed.push(Failure { file: input.path.clone(), reason }),
            }
        }
    }
    bar.finish_and_clear();
    let zh = match args.headers {
        Some(super::LangArg::Zh) => true,
        Some(super::LangArg::En) => false,
        None => super::lang() == taizhang_i18n::Lang::Zh,
    };
    if let Sink::Memory(kept) = sink {
        let mut ledger = Ledger::new();
        for (plan, findings) in kept.iter().flatten() {
            let added = ledger.add(&Entry::new(plan, args.issuer.as_deref(), findings));
            summary.count(plan, added);
        }
        let written = match (args.to, zh) {
            (To::Csv, true) => export::csv::tables_to_dir(&chinese_headers(ledger), &args.output),
            // Sqlite never gets here: its plans went to the database as they were read.
            (_, true) => export::xlsx::tables_to_file(&chinese_headers(ledger), &args.output),
            (To::Csv, false) => export::csv::write_dir(&ledger, &args.output),
            (_, false) => export::xlsx::write_file(&ledger, &args.output),
        };
        export::drop_in_background(kept);
        written.map_err(|e| render(&e))?;
    }
    summary.failed = failed.iter().map(ToString::to_string).collect();
    let mut err = io::stderr().lock();
    let summary = messages::summary(&summary, &args.output.display().to_string(), lang);
    let _ = err.write_all(summary.as_bytes());
    Ok(if failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// Reads one input and checks its plans; a panic is a failure of that input.
fn load_one(
    parser: &taizhang::Parser,
    path: &Path,
    options: &taizhang::ParseOptions,
) -> Result<Loaded, String> {
    let load = || -> anyhow::Result<Loaded> {
        let plans = if path.as_os_str() != "-" && taizhang::looks_like_json(path) {
            load_json(parser, path, options)?
        } else {
            vec![taizhang::load_plan(parser, path, options)?.value]
        };
        Ok(plans
            .into_iter()
            .map(|plan| {
                let findings = taizhang_check::findings(&plan);
                (plan, findings)
            })
            .collect())
    };
    match panic::catch_unwind(AssertUnwindSafe(load)) {
        Ok(result) => result.map_err(|e| one_line(&format!("{e:#}"))),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(messages::internal_error(&one_line(&message)).render(options.lang))
        }
    }
}

/// The plans of a JSON file: one Plan or Tables JSON, or JSON Lines of them.
fn load_json(
    parser: &taizhang::Parser,
    path: &Path,
    options: &taizhang::ParseOptions,
) -> anyhow::Result<Vec<Plan>> {
    let bytes = std::fs::read(path).map_err(|e| super::io_fail(path, &e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut plans = Vec::new();
    let stream = serde_json::Deserializer::from_slice(bytes).into_iter::<serde_json::Value>();
    for (n, value) in stream.enumerate() {
        let line = n + 1;
        let bad_json =
            |e: serde_json::Error| super::fail_at(path, messages::bad_json(line, &e.to_string()));
        let value = value.map_err(bad_json)?;
        let schema = value.get("schema").and_then(serde_json::Value::as_str).unwrap_or_default();
        match schema {
            PLAN_SCHEMA => plans.push(serde_json::from_value(value).map_err(bad_json)?),
            TABLES_SCHEMA => {
                let tables: Tables = serde_json::from_value(value).map_err(bad_json)?;
                let parsed = parser
                    .parse_tables(&tables, options.table)
                    .map_err(|e| super::fail_at(path, e.message()))?;
                plans.push(parsed.value);
            }
            other => return Err(super::fail_at(path, messages::not_a_plan(line, other))),
        }
    }
    if plans.is_empty() {
        return Err(super::fail_at(path, messages::no_plan_in_json()));
    }
    Ok(plans)
}

fn one_line(text: &str) -> String {
    text.split(['\n', '\r']).filter(|s| !s.trim().is_empty()).collect::<Vec<_>>().join(" ")
}

/// The ledger's tables with Chinese column headers from the message catalogue.
fn chinese_headers(ledger: Ledger<'_>) -> Vec<export::Table<'_>> {
    export::relabelled(ledger.into_tables(), |column| {
        taizhang_i18n::Lang::Zh.lookup(&format!("export.col.{column}"))
    })
}

#[cfg(test)]
mod tests {
    use taizhang_emit::export::{
        FINDING_COLUMNS, ITEM_COLUMNS, MILESTONE_COLUMNS, PLAN_COLUMNS, QUANTITY_COLUMNS,
        SOURCE_COLUMNS, WARNING_COLUMNS,
    };
    use taizhang_i18n::Lang;

    #[test]
    fn every_exported_column_has_a_chinese_header() {
        let columns = [
            PLAN_COLUMNS,
            SOURCE_COLUMNS,
            ITEM_COLUMNS,
            MILESTONE_COLUMNS,
            QUANTITY_COLUMNS,
            WARNING_COLUMNS,
            FINDING_COLUMNS,
        ];
        for column in columns.iter().flat_map(|c| c.iter()) {
            let key = format!("export.col.{}", column.name);
            let zh =
                Lang::Zh.lookup(&key).unwrap_or_else(|| panic!("{key} is not in messages.tsv"));
            assert!(!zh.is_ascii(), "{key}: {zh}");
            assert_eq!(Lang::En.lookup(&key), Some(column.name), "English keeps the identifier");
        }
    }
}
