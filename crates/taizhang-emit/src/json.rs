//! JSON output: deterministic bytes for the same input.
