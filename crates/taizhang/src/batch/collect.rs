//! Collecting the inputs: the paths given, and the files of the formats taizhang reads under
//! the directories given, in path order.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use super::{one_line, Failure};

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
pub(super) fn unreadable_kind(name: &OsStr) -> Option<&'static str> {
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

/// True when the command line asks for batch mode: more than one path, a directory, or an
/// output directory. One file without `--out-dir` keeps the single-file behaviour.
pub fn is_batch(paths: &[PathBuf], out_dir: Option<&Path>) -> bool {
    out_dir.is_some()
        || paths.len() > 1
        || paths.iter().any(|p| p.as_os_str() != "-" && fs::metadata(p).is_ok_and(|m| m.is_dir()))
}

/// Expands `paths` into inputs. Files given directly are taken whatever their extension
/// (they were asked for by name); directories are walked recursively for [`EXTENSIONS`].
pub fn collect(paths: &[PathBuf]) -> Collected {
    collect_in(paths, taizhang_i18n::Lang::En)
}

/// [`collect`], saying why a path could not be read in `lang`.
pub fn collect_in(paths: &[PathBuf], lang: taizhang_i18n::Lang) -> Collected {
    let mut collected = Collected::default();
    // Canonical paths of the directories entered: a directory reached a second time (a
    // symlink loop, or two links to one place) is not walked again.
    let mut visited = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                walk(path, Path::new(""), &mut visited, &mut collected, lang);
            }
            Ok(_) => {
                let name = path.file_name().map_or_else(|| path.clone(), PathBuf::from);
                collected.inputs.push(Input { path: path.clone(), name });
            }
            Err(err) => {
                let reason = unreadable_path(path, &err, lang);
                collected.failures.push(Failure { file: path.clone(), reason })
            }
        }
    }
    collected.inputs.sort_by(|a, b| a.path.cmp(&b.path));
    collected.inputs.dedup_by(|a, b| a.path == b.path);
    collected.failures.sort_by(|a, b| a.file.cmp(&b.file));
    collected
}

/// Why `path` could not be read, naming it, in `lang`: one line.
fn unreadable_path(path: &Path, err: &std::io::Error, lang: taizhang_i18n::Lang) -> String {
    let message = one_line(&taizhang_i18n::io_error(err).render(lang));
    taizhang_i18n::tr!(lang, "in-file", file = path.display(), message = message)
}

fn walk(
    dir: &Path,
    rel: &Path,
    visited: &mut HashSet<PathBuf>,
    out: &mut Collected,
    lang: taizhang_i18n::Lang,
) {
    let why = |path: &Path, err: &std::io::Error| unreadable_path(path, err, lang);
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
                out.failures.push(Failure { reason: why(&dir, &err), file: dir });
                continue;
            }
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                out.failures.push(Failure { reason: why(&dir, &err), file: dir });
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
                    out.failures.push(Failure { reason: why(&path, &err), file: path })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::tests::{touch, TempDir};

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
}
