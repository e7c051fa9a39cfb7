use thiserror::Error;

/// Why a file could not be read. Every message is one line that names the file, and the
/// part, line or row where it applies.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ReadError {
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error("{file}: unsupported format: {reason}")]
    Unsupported { file: String, reason: String },
    #[error("{file}: contains no table")]
    NoTable { file: String },
    /// Text that decodes in none of the supported encodings; `reason` says where.
    #[error("{file}: cannot decode the text: {reason}")]
    Encoding { file: String, reason: String },
    /// An .xlsx workbook that calamine could not read.
    #[error("{file}: {reason}")]
    Xlsx { file: String, reason: String },
    /// Input larger than `Options::max_input_bytes`.
    #[error("{file}: larger than {limit} bytes (the input size limit)")]
    TooLarge { file: String, limit: u64 },
}
