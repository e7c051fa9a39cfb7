//! The package layer (Open Packaging Conventions): `[Content_Types].xml`, relationship parts
//! and part-name resolution.

use quick_xml::events::Event;

use super::xml::{self, Where};
use taizhang_i18n::msg;

use crate::ReadError;

/// Content types a WordprocessingML main part may have: document, template, and their
/// macro-enabled forms (Strict documents use the same types).
pub(crate) const WORD_MAIN_TYPES: [&str; 4] = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];

/// One relationship of a `.rels` part, its target resolved to a part name.
#[derive(Debug, Clone)]
pub(crate) struct Relationship {
    pub kind: String,
    pub target: String,
}

impl Relationship {
    /// Relationship types differ between transitional and strict only in their base URI, so
    /// they are compared on the last path segment (`…/officeDocument`, `…/numbering`).
    pub(crate) fn is(&self, last_segment: &str) -> bool {
        self.kind.rsplit('/').next() == Some(last_segment)
    }
}

/// Reads a `.rels` part; `source` is the part the relationships belong to (`""` for the
/// package), so relative targets resolve against its folder. External targets are skipped.
pub(crate) fn relationships(
    at: Where<'_>,
    bytes: &[u8],
    source: &str,
) -> Result<Vec<Relationship>, ReadError> {
    let decoded = xml::decode(at, bytes)?;
    let text = &*decoded.text;
    let mut reader = xml::Reader::new(text);
    let mut out = Vec::new();
    loop {
        match reader.read_event().map(|(_, event)| event) {
            Err(e) => {
                return Err(at.xml_error(
                    text,
                    reader.error_position(),
                    msg!("read.xml.cause", cause = e),
                ))
            }
            Ok(Event::DocType(_)) => return Err(at.dtd(reader.buffer_position())),
            Ok(Event::Start(e)) if e.local_name().into_inner() == "Relationship" => {
                if xml::attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("external")) {
                    continue;
                }
                if let (Some(kind), Some(target)) = (xml::attr(&e, "Type"), xml::attr(&e, "Target"))
                {
                    out.push(Relationship {
                        kind: kind.into_owned(),
                        target: resolve(source, &target),
                    });
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
        }
    }
    Ok(out)
}

/// `[Content_Types].xml`: extension defaults and per-part overrides.
#[derive(Debug, Default)]
pub(crate) struct ContentTypes {
    defaults: Vec<(String, String)>,
    overrides: Vec<(String, String)>,
}

impl ContentTypes {
    pub(crate) fn parse(at: Where<'_>, bytes: &[u8]) -> Result<ContentTypes, ReadError> {
        let decoded = xml::decode(at, bytes)?;
        let text = &*decoded.text;
        let mut reader = xml::Reader::new(text);
        let mut out = ContentTypes::default();
        loop {
            match reader.read_event().map(|(_, event)| event) {
                Err(e) => {
                    return Err(at.xml_error(
                        text,
                        reader.error_position(),
                        msg!("read.xml.cause", cause = e),
                    ))
                }
                Ok(Event::DocType(_)) => return Err(at.dtd(reader.buffer_position())),
                Ok(Event::Start(e)) => match e.local_name().into_inner() {
                    "Default" => {
                        if let (Some(ext), Some(ty)) =
                            (xml::attr(&e, "Extension"), xml::attr(&e, "ContentType"))
                        {
                            out.defaults.push((ext.to_lowercase(), ty.trim().to_string()));
                        }
                    }
                    "Override" => {
                        if let (Some(name), Some(ty)) =
                            (xml::attr(&e, "PartName"), xml::attr(&e, "ContentType"))
                        {
                            let name = name.trim_start_matches('/').to_lowercase();
                            out.overrides.push((name, ty.trim().to_string()));
                        }
                    }
                    _ => {}
                },
                Ok(Event::Eof) => break,
                Ok(_) => {}
            }
        }
        Ok(out)
    }

    /// The content type of a part (name without a leading `/`).
    pub(crate) fn of(&self, part: &str) -> Option<&str> {
        let lower = part.to_lowercase();
        if let Some((_, ty)) = self.overrides.iter().find(|(name, _)| *name == lower) {
            return Some(ty);
        }
        let ext = lower.rsplit_once('.').map(|(_, ext)| ext)?;
        self.defaults.iter().find(|(e, _)| e == ext).map(|(_, ty)| ty.as_str())
    }
}

/// The relationship part of `part`: `word/document.xml` → `word/_rels/document.xml.rels`.
pub(crate) fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// Resolves a relationship target against the folder of its source part, giving a zip entry
/// name: `/word/x.xml` is absolute, `../x.xml` climbs, `%20` and friends are decoded.
pub(crate) fn resolve(source: &str, target: &str) -> String {
    let target = percent_decode(target.trim());
    let mut segments: Vec<&str> = Vec::new();
    if !target.starts_with('/') {
        if let Some((dir, _)) = source.rsplit_once('/') {
            segments.extend(dir.split('/').filter(|s| !s.is_empty()));
        }
    }
    for segment in target.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("", "/word/document2.xml"), "word/document2.xml");
        assert_eq!(resolve("word/document.xml", "numbering.xml"), "word/numbering.xml");
        assert_eq!(resolve("word/document.xml", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve("word/document.xml", "/word/styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word/document.xml", "my%20styles.xml"), "word/my styles.xml");
        assert_eq!(rels_name("word/document.xml"), "word/_rels/document.xml.rels");
    }
}
