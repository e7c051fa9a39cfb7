//! XML → a well-formed .docx → `taizhang_reader::read_bytes`.
//!
//! Mutating a real .docx mostly breaks its deflate streams and CRCs, so the fuzzer rarely
//! gets past the zip layer. Here the input is the XML itself: the bytes before the first NUL
//! become `word/document.xml`, the bytes after it `word/numbering.xml`, and the target packs
//! them into a valid zip (stored entries, correct CRCs), so every mutation reaches the
//! document reader.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// A zip of stored entries.
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32fast::hash(data);
        for (buf, central_header) in [(&mut out, false), (&mut central, true)] {
            let sig: u32 = if central_header { 0x0201_4b50 } else { 0x0403_4b50 };
            buf.extend_from_slice(&sig.to_le_bytes());
            if central_header {
                buf.extend_from_slice(&20u16.to_le_bytes());
            }
            for v in [20u16, 0, 0, 0, 0x21] {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            for v in [crc, data.len() as u32, data.len() as u32] {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            buf.extend_from_slice(&(name.len() as u16).to_le_bytes());
            buf.extend_from_slice(&0u16.to_le_bytes());
            if central_header {
                for v in [0u16, 0, 0] {
                    buf.extend_from_slice(&v.to_le_bytes());
                }
                buf.extend_from_slice(&0u32.to_le_bytes());
                buf.extend_from_slice(&offset.to_le_bytes());
            }
            buf.extend_from_slice(name.as_bytes());
        }
        out.extend_from_slice(data);
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, entries.len() as u16, entries.len() as u16] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fuzz_target!(|data: &[u8]| {
    common::allow_caught_calamine_panics();
    let (document, numbering) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let mut entries = vec![("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", document)];
    if let Some(numbering) = numbering {
        entries.push(("word/numbering.xml", numbering));
    }
    let bytes = zip(&entries);
    let options = taizhang_reader::Options::default();
    if let Ok(tables) = taizhang_reader::read_bytes("fuzz.docx", &bytes, &options) {
        let _ = serde_json::to_string(&tables);
    }
});
