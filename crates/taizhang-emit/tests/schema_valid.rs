//! Every parse output of the fixtures is valid against the checked-in `schemas/plan.schema.json`
//! (and every read output against `schemas/tables.schema.json`), so the schema describes what
//! the code really emits.

use std::path::{Path, PathBuf};

use serde_json::Value;
use taizhang_parser::Parser;
use taizhang_reader::{read_bytes, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn schema(name: &str) -> jsonschema::Validator {
    let path = root().join("schemas").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name} is no valid schema: {e}"))
}

fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["fixtures/seed", "fixtures/tables"] {
        let dir = root().join(dir);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "docx" || x == "xlsx"))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

fn errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator.iter_errors(value).map(|e| format!("{}: {e}", e.instance_path())).take(5).collect()
}

#[test]
fn parse_and_read_outputs_match_their_schemas() {
    let plan_schema = schema("plan.schema.json");
    let tables_schema = schema("tables.schema.json");
    let parser = Parser::new();
    let files = fixtures();
    assert!(files.len() >= 6, "{files:?}");
    for path in files {
        let bytes = std::fs::read(&path).expect("fixture reads");
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tables = read_bytes(&name, &bytes, &Options::default()).expect("fixture is a table");
        let tables_json: Value = serde_json::to_value(&tables).expect("tables serialize");
        let bad = errors(&tables_schema, &tables_json);
        assert!(bad.is_empty(), "{name}: read output against tables.schema.json: {bad:#?}");
        let plan = parser.parse_tables(&tables, None).expect("fixture parses").value;
        // Through the exact text the command writes, not just the in-memory value.
        let text = taizhang_emit::json::to_json(&plan, false).expect("plan serializes");
        let plan_json: Value = serde_json::from_str(&text).expect("plan JSON parses");
        let bad = errors(&plan_schema, &plan_json);
        assert!(bad.is_empty(), "{name}: parse output against plan.schema.json: {bad:#?}");
    }
}

/// The validation can fail: a plan without items, or with a milestone quarter as text, does
/// not pass.
#[test]
fn broken_plans_are_rejected() {
    let plan_schema = schema("plan.schema.json");
    let path = root().join("fixtures/seed/plan-2020.txt");
    let bytes = std::fs::read(&path).expect("fixture reads");
    let tables = read_bytes("plan-2020.txt", &bytes, &Options::default()).expect("reads");
    let plan = Parser::new().parse_tables(&tables, None).expect("parses").value;
    let good: Value = serde_json::to_value(&plan).expect("serializes");
    assert!(errors(&plan_schema, &good).is_empty());

    let mut no_items = good.clone();
    no_items.as_object_mut().expect("an object").remove("items");
    assert!(!errors(&plan_schema, &no_items).is_empty());

    let mut text_quarter = good.clone();
    text_quarter["items"][0]["schedule"][0]["start"] = Value::String("一".into());
    assert!(!errors(&plan_schema, &text_quarter).is_empty());
}
