//! Writes plans, diffs and findings: JSON (with JSON Schemas), and exports to CSV, Excel and
//! SQLite.

pub mod export;
pub mod json;
pub mod output;
pub mod schema;
