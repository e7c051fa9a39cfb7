//! What every XML part of a package needs: decoding to UTF-8, a namespace-aware streaming
//! reader, entity handling without expansion, and errors that name the part and the byte.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

use crate::ReadError;

/// WordprocessingML, transitional and strict (ISO/IEC 29500 Strict renames every namespace).
const W_NS: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const MATH_NS: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
];

/// Elements nest deeper than this only in hostile input: real documents stay under ~100.
pub(crate) const MAX_ELEMENT_DEPTH: usize = 4096;

/// The namespaces the reader acts on; every other element is transparent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    W,
    Mc,
    Math,
    Other,
}

pub(crate) fn classify(ns: &ResolveResult<'_>) -> Ns {
    match ns {
        ResolveResult::Bound(ns) => {
            let ns = ns.into_inner();
            if W_NS.contains(&ns) {
                Ns::W
            } else if ns == MC_NS {
                Ns::Mc
            } else if MATH_NS.contains(&ns) {
                Ns::Math
            } else {
                Ns::Other
            }
        }
        _ => Ns::Other,
    }
}

/// Names the part of a package that is being read, for error messages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Where<'a> {
    pub file: &'a str,
    pub part: &'a str,
}

impl Where<'_> {
    pub(crate) fn xml_error(&self, text: &str, position: u64, message: impl ToString) -> ReadError {
        let end = usize::try_from(position).unwrap_or(usize::MAX).min(text.len());
        let line =
            1 + text.as_bytes().get(..end).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
        ReadError::Xml {
            file: self.file.to_string(),
            part: self.part.to_string(),
            position,
            line: line as u64,
            message: message.to_string(),
        }
    }

    pub(crate) fn dtd(&self, position: u64) -> ReadError {
        ReadError::Dtd { file: self.file.to_string(), part: self.part.to_string(), position }
    }

    pub(crate) fn limit(&self, reason: String) -> ReadError {
        ReadError::Limit { file: self.file.to_string(), part: Some(self.part.to_string()), reason }
    }

    /// Counts one more open element, and refuses nesting deeper than [`MAX_ELEMENT_DEPTH`].
    pub(crate) fn enter(&self, depth: &mut usize) -> Result<(), ReadError> {
        *depth += 1;
        if *depth > MAX_ELEMENT_DEPTH {
            return Err(self.limit(format!("elements nest more than {MAX_ELEMENT_DEPTH} deep")));
        }
        Ok(())
    }
}

/// The text of an XML part and the encoding it was stored in.
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
}

/// Decodes a part to UTF-8. OOXML parts are UTF-8 or UTF-16 (with or without a byte order
/// mark); an encoding named in the XML declaration is honoured when the bytes are not UTF-8.
pub(crate) fn decode<'a>(at: Where<'_>, bytes: &'a [u8]) -> Result<Decoded<'a>, ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(at, rest, 3);
    }
    let utf16 = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"<\0") {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.starts_with(b"\xFE\xFF") || bytes.starts_with(b"\0<") {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    };
    if let Some(encoding) = utf16 {
        let (text, _, had_errors) = encoding.decode(bytes);
        if had_errors {
            return Err(at.xml_error("", 0, format!("invalid {} data", encoding.name())));
        }
        let encoding = if encoding == encoding_rs::UTF_16LE { "utf-16le" } else { "utf-16be" };
        return Ok(Decoded { text, encoding });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text: Cow::Borrowed(text), encoding: "utf-8" }),
        Err(utf8_error) => {
            // Not UTF-8: honour a declared legacy encoding (`<?xml … encoding="GB2312"?>`),
            // which some generators write even though OOXML asks for UTF-8 or UTF-16.
            let declared = declared_encoding(bytes)
                .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
                .filter(|e| *e != encoding_rs::UTF_8);
            match declared {
                Some(encoding) => {
                    let (text, _, had_errors) = encoding.decode(bytes);
                    if had_errors {
                        return Err(at.xml_error(
                            "",
                            0,
                            format!("invalid {} data", encoding.name()),
                        ));
                    }
                    Ok(Decoded { text, encoding: static_name(encoding) })
                }
                None => {
                    let position = utf8_error.valid_up_to() as u64;
                    let text =
                        std::str::from_utf8(&bytes[..utf8_error.valid_up_to()]).unwrap_or("");
                    Err(at.xml_error(text, position, "invalid UTF-8"))
                }
            }
        }
    }
}

fn utf8<'a>(at: Where<'_>, bytes: &'a [u8], offset: u64) -> Result<Decoded<'a>, ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text: Cow::Borrowed(text), encoding: "utf-8" }),
        Err(e) => {
            let text = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            Err(at.xml_error(text, offset + e.valid_up_to() as u64, "invalid UTF-8"))
        }
    }
}

fn static_name(encoding: &'static encoding_rs::Encoding) -> &'static str {
    // encoding_rs names are static; lower-case the common ones for the `encoding` field.
    match encoding.name() {
        "GBK" => "gbk",
        "gb18030" => "gb18030",
        "Big5" => "big5",
        "windows-1252" => "windows-1252",
        other => other,
    }
}

/// The `encoding` pseudo-attribute of the XML declaration, if the part starts with one.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(200))?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// A streaming reader configured the way every part is read: empty elements arrive as
/// Start + End (so `<w:tab/>` and `<w:vMerge/>` need no special case), text untrimmed
/// (`xml:space="preserve"` runs keep their spaces), end tags checked.
pub(crate) fn reader(text: &str) -> NsReader<&[u8]> {
    let mut reader = NsReader::from_str(text);
    let config = reader.config_mut();
    config.expand_empty_elements = true;
    config.trim_text(false);
    config.check_end_names = true;
    reader
}

/// The value of the attribute with this local name (prefixes are not compared: WordprocessingML
/// attributes are always in the element's own namespace).
pub(crate) fn attr<'a>(e: &'a BytesStart<'_>, local: &str) -> Option<Cow<'a, str>> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.local_name().into_inner() == local {
            return a.normalized_value(XmlVersion::Implicit1_0).ok();
        }
    }
    None
}

/// An on/off property (`<w:tblHeader/>`, `w:val="0"`, `w:val="false"`, `w:val="off"`).
pub(crate) fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// A decimal attribute value. Strict documents may write measures with units (`233.75pt`),
/// so anything that is not a plain integer reads as `None` instead of failing.
pub(crate) fn int_attr(e: &BytesStart<'_>, local: &str) -> Option<i64> {
    attr(e, local)?.trim().parse().ok()
}

/// The text an entity or character reference stands for. Only the five predefined entities
/// and character references exist: a part with a DOCTYPE is refused before any reference
/// to a declared entity could be reached.
pub(crate) fn reference(r: &BytesRef<'_>) -> Result<Cow<'static, str>, String> {
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(Cow::Owned(c.to_string())),
            Ok(None) | Err(_) => {
                Err(format!("invalid character reference &{};", r.xml10_content()))
            }
        };
    }
    let name = r.xml10_content();
    match &*name {
        "amp" => Ok(Cow::Borrowed("&")),
        "lt" => Ok(Cow::Borrowed("<")),
        "gt" => Ok(Cow::Borrowed(">")),
        "quot" => Ok(Cow::Borrowed("\"")),
        "apos" => Ok(Cow::Borrowed("'")),
        other => Err(format!("undefined entity &{other}; (entities are never expanded)")),
    }
}
