//! The parser's word lists, read once from the data files in `data/` (one file per kind:
//! header words per role, office words, unit endings, collective kinds, connectives, leader
//! titles). Lines starting with `#` and blank lines are comments.

use std::sync::OnceLock;

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// `kind<TAB>word` lines, in file order.
fn pairs(data: &'static str) -> Vec<(&'static str, &'static str)> {
    lines(data).filter_map(|l| l.split_once('\t')).map(|(k, w)| (k.trim(), w.trim())).collect()
}

/// Header words with their role kind, in precedence order.
pub(crate) fn header_roles() -> &'static [(&'static str, &'static str)] {
    static WORDS: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    WORDS.get_or_init(|| pairs(include_str!("../data/header-roles.tsv")))
}

/// Words that name an office in a header (`处室`, `单位`).
pub(crate) fn office_words() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&str>> = OnceLock::new();
    WORDS.get_or_init(|| lines(include_str!("../data/office-words.txt")).collect())
}

/// Endings of unit names (`局`, `委员会`).
pub(crate) fn unit_endings() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&str>> = OnceLock::new();
    WORDS.get_or_init(|| lines(include_str!("../data/unit-endings.txt")).collect())
}

/// Kinds of units a `各…` collective names, longest first.
pub(crate) fn collective_kinds() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut w: Vec<&str> = lines(include_str!("../data/collective-kinds.txt")).collect();
        w.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        w
    })
}

/// Connective words of unit cells by kind, in file order.
pub(crate) fn connectives(kind: &str) -> impl Iterator<Item = &'static str> + '_ {
    static WORDS: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    WORDS
        .get_or_init(|| pairs(include_str!("../data/connectives.tsv")))
        .iter()
        .filter(move |(k, _)| *k == kind)
        .map(|(_, w)| *w)
}

/// taizhang's own export columns (items sheet) and the role each holds.
pub(crate) fn export_columns() -> &'static [(&'static str, &'static str)] {
    static WORDS: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    WORDS.get_or_init(|| pairs(include_str!("../data/export-columns.tsv")))
}

/// Titles of persons (`副市长`), longest first.
pub(crate) fn leader_titles() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut w: Vec<&str> = lines(include_str!("../data/leader-titles.txt")).collect();
        w.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        w
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_has_words() {
        assert!(header_roles().len() > 50);
        assert!(header_roles().iter().all(|(k, w)| !k.is_empty() && !w.is_empty()));
        assert!(!office_words().is_empty());
        assert!(unit_endings().contains(&"局"));
        assert_eq!(collective_kinds()[0], "人民政府");
        assert!(connectives("lead-suffix").any(|w| w == "牵头"));
        assert!(leader_titles().contains(&"副市长"));
    }
}
