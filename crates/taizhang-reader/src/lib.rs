//! Reads plan tables out of documents: the first stage of reader → parser → emit/diff.
//!
//! [`read_path`] takes a .docx, .txt or .xlsx file and returns every table in it as rows of
//! cells ([`taizhang_model::Tables`]), losslessly: each cell keeps its paragraphs, its
//! horizontal span and its vertical-merge state.

pub mod docx;
mod error;

pub use error::ReadError;

use std::path::Path;

use taizhang_model::Tables;

/// Limits that keep hostile input from using unbounded time or memory.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest uncompressed size of one zip entry. By default, 256 MiB.
    pub max_entry_bytes: u64,
    /// Largest uncompressed size of all entries read. By default, 512 MiB.
    pub max_total_bytes: u64,
    /// Largest compression ratio of an entry once it is past 1 MiB. By default, 100.
    pub max_ratio: u64,
    /// Most entries a zip may list. By default, 10,000.
    pub max_entries: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_entry_bytes: 256 << 20,
            max_total_bytes: 512 << 20,
            max_ratio: 100,
            max_entries: 10_000,
        }
    }
}

/// Reads every table of the file at `path` (`-` reads standard input).
pub fn read_path(path: &Path, options: &Options) -> Result<Tables, ReadError> {
    let _ = (path, options);
    Err(ReadError::Unsupported { file: path.display().to_string(), reason: "not yet".into() })
}
