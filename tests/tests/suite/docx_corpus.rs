//! The .docx reader over the third-party corpus (`../shared/corpus/docx`): every file reads
//! without a panic, and the table counts agree with the corpus manifest.
//!
//! Runs only when `TAIZHANG_CORPUS` names the corpus folder (a relative value is resolved
//! against the workspace root); it fails if the variable is set and the folder is missing.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use crate::common::{corpus, manifest};
use taizhang_model::table::Table;
use taizhang_reader::docx::read_docx;
use taizhang_reader::{Options, ReadError};

fn count(tables: &[Table]) -> usize {
    tables.iter().map(|t| 1 + t.tables_in_cells).sum()
}

#[test]
fn docx_corpus_reads_without_panic_and_counts_tables() {
    let Some(dir) = corpus("TAIZHANG_CORPUS") else {
        println!("TAIZHANG_CORPUS is not set: skipped the docx corpus");
        return;
    };
    let field = |row: &HashMap<String, String>, name: &str| -> String {
        row.get(name).cloned().unwrap_or_default()
    };

    let options = Options::default();
    let mut files = 0;
    let mut panics = Vec::new();
    let mut compared = 0;
    let mut agreed = 0;
    let mut disagreements = Vec::new();
    let mut errors = Vec::new();
    let mut slowest = (0.0f64, String::new());
    for row in manifest(&dir.join("MANIFEST.tsv")) {
        let name = field(&row, "file");
        let bytes = std::fs::read(dir.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        files += 1;
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| read_docx(&name, &bytes, &options)));
        let seconds = started.elapsed().as_secs_f64();
        if seconds > slowest.0 {
            slowest = (seconds, name.clone());
        }
        let result = match result {
            Ok(result) => result,
            Err(_) => {
                panics.push(name.clone());
                continue;
            }
        };
        let expected: Option<usize> = field(&row, "tables_dedup").parse().ok();
        let found = match &result {
            Ok(out) => count(&out.tables),
            Err(ReadError::NoTable { .. }) => 0,
            Err(e) => {
                errors.push(format!("{e}"));
                usize::MAX
            }
        };
        if field(&row, "pandoc3_ok") == "ok" {
            compared += 1;
            if Some(found) == expected {
                agreed += 1;
            } else {
                let found =
                    if found == usize::MAX { "error".to_string() } else { found.to_string() };
                disagreements.push(format!("{name}: expected {expected:?} tables, found {found}"));
            }
        }
    }
    println!(
        "{files} files read, {} panics; slowest {:.3}s ({})",
        panics.len(),
        slowest.0,
        slowest.1
    );
    println!("errors ({}):", errors.len());
    for e in &errors {
        println!("  {e}");
    }
    println!("table counts: {agreed}/{compared} agree with tables_dedup");
    for d in &disagreements {
        println!("  {d}");
    }
    assert!(panics.is_empty(), "the reader panicked on: {panics:?}");
    assert!(files >= 300, "the manifest lists {files} files, expected 302");
    assert!(agreed * 100 >= compared * 95, "only {agreed}/{compared} table counts agree");
}
