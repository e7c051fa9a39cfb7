use thiserror::Error;

/// Why a file could not be read. Every message is one line that names the file, and the
/// part, line or row where it applies.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be read. The I/O error is part of the one-line message, and not
    /// also a `source`, so that printing the error chain does not say it twice.
    #[error("{file}: {cause}")]
    Io { file: String, cause: std::io::Error },
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error("{file}: unsupported format: {reason}")]
    Unsupported { file: String, reason: String },
    #[error("{file}: contains no table")]
    NoTable { file: String },
    /// Not a zip archive, or a zip archive (or one of its entries) that is corrupt: a bad
    /// central directory, a CRC mismatch, deflate data that does not inflate.
    #[error("{file}: {}{reason}", part_prefix(.part))]
    Zip { file: String, part: Option<String>, reason: String },
    /// A legacy binary Word file (OLE compound document), which includes every
    /// password-protected Office document: the encrypted package sits inside an OLE container.
    #[error("{file}: {}; convert it first: soffice --headless --convert-to docx {file}", ole_kind(*.encrypted))]
    LegacyOle { file: String, encrypted: bool },
    /// The package holds no WordprocessingML main part: its main part has another content
    /// type or another root element (a theme, a spreadsheet, a presentation).
    #[error("{file}: {part}: not a Word document: {reason}")]
    NotWordDocument { file: String, part: String, reason: String },
    /// A required part is missing from the package.
    #[error("{file}: {part}: missing part{}", detail_suffix(.detail))]
    MissingPart { file: String, part: String, detail: Option<String> },
    /// Malformed XML in one part.
    #[error("{file}: {part}: XML error at byte {position} (line {line}): {message}")]
    Xml { file: String, part: String, position: u64, line: u64, message: String },
    /// A DOCTYPE (and so possibly entity declarations) in a part: refused, never expanded.
    #[error("{file}: {part}: refusing a DOCTYPE declaration at byte {position} (entities are never expanded)")]
    Dtd { file: String, part: String, position: u64 },
    /// A limit of [`crate::Options`] (or a fixed safety limit) was exceeded.
    #[error("{file}: {}{reason}", part_prefix(.part))]
    Limit { file: String, part: Option<String>, reason: String },
    /// Text that decodes in none of the supported encodings; `reason` says where.
    #[error("{file}: cannot decode the text: {reason}")]
    Encoding { file: String, reason: String },
    /// An .xlsx workbook that calamine could not read.
    #[error("{file}: {reason}")]
    Xlsx { file: String, reason: String },
    /// A Word 97–2003 binary document (.doc, .wps) that cannot be read: damaged or cut short.
    #[error("{file}: {reason}")]
    Doc { file: String, reason: String },
    /// Input larger than `Options::max_input_bytes`.
    #[error("{file}: larger than {limit} bytes (the input size limit)")]
    TooLarge { file: String, limit: u64 },
}

fn part_prefix(part: &Option<String>) -> String {
    match part {
        Some(part) => format!("{part}: "),
        None => String::new(),
    }
}

fn detail_suffix(detail: &Option<String>) -> String {
    match detail {
        Some(detail) => format!(" ({detail})"),
        None => String::new(),
    }
}

fn ole_kind(encrypted: bool) -> &'static str {
    if encrypted {
        "a password-protected (encrypted) Office document, not a plain .docx; remove the password"
    } else {
        "a legacy Word .doc file (OLE compound file), not a .docx"
    }
}
