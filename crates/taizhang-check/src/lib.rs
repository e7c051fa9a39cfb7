//! Checks a plan for internal inconsistencies.
