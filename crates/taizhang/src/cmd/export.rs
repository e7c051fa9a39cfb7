//! `taizhang export`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use taizhang_emit::export::{self, Target};

/// Export a plan as three tables (items, milestones, quantities) for spreadsheets and SQL.
///
/// `--to csv` writes a folder of three UTF-8 CSV files (with a BOM, for Excel and WPS);
/// `--to xlsx` one workbook with three sheets; `--to sqlite` adds the plan to a database
/// file (tables plans, items, milestones, quantities), so many plans and years share one file.
#[derive(Debug, clap::Args)]
#[command(after_help = "csv writes a folder with items.csv, milestones.csv and quantities.csv \
(UTF-8 with a BOM, for Excel and WPS); xlsx one workbook with those three sheets; sqlite adds \
the plan to a database file (tables plans, items, milestones, quantities), replacing the same \
plan exported before, so many plans and years share one file.")]
pub struct Args {
    /// The plan file (.docx, .txt, .xlsx, or a Plan JSON written by `taizhang parse`).
    #[arg(value_name = "FILE")]
    pub path: PathBuf,
    /// The export format.
    #[arg(long, value_enum)]
    pub to: To,
    /// Where to write: a folder for csv, a file for xlsx and sqlite.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Export table N of the document (0-based). By default, the table that looks like a plan.
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum To {
    Csv,
    Xlsx,
    Sqlite,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut options = super::parse_options(args.table, args.lexicon.as_deref())?;
    options.roles = args.roles.clone();
    let plan = taizhang::load_plan(&options.parser(), &args.path, &options)?;
    let plan = &plan.value;
    let out = &args.output;
    let note = match args.to {
        To::Csv => {
            export::export(plan, Target::Csv, out)?;
            format!("items.csv, milestones.csv, quantities.csv in {}", out.display())
        }
        To::Xlsx => {
            export::export(plan, Target::Xlsx, out)?;
            out.display().to_string()
        }
        To::Sqlite => {
            let appended = export::sqlite::append(plan, out)?;
            let verb = if appended.replaced { "replaced as" } else { "added as" };
            format!("{}: {verb} plan {}", out.display(), appended.plan_id)
        }
    };
    let _ = writeln!(
        std::io::stderr(),
        "{}: {} items exported to {note}",
        args.path.display(),
        plan.items.len()
    );
    Ok(ExitCode::SUCCESS)
}
