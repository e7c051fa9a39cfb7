//! CSV: a folder with one file per table (`plans.csv`, `sources.csv`, `items.csv`,
//! `milestones.csv`, `quantities.csv`, `warnings.csv`, `findings.csv`).
//!
//! Each file is UTF-8 with a byte order mark (Excel and WPS read BOM-less CSV as the local
//! code page and garble Chinese text), a header row, `\r\n` line ends as RFC 4180 and Excel
//! expect, and fields quoted only when they need it. The same plans always give the same
//! bytes. Each file is written whole or not at all (a temporary file, then renamed).

use std::io::Write;
use std::path::Path;

use super::{messages, write_whole, ExportError, Ledger, Table};

/// The byte order mark written at the start of every file.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes the ledger's tables into the folder `dir`, creating it if needed.
pub fn write_dir(ledger: &Ledger<'_>, dir: &Path) -> Result<(), ExportError> {
    tables_to_dir(ledger.tables(), dir)
}

/// Writes `tables` into the folder `dir`, one `NAME.csv` each, creating the folder if needed;
/// a file where the folder should be is refused.
pub fn tables_to_dir<'t, 'a: 't>(
    tables: impl IntoIterator<Item = &'t Table<'a>>,
    dir: &Path,
) -> Result<(), ExportError> {
    if dir.exists() && !dir.is_dir() {
        return Err(ExportError::Invalid {
            path: dir.to_owned(),
            message: messages::csv_not_a_folder(),
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| ExportError::io(dir, e))?;
    for table in tables {
        let path = dir.join(format!("{}.csv", table.name));
        let bytes =
            to_bytes(table).map_err(|cause| ExportError::Csv { path: path.clone(), cause })?;
        write_whole(&path, &bytes)?;
    }
    Ok(())
}

/// One table as CSV bytes, BOM first.
pub fn to_bytes(table: &Table<'_>) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::new();
    out.write_all(BOM)?;
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    writer.write_record(table.columns.iter().map(|c| c.name))?;
    for row in &table.rows {
        for value in row {
            writer.write_field(value.to_csv_field().as_bytes())?;
        }
        writer.write_record(None::<&[u8]>)?;
    }
    writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
