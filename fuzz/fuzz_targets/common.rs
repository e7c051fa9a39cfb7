//! What every target shares.

use std::sync::Once;

/// libFuzzer's panic hook aborts on every panic, even one the code under test catches. The
/// .xlsx reader runs calamine under `catch_unwind` on purpose (calamine panics on some
/// malformed workbooks, e.g. an overflowing cell reference) and turns its panics into a
/// read error; those must not count as crashes. Any other panic still aborts, so it is
/// reported with its stack.
pub fn allow_caught_calamine_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let abort_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine =
                info.location().is_some_and(|l| l.file().replace('\\', "/").contains("/calamine-"));
            if !in_calamine {
                abort_hook(info);
            }
        }));
    });
}
