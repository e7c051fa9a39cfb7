//! Structures plan tables: the second stage of reader → parser → emit/diff.

pub mod quantity;
