//! A lexicon file: words a user adds at run time (`--lexicon FILE`), in TOML.
//!
//! ```toml
//! # Extra header words per column role: seq, section, measure, goal, schedule, lead,
//! # support, deadline, leaders, progress, remarks, other, task, content, lead-generic,
//! # ambiguous (header-roles.tsv). A header line holding the word takes the role.
//! [headers]
//! lead = ["主抓部门", "主抓单位"]
//! support = ["协作单位"]
//!
//! # Extra units: surface as written; base (default: the surface); class: counter, measure,
//! # money, percent or noun (default counter); kind: count, people, length, area, … (see
//! # units.tsv; default count).
//! [[units]]
//! surface = "标段"
//!
//! [[units]]
//! surface = "延长米"
//! base = "米"
//! class = "measure"
//! kind = "length"
//!
//! # Extra connectives per part: lead or support.
//! [connectives]
//! lead = ["主抓"]
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::{
    header_role, unit_entry, unit_part, Connective, ConnectivePlace, HeaderRole, Lexicon, Match,
    UnitEntry,
};

/// What went wrong reading a lexicon file (or, in a broken build, the built-in data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub file: String,
    /// 1-based, where known.
    pub line: Option<usize>,
    pub message: taizhang_i18n::Msg,
}

impl LexiconError {
    /// The one-line message in `lang`: `FILE:LINE: what is wrong`.
    pub fn render(&self, lang: taizhang_i18n::Lang) -> String {
        use taizhang_i18n::msg;
        let message = self.message.clone();
        match self.line {
            Some(line) => {
                msg!("lexicon.err.at-line", file = &self.file, line = line, message => message)
            }
            None => msg!("lexicon.err.at", file = &self.file, message => message),
        }
        .render(lang)
    }
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(taizhang_i18n::Lang::En))
    }
}

impl std::error::Error for LexiconError {}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    headers: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    units: Vec<RawUnit>,
    #[serde(default)]
    connectives: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    surface: String,
    #[serde(default)]
    base: String,
    #[serde(default)]
    class: Option<String>,
    #[serde(default)]
    kind: Option<String>,
}

/// The words of a lexicon file, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LexiconFile {
    headers: Vec<(HeaderRole, String)>,
    units: Vec<UnitEntry>,
    connectives: Vec<Connective>,
}

impl LexiconFile {
    /// Reads the TOML text of the file named `file` (the name is for messages).
    pub fn parse(file: &str, text: &str) -> Result<LexiconFile, LexiconError> {
        use taizhang_i18n::{msg, Msg};
        let error = |line: Option<usize>, message: Msg| LexiconError {
            file: file.to_string(),
            line,
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let line =
                e.span().map(|span| text[..span.start.min(text.len())].lines().count().max(1));
            error(line, msg!("lexicon.err.toml", cause = e.message()))
        })?;
        let mut out = LexiconFile::default();
        let words = |words: Vec<String>, what: &str| -> Result<Vec<String>, LexiconError> {
            let words: Vec<String> = words.into_iter().map(|w| w.trim().to_string()).collect();
            if words.iter().any(String::is_empty) {
                return Err(error(None, msg!("lexicon.err.empty-word", what = what)));
            }
            Ok(words)
        };
        for (role, list) in raw.headers {
            let Some(parsed) = header_role(&role) else {
                return Err(error(None, msg!("lexicon.err.unknown-role", role = role)));
            };
            for word in words(list, &format!("headers.{role}"))? {
                // A header line is read without blanks: so is the word.
                let word: String = word.chars().filter(|c| !c.is_whitespace()).collect();
                out.headers.push((parsed, word));
            }
        }
        for unit in raw.units {
            let surface = unit.surface.trim().to_string();
            if surface.is_empty() {
                return Err(error(None, msg!("lexicon.err.empty-surface")));
            }
            let class = unit.class.as_deref().unwrap_or("counter");
            let kind = unit.kind.as_deref().unwrap_or("count");
            let entry = unit_entry(&surface, unit.base.trim(), class, kind).map_err(|e| {
                error(None, msg!("lexicon.err.unit", surface = &surface, cause => e))
            })?;
            out.units.push(entry);
        }
        for (part, list) in raw.connectives {
            let Some(parsed) = unit_part(&part) else {
                return Err(error(None, msg!("lexicon.err.part", part = part)));
            };
            for word in words(list, &format!("connectives.{part}"))? {
                // Written after the units (`A主抓`), as the built-in suffixes are.
                out.connectives.push(Connective {
                    part: parsed,
                    word,
                    place: ConnectivePlace::Suffix,
                });
            }
        }
        Ok(out)
    }

    /// Reads a lexicon file from disk.
    pub fn read(path: &std::path::Path) -> Result<LexiconFile, LexiconError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| LexiconError {
            file: name.clone(),
            line: None,
            message: taizhang_i18n::io_error(&e),
        })?;
        LexiconFile::parse(&name, &text)
    }

    pub(crate) fn apply(&self, lexicon: &mut Lexicon) {
        for (role, word) in &self.headers {
            lexicon.push_header_word(*role, word, Match::Contains);
        }
        lexicon.sort_header_words();
        lexicon.units.extend(self.units.iter().cloned());
        lexicon.connectives.extend(self.connectives.iter().cloned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use taizhang_model::plan::ColumnRole;

    #[test]
    fn extra_words_take_their_role() {
        let file = LexiconFile::parse(
            "extra.toml",
            "[headers]\nlead = [\"主抓 部门\"]\n[[units]]\nsurface = \"标段\"\n[connectives]\nlead = [\"主抓\"]\n",
        )
        .expect("a lexicon file");
        assert_eq!(builtin().header_line_role("主抓部门"), None);
        let lexicon = builtin().extended(&file);
        assert_eq!(lexicon.header_line_role("主抓部门"), Some(HeaderRole::Sure(ColumnRole::Lead)));
        // Precedence still holds: a support word wins over the added lead word.
        assert_eq!(
            lexicon.header_line_role("主抓部门配合"),
            Some(HeaderRole::Sure(ColumnRole::Support))
        );
        assert!(lexicon.units().iter().any(|u| u.surface == "标段" && u.base == "标段"));
        assert!(lexicon.connectives().iter().any(|c| c.word == "主抓"));
    }

    #[test]
    fn errors_name_the_file_and_the_entry() {
        let err = LexiconFile::parse("x.toml", "[headers]\nboss = [\"主抓\"]\n").expect_err("role");
        assert!(err.to_string().starts_with("x.toml: headers.boss: unknown role"), "{err}");
        let err = LexiconFile::parse("x.toml", "[[units]]\nsurface = \"段\"\nkind = \"speed\"\n")
            .expect_err("kind");
        assert!(err.to_string().starts_with("x.toml: units `段`: kind is one of count"), "{err}");
        let err = LexiconFile::parse("x.toml", "[heders]\n").expect_err("unknown table");
        assert!(err.to_string().starts_with("x.toml:1: unknown field `heders`"), "{err}");
        let err = LexiconFile::parse("x.toml", "[headers]\nlead = [\"\"]\n").expect_err("empty");
        assert_eq!(err.to_string(), "x.toml: headers.lead: an empty word");
    }
}
