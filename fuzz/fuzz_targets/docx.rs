//! Zip bytes → `taizhang_reader::read_bytes` as a .docx: the reader must return tables or a
//! clean error for any input, within the memory and time libFuzzer allows.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::allow_caught_calamine_panics();
    let options = taizhang_reader::Options::default();
    if let Ok(tables) = taizhang_reader::read_bytes("fuzz.docx", data, &options) {
        // Whatever was read must also be writable as `taizhang read` output.
        let _ = serde_json::to_string(&tables);
    }
});
