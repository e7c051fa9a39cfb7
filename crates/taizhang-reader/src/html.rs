//! HTML pages: the tables of a web page, as a browser lays them out.
//!
//! The page is parsed by html5ever (through `scraper`), the HTML5 parsing algorithm
//! browsers use, so tag soup reads as a browser reads it: unclosed cells and rows, stray
//! end tags, text foster-parented out of tables, Word's conditional comments.
//!
//! # Tables
//! Rows and cells follow the HTML table model: `thead`, then the bodies and rows in order,
//! `tfoot` last; `rowspan`/`colspan` place each cell on the grid (colspan 1–1000, rowspan
//! 0–65534 as the standard clamps them, rowspan 0 and spans past the end of the row group
//! cut at its end). The grid maps onto the model the .docx reader fills: a cell spanning
//! columns is one cell with `span`; a cell spanning rows is a `restart` cell followed, in
//! each row it covers, by a `continue` cell naming the row it started on (`merged_from`).
//! Grid positions no cell covers are an empty cell without paragraphs, or, at the end of a
//! row, `grid_after`. Rows in `thead`, and rows of `th` cells only, are header rows; in a
//! table without either the header is found as for .txt (see `flag_headers`).
//!
//! Rows and cells hidden with `display:none` or the `hidden` attribute are not shown by a
//! browser and are not read (Word writes a hidden row of column widths); one that holds
//! text is reported (`hidden-row`).
//!
//! # Paragraphs
//! Block elements (`p`, `div`, `li`, headings …) and `<br>` end paragraphs. White space
//! collapses as CSS collapses it, a line break counting as a space as Chromium counts it
//! (LibreOffice and Word wrap their HTML at spaces, so a break between two Chinese
//! characters stands for a space of the document);
//! `&nbsp;` is a space that does not collapse, and a paragraph holding a lone `&nbsp;` is
//! an empty paragraph (how Word and most editors keep an empty line visible). `<pre>` and
//! `white-space: pre…` keep their text. `<ol>` and `<ul>` items get the label a browser
//! draws (`3. `, `• `), counted with `start`, `value` and `reversed`. Word's "filtered" HTML
//! writes its list labels as text (`<span style='mso-list:Ignore'>（7）</span>`): that text
//! is kept as it is. Scripts, styles and hidden elements give no text.
//!
//! # Text outside the tables
//! The text of the page outside its data tables (a heading with the plan's title, an
//! `附件1` line, a note under a table) is kept beside them in document order: before the
//! first table in `preamble`, else in the `after` of the table above it, split into
//! paragraphs as a cell's text is (a layout table's cells, rows and captions end
//! paragraphs too). Paragraphs holding only white space are left out.
//!
//! # Layout tables
//! Pages of government sites put the data table inside tables used for page layout (logo,
//! navigation, content column, footer). A table that holds other tables, has no header
//! markup of its own (`th`, `thead`, `caption`) and either is marked
//! `role="presentation"`/`"none"`, is one column wide, or holds less text of its own than
//! its inner tables do, is page layout: its inner tables are read as tables of the page
//! (top-level, in document order), and its own text is reported (`layout-table`), not made
//! into rows: it is text outside the tables. Any other table keeps the tables in its cells as nested tables of those cells,
//! as in a .docx.
//!
//! # Encodings
//! A byte order mark decides; then a `<meta charset>` or `<meta http-equiv=Content-Type>`
//! in the first 1024 bytes (labels as the Encoding Standard maps them: `gb2312` reads as
//! GBK, a superset, which is what such pages are written in); then valid UTF-8 is UTF-8,
//! and otherwise `chardetng` guesses. Bytes that do not decode become U+FFFD and are
//! reported (`encoding-errors`).

use std::borrow::Cow;

use ego_tree::NodeRef;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use scraper::{Html, Node};
use taizhang_model::table::{Cell, ReadWarning, Row, Table, VMerge};

use taizhang_i18n::{msg, Msg};

use crate::{Options, ReadError};

/// What the HTML reader returns for one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlOutput {
    pub tables: Vec<Table>,
    pub warnings: Vec<ReadWarning>,
    /// The encoding the page was decoded from (`utf-8`, `gbk`, `gb18030`, `utf-16le` …).
    pub encoding: String,
    /// The paragraphs of the page before its first table (those after a table are its
    /// `after`), laid out as a cell's are.
    pub preamble: Vec<String>,
}

/// Tables nested deeper than this are refused (real pages nest a few deep).
const MAX_TABLE_DEPTH: usize = 32;
/// The standard's clamps for `colspan` and `rowspan`.
const MAX_COLSPAN: usize = 1000;
const MAX_ROWSPAN: usize = 65534;
/// Grid positions a page may fill, at least: spans can cover far more positions than the
/// page has bytes, so beyond this a page may fill one position per byte of input.
const MIN_GRID_BUDGET: usize = 1 << 16;
/// Elements nested deeper than this are refused before parsing: the HTML parser's
/// scope checks walk the stack of open elements, so a page nesting 100,000 `<div>`s would
/// take quadratic time (within the limit, a few seconds for a hostile megabyte). Browsers
/// cap the depth of their trees too (Chromium at 512).
const MAX_ELEMENT_DEPTH: usize = 1024;

/// Reads every table of the page held in `bytes`.
pub fn read_html(file: &str, bytes: &[u8], options: &Options) -> Result<HtmlOutput, ReadError> {
    let decoded = decode(bytes);
    let mut warnings = Vec::new();
    if decoded.errors {
        warnings.push(ReadWarning {
            table: 0,
            row: 0,
            code: taizhang_model::Code::EncodingErrors.into(),
            message: crate::warning_text(msg!(
                "encoding-errors",
                encoding = decoded.encoding.name()
            )),
        });
    }
    if let Some(depth) = too_deep(&decoded.text) {
        return Err(ReadError::Limit {
            file: file.to_string(),
            part: None,
            reason: msg!("read.html.too-deep", depth = depth, limit = MAX_ELEMENT_DEPTH),
        });
    }
    let page = Html::parse_document(&decoded.text);
    let budget = MIN_GRID_BUDGET.max(bytes.len()).min(options.max_cells);
    let mut reader =
        PageReader { file, warnings, budget, grid_used: 0, cells: 0, max_cells: options.max_cells };
    let (tables, preamble) = reader.page(page.tree.root())?;
    if tables.is_empty() {
        return Err(ReadError::NoTable { file: file.to_string() });
    }
    let mut warnings = reader.warnings;
    warnings.sort_by_key(|warning| (warning.table, warning.row));
    let encoding = decoded.encoding.name().to_ascii_lowercase();
    Ok(HtmlOutput { tables, warnings, encoding, preamble })
}

/// Text decoded from a page's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// Whether some bytes did not decode (they are U+FFFD in `text`).
    pub errors: bool,
}

/// Decodes a page: BOM, then `<meta>` in the first 1024 bytes, then UTF-8 if valid, then
/// chardetng's guess.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (encoding, skip) = if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        (encoding, bom)
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        (encoding, 0)
    } else if let Some(encoding) = prescan(bytes.get(..1024).unwrap_or(bytes)) {
        (encoding, 0)
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, 0)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        (detector.guess(None, chardetng::Utf8Detection::Allow), 0)
    };
    let (text, errors) = encoding.decode_without_bom_handling(&bytes[skip..]);
    Decoded { text: text.into_owned(), encoding, errors }
}

/// UTF-16 without a BOM: markup in it has a NUL byte beside every ASCII character.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..1024).unwrap_or(bytes);
    if head.len() < 8 {
        return None;
    }
    let nul_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    if head.first() == Some(&b'<') && nul_at(1) * 2 > half && nul_at(0) == 0 {
        Some(UTF_16LE)
    } else if head.get(1) == Some(&b'<') && nul_at(0) * 2 > half && nul_at(1) == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding a `<meta>` element declares, found as the Encoding Standard's prescan
/// finds it: `charset`, or `http-equiv="content-type"` with a `content` naming a charset.
/// A declared UTF-16 means UTF-8 (the bytes were read as ASCII to find it).
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut at = 0;
    while at < lower.len() {
        let rest = &lower[at..];
        if rest.starts_with(b"<!--") {
            at += 4 + find(&rest[4..], b"-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let is_meta = rest.starts_with(b"<meta")
            && rest.get(5).is_some_and(|&b| b.is_ascii_whitespace() || b == b'/');
        if !is_meta {
            at += 1;
            continue;
        }
        at += 5;
        let (attributes, end) = attributes(&lower[at..]);
        at += end;
        let value = |name: &str| attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        let label = if let Some(charset) = value("charset") {
            Some(charset.clone())
        } else if value("http-equiv").is_some_and(|v| v.trim() == "content-type") {
            value("content").and_then(|content| charset_in_content(content))
        } else {
            None
        };
        if let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
            if encoding == UTF_16LE || encoding == UTF_16BE {
                return Some(UTF_8);
            }
            if encoding.name() == "x-user-defined" {
                return Some(encoding_rs::WINDOWS_1252);
            }
            return Some(encoding);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The attributes of a tag from just after its name, and where the tag ends.
fn attributes(bytes: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut out = Vec::new();
    let mut at = 0;
    loop {
        while bytes.get(at).is_some_and(|&b| b.is_ascii_whitespace() || b == b'/') {
            at += 1;
        }
        match bytes.get(at) {
            None => return (out, at),
            Some(b'>') => return (out, at + 1),
            _ => {}
        }
        let start = at;
        while bytes
            .get(at)
            .is_some_and(|&b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
        {
            at += 1;
        }
        let name = String::from_utf8_lossy(&bytes[start..at]).into_owned();
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        let mut value = String::new();
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    at += 1;
                    let start = at;
                    while bytes.get(at).is_some_and(|&b| b != quote) {
                        at += 1;
                    }
                    value = String::from_utf8_lossy(&bytes[start..at.min(bytes.len())]).into();
                    at += 1;
                }
                _ => {
                    let start = at;
                    while bytes.get(at).is_some_and(|&b| !b.is_ascii_whitespace() && b != b'>') {
                        at += 1;
                    }
                    value = String::from_utf8_lossy(&bytes[start..at]).into();
                }
            }
        }
        if name.is_empty() {
            at += 1;
        } else {
            out.push((name, value));
        }
    }
}

/// `charset=…` in a `content` attribute (`text/html; charset=gb2312`).
fn charset_in_content(content: &str) -> Option<String> {
    let at = content.find("charset")?;
    let rest = content[at + 7..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace());
    let label = &rest[..end.unwrap_or(rest.len())];
    (!label.is_empty()).then(|| label.to_string())
}

/// How deep the page's elements nest at most, if more than [`MAX_ELEMENT_DEPTH`]: counted
/// from start and end tags, leaving out void elements and those whose end tag the parser
/// implies (`p`, `li`, `td`, `tr` …), so the count over-estimates only for pages that leave
/// other elements open.
fn too_deep(text: &str) -> Option<usize> {
    const IMPLIED: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "keygen", "p", "li", "td", "th", "tr", "dt", "dd", "option",
        "optgroup", "tbody", "thead", "tfoot", "colgroup", "rb", "rt", "rp", "rtc", "frame",
        "basefont", "bgsound", "image",
    ];
    let bytes = text.as_bytes();
    let mut depth: usize = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let (closing, rest) = match rest.first() {
            Some(b'/') => (true, &rest[1..]),
            _ => (false, rest),
        };
        let len = rest.iter().take(16).take_while(|b| b.is_ascii_alphanumeric()).count();
        if len == 0 || !rest[0].is_ascii_alphabetic() {
            continue;
        }
        let name = String::from_utf8_lossy(&rest[..len]).to_ascii_lowercase();
        if IMPLIED.contains(&name.as_str()) {
            continue;
        }
        let tag_end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let self_closing = tag_end > 0 && rest.get(tag_end - 1) == Some(&b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            if depth > MAX_ELEMENT_DEPTH {
                return Some(MAX_ELEMENT_DEPTH);
            }
        }
    }
    None
}

fn element_name<'a>(node: &NodeRef<'a, Node>) -> Option<&'a str> {
    match node.value() {
        Node::Element(element) => Some(element.name()),
        _ => None,
    }
}

fn attr<'a>(node: &NodeRef<'a, Node>, name: &str) -> Option<&'a str> {
    match node.value() {
        Node::Element(element) => element.attr(name),
        _ => None,
    }
}

/// The value of a property in an element's `style` attribute, lowercased.
fn style(node: &NodeRef<'_, Node>, property: &str) -> Option<String> {
    let style = attr(node, "style")?;
    style.split(';').rev().find_map(|declaration| {
        let (name, value) = declaration.split_once(':')?;
        name.trim().eq_ignore_ascii_case(property).then(|| {
            let value = value.trim().to_ascii_lowercase();
            value.trim_end_matches("!important").trim().to_string()
        })
    })
}

/// Whether a browser shows nothing of the element: hidden, `display:none`, or content that
/// is never rendered (scripts, styles, templates, the head).
fn not_shown(node: &NodeRef<'_, Node>) -> bool {
    let Some(name) = element_name(node) else { return false };
    matches!(name, "script" | "style" | "template" | "head" | "title" | "noscript" | "iframe")
        || attr(node, "hidden").is_some()
        || style(node, "display").as_deref() == Some("none")
}

/// What a table holds, to tell page layout from data.
#[derive(Debug, Default)]
struct Survey {
    /// Non-blank characters outside the inner tables.
    own_chars: usize,
    /// Non-blank characters inside them.
    inner_chars: usize,
    inner_tables: usize,
    /// `th`, `thead` or a `caption` of its own.
    header_markup: bool,
    /// Its own text, blank runs collapsed, for the report.
    own_text: String,
    /// The widest row, in cells (spans not counted).
    widest_row: usize,
}

fn survey(table: NodeRef<'_, Node>) -> Survey {
    let mut out = Survey::default();
    // (node, inside an inner table)
    let mut stack: Vec<(NodeRef<'_, Node>, bool)> =
        table.children().rev().map(|n| (n, false)).collect();
    while let Some((node, inner)) = stack.pop() {
        match node.value() {
            Node::Text(text) => {
                let chars = text.chars().filter(|c| !c.is_whitespace()).count();
                if inner {
                    out.inner_chars += chars;
                } else if chars > 0 {
                    out.own_chars += chars;
                    if !out.own_text.is_empty() {
                        out.own_text.push(' ');
                    }
                    out.own_text.push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            Node::Element(element) => {
                if not_shown(&node) {
                    continue;
                }
                let name = element.name();
                let mut inner = inner;
                if !inner {
                    match name {
                        "table" => {
                            out.inner_tables += 1;
                            inner = true;
                        }
                        "th" | "thead" | "caption" => out.header_markup = true,
                        "tr" => {
                            let cells = node
                                .children()
                                .filter(|c| matches!(element_name(c), Some("td" | "th")))
                                .count();
                            out.widest_row = out.widest_row.max(cells);
                        }
                        _ => {}
                    }
                }
                stack.extend(node.children().rev().map(|n| (n, inner)));
            }
            _ => {}
        }
    }
    out
}

fn is_layout(table: &NodeRef<'_, Node>, survey: &Survey) -> bool {
    let role = attr(table, "role").map(|r| r.trim().to_ascii_lowercase());
    survey.inner_tables > 0
        && !survey.header_markup
        && (matches!(role.as_deref(), Some("presentation" | "none"))
            || survey.widest_row <= 1
            || survey.own_chars <= survey.inner_chars)
}

struct PageReader<'f> {
    file: &'f str,
    warnings: Vec<ReadWarning>,
    /// Grid positions the page may make or visit, and how many it has.
    budget: usize,
    grid_used: usize,
    cells: usize,
    max_cells: usize,
}

/// One cell placed on a table's grid.
struct Placed {
    row: usize,
    col: usize,
    colspan: usize,
    rowspan: usize,
    cell: Cell,
}

impl PageReader<'_> {
    fn limit(&self, reason: Msg) -> ReadError {
        ReadError::Limit { file: self.file.to_string(), part: None, reason }
    }

    /// The page in document order: its data tables, and the text outside them kept beside
    /// them (`preamble`, then each table's `after`). A page-layout table is not a table of
    /// the page: its inner tables are, and its own text is text outside them.
    fn page(&mut self, root: NodeRef<'_, Node>) -> Result<(Vec<Table>, Vec<String>), ReadError> {
        let mut tables: Vec<Table> = Vec::new();
        let mut preamble = Vec::new();
        let mut text = TextBuilder::default();
        let flush =
            |text: &mut TextBuilder, tables: &mut Vec<Table>, preamble: &mut Vec<String>| {
                let paragraphs = std::mem::take(text).finish();
                let outside = match tables.last_mut() {
                    Some(table) => &mut table.after,
                    None => preamble,
                };
                outside.extend(paragraphs.into_iter().filter(|p| !p.trim().is_empty()));
            };
        // (node, entering); `layout` counts the page-layout tables open.
        let mut layout = 0usize;
        let mut stack: Vec<(NodeRef<'_, Node>, bool)> =
            root.children().rev().map(|n| (n, true)).collect();
        while let Some((node, entering)) = stack.pop() {
            match node.value() {
                Node::Text(t) if entering => text.push_text(t),
                Node::Element(element) => {
                    let name = element.name();
                    if !entering {
                        if name == "table" {
                            layout = layout.saturating_sub(1);
                        }
                        if matches!(name, "td" | "th" | "tr" | "caption") {
                            text.end_block();
                        }
                        text.close(&node, name);
                        continue;
                    }
                    if not_shown(&node) {
                        continue;
                    }
                    if name == "table" {
                        if layout > MAX_TABLE_DEPTH {
                            return Err(
                                self.limit(msg!("read.tables-too-deep", limit = MAX_TABLE_DEPTH))
                            );
                        }
                        let survey = survey(node);
                        if !is_layout(&node, &survey) {
                            flush(&mut text, &mut tables, &mut preamble);
                            let index = tables.len();
                            let mut built = self.table(node, index, layout)?;
                            if !built.rows.iter().any(|row| row.header) {
                                crate::flag_headers(
                                    std::slice::from_mut(&mut built),
                                    &mut self.warnings,
                                );
                            }
                            tables.push(built);
                            continue;
                        }
                        if !survey.own_text.is_empty() {
                            self.warnings.push(ReadWarning {
                                table: tables.len(),
                                row: 0,
                                code: taizhang_model::Code::LayoutTable.into(),
                                message: crate::warning_text(msg!(
                                    "layout-table",
                                    tables = survey.inner_tables,
                                    text = survey.own_text
                                )),
                            });
                        }
                        layout += 1;
                    }
                    if matches!(name, "td" | "th" | "tr" | "caption") {
                        text.end_block();
                    }
                    text.open(&node, name);
                    stack.push((node, false));
                    stack.extend(node.children().rev().map(|n| (n, true)));
                }
                _ => {}
            }
        }
        flush(&mut text, &mut tables, &mut preamble);
        Ok((tables, preamble))
    }

    /// Builds one table (and the tables in its cells).
    fn table(
        &mut self,
        table: NodeRef<'_, Node>,
        index: usize,
        depth: usize,
    ) -> Result<Table, ReadError> {
        if depth > MAX_TABLE_DEPTH {
            return Err(self.limit(msg!("read.tables-too-deep", limit = MAX_TABLE_DEPTH)));
        }
        // Row groups in table order, the footers last; rows directly in the table (not made
        // by the parser, but possible in a tree built otherwise) form their own groups.
        let mut groups: Vec<(bool, Vec<NodeRef<'_, Node>>)> = Vec::new();
        let mut footers = Vec::new();
        for child in table.children() {
            if not_shown(&child) {
                continue;
            }
            match element_name(&child) {
                Some("thead") => groups.push((true, rows_of(child))),
                Some("tbody") => groups.push((false, rows_of(child))),
                Some("tfoot") => footers.push((false, rows_of(child))),
                Some("tr") => groups.push((false, vec![child])),
                _ => {}
            }
        }
        groups.extend(footers);

        let mut grid: Vec<Vec<u32>> = Vec::new();
        let mut placed: Vec<Placed> = Vec::new();
        let mut header_rows: Vec<bool> = Vec::new();
        for (in_head, rows) in groups {
            let group_start = grid.len();
            let shown: Vec<_> = rows.iter().filter(|tr| !not_shown(tr)).copied().collect();
            let group_end = group_start + shown.len();
            for tr in rows.iter().filter(|tr| not_shown(tr)) {
                let text: String = tr.descendants().filter_map(text_of).collect();
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if !text.is_empty() {
                    self.warnings.push(ReadWarning {
                        table: index,
                        row: group_start,
                        code: taizhang_model::Code::HiddenRow.into(),
                        message: crate::warning_text(msg!(
                            "hidden-row",
                            table = index,
                            text = text
                        )),
                    });
                }
            }
            for (k, tr) in shown.into_iter().enumerate() {
                let y = group_start + k;
                if grid.len() <= y {
                    grid.resize_with(y + 1, Vec::new);
                }
                let mut all_th = true;
                let mut any = false;
                let mut x = 0;
                for td in tr.children() {
                    let name = element_name(&td);
                    if !matches!(name, Some("td" | "th")) || not_shown(&td) {
                        continue;
                    }
                    any = true;
                    all_th &= name == Some("th");
                    while grid[y].get(x).is_some_and(|&slot| slot != 0) {
                        x += 1;
                    }
                    let colspan = span(attr(&td, "colspan"), 1).clamp(1, MAX_COLSPAN);
                    let rowspan = match span(attr(&td, "rowspan"), 1).min(MAX_ROWSPAN) {
                        0 => group_end - y,
                        n => n.min(group_end - y),
                    };
                    let id = u32::try_from(placed.len() + 1)
                        .map_err(|_| self.limit(msg!("read.html.too-many-cells")))?;
                    for row in y..y + rowspan {
                        if grid.len() <= row {
                            grid.resize_with(row + 1, Vec::new);
                        }
                        let slots = &mut grid[row];
                        // Every position made or visited counts, page-wide: spans that
                        // overlap cost their visits even where the grid does not grow.
                        let grown = (x + colspan).saturating_sub(slots.len());
                        self.grid_used += colspan + grown;
                        if self.grid_used > self.budget {
                            return Err(self.limit(msg!(
                                "read.html.grid",
                                table = index,
                                limit = self.budget,
                                row = row,
                                column = x + colspan
                            )));
                        }
                        if grown > 0 {
                            slots.resize(x + colspan, 0);
                        }
                        for slot in &mut slots[x..x + colspan] {
                            // A cell overlapping another (a span reaching into a cell
                            // placed later in the row above): the first keeps the slot.
                            if *slot == 0 {
                                *slot = id;
                            }
                        }
                    }
                    self.cells += 1;
                    if self.cells > self.max_cells {
                        return Err(
                            self.limit(msg!("read.doc.too-many-cells", limit = self.max_cells))
                        );
                    }
                    let cell = self.cell(td, depth)?;
                    placed.push(Placed { row: y, col: x, colspan, rowspan, cell });
                    x += colspan;
                }
                if header_rows.len() <= y {
                    header_rows.resize(y + 1, false);
                }
                header_rows[y] = in_head || (any && all_th);
            }
        }
        header_rows.resize(grid.len(), false);

        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        let mut rows = Vec::with_capacity(grid.len());
        let mut cells: Vec<Option<Cell>> =
            placed.iter_mut().map(|p| Some(std::mem::take(&mut p.cell))).collect();
        for (y, slots) in grid.iter().enumerate() {
            let mut row = Row { header: header_rows[y], ..Row::default() };
            for (x, &slot) in slots.iter().enumerate() {
                if slot == 0 {
                    let mut hole = Cell::default();
                    hole.span = 1;
                    row.cells.push(hole);
                    continue;
                }
                let id = slot as usize - 1;
                let p = &placed[id];
                if p.col != x {
                    continue;
                }
                if p.row == y {
                    let mut cell = cells[id].take().unwrap_or_default();
                    cell.span = p.colspan;
                    if p.rowspan > 1 {
                        cell.vmerge = Some(VMerge::Restart);
                    }
                    row.cells.push(cell);
                } else {
                    let mut cell = Cell::from_paragraphs(vec![String::new()]);
                    cell.span = p.colspan;
                    cell.vmerge = Some(VMerge::Continue);
                    cell.merged_from = Some(p.row);
                    row.cells.push(cell);
                }
            }
            // Holes at the end of a row are the grid's, not cells.
            while row.cells.last().is_some_and(|c| c.paragraph_count() == 0 && c.vmerge.is_none())
                && slots.last() == Some(&0)
            {
                row.cells.pop();
                row.grid_after += 1;
                if row.grid_after >= slots.len() {
                    break;
                }
            }
            row.grid_after += width - slots.len();
            rows.push(row);
        }
        Ok(Table::with_rows(index, rows))
    }

    /// A cell's paragraphs and the tables inside it.
    fn cell(&mut self, td: NodeRef<'_, Node>, depth: usize) -> Result<Cell, ReadError> {
        let mut text = TextBuilder::default();
        let mut tables = Vec::new();
        // (node, entering)
        let mut stack: Vec<(NodeRef<'_, Node>, bool)> =
            td.children().rev().map(|n| (n, true)).collect();
        while let Some((node, entering)) = stack.pop() {
            match node.value() {
                Node::Text(t) if entering => text.push_text(t),
                Node::Element(element) => {
                    let name = element.name();
                    if entering {
                        if not_shown(&node) {
                            continue;
                        }
                        if name == "table" {
                            text.end_block();
                            let index = tables.len();
                            tables.push(self.table(node, index, depth + 1)?);
                            continue;
                        }
                        text.open(&node, name);
                        stack.push((node, false));
                        stack.extend(node.children().rev().map(|n| (n, true)));
                    } else {
                        text.close(&node, name);
                    }
                }
                _ => {}
            }
        }
        let mut paragraphs = text.finish();
        if paragraphs.is_empty() {
            paragraphs.push(String::new());
        }
        let mut cell = Cell::from_paragraphs(paragraphs);
        cell.tables = tables;
        Ok(cell)
    }
}

fn rows_of(group: NodeRef<'_, Node>) -> Vec<NodeRef<'_, Node>> {
    group.children().filter(|c| element_name(c) == Some("tr")).collect()
}

fn text_of<'a>(node: NodeRef<'a, Node>) -> Option<&'a str> {
    match node.value() {
        Node::Text(text) => Some(text),
        _ => None,
    }
}

/// A `colspan`/`rowspan` value by the standard's rules for non-negative integers: leading
/// white space, digits, anything after ignored; `default` when there are no digits.
fn span(value: Option<&str>, default: usize) -> usize {
    let Some(value) = value else { return default };
    let digits: String = value
        .trim_start_matches(|c: char| c.is_ascii_whitespace())
        .trim_start_matches('+')
        .chars()
        .take_while(char::is_ascii_digit)
        .take(8)
        .collect();
    digits.parse().unwrap_or(default)
}

/// Elements that start and end a block (a paragraph boundary).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "address"
            | "article"
            | "aside"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "header"
            | "hgroup"
            | "hr"
            | "legend"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "plaintext"
            | "section"
            | "summary"
            | "table"
            | "caption"
            | "textarea"
            | "xmp"
    )
}

/// One list being counted.
struct List {
    ordered: bool,
    next: i64,
    step: i64,
    kind: char,
    labels: bool,
    depth: usize,
}

/// Collects a cell's paragraphs as a browser lays its text out.
#[derive(Default)]
struct TextBuilder {
    paragraphs: Vec<String>,
    line: String,
    /// Collapsible white space seen since the last character.
    pending: bool,
    /// Inside `pre` or `white-space: pre…`.
    pre: usize,
    /// Elements opened that switched `pre` on, by depth.
    pre_stack: Vec<bool>,
    lists: Vec<List>,
    /// The label of the list item whose first paragraph is still to come.
    label: Option<String>,
}

impl TextBuilder {
    fn open(&mut self, node: &NodeRef<'_, Node>, name: &str) {
        if name == "br" {
            self.break_line();
            self.pre_stack.push(false);
            return;
        }
        if is_block(name) {
            self.end_block();
        }
        let white_space = style(node, "white-space");
        let pre = matches!(name, "pre" | "textarea" | "listing" | "plaintext" | "xmp")
            || white_space.as_deref().is_some_and(|w| w.starts_with("pre") || w == "break-spaces");
        if pre {
            self.pre += 1;
        }
        self.pre_stack.push(pre);
        match name {
            "ol" | "ul" | "menu" | "dir" => {
                let ordered = name == "ol";
                let items = node.children().filter(|c| element_name(c) == Some("li")).count();
                let reversed = ordered && attr(node, "reversed").is_some();
                let start = attr(node, "start").and_then(|s| s.trim().parse::<i64>().ok());
                let next = start.unwrap_or(if reversed { items as i64 } else { 1 });
                let kind = attr(node, "type").and_then(|t| t.chars().next()).unwrap_or('1');
                let none = style(node, "list-style-type").as_deref() == Some("none")
                    || style(node, "list-style")
                        .is_some_and(|s| s.split_whitespace().any(|w| w == "none"));
                let depth = self.lists.iter().filter(|l| !l.ordered).count();
                self.lists.push(List {
                    ordered,
                    next,
                    step: if reversed { -1 } else { 1 },
                    kind,
                    labels: !none,
                    depth,
                });
            }
            "li" => {
                let list = self.lists.last_mut();
                let label = match list {
                    Some(list) => {
                        if let Some(value) = attr(node, "value").and_then(|v| v.trim().parse().ok())
                        {
                            list.next = value;
                        }
                        let number = list.next;
                        list.next = list.next.saturating_add(list.step);
                        let none = style(node, "list-style-type").as_deref() == Some("none");
                        (list.labels && !none).then(|| {
                            if list.ordered {
                                format!("{}. ", ordinal(number, list.kind))
                            } else {
                                ["• ", "◦ ", "▪ "][list.depth.min(2)].to_string()
                            }
                        })
                    }
                    None => Some("• ".to_string()),
                };
                self.label = label;
            }
            _ => {}
        }
    }

    fn close(&mut self, _node: &NodeRef<'_, Node>, name: &str) {
        if self.pre_stack.pop() == Some(true) {
            self.pre = self.pre.saturating_sub(1);
        }
        if name == "br" {
            return;
        }
        if matches!(name, "ol" | "ul" | "menu" | "dir") {
            self.lists.pop();
        }
        if is_block(name) {
            self.end_block();
            if name == "li" {
                if let Some(label) = self.label.take() {
                    self.paragraphs.push(label);
                }
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if self.pre > 0 {
                match c {
                    '\n' => self.break_line(),
                    '\r' => {}
                    c => self.line.push(c),
                }
                continue;
            }
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
                self.pending = true;
                continue;
            }
            if std::mem::take(&mut self.pending) && !self.line.is_empty() {
                self.line.push(' ');
            }
            self.line.push(c);
        }
    }

    fn break_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.pending = false;
        self.push_paragraph(line);
    }

    fn end_block(&mut self) {
        self.pending = false;
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.push_paragraph(line);
        }
    }

    fn push_paragraph(&mut self, line: String) {
        // A lone no-break space is how editors keep an empty paragraph visible.
        let line = if line == "\u{A0}" { String::new() } else { line.replace('\u{A0}', " ") };
        let line = match self.label.take() {
            Some(label) => label + &line,
            None => line,
        };
        self.paragraphs.push(line);
    }

    fn finish(mut self) -> Vec<String> {
        self.end_block();
        if let Some(label) = self.label.take() {
            self.paragraphs.push(label);
        }
        self.paragraphs
    }
}

/// A list number as `type` draws it: `1`, `a`, `A`, `i`, `I`.
fn ordinal(n: i64, kind: char) -> String {
    match kind {
        'a' | 'A' if n > 0 => {
            let mut n = n;
            let mut out = Vec::new();
            while n > 0 {
                n -= 1;
                out.push((b'a' + (n % 26) as u8) as char);
                n /= 26;
            }
            let s: String = out.into_iter().rev().collect();
            if kind == 'A' {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        'i' | 'I' if (1..4000).contains(&n) => {
            let mut n = n;
            let mut s = String::new();
            for (value, digits) in [
                (1000, "m"),
                (900, "cm"),
                (500, "d"),
                (400, "cd"),
                (100, "c"),
                (90, "xc"),
                (50, "l"),
                (40, "xl"),
                (10, "x"),
                (9, "ix"),
                (5, "v"),
                (4, "iv"),
                (1, "i"),
            ] {
                while n >= value {
                    s.push_str(digits);
                    n -= value;
                }
            }
            if kind == 'I' {
                s.to_ascii_uppercase()
            } else {
                s
            }
        }
        _ => n.to_string(),
    }
}

/// Whether the bytes start like an HTML page (after a BOM, blanks and comments): a doctype,
/// `<html>`, `<head>`, `<body>`, `<meta>`, `<title>` or `<table>`, also behind an XML
/// declaration, in UTF-8, a legacy encoding or UTF-16.
pub fn sniff(bytes: &[u8]) -> bool {
    let head: Cow<'_, [u8]> = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) if encoding != UTF_8 => {
            let end = bytes.len().min(bom + 2048);
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..end]);
            Cow::Owned(text.into_owned().into_bytes())
        }
        Some((_, bom)) => Cow::Borrowed(&bytes[bom..bytes.len().min(bom + 1024)]),
        None => match utf16_without_bom(bytes) {
            Some(encoding) => {
                let end = bytes.len().min(2048);
                let (text, _) = encoding.decode_without_bom_handling(&bytes[..end]);
                Cow::Owned(text.into_owned().into_bytes())
            }
            None => Cow::Borrowed(&bytes[..bytes.len().min(1024)]),
        },
    };
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut rest: &[u8] = &lower;
    loop {
        let start = rest.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(rest.len());
        rest = &rest[start..];
        if rest.starts_with(b"<!--") {
            match find(rest, b"-->") {
                Some(end) => rest = &rest[end + 3..],
                None => return false,
            }
        } else if rest.starts_with(b"<?xml") {
            match find(rest, b"?>") {
                Some(end) => rest = &rest[end + 2..],
                None => return false,
            }
        } else {
            break;
        }
    }
    const STARTS: [&[u8]; 7] =
        [b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<table"];
    STARTS.iter().any(|start| {
        rest.starts_with(start)
            && rest.get(start.len()).is_none_or(|&b| b.is_ascii_whitespace() || b == b'>')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> HtmlOutput {
        read_html("t.html", html.as_bytes(), &Options::default()).unwrap()
    }

    /// Each row's cells as (text, span, vmerge, merged_from).
    type Shape = (String, usize, Option<VMerge>, Option<usize>);

    fn shape(table: &Table) -> Vec<Vec<Shape>> {
        table
            .rows
            .iter()
            .map(|r| {
                r.cells.iter().map(|c| (c.text.clone(), c.span, c.vmerge, c.merged_from)).collect()
            })
            .collect()
    }

    #[test]
    fn rowspan_and_colspan_follow_the_table_model() {
        let out = read(
            "<table><tr><td rowspan=3>A<td colspan=2>B<tr><td>C<td rowspan=0>D\
             <tr><td>E</table>",
        );
        let s = |t: &str| t.to_string();
        assert_eq!(
            shape(&out.tables[0]),
            [
                vec![(s("A"), 1, Some(VMerge::Restart), None), (s("B"), 2, None, None)],
                vec![
                    (s(""), 1, Some(VMerge::Continue), Some(0)),
                    (s("C"), 1, None, None),
                    (s("D"), 1, Some(VMerge::Restart), None)
                ],
                vec![
                    (s(""), 1, Some(VMerge::Continue), Some(0)),
                    (s("E"), 1, None, None),
                    (s(""), 1, Some(VMerge::Continue), Some(1))
                ],
            ]
        );
    }

    #[test]
    fn spans_stop_at_their_row_group_and_ragged_rows_end_in_grid_after() {
        let out = read(
            "<table><thead><tr><th rowspan=5>H<th>I</thead>\
             <tbody><tr><td>a<td>b<td>c<tr><td>d</tbody></table>",
        );
        let rows = &out.tables[0].rows;
        assert_eq!(rows.len(), 3);
        assert!(rows[0].header && !rows[1].header);
        assert_eq!(rows[0].cells[0].vmerge, None, "a rowspan of 5 in a one-row head");
        assert_eq!(rows[0].grid_after, 1);
        assert_eq!(rows[2].cells.len(), 1);
        assert_eq!(rows[2].grid_after, 2);
    }

    #[test]
    fn hostile_spans_are_clamped_or_refused() {
        // colspan is clamped to 1000, rowspan to the rows there are.
        let out = read("<table><tr><td colspan=99999999 rowspan=99999999>x<tr><td>y</table>");
        let rows = &out.tables[0].rows;
        assert_eq!((rows[0].cells[0].span, rows[0].cells[0].vmerge), (1000, Some(VMerge::Restart)));
        assert_eq!(rows[1].cells[0].span, 1000);
        assert_eq!(rows[1].cells[1].text, "y");
        // A thousand full-width cells spanning thousands of empty rows: far more grid
        // positions than the page has bytes.
        let mut page = String::from("<table><tr>");
        for _ in 0..100 {
            page.push_str("<td colspan=1000 rowspan=65534>");
        }
        page.push_str(&"<tr>".repeat(5000));
        page.push_str("</table>");
        let started = std::time::Instant::now();
        let err = read_html("t.html", page.as_bytes(), &Options::default()).unwrap_err();
        assert!(err.to_string().contains("grid positions"), "{err}");
        assert!(started.elapsed().as_secs() < 10);
        // Spans overlapping rows already covered cost their visits: each row's first cell
        // spans a thousand columns all the way down, over a full-width span from row 0.
        let mut page = String::from("<table><tr><td>a<td colspan=1000 rowspan=0>b");
        page.push_str(&"<tr><td colspan=1000 rowspan=0>x".repeat(5000));
        page.push_str("</table>");
        let started = std::time::Instant::now();
        let err = read_html("t.html", page.as_bytes(), &Options::default()).unwrap_err();
        assert!(err.to_string().contains("grid positions"), "{err}");
        assert!(started.elapsed().as_secs() < 10);
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let page = format!("<table><tr><td>{}x</table>", "<div>".repeat(100_000));
        let started = std::time::Instant::now();
        let err = read_html("t.html", page.as_bytes(), &Options::default()).unwrap_err();
        assert!(err.to_string().contains("nested more than"), "{err}");
        assert!(started.elapsed().as_secs() < 10);
        // Unclosed paragraphs and cells do not nest.
        let page = format!("<table><tr><td>{}</table>", "<p>x".repeat(10_000));
        assert_eq!(read(&page).tables[0].rows[0].cells[0].paragraph_count(), 10_000);
    }

    #[test]
    fn paragraphs_line_breaks_and_white_space() {
        let out = read(
            "<table><tr><td>\n  <p>一\n二  three\n\t four</p><p>&nbsp;</p><p> </p>\
             <p>&nbsp;&nbsp;&nbsp; 缩进。&nbsp;&nbsp;</p>a<br>b<br><br>c<br></td>\
             <td><pre>x\n  y</pre></td></table>",
        );
        let cells = &out.tables[0].rows[0].cells;
        assert_eq!(
            cells[0].paragraphs(),
            ["一 二 three four", "", "    缩进。  ", "a", "b", "", "c"]
        );
        assert_eq!(cells[1].paragraphs(), ["x", "  y"]);
    }

    #[test]
    fn list_labels_are_drawn() {
        let out = read(
            "<table><tr><td><ol start=7><li><p>着力</p></li><li value=11>推动</li></ol>\
             <ol type=a reversed><li>x<li>y</ol><ul><li>点</ul></table>",
        );
        let cell = &out.tables[0].rows[0].cells[0];
        assert_eq!(cell.paragraphs(), ["7. 着力", "11. 推动", "b. x", "a. y", "• 点"]);
    }

    #[test]
    fn word_filtered_html_keeps_its_list_labels_and_drops_hidden_rows() {
        let page = "<html><body><table class=MsoNormalTable>\
            <tr><td><p class=MsoNormal><b>序号</b></p></td><td><p class=MsoNormal>任务</p></td></tr>\
            <tr><td><p class=MsoListParagraph><![if !supportLists]><span style='mso-list:Ignore'>（7）\
            <span style='font:7.0pt \"Times New Roman\"'>&nbsp;</span></span><![endif]>\
            <span>着力推进</span><o:p></o:p></p></td>\
            <td><p class=MsoNormal><span lang=EN-US>&nbsp;</span><o:p></o:p></p></td></tr>\
            <![if !supportMisalignedColumns]><tr height=0 style='display:none'>\
            <td width=128 style='border:none'></td><td></td></tr><![endif]>\
            <tr style='display: none'><td>隐藏</td></tr></table></body></html>";
        let out = read(page);
        let rows = &out.tables[0].rows;
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].cells[0].text, "（7） 着力推进");
        assert_eq!(rows[1].cells[1].paragraphs(), [""]);
        assert!(rows[0].header, "the first row with two texts, as for .txt");
        let codes: Vec<&str> = out.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(codes, ["hidden-row"], "{:?}", out.warnings);
        assert!(out.warnings[0].message.ends_with("隐藏"));
    }

    #[test]
    fn layout_tables_give_way_to_the_tables_inside_them() {
        let page = "<table><tr><td><img alt=logo>门户网站</td></tr>\
            <tr><td><table><tr><td>首页<td>政务公开</table></td></tr>\
            <tr><td>当前位置：首页<div><table><thead><tr><th>序号<th>任务</thead>\
            <tr><td>1<td><p>建设</p><table><tr><td>子表</table></td></tr></table></div></td></tr>\
            </table>";
        let out = read(page);
        assert_eq!(out.tables.len(), 2, "{:?}", out.tables);
        assert_eq!(out.tables[0].rows[0].cells[1].text, "政务公开");
        let data = &out.tables[1];
        assert_eq!(data.index, 1);
        assert!(data.rows[0].header);
        let cell = &data.rows[1].cells[1];
        assert_eq!(cell.text, "建设", "the nested table is not cell text");
        assert_eq!(cell.tables[0].rows[0].cells[0].text, "子表");
        assert_eq!(data.tables_in_cells, 1);
        assert_eq!(out.warnings[0].code, "layout-table");
        assert!(out.warnings[0].message.ends_with("门户网站 当前位置：首页"));
    }

    #[test]
    fn a_data_table_keeps_its_nested_tables() {
        // Header cells of its own: data, however much its inner table holds.
        let page = "<table><tr><th>序号<th>任务<tr><td>1<td><table><tr><td>很长很长的内容\
            <td>更多内容</table></table>";
        let out = read(page);
        assert_eq!(out.tables.len(), 1);
        assert_eq!(out.tables[0].rows[1].cells[1].tables.len(), 1);
    }

    #[test]
    fn encodings() {
        let body = "<table><tr><td>滘·配合单位</table>";
        // GBK declared as gb2312 (pages do), by http-equiv and by charset.
        let (gbk, _, _) = encoding_rs::GBK.encode(body);
        for meta in [
            "<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">",
            "<meta charset='GB2312'>",
        ] {
            let mut page = format!("<html><head>{meta}</head><body>").into_bytes();
            page.extend_from_slice(&gbk);
            let decoded = decode(&page);
            assert_eq!(decoded.encoding.name(), "GBK", "{meta}");
            assert!(decoded.text.contains("滘·配合单位") && !decoded.errors);
        }
        // Undeclared GB18030 bytes: the detector.
        let (bytes, _, _) = encoding_rs::GB18030.encode(
            "<html><body><table><tr><td>牵头单位：城建局，配合单位：交通运输局、财政局</table>",
        );
        assert!(std::str::from_utf8(&bytes).is_err());
        let decoded = decode(&bytes);
        assert!(decoded.text.contains("牵头单位：城建局"), "{}", decoded.encoding.name());
        // UTF-16 with and without a BOM; a BOM wins over a wrong meta.
        let page = "<html><head><meta charset=gbk></head><table><tr><td>任务</table>";
        let le: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = page.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        assert_eq!(decode(&with_bom).encoding, UTF_16LE);
        assert_eq!(decode(&le).encoding, UTF_16LE);
        assert_eq!(decode(&be).encoding, UTF_16BE);
        assert!(sniff(&with_bom) && sniff(&le) && sniff(&be));
        let utf8_bom = format!("\u{FEFF}{page}");
        assert_eq!(decode(utf8_bom.as_bytes()).encoding, UTF_8);
        assert_eq!(decode(utf8_bom.as_bytes()).text, page);
        // Damaged bytes in a declared encoding are reported, not fatal.
        let page = b"<meta charset=utf-8><table><tr><td>a\xFF</table>";
        let out = read_html("t.html", page, &Options::default()).unwrap();
        assert_eq!(out.tables[0].rows[0].cells[0].text, "a\u{FFFD}");
        assert_eq!(out.warnings[0].code, "encoding-errors");
    }

    #[test]
    fn sniffing_needs_markup_at_the_start() {
        assert!(sniff(b"<!-- saved from url -->\n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD\">"));
        assert!(sniff(b"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"));
        assert!(sniff(b"  <table border=1><tr><td>1</table>"));
        assert!(!sniff(b"\xe5\xba\x8f\xe5\x8f\xb7,<html>"));
        assert!(!sniff(b"<tablet>"));
    }

    #[test]
    fn a_page_without_tables_is_no_table() {
        let err = read_html("t.html", b"<html><p>hi</p></html>", &Options::default());
        assert!(matches!(err, Err(ReadError::NoTable { .. })));
    }
}
