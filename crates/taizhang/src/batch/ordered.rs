//! The ordered writer: results arrive from the workers in any order and are handed on in
//! input order, on the calling thread, holding back only those that came early.

use std::collections::BTreeMap;
use std::io;
use std::sync::mpsc;

use super::window::Window;

/// Holds results that arrive before their turn.
pub(super) struct Reorder<T> {
    pending: BTreeMap<usize, T>,
    cursor: usize,
}

impl<T> Reorder<T> {
    pub(super) fn new() -> Reorder<T> {
        Reorder { pending: BTreeMap::new(), cursor: 0 }
    }

    pub(super) fn push(&mut self, i: usize, value: T) {
        self.pending.insert(i, value);
    }

    /// The result whose turn it is, if it has arrived.
    pub(super) fn pop(&mut self) -> Option<(usize, T)> {
        let value = self.pending.remove(&self.cursor)?;
        self.cursor += 1;
        Some((self.cursor - 1, value))
    }

    /// How many results have been handed on.
    pub(super) fn cursor(&self) -> usize {
        self.cursor
    }
}

/// How [`run`] spreads the work.
pub(super) struct Plan<'s> {
    pub jobs: usize,
    /// See [`Window`]: `None` when results are small enough to hold them all.
    pub window: Option<usize>,
    /// Asked before each item is started.
    pub stopped: &'s (dyn Fn() -> bool + Sync),
}

/// Runs `work` on every item on `plan.jobs` threads and hands each result to `each` in item
/// order, on the calling thread, calling `progress` with the number of results in. After
/// `each` fails, no item is started, the items in flight end, and the error is returned.
/// Returns how many results were handed on: fewer than the items when `stopped` ended the
/// run early.
pub(super) fn run<I, T, W, E>(
    items: &[I],
    plan: &Plan<'_>,
    work: W,
    mut each: E,
    progress: &mut dyn FnMut(usize),
) -> io::Result<usize>
where
    I: Sync,
    T: Send,
    W: Fn(usize, &I) -> T + Sync,
    E: FnMut(usize, T) -> io::Result<()>,
{
    let jobs = plan.jobs.clamp(1, items.len().max(1));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        // The main thread's stack size: a deeply nested document must not fail in a worker
        // where it would have passed in single-file mode.
        .stack_size(8 << 20)
        .thread_name(|i| format!("taizhang-parse-{i}"))
        .build()
        .map_err(io::Error::other)?;
    let window = Window::new(items.len(), plan.window);
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    let worker = |tx: mpsc::Sender<(usize, T)>| {
        while let Some(i) = window.claim(plan.stopped) {
            if tx.send((i, work(i, &items[i]))).is_err() {
                return;
            }
        }
    };

    let mut outcome = Ok(());
    let mut reorder = Reorder::new();
    std::thread::scope(|scope| {
        let worker = &worker;
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..jobs {
                    let tx = tx.clone();
                    s.spawn(move |_| worker(tx));
                }
            });
            drop(tx);
        });

        let mut received = 0;
        for (i, result) in rx.iter() {
            received += 1;
            progress(received);
            reorder.push(i, result);
            while let Some((i, result)) = reorder.pop() {
                if outcome.is_ok() {
                    outcome = each(i, result);
                }
                window.advance(reorder.cursor());
            }
            if outcome.is_err() {
                // The output is gone: stop handing out items and wake waiting workers; the
                // channel drains what is already in flight.
                window.close();
            }
        }
    });
    outcome.map(|()| reorder.cursor())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reorder_hands_on_in_order() {
        let mut reorder = Reorder::new();
        reorder.push(1, 'b');
        assert_eq!(reorder.pop(), None);
        reorder.push(0, 'a');
        assert_eq!(reorder.pop(), Some((0, 'a')));
        assert_eq!(reorder.pop(), Some((1, 'b')));
        assert_eq!(reorder.pop(), None);
        assert_eq!(reorder.cursor(), 2);
    }
}
