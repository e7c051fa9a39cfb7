//! `taizhang check`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Check a plan for inconsistencies: running totals that fall, totals and quarterly amounts
/// that miss the annual goal, periods out of order, measures without text, items without a
/// lead unit, duplicate rows.
///
/// Exits with 1 when there are errors, 0 otherwise, 2 when the file cannot be read.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit status: 1 when the plan contradicts itself (at least one error), \
0 otherwise, 2 when the file cannot be read.\n\
Codes: series/decreasing, series/final-mismatch, series/sum-mismatch, goal/unscheduled, \
schedule/period-order, schedule/period-overlap, schedule/unknown-period, measure/empty, \
item/no-lead, item/duplicate.")]
pub struct Args {
    /// The plan file (.docx, .txt, .xlsx, or a Plan JSON written by `taizhang parse`).
    #[arg(value_name = "FILE")]
    pub path: PathBuf,
    /// `text` (a readable report) or `json` (the `taizhang/check/v1` document).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Check table N of the document (0-based). By default, the table that looks like a plan.
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
    /// Name a column's role, over what its header and cells say: `COLUMN=ROLE`, the column
    /// by 0-based index or header text (`--role 5=leaders`, `--role 督办=leaders`). Repeat for
    /// several columns.
    #[arg(long = "role", value_name = "COLUMN=ROLE", value_parser = taizhang::parse_role)]
    pub roles: Vec<taizhang_parser::RoleOverride>,
    /// Add the header words of this lexicon file (TOML, see the README) to the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// With `--format json`, print the JSON on one line.
    #[arg(long)]
    pub compact: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut options = super::parse_options(args.table, args.lexicon.as_deref())?;
    options.roles = args.roles.clone();
    let plan = taizhang::load_plan(&options.parser(), &args.path, &options)?;
    let report = taizhang_check::check(&plan.value);
    let stdout = std::io::stdout().lock();
    match args.format {
        Format::Json => taizhang_emit::json::write_json(stdout, &report, args.compact)?,
        Format::Text => {
            let mut out = std::io::BufWriter::new(stdout);
            out.write_all(taizhang_check::report::text(&report).as_bytes())?;
            out.flush()?;
        }
    }
    Ok(if report.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
