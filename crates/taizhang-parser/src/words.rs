//! The parser's word lists. The domain words (connectives, leader titles, office words, unit
//! endings, collective kinds, header words) are the lexicon's (`taizhang-lexicon/data/`);
//! `data/export-columns.tsv` here is no domain word list but the column names of taizhang's
//! own export, which belong to this crate.

use std::sync::OnceLock;

use taizhang_lexicon::{builtin, ConnectivePlace, UnitPart};

/// Endings of unit names (`局`, `委员会`).
pub(crate) fn unit_endings() -> impl Iterator<Item = &'static str> {
    builtin().unit_endings()
}

/// Kinds of units a `各…` collective names, longest first.
pub(crate) fn collective_kinds() -> impl Iterator<Item = &'static str> {
    builtin().collective_kinds()
}

/// Connective words of unit cells by kind (`lead-label`, `support-label`, `lead-suffix`,
/// `support-suffix`, `first-leads`, as in the lexicon's `connectives.tsv`), in file order, then
/// those a lexicon file adds.
pub(crate) fn connectives<'l>(
    lexicon: &'l taizhang_lexicon::Lexicon,
    kind: &str,
) -> impl Iterator<Item = &'l str> {
    let (part, place) = match kind {
        "lead-label" => (UnitPart::Lead, ConnectivePlace::Label),
        "support-label" => (UnitPart::Support, ConnectivePlace::Label),
        "lead-suffix" => (UnitPart::Lead, ConnectivePlace::Suffix),
        "support-suffix" => (UnitPart::Support, ConnectivePlace::Suffix),
        _ => (UnitPart::Lead, ConnectivePlace::FirstLeads),
    };
    lexicon.connective_words(part, place)
}

/// taizhang's own export columns (items sheet) and the role each holds.
pub(crate) fn export_columns() -> &'static [(&'static str, &'static str)] {
    static WORDS: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("../data/export-columns.tsv")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(k, w)| (k.trim(), w.trim()))
            .collect()
    })
}

/// Titles of persons (`副市长`), longest first.
pub(crate) fn leader_titles() -> impl Iterator<Item = &'static str> {
    builtin().leader_titles()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_has_words() {
        assert!(unit_endings().any(|w| w == "局"));
        assert_eq!(collective_kinds().next(), Some("人民政府"));
        assert!(connectives(builtin(), "lead-suffix").any(|w| w == "牵头"));
        assert!(connectives(builtin(), "first-leads").any(|w| w == "排在第一位的为牵头单位"));
        assert!(leader_titles().any(|w| w == "副市长"));
        assert!(export_columns().contains(&("lead", "lead")));
    }
}
