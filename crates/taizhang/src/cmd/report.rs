//! `taizhang report PLAN [--against OLD] [-o report.html]`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use taizhang::{load_plan, ParseOptions, Parser};

/// Write one self-contained HTML report of a plan: overview and check findings, a timeline
/// by quarter (grouped by section or lead unit), workload per unit, every target with its
/// running totals against the annual goal, filters and a search box. With `--against OLD`,
/// the report of the revision OLD → PLAN instead: every change side by side.
///
/// The page loads nothing from the network; it opens from disk and prints on A4 landscape.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit status: 0 when the report is written, 2 when a file cannot be read \
or the report cannot be written.")]
pub struct Args {
    /// The plan (.docx, .txt, .xlsx, or a Plan JSON written by `taizhang parse`).
    #[arg(value_name = "PLAN")]
    pub path: PathBuf,
    /// Report the revision from this older plan to PLAN.
    #[arg(long, value_name = "OLD")]
    pub against: Option<PathBuf>,
    /// Where to write the page. By default, standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report on table N of the document (0-based). By default, the table that looks like a plan.
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lang = super::lang();
    let parser = Parser::with_lang(super::lang());
    let options = ParseOptions { table: args.table, ..ParseOptions::default() };
    let plan = load_plan(&parser, &args.path, &options)?.value;
    let html = match &args.against {
        Some(old_path) => {
            let old = load_plan(&parser, old_path, &options)?.value;
            let mut d = taizhang_diff::diff(&old, &plan);
            d.old.file = old_path.display().to_string();
            d.new.file = args.path.display().to_string();
            taizhang_report::diff::html(&d, &old, &plan, lang)
        }
        None => {
            let check = taizhang_check::check_in(&plan, lang);
            taizhang_report::plan::html(&plan, &check, lang)
        }
    };
    match &args.output {
        Some(path) => super::write_file(path, html.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(html.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
