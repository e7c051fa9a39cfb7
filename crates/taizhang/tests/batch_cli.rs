//! `taizhang parse` in batch mode, through the built binary: directories walked, outputs
//! mirrored under `--out-dir` or streamed as JSON Lines in path order, failures summed up
//! without stopping the batch, and every output byte-identical to a single-file run.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_taizhang");

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed").join(name)
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("batch-cli").join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn taizhang(args: &[&Path]) -> Output {
    Command::new(BIN).args(args).output().expect("taizhang runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

/// A tree of plans with a file taizhang skips and one it cannot read:
///
/// ```text
/// in/a-plan.txt  in/b-broken.docx  in/notes.md  in/2020/plan.docx  in/2020/sub/plan.xlsx
/// ```
fn plan_tree(dir: &Path) -> PathBuf {
    let root = dir.join("in");
    fs::create_dir_all(root.join("2020/sub")).expect("mkdir");
    fs::copy(seed("plan-2020.txt"), root.join("a-plan.txt")).expect("copy");
    fs::copy(seed("plan-2020.docx"), root.join("2020/plan.docx")).expect("copy");
    fs::copy(seed("plan-2020.xlsx"), root.join("2020/sub/plan.xlsx")).expect("copy");
    fs::write(root.join("b-broken.docx"), b"PK\x03\x04 not really a zip").expect("write");
    fs::write(root.join("notes.md"), "# notes\n").expect("write");
    root
}

const CONVERTED: [&str; 3] = ["2020/plan.docx", "2020/sub/plan.xlsx", "a-plan.txt"];

#[test]
fn out_dir_mirrors_the_tree_with_single_file_bytes() {
    let dir = scratch("out-dir");
    let root = plan_tree(&dir);
    let out = dir.join("out");
    let run = Command::new(BIN)
        .args(["parse", "-j", "2", "--out-dir"])
        .args([&out, &root])
        .output()
        .expect("taizhang runs");
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "one input failed:\n{stderr}");
    assert!(
        stderr.contains("converted 3, failed 1, skipped 1"),
        "the summary counts every input:\n{stderr}"
    );
    let broken = root.join("b-broken.docx").display().to_string();
    let failure_lines: Vec<&str> = stderr.lines().filter(|l| l.contains("failed:")).collect();
    assert_eq!(failure_lines.len(), 1, "{stderr}");
    assert!(failure_lines[0].contains(&broken), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    for name in CONVERTED {
        let input = root.join(name);
        let single = taizhang(&[Path::new("parse"), &input]);
        assert!(single.status.success(), "{}", text(&single.stderr));
        let written = fs::read(out.join(name).with_extension("json")).expect("output written");
        assert_eq!(text(&written), text(&single.stdout), "{name}");
    }
    assert!(!out.join("b-broken.json").exists());
    assert!(!out.join("notes.json").exists());
}

#[test]
fn json_lines_are_sorted_compact_and_independent_of_threads() {
    let dir = scratch("json-lines");
    let root = plan_tree(&dir);
    fs::remove_file(root.join("b-broken.docx")).expect("remove");

    let runs: Vec<Output> = ["1", "4"]
        .iter()
        .map(|jobs| {
            Command::new(BIN).args(["parse", "-j", jobs]).arg(&root).output().expect("runs")
        })
        .collect();
    for run in &runs {
        assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
        assert!(text(&run.stderr).contains("converted 3, failed 0"), "{}", text(&run.stderr));
    }
    assert_eq!(text(&runs[0].stdout), text(&runs[1].stdout), "-j 1 and -j 4 differ");

    let stdout = text(&runs[0].stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), CONVERTED.len());
    for (line, name) in lines.iter().zip(CONVERTED) {
        let single = taizhang(&[Path::new("parse"), Path::new("--compact"), &root.join(name)]);
        assert_eq!(format!("{line}\n"), text(&single.stdout), "{name}");
    }
}

#[test]
fn several_files_and_a_missing_one() {
    let dir = scratch("files");
    let a = dir.join("a.txt");
    let b = dir.join("b.docx");
    fs::copy(seed("plan-2020.txt"), &a).expect("copy");
    fs::copy(seed("plan-2020.docx"), &b).expect("copy");
    let missing = dir.join("missing.docx");
    // Given in reverse: the output follows the sorted paths, not the argument order.
    let run = taizhang(&[Path::new("parse"), &missing, &b, &a]);
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("converted 2, failed 1"), "{stderr}");
    assert!(stderr.contains(&missing.display().to_string()), "{stderr}");
    let stdout = text(&run.stdout);
    let files: Vec<String> = stdout
        .lines()
        .map(|line| {
            let start = line.find(r#""file":""#).expect("source.file") + 8;
            line[start..].split('"').next().expect("file").to_owned()
        })
        .collect();
    assert_eq!(files, [a.display().to_string(), b.display().to_string()]);
}

#[test]
fn one_file_keeps_the_single_file_output() {
    let run = taizhang(&[Path::new("parse"), &seed("plan-2020.txt")]);
    assert_eq!(run.status.code(), Some(0));
    let stdout = text(&run.stdout);
    assert!(stdout.starts_with("{\n  \"schema\": \"taizhang/plan/v1\","), "pretty JSON");
    assert!(!text(&run.stderr).contains("converted"), "no batch summary for one file");
}

#[test]
fn an_empty_directory_is_an_error() {
    let dir = scratch("empty");
    fs::write(dir.join("readme.md"), "nothing to read").expect("write");
    let run = taizhang(&[Path::new("parse"), &dir]);
    let stderr = text(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no .docx, .txt or .xlsx"), "{stderr}");
    assert!(run.stdout.is_empty());
}
