//! Aligns two revisions of a plan and reports what changed.
