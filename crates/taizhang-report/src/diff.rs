//! The HTML report of a revision: a summary, then every change in the new plan's reading
//! order, old and new side by side with the changed words marked, numbers with their delta,
//! and the unchanged rows between changes folded.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use taizhang_diff::render::{
    change_name, field_name, kind_name, milestone_line, quantity_line, Plans,
};
use taizhang_diff::words::{word_diff, Segment};
use taizhang_i18n::{name, tr, trn, Lang};
use taizhang_model::diff::{Change, ChangeKind, Field, FieldChange, MilestoneChangeKind, PlanDiff};
use taizhang_model::{Item, Plan};

use crate::html::{esc, page};

/// The report of `diff`, the diff of `old` and `new`.
pub fn html(diff: &PlanDiff, old: &Plan, new: &Plan, lang: Lang) -> String {
    let plans = Plans { old, new };
    let file = |f: &str| f.rsplit(['/', '\\']).next().unwrap_or(f).to_owned();
    let title =
        tr!(lang, "report.diff.title", old = file(&diff.old.file), new = file(&diff.new.file));
    let mut body = String::with_capacity(diff.changes.len() * 4096 + new.items.len() * 256 + 8192);
    let _ = write!(body, "<header class=\"top\"><h1>{}</h1>", esc(&title));
    for (mark, side) in [("---", &diff.old), ("+++", &diff.new)] {
        let _ = write!(
            body,
            "<div class=\"muted\">{}</div>",
            esc(&tr!(lang, "diff.source", mark = mark, file = side.file, rows = side.rows))
        );
    }
    summary(&mut body, diff, lang);
    body.push_str("</header>\n<main>\n");
    let _ = write!(
        body,
        "<p class=\"noprint\"><button type=\"button\" id=\"unfold\" data-other=\"{}\">{}</button></p>",
        esc(tr!(lang, "report.diff.collapse")),
        esc(tr!(lang, "report.diff.expand"))
    );

    // Rows of the new plan that a change shows; the others are unchanged and get folded.
    let mut shown: BTreeSet<usize> = BTreeSet::new();
    for c in &diff.changes {
        shown.extend(c.new_row);
        shown.extend(c.new_rows.iter().copied());
    }
    let mut next = 1; // the next new row not written yet
    let mut section: Option<String> = None;
    for (index, c) in diff.changes.iter().enumerate() {
        let first_new = c.new_row.or_else(|| c.new_rows.iter().min().copied());
        if let Some(first) = first_new {
            fold(&mut body, new, &shown, (next, first), &mut section, lang);
            next = next.max(
                c.new_row.into_iter().chain(c.new_rows.iter().copied()).max().unwrap_or(first) + 1,
            );
        }
        heading(&mut body, &mut section, c.section.as_deref(), lang);
        change(&mut body, index, c, plans, lang);
    }
    let end = new.items.iter().map(|i| i.row).max().unwrap_or(0) + 1;
    fold(&mut body, new, &shown, (next, end), &mut section, lang);
    body.push_str("</main>\n");
    page(lang, &title, DIFF_CSS, &body, DIFF_JS)
}

fn summary(out: &mut String, diff: &PlanDiff, lang: Lang) {
    let s = &diff.summary;
    let _ = write!(
        out,
        "<p class=\"summary\" id=\"summary\">{}</p><div class=\"chips\">",
        esc(&taizhang_diff::render::summary_line_in(diff, lang))
    );
    for (n, kind) in [
        (s.added, ChangeKind::Added),
        (s.removed, ChangeKind::Removed),
        (s.modified, ChangeKind::Modified),
        (s.moved, ChangeKind::Moved),
        (s.split, ChangeKind::Split),
        (s.merged, ChangeKind::Merged),
        (s.reordered, ChangeKind::Reordered),
    ] {
        if n > 0 {
            let _ = write!(
                out,
                "<a class=\"chip k-{}\" href=\"#{}\"><b>{n}</b>{}</a>",
                kind_slug(kind),
                diff.changes
                    .iter()
                    .position(|c| c.kind == kind)
                    .map(|i| format!("c{}", i + 1))
                    .unwrap_or_default(),
                esc(kind_name(lang, kind))
            );
        }
    }
    let _ = write!(
        out,
        "<span class=\"chip\"><b>{}</b>{}</span></div>",
        s.unchanged,
        esc(&trn!(lang, "report.diff.unchanged", s.unchanged, n = "").replace(' ', ""))
    );
}

fn kind_slug(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Modified => "modified",
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Moved => "moved",
        ChangeKind::Split => "split",
        ChangeKind::Merged => "merged",
        ChangeKind::Reordered => "reordered",
    }
}

/// The unchanged new rows from `from` up to (not including) `to`, folded.
/// A section heading when `here` is not the section written last.
fn heading(out: &mut String, section: &mut Option<String>, here: Option<&str>, lang: Lang) {
    let here = here.unwrap_or("");
    if section.as_deref() != Some(here) {
        let title = if here.is_empty() { tr!(lang, "diff.no-section") } else { here };
        let _ = writeln!(out, "<h2 class=\"section\">{}</h2>", esc(title));
        *section = Some(here.to_owned());
    }
}

/// The unchanged new rows from `from` up to (not including) `to`, folded, under the
/// headings of their sections.
fn fold(
    out: &mut String,
    new: &Plan,
    shown: &BTreeSet<usize>,
    (from, to): (usize, usize),
    section: &mut Option<String>,
    lang: Lang,
) {
    if from >= to {
        return;
    }
    let rows: Vec<&Item> = new
        .items
        .iter()
        .filter(|i| i.row >= from && i.row < to && !shown.contains(&i.row))
        .collect();
    for run in rows.chunk_by(|a, b| a.section == b.section) {
        heading(out, section, run.first().and_then(|i| i.section.as_deref()), lang);
        fold_run(out, run, lang);
    }
}

fn fold_run(out: &mut String, rows: &[&Item], lang: Lang) {
    let _ = write!(
        out,
        "<details class=\"same\"><summary>{}</summary><table class=\"ctx\">",
        esc(&trn!(lang, "report.diff.unchanged", rows.len(), n = rows.len()))
    );
    for item in rows {
        let _ = write!(
            out,
            "<tr id=\"n{}\"><td class=\"rn\">{}</td><td>{}</td></tr>",
            item.row,
            esc(&name::numbers(lang, item)),
            esc(&name::clip(name::label_text(item), 60))
        );
    }
    out.push_str("</table></details>\n");
}

/// A link to the new row `row` (its change or its folded line).
fn row_link(row: usize, lang: Lang) -> String {
    format!("<a href=\"#n{row}\">{}</a>", esc(&tr!(lang, "row.data", row = row)))
}

fn change(out: &mut String, index: usize, c: &Change, plans: Plans<'_>, lang: Lang) {
    let slug = kind_slug(c.kind);
    let _ = write!(
        out,
        "<section class=\"change k-{slug}\" id=\"c{}\" data-kind=\"{slug}\">",
        index + 1
    );
    // Anchors for every new row the change shows, so that links to rows land here.
    for r in c.new_row.into_iter().chain(c.new_rows.iter().copied()) {
        let _ = write!(out, "<span id=\"n{r}\"></span>");
    }
    for r in c.old_row.into_iter().chain(c.old_rows.iter().copied()) {
        let _ = write!(out, "<span id=\"o{r}\"></span>");
    }
    let sim = c
        .similarity
        .map(|s| {
            format!(
                " <span class=\"muted\">{}</span>",
                esc(&tr!(lang, "diff.similarity", value = s))
            )
        })
        .unwrap_or_default();
    let _ = write!(
        out,
        "<h3><span class=\"kind\">{}</span> {}{sim}</h3>",
        esc(kind_name(lang, c.kind)),
        esc(&change_name(c, Some(plans), lang))
    );
    // Moves, splits and merges: which rows, linked.
    let list = |rows: &[usize]| {
        rows.iter()
            .map(|r| row_link(*r, lang))
            .collect::<Vec<_>>()
            .join(esc(tr!(lang, "sep.list")).as_str())
    };
    if let (ChangeKind::Moved, Some(o), Some(n)) = (c.kind, c.old_row, c.new_row) {
        // The old row number links to the row that stands there now.
        let old = format!("<a href=\"#n{o}\">{o}</a>");
        let _ = write!(
            out,
            "<p class=\"link\">↪ {}</p>",
            tr_html(lang, "report.diff.moved", &[("old", old), ("new", n.to_string())])
        );
    }
    match (c.kind, c.old_row, c.new_row) {
        (ChangeKind::Split, Some(o), _) => {
            let _ = write!(
                out,
                "<p class=\"link\">⑂ {}</p>",
                tr_html(
                    lang,
                    "report.diff.split",
                    &[("old", o.to_string()), ("rows", list(&c.new_rows))]
                )
            );
        }
        (ChangeKind::Merged, _, Some(n)) => {
            let rows = c
                .old_rows
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(tr!(lang, "sep.list"));
            let _ = write!(
                out,
                "<p class=\"link\">⑃ {}</p>",
                tr_html(
                    lang,
                    "report.diff.merged",
                    &[("rows", esc(&rows)), ("new", row_link(n, lang))]
                )
            );
        }
        _ => {}
    }
    let old_item = plans.old_item(c.old_row.or_else(|| c.old_rows.first().copied()));
    let new_item = plans.new_item(c.new_row.or_else(|| c.new_rows.first().copied()));
    let _ = write!(
        out,
        "<table class=\"sbs\"><colgroup><col class=\"f\"><col class=\"o\"><col class=\"n\"></colgroup>\
<thead><tr><th></th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(tr!(lang, "report.diff.old")),
        esc(tr!(lang, "report.diff.new"))
    );
    match c.kind {
        ChangeKind::Added | ChangeKind::Removed => {
            let cells: Vec<&str> =
                c.cells.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
            let text = esc(&cells.join("\n")).replace('\n', "<br>");
            let (o, n) = if c.kind == ChangeKind::Added {
                (String::new(), format!("<ins>{text}</ins>"))
            } else {
                (format!("<del>{text}</del>"), String::new())
            };
            let _ = write!(
                out,
                "<tr><th>{}</th><td>{o}</td><td>{n}</td></tr>",
                esc(tr!(lang, "report.diff.cells"))
            );
        }
        _ => {
            for f in &c.fields {
                field(out, f, lang);
            }
            if c.fields.is_empty() {
                // A move with nothing else changed: the row's goal, once per side.
                let text =
                    |i: Option<&Item>| i.map(|i| esc(i.goal.text.trim())).unwrap_or_default();
                let _ = write!(
                    out,
                    "<tr><th>{}</th><td>{}</td><td>{}</td></tr>",
                    esc(tr!(lang, "field.goal.text")),
                    text(old_item),
                    text(new_item)
                );
            }
        }
    }
    out.push_str("</tbody></table></section>\n");
}

/// A message with some placeholders already HTML (links); the others are escaped here.
fn tr_html(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let mut text = esc(lang.text(key));
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The two sides of a text with the words only in the old one in `<del>`, the words only in
/// the new one in `<ins>`.
fn sides(before: &str, after: &str) -> (String, String) {
    let mut old = String::new();
    let mut new = String::new();
    for s in word_diff(before, after) {
        match s {
            Segment::Same(t) => {
                old.push_str(&esc(&t));
                new.push_str(&esc(&t));
            }
            Segment::Deleted(t) => {
                let _ = write!(old, "<del>{}</del>", esc(&t));
            }
            Segment::Inserted(t) => {
                let _ = write!(new, "<ins>{}</ins>", esc(&t));
            }
        }
    }
    (old.replace('\n', "<br>"), new.replace('\n', "<br>"))
}

fn field(out: &mut String, f: &FieldChange, lang: Lang) {
    let name = esc(&field_name(lang, f));
    match f.field {
        Field::Lead | Field::Support | Field::Documents | Field::Deadlines
            if !(f.added.is_empty() && f.removed.is_empty()) =>
        {
            let mut old = esc(&f.before);
            let mut new = esc(&f.after);
            for r in &f.removed {
                old = old.replacen(&esc(r), &format!("<del>{}</del>", esc(r)), 1);
            }
            for a in &f.added {
                new = new.replacen(&esc(a), &format!("<ins>{}</ins>", esc(a)), 1);
            }
            let _ = write!(out, "<tr><th>{name}</th><td>{old}</td><td>{new}</td></tr>");
        }
        Field::GoalQuantities => {
            let lines: Vec<String> = f.quantities.iter().map(delta).collect();
            let (old, new) = sides(&f.before, &f.after);
            let _ = write!(
                out,
                "<tr><th>{name}</th><td>{old}</td><td>{new}</td></tr><tr class=\"delta\"><th>{}</th><td colspan=\"2\">{}</td></tr>",
                esc(tr!(lang, "report.diff.quantities")),
                lines.join("；")
            );
        }
        Field::Schedule if !f.milestones.is_empty() => {
            let (old, new) = sides(&f.before, &f.after);
            let _ = write!(out, "<tr><th>{name}</th><td>{old}</td><td>{new}</td></tr>");
            let lines: Vec<String> = f
                .milestones
                .iter()
                .map(|m| {
                    let q: Vec<String> = m.quantities.iter().map(delta).collect();
                    let kind = match m.kind {
                        MilestoneChangeKind::Added => "m-added",
                        MilestoneChangeKind::Removed => "m-removed",
                        MilestoneChangeKind::Moved => "m-moved",
                        MilestoneChangeKind::Changed => "m-changed",
                    };
                    if q.is_empty() {
                        format!("<span class=\"{kind}\">{}</span>", esc(&milestone_line(m)))
                    } else {
                        format!(
                            "<span class=\"{kind}\">{}{}</span>",
                            esc(&format!(
                                "{}：",
                                m.after_label
                                    .as_deref()
                                    .or(m.before_label.as_deref())
                                    .unwrap_or("—")
                            )),
                            q.join("；")
                        )
                    }
                })
                .collect();
            let _ = write!(
                out,
                "<tr class=\"delta\"><th></th><td colspan=\"2\">{}</td></tr>",
                lines.join("<br>")
            );
        }
        _ => {
            let (old, new) = sides(&f.before, &f.after);
            let _ = write!(out, "<tr><th>{name}</th><td>{old}</td><td>{new}</td></tr>");
        }
    }
}

/// One changed number: `10亿元 → 12亿元`, with its signed percentage marked up or down.
fn delta(q: &taizhang_model::diff::QuantityChange) -> String {
    let class = match q.relative {
        Some(r) if r > 0.0 => "up",
        Some(r) if r < 0.0 => "down",
        _ => "flat",
    };
    format!("<span class=\"q {class}\">{}</span>", esc(&quantity_line(q)))
}

const DIFF_CSS: &str = r##"
.summary{font-size:15px;margin:8px 0 0}
a.chip{color:inherit}
.k-added .kind,.chip.k-added{background:var(--add);color:var(--add-fg)}
.k-removed .kind,.chip.k-removed{background:var(--del);color:var(--del-fg)}
.k-modified .kind,.chip.k-modified,.k-reordered .kind,.chip.k-reordered{background:var(--mod)}
.k-moved .kind,.chip.k-moved,.k-split .kind,.chip.k-split,.k-merged .kind,.chip.k-merged{background:var(--move)}
h2.section{font-size:16px}
.change{border:1px solid var(--line);border-radius:6px;margin:10px 0;padding:6px 10px;break-inside:avoid}
.change:target{outline:2px solid var(--accent)}
.change h3{font-size:14px;margin:2px 0 6px;font-weight:600}
.kind{display:inline-block;padding:0 8px;border-radius:10px;margin-right:6px}
.link{margin:2px 0 6px}
table.sbs{width:100%;table-layout:fixed}
table.sbs col.f{width:8em}
table.sbs td{word-break:break-word}
del{background:var(--del);color:var(--del-fg);text-decoration:line-through}
ins{background:var(--add);color:var(--add-fg);text-decoration:none}
tr.delta td{font-size:13px}
.q.up{color:#1b6b1b}.q.down{color:#a61b1b}
.m-added{color:var(--add-fg)}.m-removed{color:var(--del-fg)}
details.same{margin:6px 0;color:var(--muted)}
details.same summary{cursor:pointer}
table.ctx{width:100%;font-size:13px}
table.ctx td.rn{white-space:nowrap;width:16em}
@media print{details.same{display:none}}
"##;

const DIFF_JS: &str = r##"
(function(){var b=document.getElementById("unfold");var open=false;
b.addEventListener("click",function(){open=!open;document.querySelectorAll("details.same").forEach(function(d){d.open=open;});
var t=b.textContent;b.textContent=b.dataset.other;b.dataset.other=t;});
function reveal(){var id=location.hash.slice(1);if(!id)return;var el=document.getElementById(id);if(!el)return;var d=el.closest("details");if(d)d.open=true;el.scrollIntoView();}
window.addEventListener("hashchange",reveal);reveal();})();
"##;
