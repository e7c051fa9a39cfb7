//! The readable report `taizhang check` prints by default.
//!
//! One finding per paragraph, compiler style, then a summary line:
//!
//! ```text
//! plan-2020.txt: row 16, column 2: warning[measure/empty]: measure 10 has no text
//!     10.
//! plan-2020.txt: 0 errors, 1 warning, 0 infos
//! ```
//!
//! With the plan at hand ([`text_in`]), a row is named as the plan numbers it: its `（N）`,
//! its measure number, the data row, the lead unit and the start of its measure text
//! (`（16）措施10 · 第16行 · 城建局 · …`). Rows are the 1-based data rows of the table and
//! columns are 1-based here, as people count them (the JSON keeps the contract's 0-based
//! `column`). Every word comes from the message catalogue, in the language asked for.

use std::collections::HashMap;
use std::fmt::Write;

use taizhang_i18n::{name, tr, trn, Lang};
use taizhang_model::check::{CheckReport, Finding, Severity};
use taizhang_model::{Item, Plan};

/// The report as text in English, rows named by their data row only.
pub fn text(report: &CheckReport) -> String {
    text_in(report, None, Lang::En)
}

/// The report as text in `lang`; with `plan`, rows are named as the plan numbers them.
pub fn text_in(report: &CheckReport, plan: Option<&Plan>, lang: Lang) -> String {
    let file = &report.source.file;
    let colon = tr!(lang, "sep.colon");
    let mut out = String::new();
    let items = ItemsByRow::new(plan);
    for f in &report.findings {
        let place = place_at(f, items.item_of(f), plan, lang);
        let head = format!("{}[{}]", severity(lang, f.severity), f.code);
        if place.is_empty() {
            let _ = writeln!(out, "{file}{colon}{head}{colon}{}", f.message);
        } else {
            let _ = writeln!(out, "{file}{colon}{place}{colon}{head}{colon}{}", f.message);
        }
        for line in &f.evidence {
            // An empty cell is evidence too; show it rather than a blank line.
            let shown = if line.trim().is_empty() {
                format!("{line:?}")
            } else {
                line.replace('\n', "⏎")
            };
            let _ = writeln!(out, "    {shown}");
        }
    }
    let _ = writeln!(out, "{file}{colon}{}", summary(report, lang));
    out
}

/// `0 errors, 1 warnings, 0 infos` / `0个错误，1个警告，0条提示`.
pub fn summary(report: &CheckReport, lang: Lang) -> String {
    counts(report.summary, lang)
}

/// Counts of findings by severity, as the summary line says them.
pub fn counts(s: taizhang_model::check::Summary, lang: Lang) -> String {
    tr!(
        lang,
        "check.summary",
        errors = trn!(lang, "check.errors", s.errors, n = s.errors),
        warnings = trn!(lang, "check.warnings", s.warnings, n = s.warnings),
        infos = trn!(lang, "check.infos", s.infos, n = s.infos)
    )
}

/// The severity's name in `lang` (`warning`, `警告`).
pub fn severity(lang: Lang, severity: Severity) -> &'static str {
    match severity {
        Severity::Error => tr!(lang, "severity.error"),
        Severity::Warning => tr!(lang, "severity.warning"),
        Severity::Info => tr!(lang, "severity.info"),
    }
}

/// The item a finding is about, when the plan is known. For many findings of one plan,
/// [`ItemsByRow`] finds each without a scan of the items.
pub fn item_of<'a>(f: &Finding, plan: Option<&'a Plan>) -> Option<&'a Item> {
    let row = f.row?;
    plan?.items.iter().find(|i| i.row == row)
}

/// A plan's items by their row: the item of each finding of a report looked up at once (the
/// first item of the row, as [`item_of`] finds it), so that naming every finding of a big
/// plan is not a scan of its items per finding.
#[derive(Debug, Clone, Default)]
pub struct ItemsByRow<'a> {
    items: HashMap<usize, &'a Item>,
}

impl<'a> ItemsByRow<'a> {
    /// The items of `plan`; none without a plan.
    pub fn new(plan: Option<&'a Plan>) -> ItemsByRow<'a> {
        let mut items = HashMap::new();
        for item in plan.map_or(&[][..], |p| p.items.as_slice()) {
            items.entry(item.row).or_insert(item);
        }
        ItemsByRow { items }
    }

    /// The item finding `f` is about, as [`item_of`] gives it.
    pub fn item_of(&self, f: &Finding) -> Option<&'a Item> {
        self.items.get(&f.row?).copied()
    }
}

/// Where a finding stands: the row as the plan names it, then the 1-based column.
pub fn place(f: &Finding, plan: Option<&Plan>, lang: Lang) -> String {
    place_at(f, item_of(f, plan), plan, lang)
}

/// [`place`], with the finding's item found already.
fn place_at(f: &Finding, item: Option<&Item>, plan: Option<&Plan>, lang: Lang) -> String {
    let mut place = match (item, f.row) {
        (Some(item), _) => name::item(lang, item),
        (None, Some(row)) => tr!(lang, "row.data", row = row),
        (None, None) => String::new(),
    };
    if let Some(column) = f.column {
        if !place.is_empty() {
            // After a row's name (which has its own ` · `), another part of it; after a bare
            // row number, a list.
            place.push_str(match (item, lang) {
                (Some(_), _) => " · ",
                (None, Lang::Zh) => "，",
                (None, Lang::En) => ", ",
            });
        }
        place.push_str(&tr!(lang, "row.column", column = column + 1));
        // With the plan, the column's header too: `第4列（季度进度安排）`.
        let header = plan.and_then(|p| p.columns.iter().find(|c| c.index == column));
        if let Some(h) =
            header.map(|h| h.header.replace('\n', " ")).filter(|h| !h.trim().is_empty())
        {
            place.push_str(&if lang == Lang::Zh {
                format!("（{h}）")
            } else {
                format!(" ({h})")
            });
        }
    }
    place
}
