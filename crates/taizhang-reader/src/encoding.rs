//! Text decoding for .txt input: UTF-8 (with or without BOM), UTF-16 LE/BE, GB18030.
//!
//! Chinese government offices still save text as GBK/GB18030 as often as UTF-8, and Excel's
//! "Unicode text" export is UTF-16 LE with a BOM. Detection is deliberately simple and strict:
//! a BOM decides; otherwise valid UTF-8 is UTF-8; otherwise the bytes must be valid GB18030
//! (the WHATWG decoder, a superset of GBK). Anything else is an error that says where the
//! first undecodable byte is, rather than a table full of replacement characters.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::ReadError;

/// Text decoded from the input bytes, with the name of the encoding it was in. UTF-8 text is
/// borrowed from the bytes, not copied: a large .txt is held once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// `utf-8`, `utf-16le`, `utf-16be` or `gb18030`.
    pub encoding: &'static str,
}

/// Decodes `bytes`; `file` names the input in errors.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<Decoded<'a>, ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok(Decoded { text: Cow::Borrowed(text), encoding: "utf-8" }),
            Err(e) => {
                let offset = 3 + e.valid_up_to();
                Err(encoding_error(file, bytes, offset, taizhang_i18n::msg!("read.enc.utf8-bom")))
            }
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return strict(UTF_16LE, rest)
            .map(|text| Decoded { text: Cow::Owned(text), encoding: "utf-16le" })
            .map_err(|at| {
                encoding_error(file, bytes, 2 + at, taizhang_i18n::msg!("read.enc.utf16le"))
            });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return strict(UTF_16BE, rest)
            .map(|text| Decoded { text: Cow::Owned(text), encoding: "utf-16be" })
            .map_err(|at| {
                encoding_error(file, bytes, 2 + at, taizhang_i18n::msg!("read.enc.utf16be"))
            });
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(Decoded { text: Cow::Borrowed(text), encoding: "utf-8" }),
        Err(e) => e.valid_up_to(),
    };
    // GB18030 accepts almost any byte pairs, so a UTF-8 file with one damaged byte would
    // "decode" as GB18030 into a table of nonsense. GBK text never forms a run of valid
    // multi-byte UTF-8 characters; a prefix with many is UTF-8, and the damage is the error.
    let valid = std::str::from_utf8(bytes.get(..utf8_error).unwrap_or_default()).unwrap_or("");
    if valid.chars().filter(|c| !c.is_ascii()).take(UTF8_EVIDENCE).count() == UTF8_EVIDENCE {
        return Err(encoding_error(file, bytes, utf8_error, taizhang_i18n::msg!("read.enc.utf8")));
    }
    // UTF-16 without a BOM: plain text in it is full of NUL bytes, which neither UTF-8 text
    // nor GB18030 text ever contains. Accept it only if it decodes cleanly and has line
    // structure, so that binary files still fail below.
    if bytes.contains(&0) && bytes.len().is_multiple_of(2) {
        for (encoding, name) in [(UTF_16LE, "utf-16le"), (UTF_16BE, "utf-16be")] {
            if let Ok(text) = strict(encoding, bytes) {
                if text.contains(['\n', '\t']) && !text.contains('\0') {
                    return Ok(Decoded { text: Cow::Owned(text), encoding: name });
                }
            }
        }
    }
    match strict(GB18030, bytes) {
        Ok(text) if !text.contains('\0') => {
            Ok(Decoded { text: Cow::Owned(text), encoding: "gb18030" })
        }
        Ok(_) => {
            let at = bytes.iter().position(|&b| b == 0).unwrap_or(0);
            Err(encoding_error(file, bytes, at, taizhang_i18n::msg!("read.enc.nul")))
        }
        Err(gb_at) => {
            // Report whichever decoder got further: that is the likelier intended encoding.
            let (at, which) =
                if gb_at > utf8_error { (gb_at, "GB18030") } else { (utf8_error, "UTF-8") };
            let reason = taizhang_i18n::msg!("read.enc.neither", which = which);
            Err(encoding_error(file, bytes, at, reason))
        }
    }
}

/// Non-ASCII characters of valid UTF-8 before the first invalid byte that make a file
/// UTF-8 rather than GB18030; GB18030 text rarely forms even two in a row by chance.
const UTF8_EVIDENCE: usize = 8;

/// Decodes without replacement; on failure, returns the byte offset of the first bad byte.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(0);
    let mut text = String::with_capacity(capacity);
    let mut consumed = 0;
    loop {
        let rest = bytes.get(consumed..).unwrap_or_default();
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        consumed += read;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => {
                // Only reachable when the capacity estimate overflowed; grow and go on.
                text.reserve(rest.len().saturating_mul(3).max(16));
            }
            DecoderResult::Malformed(bad, after) => {
                return Err(consumed.saturating_sub(usize::from(after) + usize::from(bad)));
            }
        }
    }
}

fn encoding_error(
    file: &str,
    bytes: &[u8],
    offset: usize,
    reason: taizhang_i18n::Msg,
) -> ReadError {
    let head = bytes.get(..offset).unwrap_or(bytes);
    // Every encoding accepted here keeps 0x0A as the line feed byte (UTF-16 as 0x0A 0x00),
    // so counting it gives the line number a text editor shows, up to the bad byte.
    let line = 1 + head.iter().filter(|&&b| b == b'\n').count();
    let shown: Vec<String> = bytes
        .get(offset..)
        .unwrap_or_default()
        .iter()
        .take(4)
        .map(|b| format!("{b:02X}"))
        .collect();
    ReadError::Encoding {
        file: file.to_string(),
        reason: taizhang_i18n::msg!(
            "read.enc.at",
            line = line,
            offset = offset,
            bytes = shown.join(" "),
            reason => reason
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
        }
        for unit in text.encode_utf16() {
            out.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("a.txt", "\t原文表述\n".as_bytes()).unwrap();
        assert_eq!(plain, Decoded { text: "\t原文表述\n".into(), encoding: "utf-8" });
        let bom = decode("a.txt", "\u{FEFF}\t原文表述\n".as_bytes()).unwrap();
        assert_eq!(bom, plain, "the BOM is not part of the text");
    }

    #[test]
    fn utf16_with_bom() {
        let le_bytes = utf16("\t牵头单位\r\n", false, true);
        let le = decode("a.txt", &le_bytes).unwrap();
        assert_eq!(le, Decoded { text: "\t牵头单位\r\n".into(), encoding: "utf-16le" });
        let be_bytes = utf16("\t牵头单位\r\n", true, true);
        let be = decode("a.txt", &be_bytes).unwrap();
        assert_eq!(be, Decoded { text: "\t牵头单位\r\n".into(), encoding: "utf-16be" });
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nul_bytes() {
        let le_bytes = utf16("序号\t内容\n1\t牵头\n", false, false);
        let le = decode("a.txt", &le_bytes).unwrap();
        assert_eq!(le.encoding, "utf-16le");
        assert_eq!(le.text, "序号\t内容\n1\t牵头\n");
        let be_bytes = utf16("序号\t内容\n", true, false);
        let be = decode("a.txt", &be_bytes).unwrap();
        assert_eq!(be.encoding, "utf-16be");
    }

    #[test]
    fn gb18030_including_characters_outside_gbk() {
        // 配合单位 in GBK, then U+2022 BULLET, which only GB18030's four-byte form encodes.
        let (bytes, _, unmappable) = GB18030.encode("\t配合单位•\n");
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err(), "the test input must not be UTF-8");
        let decoded = decode("a.txt", &bytes).unwrap();
        assert_eq!(decoded, Decoded { text: "\t配合单位•\n".into(), encoding: "gb18030" });
    }

    #[test]
    fn undecodable_bytes_name_the_file_line_and_byte() {
        // 0xFF can start no GB18030 sequence and no UTF-8 one.
        let err = decode("plan.txt", b"\tone\n\ttwo\n\t\xFF\xFF\n").unwrap_err().to_string();
        assert!(err.starts_with("plan.txt: "), "{err}");
        assert!(err.contains("line 3, byte 11"), "{err}");
        assert!(!err.contains('\n'), "one line: {err}");
    }

    #[test]
    fn damaged_utf8_is_an_error_not_gb18030_nonsense() {
        // 具体措施 and 配合单位 in UTF-8, then a damaged character: E5 can only start a
        // three-byte UTF-8 sequence, but E5 41 is a fine GBK pair.
        let mut bytes = "\t具体措施\n\t配合单位\n".as_bytes().to_vec();
        bytes.extend([0xE5, b'A', b'\n']);
        assert!(strict(GB18030, &bytes).is_ok(), "GB18030 alone would accept this");
        let err = decode("a.txt", &bytes).unwrap_err().to_string();
        assert!(err.contains("invalid UTF-8"), "{err}");
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn broken_utf16_after_a_bom_is_an_error() {
        // A lone high surrogate (U+D800) in UTF-16 LE.
        let err = decode("a.txt", b"\xFF\xFE\x09\x00\x00\xD8\x41\x00").unwrap_err().to_string();
        assert!(err.contains("UTF-16 LE"), "{err}");
        assert!(err.contains("byte 4"), "{err}");
    }

    #[test]
    fn binary_with_nul_bytes_is_not_text() {
        let err = decode("a.bin", b"\x00\x01\x02\x03\xFF").unwrap_err().to_string();
        assert!(err.starts_with("a.bin: "), "{err}");
    }
}
