//! Structures plan tables: the second stage of reader → parser → emit/diff.

pub mod quantity;

use taizhang_model::{Parsed, Plan, Tables};

/// Why no plan could be built from the tables (the table index is out of range, or no
/// table looks like a plan table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// Turns tables into plans. Build one per process and share it: it holds what is costly to
/// build (dictionaries, compiled patterns).
#[derive(Debug, Default)]
pub struct Parser {}

impl Parser {
    pub fn new() -> Parser {
        Parser {}
    }

    /// Builds the plan from `tables`: table `table` when given, else the one that looks
    /// like a plan table.
    pub fn parse_tables(
        &self,
        tables: &Tables,
        table: Option<usize>,
    ) -> Result<Parsed<Plan>, ParseError> {
        let _ = (tables, table);
        Err(ParseError { message: "parsing is not available yet".into() })
    }
}
