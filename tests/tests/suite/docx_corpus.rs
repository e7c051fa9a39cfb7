//! The .docx reader over the third-party corpus (`../shared/corpus/docx`): every file reads
//! without a panic, and the table counts agree with the corpus manifest.
//!
//! Runs only when `TAIZHANG_CORPUS` names the corpus folder (a relative value is resolved
//! against the workspace root); it fails if the variable is set and the folder is missing.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Instant;

use taizhang_model::table::Table;
use taizhang_reader::docx::read_docx;
use taizhang_reader::{Options, ReadError};

fn corpus_dir() -> Option<PathBuf> {
    let value = std::env::var_os("TAIZHANG_CORPUS")?;
    let path = PathBuf::from(value);
    let path = if path.is_absolute() {
        path
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
    };
    assert!(
        path.join("MANIFEST.tsv").is_file(),
        "TAIZHANG_CORPUS is set but {} holds no MANIFEST.tsv",
        path.display()
    );
    Some(path)
}

fn count(tables: &[Table]) -> usize {
    tables.iter().map(|t| 1 + t.tables_in_cells).sum()
}

#[test]
fn docx_corpus_reads_without_panic_and_counts_tables() {
    let Some(dir) = corpus_dir() else {
        println!("TAIZHANG_CORPUS is not set: skipped the docx corpus");
        return;
    };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).expect("MANIFEST.tsv reads");
    let mut lines = manifest.lines();
    let header: Vec<&str> = lines.next().expect("manifest header").split('\t').collect();
    let column: HashMap<&str, usize> =
        header.iter().enumerate().map(|(i, name)| (*name, i)).collect();
    let field = |row: &[&str], name: &str| -> String {
        column.get(name).and_then(|&i| row.get(i)).map(|s| s.to_string()).unwrap_or_default()
    };

    let options = Options::default();
    let mut files = 0;
    let mut panics = Vec::new();
    let mut compared = 0;
    let mut agreed = 0;
    let mut disagreements = Vec::new();
    let mut errors = Vec::new();
    let mut slowest = (0.0f64, String::new());
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let row: Vec<&str> = line.split('\t').collect();
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
