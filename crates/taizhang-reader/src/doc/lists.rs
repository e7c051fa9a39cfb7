//! Automatic numbering: the list definitions (`PlfLst`: LSTF and LVL), the list overrides
//! (`PlfLfo`: LFO and LFOLVL), turned into the .docx reader's numbering so that labels are
//! counted and rendered by the same code (`docx::numbering`).
//!
//! A list definition becomes an abstract numbering keyed by its `lsid`, an override a
//! numbering instance keyed by its 1-based index (`ilfo`, what `sprmPIlfo` names).

use super::ole::le32;
use super::props::sprms;
use crate::docx::numbering::{Level, Numbering, Suffix, LEVELS};
use crate::docx::symbols;

/// Level texts are short (Word's limit is 255 characters).
const MAX_LEVEL_TEXT: usize = 255;
/// Definitions and overrides a document can hold (Word's own limits are far lower).
const MAX_LISTS: usize = 32_767;

/// The `w:numFmt` value of a level's `nfc` ([MS-DOC] and ECMA-376 list the formats in the
/// same order).
fn format_name(nfc: u8) -> &'static str {
    const NAMES: [&str; 60] = [
        "decimal",
        "upperRoman",
        "lowerRoman",
        "upperLetter",
        "lowerLetter",
        "ordinal",
        "cardinalText",
        "ordinalText",
        "hex",
        "chicago",
        "ideographDigital",
        "japaneseCounting",
        "aiueo",
        "iroha",
        "decimalFullWidth",
        "decimalHalfWidth",
        "japaneseLegal",
        "japaneseDigitalTenThousand",
        "decimalEnclosedCircle",
        "decimalFullWidth2",
        "aiueoFullWidth",
        "irohaFullWidth",
        "decimalZero",
        "bullet",
        "ganada",
        "chosung",
        "decimalEnclosedFullstop",
        "decimalEnclosedParen",
        "decimalEnclosedCircleChinese",
        "ideographEnclosedCircle",
        "ideographTraditional",
        "ideographZodiac",
        "ideographZodiacTraditional",
        "taiwaneseCounting",
        "ideographLegalTraditional",
        "taiwaneseCountingThousand",
        "taiwaneseDigital",
        "chineseCounting",
        "chineseLegalSimplified",
        "chineseCountingThousand",
        "koreanDigital",
        "koreanCounting",
        "koreanLegal",
        "koreanDigital2",
        "vietnameseCounting",
        "russianLower",
        "russianUpper",
        "none",
        "numberInDash",
        "hebrew1",
        "hebrew2",
        "arabicAlpha",
        "arabicAbjad",
        "hindiVowels",
        "hindiConsonants",
        "hindiNumbers",
        "hindiCounting",
        "thaiLetters",
        "thaiNumbers",
        "thaiCounting",
    ];
    match nfc {
        0xFF => "none",
        _ => NAMES.get(usize::from(nfc)).copied().unwrap_or("decimal"),
    }
}

/// Reads one LVL at `at`; returns it and where the next one starts.
fn level(table: &[u8], at: usize, fonts: &[String]) -> Option<(Level, usize)> {
    let lvlf = table.get(at..at.checked_add(28)?)?;
    let start = le32(lvlf, 0)? as i32;
    let nfc = lvlf[4];
    let flags = lvlf[5];
    let follow = lvlf[15];
    let cb_chpx = usize::from(lvlf[24]);
    let cb_papx = usize::from(lvlf[25]);
    let restart_limit = lvlf[26];
    let mut next = at + 28 + cb_papx;
    let chpx = table.get(next..next.checked_add(cb_chpx)?)?;
    next += cb_chpx;
    let cch = usize::from(u16::from_le_bytes([*table.get(next)?, *table.get(next + 1)?]));
    let xst = table.get(next + 2..next + 2 + 2 * cch)?;
    next += 2 + 2 * cch;
    let font = sprms(chpx)
        .find(|(code, _)| *code == 0x4A4F)
        .and_then(|(_, op)| op.get(..2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]]))))
        .and_then(|i| fonts.get(i).cloned());
    let format = format_name(nfc);
    let units: Vec<u16> = xst
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take(MAX_LEVEL_TEXT)
        .collect();
    // The placeholders are the characters 0–8: the number of that level.
    let mut text = String::new();
    for c in char::decode_utf16(units.iter().copied()) {
        match c {
            Ok(c) if u32::from(c) < LEVELS as u32 && format != "bullet" => {
                text.push('%');
                text.push(char::from(b'1' + c as u8));
            }
            Ok(c) => text.push(c),
            Err(_) => text.push(char::REPLACEMENT_CHARACTER),
        }
    }
    if format == "bullet" {
        text = symbols::map_text(font.as_deref(), &text);
    }
    let suffix = match follow {
        1 => Suffix::Space,
        2 => Suffix::Nothing,
        _ => Suffix::Tab,
    };
    let no_restart = flags & 0x08 != 0;
    let level = Level {
        start: Some(i64::from(start)),
        format: Some(format.to_string()),
        custom: None,
        text: Some(text),
        suffix: Some(suffix),
        restart: no_restart.then_some(i64::from(restart_limit)),
        legal: flags & 0x04 != 0,
        style: None,
        // A bullet's text is mapped already.
        font: None,
    };
    Some((level, next))
}

/// Adds the document's lists (`lst`: the PlfLst's offset and length in the table stream)
/// and overrides (`lfo`: the PlfLfo's) to `numbering`. What is cut short is read as far as
/// it goes.
pub(crate) fn read(
    table: &[u8],
    lst: (usize, usize),
    lfo: (usize, usize),
    fonts: &[String],
    numbering: &mut Numbering,
) {
    // PlfLst: cLst, the LSTFs, then their LVLs in the same order.
    let mut lsids: Vec<i32> = Vec::new();
    if lst.1 >= 2 {
        if let Some(head) = table.get(lst.0..lst.0 + 2) {
            let count = usize::from(u16::from_le_bytes([head[0], head[1]])).min(MAX_LISTS);
            let mut at = lst.0 + 2 + 28 * count;
            for i in 0..count {
                let Some(lstf) = table.get(lst.0 + 2 + 28 * i..lst.0 + 2 + 28 * (i + 1)) else {
                    break;
                };
                let lsid = le32(lstf, 0).unwrap_or(0) as i32;
                let simple = lstf[26] & 0x01 != 0;
                let mut levels: [Option<Level>; LEVELS] = Default::default();
                let defined = if simple { 1 } else { LEVELS };
                for slot in levels.iter_mut().take(defined) {
                    let Some((lvl, next)) = level(table, at, fonts) else { break };
                    *slot = Some(lvl);
                    at = next;
                }
                lsids.push(lsid);
                numbering.insert_definition(lsid.to_string(), levels);
            }
        }
    }
    // PlfLfo: lfoMac, the LFOs, then each one's LFOData (a cp and its LFOLVLs).
    if lfo.1 < 4 {
        return;
    }
    let Some(count) = le32(table, lfo.0) else { return };
    let count = (count as usize).min(MAX_LISTS);
    let mut data_at = lfo.0 + 4 + 16 * count;
    for i in 0..count {
        let Some(entry) = table.get(lfo.0 + 4 + 16 * i..lfo.0 + 4 + 16 * (i + 1)) else { break };
        let lsid = le32(entry, 0).unwrap_or(0) as i32;
        let overrides = usize::from(entry[12]).min(LEVELS);
        let mut starts = [None; LEVELS];
        let mut levels: [Option<Level>; LEVELS] = Default::default();
        if table.get(data_at..data_at + 4).is_some() {
            data_at += 4;
            for _ in 0..overrides {
                let Some(lfolvl) = table.get(data_at..data_at + 8) else { break };
                data_at += 8;
                let start_at = le32(lfolvl, 0).unwrap_or(0) as i32;
                let flags = lfolvl[4];
                let ilvl = usize::from(flags & 0x0F);
                let has_start = flags & 0x10 != 0;
                let has_level = flags & 0x20 != 0;
                if has_level {
                    let Some((lvl, next)) = level(table, data_at, fonts) else { break };
                    data_at = next;
                    if ilvl < LEVELS {
                        if has_start {
                            starts[ilvl] = lvl.start;
                        }
                        levels[ilvl] = Some(lvl);
                    }
                } else if has_start && ilvl < LEVELS {
                    starts[ilvl] = Some(i64::from(start_at));
                }
            }
        }
        numbering.insert_instance((i + 1).to_string(), lsid.to_string(), starts, levels);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_nfc_order() {
        assert_eq!(format_name(0), "decimal");
        assert_eq!(format_name(0x17), "bullet");
        assert_eq!(format_name(0x12), "decimalEnclosedCircle");
        assert_eq!(format_name(0x1E), "ideographTraditional");
        assert_eq!(format_name(0x25), "chineseCounting");
        assert_eq!(format_name(0x27), "chineseCountingThousand");
        assert_eq!(format_name(0xFF), "none");
    }
}
