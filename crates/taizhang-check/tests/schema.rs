//! `schemas/check.schema.json` is generated from the findings types: this test fails when
//! the checked-in file differs from what the types generate, and rewrites it when
//! `TAIZHANG_UPDATE_SCHEMA=1` is set.

use std::path::Path;

#[test]
fn check_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/check.schema.json");
    let generated = taizhang_emit::schema::schema_json::<taizhang_model::check::CheckReport>();
    if std::env::var_os("TAIZHANG_UPDATE_SCHEMA").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("schemas/check.schema.json is writable");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{} is stale: run `TAIZHANG_UPDATE_SCHEMA=1 cargo test -p taizhang-check --test schema`\n\
         --- generated ---\n{generated}",
        path.display()
    );
}

/// The report of a crafted plan validates against the schema's required fields: every
/// property a finding must carry is in the schema.
#[test]
fn schema_names_the_contract_fields() {
    let schema: serde_json::Value = serde_json::from_str(&taizhang_emit::schema::schema_json::<
        taizhang_model::check::CheckReport,
    >())
    .expect("the schema is JSON");
    let finding = &schema["$defs"]["Finding"];
    let required: Vec<&str> = finding["required"]
        .as_array()
        .expect("Finding lists required fields")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for field in ["row", "column", "severity", "code", "message", "evidence"] {
        assert!(required.contains(&field), "{field} is not required in {finding}");
    }
    let top: Vec<&str> = schema["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for field in ["schema", "source", "findings"] {
        assert!(top.contains(&field), "{field}");
    }
}
