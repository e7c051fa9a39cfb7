//! The findings of `taizhang check` over one or more plans as a table, one row per finding:
//! plan, row, （N）, measure, lead unit, column, severity, code, message, evidence.

use std::fmt::Write as _;

use taizhang_check::report::{severity, ItemsByRow};
use taizhang_i18n::{name, tr, Lang};
use taizhang_model::check::CheckReport;
use taizhang_model::Plan;

use crate::html::{esc, page};

/// One plan's findings, with the plan when it could be read (to name rows by its numbers).
#[derive(Debug, Clone, Copy)]
pub struct Checked<'a> {
    pub report: &'a CheckReport,
    pub plan: Option<&'a Plan>,
}

/// The header row in `lang`.
pub fn header(lang: Lang) -> [&'static str; 10] {
    [
        tr!(lang, "check.col.plan"),
        tr!(lang, "check.col.row"),
        tr!(lang, "check.col.seq"),
        tr!(lang, "check.col.measure"),
        tr!(lang, "check.col.lead"),
        tr!(lang, "check.col.column"),
        tr!(lang, "check.col.severity"),
        tr!(lang, "check.col.code"),
        tr!(lang, "check.col.message"),
        tr!(lang, "check.col.evidence"),
    ]
}

/// One row per finding, every field as text (empty when it does not apply). The column is
/// 1-based and followed by its header (`2 具体措施`); evidence lines are joined by line breaks.
pub fn rows(checked: &[Checked<'_>], lang: Lang) -> Vec<[String; 10]> {
    let mut out = Vec::new();
    for c in checked {
        let items = ItemsByRow::new(c.plan);
        for f in &c.report.findings {
            let item = items.item_of(f);
            let column = f.column.map(|col| {
                let header = c
                    .plan
                    .and_then(|p| p.columns.iter().find(|x| x.index == col))
                    .map(|x| x.header.replace('\n', " "))
                    .unwrap_or_default();
                format!("{} {header}", col + 1).trim_end().to_owned()
            });
            out.push([
                c.report.source.file.clone(),
                f.row.map(|r| r.to_string()).unwrap_or_default(),
                item.and_then(|i| i.seq).map(|s| tr!(lang, "row.seq", seq = s)).unwrap_or_default(),
                item.map(|i| {
                    let text = name::clip(name::label_text(i), name::TEXT_CHARS);
                    match i.measure.as_ref().and_then(|m| m.number) {
                        Some(n) => format!("{n}. {text}"),
                        None => text,
                    }
                })
                .unwrap_or_default(),
                item.map(|i| i.lead.join("、")).unwrap_or_default(),
                column.unwrap_or_default(),
                severity(lang, f.severity).to_owned(),
                f.code.clone(),
                f.message.clone(),
                f.evidence.join("\n"),
            ]);
        }
    }
    out
}

/// CSV with a UTF-8 BOM (so Excel and WPS read the Chinese right) and CRLF line ends.
pub fn csv(checked: &[Checked<'_>], lang: Lang) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w =
            csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        w.write_record(header(lang))?;
        for row in rows(checked, lang) {
            w.write_record(&row)?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// An Excel workbook with one sheet, a bold frozen header and an autofilter.
pub fn xlsx(checked: &[Checked<'_>], lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(tr!(lang, "check.title"))?;
    let bold = Format::new().set_bold().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let widths = [18.0, 6.0, 7.0, 30.0, 14.0, 12.0, 8.0, 22.0, 50.0, 50.0];
    for (c, (h, w)) in header(lang).iter().zip(widths).enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, c, *h, &bold)?;
        sheet.set_column_width(c, w)?;
    }
    let rows = rows(checked, lang);
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, value) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            if c == 1 {
                if let Ok(n) = value.parse::<u32>() {
                    sheet.write_number(r, c, f64::from(n))?;
                    continue;
                }
            }
            sheet.write_string_with_format(r, c, value, &wrap)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    sheet.autofilter(0, 0, last, 9)?;
    book.save_to_buffer()
}

/// A self-contained HTML page: the summary of each plan, then the table of findings.
pub fn html(checked: &[Checked<'_>], lang: Lang) -> String {
    let mut body = String::new();
    let _ = write!(body, "<header class=\"top\"><h1>{}</h1>", esc(tr!(lang, "check.title")));
    for c in checked {
        let _ = write!(
            body,
            "<div>{}{}{}</div>",
            esc(&c.report.source.file),
            esc(tr!(lang, "sep.colon")),
            esc(&taizhang_check::report::summary(c.report, lang))
        );
    }
    body.push_str("</header>\n<main><table class=\"findings\"><thead><tr>");
    for h in header(lang) {
        let _ = write!(body, "<th>{}</th>", esc(h));
    }
    body.push_str("</tr></thead><tbody>\n");
    for c in checked {
        let rows = rows(std::slice::from_ref(c), lang);
        for (f, row) in c.report.findings.iter().zip(rows) {
            let sev = f.severity.as_str();
            let _ = write!(body, "<tr class=\"finding\" data-severity=\"{sev}\">");
            for (k, value) in row.iter().enumerate() {
                let class = match k {
                    1 => " class=\"num\"".to_owned(),
                    6 => format!(" class=\"sev-{sev}\""),
                    _ => String::new(),
                };
                let _ = write!(body, "<td{class}>{}</td>", esc(value).replace('\n', "<br>"));
            }
            body.push_str("</tr>\n");
        }
    }
    body.push_str("</tbody></table></main>");
    page(lang, tr!(lang, "check.title"), FINDINGS_CSS, &body, "")
}

const FINDINGS_CSS: &str = "table.findings{width:100%;margin-top:12px}td{white-space:pre-wrap}";
