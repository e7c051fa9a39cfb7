//! `taizhang diff OLD NEW`: what changed between two revisions of a plan.
//!
//! Exit status as diff(1): 0 when the plans have the same content, 1 when they differ, 2 on
//! error.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use taizhang::load_plan;
use taizhang_diff::{diff, render_text_in, Plans, RenderOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable report grouped by section, with word-level highlighting.
    Text,
    /// The PlanDiff JSON (schemas/diff.schema.json).
    Json,
    /// One self-contained HTML page: old and new side by side, changed words marked.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    /// Colors when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old revision: any file `parse` reads, or a Plan JSON.
    pub old: PathBuf,
    /// The new revision: any file `parse` reads, or a Plan JSON.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// When to color the text report.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Single-line JSON.
    #[arg(long)]
    pub compact: bool,
    /// Which table of each document to compare (0-based). By default, the one that looks
    /// like a plan table.
    #[arg(long)]
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
    /// Write the report to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut options = super::parse_options(args.table, args.lexicon.as_deref(), args.max_cells)?;
    options.roles = args.roles.clone();
    let parser = options.parser();
    let old = load_plan(&parser, &args.old, &options)?.value;
    let new = load_plan(&parser, &args.new, &options)?.value;
    let mut d = diff(&old, &new);
    // Name the inputs as given: a Plan JSON names the document it was parsed from.
    d.old.file = args.old.display().to_string();
    d.new.file = args.new.display().to_string();

    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let lang = super::lang();
    let text = match args.format {
        Format::Json => taizhang_emit::json::to_json(&d, args.compact)?,
        Format::Text => {
            render_text_in(&d, &RenderOptions { color, lang }, Some(Plans { old: &old, new: &new }))
        }
        Format::Html => taizhang_report::diff::html(&d, &old, &new, lang),
    };
    match &args.output {
        Some(path) => {
            taizhang_emit::output::refuse_input(path, [args.old.as_path(), args.new.as_path()])
                .map_err(super::fail)?;
            super::write_file(path, text.as_bytes())?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(if d.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
