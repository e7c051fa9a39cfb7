//! Reports people read and pass on, in Chinese or English (every word from the message
//! catalogue, `taizhang-i18n`):
//!
//! - [`plan::html`]: one self-contained HTML page of a plan (overview, timeline by quarter,
//!   workload per unit, targets and their running totals, filters and search);
//! - [`diff::html`]: one self-contained HTML page of a revision, old and new side by side;
//! - [`findings`]: the findings of `taizhang check` over one or more plans, one row each, as
//!   CSV, an Excel workbook or an HTML table.
//!
//! The pages load nothing: styles, scripts and charts are inline, and a Content Security
//! Policy forbids any request, so they open from disk in any browser and can be mailed on.

pub mod diff;
pub mod findings;
mod html;
pub mod plan;

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` whole or not at all: into a temporary file in the same folder,
/// flushed to disk, then renamed over `path`. On error, the temporary file is removed and
/// `path` is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
