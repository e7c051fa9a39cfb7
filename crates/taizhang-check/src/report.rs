//! The readable report `taizhang check` prints by default.
//!
//! One finding per paragraph, compiler style, then a summary line:
//!
//! ```text
//! plan-2020.txt: row 16, column 2: warning[measure/empty]: measure 10 has no text
//!     10.
//! plan-2020.txt: 0 errors, 1 warning, 0 infos
//! ```
//!
//! Rows are the 1-based data rows of the table and columns are 1-based here, as people count
//! them (the JSON keeps the contract's 0-based `column`).

use std::fmt::Write;

use taizhang_model::check::CheckReport;

/// The report as text, every line ending with `\n`.
pub fn text(report: &CheckReport) -> String {
    let file = &report.source.file;
    let mut out = String::new();
    for f in &report.findings {
        let mut place = String::new();
        if let Some(row) = f.row {
            let _ = write!(place, "row {row}");
        }
        if let Some(column) = f.column {
            if !place.is_empty() {
                place.push_str(", ");
            }
            let _ = write!(place, "column {}", column + 1);
        }
        if place.is_empty() {
            let _ = writeln!(out, "{file}: {}[{}]: {}", f.severity, f.code, f.message);
        } else {
            let _ = writeln!(out, "{file}: {place}: {}[{}]: {}", f.severity, f.code, f.message);
        }
        for line in &f.evidence {
            // An empty cell is evidence too; show it rather than a blank line.
            let shown = if line.trim().is_empty() {
                format!("{line:?}")
            } else {
                line.replace('\n', "⏎")
            };
            let _ = writeln!(out, "    {shown}");
        }
    }
    let s = report.summary;
    let _ = writeln!(
        out,
        "{file}: {}, {}, {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info")
    );
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
