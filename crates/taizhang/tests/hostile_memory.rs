//! The built `taizhang` under a memory cap on hostile files made here: a zip bomb whose
//! headers lie about its size, deeply nested tables and elements, a 200 MB cell, a million
//! tiny rows, and a batch holding all of them. Each run must end with a clean error (exit 2,
//! one line naming the file) or a correct result: never a crash, an abort or an OOM kill.
//!
//! The cap is an address-space limit (`ulimit -v`), so an allocation past it fails inside
//! the process, the way it would on a machine that has no more memory to give.

use std::fs;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use taizhang_reader::docx::writer::{deflate_run, zip, Entry};

const BIN: &str = env!("CARGO_BIN_EXE_taizhang");
const MIB: u64 = 1 << 20;

/// A directory for this test's files under Cargo's scratch space for integration tests.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-memory").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Runs the binary with its address space capped at `cap` bytes.
fn run_capped(cap: u64, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v "$0" && exec "$@""#)
        .arg((cap / 1024).to_string())
        .arg(BIN)
        .args(args)
        .output()
        .expect("sh runs")
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// How a run ended, once it is known not to have crashed.
#[derive(Debug, PartialEq, Eq)]
enum Ending {
    Converted,
    Refused,
}

/// Exit 0, or exit 2 with one line on stderr naming `file`; anything else (a signal, an
/// abort's exit code, several lines of panic output) fails the test.
fn clean_ending(out: &Output, file: &Path) -> Ending {
    let stderr = stderr_of(out);
    match out.status.code() {
        Some(0) => Ending::Converted,
        Some(2) => {
            let name = file.file_name().and_then(|n| n.to_str()).expect("file name");
            assert_eq!(stderr.lines().count(), 1, "one error line expected:\n{stderr}");
            assert!(stderr.contains(name), "the error must name {name}:\n{stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
            Ending::Refused
        }
        _ => panic!("{} did not end cleanly: {:?}\nstderr:\n{stderr}", file.display(), out.status),
    }
}

/// Counts the occurrences of `needle` in a file too big to load comfortably.
fn count_in_file(path: &Path, needle: &[u8]) -> usize {
    let mut file = fs::File::open(path).expect("output exists");
    let mut count = 0;
    let mut carry: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; 4 * MIB as usize];
    loop {
        let n = file.read(&mut buf).expect("read");
        if n == 0 {
            return count;
        }
        carry.extend_from_slice(&buf[..n]);
        count += carry.windows(needle.len()).filter(|w| *w == needle).count();
        let keep = needle.len().saturating_sub(1).min(carry.len());
        carry.drain(..carry.len() - keep);
    }
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const DOC_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;
const DOC_TAIL: &str = "</w:body></w:document>";

fn docx(document_xml: Vec<u8>) -> Vec<u8> {
    zip(&[
        Entry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        Entry::stored("word/document.xml", &document_xml),
    ])
}

/// A table of plain-text cells, one slice per row.
fn table_xml(rows: &[&[&str]]) -> String {
    let mut xml = String::from("<w:tbl>");
    for row in rows {
        xml.push_str("<w:tr>");
        for cell in *row {
            xml.push_str(&format!("<w:tc><w:p><w:r><w:t>{cell}</w:t></w:r></w:p></w:tc>"));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

const HEADER: [&str; 6] =
    ["原文表述", "原文表述具体措施", "2020年工作目标", "季度进度安排", "牵头单位", "配合单位"];

// --- the cases ------------------------------------------------------------------------------

/// Inflates to 1 GiB; the headers claim 4 KiB and the CRC is wrong, so only a reader that
/// counts what it actually inflates stops it in time.
fn zip_bomb(dir: &Path) -> PathBuf {
    let prefix = format!("{DOC_HEAD}<w:tbl><w:tr><w:tc><w:p><w:r><w:t>");
    let suffix = format!("</w:t></w:r></w:p></w:tc></w:tr></w:tbl>{DOC_TAIL}");
    let run = 1 + (1 << 30) / 258 * 258;
    let data = deflate_run(prefix.as_bytes(), b'a', run, suffix.as_bytes());
    let bomb = Entry::deflated("word/document.xml", data, 4096, 0);
    let path = dir.join("zip-bomb.docx");
    fs::write(&path, zip(&[Entry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()), bomb]))
        .expect("write");
    path
}

#[test]
fn zip_bomb_is_refused_within_memory() {
    let dir = scratch("zip-bomb");
    let path = zip_bomb(&dir);
    for command in ["read", "parse"] {
        let out = run_capped(512 * MIB, &[command, path.to_str().expect("utf-8 path")]);
        assert_eq!(clean_ending(&out, &path), Ending::Refused, "{command}");
    }
}

/// Tables nested `depth` deep, one cell each, with a plan table at the bottom.
fn nested_tables(dir: &Path, depth: usize) -> PathBuf {
    let mut xml = String::from(DOC_HEAD);
    for _ in 0..depth {
        xml.push_str("<w:tbl><w:tr><w:tc>");
    }
    xml.push_str(&table_xml(&[
        &HEADER,
        &["（1） 一", "1. 措施", "目标", "一季度，完成", "局", ""],
    ]));
    xml.push_str("<w:p/>");
    for _ in 0..depth {
        xml.push_str("</w:tc></w:tr></w:tbl>");
    }
    xml.push_str(DOC_TAIL);
    let path = dir.join(format!("nested-tables-{depth}.docx"));
    fs::write(&path, docx(xml.into_bytes())).expect("write");
    path
}

#[test]
fn deeply_nested_tables_end_cleanly() {
    let dir = scratch("nested-tables");
    // Deep enough to overflow any stack a recursive reader, serializer or destructor uses.
    let path = nested_tables(&dir, 100_000);
    for command in ["read", "parse"] {
        let out = run_capped(1024 * MIB, &[command, path.to_str().expect("utf-8 path")]);
        clean_ending(&out, &path);
    }
}

/// A plan table wrapped in `depth` content controls and `depth` unknown elements.
fn nested_elements(dir: &Path, depth: usize) -> PathBuf {
    let mut xml = String::from(DOC_HEAD);
    for _ in 0..depth {
        xml.push_str("<w:sdt><w:sdtContent>");
    }
    for _ in 0..depth {
        xml.push_str("<x:y>");
    }
    xml.push_str(&table_xml(&[
        &HEADER,
        &["（1） 一", "1. 措施", "目标", "一季度，完成", "局", ""],
    ]));
    for _ in 0..depth {
        xml.push_str("</x:y>");
    }
    for _ in 0..depth {
        xml.push_str("</w:sdtContent></w:sdt>");
    }
    xml.push_str(DOC_TAIL);
    let path = dir.join(format!("nested-elements-{depth}.docx"));
    fs::write(&path, docx(xml.into_bytes())).expect("write");
    path
}

#[test]
fn deeply_nested_elements_around_a_table_end_cleanly() {
    let dir = scratch("nested-elements");
    // Content controls may wrap tables at any depth. A thousand levels of them and of
    // unknown elements must not hide the table; half a million must neither overflow a
    // stack nor take unbounded memory.
    for depth in [1000, 500_000] {
        let path = nested_elements(&dir, depth);
        let out =
            run_capped(1024 * MIB, &["parse", "--compact", path.to_str().expect("utf-8 path")]);
        if clean_ending(&out, &path) == Ending::Converted {
            let json = String::from_utf8_lossy(&out.stdout);
            let cells = r#""cells":["（1） 一","1. 措施","目标","一季度，完成","局",""]"#;
            assert!(json.contains(cells), "{json}");
        } else {
            assert!(depth > 1000, "{} refused:\n{}", path.display(), stderr_of(&out));
        }
    }
}

/// A .txt export whose one data row holds a `size`-byte goal cell.
fn big_cell(dir: &Path, size: usize) -> PathBuf {
    let path = dir.join(format!("big-cell-{size}.txt"));
    let mut out = BufWriter::new(fs::File::create(&path).expect("create"));
    for h in HEADER {
        writeln!(out, "\t{h}").expect("write");
    }
    writeln!(out).expect("write");
    write!(out, "\t（1） 着力推进\n\t1. 措施\n\t").expect("write");
    let sentence = "推进重点项目建设，完善公共服务配套。".as_bytes();
    let mut left = size;
    while left >= sentence.len() {
        out.write_all(sentence).expect("write");
        left -= sentence.len();
    }
    out.write_all(&b"a".repeat(left)).expect("write");
    write!(out, "\n\t全年，完成\n\t城建局\n\t交通运输局\n").expect("write");
    out.flush().expect("flush");
    path
}

/// Parses `path` under `cap` into a compact JSON file beside it, which it returns when the
/// parse succeeded.
fn parse_capped(cap: u64, path: &Path) -> Option<PathBuf> {
    let json = path.with_extension("json");
    let out = run_capped(
        cap,
        &[
            "parse",
            "--compact",
            path.to_str().expect("utf-8 path"),
            "-o",
            json.to_str().expect("utf-8 path"),
        ],
    );
    (clean_ending(&out, path) == Ending::Converted).then_some(json)
}

fn big_cell_case(name: &str, size: usize, cap: u64) {
    let dir = scratch(name);
    let path = big_cell(&dir, size);
    if let Some(json) = parse_capped(cap, &path) {
        let written = fs::metadata(&json).expect("output written").len();
        assert!(written > size as u64, "the cell is in the output: {written} bytes");
        assert_eq!(count_in_file(&json, br#""id":"r001""#), 1);
    }
}

/// A 2 MB cell under a 160 MiB address-space cap, of which the binary's own mappings take
/// a good part: the text may be copied a few times (cell, goal, points), never held as one
/// allocation per character.
#[test]
fn a_2_mb_cell_ends_cleanly() {
    big_cell_case("big-cell-2mb", 2_000_000, 160 * MIB);
}

/// The same at 200 MB: minutes in a debug build, so run with
/// `cargo test --release -p taizhang --test hostile_memory -- --ignored`.
#[test]
#[ignore = "slow in debug builds: run in release with --ignored"]
fn a_200_mb_cell_ends_cleanly() {
    big_cell_case("big-cell-200mb", 200_000_000, 2048 * MIB);
}

/// A .txt export of `rows` data rows of six one-character cells.
fn tiny_rows(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join(format!("tiny-rows-{rows}.txt"));
    let mut out = BufWriter::new(fs::File::create(&path).expect("create"));
    for h in HEADER {
        writeln!(out, "\t{h}").expect("write");
    }
    writeln!(out).expect("write");
    for _ in 0..rows {
        out.write_all("\t一\n\t二\n\t三\n\t四\n\t五\n\t六\n\n".as_bytes()).expect("write");
    }
    out.flush().expect("flush");
    path
}

fn tiny_rows_case(name: &str, rows: usize, cap: u64) {
    let dir = scratch(name);
    let path = tiny_rows(&dir, rows);
    if let Some(json) = parse_capped(cap, &path) {
        assert_eq!(count_in_file(&json, br#""id":"r"#), rows);
    }
}

#[test]
fn twenty_thousand_tiny_rows_end_cleanly() {
    tiny_rows_case("tiny-rows-20k", 20_000, 256 * MIB);
}

/// The same with a million rows: minutes in a debug build, so run with
/// `cargo test --release -p taizhang --test hostile_memory -- --ignored`.
#[test]
#[ignore = "slow in debug builds: run in release with --ignored"]
fn a_million_tiny_rows_end_cleanly() {
    tiny_rows_case("tiny-rows-1m", 1_000_000, 4096 * MIB);
}

#[test]
fn a_batch_of_hostile_files_reports_each_and_converts_the_rest() {
    let dir = scratch("batch");
    let inputs = dir.join("in");
    fs::create_dir_all(&inputs).expect("mkdir");
    let bomb = zip_bomb(&inputs);
    fs::write(inputs.join("empty.docx"), b"").expect("write");
    fs::write(inputs.join("truncated.docx"), &fs::read(&bomb).expect("read")[..4096])
        .expect("write");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed/plan-2020.docx");
    for i in 0..3 {
        fs::copy(&seed, inputs.join(format!("seed-{i}.docx"))).expect("copy the seed");
    }
    let out_dir = dir.join("out");
    let out = run_capped(
        1024 * MIB,
        &[
            "parse",
            "-j",
            "2",
            "--out-dir",
            out_dir.to_str().expect("utf-8 path"),
            inputs.to_str().expect("utf-8 path"),
        ],
    );
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("converted 3, failed 3"), "{stderr}");
    for name in ["empty.docx", "truncated.docx", "zip-bomb.docx"] {
        let lines = stderr.lines().filter(|l| l.contains(name)).count();
        assert_eq!(lines, 1, "one failure line for {name}:\n{stderr}");
    }
    for i in 0..3 {
        assert!(out_dir.join(format!("seed-{i}.json")).is_file(), "seed-{i}.json");
    }
}
