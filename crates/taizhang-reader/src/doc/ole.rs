//! A lenient reader of OLE compound files ([MS-CFB]), only as far as a Word document needs:
//! the header, the FAT (through the DIFAT), the directory read as a flat list of entries,
//! the mini stream, and streams by name.
//!
//! Strict readers refuse files that Word, WPS Office and LibreOffice open: a directory whose
//! red-black tree links point nowhere, a mini FAT shorter than its chains, a last sector cut
//! short. Here the directory is scanned entry by entry (the tree links are never followed),
//! and a chain that ends early, leaves the file or loops gives what it read up to there and
//! a note saying so. Every chain is walked at most once per sector it could visit, so no
//! input makes a walk loop or allocate more than the file holds.

use taizhang_i18n::{msg, Msg};

/// Free, end-of-chain and special sector numbers are all at or above this.
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFFA;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const DIFAT_IN_HEADER: usize = 109;
const ENTRY_SIZE: usize = 128;

/// One directory entry that is a stream.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    start: u32,
    size: u64,
    /// Whether the root storage holds it directly (not an embedded object's storage).
    top: bool,
}

/// An opened compound file.
pub(crate) struct Ole<'a> {
    bytes: &'a [u8],
    sector_shift: u32,
    mini_shift: u32,
    mini_cutoff: u64,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    entries: Vec<Entry>,
    /// Everything that was repaired or cut short on the way, as short English phrases.
    pub notes: Vec<Msg>,
}

/// Why the container cannot be read at all.
#[derive(Debug)]
pub(crate) struct Damaged(pub Msg);

impl<'a> Ole<'a> {
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Ole<'a>, Damaged> {
        if bytes.len() < 512 {
            return Err(Damaged(msg!("read.ole.header-short", size = bytes.len())));
        }
        let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
        let u32_at = |at: usize| le32(bytes, at).unwrap_or(0);
        let sector_shift = u32::from(u16_at(0x1E));
        let mini_shift = u32::from(u16_at(0x20));
        if !(7..=16).contains(&sector_shift) || mini_shift >= sector_shift {
            return Err(Damaged(msg!("read.ole.sector-size", shift = sector_shift)));
        }
        let mut notes = Vec::new();
        let sector_size = 1usize << sector_shift;
        // Sectors the file can hold (a cut-short last sector counts: it is read as far as
        // it goes).
        let sector_count = (bytes.len().saturating_sub(sector_size)).div_ceil(sector_size);
        let mut ole = Ole {
            bytes,
            sector_shift,
            mini_shift,
            mini_cutoff: u64::from(u32_at(0x38)),
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            entries: Vec::new(),
            notes: Vec::new(),
        };

        // The DIFAT: 109 FAT sector numbers in the header, then a chain of DIFAT sectors.
        let mut fat_sectors: Vec<u32> = (0..DIFAT_IN_HEADER)
            .map(|i| u32_at(0x4C + 4 * i))
            .filter(|&s| s < MAX_REGULAR_SECTOR)
            .collect();
        let mut difat = u32_at(0x44);
        let per_difat = sector_size / 4 - 1;
        let mut visited = 0usize;
        while difat < MAX_REGULAR_SECTOR {
            visited += 1;
            if visited > sector_count {
                notes.push(msg!("read.ole.difat-loops"));
                break;
            }
            let Some(sector) = ole.sector(difat) else {
                notes.push(msg!("read.ole.difat-past-end", sector = difat));
                break;
            };
            for i in 0..per_difat {
                if let Some(s) = le32(sector, 4 * i).filter(|&s| s < MAX_REGULAR_SECTOR) {
                    fat_sectors.push(s);
                }
            }
            difat = le32(sector, 4 * per_difat).unwrap_or(END_OF_CHAIN);
        }
        fat_sectors.truncate(sector_count.max(1));
        let mut missing = 0usize;
        for &s in &fat_sectors {
            match ole.sector(s) {
                Some(sector) => {
                    ole.fat.extend(sector.chunks_exact(4).map(|c| le32(c, 0).unwrap_or(0)))
                }
                None => missing += 1,
            }
        }
        if missing > 0 {
            notes.push(msg!("read.ole.fat-past-end", count = missing));
        }
        if ole.fat.is_empty() {
            return Err(Damaged(msg!("read.ole.no-fat")));
        }

        // The directory, read as a flat list: only streams matter, found by name.
        let directory = ole.chain(u32_at(0x30), None, &mut notes, &msg!("read.ole.directory"));
        let mut root: Option<(u32, u64)> = None;
        let mut raw_entries: Vec<(u8, [u32; 3], Entry)> = Vec::new();
        for (index, raw) in directory.chunks_exact(ENTRY_SIZE).enumerate() {
            let kind = raw[0x42];
            let name_len = usize::from(u16::from_le_bytes([raw[0x40], raw[0x41]])).min(64);
            let units: Vec<u16> = raw[..name_len.saturating_sub(2)]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&u| u != 0)
                .collect();
            let name = String::from_utf16_lossy(&units);
            let start = le32(raw, 0x74).unwrap_or(END_OF_CHAIN);
            // Version 3 files keep only the low 32 bits of a size.
            let size = if sector_shift == 9 {
                u64::from(le32(raw, 0x78).unwrap_or(0))
            } else {
                le32(raw, 0x78).map(u64::from).unwrap_or(0)
                    | (le32(raw, 0x7C).map(u64::from).unwrap_or(0) << 32)
            };
            let links = [0x44, 0x48, 0x4C].map(|at| le32(raw, at).unwrap_or(u32::MAX));
            if kind == 5 && (root.is_none() || index == 0) {
                root = Some((start, size));
            }
            raw_entries.push((kind, links, Entry { name, start, size, top: false }));
        }
        // The root storage's own entries: the tree under its child, walked with every entry
        // visited once. Links that point nowhere are skipped, not followed.
        let mut visited = vec![false; raw_entries.len()];
        let mut pending: Vec<u32> = raw_entries.first().map(|e| vec![e.1[2]]).unwrap_or_default();
        while let Some(next) = pending.pop() {
            let index = next as usize;
            if index >= raw_entries.len() || visited[index] {
                continue;
            }
            visited[index] = true;
            raw_entries[index].2.top = true;
            pending.extend([raw_entries[index].1[0], raw_entries[index].1[1]]);
        }
        ole.entries =
            raw_entries.into_iter().filter(|(kind, _, _)| *kind == 2).map(|(_, _, e)| e).collect();
        // Those of the root first: an embedded document has streams of the same names.
        ole.entries.sort_by_key(|e| !e.top);
        if ole.entries.is_empty() {
            return Err(Damaged(msg!("read.ole.no-stream")));
        }
        ole.mini_fat = ole
            .chain(u32_at(0x3C), None, &mut notes, &msg!("read.ole.mini-fat"))
            .chunks_exact(4)
            .map(|c| le32(c, 0).unwrap_or(0))
            .collect();
        if let Some((start, size)) = root {
            ole.mini_stream =
                ole.chain(start, Some(size), &mut notes, &msg!("read.ole.mini-stream"));
        }
        ole.notes = notes;
        Ok(ole)
    }

    /// Whether a stream of this name exists (names compare without case, as in [MS-CFB]).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The names of every stream, for messages.
    pub(crate) fn stream_names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.name.as_str())
    }

    /// A stream's bytes, as far as its chain goes; `None` when there is no such stream.
    pub(crate) fn stream(&mut self, name: &str) -> Option<Vec<u8>> {
        let entry = self.entries.iter().find(|e| e.name.eq_ignore_ascii_case(name))?.clone();
        let mut notes = std::mem::take(&mut self.notes);
        let what = msg!("read.ole.stream", name = &entry.name);
        let data = if entry.size < self.mini_cutoff {
            self.mini_chain(entry.start, entry.size, &mut notes, &what)
        } else {
            self.chain(entry.start, Some(entry.size), &mut notes, &what)
        };
        self.notes = notes;
        Some(data)
    }

    /// One regular sector (the last may be shorter than a full sector), or `None` past the
    /// end of the file.
    fn sector(&self, index: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.sector_shift;
        let start = (usize::try_from(index).ok()?).checked_add(1)?.checked_mul(size)?;
        let end = start.saturating_add(size).min(self.bytes.len());
        (start < end).then(|| &self.bytes[start..end])
    }

    /// Follows a FAT chain from `start`, up to `size` bytes when the size is known.
    fn chain(&self, start: u32, size: Option<u64>, notes: &mut Vec<Msg>, what: &Msg) -> Vec<u8> {
        let sector_size = 1usize << self.sector_shift;
        let limit = size.map_or(usize::MAX, |s| usize::try_from(s).unwrap_or(usize::MAX));
        let mut out = Vec::with_capacity(limit.min(self.bytes.len()));
        let mut seen = vec![false; self.fat.len()];
        let mut next = start;
        while next < MAX_REGULAR_SECTOR && out.len() < limit {
            let index = next as usize;
            if index >= seen.len() || seen[index] {
                let note = if index < seen.len() {
                    msg!("read.ole.chain-loops", what => what.clone())
                } else {
                    msg!("read.ole.chain-leaves", what => what.clone())
                };
                notes.push(note);
                break;
            }
            seen[index] = true;
            let Some(sector) = self.sector(next) else {
                notes.push(msg!("read.ole.past-end", what => what.clone()));
                break;
            };
            if sector.len() < sector_size {
                notes.push(msg!("read.ole.short-sector", what => what.clone()));
            }
            let take = sector.len().min(limit - out.len());
            out.extend_from_slice(&sector[..take]);
            next = self.fat[index];
        }
        if size.is_some() && out.len() < limit && next >= MAX_REGULAR_SECTOR {
            notes.push(msg!("read.ole.shorter", what => what.clone()));
        }
        out
    }

    fn mini_chain(&self, start: u32, size: u64, notes: &mut Vec<Msg>, what: &Msg) -> Vec<u8> {
        let mini_size = 1usize << self.mini_shift;
        let limit = usize::try_from(size).unwrap_or(usize::MAX).min(self.mini_stream.len());
        let mut out = Vec::with_capacity(limit);
        let mut seen = vec![false; self.mini_fat.len().max(1)];
        let mut next = start;
        while next < MAX_REGULAR_SECTOR && out.len() < limit {
            let index = next as usize;
            let from = index.saturating_mul(mini_size);
            if index >= seen.len() || seen[index] || from >= self.mini_stream.len() {
                // A chain beyond the mini FAT still names a place in the mini stream: the
                // last sector of a short stream often has no FAT entry written.
                if index < seen.len() && seen[index] {
                    notes.push(msg!("read.ole.mini-loops", what => what.clone()));
                    break;
                }
                if from >= self.mini_stream.len() {
                    notes.push(msg!("read.ole.mini-past", what => what.clone()));
                    break;
                }
            }
            if index < seen.len() {
                seen[index] = true;
            }
            let end = (from + mini_size).min(self.mini_stream.len());
            let take = (end - from).min(limit - out.len());
            out.extend_from_slice(&self.mini_stream[from..from + take]);
            match self.mini_fat.get(index) {
                Some(&n) => next = n,
                None => {
                    if out.len() < limit {
                        notes.push(msg!("read.ole.mini-leaves", what => what.clone()));
                    }
                    break;
                }
            }
        }
        out
    }
}

/// A little-endian u32 at `at`, if the bytes reach that far.
pub(crate) fn le32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FREE: u32 = 0xFFFF_FFFF;
    const FAT_SECTOR: u32 = 0xFFFF_FFFD;

    /// A version-3 compound file: sector 0 the FAT, sector 1 the directory (the root and
    /// one stream), then `data` sectors; `fat` gives the chains of sectors 2 onwards.
    fn compound(stream: (&str, u32, u32), fat: &[u32], data: usize) -> Vec<u8> {
        let mut out = vec![0u8; 512];
        out[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        out[0x1A] = 0x3E;
        out[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
        out[0x1E] = 9;
        out[0x20] = 6;
        out[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes());
        out[0x30..0x34].copy_from_slice(&1u32.to_le_bytes());
        out[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
        out[0x3C..0x40].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        out[0x44..0x48].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        for i in 0..DIFAT_IN_HEADER {
            let value = if i == 0 { 0 } else { FREE };
            out[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&value.to_le_bytes());
        }
        let mut fat_sector = vec![0xFFu8; 512];
        let chains = [FAT_SECTOR, END_OF_CHAIN].iter().chain(fat);
        for (i, value) in chains.enumerate() {
            fat_sector[4 * i..4 * i + 4].copy_from_slice(&value.to_le_bytes());
        }
        out.extend(fat_sector);
        let mut directory = vec![0u8; 512];
        let entry = |dir: &mut [u8], at: usize, name: &str, kind: u8, start: u32, size: u32| {
            let units: Vec<u8> =
                name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
            dir[at..at + units.len()].copy_from_slice(&units);
            dir[at + 0x40..at + 0x42].copy_from_slice(&(units.len() as u16).to_le_bytes());
            dir[at + 0x42] = kind;
            for link in [0x44, 0x48, 0x4C] {
                dir[at + link..at + link + 4].copy_from_slice(&FREE.to_le_bytes());
            }
            dir[at + 0x74..at + 0x78].copy_from_slice(&start.to_le_bytes());
            dir[at + 0x78..at + 0x7C].copy_from_slice(&size.to_le_bytes());
        };
        entry(&mut directory, 0, "Root Entry", 5, END_OF_CHAIN, 0);
        directory[0x4C..0x50].copy_from_slice(&1u32.to_le_bytes());
        entry(&mut directory, 128, stream.0, 2, stream.1, stream.2);
        out.extend(directory);
        out.extend(std::iter::repeat_n(0x41u8, 512 * data));
        out
    }

    #[test]
    fn a_looping_chain_reads_as_far_as_it_goes() {
        let bytes = compound(("WordDocument", 2, 8192), &[3, 2], 2);
        let mut ole = Ole::open(&bytes).unwrap();
        let stream = ole.stream("WordDocument").unwrap();
        assert_eq!(stream.len(), 1024);
        assert!(ole.notes.iter().any(|n| n.to_string().contains("loops")), "{:?}", ole.notes);
    }

    #[test]
    fn chains_past_the_file_and_short_sectors_are_cut() {
        // The stream starts at a sector the FAT does not reach.
        let bytes = compound(("WordDocument", 4000, 8192), &[], 1);
        let mut ole = Ole::open(&bytes).unwrap();
        assert!(ole.stream("WordDocument").unwrap().is_empty());
        assert!(
            ole.notes.iter().any(|n| n.to_string().contains("leaves the FAT")),
            "{:?}",
            ole.notes
        );
        // A chain into a sector the file lacks, and a last sector cut short.
        let mut bytes = compound(("WordDocument", 2, 8192), &[3, END_OF_CHAIN], 1);
        bytes.truncate(bytes.len() - 100);
        let mut ole = Ole::open(&bytes).unwrap();
        assert_eq!(ole.stream("WordDocument").unwrap().len(), 412);
        assert!(
            ole.notes.iter().any(|n| n.to_string().contains("past the end")),
            "{:?}",
            ole.notes
        );
    }

    #[test]
    fn a_header_alone_is_damaged() {
        let mut bytes = compound(("WordDocument", 2, 8192), &[], 0);
        bytes.truncate(512);
        assert!(Ole::open(&bytes).is_err());
        assert!(Ole::open(&bytes[..100]).is_err());
    }
}
