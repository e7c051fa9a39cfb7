//! Bytes → .txt reader → `Parser::parse_tables` → JSON: the whole `taizhang parse` pipeline
//! on text input, where the parser meets arbitrary cell contents.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

mod common;

fn parser() -> &'static taizhang_parser::Parser {
    static PARSER: OnceLock<taizhang_parser::Parser> = OnceLock::new();
    PARSER.get_or_init(taizhang_parser::Parser::new)
}

fuzz_target!(|data: &[u8]| {
    common::allow_caught_calamine_panics();
    let options = taizhang_reader::Options::default();
    let Ok(tables) = taizhang_reader::read_bytes("fuzz.txt", data, &options) else {
        return;
    };
    if let Ok(plan) = parser().parse_tables(&tables, None) {
        let _ = serde_json::to_string(&plan.value);
    }
});
