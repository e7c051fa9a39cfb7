//! What the test modules share: where the fixtures are, and the third-party corpora that
//! environment variables name.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// `fixtures/REL` in the repository.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures").join(rel)
}

/// The corpus folder the environment variable `var` names (a relative value is resolved
/// against the workspace root), or `None` when it is not set: corpus files keep their
/// licenses and stay outside the repository. Panics when the variable is set but the folder
/// holds no `MANIFEST.tsv`, so a mistyped path fails instead of skipping the test.
pub fn corpus(var: &str) -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os(var)?);
    let path = if path.is_absolute() {
        path
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
    };
    assert!(
        path.join("MANIFEST.tsv").is_file(),
        "{var} is set but {} holds no MANIFEST.tsv",
        path.display()
    );
    Some(path)
}

/// A corpus manifest (`MANIFEST.tsv`: a header line, then one file a line) as rows of named
/// fields.
pub fn manifest(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<String> =
        lines.next().expect("a header").split('\t').map(str::to_string).collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| header.iter().cloned().zip(l.split('\t').map(str::to_string)).collect())
        .collect()
}

/// Rows of the seed plan's table as every format holds it, header included.
pub const SEED_ROWS: usize = 112;
/// Columns of the seed plan's table.
pub const SEED_COLUMNS: usize = 6;

/// `fixtures/seed/NAME` read with the default options; a read error fails the test.
pub fn read_seed(name: &str) -> taizhang_model::table::Tables {
    read_fixture(&format!("seed/{name}"))
}

/// `fixtures/REL` read with the default options; a read error fails the test.
pub fn read_fixture(rel: &str) -> taizhang_model::table::Tables {
    taizhang_reader::read_path(&fixture(rel), &taizhang_reader::Options::default())
        .unwrap_or_else(|e| panic!("{e}"))
}
