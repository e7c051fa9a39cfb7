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
