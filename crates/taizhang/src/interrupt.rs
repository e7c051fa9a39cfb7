//! Ctrl-C, SIGTERM and SIGHUP.
//!
//! The `ctrlc` crate turns the signals into a call on a thread of its own, where ordinary
//! code can run (a raw signal handler may do almost nothing). By default a signal removes
//! the temporary files of outputs being written ([`taizhang_emit::output`]), so no half
//! file is left and every old output stays as it was, and exits 130. A batch asks for the
//! first signal to be [`deferred`]: it then stops starting files, lets those in flight end,
//! and prints its summary; a second signal exits at once.

use std::sync::atomic::{AtomicBool, Ordering};

/// Exit code after an interrupt: 128 + SIGINT, as shells report it.
pub const EXIT_INTERRUPTED: u8 = 130;

static DEFER: AtomicBool = AtomicBool::new(false);
static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler; without it, a signal would end the process before the temporary
/// files are removed.
pub fn install() {
    // Failing to install leaves the default behaviour (the process ends at once, leaving
    // at worst a hidden temporary file the next run removes): not a reason to refuse work.
    let _ = ctrlc::set_handler(|| {
        if DEFER.load(Ordering::SeqCst) && !REQUESTED.swap(true, Ordering::SeqCst) {
            return;
        }
        taizhang_emit::output::abandon_all_and_exit(i32::from(EXIT_INTERRUPTED));
    });
}

/// From now on the first signal only sets [`requested`].
pub fn deferred() {
    DEFER.store(true, Ordering::SeqCst);
}

/// Whether a deferred signal arrived.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}
