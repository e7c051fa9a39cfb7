//! Writes minimal zip packages in memory, byte by byte: stored entries, or entries whose
//! compressed data the caller supplies (any method, any declared size and CRC).
//!
//! It exists so that tests and fuzzers can build .docx inputs, well-formed or deliberately
//! broken (a wrong CRC, a size that lies, a deflate bomb), without a zip library. It writes
//! no zip64 records: entries and archives stay under 4 GiB. Built with the `testing` feature
//! only, so it is not part of the shipped library.
//!
//! ```
//! use taizhang_reader::docx::writer::{Entry, docx, zip};
//! let bytes = zip(&[Entry::stored("a.txt", b"hello")]);
//! assert!(bytes.starts_with(b"PK\x03\x04"));
//! let document = docx(r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#);
//! let out = taizhang_reader::docx::read_docx("t.docx", &document, &Default::default()).unwrap();
//! assert_eq!(out.tables[0].rows[0].cells[0].text, "x");
//! ```

/// One zip entry as it will be written.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    /// 0 = stored, 8 = deflated.
    pub method: u16,
    /// The bytes written as the entry's data (already compressed for method 8).
    pub data: Vec<u8>,
    /// The uncompressed size written in the headers.
    pub size: u32,
    /// The CRC-32 written in the headers.
    pub crc: u32,
}

impl Entry {
    /// A stored (uncompressed) entry with its true size and CRC.
    pub fn stored(name: &str, data: &[u8]) -> Entry {
        Entry {
            name: name.to_string(),
            method: 0,
            data: data.to_vec(),
            size: data.len() as u32,
            crc: crc32(data),
        }
    }

    /// An entry with raw deflate `data` that the headers say inflates to `size` bytes with
    /// CRC `crc` (true or not).
    pub fn deflated(name: &str, data: Vec<u8>, size: u32, crc: u32) -> Entry {
        Entry { name: name.to_string(), method: 8, data, size, crc }
    }
}

/// The bytes of a zip archive holding `entries`, in order.
pub fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let offset = out.len() as u32;
        let name = entry.name.as_bytes();
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header_fields(&mut out, entry);
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name);
        out.extend_from_slice(&entry.data);
        // Central directory record.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        header_fields(&mut central, entry);
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]); // extra, comment, disk, internal and external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn header_fields(out: &mut Vec<u8>, entry: &Entry) {
    out.extend_from_slice(&20u16.to_le_bytes()); // version needed
    out.extend_from_slice(&0u16.to_le_bytes()); // flags
    out.extend_from_slice(&entry.method.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // time
    out.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
    out.extend_from_slice(&entry.crc.to_le_bytes());
    out.extend_from_slice(&(entry.data.len() as u32).to_le_bytes());
    out.extend_from_slice(&entry.size.to_le_bytes());
}

/// Raw deflate (one block with the fixed Huffman code) of `prefix`, `run` copies of `fill`
/// and `suffix`: literals for the text, and length-258 matches at distance 1 for the run,
/// 13 bits per 258 bytes (about 160:1). Built directly, so a 1 GiB bomb costs 7 MB to write
/// and no compressor.
pub fn deflate_run(prefix: &[u8], fill: u8, run: usize, suffix: &[u8]) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, n: u32) {
            self.acc |= value << self.n;
            self.n += n;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u32, n: u32) {
            let reversed = code.reverse_bits() >> (32 - n);
            self.put(u64::from(reversed), n);
        }
        fn literal(&mut self, b: u8) {
            if b < 144 {
                self.code(0x30 + u32::from(b), 8);
            } else {
                self.code(0x190 + u32::from(b) - 144, 9);
            }
        }
    }
    let mut bits = Bits { out: Vec::with_capacity(run / 158 + 1024), acc: 0, n: 0 };
    bits.put(1, 1); // final block
    bits.put(1, 2); // fixed Huffman codes
    for &b in prefix {
        bits.literal(b);
    }
    if run > 0 {
        bits.literal(fill);
        let mut left = run - 1;
        // Length 258 is code 285 (8 bits 11000101), distance 1 is code 0 (5 bits).
        let chunk = u64::from(0xC5u32.reverse_bits() >> 24);
        while left >= 258 {
            bits.put(chunk, 13);
            left -= 258;
        }
        for _ in 0..left {
            bits.literal(fill);
        }
    }
    for &b in suffix {
        bits.literal(b);
    }
    bits.code(0, 7); // end of block
    bits.put(0, 7); // flush the last byte
    bits.out
}

/// CRC-32 (IEEE), as zip uses it.
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &b in data {
        crc = TABLE[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// The WordprocessingML namespace declarations [`docx`] puts on `w:document`.
pub const NAMESPACES: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml""#
);

/// `[Content_Types].xml` of a document with numbering and styles parts.
pub const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

/// `_rels/.rels` naming `word/document.xml` as the main part.
pub const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// `word/_rels/document.xml.rels` naming the numbering and styles parts.
pub const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// A `word/document.xml` whose body is `body`, with the usual namespaces declared.
pub fn document_xml(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// A `numbering.xml` holding `content` (`w:abstractNum` and `w:num` elements).
pub fn numbering_xml(content: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {NAMESPACES}>{content}</w:numbering>"#
    )
}

/// A `styles.xml` holding `content` (`w:style` elements).
pub fn styles_xml(content: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {NAMESPACES}>{content}</w:styles>"#
    )
}

/// A complete .docx whose body is `body`, without numbering or styles.
pub fn docx(body: &str) -> Vec<u8> {
    docx_with(body, "", "")
}

/// A complete .docx with a body, numbering definitions and paragraph styles.
pub fn docx_with(body: &str, numbering: &str, styles: &str) -> Vec<u8> {
    zip(&[
        Entry::stored("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        Entry::stored("_rels/.rels", ROOT_RELS.as_bytes()),
        Entry::stored("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        Entry::stored("word/document.xml", document_xml(body).as_bytes()),
        Entry::stored("word/numbering.xml", numbering_xml(numbering).as_bytes()),
        Entry::stored("word/styles.xml", styles_xml(styles).as_bytes()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
