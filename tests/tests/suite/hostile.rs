//! Bad and hostile .docx inputs: each gives its own one-line error naming the file (and the
//! part), without a panic, a hang or unbounded memory.
//!
//! The crafted files live in `fixtures/bad/` (written by `fixtures/bad/make.py`); zip bombs
//! and deeply nested documents are built here. Memory is measured honestly: the bomb is read
//! in a child process (this test binary, run again on one ignored test) whose peak resident
//! set is reset through `/proc/self/clear_refs` just before the read and taken from
//! `/proc/self/status` (VmHWM) right after it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use taizhang_reader::docx::writer::{self, Entry};
use taizhang_reader::docx::{read_docx, DocxOutput};
use taizhang_reader::{Options, ReadError};

fn bad(name: &str) -> Result<DocxOutput, ReadError> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/bad").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_docx(name, &bytes, &Options::default())
}

fn message(result: Result<DocxOutput, ReadError>) -> (ReadError, String) {
    let error = result.expect_err("the input is refused");
    let text = error.to_string();
    assert!(!text.contains('\n'), "one-line message: {text}");
    (error, text)
}

#[test]
fn hostile_empty_file() {
    let (error, text) = message(bad("empty.docx"));
    assert!(matches!(error, ReadError::Empty { .. }), "{error:?}");
    assert_eq!(text, "empty.docx: the file is empty");
}

#[test]
fn hostile_not_a_zip() {
    let (error, text) = message(bad("not-a-zip.docx"));
    assert!(matches!(error, ReadError::Zip { part: None, .. }), "{error:?}");
    assert!(text.starts_with("not-a-zip.docx: not a zip archive, as every .docx is"), "{text}");
}

#[test]
fn hostile_truncated_zip() {
    let (error, text) = message(bad("truncated.docx"));
    assert!(matches!(error, ReadError::Zip { .. }), "{error:?}");
    assert!(text.starts_with("truncated.docx: "), "{text}");
}

#[test]
fn hostile_legacy_doc_gets_a_conversion_hint() {
    let (error, text) = message(bad("legacy.doc"));
    assert!(matches!(error, ReadError::LegacyOle { encrypted: false, .. }), "{error:?}");
    assert!(text.contains("legacy Word .doc"), "{text}");
    assert!(text.contains("soffice --headless --convert-to docx "), "{text}");
    assert!(text.trim_end().ends_with("legacy.doc"), "{text}");
}

#[test]
fn hostile_password_protected() {
    let (error, text) = message(bad("encrypted.docx"));
    assert!(matches!(error, ReadError::LegacyOle { encrypted: true, .. }), "{error:?}");
    assert!(text.contains("password-protected"), "{text}");
}

#[test]
fn hostile_no_main_part() {
    let (error, text) = message(bad("no-main-part.docx"));
    assert!(
        matches!(&error, ReadError::MissingPart { part, .. } if part == "word/document.xml"),
        "{error:?}"
    );
    assert!(text.starts_with("no-main-part.docx: word/document.xml: missing part"), "{text}");
}

#[test]
fn hostile_theme_named_as_main_part() {
    // What a .doc with a zip appended looks like to a lenient zip reader.
    let (error, text) = message(bad("theme-as-main-part.docx"));
    assert!(matches!(error, ReadError::NotWordDocument { .. }), "{error:?}");
    assert!(
        text.contains("theme/theme/themeManager.xml: not a Word document: its content type is"),
        "{text}"
    );
}

#[test]
fn hostile_main_part_with_another_root() {
    let (error, text) = message(bad("wrong-root.docx"));
    assert!(matches!(error, ReadError::NotWordDocument { .. }), "{error:?}");
    assert!(text.contains("the root element is <a:themeManager>"), "{text}");
}

#[test]
fn hostile_malformed_xml_names_part_and_byte() {
    let (error, text) = message(bad("malformed-xml.docx"));
    match &error {
        ReadError::Xml { part, position, line, .. } => {
            assert_eq!(part, "word/document.xml");
            assert!(*position > 100, "{position}");
            assert_eq!(*line, 1);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        text.starts_with("malformed-xml.docx: word/document.xml: XML error at byte "),
        "{text}"
    );
}

#[test]
fn hostile_doctype_is_refused_not_expanded() {
    let (error, text) = message(bad("doctype-entity.docx"));
    assert!(matches!(error, ReadError::Dtd { .. }), "{error:?}");
    assert!(
        text.starts_with("doctype-entity.docx: word/document.xml: refusing a DOCTYPE"),
        "{text}"
    );
    assert!(!text.contains("root:"), "the entity was never resolved: {text}");
}

#[test]
fn hostile_crc_mismatch() {
    let (error, text) = message(bad("crc-error.docx"));
    assert!(
        matches!(&error, ReadError::Zip { part: Some(part), .. } if part == "word/document.xml"),
        "{error:?}"
    );
    assert!(text.contains("CRC mismatch"), "{text}");
}

#[test]
fn hostile_overlapping_entries() {
    let (error, text) = message(bad("overlapping-entries.docx"));
    assert!(matches!(error, ReadError::Zip { .. }), "{error:?}");
    assert!(text.contains("overlap"), "{text}");
}

#[test]
fn hostile_no_table() {
    let (error, text) = message(bad("no-table.docx"));
    assert!(matches!(error, ReadError::NoTable { .. }), "{error:?}");
    assert_eq!(text, "no-table.docx: contains no table");
}

fn nested_tables(depth: usize) -> Vec<u8> {
    let open = "<w:tbl><w:tr><w:tc>";
    let close = "<w:p/></w:tc></w:tr></w:tbl>";
    let body = format!(
        "{}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{}",
        open.repeat(depth),
        close.repeat(depth)
    );
    writer::docx(&body)
}

#[test]
fn hostile_nested_tables_are_capped() {
    let out =
        read_docx("ten.docx", &nested_tables(10), &Options::default()).expect("10 levels read");
    assert_eq!(out.tables.len(), 1);
    assert_eq!(out.tables[0].tables_in_cells, 9);
    let mut table = &out.tables[0];
    for _ in 0..9 {
        table = &table.rows[0].cells[0].tables[0];
    }
    assert_eq!(table.rows[0].cells[0].paragraphs(), ["deep", ""]);

    assert!(read_docx("64.docx", &nested_tables(64), &Options::default()).is_ok());
    let (error, text) = message(read_docx("deep.docx", &nested_tables(65), &Options::default()));
    assert!(matches!(error, ReadError::Limit { .. }), "{error:?}");
    assert_eq!(text, "deep.docx: word/document.xml: tables nest more than 64 deep");
}

#[test]
fn hostile_deep_element_nesting_does_not_overflow_the_stack() {
    let depth = 200_000;
    let body = format!(
        "<w:tbl><w:tr><w:tc><w:p>{}{}</w:p></w:tc></w:tr></w:tbl>",
        "<w:hyperlink>".repeat(depth),
        "</w:hyperlink>".repeat(depth)
    );
    let started = Instant::now();
    let (error, text) = message(read_docx("nest.docx", &writer::docx(&body), &Options::default()));
    assert!(matches!(error, ReadError::Limit { .. }), "{error:?}");
    assert!(text.contains("elements nest more than 4096 deep"), "{text}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn hostile_entry_count_is_capped() {
    let mut entries: Vec<Entry> = Vec::new();
    for i in 0..20 {
        entries.push(Entry::stored(&format!("junk/{i}.bin"), b"x"));
    }
    let options = Options { max_entries: 10, ..Options::default() };
    let (error, text) = message(read_docx("many.docx", &writer::zip(&entries), &options));
    assert!(matches!(error, ReadError::Limit { .. }), "{error:?}");
    assert!(text.contains("lists 20 entries, more than the limit of 10"), "{text}");
}

/// A document of more cells than `max_cells` is refused as it is read, .docx and .txt alike
/// (a .txt by the cells its lines and tabs could make, before it is split); at the limit it
/// reads.
#[test]
fn hostile_cell_count_is_capped() {
    let seed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/seed");
    let docx = std::fs::read(seed.join("plan-2020.docx")).expect("seed .docx");
    let txt = std::fs::read(seed.join("plan-2020.txt")).expect("seed .txt");
    let read = |name: &str, bytes: &[u8], max_cells: usize| {
        taizhang_reader::read_bytes(name, bytes, &Options { max_cells, ..Options::default() })
    };
    // The seed's one table: 112 rows of six cells.
    let cells: usize = read("plan.docx", &docx, usize::MAX)
        .expect("reads")
        .tables
        .iter()
        .map(|t| t.rows.iter().map(|r| r.cells.len()).sum::<usize>())
        .sum();
    assert_eq!(cells, 672);
    // Each row counts one more, each spanning cell the columns it covers.
    let rows: usize = read("plan.docx", &docx, usize::MAX)
        .expect("reads")
        .tables
        .iter()
        .map(|t| {
            t.rows
                .iter()
                .map(|r| 1 + r.cells.iter().map(|c| c.span - 1).sum::<usize>())
                .sum::<usize>()
        })
        .sum();
    let cells = cells + rows;
    assert!(read("plan.docx", &docx, cells).is_ok());
    let error = read("plan.docx", &docx, cells - 1).expect_err("one cell too many");
    assert!(matches!(error, ReadError::Limit { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!("plan.docx: word/document.xml: more than {} table cells (rows and spanned columns counted), the most a document may hold", cells - 1)
    );

    let text = std::str::from_utf8(&txt).expect("UTF-8");
    let could = 1 + text.matches('\n').count() + text.matches('\t').count();
    assert!(read("plan.txt", &txt, could).is_ok());
    let error = read("plan.txt", &txt, could - 1).expect_err("refused before it is split");
    assert!(matches!(error, ReadError::Limit { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.starts_with("plan.txt: "), "{message}");
    assert!(
        message.ends_with(&format!(
            "more than {} table cells, the most a document may hold",
            could - 1
        )),
        "{message}"
    );
}

/// A .docx whose document.xml holds a table and `run` spaces of padding, deflated; the
/// headers declare `declared` bytes (the truth when `None`).
fn spaces_docx(run: usize, declared: Option<u32>) -> Vec<u8> {
    let xml = writer::document_xml(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>padded</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    );
    let (prefix, suffix) = xml.split_at(xml.find("<w:sectPr/>").expect("body end"));
    let data = writer::deflate_run(prefix.as_bytes(), b' ', run, suffix.as_bytes());
    let size = prefix.len() + run + suffix.len();
    let crc = if size < 64 << 20 {
        let mut whole = prefix.as_bytes().to_vec();
        whole.resize(prefix.len() + run, b' ');
        whole.extend_from_slice(suffix.as_bytes());
        writer::crc32(&whole)
    } else {
        0
    };
    let declared = declared.unwrap_or(u32::try_from(size).unwrap_or(u32::MAX));
    writer::zip(&[
        Entry::stored("[Content_Types].xml", writer::CONTENT_TYPES.as_bytes()),
        Entry::stored("_rels/.rels", writer::ROOT_RELS.as_bytes()),
        Entry::deflated("word/document.xml", data, declared, crc),
    ])
}

#[test]
fn hostile_deflate_run_reads_back() {
    // The hand-made deflate stream is valid: a small one reads as a document.
    let out =
        read_docx("small.docx", &spaces_docx(10_000, None), &Options::default()).expect("reads");
    assert_eq!(out.tables[0].rows[0].cells[0].text, "padded");
}

#[test]
fn hostile_ratio_bomb_is_refused_unless_allowed() {
    // 4 MiB of spaces in 26 KB: 160:1, past the default ratio of 100:1.
    let bytes = spaces_docx(4 << 20, None);
    let (error, text) = message(read_docx("ratio.docx", &bytes, &Options::default()));
    assert!(
        matches!(&error, ReadError::Limit { part: Some(part), .. } if part == "word/document.xml"),
        "{error:?}"
    );
    assert!(text.contains("a ratio over 100:1"), "{text}");
    // An Options field raises the limit.
    let options = Options { max_ratio: 200, ..Options::default() };
    let out = read_docx("ratio.docx", &bytes, &options).expect("allowed");
    assert_eq!(out.tables[0].rows[0].cells[0].text, "padded");
    // And the total limit applies across entries.
    let options = Options { max_ratio: 200, max_total_bytes: 1 << 20, ..Options::default() };
    let (_, text) = message(read_docx("ratio.docx", &bytes, &options));
    assert!(text.contains("Options::max_total_bytes"), "{text}");
}

#[test]
fn hostile_gigabyte_bomb_is_refused_fast() {
    let bytes = spaces_docx(1 << 30, None);
    assert!(bytes.len() < 8 << 20, "{}", bytes.len());
    let started = Instant::now();
    let (error, text) = message(read_docx("bomb.docx", &bytes, &Options::default()));
    let elapsed = started.elapsed();
    assert!(matches!(error, ReadError::Limit { .. }), "{error:?}");
    assert!(text.contains("Options::max_entry_bytes"), "{text}");
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}

#[test]
fn hostile_bomb_that_lies_about_its_size_is_cut_off() {
    // The headers say 4 KiB; the stream inflates to 1 GiB. Reading stops one byte past the
    // declared size.
    let bytes = spaces_docx(1 << 30, Some(4096));
    let started = Instant::now();
    let (error, text) = message(read_docx("liar.docx", &bytes, &Options::default()));
    let elapsed = started.elapsed();
    assert!(matches!(error, ReadError::Zip { .. }), "{error:?}");
    assert!(text.contains("word/document.xml:"), "{text}");
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}

const CHILD: &str = "TAIZHANG_BOMB_CHILD";

fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Run by `hostile_bombs_use_little_memory` in a child process.
#[test]
#[ignore = "run in a child process by hostile_bombs_use_little_memory"]
fn hostile_bomb_memory_child() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let honest = spaces_docx(1 << 30, None);
    let liar = spaces_docx(1 << 30, Some(4096));
    std::fs::write("/proc/self/clear_refs", "5").expect("the peak RSS can be reset");
    let before = status_kb("VmRSS:").expect("VmRSS");
    let _ = read_docx("bomb.docx", &honest, &Options::default());
    let _ = read_docx("liar.docx", &liar, &Options::default());
    let peak = status_kb("VmHWM:").expect("VmHWM");
    println!("PEAK_GROWTH_KB={}", peak.saturating_sub(before));
}

#[test]
fn hostile_bombs_use_little_memory() {
    if !PathBuf::from("/proc/self/clear_refs").exists() {
        println!("no /proc/self/clear_refs on this system: memory not measured");
        return;
    }
    let exe = std::env::current_exe().expect("test binary");
    let output = std::process::Command::new(exe)
        .args([
            "--exact",
            "hostile::hostile_bomb_memory_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .output()
        .expect("child runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "child failed: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let growth: u64 = stdout
        .lines()
        .find_map(|l| l.split_once("PEAK_GROWTH_KB=").map(|(_, v)| v))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no measurement in: {stdout}"));
    println!("peak RSS growth while refusing two 1 GiB bombs: {growth} KiB");
    // The growth counts the reader's code and allocator arenas touched for the first time
    // (about 4.3 MiB with text around tables and hidden text read as well); a bomb that was
    // inflated would add a gibibyte.
    assert!(growth < 8 * 1024, "reading the bombs grew the peak RSS by {growth} KiB");
}

/// A small document that uses most constructs: merges, numbering, fields, a text box.
fn rich_parts() -> (String, String, String) {
    let numbered = |id: u32, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="S"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="{id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let body = format!(
        r#"<w:tbl><w:tr><w:trPr><w:tblHeader/><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>{}</w:tc></w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr>{}<w:tbl><w:tr><w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>box</w:t><w:tab/><w:br/><w:sym w:font="Symbol" w:char="F0B7"/></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:t>fb</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        numbered(1, "first"),
        numbered(2, "second")
    );
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="L"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="3"/><w:lvlRestart w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1.%2"/><w:suff w:val="space"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="9"/><w:lvl w:ilvl="1"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%2"/></w:lvl></w:lvlOverride></w:num>"#;
    let styles = r#"<w:style w:type="paragraph" w:styleId="S"><w:basedOn w:val="S"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="numbering" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>"#;
    (body, numbering.to_string(), styles.to_string())
}

#[test]
fn hostile_rich_document_reads() {
    let (body, numbering, styles) = rich_parts();
    let out =
        read_docx("rich.docx", &writer::docx_with(&body, &numbering, &styles), &Options::default())
            .expect("the base of the mutation tests reads");
    let table = &out.tables[0];
    assert_eq!(table.tables_in_cells, 1);
    assert_eq!(table.rows[0].cells[0].text, "一.③ first");
    // The text box follows its (otherwise empty) anchoring paragraph.
    assert_eq!(table.rows[1].cells[0].paragraphs(), ["IX\tsecond", "", "box\t\n•"]);
    assert_eq!(table.rows[1].cells[0].merged_from, Some(0));
    assert!(out.warnings.is_empty());
}

fn mutate(mut bytes: Vec<u8>, edits: &[(proptest::sample::Index, u8, u8)]) -> Vec<u8> {
    for (index, byte, kind) in edits {
        if bytes.is_empty() {
            break;
        }
        let i = index.index(bytes.len());
        match kind % 3 {
            0 => bytes[i] = *byte,
            1 => bytes.truncate(i),
            _ => bytes.insert(i, *byte),
        }
    }
    bytes
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 300, ..Default::default() })]

    /// Damaged XML in any part gives a result or an error, never a panic.
    #[test]
    fn hostile_mutated_xml_never_panics(
        part in 0usize..3,
        edits in proptest::collection::vec((proptest::arbitrary::any::<proptest::sample::Index>(), proptest::arbitrary::any::<u8>(), 0u8..3), 1..6),
    ) {
        let (body, numbering, styles) = rich_parts();
        let mut parts = [
            writer::document_xml(&body).into_bytes(),
            writer::numbering_xml(&numbering).into_bytes(),
            writer::styles_xml(&styles).into_bytes(),
        ];
        parts[part] = mutate(std::mem::take(&mut parts[part]), &edits);
        let bytes = writer::zip(&[
            Entry::stored("[Content_Types].xml", writer::CONTENT_TYPES.as_bytes()),
            Entry::stored("_rels/.rels", writer::ROOT_RELS.as_bytes()),
            Entry::stored("word/_rels/document.xml.rels", writer::DOCUMENT_RELS.as_bytes()),
            Entry::stored("word/document.xml", &parts[0]),
            Entry::stored("word/numbering.xml", &parts[1]),
            Entry::stored("word/styles.xml", &parts[2]),
        ]);
        if let Err(e) = read_docx("mutated.docx", &bytes, &Options::default()) {
            proptest::prop_assert!(e.to_string().starts_with("mutated.docx: "), "{}", e);
        }
    }

    /// Damaged zip structure gives a result or an error, never a panic.
    #[test]
    fn hostile_mutated_zip_never_panics(
        edits in proptest::collection::vec((proptest::arbitrary::any::<proptest::sample::Index>(), proptest::arbitrary::any::<u8>(), 0u8..3), 1..6),
    ) {
        let (body, numbering, styles) = rich_parts();
        let bytes = mutate(writer::docx_with(&body, &numbering, &styles), &edits);
        if let Err(e) = read_docx("mutated.docx", &bytes, &Options::default()) {
            proptest::prop_assert!(!e.to_string().contains('\n'), "{}", e);
        }
    }
}

#[test]
fn hostile_duplicate_entry_names() {
    let document = writer::document_xml("<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>");
    let bytes = writer::zip(&[
        Entry::stored("[Content_Types].xml", writer::CONTENT_TYPES.as_bytes()),
        Entry::stored("_rels/.rels", writer::ROOT_RELS.as_bytes()),
        Entry::stored("word/document.xml", document.as_bytes()),
        Entry::stored(
            "word/document.xml",
            document.replace("<w:p/>", "<w:p><w:r><w:t>other</w:t></w:r></w:p>").as_bytes(),
        ),
    ]);
    let (error, text) = message(read_docx("dup.docx", &bytes, &Options::default()));
    assert!(matches!(error, ReadError::Zip { .. }), "{error:?}");
    assert!(text.contains("same name"), "{text}");
}

/// A workbook whose `xl/workbook.xml` lists `sheets` (name, relationship id), each id
/// naming `worksheets/sheet1.xml`; that part holds `rows` of (reference, inline text).
fn workbook(sheets: &[(String, String)], rows: &[Vec<(String, String)>]) -> Vec<u8> {
    const NS: &str = "http://schemas.openxmlformats.org";
    let types = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{NS}/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#
    );
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS}/package/2006/relationships"><Relationship Id="rId1" Type="{NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let mut ids: Vec<&str> = sheets.iter().map(|(_, id)| id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let wb_rels: String = ids
        .iter()
        .map(|id| {
            format!(
                r#"<Relationship Id="{id}" Type="{NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
            )
        })
        .collect();
    let wb_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS}/package/2006/relationships">{wb_rels}</Relationships>"#
    );
    let listed: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (name, id))| format!(r#"<sheet name="{name}" sheetId="{}" r:id="{id}"/>"#, i + 1))
        .collect();
    let wb = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}/spreadsheetml/2006/main" xmlns:r="{NS}/officeDocument/2006/relationships"><sheets>{listed}</sheets></workbook>"#
    );
    let mut sheet = format!(r#"<worksheet xmlns="{NS}/spreadsheetml/2006/main"><sheetData>"#);
    for (r, cells) in rows.iter().enumerate() {
        sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (at, text) in cells {
            sheet.push_str(&format!(
                r#"<c r="{at}" s="1" t="inlineStr"><is><t>{text}</t></is></c>"#
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    writer::zip(&[
        Entry::stored("[Content_Types].xml", types.as_bytes()),
        Entry::stored("_rels/.rels", rels.as_bytes()),
        Entry::stored("xl/workbook.xml", wb.as_bytes()),
        Entry::stored("xl/_rels/workbook.xml.rels", wb_rels.as_bytes()),
        Entry::stored("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

/// Column letters of a 0-based column (`0` → `A`, `16383` → `XFD`).
fn column_name(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ascii")
}

/// A plan sheet: the header, then `rows` numbered measures, each followed by `extra` short
/// cells in the columns after the plan's six.
fn plan_rows(rows: usize, extra: usize) -> Vec<Vec<(String, String)>> {
    let header =
        ["原文表述实施路径", "具体措施", "2020年工作目标", "季度进度安排", "牵头单位", "配合单位"];
    let mut out = vec![header
        .iter()
        .enumerate()
        .map(|(c, h)| (format!("{}1", column_name(c)), h.to_string()))
        .collect::<Vec<_>>()];
    for n in 1..=rows {
        let r = n + 1;
        let texts = [
            format!("（{n}） 着力推进"),
            format!("{n}. 措施"),
            "新建学校5所".to_string(),
            "一季度，完成投资2.9亿元。".to_string(),
            "城建局".to_string(),
            "交通局".to_string(),
        ];
        let mut row: Vec<(String, String)> = texts
            .into_iter()
            .enumerate()
            .map(|(c, t)| (format!("{}{r}", column_name(c)), t))
            .collect();
        row.extend((6..6 + extra).map(|c| (format!("{}{r}", column_name(c)), format!("x{c}"))));
        out.push(row);
    }
    out
}

/// The CPU time this thread has used (user + system), from `/proc/thread-self/stat`; the
/// wall clock where that cannot be read. A limit on it holds on a machine shared with other
/// builds, where wall time would not.
fn thread_cpu() -> Duration {
    let ticks = std::fs::read_to_string("/proc/thread-self/stat").ok().and_then(|stat| {
        // The fields after the command name (which is in parentheses): utime and stime are
        // the 12th and 13th of them, in clock ticks of 1/100 s.
        let rest = stat.rsplit_once(')')?.1;
        let fields: Vec<&str> = rest.split_whitespace().collect();
        Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
    });
    match ticks {
        Some(ticks) => Duration::from_millis(ticks * 10),
        None => {
            static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
            START.get_or_init(Instant::now).elapsed()
        }
    }
}

#[test]
fn hostile_xlsx_a_thousand_sheets_on_one_part_are_read_once() {
    // 1,000 sheets listing one part (half through one relationship, half through their
    // own): read once, not 1,000 times (that took 12 s in a release build).
    assert_eq!(
        (column_name(0), column_name(25), column_name(26)),
        ("A".into(), "Z".into(), "AA".into())
    );
    assert_eq!(column_name(16383), "XFD");
    let sheets: Vec<(String, String)> = (0..1000)
        .map(|i| {
            (format!("S{i}"), if i % 2 == 0 { "rId1".into() } else { format!("rId{}", i + 1) })
        })
        .collect();
    let bytes = workbook(&sheets, &plan_rows(300, 0));
    let started = thread_cpu();
    let out = taizhang_reader::read_bytes("sheets.xlsx", &bytes, &Options::default())
        .expect("the workbook reads");
    let took = thread_cpu() - started;
    println!("1,000 sheets on one part: {took:?} of CPU");
    assert_eq!(out.tables.len(), 1);
    assert_eq!(out.tables[0].rows.len(), 301);
    let repeated: Vec<_> = out.warnings.iter().filter(|w| w.code == "repeated-sheet").collect();
    assert_eq!(repeated.len(), 1, "{:?}", out.warnings);
    assert!(repeated[0].message.contains("999 sheets"), "{}", repeated[0].message);
    assert!(repeated[0].message.contains("xl/worksheets/sheet1.xml"), "{}", repeated[0].message);
    // Reading the part once takes a few tens of milliseconds of CPU in a debug build; a
    // thousand times, tens of seconds.
    let limit = Duration::from_secs(if cfg!(debug_assertions) { 4 } else { 1 });
    assert!(took < limit, "took {took:?} of CPU");
}

#[test]
fn hostile_xlsx_a_header_reaching_xfd1_parses_in_linear_time() {
    // The header's last cell moved to XFD1 makes the table 16,384 columns wide; each row
    // also fills 150 columns more. Finding the cells of each column by laying every row out
    // again was columns × rows × cells (17 s of CPU in a debug build); it is one pass now
    // (1.2 s in a debug build, most of it reading the 18,000 cells).
    let mut rows = plan_rows(120, 150);
    rows[0][5].0 = "XFD1".into();
    let bytes = workbook(&[("Sheet1".into(), "rId1".into())], &rows);
    let started = thread_cpu();
    let tables = taizhang_reader::read_bytes("xfd1.xlsx", &bytes, &Options::default())
        .expect("the workbook reads");
    let plan = taizhang_parser::Parser::new().parse_tables(&tables, None).expect("parses").value;
    let took = thread_cpu() - started;
    println!("a header reaching XFD1: {took:?} of CPU");
    assert_eq!(plan.items.len(), 120);
    let limit = Duration::from_secs(if cfg!(debug_assertions) { 6 } else { 1 });
    assert!(took < limit, "took {took:?} of CPU");
}
