//! Plain data types shared by every taizhang stage.
//!
//! The data flows reader → parser → emit/diff/check, and this crate is the only thing those
//! stages share: [`table`] is what the reader returns, [`plan`] what the parser builds,
//! [`diff`] and [`check`] what the diff and the checker report. Every type derives serde and
//! [`schemars::JsonSchema`], so the JSON Schemas in `schemas/` are generated from these
//! definitions and cannot drift from them.
//!
//! Field names are part of the output contract: they may be added to, never renamed.
//!
//! ```
//! use taizhang_model::table::Cell;
//! let cell = Cell::from_paragraphs(vec!["供水：一季度".into(), "供电：二季度".into()]);
//! assert_eq!(cell.text, "供水：一季度\n供电：二季度");
//! ```

pub mod check;
pub mod code;
pub mod diff;
pub mod plan;
pub mod table;

pub use code::Code;
pub use plan::{Cmp, Item, Milestone, Plan, Quantity, UnitKind};
pub use table::{Cell, Row, Source, Table, Tables};

/// A value together with the row-level diagnostics found while producing it.
///
/// Errors that leave nothing useful go through `Result`; everything else (a padded row, a
/// measure without text) travels here, beside the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    pub value: T,
    pub diagnostics: Vec<plan::Warning>,
}

impl<T> Parsed<T> {
    pub fn new(value: T) -> Self {
        Parsed { value, diagnostics: Vec::new() }
    }
}
