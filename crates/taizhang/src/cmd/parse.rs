// batch mode: open for extension
//! `taizhang parse`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Structure a plan table into items and print the Plan JSON.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan file (.docx, .txt or .xlsx; `-` reads standard input).
    #[arg(required = true, value_name = "FILE")]
    pub paths: Vec<PathBuf>,
    /// Write the JSON to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Structure table N of the document (0-based). By default, the table whose header names
    /// the most column roles.
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
    /// Print the JSON on one line.
    #[arg(long)]
    pub compact: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let [path] = args.paths.as_slice() else {
        anyhow::bail!("several inputs: not supported yet");
    };
    let options = taizhang::ParseOptions { table: args.table, ..Default::default() };
    taizhang::parse_command(path, args.output.as_deref(), &options, args.compact)
}
