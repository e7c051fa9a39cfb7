//! `taizhang read` output for every seed fixture: the exact JSON the command prints for the
//! .txt, and for every other copy where its JSON differs from that; and the one-line errors
//! for inputs that hold no readable table.

use std::path::Path;

use taizhang_reader::{read_bytes, Options};

/// The JSON `taizhang read fixtures/seed/NAME` prints (run from the repository root).
fn read_json(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/seed").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // The name as a user would type it, so the snapshot does not depend on the checkout.
    let file = format!("fixtures/seed/{name}");
    let tables = read_bytes(&file, &bytes, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    taizhang_emit::json::to_json(&tables, false).expect("serializes")
}

/// The seed's .txt, the copy every other is compared with: its JSON in full.
#[test]
fn txt() {
    let json = read_json("plan-2020.txt");
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("read_plan-2020-txt", json);
    });
}

/// Every other copy of the seed, as where its JSON differs from the .txt's: the source, and
/// the cells a format holds otherwise (merges, the bare numbers a merge hides, white space).
/// A copy added to `fixtures/seed/` gets its own snapshot.
#[test]
fn seed_copies_differ_from_the_txt_only_as_pinned() {
    let txt: serde_json::Value = serde_json::from_str(&read_json("plan-2020.txt")).expect("JSON");
    insta::glob!("../../../fixtures/seed", "plan-2020*", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).expect("a UTF-8 name");
        if name == "plan-2020.txt" {
            return;
        }
        let copy: serde_json::Value = serde_json::from_str(&read_json(name)).expect("JSON");
        let differences = differences_from_txt(&txt, copy);
        insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!("read_vs_txt", differences);
        });
    });
}

/// Where the read of a copy differs from the .txt's: the source; the other tables of the copy
/// (a page's layout tables) one line each; the plan table (the copy's longest) against the
/// .txt's one table, field by field; and the warnings either has that the other has not.
fn differences_from_txt(txt: &serde_json::Value, mut copy: serde_json::Value) -> String {
    use std::fmt::Write as _;
    let mut txt = txt.clone();
    let take = |json: &mut serde_json::Value, key: &str| -> Vec<serde_json::Value> {
        match json.as_object_mut().and_then(|o| o.remove(key)) {
            Some(serde_json::Value::Array(values)) => values,
            other => panic!("`{key}` is no array: {other:?}"),
        }
    };
    let (txt_tables, tables) = (take(&mut txt, "tables"), take(&mut copy, "tables"));
    let (txt_warnings, warnings) = (take(&mut txt, "warnings"), take(&mut copy, "warnings"));
    assert_eq!(txt_tables.len(), 1, "the .txt holds one table");
    let rows = |table: &serde_json::Value| table["rows"].as_array().map_or(0, Vec::len);
    let plan = (0..tables.len()).max_by_key(|&i| (rows(&tables[i]), usize::MAX - i));
    let plan = plan.expect("the copy holds a table");

    let mut out = String::new();
    json_differences("", &txt, &copy, &mut out);
    for (i, table) in tables.iter().enumerate().filter(|&(i, _)| i != plan) {
        let first = &table["rows"][0]["cells"][0]["text"];
        let _ = writeln!(out, "/tables/{i}: + a table of {} rows, first cell {first}", rows(table));
    }
    json_differences(&format!("/tables/{plan}"), &txt_tables[0], &tables[plan], &mut out);
    for warning in txt_warnings.iter().filter(|w| !warnings.contains(w)) {
        let _ = writeln!(out, "/warnings: - {warning}");
    }
    for warning in warnings.iter().filter(|w| !txt_warnings.contains(w)) {
        let _ = writeln!(out, "/warnings: + {warning}");
    }
    out
}

/// One line per place where `b` differs from `a`, named by its JSON pointer: `path: a → b`,
/// `path: + b` for what only `b` has, `path: - a` for what only `a` has.
fn json_differences(path: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    use std::fmt::Write as _;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, value) in x {
                let at = format!("{path}/{key}");
                match y.get(key) {
                    Some(other) => json_differences(&at, value, other, out),
                    None => _ = writeln!(out, "{at}: - {value}"),
                }
            }
            for (key, value) in y.iter().filter(|(key, _)| !x.contains_key(*key)) {
                _ = writeln!(out, "{path}/{key}: + {value}");
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (value, other)) in x.iter().zip(y).enumerate() {
                json_differences(&format!("{path}/{i}"), value, other, out);
            }
            for (i, value) in x.iter().enumerate().skip(y.len()) {
                _ = writeln!(out, "{path}/{i}: - {value}");
            }
            for (i, value) in y.iter().enumerate().skip(x.len()) {
                _ = writeln!(out, "{path}/{i}: + {value}");
            }
        }
        _ if a != b => _ = writeln!(out, "{path}: {a} → {b}"),
        _ => {}
    }
}

/// The text outside the tables is data in every format that has any: the title above the
/// table in the preamble, the page around a web table before and after it; a sheet has none.
#[test]
fn text_outside_the_tables_is_kept_beside_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    let read = |name: &str| {
        let path = root.join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        read_bytes(name, &bytes, &Options::default()).unwrap_or_else(|e| panic!("{e}"))
    };
    for name in
        ["layouts/two-unit-columns.docx", "layouts/two-unit-columns.txt", "doc/title-above.doc"]
    {
        let tables = read(name);
        assert_eq!(tables.preamble, ["2020年民生实事重点任务分工表"], "{name}");
        assert!(tables.tables.iter().all(|t| t.after.is_empty()), "{name}");
        assert!(tables.warnings.iter().all(|w| w.code != "skipped-text"), "{name}");
    }
    let tables = read("layouts/headings-repeated-header.docx");
    assert_eq!(tables.preamble, ["附件1", "2021年全市民生实事项目任务分解表"]);
    // Word's web page: the heading above the table.
    assert_eq!(read("seed/plan-2020-word.html").preamble, ["2020年民生工作任务分解表"]);
    // A CMS page: a navigation table, the plan table, a footer table, and the content
    // around the plan table in order between them.
    let page = read("seed/plan-2020-in-layout.html");
    assert!(page.preamble.is_empty());
    let outside: Vec<&[String]> = page.tables.iter().map(|t| t.after.as_slice()).collect();
    assert_eq!(outside.len(), 3);
    assert_eq!(outside[0].last().map(String::as_str), Some("2020年民生工作任务分解表"));
    assert!(outside[0].iter().any(|p| p == "示例市2020年民生工作任务分解表"));
    assert_eq!(outside[1][0], "附件：2020年民生工作任务分解表.doc");
    assert!(read("layouts/two-unit-columns.xlsx").preamble.is_empty());
}

/// Bytes a user might hand to `taizhang read` by mistake, and the one line each gets.
#[test]
fn errors_name_the_file_and_say_what_is_wrong() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    // GBK text (表头 = B1ED CDB7) in which a lead byte is followed by a line feed: that
    // decodes in neither UTF-8 nor GB18030.
    let broken = b"\t\xb1\xed\xcd\xb7\n\t\xb1\n\n\t1\n\t2\n";
    let cases: [(&str, &[u8]); 6] = [
        ("empty.txt", b""),
        ("prose.txt", "这份文件只有文字，没有表格。\n".as_bytes()),
        ("broken.txt", broken),
        ("random.bin", b"\x00\x9f\xff\xfe\x00\x01\xff"),
        ("old.doc", &ole),
        ("report.pdf", b"%PDF-1.7\n..."),
    ];
    let mut report = String::new();
    for (name, bytes) in cases {
        let err = read_bytes(name, bytes, &Options::default()).expect_err(name).to_string();
        assert!(err.starts_with(&format!("{name}: ")), "{err}");
        assert!(!err.contains('\n'), "one line: {err}");
        report.push_str(&format!("{err}\n"));
    }
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("read_errors", report);
    });
}

mod roundtrip {
    //! A table written in the cell-per-line layout reads back as the same cells, whatever
    //! the paragraphs hold (spaces, quotes, empty paragraphs inside a cell).

    use proptest::prelude::*;
    use taizhang_reader::{read_bytes, Options};

    const WORDS: &[&str] =
        &["甲", "乙 丙", " ", "  前后 ", "1. 措施", "“引号”", "a\"b", "（1） ", "    "];

    /// A cell of one to three paragraphs, none empty.
    fn cell() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec(prop::sample::select(WORDS).prop_map(str::to_string), 1..=3)
    }

    /// Rows of `columns` cells, with at most one cell holding an empty paragraph in the
    /// middle and one ending with an empty paragraph (as in real exports, where both are
    /// rare; were most rows split, the column count itself would be ambiguous).
    fn table() -> impl Strategy<Value = (Vec<Vec<Vec<String>>>, bool)> {
        (2usize..=6, 2usize..=8)
            .prop_flat_map(|(columns, rows)| {
                (
                    prop::collection::vec(prop::collection::vec(cell(), columns), rows),
                    any::<prop::sample::Index>(),
                    any::<prop::sample::Index>(),
                    any::<bool>(),
                    any::<bool>(),
                )
            })
            .prop_map(|(mut rows, middle, end, split, short)| {
                let columns = rows[0].len();
                // The header: one word per cell that is more than spaces.
                for cell in &mut rows[0] {
                    *cell = vec!["表头".to_string()];
                }
                let body = rows.len() - 1;
                let last_row = rows.len() - 1;
                if split {
                    let at = middle.index(body * columns);
                    let (r, c) = (1 + at / columns, at % columns);
                    let cell = &mut rows[r][c];
                    // Not in the very last cell: text after an empty paragraph there reads
                    // as a note under the table.
                    if !(r == last_row && c + 1 >= columns - usize::from(short)) {
                        cell.insert(1.min(cell.len()), String::new());
                        if cell.len() == 2 {
                            cell.push("续".into());
                        }
                    }
                }
                let at = end.index(body * columns);
                let (r, c) = (1 + at / columns, at % columns);
                if r != last_row {
                    rows[r][c].push(String::new());
                }
                if short {
                    rows[last_row].pop();
                }
                // The file's last line must hold text: trailing blank or space-only lines
                // are what exporters append after a table.
                if let Some(cell) = rows[last_row].last_mut() {
                    cell.push("尾".into());
                }
                (rows, short)
            })
    }

    fn write(rows: &[Vec<Vec<String>>]) -> String {
        let mut text = String::new();
        for row in rows {
            for cell in row {
                text.push('\t');
                text.push_str(&cell.join("\n"));
                text.push('\n');
            }
            text.push('\n');
        }
        text
    }

    /// Rows for the one-row-per-line layout whose cells break lines: the header names
    /// every column on one line, every other row opens with a one-paragraph number (a further paragraph there would read as
    /// the end of the row above), and no paragraph is empty (a blank line ends a table).
    fn wrapped_table() -> impl Strategy<Value = Vec<Vec<Vec<String>>>> {
        let paragraph =
            prop::sample::select(&["甲", "乙 丙", " ", "1. 措施", "“引号”", "a\"b"][..])
                .prop_map(str::to_string);
        let cell = prop::collection::vec(paragraph, 1..=3);
        (2usize..=6, 2usize..=8).prop_flat_map(move |(columns, rows)| {
            prop::collection::vec(prop::collection::vec(cell.clone(), columns), rows).prop_map(
                |mut rows| {
                    // A header names every column on one line: the reader takes the table's
                    // width from its widest line, and a one-cell first row is a title.
                    for cell in &mut rows[0] {
                        *cell = vec!["表头".into()];
                    }
                    for (index, row) in rows.iter_mut().enumerate().skip(1) {
                        row[0] = vec![format!("（{index}）")];
                    }
                    // A space-only last line is what exporters append after a table.
                    if let Some(cell) = rows.last_mut().and_then(|row| row.last_mut()) {
                        cell.push("尾".into());
                    }
                    rows
                },
            )
        })
    }

    fn write_wrapped(rows: &[Vec<Vec<String>>]) -> String {
        let mut text = String::new();
        for row in rows {
            let cells: Vec<String> = row.iter().map(|cell| cell.join("\n")).collect();
            text.push_str(&cells.join("\t"));
            text.push('\n');
        }
        text
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        #[test]
        fn wrapped_rows_round_trip(rows in wrapped_table()) {
            let text = write_wrapped(&rows);
            let tables = read_bytes("t.txt", text.as_bytes(), &Options::default())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let read: Vec<Vec<Vec<String>>> = tables.tables[0]
                .rows
                .iter()
                .map(|row| row.cells.iter().map(|c| c.paragraphs().into_iter().map(String::from).collect::<Vec<_>>()).collect())
                .collect();
            prop_assert_eq!(read, rows, "{:?}", text);
            prop_assert!(tables.warnings.is_empty(), "{:?}", tables.warnings);
        }

        #[test]
        fn cell_per_line_round_trips((rows, short) in table()) {
            let text = write(&rows);
            let tables = read_bytes("t.txt", text.as_bytes(), &Options::default())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(tables.tables.len(), 1);
            let table = &tables.tables[0];
            let columns = rows[0].len();
            let read: Vec<Vec<Vec<String>>> = table
                .rows
                .iter()
                .map(|row| row.cells.iter().map(|c| c.paragraphs().into_iter().map(String::from).collect::<Vec<_>>()).collect())
                .collect();
            let mut expected = rows.clone();
            if short {
                if let Some(last) = expected.last_mut() {
                    last.resize(columns, Vec::new());
                }
            }
            prop_assert_eq!(read, expected, "{:?}", text);
            let padded: Vec<usize> = tables.warnings.iter().map(|w| w.row).collect();
            let expected_warnings: Vec<usize> = if short { vec![rows.len() - 1] } else { Vec::new() };
            prop_assert_eq!(padded, expected_warnings, "{:?}", tables.warnings);
            prop_assert!(table.rows[0].header && table.rows[1..].iter().all(|r| !r.header));
        }

        #[test]
        fn any_bytes_read_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
            check_invariants(&bytes);
        }

        #[test]
        fn any_table_like_text_reads_or_fails_cleanly(
            parts in prop::collection::vec(
                prop::sample::select(&["\t", "\n", "\r\n", "\r", " ", "\u{3000}", "a", "中", "\"", "\n\n"][..]),
                0..200,
            )
        ) {
            check_invariants(parts.concat().as_bytes());
        }
    }

    /// No panic; an error names the file; tables have rows, one header each, and every
    /// warning points at a row that exists.
    fn check_invariants(bytes: &[u8]) {
        match read_bytes("f.txt", bytes, &Options::default()) {
            Err(err) => assert!(err.to_string().starts_with("f.txt: "), "{err}"),
            Ok(tables) => {
                for (index, table) in tables.tables.iter().enumerate() {
                    assert_eq!(table.index, index);
                    assert!(!table.rows.is_empty());
                    assert_eq!(table.rows.iter().filter(|r| r.header).count(), 1);
                    for row in &table.rows {
                        for cell in &row.cells {
                            assert_eq!(cell.text, cell.paragraphs().join("\n"));
                        }
                    }
                }
                for warning in &tables.warnings {
                    let table = &tables.tables[warning.table];
                    assert!(warning.row < table.rows.len(), "{warning:?}");
                }
            }
        }
    }
}
