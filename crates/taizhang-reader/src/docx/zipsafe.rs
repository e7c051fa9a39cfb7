//! A zip archive read defensively: entry count capped, overlapping entries refused, and every
//! entry inflated through a byte cap instead of trusting the sizes it declares.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use crate::{Options, ReadError};

/// Entries may always inflate to this much, whatever their compression ratio: small parts
/// of real files (a `[Content_Types].xml` of zeros and spaces) compress very well.
const RATIO_GRACE_BYTES: u64 = 1 << 20;
const MAX_RESERVE: u64 = 16 << 20;

pub(crate) struct Package<'a> {
    file: &'a str,
    archive: ZipArchive<Cursor<&'a [u8]>>,
    options: &'a Options,
    /// Lower-cased entry name → index: OPC part names compare case-insensitively.
    by_lower_name: HashMap<String, usize>,
    inflated: u64,
}

impl<'a> Package<'a> {
    pub(crate) fn open(
        file: &'a str,
        bytes: &'a [u8],
        options: &'a Options,
    ) -> Result<Self, ReadError> {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            let mut error = zip_error(file, None, &e);
            if !bytes.starts_with(b"PK") {
                if let ReadError::Zip { reason, .. } = &mut error {
                    *reason = format!("not a zip archive, as every .docx is ({e})");
                }
            }
            error
        })?;
        if archive.len() > options.max_entries {
            return Err(ReadError::Limit {
                file: file.to_string(),
                part: None,
                reason: format!(
                    "the zip lists {} entries, more than the limit of {} (Options::max_entries)",
                    archive.len(),
                    options.max_entries
                ),
            });
        }
        // Two entries with one name make the package mean different things to different
        // readers (OPC forbids it): refuse instead of picking one.
        if archive.has_duplicate_names() {
            return Err(ReadError::Zip {
                file: file.to_string(),
                part: None,
                reason: "two zip entries have the same name (refused: readers would disagree on which one counts)".into(),
            });
        }
        // Entries that share compressed bytes let a small file inflate many times over: a
        // .docx never does that.
        match archive.has_overlapping_files() {
            Ok(false) => {}
            Ok(true) => {
                return Err(ReadError::Zip {
                    file: file.to_string(),
                    part: None,
                    reason: "zip entries overlap each other or the central directory (refused: a zip bomb technique)".into(),
                })
            }
            Err(e) => return Err(zip_error(file, None, &e)),
        }
        let mut by_lower_name = HashMap::new();
        for (index, name) in archive.file_names_raw().enumerate() {
            let name = String::from_utf8_lossy(name).to_lowercase();
            by_lower_name.entry(name).or_insert(index);
        }
        Ok(Package { file, archive, options, by_lower_name, inflated: 0 })
    }

    /// Whether the package has an entry `name` (compared case-insensitively).
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
            || self.by_lower_name.contains_key(&name.to_lowercase())
    }

    /// The inflated bytes of the entry `name` (no leading `/`), or `None` when the package
    /// has no such entry.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let index = match self.archive.index_for_name(name) {
            Some(index) => index,
            None => match self.by_lower_name.get(&name.to_lowercase()) {
                Some(&index) => index,
                None => return Ok(None),
            },
        };
        let file = self.file;
        let options = self.options;
        let part = || Some(name.to_string());
        let limit =
            |reason: String| ReadError::Limit { file: file.to_string(), part: part(), reason };
        let mut entry = self.archive.by_index(index).map_err(|e| zip_error(file, part(), &e))?;
        let declared = entry.size();
        let compressed = entry.compressed_size();
        if declared > options.max_entry_bytes {
            return Err(limit(format!(
                "the entry inflates to {declared} bytes, more than the limit of {} (Options::max_entry_bytes)",
                options.max_entry_bytes
            )));
        }
        let ratio_cap = RATIO_GRACE_BYTES.max(options.max_ratio.saturating_mul(compressed));
        if declared > ratio_cap {
            return Err(limit(format!(
                "the entry inflates {compressed} bytes to {declared}, a ratio over {}:1 (Options::max_ratio; refused as a zip bomb)",
                options.max_ratio
            )));
        }
        let left = options.max_total_bytes.saturating_sub(self.inflated);
        if declared > left {
            return Err(limit(format!(
                "the entries read so far inflate to more than the limit of {} bytes (Options::max_total_bytes)",
                options.max_total_bytes
            )));
        }
        // The declared size passed every limit; the stream is read through a cap of one byte
        // more than it, so an entry that lies about its size is caught without inflating it.
        // Memory is reserved for the declared size, up to a bound: an entry that declares
        // much and inflates to little should not cost its declaration.
        let capacity = usize::try_from(declared.min(MAX_RESERVE)).unwrap_or(0);
        let mut bytes = Vec::with_capacity(capacity);
        let read = (&mut entry).take(declared.saturating_add(1)).read_to_end(&mut bytes);
        if let Err(e) = read {
            let reason = if e.to_string().to_lowercase().contains("checksum") {
                "CRC mismatch: the entry's data is corrupt".to_string()
            } else {
                format!("the entry's data is corrupt: {e}")
            };
            return Err(ReadError::Zip { file: file.to_string(), part: part(), reason });
        }
        if bytes.len() as u64 > declared {
            return Err(ReadError::Zip {
                file: file.to_string(),
                part: part(),
                reason: format!(
                    "the entry inflates to more than the {declared} bytes it declares (corrupt or hostile)"
                ),
            });
        }
        self.inflated += bytes.len() as u64;
        Ok(Some(bytes))
    }
}

fn zip_error(file: &str, part: Option<String>, e: &ZipError) -> ReadError {
    let reason = match e {
        ZipError::InvalidArchive(why) => format!("not a readable zip archive: {why}"),
        ZipError::UnsupportedArchive(why) => format!("unsupported zip feature: {why}"),
        ZipError::FileNotFound => "zip entry not found".to_string(),
        ZipError::InvalidPassword => "the zip entry is encrypted".to_string(),
        ZipError::Io(io) => format!("not a readable zip archive: {io}"),
        other => format!("not a readable zip archive: {other}"),
    };
    ReadError::Zip { file: file.to_string(), part, reason }
}
