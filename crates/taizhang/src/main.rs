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
    let cli = Cli::try_parse().unwrap_or_else(|e| usage_error(e));
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

/// A command line clap refuses. Help and version, and every message in English, are clap's
/// own; in Chinese the refusal is one line from the catalogue, with clap's reason for a value
/// that failed its check (`--role 3=boss`), and exit code 2 as clap's.
fn usage_error(e: clap::Error) -> ! {
    use clap::error::{ContextKind, ErrorKind};
    use taizhang_i18n::{tr, Lang};
    let lang = cmd::lang();
    let shown = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if shown || lang == Lang::En {
        e.exit();
    }
    let context = |kind| e.get(kind).map(ToString::to_string).unwrap_or_default();
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let reason = std::error::Error::source(&e).map(ToString::to_string).unwrap_or_default();
    let line = match e.kind() {
        ErrorKind::UnknownArgument => tr!(lang, "usage.unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => {
            let command = context(ContextKind::InvalidSubcommand);
            tr!(lang, "usage.unknown-command", command = command)
        }
        ErrorKind::MissingSubcommand => tr!(lang, "usage.missing-command").to_owned(),
        ErrorKind::MissingRequiredArgument => tr!(lang, "usage.missing-argument", arg = arg),
        ErrorKind::ArgumentConflict => {
            let other = context(ContextKind::PriorArg);
            tr!(lang, "usage.conflict", arg = arg, other = other)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if !reason.is_empty() => {
            tr!(lang, "usage.bad-value-because", arg = arg, value = value, reason = reason)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = context(ContextKind::ValidValue);
            tr!(lang, "usage.bad-value", arg = arg, value = value, valid = valid)
        }
        ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues
        | ErrorKind::NoEquals => tr!(lang, "usage.wrong-values", arg = arg),
        _ => tr!(lang, "usage.other").to_owned(),
    };
    let _ = writeln!(io::stderr(), "taizhang：{line}{}", tr!(lang, "usage.see-help"));
    std::process::exit(2);
}
