//! The HTML report of one plan: overview, timeline, workload per unit, targets.
//!
//! Everything is written into the page as HTML (the item rows, the bars, the charts), so it
//! reads and prints without its script; the script adds the filters (section, unit, quarter,
//! search), grouping by lead unit, sorting the workload chart and the detail panel. The
//! filters live in the address's fragment (`#unit=交通运输局&q=4`), so a filtered view can be
//! bookmarked or sent on.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use taizhang_check::report::severity;
use taizhang_i18n::{name, tr, Lang};
use taizhang_model::check::{CheckReport, Finding, QuantitySource};
use taizhang_model::plan::Quantity;
use taizhang_model::{Cmp, Item, Milestone, Plan};

use crate::html::{esc, page};

/// The report of `plan`, with the findings of `check` (from `taizhang_check::check_in`).
pub fn html(plan: &Plan, check: &CheckReport, lang: Lang) -> String {
    let file = file_name(&plan.source.file);
    let title = match plan.year {
        Some(year) => tr!(lang, "report.title", year = year, file = file),
        None => tr!(lang, "report.title.no-year", file = file),
    };
    let by_row = findings_by_row(check);
    let mut body = String::with_capacity(plan.items.len() * 2048 + 16384);
    header(&mut body, plan, check, lang, &title);
    body.push_str("<main>\n");
    controls(&mut body, plan, lang);
    timeline(&mut body, plan, &by_row, lang);
    workload(&mut body, plan, lang);
    targets(&mut body, plan, &by_row, lang);
    let _ = write!(
        body,
        "<footer class=\"muted\">{}</footer>\n</main>\n\
<aside id=\"detail\" class=\"noprint\" hidden><button type=\"button\" id=\"detail-close\">{}</button><div id=\"detail-body\"></div></aside>\n",
        esc(&tr!(lang, "report.generated", version = env!("CARGO_PKG_VERSION"), file = plan.source.file)),
        esc(tr!(lang, "report.close"))
    );
    page(lang, &title, PLAN_CSS, &body, PLAN_JS)
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn findings_by_row(check: &CheckReport) -> BTreeMap<usize, Vec<&Finding>> {
    let mut map: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
    for f in &check.findings {
        if let Some(row) = f.row {
            map.entry(row).or_default().push(f);
        }
    }
    map
}

/// Every quantity of an item with where it stands: goal, measure (on the row that carries
/// the measure's text), or the index of its milestone.
fn quantities(item: &Item) -> Vec<(QuantitySource, Option<usize>, &Quantity)> {
    let mut out: Vec<_> =
        item.goal.quantities.iter().map(|q| (QuantitySource::Goal, None, q)).collect();
    if let Some(m) = item.measure.as_ref().filter(|m| !m.inherited) {
        out.extend(m.quantities.iter().map(|q| (QuantitySource::Measure, None, q)));
    }
    for (i, m) in item.schedule.iter().enumerate() {
        out.extend(m.quantities.iter().map(|q| (QuantitySource::Milestone, Some(i), q)));
    }
    out
}

fn header(out: &mut String, plan: &Plan, check: &CheckReport, lang: Lang, title: &str) {
    let sections: BTreeSet<&str> = plan.items.iter().filter_map(|i| i.section.as_deref()).collect();
    let measures = plan
        .items
        .iter()
        .filter(|i| i.measure.as_ref().is_some_and(|m| !m.inherited && m.number.is_some()))
        .count();
    let milestones: usize = plan.items.iter().map(|i| i.schedule.len()).sum();
    let quantity_count: usize = plan.items.iter().map(|i| quantities(i).len()).sum();
    let _ = write!(out, "<header class=\"top\"><h1>{}</h1>", esc(title));
    let mut meta = Vec::new();
    if let Some(year) = plan.year {
        meta.push(tr!(lang, "report.year", year = year));
    }
    let sha: String = plan.source.sha256.chars().take(12).collect();
    meta.push(tr!(
        lang,
        "report.source",
        file = plan.source.file,
        format = format!("{:?}", plan.source.format).to_lowercase(),
        sha = sha
    ));
    let _ = write!(out, "<div class=\"muted\">{}</div>", esc(&meta.join(" · ")));
    let _ = write!(
        out,
        "<h2 id=\"overview\">{}</h2><div class=\"chips\" id=\"counts\">",
        esc(tr!(lang, "report.overview"))
    );
    for (n, key) in [
        (sections.len(), tr!(lang, "report.count.sections")),
        (measures, tr!(lang, "report.count.measures")),
        (plan.items.len(), tr!(lang, "report.count.items")),
        (milestones, tr!(lang, "report.count.milestones")),
        (quantity_count, tr!(lang, "report.count.quantities")),
    ] {
        let _ = write!(out, "<span class=\"chip\"><b>{n}</b>{}</span>", esc(key));
    }
    out.push_str("</div>");
    let s = check.summary;
    let _ = write!(
        out,
        "<h2 id=\"findings\">{}</h2><div class=\"chips\">",
        esc(tr!(lang, "report.findings"))
    );
    for (n, sev) in [
        (s.errors, taizhang_model::check::Severity::Error),
        (s.warnings, taizhang_model::check::Severity::Warning),
        (s.infos, taizhang_model::check::Severity::Info),
    ] {
        let _ = write!(
            out,
            "<span class=\"chip sev-{}\"><b>{n}</b>{}</span>",
            sev.as_str(),
            esc(severity(lang, sev))
        );
    }
    out.push_str("</div>");
    if check.findings.is_empty() {
        let _ = write!(out, "<p class=\"muted\">{}</p>", esc(tr!(lang, "report.no-findings")));
    } else {
        let open = if check.findings.len() <= 8 { " open" } else { "" };
        let _ = write!(
            out,
            "<details class=\"findings\"{open}><summary>{}</summary><ul>",
            esc(&taizhang_check::report::summary(check, lang))
        );
        for f in &check.findings {
            let item = f.row.and_then(|r| plan.items.iter().find(|i| i.row == r));
            let place = match item {
                Some(i) => format!("<a href=\"#{}\">{}</a>", esc(&i.id), esc(&name::item(lang, i))),
                None => esc(tr!(lang, "row.plan")),
            };
            let _ = write!(
                out,
                "<li><span class=\"sev sev-{}\">{}</span> {place}{}<span class=\"code\">{}</span> {}</li>",
                f.severity.as_str(),
                esc(severity(lang, f.severity)),
                esc(tr!(lang, "sep.colon")),
                esc(&f.code),
                esc(&f.message)
            );
        }
        out.push_str("</ul></details>");
    }
    out.push_str("</header>\n");
}

fn units(plan: &Plan) -> BTreeMap<&str, (usize, usize)> {
    let mut map: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for item in &plan.items {
        let lead: BTreeSet<&str> =
            item.lead.iter().map(|u| u.trim()).filter(|u| !u.is_empty()).collect();
        let support: BTreeSet<&str> =
            item.support.iter().map(|u| u.trim()).filter(|u| !u.is_empty()).collect();
        for u in lead {
            map.entry(u).or_default().0 += 1;
        }
        for u in support {
            map.entry(u).or_default().1 += 1;
        }
    }
    map
}

fn controls(out: &mut String, plan: &Plan, lang: Lang) {
    let all = esc(tr!(lang, "report.filter.all"));
    let _ = write!(out, "<h2 id=\"timeline-title\">{}</h2>", esc(tr!(lang, "report.timeline")));
    let _ = write!(
        out,
        "<form id=\"filters\" class=\"filters noprint\" autocomplete=\"off\" \
data-shown=\"{}\" data-nolead=\"{}\">",
        esc(tr!(lang, "report.shown")),
        esc(tr!(lang, "report.no-lead"))
    );
    let _ = write!(
        out,
        "<input type=\"search\" id=\"f-search\" placeholder=\"{}\" aria-label=\"{}\">",
        esc(tr!(lang, "report.filter.search")),
        esc(tr!(lang, "report.filter.search"))
    );
    let mut sections: Vec<&str> = Vec::new();
    for s in plan.items.iter().filter_map(|i| i.section.as_deref()) {
        if !sections.contains(&s) {
            sections.push(s);
        }
    }
    let _ = write!(
        out,
        "<label>{} <select id=\"f-section\"><option value=\"\">{all}</option>",
        esc(tr!(lang, "report.filter.section"))
    );
    for s in sections {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", esc(s));
    }
    out.push_str("</select></label>");
    let _ = write!(
        out,
        "<label>{} <select id=\"f-unit\"><option value=\"\">{all}</option>",
        esc(tr!(lang, "report.filter.unit"))
    );
    for u in units(plan).keys() {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", esc(u));
    }
    out.push_str("</select></label>");
    let _ = write!(
        out,
        "<label>{} <select id=\"f-q\"><option value=\"\">{all}</option>",
        esc(tr!(lang, "report.filter.quarter"))
    );
    for (q, key) in quarter_names(lang).iter().enumerate() {
        let _ = write!(out, "<option value=\"{}\">{}</option>", q + 1, esc(key));
    }
    out.push_str("</select></label>");
    let _ = write!(
        out,
        "<label>{} <select id=\"f-group\"><option value=\"section\">{}</option><option value=\"lead\">{}</option></select></label>\
<button type=\"button\" id=\"f-reset\">{}</button> <span id=\"shown\" class=\"muted\">{}</span></form>\
<p class=\"muted noprint hint\">{}</p>",
        esc(tr!(lang, "report.filter.group")),
        esc(tr!(lang, "report.group.section")),
        esc(tr!(lang, "report.group.lead")),
        esc(tr!(lang, "report.filter.reset")),
        esc(&tr!(lang, "report.shown", shown = plan.items.len(), total = plan.items.len())),
        esc(tr!(lang, "report.hint"))
    );
}

fn quarter_names(lang: Lang) -> [&'static str; 4] {
    [tr!(lang, "report.q1"), tr!(lang, "report.q2"), tr!(lang, "report.q3"), tr!(lang, "report.q4")]
}

fn month_name(lang: Lang, m: u32) -> &'static str {
    match m {
        1 => tr!(lang, "report.month.1"),
        2 => tr!(lang, "report.month.2"),
        3 => tr!(lang, "report.month.3"),
        4 => tr!(lang, "report.month.4"),
        5 => tr!(lang, "report.month.5"),
        6 => tr!(lang, "report.month.6"),
        7 => tr!(lang, "report.month.7"),
        8 => tr!(lang, "report.month.8"),
        9 => tr!(lang, "report.month.9"),
        10 => tr!(lang, "report.month.10"),
        11 => tr!(lang, "report.month.11"),
        _ => tr!(lang, "report.month.12"),
    }
}

/// The month of an ISO date (`2020-04-30` → 4).
fn month_of(date: &str) -> Option<u32> {
    let m: u32 = date.get(5..7)?.parse().ok()?;
    (1..=12).contains(&m).then_some(m)
}

fn timeline(out: &mut String, plan: &Plan, by_row: &BTreeMap<usize, Vec<&Finding>>, lang: Lang) {
    out.push_str("<div id=\"timeline\" class=\"timeline\"><div class=\"tl-head\"><div class=\"name\"></div><div class=\"track\">");
    for (q, key) in quarter_names(lang).iter().enumerate() {
        let _ = write!(
            out,
            "<div class=\"qh\" style=\"grid-column:{}/{}\">{}</div>",
            q * 3 + 1,
            q * 3 + 4,
            esc(key)
        );
    }
    for m in 1..=12u32 {
        let _ = write!(
            out,
            "<div class=\"mh\" style=\"grid-column:{m}/{}\">{}</div>",
            m + 1,
            esc(month_name(lang, m))
        );
    }
    out.push_str("</div></div>\n<div id=\"tl-body\">\n");
    let no_section = tr!(lang, "diff.no-section");
    let mut current: Option<Option<&str>> = None;
    for (index, item) in plan.items.iter().enumerate() {
        let section = item.section.as_deref();
        if current != Some(section) {
            let count = plan.items.iter().filter(|i| i.section.as_deref() == section).count();
            let _ = writeln!(
                out,
                "<div class=\"group\"><span>{}</span> <span class=\"muted\">{count}</span></div>",
                esc(section.unwrap_or(no_section))
            );
            current = Some(section);
        }
        item_row(
            out,
            index,
            item,
            by_row.get(&item.row).map(Vec::as_slice).unwrap_or_default(),
            lang,
        );
    }
    out.push_str("</div></div>\n");
}

fn unit_list(units: &[String]) -> String {
    let mut s = String::from("|");
    for u in units.iter().map(|u| u.trim()).filter(|u| !u.is_empty()) {
        s.push_str(u);
        s.push('|');
    }
    s
}

fn item_row(out: &mut String, index: usize, item: &Item, findings: &[&Finding], lang: Lang) {
    let mut quarters = String::new();
    for q in 1..=4u8 {
        if item
            .schedule
            .iter()
            .any(|m| matches!((m.start, m.end), (Some(s), Some(e)) if s <= q && q <= e))
        {
            quarters.push(char::from(b'0' + q));
        }
    }
    let worst = findings.iter().map(|f| f.severity).min();
    let _ = write!(
        out,
        "<div class=\"item\" id=\"{}\" data-i=\"{index}\" data-row=\"{}\" data-section=\"{}\" data-lead=\"{}\" data-units=\"{}{}\" data-q=\"{quarters}\"{}>",
        esc(&item.id),
        item.row,
        esc(item.section.as_deref().unwrap_or("")),
        esc(&unit_list(&item.lead)),
        esc(&unit_list(&item.lead)),
        esc(unit_list(&item.support).trim_start_matches('|')),
        worst.map(|s| format!(" data-sev=\"{}\"", s.as_str())).unwrap_or_default()
    );
    // The name: （N） 措施N · 第N行, the lead unit, the start of the measure text.
    let _ = write!(
        out,
        "<div class=\"name\" tabindex=\"0\"><div class=\"nums\">{}",
        esc(&name::numbers(lang, item))
    );
    if let Some(s) = worst {
        let _ = write!(
            out,
            " <span class=\"sev sev-{0}\" title=\"{1}\">●</span>",
            s.as_str(),
            esc(severity(lang, s))
        );
    }
    let lead = if item.lead.is_empty() {
        tr!(lang, "report.no-lead").to_owned()
    } else {
        item.lead.join("、")
    };
    let _ = write!(
        out,
        " <span class=\"lead\">{}</span></div><div class=\"txt\">{}</div></div>",
        esc(&lead),
        esc(&name::clip(name::label_text(item), 60))
    );
    out.push_str("<div class=\"track\">");
    for m in &item.schedule {
        bar(out, m, lang);
    }
    for d in &item.deadlines {
        if let Some(month) = d.date.as_deref().and_then(month_of) {
            let _ = write!(
                out,
                "<span class=\"dl\" style=\"grid-column:{month}/{}\" title=\"{}\">◆ {}</span>",
                month + 1,
                esc(&format!(
                    "{} ({})",
                    tr!(lang, "report.deadline", text = d.text),
                    d.date.as_deref().unwrap_or("")
                )),
                esc(&d.text)
            );
        }
    }
    out.push_str("</div>");
    // The whole row for the detail panel and the search.
    out.push_str("<div class=\"full\" hidden><dl>");
    let mut field = |key: &str, value: &str| {
        if !value.trim().is_empty() {
            let _ =
                write!(out, "<dt>{}</dt><dd>{}</dd>", esc(key), esc(value).replace('\n', "<br>"));
        }
    };
    field(tr!(lang, "field.section"), item.section.as_deref().unwrap_or(""));
    field(tr!(lang, "field.measure.text"), item.measure.as_ref().map_or("", |m| m.text.as_str()));
    field(tr!(lang, "field.goal.text"), &item.goal.text);
    let schedule: Vec<String> = item
        .schedule
        .iter()
        .map(|m| {
            let mut s = String::new();
            if let Some(t) = &m.topic {
                s.push_str(t);
                s.push_str(" / ");
            }
            if let Some(l) = &m.label {
                s.push_str(l);
                s.push_str(tr!(lang, "sep.colon"));
            }
            s.push_str(&m.text);
            s
        })
        .collect();
    field(tr!(lang, "field.schedule"), &schedule.join("\n"));
    field(tr!(lang, "field.lead"), &item.lead.join("、"));
    field(tr!(lang, "field.support"), &item.support.join("、"));
    let messages: Vec<String> = findings
        .iter()
        .map(|f| format!("{} [{}] {}", severity(lang, f.severity), f.code, f.message))
        .collect();
    field(tr!(lang, "report.findings"), &messages.join("\n"));
    out.push_str("</dl></div></div>\n");
}

/// One milestone as a bar over its quarters: its label, then its text with the quantities
/// marked (the quantities alone when the text is long); the whole text on hover.
fn bar(out: &mut String, m: &Milestone, lang: Lang) {
    let (from, to, placed) = match (m.start, m.end) {
        (Some(s), Some(e)) if (1..=4).contains(&s) && s <= e && e <= 4 => (s, e, true),
        _ => (1, 4, false),
    };
    let col = format!("{}/{}", usize::from(from - 1) * 3 + 1, usize::from(to) * 3 + 1);
    let mut whole = String::new();
    if let Some(t) = &m.topic {
        whole.push_str(t);
        whole.push_str(" / ");
    }
    if let Some(l) = &m.label {
        whole.push_str(l);
        whole.push_str(tr!(lang, "sep.colon"));
    }
    whole.push_str(&m.text);
    let class = match (placed, m.quantities.is_empty()) {
        (false, _) => "bar nq",
        (true, true) => "bar",
        (true, false) => "bar has-q",
    };
    let _ = write!(
        out,
        "<div class=\"{class}\" style=\"grid-column:{col}\" data-from=\"{from}\" data-to=\"{to}\" title=\"{}\">",
        esc(&whole)
    );
    let label = match (&m.topic, &m.label) {
        (Some(t), Some(l)) => format!("{t} · {l}"),
        (Some(t), None) => t.clone(),
        (None, Some(l)) => l.clone(),
        (None, None) => tr!(lang, "report.no-quarter").to_owned(),
    };
    let _ = write!(out, "<span class=\"lbl\">{}</span> ", esc(&label));
    let text = m.text.trim();
    if text.chars().count() <= 40 || m.quantities.is_empty() {
        out.push_str(&marked(&name::clip(text, 60), &m.quantities));
    } else {
        let qs: Vec<String> =
            m.quantities.iter().map(|q| format!("<b class=\"q\">{}</b>", esc(&q.text))).collect();
        out.push_str(&qs.join("；"));
    }
    out.push_str("</div>");
}

/// `text` escaped, with each quantity's text in `<b class="q">`.
fn marked(text: &str, quantities: &[Quantity]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<(usize, usize)> = quantities
        .iter()
        .filter(|q| q.start < q.end && q.end <= chars.len())
        .filter(|q| {
            chars.get(q.start..q.end).is_some_and(|s| s.iter().collect::<String>() == q.text)
        })
        .map(|q| (q.start, q.end))
        .collect();
    spans.sort_unstable();
    let mut out = String::new();
    let mut at = 0;
    for (s, e) in spans {
        if s < at {
            continue;
        }
        out.push_str(&esc(&chars[at..s].iter().collect::<String>()));
        let _ = write!(out, "<b class=\"q\">{}</b>", esc(&chars[s..e].iter().collect::<String>()));
        at = e;
    }
    out.push_str(&esc(&chars[at.min(chars.len())..].iter().collect::<String>()));
    out
}

fn workload(out: &mut String, plan: &Plan, lang: Lang) {
    let units = units(plan);
    let max = units.values().map(|(l, s)| l + s).max().unwrap_or(1).max(1);
    let _ = write!(
        out,
        "<h2 id=\"workload\">{}</h2><div class=\"wl-controls noprint\"><button type=\"button\" data-sort=\"led\">{}</button> \
<button type=\"button\" data-sort=\"supported\">{}</button> <button type=\"button\" data-sort=\"name\">{}</button> \
<span class=\"legend\"><i class=\"k-led\"></i>{} <i class=\"k-sup\"></i>{}</span></div><div id=\"wl\" class=\"wl\">",
        esc(tr!(lang, "report.workload")),
        esc(tr!(lang, "report.sort.led")),
        esc(tr!(lang, "report.sort.supported")),
        esc(tr!(lang, "report.sort.name")),
        esc(tr!(lang, "report.led")),
        esc(tr!(lang, "report.supported"))
    );
    let mut sorted: Vec<(&str, (usize, usize))> = units.into_iter().collect();
    sorted.sort_by(|a, b| (b.1).0.cmp(&(a.1).0).then((b.1).1.cmp(&(a.1).1)).then(a.0.cmp(b.0)));
    for (unit, (led, sup)) in sorted {
        // Widths in per cent of the largest total: an SVG of two rectangles side by side.
        let wl = led as f64 * 100.0 / max as f64;
        let ws = sup as f64 * 100.0 / max as f64;
        let _ = write!(
            out,
            "<div class=\"wl-row\" data-unit=\"{0}\" data-led=\"{led}\" data-sup=\"{sup}\" tabindex=\"0\" title=\"{0}: {1} {led} · {2} {sup}\">\
<span class=\"wl-name\">{0}</span><svg class=\"wl-bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\
<rect class=\"r-led\" x=\"0\" y=\"0\" width=\"{wl:.2}\" height=\"10\"/><rect class=\"r-sup\" x=\"{wl:.2}\" y=\"0\" width=\"{ws:.2}\" height=\"10\"/></svg>\
<span class=\"wl-n\">{led} / {sup}</span></div>",
            esc(unit),
            esc(tr!(lang, "report.led")),
            esc(tr!(lang, "report.supported"))
        );
    }
    out.push_str("</div>\n");
}

fn cmp_name(lang: Lang, cmp: Cmp) -> &'static str {
    match cmp {
        Cmp::Eq => tr!(lang, "report.cmp.eq"),
        Cmp::Ge => tr!(lang, "report.cmp.ge"),
        Cmp::Le => tr!(lang, "report.cmp.le"),
        Cmp::Approx => tr!(lang, "report.cmp.approx"),
        Cmp::Range => tr!(lang, "report.cmp.range"),
    }
}

/// A value as people write it: `26.1亿`, `8.8万`, `5000`.
fn readable(value: f64) -> String {
    // 亿 and 万 as numerals.tsv writes them (`multiplier_char`).
    let named = |exp: u32| {
        taizhang_lexicon::multiplier_char(10u64.pow(exp))
            .map(|c| (value / 10f64.powi(exp as i32), c.to_string()))
    };
    let (v, suffix) = if value.abs() >= 1e8 {
        named(8)
    } else if value.abs() >= 1e4 {
        named(4)
    } else {
        None
    }
    .unwrap_or((value, String::new()));
    let rounded = (v * 10000.0).round() / 10000.0;
    format!("{rounded}{suffix}")
}

fn targets(out: &mut String, plan: &Plan, by_row: &BTreeMap<usize, Vec<&Finding>>, lang: Lang) {
    let _ = write!(out, "<h2 id=\"targets\">{}</h2>", esc(tr!(lang, "report.targets")));
    series_charts(out, plan, by_row, lang);
    out.push_str("<table id=\"quantities\" class=\"quantities\"><thead><tr>");
    for key in [
        tr!(lang, "report.col.item"),
        tr!(lang, "report.col.where"),
        tr!(lang, "report.col.text"),
        tr!(lang, "report.col.value"),
        tr!(lang, "report.col.unit"),
        tr!(lang, "report.col.cmp"),
        tr!(lang, "report.col.cumulative"),
        tr!(lang, "report.col.object"),
    ] {
        let _ = write!(out, "<th>{}</th>", esc(key));
    }
    out.push_str("</tr></thead><tbody>\n");
    for item in &plan.items {
        for (source, milestone, q) in quantities(item) {
            let place = match source {
                QuantitySource::Goal => tr!(lang, "report.where.goal").to_owned(),
                QuantitySource::Measure => tr!(lang, "report.where.measure").to_owned(),
                QuantitySource::Milestone => milestone
                    .and_then(|i| item.schedule.get(i))
                    .and_then(|m| m.label.clone())
                    .unwrap_or_else(|| tr!(lang, "report.no-quarter").to_owned()),
            };
            let value = match (q.value, q.min, q.max) {
                (Some(v), _, _) => format!("<span title=\"{}\">{v}</span>", esc(&readable(v))),
                (None, Some(lo), Some(hi)) => format!("{lo} – {hi}"),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "<tr data-row=\"{}\"><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td class=\"num\">{value}</td>\
<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                item.row,
                esc(&item.id),
                esc(&name::numbers(lang, item)),
                esc(&place),
                esc(&q.text),
                esc(q.unit.as_deref().unwrap_or("")),
                esc(cmp_name(lang, q.cmp)),
                if q.cumulative { esc(tr!(lang, "report.yes")) } else { String::new() },
                esc(q.object.as_deref().unwrap_or(""))
            );
        }
    }
    out.push_str("</tbody></table>\n");
}

/// For each item and unit with a running total in its schedule: the amounts by quarter as a
/// small line, the goal's amount as a dashed line, and the check's verdict on the row.
fn series_charts(
    out: &mut String,
    plan: &Plan,
    by_row: &BTreeMap<usize, Vec<&Finding>>,
    lang: Lang,
) {
    let _ = write!(
        out,
        "<h3>{}</h3><div class=\"series\" id=\"series\">",
        esc(tr!(lang, "report.series"))
    );
    let mut any = false;
    for item in &plan.items {
        let mut units: Vec<&str> = Vec::new();
        for m in &item.schedule {
            for q in m.quantities.iter().filter(|q| q.cumulative && q.value.is_some()) {
                if let Some(u) = q.unit.as_deref() {
                    if !units.contains(&u) {
                        units.push(u);
                    }
                }
            }
        }
        for unit in units {
            // One point per milestone quarter: the amount in `unit` (the largest, when a
            // milestone states several).
            let mut points: Vec<(u8, f64, String)> = Vec::new();
            for m in &item.schedule {
                let Some(end) = m.end.filter(|e| (1..=4).contains(e)) else { continue };
                let best = m
                    .quantities
                    .iter()
                    .filter(|q| q.unit.as_deref() == Some(unit))
                    .filter_map(|q| q.value.map(|v| (v, q.text.clone())))
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((v, text)) = best {
                    points.push((end, v, text));
                }
            }
            if points.is_empty() {
                continue;
            }
            let goal = item
                .goal
                .quantities
                .iter()
                .filter(|q| q.unit.as_deref() == Some(unit))
                .filter_map(|q| q.value.map(|v| (v, q.text.clone())))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            any = true;
            let verdicts: Vec<&&Finding> = by_row
                .get(&item.row)
                .map(|fs| fs.iter().filter(|f| f.code.starts_with("series/")).collect())
                .unwrap_or_default();
            let _ = write!(
                out,
                "<div class=\"card\" data-row=\"{}\"><div><a href=\"#{}\">{}</a></div>",
                item.row,
                esc(&item.id),
                esc(&name::item(lang, item))
            );
            chart(out, &points, goal.as_ref(), unit, lang);
            if verdicts.is_empty() {
                let _ = write!(
                    out,
                    "<div class=\"verdict ok\">✓ {}</div>",
                    esc(tr!(lang, "report.verdict.ok"))
                );
            }
            for f in verdicts {
                let _ = write!(
                    out,
                    "<div class=\"verdict sev-{}\">{}: {}</div>",
                    f.severity.as_str(),
                    esc(severity(lang, f.severity)),
                    esc(&f.message)
                );
            }
            out.push_str("</div>");
        }
    }
    if !any {
        let _ = write!(out, "<p class=\"muted\">{}</p>", esc(tr!(lang, "report.no-series")));
    }
    out.push_str("</div>\n");
}

fn chart(
    out: &mut String,
    points: &[(u8, f64, String)],
    goal: Option<&(f64, String)>,
    unit: &str,
    lang: Lang,
) {
    let (w, h, left, top, bottom) = (220.0, 90.0, 8.0, 10.0, 18.0);
    let max = points.iter().map(|p| p.1).chain(goal.map(|g| g.0)).fold(0.0_f64, f64::max);
    let max = if max > 0.0 { max * 1.1 } else { 1.0 };
    let x = |q: u8| left + (f64::from(q) - 0.5) * (w - left * 2.0) / 4.0;
    let y = |v: f64| top + (h - top - bottom) * (1.0 - v / max);
    let _ = write!(out, "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\">");
    for (q, key) in quarter_names(lang).iter().enumerate() {
        let q = u8::try_from(q + 1).unwrap_or(4);
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"ax\" text-anchor=\"middle\">{}</text>",
            x(q),
            h - 4.0,
            esc(key)
        );
    }
    if let Some((g, text)) = goal {
        let _ = write!(
            out,
            "<line class=\"goal\" x1=\"{left}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"><title>{}</title></line>\
<text class=\"gl\" x=\"{left}\" y=\"{:.1}\" text-anchor=\"start\">{}</text>",
            w - left,
            y(*g),
            y(*g),
            esc(text),
            y(*g) - 3.0,
            esc(&tr!(lang, "report.goal-line", amount = format!("{}{unit}", readable(*g))))
        );
    }
    let path: Vec<String> =
        points.iter().map(|(q, v, _)| format!("{:.1},{:.1}", x(*q), y(*v))).collect();
    let _ = write!(out, "<polyline class=\"line\" points=\"{}\"/>", path.join(" "));
    for (q, v, text) in points {
        let _ = write!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\"><title>{}</title></circle>",
            x(*q),
            y(*v),
            esc(&format!("{text} = {}{unit}", readable(*v)))
        );
    }
    out.push_str("</svg>");
}

const PLAN_CSS: &str = r##"
.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;position:sticky;top:0;background:#fff;padding:8px 0;z-index:5;border-bottom:1px solid var(--line)}
.filters input[type=search]{width:240px;padding:3px 8px}
.filters select{max-width:220px}
.hint{margin:4px 0 8px;font-size:12px}
.timeline{border:1px solid var(--line);border-radius:4px}
.tl-head,.item{display:grid;grid-template-columns:minmax(200px,30%) 1fr;gap:0 8px}
.tl-head{position:sticky;top:46px;background:var(--soft);z-index:4;border-bottom:1px solid var(--line)}
.track{display:grid;grid-template-columns:repeat(12,minmax(0,1fr));gap:2px 3px;grid-auto-flow:row dense;padding:3px 4px;
background-image:linear-gradient(to right,transparent calc(25% - 1px),var(--line) calc(25% - 1px),var(--line) 25%,transparent 25%,transparent calc(50% - 1px),var(--line) calc(50% - 1px),var(--line) 50%,transparent 50%,transparent calc(75% - 1px),var(--line) calc(75% - 1px),var(--line) 75%,transparent 75%)}
.tl-head .track{background-image:none}
.qh{grid-row:1;text-align:center;font-weight:600}
.mh{grid-row:2;text-align:center;font-size:11px;color:var(--muted)}
.group{padding:6px 8px;background:#eef3fc;font-weight:600;border-top:1px solid var(--line)}
.item{border-top:1px solid var(--line);content-visibility:auto;contain-intrinsic-size:auto 64px}
.quantities tbody{content-visibility:auto}
.item:target,.item.hl{outline:2px solid var(--accent);outline-offset:-2px}
.item .name{padding:4px 8px;cursor:pointer;min-width:0}
.item .nums{font-size:12px;color:var(--muted)}
.item .lead{color:#8a4b00}
.item .txt{overflow:hidden;text-overflow:ellipsis;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
.bar{background:#e8f0ff;border-left:3px solid var(--accent);border-radius:3px;padding:1px 5px;font-size:12px;line-height:1.35;cursor:pointer;overflow:hidden;
display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;min-width:0;max-height:calc(4.05em + 2px);align-self:start}
.bar.has-q{background:#e3f5e1;border-left-color:#2e8b57}
.bar.nq{background:repeating-linear-gradient(45deg,#f5f6f7,#f5f6f7 6px,#eceef0 6px,#eceef0 12px);border-left-color:#8f959e}
.bar .lbl{color:var(--muted);font-size:11px}
.bar b.q{color:#14532d}
.dl{font-size:11px;color:#8a4b00;white-space:nowrap;overflow:hidden}
.sev{font-size:12px}
.findings ul{margin:4px 0;padding-left:18px;max-height:320px;overflow:auto}
.findings .code{font-family:ui-monospace,monospace;font-size:12px;color:var(--muted);margin-right:4px}
.wl-controls{margin-bottom:6px}
.legend{margin-left:12px;font-size:12px}.legend i{display:inline-block;width:12px;height:10px;margin:0 4px 0 10px}
.k-led,.r-led{background:#245bdb;fill:#245bdb}.k-sup,.r-sup{background:#9fb8ef;fill:#9fb8ef}
.wl{columns:2 420px;column-gap:24px}
.wl-row{display:grid;grid-template-columns:10em 1fr 4.5em;gap:6px;align-items:center;padding:1px 4px;cursor:pointer;break-inside:avoid}
.wl-row:hover,.wl-row.on{background:#eef3fc}
.wl-name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.wl-bar{width:100%;height:12px}
.wl-n{text-align:right;font-variant-numeric:tabular-nums;font-size:12px}
.series{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:10px;margin-bottom:14px}
.card{border:1px solid var(--line);border-radius:4px;padding:6px;font-size:12px;break-inside:avoid}
.chart{width:100%;height:auto;display:block}
.chart .line{fill:none;stroke:#245bdb;stroke-width:2}
.chart circle{fill:#245bdb}
.chart .goal{stroke:#d83931;stroke-dasharray:4 3;stroke-width:1.5}
.chart text{font-size:9px;fill:#646a73}.chart .gl{fill:#d83931}
.verdict.ok{color:#1b6b1b}
table.quantities{width:100%;font-size:13px}
#detail{position:fixed;right:12px;top:12px;bottom:12px;width:min(520px,92vw);overflow:auto;background:#fff;border:1px solid var(--line);
box-shadow:0 4px 24px rgba(0,0,0,.18);border-radius:6px;padding:12px 16px;z-index:10}
#detail dt{font-weight:600;margin-top:8px}#detail dd{margin:2px 0 0}
#detail-close{float:right}
footer{margin-top:24px;font-size:12px}
@media print{.tl-head{position:static}.item .txt{-webkit-line-clamp:unset}.bar{-webkit-line-clamp:unset;max-height:none}.wl{columns:2}.item{content-visibility:visible}}
"##;

const PLAN_JS: &str = r##"
(function(){
var body=document.getElementById("tl-body");
var items=Array.prototype.slice.call(body.querySelectorAll(".item"));
var data=items.map(function(el){return {el:el,i:+el.dataset.i,row:el.dataset.row,section:el.dataset.section,lead:el.dataset.lead,units:el.dataset.units,q:el.dataset.q,text:el.textContent.toLowerCase()};});
var byRow={};data.forEach(function(d){byRow[d.row]=d;});
var $=function(id){return document.getElementById(id);};
$("filters").addEventListener("submit",function(e){e.preventDefault();});
var fSearch=$("f-search"),fSection=$("f-section"),fUnit=$("f-unit"),fQ=$("f-q"),fGroup=$("f-group");
var shownTpl=$("filters").dataset.shown;
function state(){return {search:fSearch.value.trim(),section:fSection.value,unit:fUnit.value,q:fQ.value,group:fGroup.value};}
function toHash(s){var p=[];for(var k in s){if(s[k]&&!(k==="group"&&s[k]==="section"))p.push(k+"="+encodeURIComponent(s[k]));}return p.join("&");}
function fromHash(){var h=location.hash.replace(/^#/,"");if(h.indexOf("=")<0)return false;
h.split("&").forEach(function(kv){var i=kv.indexOf("=");if(i<0)return;var k=kv.slice(0,i),v=decodeURIComponent(kv.slice(i+1));
if(k==="search")fSearch.value=v;else if(k==="section")fSection.value=v;else if(k==="unit")fUnit.value=v;else if(k==="q")fQ.value=v;else if(k==="group")fGroup.value=v;});return true;}
function regroup(mode){
  var groups=[],map={};
  data.forEach(function(d){var key=mode==="lead"?(d.lead.split("|")[1]||""):d.section;
    if(!(key in map)){map[key]=groups.length;groups.push({key:key,items:[]});}groups[map[key]].items.push(d);});
  if(mode==="lead")groups.sort(function(a,b){return b.items.length-a.items.length||(a.key<b.key?-1:1);});
  var frag=document.createDocumentFragment();
  groups.forEach(function(g){var h=document.createElement("div");h.className="group";
    var t=document.createElement("span");t.textContent=g.key||(mode==="lead"?body.dataset.nolead:body.dataset.nosection);
    var n=document.createElement("span");n.className="muted";n.textContent=" "+g.items.length;h.appendChild(t);h.appendChild(n);
    g.header=h;g.count=n;frag.appendChild(h);g.items.forEach(function(d){d.group=g;frag.appendChild(d.el);});});
  body.textContent="";body.appendChild(frag);current=groups;}
var current=null;
function apply(push){
  var s=state(),needle=s.search.toLowerCase(),shown=0;
  if(!current||current.mode!==s.group){regroup(s.group);current.mode=s.group;}
  var visible={};
  data.forEach(function(d){var ok=(!s.section||d.section===s.section)&&(!s.unit||d.units.indexOf("|"+s.unit+"|")>=0)&&(!s.q||d.q.indexOf(s.q)>=0)&&(!needle||d.text.indexOf(needle)>=0);
    d.el.hidden=!ok;if(ok){shown++;visible[d.row]=1;}});
  current.forEach(function(g){var n=0;g.items.forEach(function(d){if(!d.el.hidden)n++;});g.header.hidden=n===0;g.count.textContent=" "+n;});
  Array.prototype.forEach.call(document.querySelectorAll("#quantities tbody tr,#series .card"),function(tr){tr.hidden=!visible[tr.dataset.row];});
  Array.prototype.forEach.call(document.querySelectorAll(".wl-row"),function(r){r.classList.toggle("on",r.dataset.unit===s.unit);});
  $("shown").textContent=shownTpl.replace("{shown}",shown).replace("{total}",data.length);
  document.documentElement.dataset.shown=String(shown);
  if(push){var h=toHash(s);history.replaceState(null,"",h?"#"+h:location.pathname+location.search);}
}
body.dataset.nosection=(body.querySelector(".group span")||{}).textContent||"";
body.dataset.nolead=document.getElementById("filters").dataset.nolead||"—";
var timer=null;
fSearch.addEventListener("input",function(){clearTimeout(timer);timer=setTimeout(function(){apply(true);},120);});
[fSection,fUnit,fQ,fGroup].forEach(function(el){el.addEventListener("change",function(){apply(true);});});
$("f-reset").addEventListener("click",function(){fSearch.value="";fSection.value="";fUnit.value="";fQ.value="";fGroup.value="section";apply(true);});
document.querySelectorAll(".wl-row").forEach(function(r){r.addEventListener("click",function(){fUnit.value=fUnit.value===r.dataset.unit?"":r.dataset.unit;apply(true);$("timeline-title").scrollIntoView();});});
document.querySelectorAll(".wl-controls button").forEach(function(b){b.addEventListener("click",function(){
  var wl=$("wl"),rows=Array.prototype.slice.call(wl.children),k=b.dataset.sort;
  rows.sort(function(a,c){if(k==="name")return a.dataset.unit.localeCompare(c.dataset.unit,"zh");
    var x=k==="led"?c.dataset.led-a.dataset.led:c.dataset.sup-a.dataset.sup;return x||a.dataset.unit.localeCompare(c.dataset.unit,"zh");});
  rows.forEach(function(r){wl.appendChild(r);});});});
var detail=$("detail"),detailBody=$("detail-body");
function show(el,bar){var full=el.querySelector(".full");detailBody.textContent="";
  var h=document.createElement("h3");h.textContent=el.querySelector(".nums").textContent;detailBody.appendChild(h);
  if(bar){var p=document.createElement("p");p.className="bar-full";p.textContent=bar.title;detailBody.appendChild(p);}
  detailBody.appendChild(full.firstChild.cloneNode(true));detail.hidden=false;}
body.addEventListener("click",function(e){var bar=e.target.closest(".bar"),item=e.target.closest(".item");if(item&&(bar||e.target.closest(".name")))show(item,bar);});
body.addEventListener("keydown",function(e){if(e.key==="Enter"){var item=e.target.closest(".item");if(item)show(item,null);}});
$("detail-close").addEventListener("click",function(){detail.hidden=true;});
document.addEventListener("keydown",function(e){if(e.key==="Escape")detail.hidden=true;});
function reveal(){var id=location.hash.replace(/^#/,"");if(!id||id.indexOf("=")>=0)return;var el=document.getElementById(id);
  if(el&&el.classList.contains("item")&&el.hidden){fSearch.value="";fSection.value="";fUnit.value="";fQ.value="";apply(false);el.scrollIntoView();}}
window.addEventListener("hashchange",function(){if(fromHash())apply(false);else reveal();});
fromHash();apply(false);reveal();
})();
"##;
