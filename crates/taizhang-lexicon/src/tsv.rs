//! The data files' format: one entry a line, fields separated by tabs, `#` starts a comment
//! line, blank lines are skipped.

use crate::LexiconError;

/// One entry of a data file.
#[derive(Debug)]
pub(crate) struct Row<'a> {
    file: &'static str,
    line: usize,
    fields: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Field `k`, trimmed; empty when the line has fewer fields.
    pub fn field(&self, k: usize) -> &'a str {
        self.fields.get(k).copied().unwrap_or_default()
    }

    /// An error in the built-in data (a broken build): its text is for the developers.
    pub fn error(&self, message: impl std::fmt::Display) -> LexiconError {
        LexiconError {
            file: self.file.to_string(),
            line: Some(self.line),
            message: taizhang_i18n::msg!("lexicon.err.data", message = message),
        }
    }
}

/// The entries of `file`, each with at least `required` non-empty fields.
pub(crate) fn rows<'a>(
    (file, text): (&'static str, &'a str),
    required: usize,
) -> Result<Vec<Row<'a>>, LexiconError> {
    let mut rows = Vec::new();
    for (k, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        let row = Row { file, line: k + 1, fields };
        if (0..required).any(|f| row.field(f).is_empty()) {
            return Err(row.error(format!("{required} tab-separated fields expected")));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The entries of a file of named word lists (`list<TAB>word`): each word with its list,
/// in file order. `lists` are the lists there are, `name` names each as the file does.
pub(crate) fn word_lists<L: Copy>(
    file: (&'static str, &str),
    lists: &[L],
    name: fn(L) -> &'static str,
) -> Result<Vec<(L, String)>, LexiconError> {
    Ok(list_rows(file, lists, name)?
        .into_iter()
        .map(|(list, row)| (list, row.field(1).to_string()))
        .collect())
}

/// The rows of a file of named word lists, each with its list, in file order: for lists
/// whose lines carry more than the word (`month-part<TAB>上旬<TAB>10`).
pub(crate) fn list_rows<'a, L: Copy>(
    file: (&'static str, &'a str),
    lists: &[L],
    name: fn(L) -> &'static str,
) -> Result<Vec<(L, Row<'a>)>, LexiconError> {
    let mut out = Vec::new();
    for row in rows(file, 2)? {
        let list = lists
            .iter()
            .copied()
            .find(|l| name(*l) == row.field(0))
            .ok_or_else(|| row.error("unknown list"))?;
        out.push((list, row));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_blanks_and_short_lines() {
        let rows = rows(("t.tsv", "# a\tb\n\nlead\t牵头\n"), 2).expect("rows");
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].field(0), rows[0].field(1), rows[0].field(2)), ("lead", "牵头", ""));
        let err = super::rows(("t.tsv", "lead\n"), 2).expect_err("short");
        assert_eq!(err.to_string(), "t.tsv:1: 2 tab-separated fields expected");
    }
}
