//! Findings about a plan's own consistency (`taizhang check`).
//!
//! The check crate fills in this module's types; see `../shared/spec/output-contract.md`.
