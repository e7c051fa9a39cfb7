//! Reports people read and pass on, in Chinese or English (every word from the message
//! catalogue, `taizhang-i18n`):
//!
//! - [`plan::html`]: one self-contained HTML page of a plan (overview, timeline by quarter,
//!   workload per unit, targets and their running totals, filters and search);
//! - [`diff::html`]: one self-contained HTML page of a revision, old and new side by side;
//! - [`findings`]: the findings of `taizhang check` over one or more plans, one row each, as
//!   CSV, an Excel workbook or an HTML table.
//!
//! The pages load nothing: styles, scripts and charts are inline, and a Content Security
//! Policy forbids any request, so they open from disk in any browser and can be mailed on.

pub mod diff;
pub mod findings;
mod html;
pub mod plan;
