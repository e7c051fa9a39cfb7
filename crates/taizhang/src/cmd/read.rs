//! `taizhang read`.

use std::path::PathBuf;
use std::process::ExitCode;

/// Print the tables of a document as JSON (`taizhang/tables/v1`), before any structuring.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document (.docx, .txt or .xlsx, recognised by its content; `-` reads standard input).
    #[arg(value_name = "FILE")]
    pub path: PathBuf,
    /// Keep only table N (0-based) in the output, with its warnings and the text right
    /// before it as the preamble; the output keeps the same shape. An error if the
    /// document has no table N.
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
    /// Print the JSON on one line.
    #[arg(long)]
    pub compact: bool,
    /// Write the JSON to this file (whole or not at all) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Refuse inputs larger than this many bytes. By default, 1 GiB.
    #[arg(long, value_name = "BYTES")]
    pub max_input_bytes: Option<u64>,
    /// Refuse .docx/.xlsx packages with a part larger than this many bytes uncompressed.
    /// By default, 256 MiB.
    #[arg(long, value_name = "BYTES")]
    pub max_entry_bytes: Option<u64>,
    /// Refuse .docx/.xlsx packages larger than this many bytes uncompressed in all.
    /// By default, 512 MiB.
    #[arg(long, value_name = "BYTES")]
    pub max_total_bytes: Option<u64>,
    /// Refuse .docx/.txt documents with more table cells than this (a .txt by the cells its
    /// lines and tabs could make). By default, 1,000,000 (rows and spanned columns counted).
    #[arg(long, value_name = "N")]
    pub max_cells: Option<usize>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lang = super::lang();
    let mut options = taizhang_reader::Options { lang, ..Default::default() };
    if let Some(limit) = args.max_input_bytes {
        options.max_input_bytes = limit;
    }
    if let Some(limit) = args.max_entry_bytes {
        options.max_entry_bytes = limit;
        // Raising one part's limit alone would still trip the total one.
        options.max_total_bytes = options.max_total_bytes.max(limit);
    }
    if let Some(limit) = args.max_total_bytes {
        options.max_total_bytes = limit;
    }
    if let Some(limit) = args.max_cells {
        options.max_cells = limit;
    }
    // The reader's errors already name the file and say what went wrong in one line; as
    // a plain message they print once, not again as their own cause.
    let mut tables =
        taizhang::read_file(&args.path, &options).map_err(|e| anyhow::anyhow!(e.render(lang)))?;
    if let Some(n) = args.table {
        let count = tables.tables.len();
        if n >= count {
            let message = taizhang_i18n::trn!(lang, "read.no-table-n", count, n = n, count = count);
            return Err(super::fail_at(
                &args.path,
                taizhang_i18n::msg!("io.other", cause = message),
            ));
        }
        // The text right before table N is its preamble; the text after it stays with it.
        tables.preamble = tables.text_before(n).to_vec();
        tables.tables = std::mem::take(&mut tables.tables).into_iter().skip(n).take(1).collect();
        tables.warnings.retain(|warning| warning.table == n);
    }
    match &args.output {
        Some(path) => {
            let json = taizhang_emit::json::to_json(&tables, args.compact)?;
            super::write_file(path, json.as_bytes())?;
        }
        None => taizhang_emit::json::write_json(std::io::stdout().lock(), &tables, args.compact)?,
    }
    Ok(ExitCode::SUCCESS)
}
