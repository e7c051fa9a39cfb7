//! Findings about a plan's own consistency (`taizhang check`).
//!
//! # Wire format
//!
//! `taizhang check --format json` writes one [`CheckReport`]:
//!
//! ```json
//! {
//!   "schema": "taizhang/check/v1",
//!   "source": {"file": "plan-2020.docx", "format": "docx", "sha256": "…"},
//!   "findings": [
//!     {"row": 16, "column": 1, "severity": "warning", "code": "measure/empty",
//!      "message": "measure 10 has no text", "evidence": ["10. "]}
//!   ],
//!   "summary": {"errors": 0, "warnings": 1, "infos": 0}
//! }
//! ```
//!
//! `row` is the 1-based data row of the plan table, `column` the 0-based column of the cell
//! the finding is about (null when it is about the whole row). `evidence` holds the texts
//! involved, each prefixed with where it stands (`goal: …`, `四季度: …`); `quantities`
//! holds the same quantities in machine form. Findings are sorted by row, then column,
//! then code, so the same plan always gives the same bytes.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::plan::Cmp;
use crate::table::Source;

/// The `schema` tag of `taizhang check` output.
pub const CHECK_SCHEMA: &str = "taizhang/check/v1";

/// Everything `taizhang check` reports about one plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CheckReport {
    /// Always [`CHECK_SCHEMA`].
    pub schema: String,
    /// Where the plan came from (the plan's own source).
    pub source: Source,
    /// Every finding, sorted by row, column and code.
    pub findings: Vec<Finding>,
    /// How many findings of each severity.
    pub summary: Summary,
}

impl CheckReport {
    /// A report over `findings`, with the summary counted from them.
    pub fn new(source: Source, findings: Vec<Finding>) -> CheckReport {
        let summary = Summary::count(&findings);
        CheckReport { schema: CHECK_SCHEMA.to_owned(), source, findings, summary }
    }

    /// True when at least one finding is an error (the plan contradicts itself).
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

/// One thing the checker noticed about a row.
// `row` and `column` are always written (null when absent): the schema lists them as required
// while keeping them nullable, which a field attribute cannot express.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("required" = ["row", "column", "severity", "code", "message", "evidence"]))]
pub struct Finding {
    /// 1-based data row of the plan table; null for a finding about the whole plan.
    pub row: Option<usize>,
    /// 0-based column of the cell concerned; null when the finding is about the whole row.
    pub column: Option<usize>,
    pub severity: Severity,
    /// A stable `area/name` code (`series/decreasing`, `measure/empty`).
    pub code: String,
    /// One sentence saying what is wrong, with the numbers involved.
    pub message: String,
    /// The texts involved, each prefixed with where it stands (`goal: …`, `四季度: …`).
    pub evidence: Vec<String>,
    /// The quantities involved, in machine form (empty when the finding is not about numbers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<EvidenceQuantity>,
    /// Other rows the finding refers to (the first copy of a duplicate row).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_rows: Vec<usize>,
}

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The plan contradicts itself (a running total that falls, increments that do not add up).
    Error,
    /// Probably a mistake, but the evidence allows another reading.
    Warning,
    /// Worth a look; not a mistake by itself.
    Info,
}

impl Severity {
    /// The lowercase name used on the wire and in the text report.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in an item a quantity was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuantitySource {
    /// 工作目标 (the annual goal).
    Goal,
    /// 具体措施 (the measure).
    Measure,
    /// One milestone of the schedule.
    Milestone,
}

impl QuantitySource {
    /// The lowercase name used on the wire and in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            QuantitySource::Goal => "goal",
            QuantitySource::Measure => "measure",
            QuantitySource::Milestone => "milestone",
        }
    }
}

/// A quantity cited as evidence, with where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("required" = [
    "source", "milestone", "label", "topic", "text", "value", "min", "max", "unit", "cmp",
    "cumulative", "object"
]))]
pub struct EvidenceQuantity {
    pub source: QuantitySource,
    /// For a milestone: its 0-based index in the item's schedule.
    pub milestone: Option<usize>,
    /// For a milestone: its period label as written (`四季度`).
    pub label: Option<String>,
    /// For a milestone: its topic (`供水`), if any.
    pub topic: Option<String>,
    /// The quantity's text (`累计完成投资26.1亿元`).
    pub text: String,
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: Option<String>,
    pub cmp: Cmp,
    pub cumulative: bool,
    pub object: Option<String>,
}

/// How many findings of each severity a report holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    /// Counts the findings by severity.
    pub fn count(findings: &[Finding]) -> Summary {
        let mut summary = Summary::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}
