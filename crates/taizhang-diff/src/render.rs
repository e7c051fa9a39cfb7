//! The readable report: changes grouped by section, text changes highlighted word by word,
//! and a summary line, in the language asked for (every word from the message catalogue).
//!
//! Without colors, deleted words are written `[-…-]` and inserted words `{+…+}` (as
//! `git diff --word-diff=plain` does); with colors, they are red and green instead. Given the
//! two plans ([`render_text_in`]), a row is named as the plan numbers it: `（N）`, measure
//! number, data row, lead unit, then the start of its text.

use std::fmt::Write as _;

use taizhang_i18n::{name, tr, trn, Lang};
use taizhang_model::diff::{Change, ChangeKind, Field, FieldChange, MilestoneChangeKind, PlanDiff};
use taizhang_model::{Item, Plan};

use crate::compare::{describe_milestone, describe_quantity};
use crate::words::{word_diff, Segment};

/// How to write the report.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Use ANSI colors. By default, this is disabled.
    pub color: bool,
    /// The language of the report. By default, English.
    pub lang: Lang,
}

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn deleted(&self, t: &str) -> String {
        if self.color {
            self.paint("31;9", t)
        } else {
            format!("[-{t}-]")
        }
    }
    fn inserted(&self, t: &str) -> String {
        if self.color {
            self.paint("32", t)
        } else {
            format!("{{+{t}+}}")
        }
    }
}

/// Renders a diff as the text report `taizhang diff` prints by default, rows named by their
/// data rows.
pub fn render_text(diff: &PlanDiff, options: &RenderOptions) -> String {
    render_text_in(diff, options, None)
}

/// The old and the new plan of a diff, to name rows as the plans number them.
#[derive(Debug, Clone, Copy)]
pub struct Plans<'a> {
    pub old: &'a Plan,
    pub new: &'a Plan,
}

impl<'a> Plans<'a> {
    /// The item of the old plan at data row `row`.
    pub fn old_item(&self, row: Option<usize>) -> Option<&'a Item> {
        find(self.old, row?)
    }
    /// The item of the new plan at data row `row`.
    pub fn new_item(&self, row: Option<usize>) -> Option<&'a Item> {
        find(self.new, row?)
    }
}

fn find(plan: &Plan, row: usize) -> Option<&Item> {
    // Items are in row order; fall back to a scan for plans built otherwise.
    match plan.items.binary_search_by_key(&row, |i| i.row) {
        Ok(i) => plan.items.get(i),
        Err(_) => plan.items.iter().find(|i| i.row == row),
    }
}

/// Renders a diff as the text report, with rows named from `plans` when given.
pub fn render_text_in(
    diff: &PlanDiff,
    options: &RenderOptions,
    plans: Option<Plans<'_>>,
) -> String {
    let st = Style { color: options.color };
    let lang = options.lang;
    let mut out = String::new();
    for (mark, side) in [("---", &diff.old), ("+++", &diff.new)] {
        let line = tr!(lang, "diff.source", mark = mark, file = side.file, rows = side.rows);
        let _ = writeln!(out, "{}", st.paint("1", &line));
    }
    let mut section: Option<&str> = None;
    for change in &diff.changes {
        let here = change.section.as_deref().unwrap_or("");
        if section != Some(here) {
            out.push('\n');
            let title = if here.is_empty() { tr!(lang, "diff.no-section") } else { here };
            let _ = writeln!(out, "{}", st.paint("1;36", &format!("== {title}")));
            section = Some(here);
        }
        change_lines(&mut out, change, &st, lang, plans);
    }
    out.push('\n');
    out.push_str(&summary_line_in(diff, lang));
    out.push('\n');
    out
}

/// `3 changes: 1 added, 1 removed, 1 modified, …; 108 unchanged`, or `no changes`.
pub fn summary_line(diff: &PlanDiff) -> String {
    summary_line_in(diff, Lang::En)
}

/// The summary line in `lang` (`共12处变化：新增1，删除1，修改9…`).
pub fn summary_line_in(diff: &PlanDiff, lang: Lang) -> String {
    let s = &diff.summary;
    if diff.changes.is_empty() {
        return tr!(lang, "diff.summary.none", unchanged = s.unchanged);
    }
    let n = diff.changes.len();
    trn!(
        lang,
        "diff.summary",
        n,
        n = n,
        added = s.added,
        removed = s.removed,
        modified = s.modified,
        moved = s.moved,
        split = s.split,
        merged = s.merged,
        reordered = s.reordered,
        unchanged = s.unchanged
    )
}

/// The name of a kind of change in `lang` (`modified`, `修改`).
pub fn kind_name(lang: Lang, kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Modified => tr!(lang, "diff.kind.modified"),
        ChangeKind::Added => tr!(lang, "diff.kind.added"),
        ChangeKind::Removed => tr!(lang, "diff.kind.removed"),
        ChangeKind::Moved => tr!(lang, "diff.kind.moved"),
        ChangeKind::Split => tr!(lang, "diff.kind.split"),
        ChangeKind::Merged => tr!(lang, "diff.kind.merged"),
        ChangeKind::Reordered => tr!(lang, "diff.kind.reordered"),
    }
}

/// The name of a field in `lang` (`goal`, `工作目标`; `other (备注)`).
pub fn field_name(lang: Lang, f: &FieldChange) -> String {
    match f.field {
        Field::Section => tr!(lang, "field.section").to_owned(),
        Field::MeasureText => tr!(lang, "field.measure.text").to_owned(),
        Field::GoalText => tr!(lang, "field.goal.text").to_owned(),
        Field::GoalQuantities => tr!(lang, "field.goal.quantities").to_owned(),
        Field::Schedule => tr!(lang, "field.schedule").to_owned(),
        Field::Lead => tr!(lang, "field.lead").to_owned(),
        Field::Support => tr!(lang, "field.support").to_owned(),
        Field::Documents => tr!(lang, "field.documents").to_owned(),
        Field::Deadlines => tr!(lang, "field.deadlines").to_owned(),
        Field::Other => tr!(lang, "field.other", column = f.column.as_deref().unwrap_or("")),
    }
}

/// One changed number as the report writes it: `10亿元 → 12亿元 (+20%)`, `+ 5万路`.
pub fn quantity_line(q: &taizhang_model::diff::QuantityChange) -> String {
    describe_quantity(q)
}

/// One changed milestone as the report writes it: `完成项目立项：三季度 → 四季度`.
pub fn milestone_line(m: &taizhang_model::diff::MilestoneChange) -> String {
    describe_milestone(m)
}

/// The item a change names: the new row's, else the old row's.
pub fn item_of<'a>(c: &Change, plans: Option<Plans<'a>>) -> Option<&'a Item> {
    let p = plans?;
    let new = c.new_row.or_else(|| c.new_rows.first().copied());
    let old = c.old_row.or_else(|| c.old_rows.first().copied());
    p.new_item(new).or_else(|| p.old_item(old))
}

/// The rows of a change as the report names them: `（3）措施2 · 第3行 → 第4行 · 公安局 · 建成…`.
pub fn change_name(c: &Change, plans: Option<Plans<'_>>, lang: Lang) -> String {
    let list = |rows: &[usize]| {
        rows.iter().map(usize::to_string).collect::<Vec<_>>().join(tr!(lang, "sep.list"))
    };
    let one = |r: usize| tr!(lang, "row.data", row = r);
    let many = |rows: &[usize]| tr!(lang, "row.rows", rows = list(rows));
    let rows = match (c.kind, c.old_row, c.new_row) {
        (ChangeKind::Split, Some(old), _) => format!("{} → {}", one(old), many(&c.new_rows)),
        (ChangeKind::Merged, _, Some(new)) => format!("{} → {}", many(&c.old_rows), one(new)),
        (_, Some(old), Some(new)) if old != new => {
            tr!(lang, "row.data-moved", old = old, new = new)
        }
        (_, _, Some(r)) | (_, Some(r), None) => one(r),
        (_, None, None) => String::new(),
    };
    let mut parts = Vec::new();
    let item = item_of(c, plans);
    if let Some(item) = item {
        let mut numbers = String::new();
        if let Some(seq) = item.seq {
            numbers.push_str(&tr!(lang, "row.seq", seq = seq));
        }
        if let Some(n) = item.measure.as_ref().and_then(|m| m.number) {
            if !numbers.is_empty() && lang == Lang::En {
                numbers.push(' ');
            }
            numbers.push_str(&tr!(lang, "row.measure", number = n));
        }
        if !numbers.is_empty() {
            parts.push(numbers);
        }
    }
    if !rows.is_empty() {
        parts.push(rows);
    }
    if let Some(item) = item.filter(|i| !i.lead.is_empty()) {
        parts.push(item.lead.join("、"));
    }
    let text = c.label.clone().or_else(|| item.map(|i| name::clip(name::label_text(i), 40)));
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        parts.push(text);
    }
    parts.join(" · ")
}

fn change_lines(out: &mut String, c: &Change, st: &Style, lang: Lang, plans: Option<Plans<'_>>) {
    let sim = c
        .similarity
        .map(|s| {
            let s = tr!(lang, "diff.similarity", value = s);
            if lang == Lang::Zh {
                format!("（{s}）")
            } else {
                format!(" ({s})")
            }
        })
        .unwrap_or_default();
    let (mark, code) = match c.kind {
        ChangeKind::Modified | ChangeKind::Reordered => ("~", "33"),
        ChangeKind::Moved => (">", "35"),
        ChangeKind::Added => ("+", "32"),
        ChangeKind::Removed => ("-", "31"),
        ChangeKind::Split => ("<", "35"),
        ChangeKind::Merged => (">", "35"),
    };
    let sim =
        if matches!(c.kind, ChangeKind::Added | ChangeKind::Removed) { String::new() } else { sim };
    let _ = writeln!(
        out,
        "{} {}{sim}{}{}",
        st.paint(code, mark),
        kind_name(lang, c.kind),
        tr!(lang, "sep.colon"),
        change_name(c, plans, lang)
    );
    if matches!(c.kind, ChangeKind::Added | ChangeKind::Removed) {
        let cells: Vec<&str> = c.cells.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
        let line = cells.join(" | ").replace('\n', " ");
        let paint = if c.kind == ChangeKind::Added { "32" } else { "31" };
        let _ = writeln!(out, "    {}", st.paint(paint, &line));
    }
    for f in &c.fields {
        field_lines(out, f, st, lang);
    }
}

fn highlight(before: &str, after: &str, st: &Style) -> String {
    word_diff(before, after)
        .iter()
        .map(|s| match s {
            Segment::Same(t) => t.clone(),
            Segment::Deleted(t) => st.deleted(t),
            Segment::Inserted(t) => st.inserted(t),
        })
        .collect::<String>()
        .replace('\n', "⏎")
}

fn field_lines(out: &mut String, f: &FieldChange, st: &Style, lang: Lang) {
    let name = field_name(lang, f);
    let colon = tr!(lang, "sep.colon");
    match f.field {
        Field::Section | Field::MeasureText | Field::GoalText | Field::Other => {
            let _ = writeln!(out, "    {name}{colon}{}", highlight(&f.before, &f.after, st));
        }
        Field::GoalQuantities => {
            let parts: Vec<String> = f.quantities.iter().map(describe_quantity).collect();
            let _ = writeln!(out, "    {name}{colon}{}", parts.join("；"));
        }
        Field::Schedule => {
            let _ = writeln!(out, "    {name}{}", colon.trim_end());
            for m in &f.milestones {
                let line = match m.kind {
                    MilestoneChangeKind::Changed if m.quantities.is_empty() => format!(
                        "{}：{}",
                        m.after_label.as_deref().unwrap_or("—"),
                        highlight(
                            m.before.as_deref().unwrap_or(""),
                            m.after.as_deref().unwrap_or(""),
                            st
                        )
                    ),
                    MilestoneChangeKind::Added => st.paint("32", &describe_milestone(m)),
                    MilestoneChangeKind::Removed => st.paint("31", &describe_milestone(m)),
                    _ => describe_milestone(m),
                };
                let _ = writeln!(out, "      {line}");
            }
        }
        Field::Lead | Field::Support | Field::Documents | Field::Deadlines => {
            if f.added.is_empty() && f.removed.is_empty() {
                let _ = writeln!(out, "    {name}{colon}{} → {}", f.before, f.after);
            } else {
                let mut parts = Vec::new();
                if !f.added.is_empty() {
                    parts.push(st.paint("32", &format!("+{}", f.added.join("、"))));
                }
                if !f.removed.is_empty() {
                    parts.push(st.paint("31", &format!("-{}", f.removed.join("、"))));
                }
                let _ = writeln!(out, "    {name}{colon}{}", parts.join(" "));
            }
        }
    }
}
