//! What changed between two revisions of a plan (`taizhang diff`).
//!
//! The diff crate fills in this module's types; see `../shared/spec/output-contract.md`.
