//! Checks a plan for internal inconsistencies: the `taizhang check` stage.
//!
//! It sits after the parser (reader → parser → emit/diff/check) and reads only a
//! [`Plan`]: the numbers of each row (running totals that fall, a last total or a sum of
//! increments that misses the annual goal, goal amounts the schedule never mentions), the
//! periods of each schedule (out of order, overlapping, labels that name no quarter), and
//! the rows themselves (measures without text, items without a lead unit, duplicates).
//!
//! Every finding has a stable code (see [`codes`]) and a severity. An `error` means the plan
//! contradicts itself on a clean reading; anything the text allows to read otherwise
//! (different objects, `不少于` against a plain amount, ranges, two series that could both
//! be meant) is a warning, an info, or nothing: a false error on a real plan costs more than
//! a missed one.
//!
//! ```
//! let plan: taizhang_model::Plan = serde_json::from_value(serde_json::json!({
//!     "schema": "taizhang/plan/v1",
//!     "source": {"file": "plan.txt", "format": "txt", "sha256": ""},
//!     "year": 2020,
//!     "columns": [{"index": 1, "header": "具体措施", "role": "measure"}],
//!     "items": [{
//!         "id": "r016", "row": 16, "seq": 16, "section": null,
//!         "measure": {"number": 10, "text": "", "inherited": false, "quantities": []},
//!         "goal": {"text": "", "points": [], "quantities": []},
//!         "schedule": [], "lead": ["城建局"], "support": [], "documents": [], "deadlines": [],
//!         "fingerprint": "", "cells": ["（16） ", "10. ", "", "", "城建局", ""]
//!     }],
//!     "warnings": []
//! })).unwrap();
//! let report = taizhang_check::check(&plan);
//! assert_eq!(report.findings[0].code, "measure/empty");
//! assert_eq!(report.findings[0].column, Some(1));
//! assert!(!report.has_errors());
//! ```

mod amount;
mod context;
mod rows;
mod schedule;
mod series;

pub mod report;

use taizhang_model::check::{CheckReport, Finding};
use taizhang_model::plan::ColumnRole;
use taizhang_model::Plan;

/// The finding codes: stable, `area/name`. Severities are the usual ones; the series checks
/// downgrade to `warning` when the reading is not clean.
pub mod codes {
    use taizhang_model::Code;

    /// error/warning: a running total (累计, 共…) is lower than the amount before it in the
    /// same series.
    pub const SERIES_DECREASING: &str = Code::SeriesDecreasing.as_str();
    /// error/warning/info: the last running total of the year differs from the goal's amount
    /// for the same unit and object (warning for rates, bounds and unsure readings; info for a
    /// level such as `达445个` against a running total of the year's additions).
    pub const SERIES_FINAL_MISMATCH: &str = Code::SeriesFinalMismatch.as_str();
    /// error/warning: a series of amounts over the whole year, without running-total cues,
    /// neither adds up to the goal's amount nor ends at it.
    pub const SERIES_SUM_MISMATCH: &str = Code::SeriesSumMismatch.as_str();
    /// info: a goal amount whose unit and object no milestone mentions.
    pub const GOAL_UNSCHEDULED: &str = Code::GoalUnscheduled.as_str();
    /// warning: a period comes before the period above it in the same schedule (or topic).
    pub const SCHEDULE_PERIOD_ORDER: &str = Code::SchedulePeriodOrder.as_str();
    /// warning: a period covers quarters the period above it already covers.
    pub const SCHEDULE_PERIOD_OVERLAP: &str = Code::SchedulePeriodOverlap.as_str();
    /// warning (a label without quarters) or info (a sentence opening with a month or phase):
    /// a period the quarter model cannot place.
    pub const SCHEDULE_UNKNOWN_PERIOD: &str = Code::ScheduleUnknownPeriod.as_str();
    /// warning: a numbered measure with no text (`10. `).
    pub const MEASURE_EMPTY: &str = Code::MeasureEmpty.as_str();
    /// warning: an item with no lead unit (info when the row continues the measure of a row
    /// above that names one: a merged cell left empty).
    pub const ITEM_NO_LEAD: &str = Code::ItemNoLead.as_str();
    /// warning: a row that repeats an earlier row (numbering and spaces aside).
    pub const ITEM_DUPLICATE: &str = Code::ItemDuplicate.as_str();

    /// Every code, in the order the README documents them.
    pub const ALL: [&str; 10] = [
        SERIES_DECREASING,
        SERIES_FINAL_MISMATCH,
        SERIES_SUM_MISMATCH,
        GOAL_UNSCHEDULED,
        SCHEDULE_PERIOD_ORDER,
        SCHEDULE_PERIOD_OVERLAP,
        SCHEDULE_UNKNOWN_PERIOD,
        MEASURE_EMPTY,
        ITEM_NO_LEAD,
        ITEM_DUPLICATE,
    ];
}

/// Checks a plan: every finding, sorted, with the plan's source.
pub fn check(plan: &Plan) -> CheckReport {
    CheckReport::new(plan.source.clone(), findings(plan))
}

/// Every finding about `plan`, sorted by row, column, code and message.
pub fn findings(plan: &Plan) -> Vec<Finding> {
    let goal = column_of(plan, ColumnRole::Goal);
    let schedule_column = column_of(plan, ColumnRole::Schedule);
    let mut out = Vec::new();
    for (index, item) in plan.items.iter().enumerate() {
        rows::empty_measure(plan, item, &mut out);
        rows::no_lead(plan, index, &mut out);
        schedule::unknown_periods(item, schedule_column, &mut out);
        let groups = schedule::groups(item, schedule_column, &mut out);
        series::check(item, &groups, goal, schedule_column, &mut out);
    }
    rows::duplicates(plan, &mut out);
    out.sort_by(|a, b| {
        (a.row, a.column, &a.code, &a.message, &a.evidence).cmp(&(
            b.row,
            b.column,
            &b.code,
            &b.message,
            &b.evidence,
        ))
    });
    out
}

/// The 0-based index of the first column with `role`.
pub(crate) fn column_of(plan: &Plan, role: ColumnRole) -> Option<usize> {
    plan.columns.iter().find(|c| c.role == role).map(|c| c.index)
}

/// At most `max` characters of `text` on one line, with `…` when cut.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let one_line: String = text.trim().chars().map(|c| if c == '\n' { '⏎' } else { c }).collect();
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut cut: String = one_line.chars().take(max).collect();
        cut.push('…');
        cut
    }
}
