//! Bytes → `taizhang_reader::read_bytes` as a .txt export (any encoding, any layout).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::allow_caught_calamine_panics();
    let options = taizhang_reader::Options::default();
    if let Ok(tables) = taizhang_reader::read_bytes("fuzz.txt", data, &options) {
        let _ = serde_json::to_string(&tables);
    }
});
