//! JSON output: deterministic bytes for the same input.
//!
//! # Wire format
//!
//! Every JSON document taizhang writes goes through [`to_json`]: `serde_json` pretty printing
//! (two-space indent) or compact, always followed by one `\n`. The types hold only `Vec`s and
//! `Option`s (no hash maps), so the same value always gives the same bytes, and the field order
//! is the declaration order of the types in `taizhang-model`.
//!
//! ```
//! use taizhang_emit::json::to_json;
//! assert_eq!(to_json(&vec![1, 2], true).unwrap(), "[1,2]\n");
//! assert_eq!(to_json(&vec![1], false).unwrap(), "[\n  1\n]\n");
//! ```

use std::io::Write;

use serde::Serialize;

/// Serializes `value` as pretty (or, with `compact`, single-line) JSON plus a final newline.
pub fn to_json<T: Serialize + ?Sized>(value: &T, compact: bool) -> serde_json::Result<String> {
    let mut out =
        if compact { serde_json::to_string(value)? } else { serde_json::to_string_pretty(value)? };
    out.push('\n');
    Ok(out)
}

/// Writes `value` as [`to_json`] does, straight to `writer`.
pub fn write_json<T: Serialize + ?Sized, W: Write>(
    writer: W,
    value: &T,
    compact: bool,
) -> std::io::Result<()> {
    // A plan's JSON runs to hundreds of KiB: write it in 64 KiB blocks, not 8 KiB ones.
    let mut writer = std::io::BufWriter::with_capacity(64 * 1024, writer);
    if compact {
        serde_json::to_writer(&mut writer, value)?;
    } else {
        serde_json::to_writer_pretty(&mut writer, value)?;
    }
    writer.write_all(b"\n")?;
    writer.flush()
}
