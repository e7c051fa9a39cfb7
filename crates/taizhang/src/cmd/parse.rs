//! `taizhang parse`.
//!
//! One file gives one Plan JSON (pretty, or `--compact`) on stdout or in `-o OUT`. Several
//! paths, a directory, or `--out-dir` switch to batch mode ([`crate::batch`]): every input
//! converted in parallel, one JSON per input under `--out-dir` or JSON Lines on stdout, and
//! a summary on stderr.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::batch;

/// Structure a plan table into items and print the Plan JSON.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan files (.docx, .txt or .xlsx; `-` reads standard input), or directories to
    /// search for them recursively. Several inputs are converted in parallel.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write the JSON to this file instead of standard output (with several inputs: the
    /// JSON Lines).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Structure table N of the document (0-based). By default, the table whose header names
    /// the most column roles.
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
    /// Print the JSON on one line.
    #[arg(long)]
    pub compact: bool,
    /// Write one JSON file per input into DIR, mirroring the inputs' paths under the
    /// directories given (`plans/2020/a.docx` → `DIR/2020/a.json`). Without it, several
    /// inputs are written as JSON Lines (one compact Plan per line, in path order).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Convert N files at a time. By default (or 0), as many as there are cores.
    #[arg(short, long, value_name = "N", default_value_t = 0)]
    pub jobs: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut options = super::parse_options(args.table, args.lexicon.as_deref())?;
    options.roles = args.roles.clone();
    if batch::is_batch(&args.paths, args.out_dir.as_deref()) {
        return batch::parse_command(&batch::Request {
            paths: &args.paths,
            out_dir: args.out_dir.as_deref(),
            output: args.output.as_deref(),
            jobs: args.jobs,
            compact: args.compact,
            options: &options,
        });
    }
    let [path] = args.paths.as_slice() else {
        anyhow::bail!("expected one input");
    };
    taizhang::parse_command(path, args.output.as_deref(), &options, args.compact)
}
