//! Compound-file bytes → `taizhang_reader::read_bytes` as a .doc: the reader must return
//! tables or a clean error for any input (broken sector chains, piece tables, property
//! pages, sprms, list tables), within the memory and time libFuzzer allows.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = taizhang_reader::Options::default();
    if let Ok(tables) = taizhang_reader::read_bytes("fuzz.doc", data, &options) {
        // Whatever was read must also be writable as `taizhang read` output.
        let _ = serde_json::to_string(&tables);
    }
});
