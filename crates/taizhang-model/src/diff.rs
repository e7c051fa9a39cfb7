//! What changed between two revisions of a plan (`taizhang diff`).
//!
//! # Wire format
//!
//! `taizhang diff --format json` writes one [`PlanDiff`]. The contract fields are `schema`,
//! `old`/`new` (`file`, `sha256`), `changes[]` (`kind`, `old_row`, `new_row`, `old_rows`,
//! `new_rows`, `similarity`, `fields[]` of `field`/`before`/`after`) and `summary`; the other
//! fields below add structure (units added and removed, quantity deltas, milestone moves)
//! and are omitted when empty.
//!
//! Rows are the 1-based data rows of each table (`Item::row`). A change names the row in the
//! old plan, the row in the new plan, or both; `split` names one old row and the new rows it
//! became, `merged` the old rows and the new row they became.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::table::Format;

/// The `schema` tag of `taizhang diff` output.
pub const DIFF_SCHEMA: &str = "taizhang/diff/v1";

/// 修订对比 (a plan diff): every change that turns the old plan into the new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanDiff {
    /// Always [`DIFF_SCHEMA`].
    pub schema: String,
    pub old: DiffSource,
    pub new: DiffSource,
    /// The changes in reading order of the new plan (removed rows where they stood).
    pub changes: Vec<Change>,
    pub summary: Summary,
}

impl PlanDiff {
    /// True when the two plans have the same content (numbering aside).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DiffSource {
    /// The file as given on the command line.
    pub file: String,
    /// SHA-256 of the input the plan was read from, lowercase hex.
    pub sha256: String,
    /// The format the plan was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Number of data rows.
    #[serde(default)]
    pub rows: usize,
}

/// What happened to a row (or a pair of rows).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// The same row in both plans, with at least one field changed.
    Modified,
    /// A row only in the new plan.
    Added,
    /// A row only in the old plan.
    Removed,
    /// A row whose position relative to the rows around it changed (its fields may have
    /// changed too: see `fields`).
    Moved,
    /// One old row became several adjacent new rows.
    Split,
    /// Several adjacent old rows became one new row.
    Merged,
    /// The same row, the same units, listed in another order: not a substantive change.
    Reordered,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Change {
    pub kind: ChangeKind,
    /// The old row (null for `added` and `merged`).
    pub old_row: Option<usize>,
    /// The new row (null for `removed` and `split`).
    pub new_row: Option<usize>,
    /// For `merged`: the old rows, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub old_rows: Vec<usize>,
    /// For `split`: the new rows, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_rows: Vec<usize>,
    /// How alike the two sides' texts are (0–1, three decimals), when there are two sides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// The section the row stands in (the new plan's, or the old one's for a removed row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// A short label for the row: its measure text, or else its goal text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Each changed field once, in the order of [`Field`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    /// For `added` and `removed`: the row's cells as read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<String>,
}

/// A field of an item that a change can name.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Field {
    #[serde(rename = "section")]
    Section,
    #[serde(rename = "measure.text")]
    MeasureText,
    #[serde(rename = "goal.text")]
    GoalText,
    #[serde(rename = "goal.quantities")]
    GoalQuantities,
    #[serde(rename = "schedule")]
    Schedule,
    #[serde(rename = "lead")]
    Lead,
    #[serde(rename = "support")]
    Support,
    #[serde(rename = "documents")]
    Documents,
    #[serde(rename = "deadlines")]
    Deadlines,
    /// A column without a structured field (remarks and the like); `column` names it.
    #[serde(rename = "other")]
    Other,
}

impl Field {
    /// The name used on the wire (`goal.text`).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Section => "section",
            Field::MeasureText => "measure.text",
            Field::GoalText => "goal.text",
            Field::GoalQuantities => "goal.quantities",
            Field::Schedule => "schedule",
            Field::Lead => "lead",
            Field::Support => "support",
            Field::Documents => "documents",
            Field::Deadlines => "deadlines",
            Field::Other => "other",
        }
    }
}

/// One changed field of a row.
///
/// `before` and `after` hold the field's value as text: the text itself for text fields,
/// the quantity texts for `goal.quantities`, the units joined with `、` for `lead` and
/// `support`, the milestones for `schedule`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FieldChange {
    pub field: Field,
    pub before: String,
    pub after: String,
    /// For `other`: the column header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Units, documents or deadlines only in the new row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    /// Units, documents or deadlines only in the old row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    /// For `goal.quantities`: each number that changed, appeared or disappeared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<QuantityChange>,
    /// For `schedule`: each milestone clause that moved, changed, appeared or disappeared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<MilestoneChange>,
    /// One readable line per part of the change (`完成投资10亿元 → 12亿元 (+20%)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

impl FieldChange {
    /// A change with only `before` and `after` filled in.
    pub fn new(field: Field, before: impl Into<String>, after: impl Into<String>) -> FieldChange {
        FieldChange {
            field,
            before: before.into(),
            after: after.into(),
            column: None,
            added: Vec::new(),
            removed: Vec::new(),
            quantities: Vec::new(),
            milestones: Vec::new(),
            details: Vec::new(),
        }
    }
}

/// One number that changed between two revisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct QuantityChange {
    /// The quantity as written in the old text, null when it is new.
    pub before: Option<String>,
    /// The quantity as written in the new text, null when it was dropped.
    pub after: Option<String>,
    /// The old normalized value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_value: Option<f64>,
    /// The new normalized value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_value: Option<f64>,
    /// The base unit both values are in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// `(after - before) / before`, rounded to four decimals (0.2 is +20%), when both
    /// values are known and the old one is not zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative: Option<f64>,
}

/// What happened to one clause of the schedule.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum MilestoneChangeKind {
    /// The same text under another period (`三季度` → `四季度`).
    Moved,
    /// The text changed under the same period (a number, a word).
    Changed,
    Added,
    Removed,
}

/// One clause of the schedule (`四季度，累计完成投资10亿元。`) that changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MilestoneChange {
    pub kind: MilestoneChangeKind,
    /// The period label in the old schedule (null when added, or before any label).
    pub before_label: Option<String>,
    /// The period label in the new schedule (null when removed, or before any label).
    pub after_label: Option<String>,
    /// The clause in the old schedule.
    pub before: Option<String>,
    /// The clause in the new schedule.
    pub after: Option<String>,
    /// Numbers of the clause that changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<QuantityChange>,
}

/// How many rows fall under each kind of change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub modified: usize,
    pub moved: usize,
    pub split: usize,
    pub merged: usize,
    pub reordered: usize,
    /// Row pairs with the same content (numbering aside).
    pub unchanged: usize,
}
