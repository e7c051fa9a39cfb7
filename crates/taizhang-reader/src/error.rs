use thiserror::Error;

/// Why a file could not be read. Every message is one line that names the file.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ReadError {
    #[error("{file}: unsupported format")]
    Unsupported { file: String },
}
