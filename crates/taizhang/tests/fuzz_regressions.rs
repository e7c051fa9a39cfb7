//! Inputs the fuzzers (fuzz/) found, kept in fixtures/fuzz-regressions/: each must end in a
//! clean error or a result, in the library and through the built binary.
//!
//! - `xlsx-cell-reference-overflow.xlsx`: a mutated copy of the seed workbook whose cell
//!   reference `r="DookView33948;…"` makes calamine 0.38 overflow while computing the row
//!   (`calamine::xlsx::get_row_and_optional_column`, "attempt to multiply with overflow"
//!   where overflow checks are on). The .xlsx reader runs calamine under `catch_unwind`, so
//!   it must come back as a read error naming the file.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_taizhang");

fn regressions() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/fuzz-regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn the_regressions_are_there() {
    let names: Vec<String> = regressions()
        .iter()
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_owned))
        .collect();
    assert!(names.contains(&"xlsx-cell-reference-overflow.xlsx".to_owned()), "{names:?}");
}

#[test]
fn the_reader_returns_an_error_or_tables() {
    for path in regressions() {
        let bytes = std::fs::read(&path).expect("read the fixture");
        let name = path.file_name().and_then(|n| n.to_str()).expect("file name");
        match taizhang_reader::read_bytes(name, &bytes, &taizhang_reader::Options::default()) {
            Ok(tables) => assert!(!tables.tables.is_empty(), "{name}: Ok without tables"),
            Err(err) => assert!(err.to_string().starts_with(name), "{name}: {err}"),
        }
    }
}

#[test]
fn the_binary_ends_cleanly() {
    for path in regressions() {
        for command in ["read", "parse"] {
            let out = Command::new(BIN).arg(command).arg(&path).output().expect("taizhang runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => {}
                Some(2) => {
                    // A panic caught inside a dependency may print its message first in
                    // builds with overflow checks; the error itself is the last line.
                    let last = stderr.lines().last().unwrap_or_default();
                    let expected = format!("taizhang: {}", path.display());
                    assert!(last.starts_with(&expected), "{command}: {stderr}");
                }
                _ => panic!("{command} {}: {:?}\n{stderr}", path.display(), out.status),
            }
        }
    }
}
