//! The layout families of `fixtures/layouts`: every file parsed with `taizhang::parse_file` and
//! compared with the hand-written reading in its `<name>.expect.json` (format in
//! `fixtures/layouts/README.md`). Every mismatch is printed, with a per-file count of the
//! expectations that hold.
//!
//! `every_layout_reads_as_expected` is ignored until layout reading lands; run it with
//! `cargo test -p taizhang-tests --test layouts -- --ignored --nocapture`. The other tests
//! check the expectation files themselves and run always.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use taizhang_model::{Parsed, Plan};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/layouts")
}

/// Every `*.expect.json`, in name order, with its file name.
fn expectations() -> Vec<(String, Value)> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("fixtures/layouts")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".expect.json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir().join(&name)).expect("readable");
            let value: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, value)
        })
        .collect()
}

fn files(expect: &Value) -> Vec<String> {
    expect["files"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn extension(file: &str) -> &str {
    file.rsplit('.').next().unwrap_or_default()
}

/// Pass/fail counts and the mismatches of one file.
#[derive(Default)]
struct Score {
    pass: usize,
    total: usize,
    mismatches: Vec<String>,
}

impl Score {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.total += 1;
        if ok {
            self.pass += 1;
        } else {
            self.mismatches.push(what());
        }
    }

    fn equal(&mut self, what: &str, expected: &Value, actual: &Value) {
        self.check(expected == actual, || format!("{what}: expected {expected}, got {actual}"));
    }
}

/// A field of the output that may not exist yet: missing reads as null.
fn field<'a>(value: &'a Value, key: &str) -> &'a Value {
    value.get(key).unwrap_or(&Value::Null)
}

/// A list field: missing or null reads as empty.
fn list(value: &Value, key: &str) -> Value {
    match value.get(key) {
        Some(Value::Array(a)) => Value::Array(a.clone()),
        _ => json!([]),
    }
}

fn short(value: &Value) -> String {
    let s = value.to_string();
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s
    }
}

/// The cells of an item joined by line breaks, as `find` searches them.
fn item_text(item: &Value) -> String {
    item["cells"]
        .as_array()
        .map(|cells| cells.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n"))
        .unwrap_or_default()
}

fn check_plan(score: &mut Score, expect: &Value, plan: &Value, format: &str) {
    score.equal("year", field(expect, "year"), field(plan, "year"));
    if let Some(source) = expect.get("year_source") {
        score.equal("year_source", source, field(plan, "year_source"));
    }
    let columns = expect["columns"].as_array().cloned().unwrap_or_default();
    let actual_columns = list(plan, "columns");
    let actual_columns = actual_columns.as_array().expect("list");
    score.equal("number of columns", &json!(columns.len()), &json!(actual_columns.len()));
    let items = list(plan, "items");
    let items = items.as_array().expect("list");
    for column in &columns {
        let index = column["index"].as_u64().expect("column index") as usize;
        let header = column["header"].as_str().unwrap_or_default();
        let actual = actual_columns.iter().find(|c| c["index"].as_u64() == Some(index as u64));
        let actual = actual.cloned().unwrap_or(Value::Null);
        let allowed: Vec<Value> = match &column["role"] {
            Value::Array(a) => a.clone(),
            other => vec![other.clone()],
        };
        score.check(allowed.contains(field(&actual, "role")), || {
            format!(
                "column {index} ({header}): role expected {}, got {}",
                Value::Array(allowed.clone()),
                field(&actual, "role")
            )
        });
        if let Some(by) = column.get("by") {
            score.equal(&format!("column {index} ({header}): by"), by, field(&actual, "by"));
        }
        if let Some(quarters) = column["quarters"].as_array() {
            // Every filled cell of a period column is a milestone of its item, over (at
            // least) the column's quarters, with the cell's text.
            let first = quarters[0].as_u64().expect("quarter");
            let mut wrong = Vec::new();
            // Rows with a cell spanning columns hold fewer cells than the grid: the per-row
            // expectations cover them.
            let grid =
                |item: &&Value| item["cells"].as_array().map(Vec::len) == Some(columns.len());
            for item in items.iter().filter(grid) {
                let cell = item["cells"][index].as_str().unwrap_or_default().trim();
                if cell.is_empty() {
                    continue;
                }
                let found = list(item, "schedule").as_array().expect("list").iter().any(|m| {
                    let start = m["start"].as_u64().unwrap_or(0);
                    let end = m["end"].as_u64().unwrap_or(0);
                    start <= first && first <= end && m["text"].as_str() == Some(cell)
                });
                if !found {
                    wrong.push(format!("row {} `{cell}`", item["row"]));
                }
            }
            score.check(wrong.is_empty(), || {
                format!(
                    "column {index} ({header}): no milestone over quarter {first} for {}",
                    wrong.join(", ")
                )
            });
        }
    }
    if let Some(n) = expect.get("items") {
        score.equal("number of items", n, &json!(items.len()));
    }
    if let Some(n) = expect.get("headings") {
        score.equal(
            "number of headings",
            n,
            &json!(list(plan, "headings").as_array().map_or(0, Vec::len)),
        );
    }
    for row in expect["rows"].as_array().cloned().unwrap_or_default() {
        if let Some(formats) = row["formats"].as_array() {
            if !formats.iter().any(|f| f.as_str() == Some(format)) {
                continue;
            }
        }
        check_row(score, &row, items);
    }
}

fn check_row(score: &mut Score, row: &Value, items: &[Value]) {
    let find = row["find"].as_str().expect("find");
    let found: Vec<&Value> = items.iter().filter(|i| item_text(i).contains(find)).collect();
    let null = Value::Null;
    let item = match found.as_slice() {
        [item] => *item,
        _ => {
            score.check(false, || format!("[{find}]: {} items hold this text, not 1", found.len()));
            &null
        }
    };
    let at = |what: &str| format!("[{find}] {what}");
    let measure = field(item, "measure");
    for (key, expected) in row.as_object().expect("row") {
        match key.as_str() {
            "find" | "formats" => {}
            "section" => score.equal(&at("section"), expected, field(item, "section")),
            "path" => score.equal(&at("path"), expected, &list(item, "path")),
            "measure" => {
                let actual = if measure.is_null() { &null } else { field(measure, "text") };
                score.equal(&at("measure"), expected, actual);
            }
            "measure_inherited" => {
                score.equal(&at("measure.inherited"), expected, field(measure, "inherited"))
            }
            "goal" => score.equal(&at("goal"), expected, field(field(item, "goal"), "text")),
            "lead" | "support" | "leaders" => score.equal(&at(key), expected, &list(item, key)),
            "deadlines" => {
                let actual = list(item, "deadlines");
                for deadline in expected.as_array().expect("deadlines") {
                    let ok = actual.as_array().expect("list").iter().any(|d| {
                        d["text"] == deadline["text"] && field(d, "date") == field(deadline, "date")
                    });
                    score.check(ok, || {
                        format!("{}: expected {deadline} among {}", at("deadlines"), short(&actual))
                    });
                }
            }
            "milestones" => check_milestones(score, &at("milestones"), expected, item),
            other => panic!("[{find}]: unknown expectation key `{other}`"),
        }
    }
}

/// The schedule: as many milestones as expected, each with the expected fields (those given).
fn check_milestones(score: &mut Score, what: &str, expected: &Value, item: &Value) {
    let expected = expected.as_array().expect("milestones");
    let actual = list(item, "schedule");
    let actual = actual.as_array().expect("list");
    let labels = || {
        actual
            .iter()
            .map(|m| format!("{}:{}..{}", field(m, "label"), field(m, "start"), field(m, "end")))
            .collect::<Vec<_>>()
            .join(" ")
    };
    score.check(expected.len() == actual.len(), || {
        format!(
            "{what}: expected {} milestones, got {} ({})",
            expected.len(),
            actual.len(),
            labels()
        )
    });
    for (i, m) in expected.iter().enumerate() {
        let got = actual.get(i).unwrap_or(&Value::Null);
        let wrong: Vec<String> = m
            .as_object()
            .expect("milestone")
            .iter()
            .filter(|(key, value)| field(got, key) != *value)
            .map(|(key, value)| format!("{key} expected {value}, got {}", field(got, key)))
            .collect();
        score.check(wrong.is_empty(), || format!("{what}[{i}]: {}", wrong.join("; ")));
    }
}

fn check_refusal<E: std::fmt::Display>(score: &mut Score, result: &Result<Parsed<Plan>, E>) {
    match result {
        Ok(parsed) => {
            score.check(false, || {
                format!(
                    "accepted as a plan with {} items; must be refused",
                    parsed.value.items.len()
                )
            });
            score.check(false, || "no refusal message".to_string());
        }
        Err(e) => {
            score.check(true, String::new);
            let message = e.to_string();
            score.check(
                !message.contains('\n')
                    && (message.contains("--table") || message.contains("--role")),
                || format!("refusal should be one line naming --table or --role: {message}"),
            );
        }
    }
}

#[test]
#[ignore = "layout reading is being built; run with --ignored"]
fn every_layout_reads_as_expected() {
    let parser = taizhang::Parser::new();
    let mut failures = 0;
    let mut summary = Vec::new();
    for (name, expect) in expectations() {
        for file in files(&expect) {
            let path = dir().join(&file);
            let result = taizhang::parse_file(&parser, &path, &Default::default());
            let mut score = Score::default();
            if expect["refuse"] == json!(true) {
                check_refusal(&mut score, &result);
            } else {
                let plan = match &result {
                    Ok(parsed) => serde_json::to_value(&parsed.value).expect("plan serializes"),
                    Err(e) => {
                        score.mismatches.push(format!("parse failed: {e}"));
                        Value::Null
                    }
                };
                check_plan(&mut score, &expect, &plan, extension(&file));
            }
            println!("{file}: {}/{} expectations hold ({name})", score.pass, score.total);
            for m in &score.mismatches {
                println!("    {m}");
            }
            failures += score.mismatches.len();
            summary.push(format!("{:>3}/{:<3} {file}", score.pass, score.total));
        }
    }
    println!("\nsummary:\n{}", summary.join("\n"));
    assert_eq!(failures, 0, "{failures} layout expectations do not hold (see above)");
}

/// The expectation files name existing files, cover every layout file, and each `find` picks
/// exactly one row of the table as read: the expectations are about the fixtures as they are.
#[test]
fn expectations_match_the_fixtures() {
    let mut covered = BTreeSet::new();
    for (name, expect) in expectations() {
        assert!(expect["layout"].is_string(), "{name}: layout");
        assert!(expect["family"].is_u64(), "{name}: family");
        let files = files(&expect);
        assert!(!files.is_empty(), "{name}: files");
        for file in files {
            let path = dir().join(&file);
            assert!(path.is_file(), "{name}: {file} does not exist");
            covered.insert(file.clone());
            if expect["refuse"] == json!(true) {
                continue;
            }
            let tables = taizhang::read_file(&path, &Default::default())
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            let rows: Vec<String> = tables
                .tables
                .iter()
                .flat_map(|t| &t.rows)
                .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join("\n"))
                .collect();
            for row in expect["rows"].as_array().expect("rows") {
                let find = row["find"].as_str().expect("find");
                let n = rows.iter().filter(|r| r.contains(find)).count();
                assert_eq!(n, 1, "{file}: `{find}` is in {n} rows, not 1");
            }
            let columns = expect["columns"].as_array().expect("columns");
            let indices: Vec<u64> =
                columns.iter().map(|c| c["index"].as_u64().expect("index")).collect();
            assert_eq!(indices, (0..columns.len() as u64).collect::<Vec<_>>(), "{name}: columns");
        }
    }
    for entry in std::fs::read_dir(dir()).expect("fixtures/layouts") {
        let file = entry.expect("entry").file_name().to_string_lossy().into_owned();
        if ["docx", "txt", "xlsx"].contains(&extension(&file)) {
            assert!(covered.contains(&file), "{file} has no expectation");
        }
    }
}
