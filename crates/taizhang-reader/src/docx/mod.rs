//! .docx: zip + quick-xml, streamed.
//!
//! # Steps
//!
//! 1. Sniff the bytes: an empty file, a legacy or password-protected OLE file, RTF or HTML
//!    saved under a .docx name each get their own error.
//! 2. Open the zip defensively (`zipsafe`): entry count capped, overlapping entries
//!    refused, every entry inflated through a byte cap and a compression-ratio cap.
//! 3. Find the main part through `_rels/.rels` (it is not always `word/document.xml`) and
//!    check that it is WordprocessingML: its content type and its root element.
//! 4. Read the numbering definitions and paragraph styles the main part's relationships
//!    name (both optional), then stream the main part (`body`).
//!
//! Every XML part is read with a DOCTYPE refused (entities are never expanded), namespaces
//! resolved (transitional and strict WordprocessingML alike), and no DOM.

pub(crate) mod body;
pub(crate) mod numbering;
mod opc;
pub(crate) mod symbols;
#[cfg(any(test, feature = "testing"))]
pub mod writer;
pub(crate) mod xml;
mod zipsafe;

use taizhang_model::table::{ReadWarning, Table};

use taizhang_i18n::msg;

use crate::{Options, ReadError};
use numbering::Numbering;
use opc::ContentTypes;
use xml::Where;
use zipsafe::Package;

/// What the .docx reader returns for one document.
#[derive(Debug, Clone, Default)]
pub struct DocxOutput {
    pub tables: Vec<Table>,
    pub warnings: Vec<ReadWarning>,
    /// The encoding declared by the main XML part.
    pub encoding: String,
    /// The paragraphs before the first table (those after a table are its `after`).
    pub preamble: Vec<String>,
}

/// The first bytes of an OLE compound file: a legacy .doc, or an encrypted OOXML package.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads every table of a .docx held in `bytes`; `file` names it in errors.
///
/// Tables come in document order; tables nested in a cell stay in that cell
/// ([`taizhang_model::Cell::tables`]). A document without any table is
/// [`ReadError::NoTable`].
pub fn read_docx(file: &str, bytes: &[u8], options: &Options) -> Result<DocxOutput, ReadError> {
    sniff(file, bytes)?;
    let mut package = Package::open(file, bytes, options)?;

    let main = main_part(file, &mut package)?;
    let at = Where { file, part: &main };
    let Some(main_bytes) = package.read(&main)? else {
        return Err(ReadError::MissingPart {
            file: file.to_string(),
            part: main.clone(),
            detail: Some(msg!("read.docx.main-named")),
        });
    };

    // The main part's relationships name numbering.xml and styles.xml. Without them (some
    // generators omit document.xml.rels) the parts are looked for under their usual names.
    let rels_name = opc::rels_name(&main);
    let relationships = match package.read(&rels_name)? {
        Some(bytes) => Some(opc::relationships(Where { file, part: &rels_name }, &bytes, &main)?),
        None => None,
    };
    let related = |kind: &str, usual: &str| -> Option<String> {
        match &relationships {
            Some(rels) => rels.iter().find(|r| r.is(kind)).map(|r| r.target.clone()),
            None => Some(usual.to_string()),
        }
    };
    let mut numbering = Numbering::default();
    if let Some(part) = related("styles", "word/styles.xml") {
        if let Some(bytes) = package.read(&part)? {
            numbering.read_styles(Where { file, part: &part }, &bytes)?;
        }
    }
    if let Some(part) = related("numbering", "word/numbering.xml") {
        if let Some(bytes) = package.read(&part)? {
            numbering.read_definitions(Where { file, part: &part }, &bytes)?;
        }
    }

    let decoded = xml::decode(at, &main_bytes)?;
    let body = body::read(at, &decoded.text, &mut numbering, options.max_cells)?;
    if body.tables.is_empty() {
        return Err(ReadError::NoTable { file: file.to_string() });
    }
    Ok(DocxOutput {
        tables: body.tables,
        warnings: body.warnings,
        encoding: decoded.encoding.to_string(),
        preamble: body.preamble,
    })
}

/// Where the reader's XML events (tokens, positions, namespace classes, errors) part ways
/// with quick-xml's `NsReader` on `xml`, or `None` when they agree. For the fuzz target that
/// holds the reader to quick-xml; built with the `testing` feature only.
#[cfg(feature = "testing")]
pub fn xml_differs_from_quick_xml(xml: &str) -> Option<String> {
    xml::differs_from_quick_xml(xml)
}

/// Refuses inputs that are recognisably not a .docx, each with an error that says what
/// they are instead.
fn sniff(file: &str, bytes: &[u8]) -> Result<(), ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty { file: file.to_string() });
    }
    if bytes.starts_with(&OLE_MAGIC) {
        // An encrypted OOXML package is an OLE file with an "EncryptionInfo" stream, whose
        // name is stored in UTF-16 in the directory.
        let marker: Vec<u8> = "EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let encrypted = bytes.windows(marker.len()).any(|w| w == marker.as_slice());
        return Err(ReadError::LegacyOle { file: file.to_string(), encrypted });
    }
    if !bytes.starts_with(b"PK") {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        let what = if head.starts_with("{\\rtf") {
            Some(msg!("read.docx.rtf"))
        } else if head.starts_with("<html")
            || head.starts_with("<!doctype html")
            || head.contains("urn:schemas-microsoft-com:office:word")
        {
            Some(msg!("read.docx.html"))
        } else if head.starts_with("<?xml") && head.contains("pkg:package") {
            Some(msg!("read.docx.flat-opc"))
        } else {
            None
        };
        if let Some(what) = what {
            return Err(ReadError::Unsupported { file: file.to_string(), reason: what });
        }
    }
    Ok(())
}

/// The main document part: the target of the package's `officeDocument` relationship,
/// checked against `[Content_Types].xml`.
fn main_part(file: &str, package: &mut Package<'_>) -> Result<String, ReadError> {
    const ROOT_RELS: &str = "_rels/.rels";
    const TYPES: &str = "[Content_Types].xml";
    let main = match package.read(ROOT_RELS)? {
        Some(bytes) => {
            let rels = opc::relationships(Where { file, part: ROOT_RELS }, &bytes, "")?;
            match rels.iter().find(|r| r.is("officeDocument")) {
                Some(rel) => rel.target.clone(),
                None => {
                    return Err(ReadError::NotWordDocument {
                        file: file.to_string(),
                        part: ROOT_RELS.to_string(),
                        reason: msg!("read.docx.no-office-document"),
                    })
                }
            }
        }
        // A package without its root relationships is damaged, but when the usual main part
        // is there the document can still be read.
        None => {
            if !package.contains("word/document.xml") {
                return Err(ReadError::MissingPart {
                    file: file.to_string(),
                    part: ROOT_RELS.to_string(),
                    detail: Some(msg!("read.docx.no-document-either")),
                });
            }
            "word/document.xml".to_string()
        }
    };
    let Some(types) = package.read(TYPES)? else {
        return Err(ReadError::MissingPart {
            file: file.to_string(),
            part: TYPES.to_string(),
            detail: Some(msg!("read.docx.types-missing")),
        });
    };
    let types = ContentTypes::parse(Where { file, part: TYPES }, &types)?;
    match types.of(&main) {
        Some(ty) if opc::WORD_MAIN_TYPES.iter().any(|t| t.eq_ignore_ascii_case(ty)) => Ok(main),
        Some(ty) => Err(ReadError::NotWordDocument {
            file: file.to_string(),
            part: main.clone(),
            reason: msg!("read.docx.content-type", content_type = ty),
        }),
        None => Err(ReadError::NotWordDocument {
            file: file.to_string(),
            part: main.clone(),
            reason: msg!("read.docx.no-content-type"),
        }),
    }
}
