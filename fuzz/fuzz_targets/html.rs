//! Bytes → `taizhang_reader::html::read_html` (encoding sniffing, html5ever, the table
//! model with its span clamps and grid budget, layout tables, paragraphs and list labels).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = taizhang_reader::Options::default();
    if let Ok(out) = taizhang_reader::html::read_html("fuzz.html", data, &options) {
        for table in &out.tables {
            for row in &table.rows {
                for cell in &row.cells {
                    // The model's promise: the text is the paragraphs joined, and the
                    // paragraph count agrees with the paragraphs given back.
                    let paragraphs = cell.paragraphs();
                    assert_eq!(cell.text, paragraphs.join("\n"));
                    assert_eq!(cell.paragraph_count(), paragraphs.len());
                    assert!(cell.span >= 1);
                }
            }
        }
    }
});
