//! Output files written whole or not at all.
//!
//! [`write_atomic`] writes into a temporary file in the target's folder, syncs it, and
//! renames it over the target: a reader of the target sees the old file or the new one,
//! never a part of either. When writing fails (a full disk, a closed pipe, an export
//! error), the temporary file is removed and the old target is left as it was.
//!
//! Temporary files are named `.NAME.taizhang-tmp-PID-N`: hidden, and with no extension a
//! directory walk or a user takes for output. The ones left by a killed run are removed the
//! next time a run writes into that folder (those of a process that no longer runs, or, where
//! that cannot be told, older than an hour). [`abandon_all_and_exit`] removes those of the
//! running process: the interrupt handler calls it, so Ctrl-C or SIGTERM leave no partial
//! file behind.
//!
//! ```
//! use std::io::Write;
//! let dir = std::env::temp_dir().join(format!("taizhang-output-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let target = dir.join("plan.json");
//! taizhang_emit::output::write_atomic(&target, |out| out.write_all(b"{}\n")).unwrap();
//! assert_eq!(std::fs::read(&target).unwrap(), b"{}\n");
//! // A failed write leaves the old content.
//! let failed: std::io::Result<()> = taizhang_emit::output::write_atomic(&target, |out| {
//!     out.write_all(b"{\"half")?;
//!     Err(std::io::Error::other("disk full"))
//! });
//! assert!(failed.is_err());
//! assert_eq!(std::fs::read(&target).unwrap(), b"{}\n");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

/// What every temporary name holds between the target's name and the process id.
const MARK: &str = ".taizhang-tmp-";

/// Temporary files of this process not yet renamed or removed. Renames and the interrupt
/// handler take this lock, so no rename happens once the handler has started removing.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Folders already cleaned of stale temporary files by this process.
static CLEANED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Writes `target` whole or not at all: `write` fills a temporary file beside it, which is
/// synced and renamed over `target` once `write` returned `Ok`. On any error the temporary
/// file is removed and `target` keeps what it held.
///
/// A target that exists and is neither a regular file nor a folder (`/dev/null`,
/// `/dev/stdout`, a named pipe, a terminal) is written straight into: renaming a file over
/// it would replace the device itself with a regular file (as root, `-o /dev/null` would
/// leave every later reader of `/dev/null` reading taizhang's output).
///
/// The writer `write` gets is buffered. I/O errors are returned as they are: the caller
/// names the target in its message.
pub fn write_atomic<E: From<io::Error>>(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E> {
    if fs::metadata(target).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut out = BufWriter::new(fs::OpenOptions::new().write(true).open(target)?);
        write(&mut out)?;
        out.flush()?;
        return Ok(());
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    clean_stale(&dir);
    let tmp = temporary_name(&dir, target)?;
    let file = fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
    live().push(tmp.clone());
    let result = (|| -> Result<(), E> {
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        drop(file);
        let mut live = live();
        fs::rename(&tmp, target)?;
        live.retain(|p| p != &tmp);
        Ok(())
    })();
    if result.is_err() {
        let mut live = live();
        let _ = fs::remove_file(&tmp);
        live.retain(|p| p != &tmp);
    } else if let Ok(d) = fs::File::open(&dir) {
        // The rename itself survives a crash only once the folder is synced (best effort:
        // not every platform opens folders).
        let _ = d.sync_all();
    }
    result
}

/// The path of a fresh temporary file for `target` in `dir`.
fn temporary_name(dir: &Path, target: &Path) -> io::Result<PathBuf> {
    let name = target.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "the output path names no file")
    })?;
    let mut tmp = OsString::from(".");
    tmp.push(name);
    tmp.push(format!("{MARK}{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    Ok(dir.join(tmp))
}

/// The process id a temporary file name carries: `.NAME.taizhang-tmp-PID-N`, or, from
/// versions that named them so, `NAME.json.tmpPID`.
fn temporary_pid(name: &str) -> Option<u32> {
    if let Some(at) = name.rfind(MARK) {
        let (pid, n) = name[at + MARK.len()..].split_once('-')?;
        n.parse::<u64>().ok()?;
        return pid.parse().ok();
    }
    let at = name.rfind(".json.tmp")?;
    name[at + ".json.tmp".len()..].parse().ok()
}

/// Whether the process `pid` still runs, where that can be told.
fn running(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(true);
    }
    let proc = Path::new("/proc");
    proc.join("self").exists().then(|| proc.join(pid.to_string()).exists())
}

/// Removes the temporary files that a run no longer running left in `dir`, once per
/// folder and process.
pub fn clean_stale(dir: &Path) {
    {
        let mut cleaned = CLEANED.lock().unwrap_or_else(|e| e.into_inner());
        if !cleaned.get_or_insert_with(HashSet::new).insert(dir.to_path_buf()) {
            return;
        }
    }
    let Ok(entries) = fs::read_dir(dir) else { return };
    let hour_ago = SystemTime::now().checked_sub(Duration::from_secs(3600));
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temporary_pid) else { continue };
        let stale = match running(pid) {
            Some(running) => !running,
            None => entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| hour_ago.is_some_and(|h| t < h)),
        };
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes every temporary file of this process and exits with `code`, holding the lock
/// that renames take: no output is completed after this starts.
pub fn abandon_all_and_exit(code: i32) -> ! {
    let live = live();
    for tmp in live.iter() {
        let _ = fs::remove_file(tmp);
    }
    let _ = io::stderr().flush();
    std::process::exit(code)
}

/// Refuses an output path that names one of the inputs (the same file, by any path), so
/// `taizhang parse plan.txt -o plan.txt` cannot replace its input with its output.
pub fn refuse_input<'a>(
    output: &Path,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> Result<(), taizhang_i18n::Msg> {
    let Ok(out) = fs::canonicalize(output) else { return Ok(()) };
    for input in inputs {
        if fs::canonicalize(input).is_ok_and(|i| i == out) {
            return Err(taizhang_i18n::msg!(
                "output.overwrites-input",
                output = output.display(),
                input = input.display()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A named pipe stays a pipe: what is written goes through it to its reader, and no
    /// temporary file is made beside it.
    #[cfg(unix)]
    #[test]
    fn a_device_or_pipe_is_written_into_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = dir("fifo");
        let fifo = dir.join("out.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("SKIPPED: no mkfifo here");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(&fifo).unwrap())
        };
        write_atomic(&fifo, |out| out.write_all(b"{}\n")).unwrap();
        // Before joining: a reader still waiting on a pipe that was replaced waits forever.
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a pipe");
        assert_eq!(reader.join().unwrap(), b"{}\n");
        assert_eq!(names(&dir), ["out.json"], "no temporary file left");
        fs::remove_dir_all(&dir).unwrap();
    }

    fn dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("taizhang-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A writer that takes `room` bytes, then fails as a full disk does.
    struct Full<W> {
        inner: W,
        room: usize,
    }

    impl<W: Write> Write for Full<W> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from_raw_os_error(28));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.inner.write(&buf[..n])
        }
        fn flush(&mut self) -> io::Result<()> {
            self.inner.flush()
        }
    }

    #[test]
    fn a_failing_write_leaves_the_old_file_and_no_temporary() {
        let dir = dir("full");
        let target = dir.join("x.json");
        fs::write(&target, b"{\"old\":true}\n").unwrap();
        let result: io::Result<()> = write_atomic(&target, |out| {
            let mut full = Full { inner: out, room: 10 };
            full.write_all(&[b'x'; 100_000])
        });
        let err = result.unwrap_err();
        assert_eq!(err.raw_os_error(), Some(28), "{err}");
        assert_eq!(fs::read(&target).unwrap(), b"{\"old\":true}\n");
        assert_eq!(names(&dir), ["x.json"]);
        assert!(!live().iter().any(|p| p.starts_with(&dir)));
    }

    #[test]
    fn a_successful_write_replaces_the_target_whole() {
        let dir = dir("ok");
        let target = dir.join("x.json");
        fs::write(&target, b"old").unwrap();
        write_atomic(&target, |out| out.write_all(b"new")).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(names(&dir), ["x.json"]);
    }

    #[test]
    fn a_target_that_cannot_be_replaced_leaves_no_temporary() {
        // A folder where the file should go: the rename fails, nothing is left behind.
        let dir = dir("blocked");
        let target = dir.join("report.html");
        fs::create_dir_all(target.join("x")).unwrap();
        assert!(write_atomic(&target, |out| out.write_all(b"x")).is_err());
        assert_eq!(names(&dir), ["report.html"]);
    }

    #[test]
    fn stale_temporaries_of_dead_runs_are_removed_others_kept() {
        let dir = dir("stale");
        // Process ids above the kernel's maximum (4194304) never run.
        let dead = [".a.json.taizhang-tmp-99999999-0", "b.json.tmp99999999"];
        let mine = format!(".c.json{MARK}{}-7", std::process::id());
        for name in dead.iter().copied().chain([mine.as_str(), "d.json", "e.json.tmpx"]) {
            fs::write(dir.join(name), b"x").unwrap();
        }
        clean_stale(&dir);
        let mut expected = vec![mine.clone(), "d.json".to_string(), "e.json.tmpx".to_string()];
        if !Path::new("/proc/self").exists() {
            // Without /proc only old files are taken for stale ones.
            expected.extend(dead.iter().map(|s| s.to_string()));
        }
        expected.sort();
        assert_eq!(names(&dir), expected);
    }

    #[test]
    fn temporary_names_carry_the_process() {
        assert_eq!(temporary_pid(".x.json.taizhang-tmp-12-3"), Some(12));
        assert_eq!(temporary_pid("x.json.tmp12"), Some(12));
        assert_eq!(temporary_pid("x.json"), None);
        assert_eq!(temporary_pid(".x.taizhang-tmp-12"), None);
    }

    #[test]
    fn an_output_naming_an_input_is_refused() {
        let dir = dir("self");
        let input = dir.join("plan.txt");
        fs::write(&input, b"x").unwrap();
        let other = dir.join("./plan.txt");
        let err = refuse_input(&other, [input.as_path()]).unwrap_err().to_string();
        assert!(err.contains("would overwrite the input"), "{err}");
        assert!(refuse_input(&dir.join("plan.json"), [input.as_path()]).is_ok());
    }
}
