//! Properties: sprms (single property modifiers), the formatted-disk-page runs of paragraph
//! (PAPX) and character (CHPX) properties, the style sheet, the font table, and what the
//! reader takes from each.

use super::ole::le32;

// Paragraph sprms.
const P_ILVL: u16 = 0x260A;
const P_ILFO: u16 = 0x460B;
const P_IN_TABLE: u16 = 0x2416;
const P_TTP: u16 = 0x2417;
const P_ITAP: u16 = 0x6649;
const P_DTAP: u16 = 0x664A;
const P_INNER_CELL: u16 = 0x244B;
const P_INNER_TTP: u16 = 0x244C;
// Table sprms (on a row's end mark).
const T_DEF_TABLE: u16 = 0xD608;
const T_HEADER: u16 = 0x3404;
const T_VERT_MERGE: u16 = 0xD62B;
const T_PC: u16 = 0x360D;
const T_DXA_ABS: u16 = 0x940E;
const T_DYA_ABS: u16 = 0x940F;
// Character sprms.
const C_DELETED: u16 = 0x0800;
const C_VANISH: u16 = 0x083C;
const C_SPECIAL: u16 = 0x0855;
const C_SYMBOL: u16 = 0x6A09;
const C_FONT: u16 = 0x4A4F;

/// Most cells a row definition holds (`itcMac` is a byte, Word stops at 63).
const MAX_ROW_CELLS: usize = 255;

/// The sprms of a grpprl, each with its operand; stops at an operand that would run past
/// the end.
pub(crate) fn sprms(grpprl: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let code = u16::from_le_bytes([*grpprl.get(at)?, *grpprl.get(at + 1)?]);
        let mut start = at + 2;
        let len = match code >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => {
                if code == T_DEF_TABLE || code == 0xD606 {
                    let cb = usize::from(u16::from_le_bytes([
                        *grpprl.get(start)?,
                        *grpprl.get(start + 1)?,
                    ]));
                    start += 2;
                    cb.saturating_sub(1)
                } else {
                    let cb = usize::from(*grpprl.get(start)?);
                    start += 1;
                    cb
                }
            }
        };
        let operand = grpprl.get(start..start.checked_add(len)?)?;
        at = start + len;
        Some((code, operand))
    })
}

/// Where in the Data stream the properties of a paragraph too large for its page are
/// (`sprmPHugePapx`), when its grpprl names them.
pub(crate) fn huge_papx(grpprl: &[u8]) -> Option<usize> {
    sprms(grpprl)
        .find(|(code, _)| *code == 0x6646)
        .and_then(|(_, op)| le32(op, 0))
        .map(|v| v as usize)
}

/// A toggle operand: 1 and 0x81 switch the property on (0x80/0x81 are relative to the
/// style, which holds none of these for the document's text).
fn toggle(operand: &[u8]) -> bool {
    matches!(operand.first(), Some(1 | 0x81))
}

fn i16_of(operand: &[u8]) -> Option<i16> {
    Some(i16::from_le_bytes([*operand.first()?, *operand.get(1)?]))
}

/// The paragraph properties the reader uses.
#[derive(Debug, Clone, Default)]
pub(crate) struct Para {
    pub istd: u16,
    pub in_table: bool,
    pub ttp: bool,
    pub itap: Option<i32>,
    pub dtap: i32,
    pub inner_cell: bool,
    pub inner_ttp: bool,
    pub ilfo: Option<i16>,
    pub ilvl: Option<u8>,
}

impl Para {
    pub(crate) fn apply(&mut self, grpprl: &[u8]) {
        for (code, op) in sprms(grpprl) {
            match code {
                P_IN_TABLE => self.in_table = op.first().is_some_and(|&b| b != 0),
                P_TTP => self.ttp = op.first().is_some_and(|&b| b != 0),
                P_INNER_CELL => self.inner_cell = op.first().is_some_and(|&b| b != 0),
                P_INNER_TTP => self.inner_ttp = op.first().is_some_and(|&b| b != 0),
                P_ITAP => self.itap = le32(op, 0).map(|v| v as i32),
                P_DTAP => self.dtap = self.dtap.saturating_add(le32(op, 0).map_or(0, |v| v as i32)),
                P_ILFO => self.ilfo = i16_of(op),
                P_ILVL => self.ilvl = op.first().copied(),
                _ => {}
            }
        }
    }

    /// How deep in tables the paragraph is (0 = outside any table).
    pub(crate) fn depth(&self) -> usize {
        let base = match self.itap {
            Some(itap) => itap,
            None => i32::from(self.in_table),
        };
        usize::try_from(base.saturating_add(self.dtap)).unwrap_or(0)
    }
}

/// A row's definition, from the sprms on its end mark.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Tap {
    /// Cell edges, `itcMac + 1` of them (twips).
    pub edges: Vec<i16>,
    /// Each cell's `tcgrf` flags (merges).
    pub flags: Vec<u16>,
    pub header: bool,
    /// Positioning of a floating table (`sprmTPc`, `sprmTDxaAbs`, `sprmTDyaAbs`).
    pub position: (Option<u8>, Option<i16>, Option<i16>),
}

impl Tap {
    pub(crate) fn of(grpprl: &[u8]) -> Tap {
        let mut tap = Tap::default();
        for (code, op) in sprms(grpprl) {
            match code {
                T_DEF_TABLE => {
                    let Some(&count) = op.first() else { continue };
                    let count = usize::from(count).min(MAX_ROW_CELLS);
                    let edge_bytes = op.get(1..).unwrap_or_default();
                    tap.edges = edge_bytes
                        .chunks_exact(2)
                        .take(count + 1)
                        .map(|c| i16::from_le_bytes([c[0], c[1]]))
                        .collect();
                    let tcs = op.get(1 + 2 * (count + 1)..).unwrap_or_default();
                    tap.flags = tcs
                        .chunks(20)
                        .take(count)
                        .map(|tc| u16::from_le_bytes([tc[0], *tc.get(1).unwrap_or(&0)]))
                        .collect();
                    tap.flags.resize(count, 0);
                }
                T_HEADER => tap.header = op.first().is_some_and(|&b| b != 0),
                T_VERT_MERGE => {
                    if let (Some(&itc), Some(&merge)) = (op.first(), op.get(1)) {
                        if let Some(flag) = tap.flags.get_mut(usize::from(itc)) {
                            *flag = (*flag & !0x60) | (u16::from(merge & 3) << 5);
                        }
                    }
                }
                T_PC => tap.position.0 = op.first().copied(),
                T_DXA_ABS => tap.position.1 = i16_of(op),
                T_DYA_ABS => tap.position.2 = i16_of(op),
                _ => {}
            }
        }
        tap
    }
}

/// The character properties the reader uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Chars {
    pub deleted: bool,
    pub vanish: bool,
    pub special: bool,
    /// `sprmCSymbol`: the font index and the character shown.
    pub symbol: Option<(u16, u16)>,
    pub font: Option<u16>,
}

impl Chars {
    pub(crate) fn apply(&mut self, grpprl: &[u8]) {
        for (code, op) in sprms(grpprl) {
            match code {
                C_DELETED => self.deleted = toggle(op),
                C_VANISH => self.vanish = toggle(op),
                C_SPECIAL => self.special = toggle(op),
                C_SYMBOL if op.len() >= 4 => {
                    let font = u16::from_le_bytes([op[0], op[1]]);
                    let ch = u16::from_le_bytes([op[2], op[3]]);
                    self.symbol = Some((font, ch));
                }
                C_FONT => self.font = i16_of(op).map(|v| v as u16),
                _ => {}
            }
        }
    }
}

/// One run of a formatted disk page: the file positions it covers and its grpprl.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub start: u32,
    pub end: u32,
    /// For a paragraph run, the style index; unused for character runs.
    pub istd: u16,
    pub grpprl: Vec<u8>,
}

/// Whether the FKPs hold paragraph or character runs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Paragraph,
    Character,
}

/// Every run of the FKPs a PlcBte (`plc`, from the table stream) names in `word`, sorted by
/// position. Pages named twice are read once; `notes` gets what was skipped.
pub(crate) fn runs(
    word: &[u8],
    plc: &[u8],
    kind: Kind,
    notes: &mut Vec<taizhang_i18n::Msg>,
) -> Vec<Run> {
    let what = match kind {
        Kind::Paragraph => taizhang_i18n::msg!("read.doc.paragraph"),
        Kind::Character => taizhang_i18n::msg!("read.doc.character"),
    };
    let count = plc.len().saturating_sub(4) / 8;
    let mut seen = vec![false; word.len() / 512 + 1];
    let mut out = Vec::new();
    let mut bad_pages = 0usize;
    for i in 0..count {
        let Some(pn) = le32(plc, 4 * (count + 1) + 4 * i) else { break };
        let pn = (pn & 0x003F_FFFF) as usize;
        if pn >= seen.len() || seen[pn] {
            bad_pages += usize::from(pn >= seen.len());
            continue;
        }
        seen[pn] = true;
        let Some(page) = word.get(pn * 512..pn * 512 + 512) else {
            bad_pages += 1;
            continue;
        };
        let crun = usize::from(page[511]);
        // Larger run counts cannot fit in the page; read what fits.
        let max = match kind {
            Kind::Paragraph => 29,
            Kind::Character => 101,
        };
        let crun = crun.min(max);
        for r in 0..crun {
            let (Some(start), Some(end)) = (le32(page, 4 * r), le32(page, 4 * r + 4)) else {
                break;
            };
            let run = match kind {
                Kind::Paragraph => {
                    let offset = usize::from(page[4 * (crun + 1) + 13 * r]) * 2;
                    if offset == 0 {
                        Run { start, end, istd: 0, grpprl: Vec::new() }
                    } else {
                        papx_in_fkp(page, offset, start, end)
                    }
                }
                Kind::Character => {
                    let offset = usize::from(page[4 * (crun + 1) + r]) * 2;
                    let grpprl = if offset == 0 {
                        Vec::new()
                    } else {
                        let cb = usize::from(page.get(offset).copied().unwrap_or(0));
                        page.get(offset + 1..(offset + 1 + cb).min(511)).unwrap_or(&[]).to_vec()
                    };
                    Run { start, end, istd: 0, grpprl }
                }
            };
            if run.end > run.start {
                out.push(run);
            }
        }
    }
    if bad_pages > 0 {
        notes.push(taizhang_i18n::msg!("read.doc.bad-pages", count = bad_pages, what => what));
    }
    out.sort_by_key(|r| r.start);
    out
}

fn papx_in_fkp(page: &[u8], offset: usize, start: u32, end: u32) -> Run {
    let cb = usize::from(page.get(offset).copied().unwrap_or(0));
    let (from, len) = if cb == 0 {
        (offset + 2, 2 * usize::from(page.get(offset + 1).copied().unwrap_or(0)))
    } else {
        (offset + 1, 2 * cb - 1)
    };
    let body = page.get(from..(from + len).min(511)).unwrap_or(&[]);
    let istd = if body.len() >= 2 { u16::from_le_bytes([body[0], body[1]]) } else { 0 };
    Run { start, end, istd, grpprl: body.get(2..).unwrap_or(&[]).to_vec() }
}

/// The run holding file position `fc`, looked up from `hint` (the last run found) first.
pub(crate) fn find(runs: &[Run], fc: u32, hint: &mut usize) -> Option<usize> {
    if let Some(run) = runs.get(*hint) {
        if run.start <= fc && fc < run.end {
            return Some(*hint);
        }
    }
    let i = runs.partition_point(|r| r.start <= fc).checked_sub(1)?;
    (fc < runs[i].end).then(|| {
        *hint = i;
        i
    })
}

/// A paragraph style: the style it is based on and the list it carries.
#[derive(Debug, Clone, Default)]
pub(crate) struct Style {
    pub base: Option<u16>,
    pub ilfo: Option<i16>,
    pub ilvl: Option<u8>,
}

/// Reads the paragraph styles of the style sheet (`STSH`).
pub(crate) fn styles(stsh: &[u8]) -> Vec<Style> {
    let mut out = Vec::new();
    let Some(cb_stshi) = stsh.get(0..2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
    else {
        return out;
    };
    let Some(stshi) = stsh.get(2..2 + cb_stshi) else { return out };
    if stshi.len() < 4 {
        return out;
    }
    let cstd = usize::from(u16::from_le_bytes([stshi[0], stshi[1]]));
    let cb_base = usize::from(u16::from_le_bytes([stshi[2], stshi[3]]));
    let mut at = 2 + cb_stshi;
    for _ in 0..cstd {
        let Some(cb) = stsh.get(at..at + 2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
        else {
            break;
        };
        at += 2;
        let Some(std) = stsh.get(at..at + cb) else { break };
        at += cb;
        out.push(style(std, cb_base).unwrap_or_default());
    }
    out
}

fn style(std: &[u8], cb_base: usize) -> Option<Style> {
    if std.len() < 10 {
        return None;
    }
    let word = |at: usize| u16::from_le_bytes([std[at], std[at + 1]]);
    let stk = word(2) & 0x000F;
    let base = word(2) >> 4;
    let cupx = word(4) & 0x000F;
    if stk != 1 {
        return None;
    }
    // The name: a length and that many UTF-16 units, then a terminating zero.
    let name_at = cb_base.max(10);
    let cch = usize::from(u16::from_le_bytes([*std.get(name_at)?, *std.get(name_at + 1)?]));
    let mut at = name_at + 2 + 2 * cch + 2;
    let mut result = Style { base: (base != 0x0FFF).then_some(base), ..Style::default() };
    for upx in 0..cupx {
        if at % 2 == 1 {
            at += 1;
        }
        let cb = usize::from(u16::from_le_bytes([*std.get(at)?, *std.get(at + 1)?]));
        let body = std.get(at + 2..at + 2 + cb)?;
        at += 2 + cb;
        if upx == 0 && body.len() >= 2 {
            let mut para = Para::default();
            para.apply(&body[2..]);
            result.ilfo = para.ilfo;
            result.ilvl = para.ilvl;
        }
    }
    Some(result)
}

/// The font names of the font table (`SttbfFfn`), by index.
pub(crate) fn fonts(sttbf: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let Some(count) = sttbf.get(0..2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]]))) else {
        return out;
    };
    let mut at = 4;
    for _ in 0..count {
        let Some(&cb) = sttbf.get(at) else { break };
        let ffn = sttbf.get(at + 1..at + 1 + usize::from(cb)).unwrap_or(&[]);
        at += 1 + usize::from(cb);
        let name: Vec<u16> = ffn
            .get(39..)
            .unwrap_or(&[])
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .take_while(|&u| u != 0)
            .collect();
        out.push(String::from_utf16_lossy(&name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprms_stop_at_an_operand_past_the_end() {
        let grpprl = [0x16, 0x24, 0x01, 0x49, 0x66, 0x02, 0x00];
        let all: Vec<(u16, Vec<u8>)> = sprms(&grpprl).map(|(c, o)| (c, o.to_vec())).collect();
        assert_eq!(all, [(0x2416, vec![1])]);
        // A table definition's two-byte length.
        let def = [0x08, 0xD6, 0x04, 0x00, 0x01, 0x00, 0x00];
        let all: Vec<(u16, usize)> = sprms(&def).map(|(c, o)| (c, o.len())).collect();
        assert_eq!(all, [(0xD608, 3)]);
    }

    #[test]
    fn a_row_definition_gives_edges_and_merge_flags() {
        let mut op = vec![2u8];
        for edge in [0i16, 100, 300] {
            op.extend(edge.to_le_bytes());
        }
        let mut tc = [0u8; 20];
        tc[0] = 0x60;
        op.extend(tc);
        op.extend([0u8; 20]);
        let mut grpprl = vec![0x08, 0xD6];
        grpprl.extend(((op.len() + 1) as u16).to_le_bytes());
        grpprl.extend(&op);
        grpprl.extend([0x04, 0x34, 0x01]);
        let tap = Tap::of(&grpprl);
        assert_eq!(tap.edges, [0, 100, 300]);
        assert_eq!(tap.flags, [0x60, 0]);
        assert!(tap.header);
    }
}
