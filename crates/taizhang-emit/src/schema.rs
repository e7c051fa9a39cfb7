//! JSON Schemas generated from the model types.
//!
//! The files in `schemas/` are the output of [`schema_json`] for each top-level type; a test
//! keeps the checked-in copies equal to what the types generate, so they cannot drift.
//!
//! ```
//! let schema = taizhang_emit::schema::schema_json::<taizhang_model::Plan>();
//! assert!(schema.contains("\"Milestone\""));
//! assert!(schema.ends_with("}\n"));
//! ```

use schemars::JsonSchema;

/// The JSON Schema of `T`, pretty printed with a final newline (the bytes of the checked-in
/// file).
pub fn schema_json<T: JsonSchema>() -> String {
    let schema = schemars::schema_for!(T);
    let mut out = serde_json::to_string_pretty(&schema)
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    out.push('\n');
    out
}

/// The schema of `taizhang parse` output (`schemas/plan.schema.json`).
pub fn plan_schema() -> String {
    schema_json::<taizhang_model::Plan>()
}

/// The schema of `taizhang read` output (`schemas/tables.schema.json`).
pub fn tables_schema() -> String {
    schema_json::<taizhang_model::Tables>()
}
