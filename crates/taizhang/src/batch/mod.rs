//! Batch conversion: many files and directories converted in parallel, the outputs in input
//! order, with bounded memory. `taizhang parse` with several inputs or `--out-dir` runs it.
//!
//! The work has these parts:
//!
//! 1. [`collect`] expands the paths given into a sorted list of inputs, walking directories
//!    for the formats taizhang reads ([`EXTENSIONS`]) and visiting each real directory
//!    once, so symlink loops end.
//! 2. Collision planning ([`output_path`]): under an output directory, two inputs that would
//!    write the same file (`a.docx` and `a.txt`) do not overwrite each other; the first keeps
//!    the name and the others fail.
//! 3. [`Batch::run`] converts the inputs on a pool of threads. Workers claim inputs in order
//!    and may run at most a fixed window ahead of the writer, so the results waiting to be
//!    written stay bounded however many inputs there are.
//! 4. The ordered writer hands the results on in input order, on the calling thread: one
//!    JSON file per input under a directory, or one line of JSON Lines per input, so the
//!    bytes written never depend on thread timing.
//! 5. [`Summary`] says how many inputs were converted, failed and skipped, with one line per
//!    failure naming the file and the reason.
//!
//! A failure in one file (unreadable, not a plan, even a panic) is recorded and the batch
//! goes on.
//!
//! A program runs a batch the way `taizhang parse DIR` does:
//!
//! ```
//! use taizhang::batch::{self, Batch, Sink};
//!
//! let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/revision");
//! let collected = batch::collect(&[dir]);
//! let mut lines = Vec::new();
//! let mut done = 0;
//! let summary = Batch::new()
//!     .jobs(2)
//!     .on_progress(|finished, _total| done = finished)
//!     .parse(collected, Sink::Lines(&mut lines), &taizhang::ParseOptions::default(), true)?;
//! // plan-2020-v1.txt, plan-2020-v2.docx and plan-2020-v2.txt, one Plan JSON a line in
//! // path order; CHANGES.md and changes.json are not plan formats.
//! assert_eq!((summary.converted, summary.failed.len(), summary.skipped), (3, 0, 2));
//! assert_eq!(done, 3);
//! let plans: Vec<taizhang::model::Plan> = std::str::from_utf8(&lines)?
//!     .lines()
//!     .map(serde_json::from_str)
//!     .collect::<Result<_, _>>()?;
//! assert!(plans.iter().all(|plan| !plan.items.is_empty()));
//! summary.write_in(std::io::stderr(), taizhang_i18n::Lang::En)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod collect;
mod ordered;
mod plan;
mod window;

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

pub use collect::{collect, collect_in, is_batch, Collected, Input, EXTENSIONS};
pub use plan::output_path;

use crate::ParseOptions;

/// An input that produced no output, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub file: PathBuf,
    /// One line. It may start with the file name already (the reader's errors do).
    pub reason: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display().to_string();
        if self.reason.starts_with(&file) {
            f.write_str(&self.reason)
        } else {
            write!(f, "{file}: {}", self.reason)
        }
    }
}

/// What one conversion produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The bytes to write: a whole JSON document for `--out-dir`, one line (without its
    /// line break) for JSON Lines.
    pub json: String,
    /// Warnings in the converted plan, for the summary.
    pub warnings: usize,
}

/// Where the outputs go.
pub enum Sink<'a> {
    /// One file per input: `DIR/<name with the extension replaced by .json>`.
    OutDir(&'a Path),
    /// JSON Lines, one line per converted input, in input order.
    Lines(&'a mut dyn Write),
}

/// How a batch went.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub converted: usize,
    /// In input order.
    pub failed: Vec<Failure>,
    pub skipped: usize,
    /// Skipped files of known kinds taizhang cannot read, named with what to do.
    pub unreadable: Vec<Failure>,
    /// Warnings across all converted plans.
    pub warnings: usize,
    /// Set when [`Batch::stop_when`] stopped the batch before every input was done: how
    /// many inputs there were.
    pub interrupted: Option<usize>,
}

impl Summary {
    /// Writes the summary in `lang` (the words from the message catalogue): a count line,
    /// then one line per failure.
    pub fn write_in(&self, mut out: impl Write, lang: taizhang_i18n::Lang) -> io::Result<()> {
        use taizhang_i18n::tr;
        let mut line =
            tr!(lang, "batch.summary", converted = self.converted, failed = self.failed.len());
        if self.skipped > 0 {
            line.push_str(&tr!(lang, "batch.skipped", n = self.skipped));
        }
        if self.warnings > 0 {
            line.push_str(&tr!(lang, "batch.warnings", n = self.warnings));
        }
        writeln!(out, "{line}")?;
        for failure in &self.failed {
            writeln!(out, "{}", tr!(lang, "batch.failed", failure = failure))?;
        }
        for file in &self.unreadable {
            // `reason` holds the catalogue key of the kind (see `UNREADABLE`).
            let what = lang.lookup(&file.reason).unwrap_or(&file.reason);
            writeln!(
                out,
                "{}",
                tr!(lang, "batch.not-read", file = file.file.display(), what = what)
            )?;
        }
        if let Some(total) = self.interrupted {
            let line = tr!(lang, "batch.interrupted", converted = self.converted, total = total);
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

/// A batch run: how many threads, who hears of progress, and what stops it.
pub struct Batch<'a> {
    jobs: usize,
    progress: Box<dyn FnMut(usize, usize) + 'a>,
    stop: Box<dyn Fn() -> bool + Sync + 'a>,
    /// The language of the failures' reasons.
    lang: taizhang_i18n::Lang,
}

impl Default for Batch<'_> {
    fn default() -> Self {
        Batch::new()
    }
}

impl<'a> Batch<'a> {
    /// A batch on all cores, without progress reports, that runs to the end.
    pub fn new() -> Batch<'a> {
        Batch {
            jobs: 0,
            progress: Box::new(|_, _| {}),
            stop: Box::new(|| false),
            lang: taizhang_i18n::Lang::En,
        }
    }

    /// Says why an input failed in `lang` (English by default); [`Batch::parse`] takes the
    /// language of its options.
    pub fn lang(mut self, lang: taizhang_i18n::Lang) -> Batch<'a> {
        self.lang = lang;
        self
    }

    /// Converts `jobs` inputs at a time; 0 means as many as there are cores.
    pub fn jobs(mut self, jobs: usize) -> Batch<'a> {
        self.jobs = jobs;
        self
    }

    /// Called on the calling thread each time an input is done, in the order they finish:
    /// how many are done, and how many there are.
    pub fn on_progress(mut self, progress: impl FnMut(usize, usize) + 'a) -> Batch<'a> {
        self.progress = Box::new(progress);
        self
    }

    /// Asked before each input is started: once it says so, no input is started, those in
    /// flight end and are written, and [`Summary::interrupted`] is set.
    pub fn stop_when(mut self, stop: impl Fn() -> bool + Sync + 'a) -> Batch<'a> {
        self.stop = Box::new(stop);
        self
    }

    /// `taizhang parse` over the inputs: each file read and parsed with `options` and
    /// written as its Plan JSON, pretty unless `compact` (JSON Lines are always compact).
    pub fn parse(
        self,
        collected: Collected,
        sink: Sink<'_>,
        options: &ParseOptions,
        compact: bool,
    ) -> io::Result<Summary> {
        // Built once: it holds the dictionaries and patterns every thread shares.
        let parser = options.parser();
        let lang = options.lang;
        let lines = matches!(sink, Sink::Lines(_));
        let compact = compact || lines;
        let convert = |path: &Path| -> Result<Converted, String> {
            let parsed = crate::parse_file(&parser, path, options).map_err(|e| format!("{e:#}"))?;
            let mut json = taizhang_emit::json::to_json(&parsed.value, compact).map_err(|e| {
                taizhang_i18n::tr!(
                    lang,
                    "batch.cannot-write-json",
                    file = path.display(),
                    cause = e
                )
            })?;
            if lines {
                // One line per plan: the writer adds the line break.
                json.pop();
            }
            Ok(Converted { json, warnings: parsed.value.warnings.len() })
        };
        self.lang(lang).run(collected, sink, convert)
    }

    /// Converts `collected.inputs` with `convert` and writes the outputs to `sink`.
    /// Failures of single inputs end up in the summary; an error is returned only when the
    /// JSON Lines output itself cannot be written (a closed pipe, a full disk) or the
    /// threads cannot start, and then the remaining inputs are not converted.
    pub fn run<F>(self, collected: Collected, sink: Sink<'_>, convert: F) -> io::Result<Summary>
    where
        F: Fn(&Path) -> Result<Converted, String> + Sync,
    {
        let Batch { jobs, mut progress, stop, lang } = self;
        let Collected { inputs, skipped, unreadable, failures } = collected;
        let jobs = if jobs == 0 { default_jobs() } else { jobs }.clamp(1, inputs.len().max(1));
        let mut summary = Summary { skipped, unreadable, ..Summary::default() };
        // Failures keyed so that they print in input order, listing problems first.
        let mut failed: BTreeMap<(usize, PathBuf), String> = BTreeMap::new();
        for failure in failures {
            failed.insert((0, failure.file), failure.reason);
        }

        let out_dir = match &sink {
            Sink::OutDir(dir) => Some(*dir),
            Sink::Lines(_) => None,
        };
        let blocked = out_dir.map(|dir| plan::collisions(dir, &inputs, lang)).unwrap_or_default();
        // How far ahead of the writer workers may run in JSON Lines mode: enough to keep
        // every thread busy while one file takes longer than the others, small enough that
        // the buffer holds a handful of outputs. Under a directory the workers write the
        // files themselves and the writer only counts.
        let window = if out_dir.is_some() { None } else { Some(4 * jobs) };
        let work = |i: usize, input: &Input| match blocked.get(&i) {
            Some(reason) => Err(reason.clone()),
            None => convert_one(&convert, &input.path, lang).and_then(|converted| match out_dir {
                Some(dir) => plan::write_output(dir, input, &converted.json, lang)
                    .map(|()| Converted { json: String::new(), warnings: converted.warnings }),
                None => Ok(converted),
            }),
        };
        let mut sink = sink;
        let total = inputs.len();
        let done = ordered::run(
            &inputs,
            &ordered::Plan { jobs, window, stopped: &*stop },
            work,
            |i, result| {
                match result {
                    Ok(converted) => {
                        summary.converted += 1;
                        summary.warnings += converted.warnings;
                        if let Sink::Lines(out) = &mut sink {
                            out.write_all(converted.json.as_bytes())?;
                            out.write_all(b"\n")?;
                        }
                    }
                    Err(reason) => {
                        failed.insert((1 + i, inputs[i].path.clone()), reason);
                    }
                }
                Ok(())
            },
            &mut |finished| progress(finished, total),
        )?;
        if let Sink::Lines(out) = &mut sink {
            out.flush()?;
        }
        if stop() && done < total {
            summary.interrupted = Some(total);
        }
        summary.failed =
            failed.into_iter().map(|((_, file), reason)| Failure { file, reason }).collect();
        Ok(summary)
    }
}

/// The number of threads `-j 0` or no `-j` means: all cores.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Runs `convert` on one file, turning a panic into a failure of that file.
fn convert_one<F>(convert: &F, path: &Path, lang: taizhang_i18n::Lang) -> Result<Converted, String>
where
    F: Fn(&Path) -> Result<Converted, String>,
{
    match panic::catch_unwind(AssertUnwindSafe(|| convert(path))) {
        Ok(result) => result.map_err(|reason| one_line(&reason)),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| taizhang_i18n::tr!(lang, "err.unknown-cause").to_owned());
            Err(taizhang_i18n::tr!(lang, "err.internal", cause = one_line(&message)))
        }
    }
}

/// The error on one line, as the summary prints it.
fn one_line(err: &dyn fmt::Display) -> String {
    let text = err.to_string();
    if text.contains(['\n', '\r']) {
        text.split(['\n', '\r']).filter(|s| !s.trim().is_empty()).collect::<Vec<_>>().join(" ")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::ffi::OsStr;
    use std::fs;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    /// A fresh directory under the system temp dir, removed when dropped.
    pub(crate) struct TempDir(pub(crate) PathBuf);

    impl TempDir {
        pub(crate) fn new(name: &str) -> TempDir {
            let dir =
                std::env::temp_dir().join(format!("taizhang-batch-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).expect("temp dir");
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    pub(crate) fn touch(path: &Path) {
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, b"x").expect("write");
    }

    /// Inputs named `0000.txt`, `0001.txt`, … (never read: the converters below only look
    /// at the name).
    fn numbered(n: usize) -> Collected {
        let inputs = (0..n)
            .map(|i| {
                let name = PathBuf::from(format!("{i:04}.txt"));
                Input { path: name.clone(), name }
            })
            .collect();
        Collected { inputs, ..Collected::default() }
    }

    fn index_of(path: &Path) -> usize {
        path.file_stem().and_then(OsStr::to_str).and_then(|s| s.parse().ok()).expect("index")
    }

    /// Counts the lines written, so a converter can see how far behind the writer is.
    struct Counting {
        bytes: Vec<u8>,
        lines: Arc<AtomicUsize>,
    }

    impl Write for Counting {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let newlines = buf.iter().filter(|&&b| b == b'\n').count();
            self.bytes.extend_from_slice(buf);
            self.lines.fetch_add(newlines, Ordering::SeqCst);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn lines_come_out_in_input_order_with_a_bounded_buffer() {
        let n = 200;
        let jobs = 4;
        let lines = Arc::new(AtomicUsize::new(0));
        let mut out = Counting { bytes: Vec::new(), lines: Arc::clone(&lines) };
        let ahead = AtomicUsize::new(0);
        let summary = Batch::new()
            .jobs(jobs)
            .run(numbered(n), Sink::Lines(&mut out), |path| {
                let i = index_of(path);
                ahead.fetch_max(i.saturating_sub(lines.load(Ordering::SeqCst)), Ordering::SeqCst);
                // Early inputs are the slowest, so without the window the last ones would finish
                // long before the first.
                if i.is_multiple_of(16) {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Ok(Converted { json: format!("{{\"i\":{i}}}"), warnings: i % 2 })
            })
            .expect("batch runs");

        let text = String::from_utf8(out.bytes).expect("utf-8");
        let expected: String = (0..n).map(|i| format!("{{\"i\":{i}}}\n")).collect();
        assert_eq!(text, expected);
        assert_eq!(summary.converted, n);
        assert_eq!(summary.warnings, n / 2);
        assert!(summary.failed.is_empty());
        let ahead = ahead.load(Ordering::SeqCst);
        assert!(ahead < 4 * jobs, "a worker ran {ahead} inputs ahead of the writer");
    }

    #[test]
    fn failures_and_panics_do_not_stop_the_batch() {
        let mut out = Vec::new();
        let summary = Batch::new()
            .jobs(3)
            .run(numbered(30), Sink::Lines(&mut out), |path| {
                let i = index_of(path);
                match i % 10 {
                    3 => Err(format!("{}: not a plan\nsecond line", path.display())),
                    7 => panic!("boom at {i}"),
                    _ => Ok(Converted { json: i.to_string(), warnings: 0 }),
                }
            })
            .expect("batch runs");
        assert_eq!(summary.converted, 24);
        let failed: Vec<String> = summary.failed.iter().map(ToString::to_string).collect();
        assert_eq!(
            failed,
            [
                "0003.txt: not a plan second line",
                "0007.txt: internal error (please report it with the file): boom at 7",
                "0013.txt: not a plan second line",
                "0017.txt: internal error (please report it with the file): boom at 17",
                "0023.txt: not a plan second line",
                "0027.txt: internal error (please report it with the file): boom at 27",
            ]
        );
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(text.lines().count(), 24);
        assert!(text.starts_with("0\n1\n2\n4\n"), "{text}");
    }

    #[test]
    fn out_dir_mirrors_names_and_refuses_collisions() {
        let tmp = TempDir::new("outdir");
        let out = tmp.0.join("out");
        let inputs = ["2020/a.docx", "2020/a.txt", "2021/b.v2.xlsx", "c"]
            .iter()
            .map(|name| Input { path: tmp.0.join("in").join(name), name: PathBuf::from(name) })
            .collect();
        let collected = Collected { inputs, ..Collected::default() };
        let summary = Batch::new()
            .jobs(2)
            .run(collected, Sink::OutDir(&out), |path| {
                Ok(Converted { json: format!("{}\n", path.display()), warnings: 1 })
            })
            .expect("batch runs");
        assert_eq!(summary.converted, 3);
        assert_eq!(summary.warnings, 3);
        assert_eq!(summary.failed.len(), 1);
        assert_eq!(summary.failed[0].file, tmp.0.join("in/2020/a.txt"));
        assert!(summary.failed[0].reason.contains("a.json"), "{}", summary.failed[0].reason);
        for (name, from) in
            [("2020/a.json", "2020/a.docx"), ("2021/b.v2.json", "2021/b.v2.xlsx"), ("c.json", "c")]
        {
            let written = fs::read_to_string(out.join(name)).expect("output written");
            assert_eq!(written, format!("{}\n", tmp.0.join("in").join(from).display()));
        }
        // Nothing but the outputs: no temporary files left behind.
        let mut left = Vec::new();
        let mut stack = vec![out.clone()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(dir).expect("list") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    left.push(path.strip_prefix(&out).expect("under out").to_path_buf());
                }
            }
        }
        left.sort();
        let expected: Vec<PathBuf> =
            ["2020/a.json", "2021/b.v2.json", "c.json"].iter().map(PathBuf::from).collect();
        assert_eq!(left, expected);
    }

    #[test]
    fn a_closed_output_stops_the_batch_with_an_error() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let calls = AtomicUsize::new(0);
        let err = Batch::new()
            .jobs(2)
            .run(numbered(1000), Sink::Lines(&mut Closed), |_| {
                calls.fetch_add(1, Ordering::SeqCst);
                Ok(Converted { json: "{}".into(), warnings: 0 })
            })
            .expect_err("the write fails");
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        assert!(calls.load(Ordering::SeqCst) < 100, "kept converting after the output closed");
    }

    #[test]
    fn progress_hears_of_every_input() {
        let mut seen = Vec::new();
        let summary = Batch::new()
            .jobs(3)
            .on_progress(|done, total| seen.push((done, total)))
            .run(numbered(10), Sink::Lines(&mut io::sink()), |path| {
                Ok(Converted { json: path.display().to_string(), warnings: 0 })
            })
            .expect("batch runs");
        assert_eq!(summary.converted, 10);
        assert_eq!(seen, (1..=10).map(|done| (done, 10)).collect::<Vec<_>>());
    }

    #[test]
    fn a_stop_ends_the_batch_after_the_inputs_in_flight() {
        let stop = AtomicBool::new(false);
        let mut out = Vec::new();
        let summary = Batch::new()
            .jobs(2)
            .stop_when(|| stop.load(Ordering::SeqCst))
            .run(numbered(100), Sink::Lines(&mut out), |path| {
                if index_of(path) == 5 {
                    stop.store(true, Ordering::SeqCst);
                }
                Ok(Converted { json: index_of(path).to_string(), warnings: 0 })
            })
            .expect("batch runs");
        assert_eq!(summary.interrupted, Some(100));
        let written: Vec<usize> = String::from_utf8(out)
            .expect("utf-8")
            .lines()
            .map(|l| l.parse().expect("index"))
            .collect();
        // What was written is a prefix in input order: nothing skipped, nothing after a gap.
        assert_eq!(written, (0..written.len()).collect::<Vec<_>>());
        assert!(written.len() < 20, "{} written after the stop", written.len());
        assert_eq!(summary.converted, written.len());
    }

    #[test]
    fn summary_lists_counts_then_one_line_per_failure() {
        let summary = Summary {
            converted: 498,
            failed: vec![
                Failure { file: "d/x.docx".into(), reason: "d/x.docx: not a zip".into() },
                Failure { file: "d/y.txt".into(), reason: "contains no table".into() },
            ],
            skipped: 3,
            unreadable: vec![Failure {
                file: "d/scan.pdf".into(),
                reason: collect::unreadable_kind(OsStr::new("scan.pdf")).unwrap_or_default().into(),
            }],
            warnings: 12,
            interrupted: None,
        };
        let mut out = Vec::new();
        summary.write_in(&mut out, taizhang_i18n::Lang::En).expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "taizhang parse: converted 498, failed 2, skipped 3 (not a format taizhang reads); \
             12 warnings in the converted plans\n  failed: d/x.docx: not a zip\n  \
             failed: d/y.txt: contains no table\n  not read: d/scan.pdf: a PDF: no table \
             structure to read; ask for the .docx/.xlsx, or export the table from the PDF to \
             Word or Excel first\n"
        );
    }
}
