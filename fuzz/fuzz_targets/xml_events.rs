//! Any text → the .docx reader's XML tokenizer and namespace resolution, against quick-xml's
//! `NsReader` on the same text: every event, its position, its element's namespace class and
//! the error met must be the same. The reader cuts parts into events itself for speed and
//! leaves anything unusual to quick-xml; this holds the two to one behaviour.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|xml: &str| {
    if let Some(difference) = taizhang_reader::docx::xml_differs_from_quick_xml(xml) {
        panic!("{difference} on {xml:?}");
    }
});
