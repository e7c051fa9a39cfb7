//! .docx: zip + quick-xml, streamed.

use taizhang_model::table::{ReadWarning, Table};

use crate::{Options, ReadError};

/// What the .docx reader returns for one document.
#[derive(Debug, Clone, Default)]
pub struct DocxOutput {
    pub tables: Vec<Table>,
    pub warnings: Vec<ReadWarning>,
    /// The encoding declared by the main XML part.
    pub encoding: String,
}

/// Reads every table of a .docx held in `bytes`; `file` names it in errors.
pub fn read_docx(file: &str, bytes: &[u8], options: &Options) -> Result<DocxOutput, ReadError> {
    let _ = (bytes, options);
    Err(ReadError::Unsupported { file: file.to_string(), reason: ".docx is not available yet".into() })
}
