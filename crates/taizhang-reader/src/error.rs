use std::fmt;

use taizhang_i18n::{Lang, Msg};

/// Why a file could not be read. Every message is one line that names the file, and the
/// part, line or row where it applies; [`ReadError::render`] gives it in Chinese or English
/// (from the catalogue), `Display` in English.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be read. The I/O error is part of the one-line message, and not
    /// also a `source`, so that printing the error chain does not say it twice.
    Io {
        file: String,
        cause: std::io::Error,
    },
    Empty {
        file: String,
    },
    Unsupported {
        file: String,
        reason: Msg,
    },
    NoTable {
        file: String,
    },
    /// Not a zip archive, or a zip archive (or one of its entries) that is corrupt: a bad
    /// central directory, a CRC mismatch, deflate data that does not inflate.
    Zip {
        file: String,
        part: Option<String>,
        reason: Msg,
    },
    /// A legacy binary Word file (OLE compound document), which includes every
    /// password-protected Office document: the encrypted package sits inside an OLE container.
    LegacyOle {
        file: String,
        encrypted: bool,
    },
    /// The package holds no WordprocessingML main part: its main part has another content
    /// type or another root element (a theme, a spreadsheet, a presentation).
    NotWordDocument {
        file: String,
        part: String,
        reason: Msg,
    },
    /// A required part is missing from the package.
    MissingPart {
        file: String,
        part: String,
        detail: Option<Msg>,
    },
    /// Malformed XML in one part.
    Xml {
        file: String,
        part: String,
        position: u64,
        line: u64,
        message: Msg,
    },
    /// A DOCTYPE (and so possibly entity declarations) in a part: refused, never expanded.
    Dtd {
        file: String,
        part: String,
        position: u64,
    },
    /// A limit of [`crate::Options`] (or a fixed safety limit) was exceeded.
    Limit {
        file: String,
        part: Option<String>,
        reason: Msg,
    },
    /// Text that decodes in none of the supported encodings; `reason` says where.
    Encoding {
        file: String,
        reason: Msg,
    },
    /// An .xlsx workbook that calamine could not read.
    Xlsx {
        file: String,
        reason: Msg,
    },
    /// A Word 97–2003 binary document (.doc, .wps) that cannot be read: damaged or cut short.
    Doc {
        file: String,
        reason: Msg,
    },
    /// Input larger than `Options::max_input_bytes`.
    TooLarge {
        file: String,
        limit: u64,
    },
}

impl ReadError {
    /// The file the error is about, as it was given.
    pub fn file(&self) -> &str {
        match self {
            ReadError::Io { file, .. }
            | ReadError::Empty { file }
            | ReadError::Unsupported { file, .. }
            | ReadError::NoTable { file }
            | ReadError::Zip { file, .. }
            | ReadError::LegacyOle { file, .. }
            | ReadError::NotWordDocument { file, .. }
            | ReadError::MissingPart { file, .. }
            | ReadError::Xml { file, .. }
            | ReadError::Dtd { file, .. }
            | ReadError::Limit { file, .. }
            | ReadError::Encoding { file, .. }
            | ReadError::Xlsx { file, .. }
            | ReadError::Doc { file, .. }
            | ReadError::TooLarge { file, .. } => file,
        }
    }

    /// The message without the file: what is wrong, and where in the file.
    pub fn message(&self) -> Msg {
        use taizhang_i18n::msg;
        let in_part = |part: &Option<String>, reason: &Msg| match part {
            Some(part) => msg!("read.err.in-part", part = part, reason => reason.clone()),
            None => reason.clone(),
        };
        match self {
            ReadError::Io { cause, .. } => taizhang_i18n::io_error(cause),
            ReadError::Empty { .. } => msg!("read.err.empty"),
            ReadError::Unsupported { reason, .. } => {
                msg!("read.err.unsupported", reason => reason.clone())
            }
            ReadError::NoTable { .. } => msg!("read.err.no-table"),
            ReadError::Zip { part, reason, .. } | ReadError::Limit { part, reason, .. } => {
                in_part(part, reason)
            }
            ReadError::LegacyOle { file, encrypted: true } => {
                msg!("read.err.encrypted", file = file)
            }
            ReadError::LegacyOle { file, encrypted: false } => {
                msg!("read.err.legacy-doc", file = file)
            }
            ReadError::NotWordDocument { part, reason, .. } => {
                msg!("read.err.not-word", part = part, reason => reason.clone())
            }
            ReadError::MissingPart { part, detail: None, .. } => {
                msg!("read.err.missing-part", part = part)
            }
            ReadError::MissingPart { part, detail: Some(detail), .. } => {
                msg!("read.err.missing-part-detail", part = part, detail => detail.clone())
            }
            ReadError::Xml { part, position, line, message, .. } => msg!(
                "read.err.xml",
                part = part,
                position = position,
                line = line,
                message => message.clone()
            ),
            ReadError::Dtd { part, position, .. } => {
                msg!("read.err.dtd", part = part, position = position)
            }
            ReadError::Encoding { reason, .. } => {
                msg!("read.err.encoding", reason => reason.clone())
            }
            ReadError::Xlsx { reason, .. } | ReadError::Doc { reason, .. } => reason.clone(),
            ReadError::TooLarge { limit, .. } => msg!("read.err.too-large", limit = limit),
        }
    }

    /// The one-line message in `lang`: `FILE: what is wrong`.
    pub fn render(&self, lang: Lang) -> String {
        taizhang_i18n::tr!(
            lang,
            "read.err.file",
            file = self.file(),
            message = self.message().render(lang)
        )
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for ReadError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{read_bytes, Options};

    #[test]
    fn errors_render_in_either_language_and_name_the_file() {
        let err = read_bytes("plan.docx", b"PK\x03\x04 not really a zip", &Options::default())
            .unwrap_err();
        let (en, zh) = (err.render(Lang::En), err.render(Lang::Zh));
        assert_eq!(en, err.to_string());
        assert!(en.starts_with("plan.docx: "), "{en}");
        assert!(zh.starts_with("plan.docx："), "{zh}");
        assert!(zh.contains("zip"), "{zh}");
        assert_ne!(en, zh);
        let io = ReadError::Io {
            file: "missing.docx".into(),
            cause: std::io::Error::from(std::io::ErrorKind::NotFound),
        };
        assert_eq!(io.render(Lang::Zh), "missing.docx：文件或目录不存在");
        assert_eq!(io.render(Lang::En), "missing.docx: no such file or directory");
    }

    #[test]
    fn warnings_follow_the_language_of_the_read_and_keep_their_codes() {
        let text = "序号\t措施\t牵头单位\n1\t建设\n";
        let read = |lang| {
            let options = Options { lang, ..Options::default() };
            read_bytes("plan.txt", text.as_bytes(), &options).unwrap().warnings
        };
        let (en, zh) = (read(Lang::En), read(Lang::Zh));
        assert!(!en.is_empty());
        assert_eq!(
            en.iter().map(|w| &w.code).collect::<Vec<_>>(),
            zh.iter().map(|w| &w.code).collect::<Vec<_>>()
        );
        assert!(en[0].message.contains("cells where the table has"), "{}", en[0].message);
        assert!(zh[0].message.contains("个单元格"), "{}", zh[0].message);
    }
}
