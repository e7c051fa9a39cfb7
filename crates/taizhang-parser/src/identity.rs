//! The title and the issuer of a plan, from the document's own text.
//!
//! The title is the text of the rows above the table's header (`2020年民生实事台账`, a
//! caption merged across the table). The issuer is the city or office that text starts
//! with: the title first, then the column headers (`东莞市2020年工作目标`), then the file
//! name (`东莞市2020年民生实事.docx`).

use taizhang_model::table::Row;
use taizhang_model::Plan;

/// Sets `plan.title` from `above` (the table's rows above its header) and `plan.issuer`
/// from the title, the headers or the file name, where they name one.
pub fn identify(plan: &mut Plan, above: &[Row]) {
    let lines: Vec<&str> = above
        .iter()
        .flat_map(|r| &r.cells)
        .flat_map(|c| c.text.lines())
        .map(|line| strip_attachment(line.trim()))
        .filter(|line| !line.is_empty() && !is_note(line))
        .collect();
    let mut title = lines.join(" ");
    title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    plan.title = (!title.is_empty()).then_some(title);
    plan.issuer = issuer_of(plan);
}

/// Endings of the names of administrative areas and offices, longest first: a plan's title
/// (`东莞市2020年…`), header or file name starts with the issuer's name, ended by one of them.
/// Domain words: to move into the lexicon with the other word lists.
const AREA_ENDINGS: [&str; 12] =
    ["特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "州", "盟", "县", "区", "旗"];
/// Office words that may follow the area's name and belong to the issuer.
const OFFICE_ENDINGS: [&str; 4] = ["人民政府办公厅", "人民政府办公室", "人民政府", "政府"];
/// The longest area name taken (`新疆维吾尔自治区` has eight characters).
const MAX_AREA_CHARS: usize = 10;

/// The issuer a text starts with: one or more area names (`广东省东莞市`), and an office
/// (`人民政府办公室`) if one follows. None when the text does not start with an area name.
///
/// ```
/// use taizhang_parser::identity::issuer_in;
/// assert_eq!(issuer_in("东莞市2020年重点工作任务分解表").as_deref(), Some("东莞市"));
/// assert_eq!(issuer_in("广东省东莞市人民政府办公室关于印发…").as_deref(), Some("广东省东莞市人民政府办公室"));
/// assert_eq!(issuer_in("附件1：深圳市南山区2021年民生实事").as_deref(), Some("深圳市南山区"));
/// assert_eq!(issuer_in("2020年工作目标"), None);
/// assert_eq!(issuer_in("季度进度安排"), None);
/// ```
pub fn issuer_in(text: &str) -> Option<String> {
    let text = strip_attachment(text.trim());
    let mut end = 0; // byte offset after the last area name
    loop {
        let rest = &text[end..];
        // An area inside another has at least two characters before its ending, so that
        // `东莞市城市管理局` stops at 东莞市.
        let shortest = if end == 0 { 1 } else { 2 };
        let found = rest
            .char_indices()
            .take(MAX_AREA_CHARS)
            .skip(shortest)
            .find_map(|(at, c)| {
                if !is_han(c) {
                    return Some(None);
                }
                AREA_ENDINGS.iter().find(|e| rest[at..].starts_with(*e)).map(|e| Some(at + e.len()))
            })
            .flatten();
        // Every char of the name is Chinese (not `2020年…市`).
        match found {
            Some(len) if rest[..len].chars().all(is_han) => end += len,
            _ => break,
        }
    }
    if end == 0 {
        return None;
    }
    if let Some(office) = OFFICE_ENDINGS.iter().find(|o| text[end..].starts_with(*o)) {
        end += office.len();
    }
    Some(text[..end].to_owned())
}

/// Lines above a table that are notes, not its title: `单位：万元`, `填报单位：…`.
/// Domain words: to move into the lexicon with the other word lists.
fn is_note(line: &str) -> bool {
    ["单位", "填报单位", "填报日期", "制表", "金额单位"]
        .iter()
        .any(|word| line.strip_prefix(word).is_some_and(|rest| rest.starts_with([':', '：'])))
}

/// `附件1：`, `附件2` and the like before a title.
fn strip_attachment(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("附件") else { return text };
    let numbered =
        rest.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    let stripped = numbered.trim_start_matches([':', '：', ' ', '\u{3000}', '\n']);
    // `附件材料清单` is a title, not a mark.
    if stripped.len() < rest.len() || rest.is_empty() {
        stripped
    } else {
        text
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// The issuer the plan's own text names: its title, then its column headers, then its file
/// name (`东莞市2020年民生实事.docx`).
pub fn issuer_of(plan: &Plan) -> Option<String> {
    let file = plan.source.file.rsplit(['/', '\\']).next().unwrap_or_default();
    plan.title
        .iter()
        .map(String::as_str)
        .chain(plan.columns.iter().map(|c| c.header.as_str()))
        .chain(std::iter::once(file))
        .find_map(issuer_in)
}

#[cfg(test)]
mod tests {
    use super::*;
    use taizhang_model::table::Cell;

    #[test]
    fn titles_leave_out_attachment_marks_and_notes() {
        let row = |text: &str| Row {
            cells: vec![Cell::from_paragraphs(vec![text.to_owned()])],
            ..Row::default()
        };
        let mut plan = Plan::default();
        identify(
            &mut plan,
            &[row("附件1"), row("东莞市2021年民生实事任务分解表"), row("单位：万元")],
        );
        assert_eq!(plan.title.as_deref(), Some("东莞市2021年民生实事任务分解表"));
        assert_eq!(plan.issuer.as_deref(), Some("东莞市"));
        identify(&mut plan, &[]);
        assert_eq!((plan.title, plan.issuer), (None, None));
    }

    #[test]
    fn issuers_are_area_names_at_the_start() {
        assert_eq!(issuer_in("东莞市2020年工作目标").as_deref(), Some("东莞市"));
        assert_eq!(
            issuer_in("内蒙古自治区呼和浩特市赛罕区").as_deref(),
            Some("内蒙古自治区呼和浩特市赛罕区")
        );
        assert_eq!(issuer_in("附件：东莞市"), Some("东莞市".into()));
        assert_eq!(strip_attachment("附件材料清单"), "附件材料清单");
        assert_eq!(strip_attachment("附件2 2022年清单"), "2022年清单");
        assert_eq!(issuer_in("东莞市城市管理和综合执法局").as_deref(), Some("东莞市"));
        // Words ending in an area character are not areas unless they start the text.
        assert_eq!(issuer_in("牵头单位"), None);
        assert_eq!(issuer_in("plan-2020.docx"), None);
        assert_eq!(issuer_in("（1）市场监管局"), None);
        assert_eq!(issuer_in("原文表述\n实施路径"), None);
        assert_eq!(issuer_in(""), None);
    }
}
