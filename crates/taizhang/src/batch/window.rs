//! The bounded window: workers claim inputs in order, and none starts an input more than a
//! fixed number of places ahead of the writer. The results waiting to be written, and with
//! them peak memory, stay bounded however many inputs there are.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// Hands out the indices `0..len` in order.
pub(super) struct Window {
    len: usize,
    /// How far ahead of the writer an index may be started; `None`: no limit.
    size: Option<usize>,
    next: AtomicUsize,
    closed: AtomicBool,
    /// How many results the writer has written.
    written: Mutex<usize>,
    advanced: Condvar,
}

impl Window {
    pub(super) fn new(len: usize, size: Option<usize>) -> Window {
        Window {
            len,
            size,
            next: AtomicUsize::new(0),
            closed: AtomicBool::new(false),
            written: Mutex::new(0),
            advanced: Condvar::new(),
        }
    }

    /// The next index to work on, once the writer is close enough behind it; `None` when
    /// every index is claimed, the window is closed or `stopped` says so.
    pub(super) fn claim(&self, stopped: &dyn Fn() -> bool) -> Option<usize> {
        let halted = || self.closed.load(Ordering::SeqCst) || stopped();
        if halted() {
            return None;
        }
        let i = self.next.fetch_add(1, Ordering::SeqCst);
        if i >= self.len {
            return None;
        }
        if let Some(size) = self.size {
            // Indices are claimed in order, so the lowest unwritten one is always held by a
            // running worker: waiting here cannot deadlock. The timeout lets a worker see a
            // stop that nobody signals (an interrupt).
            let mut done = self.written.lock().unwrap_or_else(|e| e.into_inner());
            while i >= done.saturating_add(size) && !halted() {
                let wait = self.advanced.wait_timeout(done, Duration::from_millis(100));
                done = wait.unwrap_or_else(|e| e.into_inner()).0;
            }
            drop(done);
            if halted() {
                return None;
            }
        }
        Some(i)
    }

    /// The writer has written the results of every index below `cursor`.
    pub(super) fn advance(&self, cursor: usize) {
        *self.written.lock().unwrap_or_else(|e| e.into_inner()) = cursor;
        self.advanced.notify_all();
    }

    /// No index is handed out any more; waiting workers wake and end.
    pub(super) fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        self.advanced.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_come_in_order_and_end() {
        let window = Window::new(3, None);
        let claimed: Vec<_> = std::iter::from_fn(|| window.claim(&|| false)).collect();
        assert_eq!(claimed, [0, 1, 2]);
        assert_eq!(window.claim(&|| false), None);
    }

    #[test]
    fn a_closed_or_stopped_window_hands_out_nothing() {
        let window = Window::new(3, Some(1));
        assert_eq!(window.claim(&|| true), None);
        window.close();
        assert_eq!(window.claim(&|| false), None);
    }

    #[test]
    fn a_claim_waits_until_the_writer_catches_up() {
        let window = Window::new(3, Some(1));
        assert_eq!(window.claim(&|| false), Some(0));
        std::thread::scope(|s| {
            let waiting = s.spawn(|| window.claim(&|| false));
            std::thread::sleep(Duration::from_millis(50));
            assert!(!waiting.is_finished(), "index 1 started before index 0 was written");
            window.advance(1);
            assert_eq!(waiting.join().expect("claim"), Some(1));
        });
    }
}
