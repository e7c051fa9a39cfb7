//! The `taizhang` command line.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod interrupt;

/// Turn Chinese government annual plan tables (.docx, .txt, .xlsx) into structured data.
#[derive(Debug, Parser)]
#[command(name = "taizhang", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of reports, summaries and messages (zh or en). By default, the locale's
    /// (LC_ALL, LC_MESSAGES, LANG: zh… is Chinese, anything else English).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<cmd::LangArg>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the tables of a document as JSON, before any structuring.
    Read(cmd::read::Args),
    /// Structure a plan table into items (sections, measures, goals, milestones, quantities).
    Parse(cmd::parse::Args),
    /// Extract quantities from lines of text (stdin or arguments), one JSON line each.
    Quantities(cmd::quantities::Args),
    /// Print a JSON Schema of taizhang's output.
    Schema(cmd::schema::Args),
    /// Compare two revisions of a plan.
    Diff(cmd::diff::Args),
    /// Check a plan for inconsistencies.
    Check(cmd::check::Args),
    /// Export a plan to CSV, Excel or SQLite.
    Export(cmd::export::Args),
    /// Write one self-contained HTML report of a plan (or of a revision, with --against).
    Report(cmd::report::Args),
}

fn main() -> ExitCode {
    // The language first: clap's checks of values (`--role`) speak it too.
    cmd::set_lang(cmd::lang_in_args(std::env::args_os()));
    let cli = Cli::parse();
    interrupt::install();
    let result = match cli.command {
        Command::Read(args) => cmd::read::run(args),
        Command::Parse(args) => cmd::parse::run(args),
        Command::Quantities(args) => cmd::quantities::run(args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Diff(args) => cmd::diff::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Report(args) => cmd::report::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`taizhang parse … | head`) is not an error.
            if err.chain().any(|e| {
                e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(io::stderr(), "taizhang: {err:#}");
            ExitCode::from(2)
        }
    }
}
