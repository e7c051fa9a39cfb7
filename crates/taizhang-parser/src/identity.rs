//! The year, the title and the issuer of a plan, from the document's own text.
//!
//! Each is looked for in the table's header first (`东莞市2020年工作目标`), then in the title
//! above it, then in the file name (`东莞市2020年民生实事.docx`), and the plan says which
//! (`year_source`, `issuer_source`: `header`, `title`, `file-name`). The title is the text
//! right above the header: the paragraphs before the table that read as its title
//! ([`title_lines`]: `附件1` marks and notes such as `单位：万元` left out), then the table's own
//! rows above its header (a caption merged across a sheet). The title is never made up from
//! a header or a file name.

use taizhang_lexicon::attachment_mark;
use taizhang_model::plan::Column;
use taizhang_model::table::Row;
use taizhang_model::Plan;

/// Where the year or the issuer was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A column header (`2020年工作目标`).
    Header,
    /// The title above the table: a paragraph before it, or a row above its header.
    Title,
    /// The file name (flagged with a warning for the year).
    FileName,
}

impl Origin {
    /// The name written in the plan (`year_source`, `issuer_source`).
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Header => "header",
            Origin::Title => "title",
            Origin::FileName => "file-name",
        }
    }
}

/// The title of a table: the lines of `before` (the text right before the table) that
/// read as its title, then the lines of `above` (its rows above the header), `附件` marks
/// stripped and notes left out, in document order.
pub fn title_of(before: &[String], above: &[Row]) -> Vec<String> {
    let rows = above.iter().flat_map(|r| &r.cells).flat_map(|c| c.text.lines());
    title_lines(before)
        .into_iter()
        .chain(rows)
        .map(|line| strip_attachment(line.trim()))
        .filter(|line| !line.is_empty() && !is_note(line))
        .map(str::to_string)
        .collect()
}

/// Title lines above a table, at most this many (`东莞市2021年民生实事` + `任务分解表`).
pub const MAX_TITLE_LINES: usize = 3;
/// A paragraph longer than this is body text, not a title.
pub const MAX_TITLE_CHARS: usize = 60;

/// The paragraphs of `before` (the text before a table, in document order) that are the
/// table's title, in document order: going up from the table, notes (`单位：万元`) passed over,
/// at most [`MAX_TITLE_LINES`], up to and with the `附件` line that opens the attachment the
/// table is, and never past body text (a paragraph ending as a sentence or a salutation
/// does, `。`, `；`, `：`, or longer than [`MAX_TITLE_CHARS`]): the notice a table is attached
/// to is not its title.
///
/// ```
/// use taizhang_parser::identity::title_lines;
/// let before = ["关于印发工作任务的通知", "请认真贯彻执行。", "附件1", "东莞市2021年民生实事", "单位：万元"]
///     .map(String::from);
/// assert_eq!(title_lines(&before), ["附件1", "东莞市2021年民生实事"]);
/// ```
pub fn title_lines(before: &[String]) -> Vec<&str> {
    let mut taken: Vec<&str> = Vec::new();
    let mut titles = 0;
    for paragraph in before.iter().rev() {
        let line = paragraph.trim();
        if line.is_empty() || is_note(line) {
            continue;
        }
        let body = line.chars().count() > MAX_TITLE_CHARS
            || (line.ends_with(['。', '；', ';', '：', ':'])
                && !line.starts_with(attachment_mark()));
        if body || titles == MAX_TITLE_LINES {
            break;
        }
        taken.push(line);
        titles += 1;
        if line.starts_with(attachment_mark()) {
            break;
        }
    }
    taken.reverse();
    taken
}

/// The year of a plan and where it was found: the first column header that names one, else
/// the first line of the title (see [`title_of`]), else the one year the file name names.
pub fn year_of(columns: &[Column], title: &[String], file: &str) -> Option<(i32, Origin)> {
    let in_header = columns.iter().find_map(|c| crate::text::year_in(&c.header));
    let in_title = || title.iter().find_map(|line| crate::text::year_in(line));
    in_header
        .map(|y| (y, Origin::Header))
        .or_else(|| in_title().map(|y| (y, Origin::Title)))
        .or_else(|| year_of_file_name(file_name(file)).map(|y| (y, Origin::FileName)))
}

/// The last part of a path (`docs/plan-2020.docx` → `plan-2020.docx`).
pub fn file_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or_default()
}

/// The years a file name may name: a run of four digits outside them is no year.
pub const FILE_NAME_YEARS: std::ops::Range<i32> = 2000..2100;

/// The one year ([`FILE_NAME_YEARS`]) a file name names (`民生实事2021.docx`, `plan-2020-v2.txt`);
/// none when it names two (`2019-2020对比.docx`).
///
/// ```
/// use taizhang_parser::identity::year_of_file_name;
/// assert_eq!(year_of_file_name("2019-2020对比.docx"), None);
/// assert_eq!(year_of_file_name("plan-2020-v2.txt"), Some(2020));
/// assert_eq!(year_of_file_name("t.docx"), None);
/// ```
pub fn year_of_file_name(name: &str) -> Option<i32> {
    let chars: Vec<char> = name.chars().collect();
    let mut years: Vec<i32> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 4 {
            let y: i32 = chars[i..i + 4].iter().collect::<String>().parse().unwrap_or(0);
            if FILE_NAME_YEARS.contains(&y) && !years.contains(&y) {
                years.push(y);
            }
        }
        i += run.max(1);
    }
    match years.as_slice() {
        [y] => Some(*y),
        _ => None,
    }
}

/// Sets `plan.title` from `title` (see [`title_of`]) and `plan.issuer` (with
/// `plan.issuer_source`) from the headers, the title or the file name, where they name one.
pub fn identify(plan: &mut Plan, title: &[String]) {
    let title = title.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    plan.title = (!title.is_empty()).then_some(title);
    let issuer = issuer_of(plan);
    plan.issuer_source = issuer.as_ref().map(|(_, origin)| origin.as_str().to_string());
    plan.issuer = issuer.map(|(issuer, _)| issuer);
}

/// Endings of the names of administrative areas, longest first: a plan's title
/// (`东莞市2020年…`), header or file name starts with the issuer's name, ended by one of them
/// (`area-ending` of the lexicon's `names.tsv`).
fn area_endings() -> impl Iterator<Item = &'static str> {
    taizhang_lexicon::builtin().names(taizhang_lexicon::NameList::AreaEnding)
}

/// Office words that may follow the area's name and belong to the issuer (`issuer-office`).
fn office_endings() -> impl Iterator<Item = &'static str> {
    taizhang_lexicon::builtin().names(taizhang_lexicon::NameList::IssuerOffice)
}
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
                area_endings().find(|e| rest[at..].starts_with(e)).map(|e| Some(at + e.len()))
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
    if let Some(office) = office_endings().find(|o| text[end..].starts_with(o)) {
        end += office.len();
    }
    Some(text[..end].to_owned())
}

/// Lines above a table that are notes, not its title: a short label and a colon, then what
/// it says (`单位：万元`, `填报单位：…`, `发布日期：2020-03-18`, `当前位置：首页 > …`), except
/// the `附件：` mark that opens an attachment's title.
fn is_note(line: &str) -> bool {
    let Some(at) = line.find([':', '：']) else { return false };
    let label = line[..at].trim();
    let chars = label.chars().count();
    (1..=MAX_NOTE_LABEL_CHARS).contains(&chars)
        && label.chars().all(is_han)
        && !label.starts_with(attachment_mark())
}

/// The longest label a note line starts with (`填报单位`, `金额单位`, `当前位置`).
const MAX_NOTE_LABEL_CHARS: usize = 6;

/// `附件1：`, `附件2` and the like before a title.
fn strip_attachment(text: &str) -> &str {
    let Some(rest) = text.strip_prefix(attachment_mark()) else { return text };
    let numbered = rest
        .trim_start_matches(|c: char| c.is_ascii_digit() || taizhang_lexicon::is_small_numeral(c));
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

/// The issuer the plan's own text names and where: its column headers, then its title,
/// then its file name (`东莞市2020年民生实事.docx`).
pub fn issuer_of(plan: &Plan) -> Option<(String, Origin)> {
    let in_header = || plan.columns.iter().find_map(|c| issuer_in(&c.header));
    let in_title = || plan.title.as_deref().and_then(issuer_in);
    in_header()
        .map(|i| (i, Origin::Header))
        .or_else(|| in_title().map(|i| (i, Origin::Title)))
        .or_else(|| issuer_in(file_name(&plan.source.file)).map(|i| (i, Origin::FileName)))
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
        let rows = [row("附件1"), row("东莞市2021年民生实事任务分解表"), row("单位：万元")];
        identify(&mut plan, &title_of(&[], &rows));
        assert_eq!(plan.title.as_deref(), Some("东莞市2021年民生实事任务分解表"));
        assert_eq!(plan.issuer.as_deref(), Some("东莞市"));
        assert_eq!(plan.issuer_source.as_deref(), Some("title"));
        // The same lines as paragraphs above the table; a caption row below them follows.
        let before: Vec<String> =
            ["附件1", "东莞市2021年民生实事任务分解表", "单位：万元"].map(String::from).into();
        assert_eq!(
            title_of(&before, &[row("（第一批）")]),
            ["东莞市2021年民生实事任务分解表", "（第一批）"]
        );
        identify(&mut plan, &[]);
        assert_eq!((plan.title, plan.issuer, plan.issuer_source), (None, None, None));
    }

    #[test]
    fn the_title_is_the_text_nearest_the_table() {
        let lines = |text: &[&str]| text.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        // A notice and its attachment: the attachment's title only.
        let before = lines(&[
            "东莞市人民政府办公室关于印发2019年工作要点的通知",
            "各镇人民政府（街道办事处）：",
            "现将《2021年民生实事》印发给你们，请认真贯彻执行。",
            "2021年1月5日",
            "附件：东莞市2021年民生实事",
        ]);
        assert_eq!(title_lines(&before), ["附件：东莞市2021年民生实事"]);
        assert_eq!(title_of(&before, &[]), ["东莞市2021年民生实事"]);
        // No 附件 line: up to the body text, at most three lines.
        let before = lines(&["请认真贯彻执行。", "广东省东莞市", "2022年重点工作", "任务分解表"]);
        assert_eq!(title_lines(&before), ["广东省东莞市", "2022年重点工作", "任务分解表"]);
        let before = lines(&["一", "二", "三", "四"]);
        assert_eq!(title_lines(&before), ["二", "三", "四"]);
        assert!(title_lines(&lines(&["说明：以下为计划。"])).is_empty());
        // A web page: navigation and publishing notes are not the title.
        let before = lines(&[
            "当前位置：首页 > 政务公开",
            "示例市2020年民生工作任务分解表",
            "发布日期：2020-03-18   来源：市政府办公室",
        ]);
        assert_eq!(title_lines(&before), ["示例市2020年民生工作任务分解表"]);
    }

    #[test]
    fn the_year_from_the_header_then_the_title_then_the_file_name() {
        let column = |header: &str| Column {
            index: 0,
            header: header.to_string(),
            role: taizhang_model::plan::ColumnRole::Goal,
            by: None,
        };
        let title = ["东莞市2021年民生实事".to_string()];
        let year = |columns: &[Column], title: &[String], file: &str| {
            year_of(columns, title, file).map(|(y, o)| (y, o.as_str()))
        };
        assert_eq!(year(&[column("2020年目标")], &title, "a-2019.docx"), Some((2020, "header")));
        assert_eq!(year(&[column("目标")], &title, "a-2019.docx"), Some((2021, "title")));
        assert_eq!(year(&[column("目标")], &[], "d/a-2019.docx"), Some((2019, "file-name")));
        assert_eq!(year(&[column("目标")], &[], "a.docx"), None);
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
