//! Reads plan tables out of documents: the first stage of reader → parser → emit/diff.
//!
//! [`read_path`] takes a .docx, .doc (.wps), .txt or .xlsx file and returns every table in it
//! as rows of cells ([`taizhang_model::Tables`]), losslessly: each cell keeps its paragraphs,
//! its horizontal span and its vertical-merge state.
//!
//! The format is decided by the content, not the name: a zip holding `word/document.xml` is
//! a .docx, one holding `xl/workbook.xml` an .xlsx, an OLE compound file a .doc ([`doc`],
//! which names what else such a file may be; one named .xls or .et is a workbook); anything
//! else is read as text (see [`txt`] for the layouts and [`encoding`] for the encodings
//! understood). The extension only breaks ties, such as a damaged zip.
//!
//! ```
//! use taizhang_reader::{read_bytes, Options};
//! let text = " \t原文表述\n实施路径\n\t牵头单位\n\n\t（1） 着力推进\n\t城建局\n";
//! let tables = read_bytes("plan.txt", text.as_bytes(), &Options::default()).unwrap();
//! let rows = &tables.tables[0].rows;
//! assert_eq!(rows[0].cells[0].text, "原文表述\n实施路径");
//! assert_eq!(rows[1].cells[1].text, "城建局");
//! assert_eq!(tables.source.encoding.as_deref(), Some("utf-8"));
//! ```

pub mod csv;
pub mod doc;
pub mod docx;
pub mod encoding;
mod error;
pub mod html;
mod lang;
pub mod txt;
pub mod xlsx;

pub use error::ReadError;
pub(crate) use lang::warning_text;

use std::io::{Cursor, Read};
use std::path::Path;

use sha2::{Digest, Sha256};
use taizhang_model::table::{Format, ReadWarning, Source, Table, TABLES_SCHEMA};
use taizhang_model::Tables;

/// Limits that keep hostile input from using unbounded time or memory.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest uncompressed size of one zip entry. By default, 256 MiB.
    pub max_entry_bytes: u64,
    /// Largest uncompressed size of all entries read. By default, 512 MiB.
    pub max_total_bytes: u64,
    /// Largest compression ratio of an entry once it is past 1 MiB. By default, 100.
    pub max_ratio: u64,
    /// Most entries a zip may list. By default, 10,000.
    pub max_entries: usize,
    /// Largest input file (or standard input) read at all. By default, 1 GiB.
    pub max_input_bytes: u64,
    /// Most table cells a .docx, .doc or .txt may hold, all tables together; a .txt is measured
    /// before it is split, by the most cells its lines and tabs could make. In a .docx a
    /// cell spanning N grid columns counts N, and each row one more. By default,
    /// 1,000,000 (a plan table has a few thousand): a cell costs a few hundred bytes read
    /// and structured, so this bounds the memory of a file of tiny cells to about 500 MB.
    /// (An .xlsx sheet has its own fixed limit of as many cells.)
    pub max_cells: usize,
    /// The language of the warnings' `message` (their codes stay the same). Errors carry
    /// their message unrendered: [`ReadError::render`] takes the language.
    pub lang: taizhang_i18n::Lang,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_entry_bytes: 256 << 20,
            max_total_bytes: 512 << 20,
            max_ratio: 100,
            max_entries: 10_000,
            max_input_bytes: 1 << 30,
            max_cells: 1_000_000,
            lang: taizhang_i18n::Lang::En,
        }
    }
}

/// Reads every table of the file at `path` (`-` reads standard input).
///
/// Errors name the file as given, so they can be printed as they are.
pub fn read_path(path: &Path, options: &Options) -> Result<Tables, ReadError> {
    let file = path.display().to_string();
    let io_error = |cause| ReadError::Io { file: file.clone(), cause };
    let bytes = if path == Path::new("-") {
        read_limited(&file, std::io::stdin().lock(), 0, options.max_input_bytes)?
    } else {
        let handle = std::fs::File::open(path).map_err(io_error)?;
        let size = handle.metadata().map_err(io_error)?.len();
        if size > options.max_input_bytes {
            return Err(ReadError::TooLarge { file, limit: options.max_input_bytes });
        }
        read_limited(&file, handle, size, options.max_input_bytes)?
    };
    read_bytes(&file, &bytes, options)
}

/// Reads at most `limit` bytes, failing rather than truncating when there is more. `expected`
/// (the file's size, 0 when unknown) sizes the buffer: `take` hides the size from
/// `read_to_end`, which would otherwise start at 32 bytes and double.
fn read_limited(
    file: &str,
    reader: impl Read,
    expected: u64,
    limit: u64,
) -> Result<Vec<u8>, ReadError> {
    // One byte more than the file holds, so the read that finds its end needs no growth.
    let capacity = usize::try_from(expected.min(limit).saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|cause| ReadError::Io { file: file.to_string(), cause })?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { file: file.to_string(), limit });
    }
    Ok(bytes)
}

/// What the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Docx,
    Doc,
    Xlsx,
    Text,
    Html,
    /// A BIFF workbook (.xls, WPS's .et) in an OLE2 container.
    Xls,
}

/// Reads every table of a document held in `bytes`; `file` names it in the output and in
/// errors.
pub fn read_bytes(file: &str, bytes: &[u8], options: &Options) -> Result<Tables, ReadError> {
    if bytes.len() as u64 > options.max_input_bytes {
        return Err(ReadError::TooLarge { file: file.to_string(), limit: options.max_input_bytes });
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty { file: file.to_string() });
    }
    let _lang = lang::Scope::enter(options.lang);
    // The text before the first table (the formats that have text outside tables).
    let mut preamble = Vec::new();
    let (format, tables, warnings, encoding) = match detect(file, bytes)? {
        Kind::Docx => {
            let out = docx::read_docx(file, bytes, options)?;
            preamble = out.preamble;
            (Format::Docx, out.tables, out.warnings, out.encoding)
        }
        Kind::Doc => {
            let out = doc::read_doc(file, bytes, options)?;
            preamble = out.preamble;
            (Format::Doc, out.tables, out.warnings, String::new())
        }
        Kind::Xlsx => {
            let mut out = xlsx::read_xlsx(file, bytes, options)?;
            flag_headers(&mut out.tables, &mut out.warnings);
            (Format::Xlsx, out.tables, out.warnings, out.encoding)
        }
        Kind::Html => {
            let out = html::read_html(file, bytes, options)?;
            preamble = out.preamble;
            (Format::Html, out.tables, out.warnings, out.encoding)
        }
        Kind::Xls => {
            let mut out = xlsx::read_xls(file, bytes)?;
            flag_headers(&mut out.tables, &mut out.warnings);
            (Format::Xls, out.tables, out.warnings, out.encoding)
        }
        Kind::Text => {
            let decoded = encoding::decode(file, bytes)?;
            if let Some(mut out) = csv::read_csv(file, &decoded.text, &extension_of(file), options)?
            {
                flag_headers(&mut out.tables, &mut out.warnings);
                let encoding = decoded.encoding.to_string();
                return Ok(tables_of(file, bytes, Format::Csv, out.tables, out.warnings, encoding));
            }
            txt_cells_within(file, &decoded.text, options.max_cells)?;
            let mut out = txt::read_txt(file, &decoded.text)?;
            flag_headers(&mut out.tables, &mut out.warnings);
            preamble = out.preamble;
            (Format::Txt, out.tables, out.warnings, decoded.encoding.to_string())
        }
    };
    let mut tables = tables_of(file, bytes, format, tables, warnings, encoding);
    tables.preamble = preamble;
    Ok(tables)
}

/// Refuses a text whose lines and tabs could make more than `max_cells` cells, before
/// anything is built from it: every layout the .txt reader knows makes at most a cell per
/// line plus one per tab.
fn txt_cells_within(file: &str, text: &str, max_cells: usize) -> Result<(), ReadError> {
    // Line breaks and tabs are a few per hundred bytes: memchr passes over the rest in
    // vector steps (a byte-by-byte count took a sixth of the time of reading a .txt).
    // The text could make 1 + (line breaks + tabs) cells: more than `max_cells` as soon as
    // there are `max_cells` breaks and tabs, so counting stops there.
    let bytes = text.as_bytes();
    let exceeds =
        max_cells == 0 || memchr::memchr2_iter(b'\n', b'\t', bytes).nth(max_cells - 1).is_some();
    if exceeds {
        let lines = 1 + memchr::memchr_iter(b'\n', bytes).count();
        let tabs = memchr::memchr_iter(b'\t', bytes).count();
        return Err(ReadError::Limit {
            file: file.to_string(),
            part: None,
            reason: taizhang_i18n::msg!(
                "read.txt.too-many-cells",
                lines = lines,
                tabs = tabs,
                max_cells = max_cells
            ),
        });
    }
    Ok(())
}

fn tables_of(
    file: &str,
    bytes: &[u8],
    format: Format,
    tables: Vec<Table>,
    warnings: Vec<ReadWarning>,
    encoding: String,
) -> Tables {
    let sha256 = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    Tables {
        schema: TABLES_SCHEMA.to_string(),
        source: Source {
            file: file.to_string(),
            format,
            sha256,
            encoding: (!encoding.is_empty()).then_some(encoding),
            table: None,
        },
        preamble: Vec::new(),
        tables,
        warnings,
    }
}

/// Flags the header row of tables whose format has no header mark (.txt, .xlsx): the first
/// row with two or more non-empty cells. Rows above it that hold a single text (a title
/// such as `2020年民生实事台账`, a `填报单位：` line) stay in the table, unflagged, and are
/// reported as `title-row`; a table whose rows all hold one text flags its first row.
pub(crate) fn flag_headers(tables: &mut [Table], warnings: &mut Vec<ReadWarning>) {
    // Titles sit right above the header; a longer run of one-cell rows is data.
    const MAX_TITLE_ROWS: usize = 5;
    for table in tables {
        let filled = |row: &taizhang_model::Row| {
            row.cells.iter().filter(|cell| !cell.text.trim().is_empty()).count()
        };
        let header = table.rows.iter().take(MAX_TITLE_ROWS + 1).position(|row| filled(row) >= 2);
        let header = header.unwrap_or(0);
        for (index, row) in table.rows.iter_mut().enumerate() {
            row.header = index == header;
            if index < header && filled(row) > 0 {
                let title: Vec<&str> = row
                    .cells
                    .iter()
                    .map(|cell| cell.text.trim())
                    .filter(|text| !text.is_empty())
                    .collect();
                warnings.push(ReadWarning {
                    table: table.index,
                    row: index,
                    code: taizhang_model::Code::TitleRow.into(),
                    message: warning_text(taizhang_i18n::msg!(
                        "title-row",
                        table = table.index,
                        row = index,
                        header = header,
                        title = title.join(" ")
                    )),
                });
            }
        }
    }
    // Warnings in table, then row order, whichever pass added them.
    warnings.sort_by_key(|warning| (warning.table, warning.row));
}

/// Decides the format from the leading bytes, then the zip's part names, then the
/// extension.
fn detect(file: &str, bytes: &[u8]) -> Result<Kind, ReadError> {
    let extension = extension_of(file);
    use taizhang_i18n::msg;
    let unsupported =
        |reason: taizhang_i18n::Msg| ReadError::Unsupported { file: file.to_string(), reason };
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        // The part folders decide: a Word package keeps its parts under word/, a workbook
        // under xl/, whatever the main part is called.
        let by_parts = zip::ZipArchive::new(Cursor::new(bytes)).ok().and_then(|archive| {
            let names: Vec<String> = archive
                .file_names()
                .filter_map(Result::ok)
                .map(|n| n.trim_start_matches('/').to_ascii_lowercase())
                .collect();
            if names.iter().any(|n| n.starts_with("word/")) {
                Some(Kind::Docx)
            } else if names.iter().any(|n| n.starts_with("xl/")) {
                Some(Kind::Xlsx)
            } else {
                None
            }
        });
        // OpenDocument keeps its type in an uncompressed first entry, `mimetype`.
        let head = bytes.get(..200).unwrap_or(bytes);
        let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        return match (by_parts, extension.as_str()) {
            (Some(kind), _) => Ok(kind),
            (None, _) if contains(b"opendocument.spreadsheet") => {
                Err(unsupported(msg!("read.ods", file = file)))
            }
            (None, _) if contains(b"opendocument.text") => {
                Err(unsupported(msg!("read.odt", file = file)))
            }
            // A damaged or unusual package: let the reader its name promises explain what
            // is wrong with it.
            (None, "docx" | "docm" | "dotx" | "dotm") => Ok(Kind::Docx),
            (None, "xlsx" | "xlsm") => Ok(Kind::Xlsx),
            (None, _) => Err(unsupported(msg!("read.zip-neither"))),
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // The streams decide: a workbook keeps its sheets in `Workbook` (`Book` before
        // Excel 97), whatever the file is called.
        // A document may embed the other kind (a workbook object inside a .doc keeps its own
        // `Workbook` stream): with both streams present, the extension decides.
        let streams = xlsx::ole_streams(bytes);
        let spreadsheet_name = matches!(extension.as_str(), "xls" | "xlsx" | "xlsm" | "et");
        if streams.workbook && (!streams.word || spreadsheet_name) {
            return Ok(Kind::Xls);
        }
        // A Word 97–2003 document, or a password-protected .docx (both come as OLE2): the
        // .doc reader tells them apart by their streams, and names what else it finds.
        // Spreadsheets are named here.
        if streams.word || !matches!(extension.as_str(), "xls" | "xlsx" | "xlsm" | "et") {
            // An encrypted OOXML package names its "EncryptionInfo" stream (UTF-16) in the
            // directory: the .docx reader explains those.
            let marker: Vec<u8> =
                "EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes).collect();
            if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
                return Ok(Kind::Docx);
            }
            return Ok(Kind::Doc);
        }
        let what = match extension.as_str() {
            "xls" | "et" => msg!("read.what.xls"),
            "doc" | "wps" => msg!("read.what.doc"),
            _ => msg!("read.what.ole"),
        };
        let target = if matches!(extension.as_str(), "xls" | "et") { "xlsx" } else { "docx" };
        return Err(unsupported(msg!("read.ole", what => what, target = target, file = file)));
    }
    if bytes.starts_with(&[0xDB, 0xA5]) || bytes.starts_with(&[0x9B, 0xA5]) {
        return Err(unsupported(msg!("read.word2", file = file)));
    }
    if bytes.starts_with(b"%PDF-") {
        return Err(unsupported(msg!("read.pdf")));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(unsupported(msg!("read.rtf", file = file)));
    }
    if html::sniff(bytes) {
        return Ok(Kind::Html);
    }
    if let Some(what) = markup(bytes) {
        // Web pages and Office 2003 XML saved as .doc/.xls are common exports of government
        // systems; read as text they would give no table or a wrong one.
        let target = if what.key().ends_with("excel2003") { "xlsx" } else { "docx" };
        return Err(unsupported(msg!("read.markup", what => what, target = target, file = file)));
    }
    Ok(Kind::Text)
}

/// The file name's extension, lowercased (empty when there is none).
fn extension_of(file: &str) -> String {
    Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// What kind of markup document `bytes` hold, if they start like one (after a BOM and
/// blanks, in any case).
fn markup(bytes: &[u8]) -> Option<taizhang_i18n::Msg> {
    use taizhang_i18n::msg;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let head: Vec<u8> = bytes[start..].iter().take(400).map(u8::to_ascii_lowercase).collect();
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if head.starts_with(b"mime-version:") {
        Some(msg!("read.what.mht"))
    } else if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        Some(msg!("read.what.html"))
    } else if head.starts_with(b"<?xml") && has(b"excel.sheet") {
        Some(msg!("read.what.excel2003"))
    } else if head.starts_with(b"<?xml") && has(b"word.document") {
        Some(msg!("read.what.word2003"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_office_files_get_a_conversion_hint() {
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend([0; 64]);
        // A .doc is read natively: a cut-short one is called damaged.
        let err = read_bytes("old.doc", &ole, &Options::default()).unwrap_err().to_string();
        assert!(err.starts_with("old.doc: a damaged or cut-short Word document"), "{err}");
        let err = read_bytes("old.xls", &ole, &Options::default()).unwrap_err().to_string();
        assert!(err.contains("--convert-to xlsx old.xls"), "{err}");
    }

    #[test]
    fn web_archives_and_2003_xml_are_refused_with_a_hint() {
        let cases: [(&str, &[u8], &str); 3] = [
            ("b.doc", b"MIME-Version: 1.0\r\n", "a web archive"),
            (
                "c.xml",
                b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>",
                "--convert-to xlsx c.xml",
            ),
            (
                "d.xml",
                b"<?xml version=\"1.0\"?><?mso-application progid=\"Word.Document\"?>",
                "--convert-to docx d.xml",
            ),
        ];
        for (name, bytes, expected) in cases {
            let err = read_bytes(name, bytes, &Options::default()).unwrap_err();
            assert!(matches!(err, ReadError::Unsupported { .. }), "{err}");
            assert!(err.to_string().contains(expected), "{err}");
        }
    }

    #[test]
    fn inputs_are_recognised_by_content_not_name() {
        let page = "\u{FEFF}\r\n<HTML><body><table><tr><td>序号<td>任务</table>";
        for name in ["a.xls", "b.doc", "c.wps", "d.txt", "e.htm"] {
            let tables = read_bytes(name, page.as_bytes(), &Options::default()).unwrap();
            assert_eq!(tables.source.format, Format::Html, "{name}");
            assert_eq!(tables.tables[0].rows[0].cells[1].text, "任务", "{name}");
        }
        let csv = "序号,任务\r\n1,\"建设\n学校\"\r\n";
        let tables = read_bytes("plan.txt", csv.as_bytes(), &Options::default()).unwrap();
        assert_eq!(tables.source.format, Format::Csv);
        let tsv = "序号\t任务\n1\t建设,学校\n";
        let tables = read_bytes("plan.csv", tsv.as_bytes(), &Options::default()).unwrap();
        assert_eq!(tables.source.format, Format::Txt, "a TSV named .csv");
        // A .docx named .html or .xls: the zip's parts decide.
        let docx = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed/plan-2020.docx"),
        )
        .unwrap();
        for name in ["plan.html", "plan.xls"] {
            let tables = read_bytes(name, &docx, &Options::default()).unwrap();
            assert_eq!(tables.source.format, Format::Docx, "{name}");
        }
    }

    #[test]
    fn opendocument_is_refused_with_a_hint() {
        let mut buffer = Cursor::new(Vec::new());
        {
            let mut writer = zip::ZipWriter::new(&mut buffer);
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            writer.start_file("mimetype", stored).unwrap();
            std::io::Write::write_all(
                &mut writer,
                b"application/vnd.oasis.opendocument.spreadsheet",
            )
            .unwrap();
            writer.finish().unwrap();
        }
        let err = read_bytes("plan.ods", buffer.get_ref(), &Options::default()).unwrap_err();
        assert!(err.to_string().contains("--convert-to xlsx plan.ods"), "{err}");
    }

    #[test]
    fn source_names_format_hash_and_encoding() {
        let tables = read_bytes("a.txt", b"\tA\n\tB\n\n\t1\n\t2\n", &Options::default()).unwrap();
        assert_eq!(tables.schema, TABLES_SCHEMA);
        assert_eq!(tables.source.format, Format::Txt);
        assert_eq!(tables.source.encoding.as_deref(), Some("utf-8"));
        // sha256 of the exact bytes above.
        assert_eq!(tables.source.sha256.len(), 64);
        assert_eq!(
            tables.source.sha256,
            Sha256::digest(b"\tA\n\tB\n\n\t1\n\t2\n")
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
    }

    #[test]
    fn input_size_is_capped() {
        let options = Options { max_input_bytes: 4, ..Options::default() };
        let err = read_bytes("big.txt", b"\tA\n\tB\n", &options).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { limit: 4, .. }), "{err}");
        let err = read_limited("-", &b"12345"[..], 0, 4).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { .. }), "{err}");
        // A file that grew past the limit after its size was taken.
        let err = read_limited("-", &b"12345"[..], 3, 4).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { .. }), "{err}");
        assert_eq!(read_limited("-", &b"1234"[..], 4, 4).unwrap(), b"1234");
        // The expected size only sizes the buffer: shorter or longer, the bytes are read.
        assert_eq!(read_limited("-", &b"1234"[..], 2, 4).unwrap(), b"1234");
        assert_eq!(read_limited("-", &b"12"[..], 4, 4).unwrap(), b"12");
    }

    #[test]
    fn seed_text_copies_read_alike() {
        let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed");
        let read = |name: &str| read_path(&seed.join(name), &Options::default()).unwrap();
        let utf8 = read("plan-2020.txt");
        let table = &utf8.tables[0];
        assert_eq!(table.rows.len(), 112);
        assert!(table.rows.iter().all(|row| row.cells.len() == 6));
        assert_eq!(table.rows[0].cells[0].text, "原文表述\n实施路径");
        assert_eq!(table.rows[75].cells[3].paragraphs().last().copied(), Some(""));
        assert_eq!(table.rows[80].cells[5].text, "    ");
        assert_eq!(utf8.warnings.len(), 1);
        assert_eq!((utf8.warnings[0].code.as_str(), utf8.warnings[0].row), ("padded-row", 111));
        for (name, encoding) in [("plan-2020-gbk.txt", "gb18030"), ("plan-2020-crlf.txt", "utf-8")]
        {
            let other = read(name);
            assert_eq!(other.tables, utf8.tables, "{name}");
            assert_eq!(other.warnings, utf8.warnings, "{name}");
            assert_eq!(other.source.encoding.as_deref(), Some(encoding), "{name}");
        }
    }

    #[test]
    fn titles_above_the_header_are_kept_but_not_the_header() {
        let tsv = "东莞市2020年民生实事台账\t\t\n填报单位：市府办\t\t\n序号\t任务\t牵头单位\n1\t建学校\t教育局\n";
        let tables = read_bytes("t.txt", tsv.as_bytes(), &Options::default()).unwrap();
        let rows = &tables.tables[0].rows;
        let flags: Vec<bool> = rows.iter().map(|row| row.header).collect();
        assert_eq!(flags, [false, false, true, false]);
        assert_eq!(rows[0].cells[0].text, "东莞市2020年民生实事台账");
        let titles: Vec<(&str, usize)> =
            tables.warnings.iter().map(|w| (w.code.as_str(), w.row)).collect();
        assert_eq!(titles, [("title-row", 0), ("title-row", 1)]);
        assert!(tables.warnings[0].message.ends_with("东莞市2020年民生实事台账"));
    }

    #[test]
    fn one_column_tables_flag_their_first_row() {
        let tables = read_bytes("t.txt", b"\tA\n\n\t1\n\n\t2\n", &Options::default()).unwrap();
        let flags: Vec<bool> = tables.tables[0].rows.iter().map(|row| row.header).collect();
        assert_eq!(flags, [true, false, false]);
        assert!(tables.warnings.is_empty());
    }

    #[test]
    fn empty_input_is_empty() {
        let err = read_bytes("e.txt", b"", &Options::default()).unwrap_err();
        assert!(matches!(err, ReadError::Empty { .. }), "{err}");
    }

    #[test]
    fn a_zip_that_is_no_office_document_is_unsupported() {
        let mut buffer = Cursor::new(Vec::new());
        {
            let mut writer = zip::ZipWriter::new(&mut buffer);
            writer.start_file("readme.txt", zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut writer, b"hello").unwrap();
            writer.finish().unwrap();
        }
        let err = read_bytes("a.zip", buffer.get_ref(), &Options::default()).unwrap_err();
        assert!(matches!(err, ReadError::Unsupported { .. }), "{err}");
    }
}
