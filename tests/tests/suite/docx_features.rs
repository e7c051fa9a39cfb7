//! The .docx reader, construct by construct: small documents built in the test (stored zips
//! written by `taizhang_reader::docx::writer`), plus the two seed documents checked against
//! the seed's .txt export.

use std::path::PathBuf;

use taizhang_model::table::{Cell, Table, VMerge};
use taizhang_reader::docx::writer::{self, Entry};
use taizhang_reader::docx::{read_docx, DocxOutput};
use taizhang_reader::{Options, ReadError};

fn fixture(path: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures").join(path);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(bytes: &[u8]) -> DocxOutput {
    read_docx("test.docx", bytes, &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn body(xml: &str) -> Vec<Table> {
    read(&writer::docx(xml)).tables
}

fn texts(table: &Table) -> Vec<Vec<String>> {
    table.rows.iter().map(|r| r.cells.iter().map(|c| c.text.clone()).collect()).collect()
}

/// A paragraph with one run of text.
fn p(text: &str) -> String {
    format!(r#"<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn tc(content: &str) -> String {
    format!("<w:tc>{content}</w:tc>")
}

fn tc_props(props: &str, content: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
}

fn tr(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

fn tbl(rows: &[String]) -> String {
    format!("<w:tbl><w:tblPr/><w:tblGrid/>{}</w:tbl>", rows.concat())
}

// ---------------------------------------------------------------------------------------
// The seed documents.

/// The seed's .txt export, loaded with the layout rules of `fixtures/README.md`: a cell is
/// a line starting with a TAB, a line without one continues the cell as a new paragraph, a
/// blank line ends the row once it has six cells (otherwise it is an empty paragraph).
fn seed_txt() -> Vec<Vec<String>> {
    let text = String::from_utf8(fixture("seed/plan-2020.txt")).expect("UTF-8");
    // The export starts with a space before the first TAB and ends with a lone space.
    let text = text.strip_prefix(' ').unwrap_or(&text);
    let text = text.strip_suffix("\n ").unwrap_or(text);
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<Vec<String>> = None;
    for line in text.split('\n') {
        if let Some(rest) = line.strip_prefix('\t') {
            if let Some(done) = cell.take() {
                row.push(done.join("\n"));
            }
            cell = Some(vec![rest.to_string()]);
        } else if line.is_empty() {
            if row.len() + usize::from(cell.is_some()) >= 6 {
                if let Some(done) = cell.take() {
                    row.push(done.join("\n"));
                }
                rows.push(std::mem::take(&mut row));
            } else if let Some(cell) = cell.as_mut() {
                cell.push(String::new());
            }
        } else if let Some(cell) = cell.as_mut() {
            cell.push(line.to_string());
        }
    }
    if let Some(done) = cell.take() {
        row.push(done.join("\n"));
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

fn check_seed_shape(table: &Table) {
    assert_eq!(table.rows.len(), 112);
    assert!(table.rows.iter().all(|r| r.cells.len() == 6 && r.cells.iter().all(|c| c.span == 1)));
    assert!(table.rows[0].header, "the first row carries w:tblHeader");
    assert!(table.rows[1..].iter().all(|r| !r.header));
    let cells = || table.rows.iter().flat_map(|r| &r.cells);
    assert_eq!(cells().filter(|c| c.vmerge == Some(VMerge::Restart)).count(), 28);
    assert_eq!(cells().filter(|c| c.vmerge == Some(VMerge::Continue)).count(), 98);
    // Every continuation points back to the restart cell above it in the same column.
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            if cell.vmerge == Some(VMerge::Continue) {
                let from =
                    cell.merged_from.unwrap_or_else(|| panic!("row {r} col {c} has merged_from"));
                assert!(from < r);
                assert_eq!(table.rows[from].cells[c].vmerge, Some(VMerge::Restart));
                for between in &table.rows[from + 1..r] {
                    assert_eq!(between.cells[c].vmerge, Some(VMerge::Continue));
                }
            } else {
                assert_eq!(cell.merged_from, None);
            }
        }
    }
    assert_eq!(table.tables_in_cells, 0);
}

#[test]
fn docx_seed_libreoffice_equals_the_txt_export() {
    let out = read(&fixture("seed/plan-2020.docx"));
    assert_eq!(out.tables.len(), 1);
    assert_eq!(out.encoding, "utf-8");
    let table = &out.tables[0];
    check_seed_shape(table);
    let txt = seed_txt();
    assert_eq!(txt.len(), 112);
    let mut differences = Vec::new();
    for (r, (row, expected)) in table.rows.iter().zip(&txt).enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            // The export's last row has no sixth cell: that cell is empty in the document.
            let expected = expected.get(c).map_or("", String::as_str);
            if cell.text != expected {
                differences.push(format!("row {r} col {c}: {:?} != {expected:?}", cell.text));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{} cells differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
    // The numbers Word gave the empty paragraphs of merged-away cells.
    assert_eq!(table.rows[16].cells[1].text, "10. ");
    assert_eq!(table.rows[7].cells[0].text, "（7） 着力推进“交通体系扩展”行动。");
    assert_eq!(table.rows[75].cells[3].paragraphs().last().copied(), Some(""));
}

#[test]
fn docx_seed_python_docx_equals_the_txt_export_but_the_bare_numbers() {
    let out = read(&fixture("seed/plan-2020-pydocx.docx"));
    assert_eq!(out.tables.len(), 1);
    let table = &out.tables[0];
    check_seed_shape(table);
    let txt = seed_txt();
    let bare_number = |s: &str| {
        let s = s.trim_end();
        let inner =
            s.strip_prefix('（').and_then(|s| s.strip_suffix('）')).or_else(|| s.strip_suffix('.'));
        inner.is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    let mut exact = 0;
    for (r, (row, expected)) in table.rows.iter().zip(&txt).enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            let expected = expected.get(c).map_or("", String::as_str);
            if cell.text == expected {
                exact += 1;
            } else {
                // Numbers are literal text here, so the empty paragraph of a merged-away
                // cell has no number.
                assert!(
                    cell.text.is_empty()
                        && bare_number(expected)
                        && cell.vmerge == Some(VMerge::Continue),
                    "row {r} col {c}: {:?} != {expected:?}",
                    cell.text
                );
            }
        }
    }
    assert_eq!(exact, 589);
}

#[test]
fn docx_revision_v2_reads() {
    let out = read(&fixture("revision/plan-2020-v2.docx"));
    assert_eq!(out.tables.len(), 1);
    check_seed_shape(&out.tables[0]);
}

/// Time this thread spent on a CPU (from `/proc/thread-self/schedstat`, in ns): on a
/// machine shared with other builds, wall time measures the neighbours as much as the reader.
fn thread_cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(std::time::Duration::from_nanos(stat.split_whitespace().next()?.parse().ok()?))
}

#[test]
fn docx_seed_reads_in_a_few_milliseconds() {
    let bytes = fixture("seed/plan-2020.docx");
    let runs = 20;
    let started = std::time::Instant::now();
    let cpu_started = thread_cpu_time();
    for _ in 0..runs {
        read(&bytes);
    }
    let wall = started.elapsed() / runs;
    let cpu = cpu_started.and_then(|start| Some((thread_cpu_time()? - start) / runs));
    println!("plan-2020.docx: {wall:?} wall, {cpu:?} on CPU per read");
    // Generous enough for an unoptimized build; release reads take a few ms of CPU.
    let limit = std::time::Duration::from_millis(if cfg!(debug_assertions) { 400 } else { 10 });
    let each = cpu.unwrap_or(wall);
    assert!(each < limit, "{each:?}");
}

// ---------------------------------------------------------------------------------------
// Merges and the grid.

#[test]
fn docx_vmerge_gridspan_and_merged_from() {
    let xml = tbl(&[
        tr(&[tc_props(r#"<w:vMerge w:val="restart"/>"#, &p("A")), tc(&p("B")), tc(&p("C"))]),
        tr(&[
            tc_props("<w:vMerge/>", "<w:p/>"),
            tc_props(r#"<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>"#, &p("D")),
        ]),
        tr(&[
            tc_props(r#"<w:vMerge w:val="continue"/>"#, &p("own text")),
            tc_props(r#"<w:gridSpan w:val="2"/><w:vMerge/>"#, "<w:p/>"),
        ]),
        tr(&[tc(&p("E")), tc_props("<w:vMerge/>", "<w:p/>"), tc(&p("F"))]),
    ]);
    let out = read(&writer::docx(&xml));
    let t = &out.tables[0];
    assert_eq!(
        texts(t),
        [vec!["A", "B", "C"], vec!["", "D"], vec!["own text", ""], vec!["E", "", "F"]]
    );
    let merge = |r: usize, c: usize| {
        (t.rows[r].cells[c].span, t.rows[r].cells[c].vmerge, t.rows[r].cells[c].merged_from)
    };
    assert_eq!(merge(0, 0), (1, Some(VMerge::Restart), None));
    assert_eq!(merge(1, 0), (1, Some(VMerge::Continue), Some(0)));
    assert_eq!(merge(2, 0), (1, Some(VMerge::Continue), Some(0)));
    assert_eq!(merge(1, 1), (2, Some(VMerge::Restart), None));
    assert_eq!(merge(2, 1), (2, Some(VMerge::Continue), Some(1)));
    // Row 3's second cell sits in grid column 1, which the 2-wide merge started in row 1.
    assert_eq!(merge(3, 1), (1, Some(VMerge::Continue), Some(1)));
    assert!(out.warnings.is_empty());
}

#[test]
fn docx_grid_before_and_after_place_merges() {
    let xml = tbl(&[
        tr(&[tc(&p("a")), tc_props(r#"<w:vMerge w:val="restart"/>"#, &p("b")), tc(&p("c"))]),
        format!(
            r#"<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>{}</w:tr>"#,
            tc_props("<w:vMerge/>", "<w:p/>")
        ),
    ]);
    let t = &body(&xml)[0];
    assert_eq!((t.rows[1].grid_before, t.rows[1].grid_after), (1, 1));
    assert_eq!(t.rows[1].cells.len(), 1);
    assert_eq!(t.rows[1].cells[0].merged_from, Some(0));
}

#[test]
fn docx_continue_without_restart_is_a_warning() {
    let xml = tbl(&[tr(&[tc(&p("a"))]), tr(&[tc_props("<w:vMerge/>", &p("b"))])]);
    let out = read(&writer::docx(&xml));
    assert_eq!(out.tables[0].rows[1].cells[0].merged_from, None);
    assert_eq!(out.warnings.len(), 1);
    assert_eq!(out.warnings[0].code, "vmerge-without-start");
    assert_eq!((out.warnings[0].table, out.warnings[0].row), (0, 1));
}

#[test]
fn docx_header_rows() {
    let header = r#"<w:trPr><w:tblHeader/></w:trPr>"#;
    let xml = tbl(&[
        format!("<w:tr>{header}{}</w:tr>", tc(&p("h1"))),
        format!("<w:tr>{header}{}</w:tr>", tc(&p("h2"))),
        format!(r#"<w:tr><w:trPr><w:tblHeader w:val="0"/></w:trPr>{}</w:tr>"#, tc(&p("d"))),
    ]);
    let without = tbl(&[tr(&[tc(&p("h")), tc(&p("i"))]), tr(&[tc(&p("d")), tc(&p("e"))])]);
    // A caption row merged across the table sits above the header.
    let titled = tbl(&[
        tr(&[tc_props(r#"<w:gridSpan w:val="2"/>"#, &p("2020年工作台账"))]),
        tr(&[tc(&p("序号")), tc(&p("内容"))]),
        tr(&[tc(&p("1")), tc(&p("x"))]),
    ]);
    let single_column = tbl(&[tr(&[tc(&p("h"))]), tr(&[tc(&p("d"))])]);
    let out =
        read(&writer::docx(&format!("{xml}{}{without}{titled}{single_column}", p("between"))));
    let headers = |t: &Table| t.rows.iter().map(|r| r.header).collect::<Vec<_>>();
    assert_eq!(headers(&out.tables[0]), [true, true, false]);
    // Without w:tblHeader the header is detected, as for .txt and .xlsx tables.
    assert_eq!(headers(&out.tables[1]), [true, false]);
    assert_eq!(headers(&out.tables[2]), [false, true, false]);
    assert_eq!(headers(&out.tables[3]), [true, false]);
    assert_eq!(out.tables.iter().map(|t| t.index).collect::<Vec<_>>(), [0, 1, 2, 3]);
    assert_eq!(out.warnings.len(), 1);
    assert_eq!(
        (out.warnings[0].table, out.warnings[0].row, out.warnings[0].code.as_str()),
        (2, 0, "title-row")
    );
    assert!(out.warnings[0].message.ends_with("2020年工作台账"));
}

#[test]
fn docx_nested_tables_stay_in_their_cell() {
    let inner = tbl(&[tr(&[tc(&p("deepest"))])]);
    let middle = tbl(&[tr(&[tc(&format!("{}{inner}{}", p("m1"), p("m2"))), tc(&p("m3"))])]);
    let xml = tbl(&[tr(&[tc(&format!("{}{middle}{}", p("before"), p("after"))), tc(&p("x"))])]);
    let tables = body(&xml);
    assert_eq!(tables.len(), 1);
    let outer = &tables[0];
    assert_eq!(outer.tables_in_cells, 2);
    let cell = &outer.rows[0].cells[0];
    assert_eq!(cell.text, "before\nafter", "nested text is not flattened into the cell");
    assert_eq!(cell.tables.len(), 1);
    let middle = &cell.tables[0];
    assert_eq!((middle.index, middle.tables_in_cells), (0, 1));
    assert_eq!(texts(middle), [vec!["m1\nm2", "m3"]]);
    assert_eq!(middle.rows[0].cells[0].tables[0].rows[0].cells[0].text, "deepest");
}

#[test]
fn docx_empty_and_long_cells() {
    let long = "长".repeat(100_000);
    let xml = tbl(&[tr(&[tc(""), tc("<w:p/>"), tc(&p(&long)), tc("<w:p/><w:p/>")])]);
    let t = &body(&xml)[0];
    let cells = &t.rows[0].cells;
    assert_eq!((cells[0].text.as_str(), cells[0].paragraph_count()), ("", 0));
    assert_eq!(cells[1].paragraphs(), [""]);
    assert_eq!(cells[2].text.chars().count(), 100_000);
    assert_eq!(cells[3].text, "\n");
}

// ---------------------------------------------------------------------------------------
// Content controls, revisions, fields, wrappers.

#[test]
fn docx_content_controls_around_table_row_cell_and_run() {
    let sdt = |content: &str| {
        format!(
            r#"<w:sdt><w:sdtPr><w:alias w:val="x"/><w:placeholder><w:docPart w:val="y"/></w:placeholder></w:sdtPr><w:sdtEndPr/><w:sdtContent>{content}</w:sdtContent></w:sdt>"#
        )
    };
    let run_sdt =
        format!(r#"<w:p><w:r><w:t>a</w:t></w:r>{}</w:p>"#, sdt(r#"<w:r><w:t>b</w:t></w:r>"#));
    let xml = sdt(&tbl(&[
        tr(&[tc(&p("1")), sdt(&tc(&p("2"))), tc(&run_sdt)]),
        sdt(&tr(&[tc(&p("3")), tc(&sdt(&p("4"))), tc(&p("5"))])),
    ]));
    let tables = body(&xml);
    assert_eq!(tables.len(), 1);
    assert_eq!(texts(&tables[0]), [vec!["1", "2", "ab"], vec!["3", "4", "5"]]);
}

#[test]
fn docx_revisions_insertions_kept_deletions_dropped() {
    let cell = r#"<w:p><w:r><w:t>keep </w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>inserted </w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>deleted </w:delText></w:r></w:del><w:moveFrom w:id="3"><w:r><w:t>moved-away </w:t></w:r></w:moveFrom><w:moveTo w:id="4"><w:r><w:t>moved-here</w:t></w:r></w:moveTo></w:p>"#;
    let changed_props = r#"<w:p><w:pPr><w:pPrChange w:id="5"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:rPr><w:rPrChange w:id="6"><w:rPr/></w:rPrChange></w:rPr><w:t>plain</w:t></w:r></w:p>"#;
    let deleted_row = r#"<w:tr><w:trPr><w:del w:id="7" w:author="a"/></w:trPr><w:tc><w:p><w:del w:id="8"><w:r><w:delText>gone</w:delText></w:r></w:del></w:p></w:tc></w:tr>"#;
    let xml = tbl(&[
        tr(&[tc(cell), tc(changed_props)]),
        deleted_row.to_string(),
        tr(&[tc(&p("last")), tc("<w:p/>")]),
    ]);
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let t = &read(&writer::docx_with(&xml, numbering, "")).tables[0];
    assert_eq!(texts(t), [vec!["keep inserted moved-here", "plain"], vec!["last", ""]]);
}

#[test]
fn docx_fields_show_their_result_only() {
    let complex = r#"<w:p><w:r><w:t xml:space="preserve">page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
    let nested = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>inner-result</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText> = 1 "yes"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>yes</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#;
    let simple =
        r#"<w:p><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>12</w:t></w:r></w:fldSimple></w:p>"#;
    let t = &body(&tbl(&[tr(&[tc(complex), tc(nested), tc(simple)])]))[0];
    assert_eq!(texts(t), [vec!["page 3", "yes", "12"]]);
}

#[test]
fn docx_wrappers_keep_their_text() {
    let xml = concat!(
        r#"<w:p><w:hyperlink r:id="rId9"><w:r><w:t>link</w:t></w:r></w:hyperlink>"#,
        r#"<w:smartTag w:uri="u" w:element="place"><w:r><w:t>-tag</w:t></w:r></w:smartTag>"#,
        r#"<w:customXml w:element="x"><w:r><w:t>-custom</w:t></w:r></w:customXml>"#,
        r#"<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>"#,
        r#"<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>guide</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>-base</w:t></w:r></w:rubyBase></w:ruby></w:r>"#,
        r#"<m:oMath><m:r><m:t>-x²</m:t></m:r></m:oMath></w:p>"#
    );
    let t = &body(&tbl(&[tr(&[tc(xml)])]))[0];
    assert_eq!(t.rows[0].cells[0].text, "link-tag-custom-base-x²");
}

#[test]
fn docx_run_content_characters() {
    let xml = concat!(
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>"#,
        r#"<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t></w:r>"#,
        r#"<w:r><w:t>e</w:t><w:noBreakHyphen/><w:t>f</w:t><w:softHyphen/><w:t>g</w:t></w:r>"#,
        r#"<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Symbol" w:char="F061"/></w:r>"#,
        r#"<w:r><w:t>&lt;&amp;&#x4E00;&#20108;</w:t></w:r>"#,
        r#"<w:r><w:t xml:space="preserve">  spaced  </w:t></w:r></w:p>"#
    );
    let t = &body(&tbl(&[tr(&[tc(xml)])]))[0];
    let cell = &t.rows[0].cells[0];
    assert_eq!(cell.text, "a\tb\nc\nde-fg•✓α<&一二  spaced  ");
    assert_eq!(cell.paragraph_count(), 1, "a break stays inside its paragraph");
}

#[test]
fn docx_alternate_content_counts_once_and_text_boxes_follow_their_anchor() {
    let boxed = |tag: &str| {
        format!(
            "<w:txbxContent>{}{}</w:txbxContent>",
            p(&format!("box-{tag}")),
            tbl(&[tr(&[tc(&p(&format!("boxed-table-{tag}")))])])
        )
    };
    let anchor = format!(
        r#"<w:p><w:r><w:t>anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>-end</w:t></w:r></w:p>"#,
        boxed("choice"),
        boxed("fallback")
    );
    let only_fallback = r#"<w:p><w:r><mc:AlternateContent><mc:Fallback><w:t>fallback-only</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
    let xml = tbl(&[tr(&[tc(&format!("{anchor}{}", p("next"))), tc(only_fallback)])]);
    // The same construct outside any table gives a top-level table.
    let tables = body(&format!("{xml}{anchor}"));
    assert_eq!(tables.len(), 2);
    let cell = &tables[0].rows[0].cells[0];
    assert_eq!(cell.paragraphs(), ["anchor-end", "box-choice", "next"]);
    assert_eq!(cell.tables.len(), 1);
    assert_eq!(cell.tables[0].rows[0].cells[0].text, "boxed-table-choice");
    assert_eq!(tables[0].tables_in_cells, 1);
    assert_eq!(tables[0].rows[0].cells[1].text, "fallback-only");
    assert_eq!(tables[1].rows[0].cells[0].text, "boxed-table-choice");
}

// ---------------------------------------------------------------------------------------
// Numbering.

fn level(ilvl: u32, format: &str, text: &str, suffix: Option<&str>, start: u32) -> String {
    let suffix = suffix.map(|s| format!(r#"<w:suff w:val="{s}"/>"#)).unwrap_or_default();
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{format}"/>{suffix}<w:lvlText w:val="{text}"/></w:lvl>"#
    )
}

fn abstract_num(id: u32, levels: &[String]) -> String {
    format!(r#"<w:abstractNum w:abstractNumId="{id}">{}</w:abstractNum>"#, levels.concat())
}

fn num(id: u32, abstract_id: u32, overrides: &str) -> String {
    format!(r#"<w:num w:numId="{id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>"#)
}

/// A numbered paragraph.
fn np(num_id: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

/// A paragraph with a style.
fn sp(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

/// Each numbering format in its own list, one cell per list, plus styles, overrides and
/// restarts; the whole table is snapshotted.
#[test]
fn docx_numbering_formats() {
    let single = |id: u32, format: &str, text: &str, suffix: Option<&str>, start: u32| {
        format!("{}{}", abstract_num(id, &[level(0, format, text, suffix, start)]), num(id, id, ""))
    };
    let mut numbering = String::new();
    numbering += &single(1, "chineseCounting", "（%1）", Some("nothing"), 1);
    numbering += &single(2, "decimal", "%1.", Some("space"), 1);
    numbering += &single(3, "ideographTraditional", "%1、", Some("nothing"), 1);
    numbering += &single(4, "decimalEnclosedCircle", "%1", Some("nothing"), 1);
    numbering += &single(5, "upperRoman", "%1.", None, 1);
    numbering += &single(6, "lowerRoman", "(%1)", Some("space"), 1);
    numbering += &single(7, "upperLetter", "%1)", Some("space"), 1);
    numbering += &single(8, "lowerLetter", "%1.", Some("space"), 25);
    numbering += &single(9, "chineseCountingThousand", "第%1条", Some("space"), 99);
    numbering += &single(10, "decimalZero", "%1", Some("space"), 8);
    numbering += &single(11, "bullet", "\u{F0B7}", Some("space"), 1);
    numbering += &single(12, "none", "", Some("space"), 1);
    numbering += &single(13, "decimalEnclosedCircleChinese", "%1", Some("nothing"), 1);
    // Multi-level: 一、 / （一） / 1. / 1.1 with restarts; level 4 never restarts.
    numbering += &abstract_num(
        20,
        &[
            level(0, "chineseCounting", "%1、", Some("nothing"), 1),
            level(1, "chineseCounting", "（%2）", Some("nothing"), 1),
            level(2, "decimal", "%3.", Some("space"), 1),
            level(3, "decimal", "%3.%4", Some("space"), 1),
            r#"<w:lvl w:ilvl="4"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%5)"/><w:suff w:val="space"/></w:lvl>"#.to_string(),
        ],
    );
    numbering += &num(20, 20, "");
    // Instance 21 shares definition 20 but starts again at 5 (startOverride).
    numbering +=
        &num(21, 20, r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>"#);
    // Instance 22 shares definition 2 without an override: it continues list 2.
    numbering += &num(22, 2, "");
    // Style-based numbering: Heading2 is based on Heading1, which carries numId 30.
    numbering += &single(30, "decimal", "%1.", Some("space"), 1);
    let styles = concat!(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="30"/></w:numPr></w:pPr></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Plain"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>"#,
    );
    let list = |num_id: u32, count: usize| {
        (1..=count).map(|i| np(num_id, 0, &format!("item{i}"))).collect::<String>()
    };
    let multi = [
        np(20, 0, "A"),
        np(20, 1, "a"),
        np(20, 1, "b"),
        np(20, 2, "x"),
        np(20, 3, "y"),
        np(20, 3, "z"),
        np(20, 4, "p"),
        np(20, 0, "B"),
        np(20, 1, "c"),
        np(20, 3, "w"),
        np(20, 4, "q"),
    ]
    .concat();
    let styled =
        [sp("Heading1", "h1"), sp("Heading2", "h2"), sp("Plain", "plain"), sp("Heading1", "h3")]
            .concat();
    let cells = [
        list(1, 12),
        list(2, 3),
        list(3, 3),
        list(4, 3),
        list(5, 4),
        list(6, 4),
        list(7, 3),
        list(8, 3),
        list(9, 3),
        list(10, 3),
        list(11, 2),
        list(12, 2),
        list(13, 2),
        multi,
        format!("{}{}", np(21, 0, "restarted"), np(21, 0, "again")),
        np(22, 0, "continues list 2"),
        styled,
        format!("{}<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>off</w:t></w:r></w:p>{}", np(99, 0, "unknown list"), np(2, 0, "four")),
    ];
    let rows: Vec<String> = cells.iter().map(|c| tr(&[tc(c)])).collect();
    let out = read(&writer::docx_with(&tbl(&rows), &numbering, styles));
    let texts: Vec<&str> = out.tables[0].rows.iter().map(|r| r.cells[0].text.as_str()).collect();
    assert_eq!(
        texts[0],
        "（一）item1\n（二）item2\n（三）item3\n（四）item4\n（五）item5\n（六）item6\n（七）item7\n（八）item8\n（九）item9\n（十）item10\n（十一）item11\n（十二）item12"
    );
    assert_eq!(texts[1], "1. item1\n2. item2\n3. item3");
    assert_eq!(texts[2], "甲、item1\n乙、item2\n丙、item3");
    assert_eq!(texts[3], "①item1\n②item2\n③item3");
    assert_eq!(
        texts[4], "I.\titem1\nII.\titem2\nIII.\titem3\nIV.\titem4",
        "the default suffix is a tab"
    );
    assert_eq!(texts[5], "(i) item1\n(ii) item2\n(iii) item3\n(iv) item4");
    assert_eq!(texts[6], "A) item1\nB) item2\nC) item3");
    assert_eq!(texts[7], "y. item1\nz. item2\naa. item3");
    assert_eq!(texts[8], "第九十九条 item1\n第一百条 item2\n第一百零一条 item3");
    assert_eq!(texts[9], "08 item1\n09 item2\n10 item3");
    assert_eq!(texts[10], "• item1\n• item2");
    assert_eq!(texts[11], "item1\nitem2", "numFmt none shows no label and no suffix");
    assert_eq!(texts[12], "①item1\n②item2");
    assert_eq!(
        texts[13],
        "一、A\n（一）a\n（二）b\n1. x\n1.1 y\n1.2 z\na) p\n二、B\n（一）c\n1.1 w\nb) q"
    );
    assert_eq!(texts[14], "五、restarted\n六、again");
    assert_eq!(texts[15], "4. continues list 2", "instances of one definition share counters");
    assert_eq!(texts[16], "1. h1\n2. h2\nplain\n3. h3");
    assert_eq!(texts[17], "unknown list\noff\n5. four");
    insta::assert_json_snapshot!("docx_numbering_formats", texts);
}

#[test]
fn docx_numbering_counts_empty_paragraphs_of_merged_cells() {
    // As in the seed: the empty paragraph of a vMerge-continue cell consumes a number.
    let numbering = format!(
        "{}{}",
        abstract_num(0, &[level(0, "chineseCounting", "（%1）", Some("space"), 1)]),
        num(1, 0, "")
    );
    let empty_numbered =
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p>"#;
    let xml = tbl(&[
        tr(&[tc_props(r#"<w:vMerge w:val="restart"/>"#, &np(1, 0, "section"))]),
        tr(&[tc_props("<w:vMerge/>", empty_numbered)]),
        tr(&[tc(&np(1, 0, "next"))]),
    ]);
    let t = &read(&writer::docx_with(&xml, &numbering, "")).tables[0];
    assert_eq!(texts(t), [vec!["（一） section"], vec!["（二） "], vec!["（三） next"]]);
}

// ---------------------------------------------------------------------------------------
// Packages.

fn package(entries: &[(&str, String)]) -> Vec<u8> {
    let entries: Vec<Entry> =
        entries.iter().map(|(name, text)| Entry::stored(name, text.as_bytes())).collect();
    writer::zip(&entries)
}

#[test]
fn docx_main_part_found_through_rels() {
    let types = writer::CONTENT_TYPES.replace("/word/document.xml", "/word/document2.xml");
    let rels = writer::ROOT_RELS.replace("word/document.xml", "/word/document2.xml");
    let bytes = package(&[
        ("[Content_Types].xml", types),
        ("_rels/.rels", rels),
        ("word/document.xml", writer::document_xml(&tbl(&[tr(&[tc(&p("decoy"))])]))),
        ("word/document2.xml", writer::document_xml(&tbl(&[tr(&[tc(&p("main"))])]))),
    ]);
    assert_eq!(read(&bytes).tables[0].rows[0].cells[0].text, "main");
}

#[test]
fn docx_missing_document_rels_is_not_fatal() {
    let numbering = format!(
        "{}{}",
        abstract_num(0, &[level(0, "decimal", "%1.", Some("space"), 1)]),
        num(1, 0, "")
    );
    let bytes = package(&[
        ("[Content_Types].xml", writer::CONTENT_TYPES.to_string()),
        ("_rels/.rels", writer::ROOT_RELS.to_string()),
        ("word/document.xml", writer::document_xml(&tbl(&[tr(&[tc(&np(1, 0, "x"))])]))),
        ("word/numbering.xml", writer::numbering_xml(&numbering)),
    ]);
    assert_eq!(read(&bytes).tables[0].rows[0].cells[0].text, "1. x");
}

#[test]
fn docx_template_and_macro_content_types() {
    for ty in [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    ] {
        let types = writer::CONTENT_TYPES.replace(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            ty,
        );
        let bytes = package(&[
            ("[Content_Types].xml", types),
            ("_rels/.rels", writer::ROOT_RELS.to_string()),
            ("word/document.xml", writer::document_xml(&tbl(&[tr(&[tc(&p("t"))])]))),
        ]);
        assert_eq!(read(&bytes).tables.len(), 1, "{ty}");
    }
}

#[test]
fn docx_strict_namespaces_and_widths_with_units() {
    let strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{strict}"><w:body><w:tbl><w:tblPr><w:tblW w:w="233.75pt" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="116.9pt"/><w:gridCol w:w="116.85pt"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="116.9pt"/><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>strict</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
    );
    let rels = writer::ROOT_RELS.replace(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
    );
    let bytes = package(&[
        ("[Content_Types].xml", writer::CONTENT_TYPES.to_string()),
        ("_rels/.rels", rels),
        ("word/document.xml", document),
    ]);
    let cell: &Cell = &read(&bytes).tables[0].rows[0].cells[0];
    assert_eq!((cell.text.as_str(), cell.span), ("strict", 2));
}

#[test]
fn docx_any_prefix_and_foreign_elements_named_like_ours() {
    // The prefix is free; elements of other namespaces named `t`, `p` or `tbl` are not ours.
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let document = format!(
        r#"<?xml version="1.0"?><doc:document xmlns:doc="{w}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><doc:body><doc:tbl><doc:tr><doc:tc><doc:p><doc:r><doc:t>ours</doc:t><a:t>theirs</a:t></doc:r></doc:p><a:tbl><a:tr><a:tc/></a:tr></a:tbl></doc:tc></doc:tr></doc:tbl></doc:body></doc:document>"#
    );
    let bytes = package(&[
        ("[Content_Types].xml", writer::CONTENT_TYPES.to_string()),
        ("_rels/.rels", writer::ROOT_RELS.to_string()),
        ("word/document.xml", document),
    ]);
    let tables = read(&bytes).tables;
    assert_eq!(tables[0].rows[0].cells[0].text, "ours");
    assert_eq!(tables[0].tables_in_cells, 0);
}

#[test]
fn docx_utf16_main_part() {
    let xml = writer::document_xml(&tbl(&[tr(&[tc(&p("十六位"))])])).replace("UTF-8", "UTF-16");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    let entries = [
        Entry::stored("[Content_Types].xml", writer::CONTENT_TYPES.as_bytes()),
        Entry::stored("_rels/.rels", writer::ROOT_RELS.as_bytes()),
        Entry::stored("word/document.xml", &utf16),
    ];
    let out = read(&writer::zip(&entries));
    assert_eq!(out.encoding, "utf-16le");
    assert_eq!(out.tables[0].rows[0].cells[0].text, "十六位");
}

#[test]
fn docx_broken_numbering_part_names_the_part() {
    let bytes = package(&[
        ("[Content_Types].xml", writer::CONTENT_TYPES.to_string()),
        ("_rels/.rels", writer::ROOT_RELS.to_string()),
        ("word/_rels/document.xml.rels", writer::DOCUMENT_RELS.to_string()),
        ("word/document.xml", writer::document_xml(&tbl(&[tr(&[tc(&p("x"))])]))),
        ("word/numbering.xml", "<w:numbering xmlns:w=\"x\"><w:num></w:numbering>".to_string()),
    ]);
    let error = read_docx("n.docx", &bytes, &Options::default()).expect_err("malformed numbering");
    assert!(
        matches!(&error, ReadError::Xml { part, .. } if part == "word/numbering.xml"),
        "{error:?}"
    );
}

#[test]
fn docx_snapshot_merges_and_nesting() {
    let inner = tbl(&[tr(&[tc(&p("inner"))])]);
    let xml = tbl(&[
        format!(
            r#"<w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}</w:tr>"#,
            tc(&p("序号")),
            tc(&p("内容"))
        ),
        tr(&[
            tc_props(r#"<w:vMerge w:val="restart"/>"#, &p("（1）")),
            tc(&format!("{}{inner}", p("第一段"))),
        ]),
        tr(&[tc_props("<w:vMerge/>", "<w:p/>"), tc(&format!("{}{}", p("两段"), p("文字")))]),
        format!(r#"<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{}</w:tr>"#, tc(&p("右"))),
    ]);
    insta::assert_json_snapshot!("docx_merges_and_nesting", body(&xml));
}

#[test]
fn docx_heading_styles_linked_to_levels() {
    // Heading numbering as Word writes it: each level names its style (w:pStyle), and the
    // styles carry the numId only.
    let numbering = format!(
        "{}{}",
        abstract_num(
            40,
            &[
                r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="H1"/><w:lvlText w:val="%1."/><w:suff w:val="space"/></w:lvl>"#.to_string(),
                r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="H2"/><w:lvlText w:val="%1.%2"/><w:suff w:val="space"/></w:lvl>"#.to_string(),
            ]
        ),
        num(7, 40, "")
    );
    let styles = concat!(
        r#"<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="H2"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>"#,
    );
    let cell = [sp("H1", "a"), sp("H2", "b"), sp("H2", "c"), sp("H1", "d"), sp("H2", "e")].concat();
    let out = read(&writer::docx_with(&tbl(&[tr(&[tc(&cell)])]), &numbering, styles));
    assert_eq!(
        out.tables[0].rows[0].cells[0].paragraphs(),
        ["1. a", "1.1 b", "1.2 c", "2. d", "2.1 e"]
    );
}
