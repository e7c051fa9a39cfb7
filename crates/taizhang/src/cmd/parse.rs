//! `taizhang parse`.
//!
//! One file gives one Plan JSON (pretty, or `--compact`) on stdout or in `-o OUT`. Several
//! paths, a directory, or `--out-dir` switch to batch mode ([`taizhang::batch`]): every
//! input converted in parallel, one JSON per input under `--out-dir` or JSON Lines on stdout,
//! and a summary on stderr.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use taizhang::batch::{self, Batch, Collected, Sink, Summary};

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
    #[arg(long = "role", value_name = "COLUMN=ROLE", value_parser = super::role)]
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
    /// Refuse a document (.docx, .doc, .txt, HTML, CSV) with more table cells than this (a
    /// .txt by the cells its lines and tabs could make). By default, 1,000,000 (rows and
    /// spanned columns counted): raise it for a plan of more than about 100,000 rows.
    #[arg(long, value_name = "N")]
    pub max_cells: Option<usize>,
    /// Convert N files at a time. By default (or 0), as many as there are cores.
    #[arg(short, long, value_name = "N", default_value_t = 0)]
    pub jobs: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut options = super::parse_options(args.table, args.lexicon.as_deref(), args.max_cells)?;
    options.roles = args.roles.clone();
    if batch::is_batch(&args.paths, args.out_dir.as_deref()) {
        return parse_batch(&Request {
            paths: &args.paths,
            out_dir: args.out_dir.as_deref(),
            output: args.output.as_deref(),
            jobs: args.jobs,
            compact: args.compact,
            options: &options,
        });
    }
    let [path] = args.paths.as_slice() else {
        return Err(super::fail(taizhang_i18n::msg!("parse.one-input")));
    };
    taizhang::parse_command(path, args.output.as_deref(), &options, args.compact)
}

/// What `taizhang parse` asks of a batch.
#[derive(Debug)]
struct Request<'a> {
    paths: &'a [PathBuf],
    /// `--out-dir`: one JSON file per input. Without it, JSON Lines go to `output`.
    out_dir: Option<&'a Path>,
    /// `-o`: where the JSON Lines go instead of standard output.
    output: Option<&'a Path>,
    /// `-j`: threads; 0 means all cores.
    jobs: usize,
    /// `--compact` for the files under `--out-dir` (JSON Lines are always compact).
    compact: bool,
    options: &'a taizhang::ParseOptions,
}

/// `taizhang parse` over many inputs: converts them all, prints the summary on stderr, and
/// exits 2 when any failed (130 when interrupted).
fn parse_batch(request: &Request<'_>) -> anyhow::Result<ExitCode> {
    if request.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(super::fail(taizhang_i18n::msg!("parse.stdin-alone")));
    }
    if let (Some(_), Some(_)) = (request.out_dir, request.output) {
        return Err(super::fail(taizhang_i18n::msg!("parse.output-and-out-dir")));
    }
    let collected = batch::collect_in(request.paths, super::lang());
    if let Some(out) = request.output {
        let inputs = collected.inputs.iter().map(|i| i.path.as_path());
        taizhang_emit::output::refuse_input(out, inputs).map_err(super::fail)?;
    }
    if collected.inputs.is_empty() && collected.failures.is_empty() {
        let paths: Vec<String> = request.paths.iter().map(|p| p.display().to_string()).collect();
        let paths = paths.join(", ");
        return Err(super::fail(taizhang_emit::export::messages::nothing_found(&paths)));
    }
    // Ctrl-C stops starting files; those in flight end and the summary is printed.
    crate::interrupt::deferred();
    let run = |collected: Collected, sink: Sink<'_>| -> io::Result<Summary> {
        let bar = super::progress_bar(collected.inputs.len());
        let summary = Batch::new()
            .jobs(request.jobs)
            .on_progress(|done, _| bar.set_position(done as u64))
            .stop_when(crate::interrupt::requested)
            .parse(collected, sink, request.options, request.compact);
        bar.finish_and_clear();
        summary
    };
    let summary = match (request.out_dir, request.output) {
        (Some(dir), _) => {
            fs::create_dir_all(dir).map_err(|e| super::io_fail(dir, &e))?;
            run(collected, Sink::OutDir(dir))?
        }
        (None, Some(out)) => {
            // The JSON Lines file is written whole or not at all: an interrupted batch
            // leaves the old file as it was.
            let mut summary = None;
            let written = taizhang_emit::output::write_atomic(out, |writer| {
                let done = run(collected, Sink::Lines(writer))?;
                let interrupted = done.interrupted.is_some();
                summary = Some(done);
                if interrupted {
                    return Err(io::Error::new(
                        io::ErrorKind::Interrupted,
                        super::lang().text("batch.interrupted-lines"),
                    ));
                }
                Ok(())
            });
            match (written, summary) {
                (Err(e), Some(s)) if e.kind() == io::ErrorKind::Interrupted => {
                    let line = taizhang_i18n::tr!(
                        super::lang(),
                        "in-file",
                        file = out.display(),
                        message = e
                    );
                    let _ = writeln!(io::stderr(), "taizhang parse: {line}");
                    s
                }
                (Err(e), _) => return Err(super::io_fail(out, &e)),
                (Ok(()), Some(s)) => s,
                (Ok(()), None) => unreachable!("the writer ran"),
            }
        }
        (None, None) => {
            let mut writer = io::BufWriter::new(io::stdout());
            run(collected, Sink::Lines(&mut writer))?
        }
    };
    summary.write_in(io::stderr().lock(), super::lang())?;
    Ok(if summary.interrupted.is_some() {
        ExitCode::from(crate::interrupt::EXIT_INTERRUPTED)
    } else if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
