//! Writes plans, diffs and findings.
