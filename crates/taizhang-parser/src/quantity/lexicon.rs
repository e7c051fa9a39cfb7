//! Word lists looked up at every position of a text: [`taizhang_lexicon::WordIndex`].

pub(crate) use taizhang_lexicon::WordIndex as Lexicon;

/// The index of a constant word list, built on first use.
macro_rules! lexicon {
    ($words:expr) => {{
        static LEXICON: std::sync::OnceLock<$crate::quantity::lexicon::Lexicon> =
            std::sync::OnceLock::new();
        LEXICON.get_or_init(|| $crate::quantity::lexicon::Lexicon::new($words))
    }};
}
pub(crate) use lexicon;

/// The words of one list of the lexicon's `quantity-words.tsv`, in file order.
pub(crate) fn quantity_words(list: taizhang_lexicon::QuantityList) -> Vec<&'static str> {
    taizhang_lexicon::builtin().quantity_words(list).collect()
}

/// A single-char list of `quantity-words.tsv`: the first char of each word.
pub(crate) fn quantity_chars(list: taizhang_lexicon::QuantityList) -> Vec<char> {
    taizhang_lexicon::builtin().quantity_words(list).filter_map(|w| w.chars().next()).collect()
}
