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
