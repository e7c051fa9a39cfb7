//! The checked-in JSON Schemas in `schemas/` are what the model types generate. A stale file
//! fails this test with a diff hint; `TAIZHANG_UPDATE_SCHEMA=1` rewrites it instead.

use std::path::Path;

fn check(name: &str, generated: String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas").join(name);
    let update = std::env::var_os("TAIZHANG_UPDATE_SCHEMA").is_some_and(|v| v == "1");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current == generated {
        return;
    }
    if update {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let first = current
        .lines()
        .zip(generated.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| current.lines().count().min(generated.lines().count()));
    let line = |text: &str| text.lines().nth(first).unwrap_or("<end of file>").to_string();
    panic!(
        "schemas/{name} is stale: first difference at line {}:\n  checked in: {}\n  generated:  {}\n\
         Run `TAIZHANG_UPDATE_SCHEMA=1 cargo test -p taizhang-tests --test schemas` and review `git diff schemas/`.",
        first + 1,
        line(&current),
        line(&generated),
    );
}

#[test]
fn plan_schema_is_current() {
    check("plan.schema.json", taizhang_emit::schema::plan_schema());
}

#[test]
fn tables_schema_is_current() {
    check("tables.schema.json", taizhang_emit::schema::tables_schema());
}

/// `taizhang schema plan` prints the checked-in file, byte for byte.
#[test]
fn schema_names_the_contract_fields() {
    let plan = taizhang_emit::schema::plan_schema();
    for field in ["\"schema\"", "\"items\"", "\"milestone\"", "\"fingerprint\"", "\"surface_unit\""]
    {
        let found = plan.to_lowercase().contains(field);
        assert!(found, "the plan schema has no {field}");
    }
}
