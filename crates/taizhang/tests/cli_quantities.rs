//! `taizhang quantities`: JSON Lines in, one object per input line out.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> (String, String, Option<i32>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_taizhang"))
        .arg("quantities")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the taizhang binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    // With arguments the command does not read stdin and may exit before it is written.
    if let Err(e) = input.write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    drop(input);
    let out = child.wait_with_output().expect("taizhang quantities finishes");
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

fn lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

/// Every quantity's text is the slice of its line at start..end (char offsets).
fn check_offsets(record: &serde_json::Value) {
    let text: Vec<char> = record["text"].as_str().expect("text").chars().collect();
    for q in record["quantities"].as_array().expect("quantities") {
        let start = q["start"].as_u64().expect("start") as usize;
        let end = q["end"].as_u64().expect("end") as usize;
        let slice: String = text[start..end].iter().collect();
        assert_eq!(q["text"].as_str(), Some(slice.as_str()));
    }
}

#[test]
fn one_json_line_per_input_line() {
    let input = "一季度，完成投资2.9亿元。\n二季度，累计完成投资6.8亿元。\r\n\n2020年工作目标\n每年完成不少于2批交通拥堵节点整治";
    let (stdout, stderr, code) = run(&[], input.as_bytes());
    assert_eq!(code, Some(0), "{stderr}");
    let records = lines(&stdout);
    assert_eq!(records.len(), 5);
    let texts: Vec<&str> = records.iter().map(|r| r["text"].as_str().unwrap_or("")).collect();
    assert_eq!(
        texts,
        [
            "一季度，完成投资2.9亿元。",
            "二季度，累计完成投资6.8亿元。",
            "",
            "2020年工作目标",
            "每年完成不少于2批交通拥堵节点整治"
        ]
    );
    for r in &records {
        check_offsets(r);
    }
    let q = &records[1]["quantities"][0];
    assert_eq!(q["text"], "累计完成投资6.8亿元");
    assert_eq!(q["value"], 680_000_000.0);
    assert_eq!(q["unit"], "元");
    assert_eq!(q["surface_unit"], "亿元");
    assert_eq!(q["cmp"], "eq");
    assert_eq!(q["cumulative"], true);
    assert_eq!(q["object"], "投资");
    assert_eq!(q["min"], serde_json::Value::Null);
    assert_eq!(records[2]["quantities"], serde_json::json!([]));
    assert_eq!(records[3]["quantities"], serde_json::json!([]));
    assert_eq!(records[4]["quantities"][0]["cmp"], "ge");
}

#[test]
fn arguments_instead_of_stdin() {
    let (stdout, stderr, code) = run(&["打造2-3个示范性优质生活圈", "人口超千万"], b"ignored\n");
    assert_eq!(code, Some(0), "{stderr}");
    let records = lines(&stdout);
    assert_eq!(records.len(), 2);
    let range = &records[0]["quantities"][0];
    assert_eq!((range["min"].as_f64(), range["max"].as_f64()), (Some(2.0), Some(3.0)));
    assert_eq!(range["value"], serde_json::Value::Null);
    assert_eq!(range["cmp"], "range");
    let bare = &records[1]["quantities"][0];
    assert_eq!(bare["value"], 10_000_000.0);
    assert_eq!(bare["unit"], serde_json::Value::Null);
}

#[test]
fn invalid_utf8_does_not_stop_the_stream() {
    let mut input = "完成100座\n".as_bytes().to_vec();
    input.extend_from_slice(&[0xff, 0xfe, b'\n']);
    input.extend_from_slice("新增4万路".as_bytes());
    let (stdout, stderr, code) = run(&[], &input);
    assert_eq!(code, Some(0), "{stderr}");
    let records = lines(&stdout);
    assert_eq!(records.len(), 3);
    assert_eq!(records[2]["quantities"][0]["value"], 40_000.0);
}
