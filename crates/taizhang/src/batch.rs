//! Batch conversion: `taizhang parse` over many files and directories, in parallel.
//!
//! The work has three parts:
//!
//! 1. [`collect`] expands the paths given on the command line into a sorted list of inputs,
//!    walking directories for the formats taizhang reads (`.docx`, `.txt`, `.xlsx`) and
//!    visiting each real directory once, so symlink loops end.
//! 2. [`run`] converts the inputs on a rayon pool of `jobs` threads. Each input goes to one
//!    JSON file under `--out-dir`, or to one compact line of JSON Lines written in input
//!    order. Workers claim inputs in order and may run at most a fixed window ahead of the
//!    writer, so the reorder buffer, and with it peak memory, stays bounded however many
//!    files there are, and the bytes written never depend on thread timing.
//! 3. [`Summary`] is printed on stderr: how many inputs were converted, failed and skipped,
//!    with one line per failure naming the file and the reason.
//!
//! A failure in one file (unreadable, not a plan, even a panic) is recorded and the batch
//! goes on.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io::{self, IsTerminal, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Extensions (lowercase) of the formats a directory walk picks up.
pub const EXTENSIONS: [&str; 10] =
    ["docx", "txt", "xlsx", "html", "htm", "csv", "xls", "et", "doc", "wps"];

/// Kinds of files a plan is often sent as that taizhang cannot read, by extension: what
/// each is, and what to do with it. A directory walk names each such file in the summary.
const UNREADABLE: &[(&[&str], &str)] = &[
    (&["pdf"], "batch.unreadable.pdf"),
    (&["ofd"], "batch.unreadable.ofd"),
    (&["png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp"], "batch.unreadable.image"),
    (&["odt"], "batch.unreadable.odt"),
    (&["ods"], "batch.unreadable.ods"),
    (&["rtf"], "batch.unreadable.rtf"),
    (&["mht", "mhtml"], "batch.unreadable.mht"),
    (&["ppt", "pptx", "dps"], "batch.unreadable.presentation"),
    (&["zip", "rar", "7z"], "batch.unreadable.archive"),
];

/// What a file of a known kind taizhang cannot read is, and what to do with it.
fn unreadable_kind(name: &OsStr) -> Option<&'static str> {
    let extension = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    UNREADABLE
        .iter()
        .find(|(extensions, _)| extensions.contains(&extension.as_str()))
        .map(|(_, what)| *what)
}

/// One file to convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path to open, as given or as found under a directory given.
    pub path: PathBuf,
    /// Where its output goes under `--out-dir`, before the extension is replaced: the path
    /// relative to the directory it was found in, or the file name for a file given directly.
    pub name: PathBuf,
}

/// The inputs found under the paths given.
#[derive(Debug, Default)]
pub struct Collected {
    /// Sorted by path, without repeats.
    pub inputs: Vec<Input>,
    /// Files met in a directory walk that taizhang does not read (other extensions, and
    /// the lock files office programs leave beside open documents).
    pub skipped: usize,
    /// The skipped files of kinds taizhang knows but cannot read (PDF, OFD, images …), with
    /// what each is and what to do with it; counted in `skipped` too.
    pub unreadable: Vec<Failure>,
    /// Paths that could not be listed or opened at all (a missing path, an unreadable
    /// directory, a dangling link named like an input).
    pub failures: Vec<Failure>,
}

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
    /// Set when an interrupt stopped the batch: how many inputs there were.
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

/// True when the command line asks for batch mode: more than one path, a directory, or an
/// output directory. One file without `--out-dir` keeps the single-file behaviour.
pub fn is_batch(paths: &[PathBuf], out_dir: Option<&Path>) -> bool {
    out_dir.is_some()
        || paths.len() > 1
        || paths.iter().any(|p| p.as_os_str() != "-" && fs::metadata(p).is_ok_and(|m| m.is_dir()))
}

/// What `taizhang parse` asks of a batch.
#[derive(Debug)]
pub struct Request<'a> {
    pub paths: &'a [PathBuf],
    /// `--out-dir`: one JSON file per input. Without it, JSON Lines go to `output`.
    pub out_dir: Option<&'a Path>,
    /// `-o`: where the JSON Lines go instead of standard output.
    pub output: Option<&'a Path>,
    /// `-j`: threads; 0 means all cores.
    pub jobs: usize,
    /// `--compact` for the files under `--out-dir` (JSON Lines are always compact).
    pub compact: bool,
    pub options: &'a taizhang::ParseOptions,
}

/// `taizhang parse` over many inputs: converts them all, prints the summary on stderr, and
/// exits 2 when any failed.
pub fn parse_command(request: &Request<'_>) -> anyhow::Result<ExitCode> {
    if request.paths.iter().any(|p| p.as_os_str() == "-") {
        anyhow::bail!("`-` (standard input) cannot be combined with other inputs or --out-dir");
    }
    if let (Some(_), Some(_)) = (request.out_dir, request.output) {
        anyhow::bail!(
            "-o and --out-dir cannot be used together: --out-dir writes one file per input"
        );
    }
    let collected = collect(request.paths);
    if let Some(out) = request.output {
        let inputs = collected.inputs.iter().map(|i| i.path.as_path());
        taizhang_emit::output::refuse_input(out, inputs).map_err(anyhow::Error::msg)?;
    }
    if collected.inputs.is_empty() && collected.failures.is_empty() {
        let paths: Vec<String> = request.paths.iter().map(|p| p.display().to_string()).collect();
        anyhow::bail!("no .docx, .txt or .xlsx file found in {}", paths.join(", "));
    }
    // Built once: it holds the dictionaries and patterns every thread shares.
    let parser = request.options.parser();
    let lines = request.out_dir.is_none();
    let compact = request.compact || lines;
    let convert = |path: &Path| -> Result<Converted, String> {
        let parsed =
            taizhang::parse_file(&parser, path, request.options).map_err(|e| format!("{e:#}"))?;
        let mut json = taizhang_emit::json::to_json(&parsed.value, compact)
            .map_err(|e| format!("{}: cannot write JSON: {e}", path.display()))?;
        if lines {
            // One line per plan: the writer adds the line break.
            json.pop();
        }
        Ok(Converted { json, warnings: parsed.value.warnings.len() })
    };
    let progress = io::stderr().is_terminal();
    // Ctrl-C stops starting files; those in flight end and the summary is printed.
    crate::interrupt::deferred();
    let summary = match (request.out_dir, request.output) {
        (Some(dir), _) => {
            fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
            run(collected, request.jobs, Sink::OutDir(dir), progress, convert)?
        }
        (None, Some(out)) => {
            // The JSON Lines file is written whole or not at all: an interrupted batch
            // leaves the old file as it was.
            let mut summary = None;
            let written = taizhang_emit::output::write_atomic(out, |writer| {
                let done = run(collected, request.jobs, Sink::Lines(writer), progress, convert)?;
                let interrupted = done.interrupted.is_some();
                summary = Some(done);
                if interrupted {
                    return Err(io::Error::new(
                        io::ErrorKind::Interrupted,
                        crate::cmd::lang().text("batch.interrupted-lines"),
                    ));
                }
                Ok(())
            });
            match (written, summary) {
                (Err(e), Some(s)) if e.kind() == io::ErrorKind::Interrupted => {
                    let _ = writeln!(io::stderr(), "taizhang parse: {}: {e}", out.display());
                    s
                }
                (Err(e), _) => return Err(e).with_context(|| out.display().to_string()),
                (Ok(()), Some(s)) => s,
                (Ok(()), None) => unreachable!("the writer ran"),
            }
        }
        (None, None) => {
            let mut writer = io::BufWriter::new(io::stdout());
            run(collected, request.jobs, Sink::Lines(&mut writer), progress, convert)?
        }
    };
    summary.write_in(io::stderr().lock(), crate::cmd::lang())?;
    Ok(if summary.interrupted.is_some() {
        ExitCode::from(crate::interrupt::EXIT_INTERRUPTED)
    } else if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// Expands `paths` into inputs. Files given directly are taken whatever their extension
/// (they were asked for by name); directories are walked recursively for [`EXTENSIONS`].
pub fn collect(paths: &[PathBuf]) -> Collected {
    let mut collected = Collected::default();
    // Canonical paths of the directories entered: a directory reached a second time (a
    // symlink loop, or two links to one place) is not walked again.
    let mut visited = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                walk(path, Path::new(""), &mut visited, &mut collected);
            }
            Ok(_) => {
                let name = path.file_name().map_or_else(|| path.clone(), PathBuf::from);
                collected.inputs.push(Input { path: path.clone(), name });
            }
            Err(err) => {
                collected.failures.push(Failure { file: path.clone(), reason: one_line(&err) })
            }
        }
    }
    collected.inputs.sort_by(|a, b| a.path.cmp(&b.path));
    collected.inputs.dedup_by(|a, b| a.path == b.path);
    collected.failures.sort_by(|a, b| a.file.cmp(&b.file));
    collected
}

fn walk(dir: &Path, rel: &Path, visited: &mut HashSet<PathBuf>, out: &mut Collected) {
    let root = dir.to_path_buf();
    // An explicit stack rather than recursion: directory depth is not bounded by anything.
    let mut stack = vec![(root, rel.to_path_buf())];
    while let Some((dir, rel)) = stack.pop() {
        match fs::canonicalize(&dir) {
            Ok(real) => {
                if !visited.insert(real) {
                    continue;
                }
            }
            Err(err) => {
                out.failures.push(Failure { file: dir, reason: one_line(&err) });
                continue;
            }
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                out.failures.push(Failure { file: dir, reason: one_line(&err) });
                continue;
            }
        };
        let mut names: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.file_name())).collect();
        names.sort();
        let mut subdirs = Vec::new();
        for name in names {
            let path = dir.join(&name);
            let child_rel = rel.join(&name);
            // `fs::metadata` follows links: a link to a directory is walked (once, by the
            // visited set), a link to a file is read.
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => subdirs.push((path, child_rel)),
                Ok(_) if wanted(&name) => out.inputs.push(Input { path, name: child_rel }),
                Ok(_) => {
                    out.skipped += 1;
                    if let Some(what) = unreadable_kind(&name) {
                        out.unreadable.push(Failure { file: path, reason: what.to_string() });
                    }
                }
                // A dangling link named like an input was probably meant to be one.
                Err(err) if wanted(&name) => {
                    out.failures.push(Failure { file: path, reason: one_line(&err) })
                }
                Err(_) => out.skipped += 1,
            }
        }
        // Reversed so that the stack pops them in name order.
        stack.extend(subdirs.into_iter().rev());
    }
}

/// A directory entry taizhang reads: one of [`EXTENSIONS`], in any case, and not an office
/// lock file (`~$plan.docx`) or a macOS resource fork (`._plan.docx`), which carry the
/// extension but no document.
fn wanted(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        // Non-UTF-8 names still have an extension to look at.
        return Path::new(name)
            .extension()
            .and_then(OsStr::to_str)
            .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)));
    };
    if name.starts_with("~$") || name.starts_with("._") {
        return false;
    }
    Path::new(name)
        .extension()
        .and_then(OsStr::to_str)
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
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

/// The output file of `input` under `dir`.
pub fn output_path(dir: &Path, input: &Input) -> PathBuf {
    dir.join(&input.name).with_extension("json")
}

/// The number of threads `-j 0` or no `-j` means: all cores.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Converts `collected.inputs` with `convert` on `jobs` threads and writes the outputs to
/// `sink`. Failures of single inputs end up in the summary; an error is returned only when
/// the JSON Lines output itself cannot be written (a closed pipe, a full disk) or the
/// thread pool cannot start, and then the remaining inputs are not converted.
pub fn run<F>(
    collected: Collected,
    jobs: usize,
    sink: Sink<'_>,
    progress: bool,
    convert: F,
) -> io::Result<Summary>
where
    F: Fn(&Path) -> Result<Converted, String> + Sync,
{
    let Collected { inputs, skipped, unreadable, failures } = collected;
    let jobs = if jobs == 0 { default_jobs() } else { jobs }.clamp(1, inputs.len().max(1));
    let mut summary = Summary { skipped, unreadable, ..Summary::default() };
    // Failures keyed so that they print in input order, listing problems first.
    let mut failed: BTreeMap<(usize, PathBuf), String> = BTreeMap::new();
    for failure in failures {
        failed.insert((0, failure.file), failure.reason);
    }

    // Two inputs writing the same output file (`a.docx` and `a.txt`, or two directories
    // holding `plan.docx`): the first in input order keeps the name, the others fail rather
    // than silently overwrite it.
    let mut blocked = HashMap::new();
    if let Sink::OutDir(dir) = &sink {
        let mut owner: HashMap<PathBuf, usize> = HashMap::new();
        for (i, input) in inputs.iter().enumerate() {
            let out = output_path(dir, input);
            if let Some(&first) = owner.get(&out) {
                let reason = format!(
                    "would write {} again, already written for {}; convert one of them separately",
                    out.display(),
                    inputs[first].path.display()
                );
                blocked.insert(i, reason);
            } else {
                owner.insert(out, i);
            }
        }
    }

    let bar = if progress && inputs.len() > 1 {
        let bar =
            ProgressBar::with_draw_target(Some(inputs.len() as u64), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{elapsed_precise} [{bar:40}] {pos}/{len} files {msg}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    } else {
        ProgressBar::hidden()
    };

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        // The main thread's stack size: a deeply nested document must not fail in a worker
        // where it would have passed in single-file mode.
        .stack_size(8 << 20)
        .thread_name(|i| format!("taizhang-parse-{i}"))
        .build()
        .map_err(io::Error::other)?;

    let out_dir = match &sink {
        Sink::OutDir(dir) => Some(*dir),
        Sink::Lines(_) => None,
    };
    // How far ahead of the writer workers may run in JSON Lines mode: enough to keep every
    // thread busy while one file takes longer than the others, small enough that the
    // buffer holds a handful of outputs.
    let window = if out_dir.is_some() { usize::MAX } else { 4 * jobs };
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let written = Mutex::new(0usize);
    let advanced = Condvar::new();
    let (tx, rx) = mpsc::channel::<(usize, Result<Converted, String>)>();

    let stopped = || stop.load(Ordering::SeqCst) || crate::interrupt::requested();
    let work = |tx: mpsc::Sender<(usize, Result<Converted, String>)>| loop {
        if stopped() {
            return;
        }
        let i = next.fetch_add(1, Ordering::SeqCst);
        if i >= inputs.len() {
            return;
        }
        if window != usize::MAX {
            // Inputs are claimed in order, so the lowest unwritten one is always held by a
            // running worker: waiting here cannot deadlock.
            let mut done = written.lock().unwrap_or_else(|e| e.into_inner());
            while i >= done.saturating_add(window) && !stopped() {
                let wait = advanced.wait_timeout(done, std::time::Duration::from_millis(100));
                done = wait.unwrap_or_else(|e| e.into_inner()).0;
            }
            drop(done);
            if stopped() {
                return;
            }
        }
        let input = &inputs[i];
        let result = match blocked.get(&i) {
            Some(reason) => Err(reason.clone()),
            None => convert_one(&convert, &input.path).and_then(|converted| match out_dir {
                Some(dir) => write_output(dir, input, &converted.json)
                    .map(|()| Converted { json: String::new(), warnings: converted.warnings }),
                None => Ok(converted),
            }),
        };
        if tx.send((i, result)).is_err() {
            return;
        }
    };

    let mut sink = sink;
    let mut outcome = Ok(());
    std::thread::scope(|scope| {
        let work = &work;
        scope.spawn(move || {
            pool.scope(|s| {
                for _ in 0..jobs {
                    let tx = tx.clone();
                    s.spawn(move |_| work(tx));
                }
            });
            drop(tx);
        });

        let mut pending: BTreeMap<usize, Result<Converted, String>> = BTreeMap::new();
        let mut cursor = 0usize;
        for (i, result) in rx.iter() {
            bar.inc(1);
            pending.insert(i, result);
            while let Some(result) = pending.remove(&cursor) {
                match result {
                    Ok(converted) => {
                        summary.converted += 1;
                        summary.warnings += converted.warnings;
                        if let (Sink::Lines(out), Ok(())) = (&mut sink, &outcome) {
                            outcome = out
                                .write_all(converted.json.as_bytes())
                                .and_then(|()| out.write_all(b"\n"));
                        }
                    }
                    Err(reason) => {
                        failed.insert((1 + cursor, inputs[cursor].path.clone()), reason);
                    }
                }
                cursor += 1;
                *written.lock().unwrap_or_else(|e| e.into_inner()) = cursor;
                advanced.notify_all();
            }
            if outcome.is_err() {
                // The output is gone: stop claiming inputs and wake waiting workers; the
                // channel drains what is already in flight.
                stop.store(true, Ordering::SeqCst);
                advanced.notify_all();
            }
        }
    });
    bar.finish_and_clear();
    if let (Sink::Lines(out), Ok(())) = (&mut sink, &outcome) {
        outcome = out.flush();
    }
    outcome?;
    if crate::interrupt::requested() && cursor_of(&summary, &failed) < inputs.len() {
        summary.interrupted = Some(inputs.len());
    }
    summary.failed =
        failed.into_iter().map(|((_, file), reason)| Failure { file, reason }).collect();
    Ok(summary)
}

/// How many inputs have an outcome.
fn cursor_of(summary: &Summary, failed: &BTreeMap<(usize, PathBuf), String>) -> usize {
    summary.converted + failed.keys().filter(|(order, _)| *order > 0).count()
}

/// Runs `convert` on one file, turning a panic into a failure of that file.
fn convert_one<F>(convert: &F, path: &Path) -> Result<Converted, String>
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
                .unwrap_or_else(|| "unknown cause".to_owned());
            Err(format!("internal error (please report it with the file): {}", one_line(&message)))
        }
    }
}

/// Writes one output file through a temporary name, so an interrupted batch never leaves a
/// truncated JSON file under its final name.
fn write_output(dir: &Path, input: &Input, json: &str) -> Result<(), String> {
    let out = output_path(dir, input);
    let fail = |err: io::Error| format!("{}: {}", out.display(), one_line(&err));
    if let (Ok(a), Ok(b)) = (fs::canonicalize(&out), fs::canonicalize(&input.path)) {
        if a == b {
            return Err(format!("{}: the output would overwrite the input", out.display()));
        }
    }
    if let Some(parent) = out.parent() {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    taizhang_emit::output::write_atomic(&out, |file| file.write_all(json.as_bytes())).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::sync::atomic::AtomicUsize;
    use std::sync::Arc;
    use std::time::Duration;

    /// A fresh directory under the system temp dir, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
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

    fn touch(path: &Path) {
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
    fn collect_walks_directories_in_name_order_and_skips_other_files() {
        let tmp = TempDir::new("collect");
        let root = tmp.0.join("plans");
        for name in [
            "b.docx",
            "a.TXT",
            "notes.md",
            "~$b.docx",
            "._a.TXT",
            "2021/东莞.xlsx",
            "2021/deeper/x.txt",
            "2021/readme",
            "2021/扫描件.PDF",
            "2021/页面.htm",
            "c.csv",
            "d.xls",
            "e.et",
            "f.doc",
            "g.wps",
            "h.html",
        ] {
            touch(&root.join(name));
        }
        let single = tmp.0.join("single.data");
        touch(&single);

        let collected = collect(&[root.clone(), single.clone()]);
        let found: Vec<_> =
            collected.inputs.iter().map(|i| (i.path.clone(), i.name.clone())).collect();
        let mut expected = vec![
            (root.join("2021/deeper/x.txt"), PathBuf::from("2021/deeper/x.txt")),
            (root.join("2021/东莞.xlsx"), PathBuf::from("2021/东莞.xlsx")),
            (root.join("2021/页面.htm"), PathBuf::from("2021/页面.htm")),
            (root.join("a.TXT"), PathBuf::from("a.TXT")),
            (root.join("b.docx"), PathBuf::from("b.docx")),
            (root.join("c.csv"), PathBuf::from("c.csv")),
            (root.join("d.xls"), PathBuf::from("d.xls")),
            (root.join("e.et"), PathBuf::from("e.et")),
            (root.join("f.doc"), PathBuf::from("f.doc")),
            (root.join("g.wps"), PathBuf::from("g.wps")),
            (root.join("h.html"), PathBuf::from("h.html")),
            // Named explicitly: taken whatever its extension.
            (single, PathBuf::from("single.data")),
        ];
        expected.sort();
        assert_eq!(found, expected);
        assert_eq!(collected.skipped, 5, "notes.md, readme, the PDF and the lock/fork files");
        assert_eq!(collected.unreadable.len(), 1, "the PDF is named");
        assert_eq!(collected.unreadable[0].file, root.join("2021/扫描件.PDF"));
        assert_eq!(collected.unreadable[0].reason, "batch.unreadable.pdf");
        assert!(collected.failures.is_empty(), "{:?}", collected.failures);
    }

    #[cfg(unix)]
    #[test]
    fn collect_ends_on_symlink_loops_and_reports_dangling_inputs() {
        let tmp = TempDir::new("loops");
        let root = tmp.0.join("root");
        touch(&root.join("sub/plan.docx"));
        std::os::unix::fs::symlink(&root, root.join("sub/up")).expect("symlink");
        std::os::unix::fs::symlink(root.join("sub"), root.join("again")).expect("symlink");
        std::os::unix::fs::symlink(root.join("gone.docx"), root.join("dangling.docx"))
            .expect("symlink");
        std::os::unix::fs::symlink(root.join("gone.md"), root.join("dangling.md"))
            .expect("symlink");

        let collected = collect(std::slice::from_ref(&root));
        // `again` and `sub` are one directory: walked once, under the first name met.
        let names: Vec<_> = collected.inputs.iter().map(|i| i.name.clone()).collect();
        assert_eq!(names, vec![PathBuf::from("again/plan.docx")]);
        assert_eq!(collected.failures.len(), 1, "{:?}", collected.failures);
        assert_eq!(collected.failures[0].file, root.join("dangling.docx"));
        assert_eq!(collected.skipped, 1, "dangling.md");
    }

    #[test]
    fn collect_reports_missing_paths() {
        let missing = PathBuf::from("/nonexistent/taizhang/plan.docx");
        let collected = collect(std::slice::from_ref(&missing));
        assert!(collected.inputs.is_empty());
        assert_eq!(collected.failures.len(), 1);
        assert_eq!(collected.failures[0].file, missing);
    }

    #[test]
    fn lines_come_out_in_input_order_with_a_bounded_buffer() {
        let n = 200;
        let jobs = 4;
        let lines = Arc::new(AtomicUsize::new(0));
        let mut out = Counting { bytes: Vec::new(), lines: Arc::clone(&lines) };
        let ahead = AtomicUsize::new(0);
        let summary = run(numbered(n), jobs, Sink::Lines(&mut out), false, |path| {
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
        let summary = run(numbered(30), 3, Sink::Lines(&mut out), false, |path| {
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
        let summary = run(collected, 2, Sink::OutDir(&out), false, |path| {
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
        let err = run(numbered(1000), 2, Sink::Lines(&mut Closed), false, |_| {
            calls.fetch_add(1, Ordering::SeqCst);
            Ok(Converted { json: "{}".into(), warnings: 0 })
        })
        .expect_err("the write fails");
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        assert!(calls.load(Ordering::SeqCst) < 100, "kept converting after the output closed");
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
                reason: unreadable_kind(OsStr::new("scan.pdf")).unwrap_or_default().into(),
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
