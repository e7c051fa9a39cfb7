//! `taizhang read` output for every seed fixture: the exact JSON the command prints, one
//! snapshot per file, and the one-line errors for inputs that hold no readable table.

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

macro_rules! snapshot {
    ($test:ident, $file:literal, $snapshot:literal) => {
        #[test]
        fn $test() {
            let json = read_json($file);
            insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!($snapshot, json);
            });
        }
    };
}

snapshot!(txt, "plan-2020.txt", "read_plan-2020-txt");
snapshot!(txt_gbk, "plan-2020-gbk.txt", "read_plan-2020-gbk-txt");
snapshot!(txt_crlf, "plan-2020-crlf.txt", "read_plan-2020-crlf-txt");
snapshot!(docx, "plan-2020.docx", "read_plan-2020-docx");
snapshot!(docx_pydocx, "plan-2020-pydocx.docx", "read_plan-2020-pydocx-docx");
snapshot!(xlsx, "plan-2020.xlsx", "read_plan-2020-xlsx");

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
                .map(|row| row.cells.iter().map(|c| c.paragraphs.clone()).collect())
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
                .map(|row| row.cells.iter().map(|c| c.paragraphs.clone()).collect())
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
                            assert_eq!(cell.text, cell.paragraphs.join("\n"));
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
