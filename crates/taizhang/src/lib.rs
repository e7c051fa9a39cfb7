//! taizhang turns Chinese government annual plan tables into structured data.
//!
//! # Steps
//!
//! 1. [`taizhang_reader`] reads the tables of a .docx, .txt or .xlsx file.
//! 2. [`taizhang_parser`] structures a table into a [`taizhang_model::Plan`].
//! 3. [`taizhang_emit`] writes plans as JSON (with a JSON Schema), CSV, Excel or SQLite.
//! 4. [`taizhang_diff`] compares two plans; [`taizhang_check`] checks one.

use std::path::Path;

pub use taizhang_model as model;
pub use taizhang_parser::Parser;

use taizhang_model::{Parsed, Plan, Tables};

/// How to read and parse one file.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Which table to structure (0-based). By default, the one that looks like a plan table.
    pub table: Option<usize>,
    /// The reader's limits.
    pub read: taizhang_reader::Options,
}

/// Reads every table of a file.
pub fn read_file(
    path: &Path,
    options: &taizhang_reader::Options,
) -> Result<Tables, taizhang_reader::ReadError> {
    taizhang_reader::read_path(path, options)
}

/// Reads a file and structures its plan table.
pub fn parse_file(
    parser: &Parser,
    path: &Path,
    options: &ParseOptions,
) -> anyhow::Result<Parsed<Plan>> {
    let tables = read_file(path, &options.read)?;
    Ok(parser
        .parse_tables(&tables, options.table)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?)
}

/// A plan from any input `parse` reads, or from a Plan JSON written by `taizhang parse`.
pub fn load_plan(
    parser: &Parser,
    path: &Path,
    options: &ParseOptions,
) -> anyhow::Result<Parsed<Plan>> {
    parse_file(parser, path, options)
}
