//! .doc and .wps (Word 97–2003 binary, [MS-DOC]; WPS Office writes the same format), read
//! natively into the same tables as a .docx.
//!
//! # Steps
//!
//! 1. The compound file (`ole`), read leniently: a broken chain gives what it reaches and a
//!    warning. Files that are not Word documents are told apart by their streams (Works,
//!    Excel, rights-managed, encrypted OOXML) and refused by name.
//! 2. The FIB: Word 6/95 files and encrypted ones are refused before anything past the
//!    FIB's start is read.
//! 3. The text through the piece table (8-bit and UTF-16 pieces; fast-saved files with many
//!    pieces and their property deltas), with the character properties that decide what is
//!    text: deleted revisions and field instructions give none; a field's result is kept;
//!    symbol characters are mapped as in a .docx. Hidden text (`sprmCFVanish`) is kept and
//!    each cell holding some is reported (`hidden-text`), as the .docx reader does.
//! 4. Paragraphs end at 0x0D, 0x07 (cell and row ends) and 0x0C; their properties (PAPX)
//!    give the depth in tables, the cell and row ends and, on a row end, the row definition
//!    (`tables`); paragraphs outside tables are kept beside them, as in a .docx. Automatic
//!    numbering is counted over every paragraph in order and rendered
//!    by the .docx reader's numbering (`lists`).

mod lists;
mod ole;
mod props;
mod tables;

use taizhang_model::table::{ReadWarning, Table};

use crate::docx::numbering::{Numbering, ParagraphNumbering};
use crate::docx::symbols;
use taizhang_i18n::{msg, Msg};

use crate::{Options, ReadError};
use ole::{le32, Damaged, Ole};
use props::{Chars, Kind, Para, Run, Style, Tap};
use tables::{Builder, Mark};

/// What the .doc reader returns for one document.
#[derive(Debug, Clone, Default)]
pub struct DocOutput {
    pub tables: Vec<Table>,
    pub warnings: Vec<ReadWarning>,
    /// The paragraphs before the first table (those after a table are its `after`).
    pub preamble: Vec<String>,
}

/// `fcClx`, `fcPlcfBteChpx` … : the index of each (fc, lcb) pair in the FIB.
const FC_STSHF: usize = 1;
const FC_PLCF_BTE_CHPX: usize = 12;
const FC_PLCF_BTE_PAPX: usize = 13;
const FC_STTBF_FFN: usize = 15;
const FC_CLX: usize = 33;
const FC_PLF_LST: usize = 73;
const FC_PLF_LFO: usize = 74;
/// `basedOn` chains longer than this are cycles.
const MAX_BASED_ON: usize = 32;

/// Every sentence a person reads from this reader, in one place (their text is in the
/// catalogue).
mod msg {
    use taizhang_i18n::{msg, Msg};

    pub(super) fn encrypted() -> Msg {
        msg!("read.doc.encrypted")
    }
    pub(super) fn word95(file: &str) -> Msg {
        msg!("read.doc.word95", file = file)
    }
    pub(super) fn works(file: &str) -> Msg {
        msg!("read.doc.works", file = file)
    }
    pub(super) fn excel(file: &str) -> Msg {
        msg!("read.doc.excel", file = file)
    }
    pub(super) fn powerpoint() -> Msg {
        msg!("read.doc.powerpoint")
    }
    pub(super) fn encrypted_ooxml() -> Msg {
        msg!("read.doc.encrypted-ooxml")
    }
    pub(super) fn drm() -> Msg {
        msg!("read.doc.drm")
    }
    pub(super) fn other_ole(streams: &str) -> Msg {
        msg!("read.doc.other-ole", streams = streams)
    }
    pub(super) fn damaged(what: Msg) -> Msg {
        msg!("read.doc.damaged", what => what)
    }
    pub(super) fn repaired(what: &Msg) -> Msg {
        msg!("damaged-container", what => what.clone())
    }
}

/// Reads every table of a .doc (or WPS Office .wps) held in `bytes`; `file` names it in
/// errors. A document without any table is [`ReadError::NoTable`].
pub fn read_doc(file: &str, bytes: &[u8], options: &Options) -> Result<DocOutput, ReadError> {
    let unsupported = |reason: Msg| ReadError::Unsupported { file: file.to_string(), reason };
    let damaged = |what: Msg| ReadError::Doc { file: file.to_string(), reason: msg::damaged(what) };
    if bytes.is_empty() {
        return Err(ReadError::Empty { file: file.to_string() });
    }
    let mut ole = Ole::open(bytes).map_err(|Damaged(what)| damaged(what))?;
    if !ole.has("WordDocument") {
        let reason = if ole.has("EncryptionInfo") {
            msg::encrypted_ooxml()
        } else if ole.has("CONTENTS") || ole.has("MN0") || ole.has("MM") {
            msg::works(file)
        } else if ole.has("Workbook") || ole.has("Book") {
            msg::excel(file)
        } else if ole.has("PowerPoint Document") {
            msg::powerpoint()
        } else {
            let names: Vec<&str> = ole.stream_names().take(8).collect();
            msg::other_ole(&names.join(", "))
        };
        return Err(unsupported(reason));
    }
    if ole.has("\u{9}DRMContent") {
        return Err(unsupported(msg::drm()));
    }
    let word = ole.stream("WordDocument").unwrap_or_default();
    if word.len() < 34 {
        return Err(damaged(msg!("read.doc.fib-short")));
    }
    let u16_at = |at: usize| u16::from_le_bytes([word[at], word[at + 1]]);
    let ident = u16_at(0);
    let nfib = u16_at(2);
    let flags = u16_at(0x0A);
    if matches!(ident, 0xA5DC | 0xA699) || (0x65..=0x69).contains(&nfib) {
        return Err(unsupported(msg::word95(file)));
    }
    // fEncrypted (and fObfuscated, which sets it too): everything after the FibBase is
    // encrypted, so nothing more is read.
    if flags & 0x0100 != 0 {
        return Err(unsupported(msg::encrypted()));
    }
    let fib = Fib::read(&word).map_err(damaged)?;
    let table_name = if flags & 0x0200 != 0 { "1Table" } else { "0Table" };
    let Some(table) = ole.stream(table_name) else {
        return Err(damaged(msg!("read.doc.table-missing", name = table_name)));
    };
    let mut notes: Vec<Msg> = Vec::new();
    let part = |(fc, lcb): (usize, usize)| -> &[u8] {
        table.get(fc..fc.saturating_add(lcb)).unwrap_or(&[])
    };
    let clx = part(fib.pair(FC_CLX));
    let (pieces, prcs) = piece_table(clx).map_err(damaged)?;
    let fonts = props::fonts(part(fib.pair(FC_STTBF_FFN)));
    let styles = props::styles(part(fib.pair(FC_STSHF)));
    let mut numbering = Numbering::default();
    lists::read(&table, fib.pair(FC_PLF_LST), fib.pair(FC_PLF_LFO), &fonts, &mut numbering);
    let papx = props::runs(&word, part(fib.pair(FC_PLCF_BTE_PAPX)), Kind::Paragraph, &mut notes);
    let chpx = props::runs(&word, part(fib.pair(FC_PLCF_BTE_CHPX)), Kind::Character, &mut notes);

    let data = ole.stream("Data").unwrap_or_default();
    let mut reader = TextReader {
        word: &word,
        data: &data,
        huge_budget: bytes.len().saturating_mul(4).saturating_add(1 << 20),
        papx: &papx,
        chpx: &chpx,
        prcs: &prcs,
        styles: &styles,
        fonts: &fonts,
        numbering,
        builder: Builder::new(file, options.max_cells),
        notes,
        ansi: ansi_table(),
    };
    reader.read(&pieces, fib.ccp_text).map_err(|reason| ReadError::Limit {
        file: file.to_string(),
        part: None,
        reason,
    })?;
    let mut warnings: Vec<ReadWarning> = ole
        .notes
        .iter()
        .map(|note| ReadWarning {
            table: 0,
            row: 0,
            code: taizhang_model::Code::DamagedContainer.into(),
            message: crate::warning_text(
                msg!("in-file", file = file, message => msg::repaired(note)),
            ),
        })
        .collect();
    warnings.extend(reader.notes.iter().map(|note| ReadWarning {
        table: 0,
        row: 0,
        code: taizhang_model::Code::DamagedDocument.into(),
        message: crate::warning_text(msg!("in-file", file = file, message => note.clone())),
    }));
    let builder = reader.builder;
    warnings.extend(builder.warnings);
    if builder.top.is_empty() {
        return Err(ReadError::NoTable { file: file.to_string() });
    }
    warnings.sort_by_key(|w| (w.table, w.row));
    Ok(DocOutput { tables: builder.top, warnings, preamble: builder.preamble })
}

/// What the reader takes from the FIB.
struct Fib {
    ccp_text: usize,
    pairs: Vec<(usize, usize)>,
}

impl Fib {
    fn read(word: &[u8]) -> Result<Fib, Msg> {
        let u16_at = |at: usize| -> Option<usize> {
            word.get(at..at + 2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
        };
        let short = || msg!("read.doc.fib-cut");
        let csw = u16_at(32).ok_or_else(short)?;
        let lw_at = 34 + 2 * csw;
        let cslw = u16_at(lw_at).ok_or_else(short)?;
        if cslw < 4 {
            return Err(msg!("read.doc.fib-malformed", count = cslw));
        }
        let ccp_text = le32(word, lw_at + 2 + 12).ok_or_else(short)? as usize;
        let pairs_at = lw_at + 2 + 4 * cslw;
        let count = u16_at(pairs_at).ok_or_else(short)?;
        let pairs = (0..count)
            .map_while(|i| {
                let at = pairs_at + 2 + 8 * i;
                Some((le32(word, at)? as usize, le32(word, at + 4)? as usize))
            })
            .collect();
        Ok(Fib { ccp_text, pairs })
    }

    fn pair(&self, index: usize) -> (usize, usize) {
        self.pairs.get(index).copied().unwrap_or((0, 0))
    }
}

/// One piece of the text: the character positions it covers and where they are stored.
#[derive(Debug, Clone, Copy)]
struct Piece {
    cp_start: usize,
    cp_end: usize,
    /// Byte offset of its first character in the WordDocument stream.
    fc: usize,
    compressed: bool,
    /// The Prc whose properties apply to the whole piece (a fast-saved file's deltas).
    prc: Option<usize>,
}

/// The Clx: property deltas (Prc) and the piece table (Pcdt).
fn piece_table(clx: &[u8]) -> Result<(Vec<Piece>, Vec<Vec<u8>>), Msg> {
    let mut prcs = Vec::new();
    let mut at = 0usize;
    loop {
        match clx.get(at) {
            Some(1) => {
                let cb = clx
                    .get(at + 1..at + 3)
                    .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
                    .ok_or_else(|| msg!("read.doc.prc-cut"))?;
                let grpprl =
                    clx.get(at + 3..at + 3 + cb).ok_or_else(|| msg!("read.doc.prc-past"))?;
                prcs.push(grpprl.to_vec());
                at += 3 + cb;
            }
            Some(2) => break,
            Some(_) => return Err(msg!("read.doc.clx-malformed")),
            None => return Err(msg!("read.doc.no-clx")),
        }
    }
    let lcb = le32(clx, at + 1).ok_or_else(|| msg!("read.doc.clx-cut"))? as usize;
    let plc = clx.get(at + 5..).unwrap_or(&[]);
    let plc = &plc[..lcb.min(plc.len())];
    let count = plc.len().saturating_sub(4) / 12;
    let mut pieces = Vec::with_capacity(count);
    for i in 0..count {
        let (Some(cp_start), Some(cp_end)) = (le32(plc, 4 * i), le32(plc, 4 * i + 4)) else {
            break;
        };
        let pcd = 4 * (count + 1) + 8 * i;
        let (Some(fc), Some(prm)) = (le32(plc, pcd + 2), plc.get(pcd + 6..pcd + 8)) else {
            break;
        };
        let prm = u16::from_le_bytes([prm[0], prm[1]]);
        let compressed = fc & 0x4000_0000 != 0;
        let raw = (fc & 0x3FFF_FFFF) as usize;
        pieces.push(Piece {
            cp_start: cp_start as usize,
            cp_end: cp_end as usize,
            fc: if compressed { raw / 2 } else { raw },
            compressed,
            prc: (prm & 1 == 1).then_some(usize::from(prm >> 1)),
        });
    }
    if pieces.is_empty() {
        return Err(msg!("read.doc.no-text"));
    }
    Ok((pieces, prcs))
}

/// The characters of an 8-bit (compressed) piece: Windows-1252.
fn ansi_table() -> [char; 256] {
    let mut table = ['\0'; 256];
    for (byte, slot) in table.iter_mut().enumerate() {
        let one = [byte as u8];
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
        *slot = text.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    }
    table
}

/// What a field mark opens: instructions (dropped) until its separator, then its result.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Instructions,
    Result,
}

struct TextReader<'a> {
    word: &'a [u8],
    /// The Data stream, which holds paragraph properties too large for their page.
    data: &'a [u8],
    /// Bytes of such properties still to be read: a cap on the work hostile input can ask.
    huge_budget: usize,
    papx: &'a [Run],
    chpx: &'a [Run],
    prcs: &'a [Vec<u8>],
    styles: &'a [Style],
    fonts: &'a [String],
    numbering: Numbering,
    builder: Builder,
    notes: Vec<Msg>,
    ansi: [char; 256],
}

impl TextReader<'_> {
    /// Reads the main text (character positions 0 … `ccp_text`) paragraph by paragraph.
    fn read(&mut self, pieces: &[Piece], ccp_text: usize) -> Result<(), Msg> {
        // No document holds more characters than its stream has bytes; pieces that repeat
        // one stretch of the stream cannot make more.
        let budget = ccp_text.min(self.word.len());
        if budget < ccp_text {
            self.notes.push(msg!(
                "read.doc.ccp-too-big",
                chars = ccp_text,
                bytes = self.word.len()
            ));
        }
        let mut text = String::new();
        // The hidden text of the paragraph, for the `hidden-text` warning.
        let mut hidden = String::new();
        let mut fields: Vec<Field> = Vec::new();
        let mut high: Option<u16> = None;
        let mut papx_hint = 0usize;
        let mut chpx_hint = 0usize;
        let mut cached: Option<(Option<usize>, usize, Chars)> = None;
        let mut last_cp = 0usize;
        let mut cut = false;
        for (index, piece) in pieces.iter().enumerate() {
            if piece.cp_start < last_cp || piece.cp_end <= piece.cp_start {
                continue;
            }
            let end = piece.cp_end.min(budget);
            if piece.cp_start >= end {
                break;
            }
            last_cp = end;
            let width = if piece.compressed { 1 } else { 2 };
            let prc = piece.prc.and_then(|i| self.prcs.get(i)).map(Vec::as_slice).unwrap_or(&[]);
            for k in 0..end - piece.cp_start {
                let fc = piece.fc.saturating_add(k * width);
                let unit = if piece.compressed {
                    self.word.get(fc).map(|&b| u16::from(b))
                } else {
                    self.word.get(fc..fc + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
                };
                let Some(unit) = unit else {
                    cut = true;
                    break;
                };
                if matches!(unit, 0x0D | 0x07 | 0x0C) {
                    if let Some(h) = high.take() {
                        text.push(
                            char::from_u32(u32::from(h)).unwrap_or(char::REPLACEMENT_CHARACTER),
                        );
                    }
                    fields.fill(Field::Result);
                    let para = self.paragraph_props(fc as u32, prc, &mut papx_hint);
                    let hidden = std::mem::take(&mut hidden);
                    self.end_paragraph(std::mem::take(&mut text), hidden, unit, para)?;
                    continue;
                }
                match unit {
                    0x13 => {
                        fields.push(Field::Instructions);
                        continue;
                    }
                    0x14 => {
                        if let Some(field) = fields.last_mut() {
                            *field = Field::Result;
                        }
                        continue;
                    }
                    0x15 => {
                        fields.pop();
                        continue;
                    }
                    _ => {}
                }
                if fields.contains(&Field::Instructions) {
                    continue;
                }
                let run = props::find(self.chpx, fc as u32, &mut chpx_hint);
                let chars = match cached {
                    Some((r, p, chars)) if r == run && p == index => chars,
                    _ => {
                        let mut chars = Chars::default();
                        if let Some(r) = run {
                            chars.apply(&self.chpx[r].grpprl);
                        }
                        chars.apply(prc);
                        cached = Some((run, index, chars));
                        chars
                    }
                };
                if chars.deleted {
                    continue;
                }
                let before = text.len();
                // A symbol character: Word writes `(` with the font and character it shows.
                let symbol = chars.symbol.filter(|_| chars.special || unit == 0x28);
                if let Some((font, ch)) = symbol {
                    let font = self.fonts.get(usize::from(font)).map(String::as_str);
                    let shown =
                        char::from_u32(u32::from(ch)).unwrap_or(char::REPLACEMENT_CHARACTER);
                    text.push_str(&symbols::map_text(font, &shown.to_string()));
                } else {
                    self.push_unit(&mut text, &mut high, unit, piece.compressed);
                }
                if chars.vanish {
                    hidden.push_str(&text[before..]);
                }
            }
            if cut {
                self.notes.push(msg!("read.doc.piece-past", at = piece.cp_start));
                break;
            }
        }
        if !text.is_empty() {
            let mark = Mark { depth: 0, cell_end: false, row_end: None, hidden };
            self.builder.paragraph(text, mark)?;
        }
        self.builder.end()
    }

    fn push_unit(&self, text: &mut String, high: &mut Option<u16>, unit: u16, compressed: bool) {
        if compressed {
            let c = self.ansi[usize::from(unit as u8)];
            push_char(text, c);
            return;
        }
        if let Some(h) = high.take() {
            if (0xDC00..0xE000).contains(&unit) {
                let code = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                text.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                return;
            }
            text.push(char::REPLACEMENT_CHARACTER);
        }
        if (0xD800..0xDC00).contains(&unit) {
            *high = Some(unit);
            return;
        }
        let c = char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER);
        push_char(text, c);
    }

    fn paragraph_props(&mut self, fc: u32, prc: &[u8], hint: &mut usize) -> (Para, Vec<u8>) {
        let mut para = Para::default();
        let mut grpprl = Vec::new();
        if let Some(i) = props::find(self.papx, fc, hint) {
            let run = &self.papx[i];
            para.istd = run.istd;
            match props::huge_papx(&run.grpprl) {
                Some(at) => {
                    let size = self
                        .data
                        .get(at..at + 2)
                        .map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
                    if size <= self.huge_budget {
                        self.huge_budget -= size;
                        let body = self.data.get(at + 2..at + 2 + size).unwrap_or(&[]);
                        grpprl.extend_from_slice(body);
                    } else if self.huge_budget > 0 {
                        self.notes.push(msg!("read.doc.huge-papx"));
                        self.huge_budget = 0;
                    }
                }
                None => grpprl.extend_from_slice(&run.grpprl),
            }
        }
        grpprl.extend_from_slice(prc);
        para.apply(&grpprl);
        (para, grpprl)
    }

    fn end_paragraph(
        &mut self,
        text: String,
        hidden: String,
        unit: u16,
        (para, grpprl): (Para, Vec<u8>),
    ) -> Result<(), Msg> {
        let depth = para.depth();
        let row_end = (depth == 1 && para.ttp) || (depth >= 2 && para.inner_ttp);
        let cell_end = !row_end
            && ((depth == 1 && unit == 0x07) || (depth >= 2 && (para.inner_cell || unit == 0x07)));
        let mark = Mark { depth, cell_end, row_end: row_end.then(|| Tap::of(&grpprl)), hidden };
        let text = if row_end {
            text
        } else {
            match self.label(&para) {
                Some(mut label) => {
                    label.push_str(&text);
                    label
                }
                None => text,
            }
        };
        self.builder.paragraph(text, mark)
    }

    /// The list label of a paragraph: its own list and level, else its style's (and the
    /// styles that style is based on).
    fn label(&mut self, para: &Para) -> Option<String> {
        let mut ilfo = para.ilfo;
        let mut ilvl = para.ilvl;
        let mut next = Some(para.istd);
        for _ in 0..MAX_BASED_ON {
            if ilfo.is_some() && ilvl.is_some() {
                break;
            }
            let Some(style) = next.and_then(|i| self.styles.get(usize::from(i))) else { break };
            if ilfo.is_none() {
                ilfo = style.ilfo;
            }
            if ilvl.is_none() {
                ilvl = style.ilvl;
            }
            next = style.base;
        }
        let ilfo = ilfo.filter(|&i| i > 0)?;
        let numbering = ParagraphNumbering {
            num_id: Some(ilfo.to_string()),
            ilvl: Some(i64::from(ilvl.unwrap_or(0))),
            style: None,
        };
        self.numbering.next_label(&numbering)
    }
}

/// Adds one character of text as a .docx reading shows it: tabs kept, a line break
/// (0x0B) as `\n`, a non-breaking hyphen as `-`; optional hyphens and the other control
/// characters (pictures, drawn objects, note marks) give no text.
fn push_char(text: &mut String, c: char) {
    match c {
        '\t' => text.push('\t'),
        '\u{0B}' => text.push('\n'),
        '\u{1E}' => text.push('-'),
        c if (c as u32) < 0x20 => {}
        c => text.push(c),
    }
}
