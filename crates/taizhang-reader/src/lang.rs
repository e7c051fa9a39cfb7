//! The language warnings are written in while [`crate::read_bytes`] reads a file.
//!
//! A warning's message is text in the model ([`taizhang_model::table::ReadWarning`]), made
//! deep inside each format's reader; rather than hand the language down every call, the read
//! sets it for its thread, and [`warning_text`] renders in it.

use std::cell::Cell;

use taizhang_i18n::{Lang, Msg};

thread_local! {
    static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language of one read, set for the current thread until dropped (then the one before
/// it again).
pub(crate) struct Scope {
    before: Lang,
}

impl Scope {
    pub(crate) fn enter(lang: Lang) -> Scope {
        Scope { before: LANG.with(|l| l.replace(lang)) }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        LANG.with(|l| l.set(self.before));
    }
}

/// A warning's message in the language of the read under way (English outside one).
pub(crate) fn warning_text(message: Msg) -> String {
    message.render(LANG.with(Cell::get))
}
