//! A zip archive read defensively: entry count capped, overlapping entries refused, and every
//! entry inflated through a byte cap instead of trusting the sizes it declares.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use taizhang_i18n::{msg, Msg};

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
                    *reason = msg!("read.zip.not-zip", cause = e);
                }
            }
            error
        })?;
        if archive.len() > options.max_entries {
            return Err(ReadError::Limit {
                file: file.to_string(),
                part: None,
                reason: msg!(
                    "read.zip.too-many-entries",
                    count = archive.len(),
                    limit = options.max_entries
                ),
            });
        }
        // Two entries with one name make the package mean different things to different
        // readers (OPC forbids it): refuse instead of picking one.
        if archive.has_duplicate_names() {
            return Err(ReadError::Zip {
                file: file.to_string(),
                part: None,
                reason: msg!("read.zip.duplicate-names"),
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
                    reason: msg!("read.zip.overlap"),
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
        let limit = |reason: Msg| ReadError::Limit { file: file.to_string(), part: part(), reason };
        let mut entry = self.archive.by_index(index).map_err(|e| zip_error(file, part(), &e))?;
        let declared = entry.size();
        let compressed = entry.compressed_size();
        if declared > options.max_entry_bytes {
            return Err(limit(msg!(
                "read.zip.entry-too-big",
                declared = declared,
                limit = options.max_entry_bytes
            )));
        }
        let ratio_cap = RATIO_GRACE_BYTES.max(options.max_ratio.saturating_mul(compressed));
        if declared > ratio_cap {
            return Err(limit(msg!(
                "read.zip.bomb",
                compressed = compressed,
                declared = declared,
                limit = options.max_ratio
            )));
        }
        let left = options.max_total_bytes.saturating_sub(self.inflated);
        if declared > left {
            return Err(limit(msg!("read.zip.total-too-big", limit = options.max_total_bytes)));
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
                msg!("read.zip.crc")
            } else {
                msg!("read.zip.corrupt", cause = e)
            };
            return Err(ReadError::Zip { file: file.to_string(), part: part(), reason });
        }
        if bytes.len() as u64 > declared {
            return Err(ReadError::Zip {
                file: file.to_string(),
                part: part(),
                reason: msg!("read.zip.lies", declared = declared),
            });
        }
        self.inflated += bytes.len() as u64;
        Ok(Some(bytes))
    }
}

fn zip_error(file: &str, part: Option<String>, e: &ZipError) -> ReadError {
    let reason = match e {
        ZipError::InvalidArchive(why) => msg!("read.zip.unreadable", cause = why),
        ZipError::UnsupportedArchive(why) => msg!("read.zip.unsupported", cause = why),
        ZipError::FileNotFound => msg!("read.zip.not-found"),
        ZipError::InvalidPassword => msg!("read.zip.encrypted"),
        ZipError::Io(io) => msg!("read.zip.unreadable", cause = io),
        other => msg!("read.zip.unreadable", cause = other),
    };
    ReadError::Zip { file: file.to_string(), part, reason }
}
