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
}
