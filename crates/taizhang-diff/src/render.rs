//! The readable report: changes grouped by section, text changes highlighted word by word,
//! and a summary line.
//!
//! Without colors, deleted words are written `[-…-]` and inserted words `{+…+}` (as
//! `git diff --word-diff=plain` does); with colors, they are red and green instead.

use std::fmt::Write as _;

use taizhang_model::diff::{Change, ChangeKind, Field, FieldChange, MilestoneChangeKind, PlanDiff};

use crate::compare::{describe_milestone, describe_quantity};
use crate::words::{word_diff, Segment};

/// How to write the report.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Use ANSI colors. By default, this is disabled.
    pub color: bool,
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

/// Renders a diff as the text report `taizhang diff` prints by default.
pub fn render_text(diff: &PlanDiff, options: &RenderOptions) -> String {
    let st = Style { color: options.color };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        st.paint("1", &format!("--- {} ({} rows)", diff.old.file, diff.old.rows))
    );
    let _ = writeln!(
        out,
        "{}",
        st.paint("1", &format!("+++ {} ({} rows)", diff.new.file, diff.new.rows))
    );
    let mut section: Option<&str> = None;
    for change in &diff.changes {
        let here = change.section.as_deref().unwrap_or("");
        if section != Some(here) {
            out.push('\n');
            let title = if here.is_empty() { "(no section)" } else { here };
            let _ = writeln!(out, "{}", st.paint("1;36", &format!("== {title}")));
            section = Some(here);
        }
        change_lines(&mut out, change, &st);
    }
    out.push('\n');
    out.push_str(&summary_line(diff));
    out.push('\n');
    out
}

/// `3 changes: 1 added, 1 removed, 1 modified, …; 108 unchanged`, or `no changes`.
pub fn summary_line(diff: &PlanDiff) -> String {
    let s = &diff.summary;
    if diff.changes.is_empty() {
        return format!("no changes; {} unchanged", s.unchanged);
    }
    let n = diff.changes.len();
    format!(
        "{n} change{}: {} added, {} removed, {} modified, {} moved, {} split, {} merged, {} reordered; {} unchanged",
        if n == 1 { "" } else { "s" },
        s.added,
        s.removed,
        s.modified,
        s.moved,
        s.split,
        s.merged,
        s.reordered,
        s.unchanged
    )
}

fn rows(list: &[usize]) -> String {
    list.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
}

fn change_lines(out: &mut String, c: &Change, st: &Style) {
    let opt = |r: Option<usize>| r.map(|r| r.to_string()).unwrap_or_else(|| "—".into());
    let sim = c.similarity.map(|s| format!(" (similarity {s})")).unwrap_or_default();
    let (mark, code, head) = match c.kind {
        ChangeKind::Modified => {
            ("~", "33", format!("row {} → {} modified{sim}", opt(c.old_row), opt(c.new_row)))
        }
        ChangeKind::Reordered => {
            ("=", "33", format!("row {} → {} reordered{sim}", opt(c.old_row), opt(c.new_row)))
        }
        ChangeKind::Moved => {
            (">", "35", format!("row {} → {} moved{sim}", opt(c.old_row), opt(c.new_row)))
        }
        ChangeKind::Added => ("+", "32", format!("row {} added", opt(c.new_row))),
        ChangeKind::Removed => ("-", "31", format!("row {} removed", opt(c.old_row))),
        ChangeKind::Split => {
            ("<", "35", format!("row {} → rows {} split{sim}", opt(c.old_row), rows(&c.new_rows)))
        }
        ChangeKind::Merged => {
            (">", "35", format!("rows {} → row {} merged{sim}", rows(&c.old_rows), opt(c.new_row)))
        }
    };
    let label = c.label.as_deref().map(|l| format!(": {l}")).unwrap_or_default();
    let _ = writeln!(out, "{} {head}{label}", st.paint(code, mark));
    if matches!(c.kind, ChangeKind::Added | ChangeKind::Removed) {
        let cells: Vec<&str> = c.cells.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
        let line = cells.join(" | ").replace('\n', " ");
        let paint = if c.kind == ChangeKind::Added { "32" } else { "31" };
        let _ = writeln!(out, "    {}", st.paint(paint, &line));
    }
    for f in &c.fields {
        field_lines(out, f, st);
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

fn field_lines(out: &mut String, f: &FieldChange, st: &Style) {
    let name = match (&f.field, &f.column) {
        (Field::Other, Some(col)) => format!("other ({col})"),
        (field, _) => field.as_str().to_string(),
    };
    match f.field {
        Field::Section | Field::MeasureText | Field::GoalText | Field::Other => {
            let _ = writeln!(out, "    {name}: {}", highlight(&f.before, &f.after, st));
        }
        Field::GoalQuantities => {
            let parts: Vec<String> = f.quantities.iter().map(describe_quantity).collect();
            let _ = writeln!(out, "    {name}: {}", parts.join("；"));
        }
        Field::Schedule => {
            let _ = writeln!(out, "    {name}:");
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
                let _ = writeln!(out, "    {name}: {} → {}", f.before, f.after);
            } else {
                let mut parts = Vec::new();
                if !f.added.is_empty() {
                    parts.push(st.paint("32", &format!("+{}", f.added.join("、"))));
                }
                if !f.removed.is_empty() {
                    parts.push(st.paint("31", &format!("-{}", f.removed.join("、"))));
                }
                let _ = writeln!(out, "    {name}: {}", parts.join(" "));
            }
        }
    }
}
