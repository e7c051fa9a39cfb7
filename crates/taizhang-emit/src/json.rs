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
    let mut out = Vec::new();
    serialize(&mut out, value, compact)?;
    out.push(b'\n');
    // serde_json writes only valid UTF-8.
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// Writes `value` as [`to_json`] does, straight to `writer`.
pub fn write_json<T: Serialize + ?Sized, W: Write>(
    writer: W,
    value: &T,
    compact: bool,
) -> std::io::Result<()> {
    // A plan's JSON runs to hundreds of KiB: write it in 64 KiB blocks, not 8 KiB ones.
    let mut writer = std::io::BufWriter::with_capacity(64 * 1024, writer);
    serialize(&mut writer, value, compact)?;
    writer.write_all(b"\n")?;
    writer.flush()
}

fn serialize<T: Serialize + ?Sized, W: Write>(
    writer: W,
    value: &T,
    compact: bool,
) -> serde_json::Result<()> {
    if compact {
        value.serialize(&mut serde_json::Serializer::new(writer))
    } else {
        value.serialize(&mut serde_json::Serializer::with_formatter(writer, Pretty::default()))
    }
}

/// serde_json's `PrettyFormatter` (two-space indent), byte for byte, with each line break
/// and its indentation written in one call: `PrettyFormatter` writes the indentation two
/// spaces at a time, a call per level, which a plan's ~20,000 lines made a tenth of the
/// time spent writing its JSON.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

/// Levels whose indentation [`BREAK`] holds; deeper ones (no plan nests so deep) are written
/// a level at a time.
const BREAK_LEVELS: usize = 32;

/// `,\n` and the indentation of [`BREAK_LEVELS`] levels: every line break is a slice of it.
const BREAK: [u8; 2 + 2 * BREAK_LEVELS] = {
    let mut bytes = [b' '; 2 + 2 * BREAK_LEVELS];
    bytes[0] = b',';
    bytes[1] = b'\n';
    bytes
};

impl Pretty {
    /// A line break (after a comma when `comma`) and the indentation of the current depth.
    fn line<W: ?Sized + Write>(&self, writer: &mut W, comma: bool) -> std::io::Result<()> {
        let start = if comma { 0 } else { 1 };
        if self.depth <= BREAK_LEVELS {
            return writer.write_all(&BREAK[start..2 + 2 * self.depth]);
        }
        writer.write_all(&BREAK[start..2])?;
        (0..self.depth).try_for_each(|_| writer.write_all(b"  "))
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        // An empty array or object stays on its line: `[]`, `{}`.
        if self.has_value {
            self.line(writer, false)?;
        }
        writer.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(writer, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(writer, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same bytes as serde_json's own pretty printer, at every depth and on empty and
    /// nested containers.
    #[test]
    fn pretty_is_serde_json_pretty() {
        let mut deep = serde_json::json!([1, {"a": []}, {}]);
        for i in 0..BREAK_LEVELS + 5 {
            deep = serde_json::json!({ "level": i, "inner": deep, "list": [i, "x\n\"y\"", null] });
        }
        let values = [
            serde_json::json!(null),
            serde_json::json!([]),
            serde_json::json!({}),
            serde_json::json!([[], {}, [[]], [{}], {"a": {}}]),
            serde_json::json!({"text": "一季度，完成投资2.9亿元。", "n": 2.9, "ok": true}),
            deep,
        ];
        for value in &values {
            let ours = to_json(value, false).unwrap();
            let theirs = serde_json::to_string_pretty(value).unwrap() + "\n";
            assert_eq!(ours, theirs);
            let mut written = Vec::new();
            write_json(&mut written, value, false).unwrap();
            assert_eq!(written, theirs.as_bytes());
            assert_eq!(to_json(value, true).unwrap(), serde_json::to_string(value).unwrap() + "\n");
        }
    }
}
