//! The .doc reader: the seed plan's .doc against its .docx cell for cell, and the third-party
//! corpus (`../shared/corpus/doc`) against LibreOffice's .docx conversions of it
//! (`../shared/corpus/doc-reference`).
//!
//! The corpus test runs only when `TAIZHANG_CORPUS_DOC` names the corpus folder (a relative
//! value is resolved against the workspace root); it fails if the variable is set and the
//! folder is missing.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::common::{corpus, fixture, manifest};
use taizhang_model::table::{Cell, Format, Table};
use taizhang_parser::Parser;
use taizhang_reader::{read_bytes, read_path, Options, ReadError};

/// Every cell of every table, nested ones included, with where it is.
fn cells<'t>(tables: &'t [Table], at: &str, out: &mut Vec<(String, &'t Cell)>) {
    for table in tables {
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let here = format!("{at}table {} row {r} cell {c}", table.index);
                out.push((here.clone(), cell));
                cells(&cell.tables, &format!("{here} > "), out);
            }
        }
    }
}

#[test]
fn seed_doc_reads_as_its_docx_cell_for_cell() {
    let options = Options::default();
    let doc = read_path(&fixture("doc/plan-2020.doc"), &options).expect("the seed .doc reads");
    let docx = read_path(&fixture("seed/plan-2020.docx"), &options).expect("the seed .docx reads");
    assert_eq!(doc.source.format, Format::Doc);
    assert_eq!(doc.tables.len(), docx.tables.len());
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    cells(&doc.tables, "", &mut ours);
    cells(&docx.tables, "", &mut theirs);
    assert_eq!(theirs.len(), 672);
    assert_eq!(ours.len(), theirs.len());
    let mut equal = 0;
    for ((at, a), (_, b)) in ours.iter().zip(&theirs) {
        // Text, paragraphs, span, vertical merge and where the merge starts: the whole cell.
        if a == b {
            equal += 1;
        } else {
            println!("{at}: .doc {a:?}\n{at}: .docx {b:?}");
        }
    }
    assert_eq!(equal, 672, "{equal}/672 cells equal");
    let headers = |t: &Table| t.rows.iter().map(|r| r.header).collect::<Vec<_>>();
    assert_eq!(headers(&doc.tables[0]), headers(&docx.tables[0]));
    let merges = doc.tables[0].rows.iter().flat_map(|r| &r.cells).filter(|c| c.vmerge.is_some());
    assert_eq!(merges.count(), 28 + 98);
    let texts: Vec<&str> = ours.iter().map(|(_, c)| c.text.as_str()).collect();
    assert!(texts.contains(&"（7） 着力推进“交通体系扩展”行动。"));
    assert!(texts.iter().any(|t| t.starts_with("11. ")));
    assert_eq!(doc.warnings, docx.warnings);
}

#[test]
fn seed_doc_parses_to_the_docx_items() {
    let options = Options::default();
    let parse = |path: PathBuf| {
        let tables = read_path(&path, &options).expect("reads");
        let plan = Parser::new().parse_tables(&tables, None).expect("parses").value;
        serde_json::to_value(&plan.items).expect("serializes")
    };
    let doc = parse(fixture("doc/plan-2020.doc"));
    let docx = parse(fixture("seed/plan-2020.docx"));
    assert_eq!(doc.as_array().map(Vec::len), Some(111));
    assert_eq!(doc, docx);
}

#[test]
fn merges_nesting_lists_and_fields_read_as_in_the_docx() {
    // fixtures/doc/features.doc is LibreOffice's .doc of features.docx (make.py): the
    // same cells, merges, nested table and labels must come out of both.
    let options = Options::default();
    let doc = read_path(&fixture("doc/features.doc"), &options).expect("the .doc reads");
    let docx = read_path(&fixture("doc/features.docx"), &options).expect("the .docx reads");
    assert_eq!(doc.tables, docx.tables);
    assert_eq!(doc.warnings, docx.warnings);
    let rows = &doc.tables[0].rows;
    let texts: Vec<Vec<&str>> =
        rows.iter().map(|r| r.cells.iter().map(|c| c.text.as_str()).collect()).collect();
    assert_eq!(texts[1], ["一、稳增长"]);
    assert_eq!(rows[1].cells[0].span, 4);
    assert_eq!(texts[3][3], "教育局\n①城建局");
    assert_eq!(texts[5][2], "1. 总目标\n1.1 分目标甲\n1.2 分目标乙\n2. 第二目标");
    assert_eq!(texts[5][3], "链接文字");
    assert_eq!(texts[6][0], "（5） 重新编号");
    assert_eq!(rows[4].cells[0].merged_from, Some(2));
    let nested = &rows[5].cells[1].tables[0];
    assert_eq!(nested.rows[2].cells[0].vmerge, Some(taizhang_model::table::VMerge::Continue));
    assert_eq!(doc.tables[0].tables_in_cells, 1);
}

/// Why two cell texts differ, as far as it can be told from the texts.
fn cause(ours: &str, theirs: &str) -> &'static str {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if squeeze(ours) == squeeze(&theirs.replace('\u{a0}', " ")) {
        "whitespace only"
    } else if theirs.contains(ours) || ours.is_empty() {
        "the reference has more text (deleted or hidden text it keeps, a text box, a field)"
    } else if ours.contains(theirs) {
        "the .doc has more text (text LibreOffice drops or moves: a deleted revision it keeps \
         as text, a field result)"
    } else if ours.chars().any(|c| ('\u{e000}'..='\u{f8ff}').contains(&c))
        || theirs.chars().any(|c| ('\u{e000}'..='\u{f8ff}').contains(&c))
    {
        "a symbol-font character"
    } else {
        "other"
    }
}

/// Why a file's tables differ from the reference, from what the manifest knows of it.
fn file_cause(name: &str, notes: &str) -> &'static str {
    if notes.contains("text-box") || notes.contains("text box") {
        "a table in a text box: a story outside the main text, not read from a .doc; \
         LibreOffice's .docx carries it in w:txbxContent"
    } else if notes.contains("rights-managed") {
        "rights-managed: refused, its content is encrypted (LibreOffice shows the placeholder)"
    } else if notes.contains("survey stopped") || name.contains("fuzz") {
        "a fuzzed, damaged file: each reader recovers what it can"
    } else {
        "other"
    }
}

/// Why a reference cell has no cell at the same place in the .doc's tables.
fn missing_cause(name: &str, at: &str, notes: &str) -> &'static str {
    if at.contains(" > ") && (notes.contains("text-box") || notes.contains("text box")) {
        "a table in a text box in that cell (a story outside the main text)"
    } else if file_cause(name, notes) != "other" {
        file_cause(name, notes)
    } else {
        "the reference has a cell the .doc's row definition does not"
    }
}

#[test]
fn doc_corpus_reads_and_agrees_with_the_libreoffice_reference() {
    let Some(dir) = corpus("TAIZHANG_CORPUS_DOC") else {
        println!("TAIZHANG_CORPUS_DOC is not set: skipped the .doc corpus");
        return;
    };
    let reference = dir.parent().map(|p| p.join("doc-reference")).expect("a parent folder");
    assert!(reference.join("MANIFEST.tsv").is_file(), "no {}", reference.display());
    let options = Options::default();
    let mut panics = Vec::new();
    let mut wrong_refusals = Vec::new();
    let (mut files, mut compared_files, mut agreeing_files) = (0, 0, 0);
    let (mut compared_cells, mut equal_cells) = (0usize, 0usize);
    let mut differences: Vec<String> = Vec::new();
    let mut slowest = (0.0f64, String::new());
    for row in manifest(&dir.join("MANIFEST.tsv")) {
        let name = &row["file"];
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        files += 1;
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| read_bytes(name, &bytes, &options)));
        let seconds = started.elapsed().as_secs_f64();
        if seconds > slowest.0 {
            slowest = (seconds, name.clone());
        }
        let Ok(result) = result else {
            panics.push(name.clone());
            continue;
        };
        let version = row["word_version"].as_str();
        let encrypted = row["encrypted"].as_str();
        let message = result.as_ref().err().map(ToString::to_string).unwrap_or_default();
        println!("{name}: {}", if message.is_empty() { "read" } else { &message });
        // Each kind of file that is not read gets its own message.
        let expected: Option<&str> = if encrypted != "no" && encrypted != "-" {
            Some("password-protected")
        } else if version == "6-95" {
            Some("a Word 6.0/95 document, an older format than Word 97–2003")
        } else if version == "pre-6" {
            Some("Word for Windows 1 or 2")
        } else if name.ends_with(".wps") && version == "not-doc" {
            Some("Microsoft Works")
        } else if version == "broken" {
            Some("damaged or cut-short")
        } else {
            None
        };
        if let Some(expected) = expected {
            if !message.contains(expected) {
                wrong_refusals.push(format!("{name}: expected “{expected}”, got “{message}”"));
            }
            continue;
        }
        if version != "97+" || row["lo_ok"] != "yes" {
            continue;
        }
        let docx = reference.join(Path::new(name).with_extension("docx"));
        let Ok(reference_bytes) = std::fs::read(&docx) else { continue };
        let theirs = match read_bytes(name, &reference_bytes, &options) {
            Ok(tables) => tables.tables,
            Err(ReadError::NoTable { .. }) => Vec::new(),
            Err(e) => panic!("the reference {} does not read: {e}", docx.display()),
        };
        let ours = match result {
            Ok(tables) => tables.tables,
            Err(ReadError::NoTable { .. }) => Vec::new(),
            Err(e) => {
                let cause = file_cause(name, &row["notes"]);
                differences.push(format!("{name}: not read: {e} ({cause})"));
                Vec::new()
            }
        };
        compared_files += 1;
        let shape = |tables: &[Table]| tables.iter().map(|t| t.rows.len()).collect::<Vec<_>>();
        if shape(&ours) == shape(&theirs) {
            agreeing_files += 1;
        } else {
            differences.push(format!(
                "{name}: rows per table {:?}, the reference {:?} ({})",
                shape(&ours),
                shape(&theirs),
                file_cause(name, &row["notes"])
            ));
        }
        let (mut a, mut b) = (Vec::new(), Vec::new());
        cells(&ours, "", &mut a);
        cells(&theirs, "", &mut b);
        let ours_at: HashMap<&str, &Cell> = a.iter().map(|(at, c)| (at.as_str(), *c)).collect();
        for (at, cell) in &b {
            compared_cells += 1;
            match ours_at.get(at.as_str()) {
                Some(mine) if mine.text == cell.text => equal_cells += 1,
                Some(mine) => {
                    let stem = Path::new(name).file_name().and_then(|f| f.to_str()).unwrap_or("");
                    let why = match cause(&mine.text, &cell.text) {
                        "other" if cell.text.contains(stem) => {
                            "a FILENAME field: the .doc keeps the result saved in it, \
                             LibreOffice writes the file's own name"
                        }
                        "other" => file_cause(name, &row["notes"]),
                        why => why,
                    };
                    differences.push(format!(
                        "{name}: {at}: {:?} ≠ reference {:?} ({why})",
                        mine.text, cell.text
                    ));
                }
                None => differences.push(format!(
                    "{name}: {at}: missing, the reference has {:?} ({})",
                    cell.text,
                    missing_cause(name, at, &row["notes"])
                )),
            }
        }
    }
    println!("{files} files, {} panics; slowest {:.3}s ({})", panics.len(), slowest.0, slowest.1);
    println!("refusals not as expected ({}):", wrong_refusals.len());
    for w in &wrong_refusals {
        println!("  {w}");
    }
    println!("differences from the reference ({}):", differences.len());
    for d in &differences {
        println!("  {d}");
    }
    println!(
        "tables and rows agree on {agreeing_files}/{compared_files} files; cell texts on \
         {equal_cells}/{compared_cells} cells"
    );
    assert!(panics.is_empty(), "the reader panicked on: {panics:?}");
    assert!(files >= 139, "the manifest lists {files} files, expected 139");
    assert!(wrong_refusals.is_empty(), "{wrong_refusals:#?}");
    assert!(
        agreeing_files * 100 >= compared_files * 97,
        "only {agreeing_files}/{compared_files} files agree on tables and rows"
    );
    assert!(
        equal_cells * 100 >= compared_cells * 95,
        "only {equal_cells}/{compared_cells} cell texts agree"
    );
}

/// The seed .doc with its FIB changed by `edit` (the FIB starts the WordDocument stream, at
/// a sector boundary).
fn seed_with_fib(edit: impl Fn(&mut [u8])) -> Vec<u8> {
    let mut bytes = std::fs::read(fixture("doc/plan-2020.doc")).expect("the seed .doc");
    let fib = (512..bytes.len())
        .step_by(512)
        .find(|&at| bytes[at..at + 2] == [0xEC, 0xA5])
        .expect("a FIB");
    edit(&mut bytes[fib..fib + 64]);
    bytes
}

#[test]
fn encrypted_and_word_6_95_files_are_refused_in_one_line() {
    let options = Options::default();
    let encrypted = seed_with_fib(|fib| fib[0x0B] |= 0x01);
    let err = read_bytes("locked.doc", &encrypted, &options).unwrap_err().to_string();
    assert!(err.starts_with("locked.doc: unsupported format: a password-protected"), "{err}");
    let word6 = seed_with_fib(|fib| fib[2..4].copy_from_slice(&0x65u16.to_le_bytes()));
    let err = read_bytes("old.doc", &word6, &options).unwrap_err().to_string();
    assert!(err.contains("a Word 6.0/95 document"), "{err}");
    assert!(err.contains("soffice --headless --convert-to docx old.doc"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn the_cell_limit_holds_for_doc() {
    let options = Options { max_cells: 100, ..Options::default() };
    let err = read_path(&fixture("doc/plan-2020.doc"), &options).unwrap_err();
    assert!(matches!(err, ReadError::Limit { .. }), "{err}");
    assert!(err.to_string().contains("more than 100 table cells"), "{err}");
}

#[test]
fn cut_and_mutated_docs_end_in_a_result_or_an_error() {
    // Every cut and a spread of single-byte changes of the seed: no panic, and quickly.
    let seed = std::fs::read(fixture("doc/plan-2020.doc")).expect("the seed .doc");
    let options = Options::default();
    let started = Instant::now();
    for cut in (0..seed.len()).step_by(seed.len() / 12) {
        let _ = read_bytes("cut.doc", &seed[..cut], &options);
    }
    let mut state = 0x2545_F491_u32;
    for _ in 0..24 {
        let mut bytes = seed.clone();
        for _ in 0..8 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let at = state as usize % bytes.len();
            bytes[at] = (state >> 8) as u8;
        }
        let _ = read_bytes("mutated.doc", &bytes, &options);
    }
    assert!(started.elapsed().as_secs() < 60, "took {:?}", started.elapsed());
}

#[test]
fn hidden_text_is_kept_and_reported_alike_in_the_doc_and_the_docx() {
    // fixtures/doc/hidden.doc is LibreOffice's .doc of hidden.docx (make.py): text formatted
    // as hidden after shown text, as a cell's only text, and as a paragraph of its own.
    // Nothing a cell holds is dropped; each cell with hidden text is reported, since Word
    // does not show it.
    let options = Options::default();
    let doc = read_path(&fixture("doc/hidden.doc"), &options).expect("the .doc reads");
    let docx = read_path(&fixture("doc/hidden.docx"), &options).expect("the .docx reads");
    assert_eq!(doc.tables, docx.tables);
    let texts: Vec<Vec<&str>> = doc.tables[0]
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(texts[1][1], "全年完成投资2.9亿元（含上年结转0.4亿元）");
    assert_eq!(texts[2][2], "待定");
    assert_eq!(texts[3][2], "内部备注：经费另行安排\n水务局");
    let hidden = |tables: &taizhang_model::table::Tables| -> Vec<(usize, usize, String)> {
        let mut out: Vec<_> = tables
            .warnings
            .iter()
            .filter(|w| w.code == "hidden-text")
            .map(|w| (w.table, w.row, w.message.clone()))
            .collect();
        out.sort();
        out
    };
    let expected = vec![
        (0, 1, "table 0: row 1, cell 1: hidden text, which Word does not show, is read as text: （含上年结转0.4亿元）".to_string()),
        (0, 2, "table 0: row 2, cell 2: hidden text, which Word does not show, is read as text: 待定".to_string()),
        (0, 3, "table 0: row 3, cell 2: hidden text, which Word does not show, is read as text: 内部备注：经费另行安排".to_string()),
    ];
    assert_eq!(hidden(&doc), expected);
    assert_eq!(hidden(&docx), expected);
    // The seed has no hidden text: no such warning there.
    let seed = read_path(&fixture("doc/plan-2020.doc"), &options).expect("the seed reads");
    assert!(hidden(&seed).is_empty());
}
