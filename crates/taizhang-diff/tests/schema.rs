//! `schemas/diff.schema.json` is generated from the types: this test keeps the checked-in
//! copy in sync. Run with `TAIZHANG_UPDATE_SCHEMA=1` to rewrite it after changing the types.

use std::path::Path;

use taizhang_model::diff::PlanDiff;

#[test]
fn diff_schema_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/diff.schema.json");
    let schema = schemars::schema_for!(PlanDiff);
    let text = serde_json::to_string_pretty(&schema).expect("schema serializes") + "\n";
    if std::env::var_os("TAIZHANG_UPDATE_SCHEMA").is_some_and(|v| v == "1") {
        std::fs::write(&path, &text).expect("schema file writes");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == text,
        "{} is out of date; rerun with TAIZHANG_UPDATE_SCHEMA=1 (generated:\n{text})",
        path.display()
    );
}
