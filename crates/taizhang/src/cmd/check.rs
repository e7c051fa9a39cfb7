//! `taizhang check`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use taizhang_i18n::{tr, trn};
use taizhang_model::check::{CheckReport, Summary};
use taizhang_model::Plan;
use taizhang_report::findings::{self, Checked};

/// Check plans for inconsistencies: running totals that fall, totals and quarterly amounts
/// that miss the annual goal, periods out of order, measures without text, items without a
/// lead unit, duplicate rows.
///
/// Exits with 1 when there are errors, 0 otherwise, 2 when a file cannot be read.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit status: 1 when a plan contradicts itself (at least one error), \
0 otherwise, 2 when a file cannot be read or the output cannot be written (the plans that \
could be read are still checked).\n\
Codes: series/decreasing, series/final-mismatch, series/sum-mismatch, goal/unscheduled, \
schedule/period-order, schedule/period-overlap, schedule/unknown-period, measure/empty, \
item/no-lead, item/duplicate.")]
pub struct Args {
    /// The plan files (.docx, .txt, .xlsx, or Plan JSON written by `taizhang parse`), or
    /// folders to search for .docx, .txt and .xlsx files.
    #[arg(value_name = "FILE", required = true)]
    pub paths: Vec<PathBuf>,
    /// `text` (a readable report), `json` (the `taizhang/check/v1` document; an array of them
    /// for several plans), or one row per finding: `csv`, `xlsx`, `html`.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Check table N of the document (0-based). By default, the table that looks like a plan.
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
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
    /// With `--format json`, print the JSON on one line.
    #[arg(long)]
    pub compact: bool,
    /// Write the report to this file (whole or not at all) instead of standard output.
    /// Required for `xlsx`.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
    Xlsx,
    Html,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lang = super::lang();
    if args.format == Format::Xlsx && args.output.is_none() {
        anyhow::bail!("{}", tr!(lang, "check.xlsx-needs-output"));
    }
    let single = args.paths.len() == 1 && !args.paths[0].is_dir();
    let collected = taizhang::batch::collect_in(&args.paths, lang);
    let mut unreadable = !collected.failures.is_empty();
    for failure in &collected.failures {
        let reason =
            tr!(lang, "check.cannot-read", file = failure.file.display(), reason = failure.reason);
        let _ = writeln!(std::io::stderr(), "taizhang: {reason}");
    }
    if collected.inputs.is_empty() && collected.failures.is_empty() {
        let path = args.paths.first().map(|p| p.display().to_string()).unwrap_or_default();
        anyhow::bail!("{}", tr!(lang, "check.no-files", path = path));
    }
    let mut options = super::parse_options(args.table, args.lexicon.as_deref(), args.max_cells)?;
    options.roles = args.roles.clone();
    let parser = options.parser();
    let mut checked: Vec<(Plan, CheckReport)> = Vec::new();
    for input in &collected.inputs {
        match taizhang::load_plan(&parser, &input.path, &options) {
            Ok(plan) => {
                let plan = plan.value;
                let report = taizhang_check::check_in(&plan, lang);
                checked.push((plan, report));
            }
            // One file alone fails as before: its error is the command's.
            Err(err) if single => return Err(err),
            Err(err) => {
                unreadable = true;
                let reason = tr!(
                    lang,
                    "check.cannot-read",
                    file = input.path.display(),
                    reason = format!("{err:#}")
                );
                let _ = writeln!(std::io::stderr(), "taizhang: {reason}");
            }
        }
    }
    let tables: Vec<Checked<'_>> =
        checked.iter().map(|(plan, report)| Checked { report, plan: Some(plan) }).collect();
    let bytes: Vec<u8> = match args.format {
        Format::Json => {
            let reports: Vec<&CheckReport> = checked.iter().map(|(_, r)| r).collect();
            match reports.as_slice() {
                [one] if single => taizhang_emit::json::to_json(one, args.compact)?.into_bytes(),
                all => taizhang_emit::json::to_json(all, args.compact)?.into_bytes(),
            }
        }
        Format::Text => {
            let mut text = String::new();
            for (plan, report) in &checked {
                text.push_str(&taizhang_check::report::text_in(report, Some(plan), lang));
            }
            if checked.len() > 1 {
                let mut total = Summary::default();
                for (_, r) in &checked {
                    total.errors += r.summary.errors;
                    total.warnings += r.summary.warnings;
                    total.infos += r.summary.infos;
                }
                let counts = taizhang_check::report::counts(total, lang);
                text.push_str(&trn!(
                    lang,
                    "check.files",
                    checked.len(),
                    files = checked.len(),
                    summary = counts
                ));
                text.push('\n');
            }
            text.into_bytes()
        }
        Format::Csv => findings::csv(&tables, lang)?,
        Format::Xlsx => findings::xlsx(&tables, lang)?,
        Format::Html => findings::html(&tables, lang).into_bytes(),
    };
    match &args.output {
        Some(path) => super::write_file(path, &bytes)?,
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    let errors = checked.iter().any(|(_, r)| r.has_errors());
    Ok(if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
