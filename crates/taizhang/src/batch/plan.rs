//! Collision planning for `--out-dir`: which output file each input writes, and which
//! inputs would write a file another input already writes.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{one_line, Input};

/// The output file of `input` under `dir`.
pub fn output_path(dir: &Path, input: &Input) -> PathBuf {
    dir.join(&input.name).with_extension("json")
}

/// The inputs that may not write their output, by index, with the reason: two inputs
/// writing the same output file (`a.docx` and `a.txt`, or two directories holding
/// `plan.docx`). The first in input order keeps the name; the others fail rather than
/// silently overwrite it.
pub(super) fn collisions(
    dir: &Path,
    inputs: &[Input],
    lang: taizhang_i18n::Lang,
) -> HashMap<usize, String> {
    let mut blocked = HashMap::new();
    let mut owner: HashMap<PathBuf, usize> = HashMap::new();
    for (i, input) in inputs.iter().enumerate() {
        let out = output_path(dir, input);
        if let Some(&first) = owner.get(&out) {
            let reason = taizhang_i18n::tr!(
                lang,
                "batch.collision",
                output = out.display(),
                first = inputs[first].path.display()
            );
            blocked.insert(i, reason);
        } else {
            owner.insert(out, i);
        }
    }
    blocked
}

/// Writes one output file through a temporary name, so an interrupted batch never leaves a
/// truncated JSON file under its final name.
pub(super) fn write_output(
    dir: &Path,
    input: &Input,
    json: &str,
    lang: taizhang_i18n::Lang,
) -> Result<(), String> {
    let out = output_path(dir, input);
    let fail = |err: io::Error| {
        let cause = one_line(&taizhang_i18n::io_error(&err).render(lang));
        taizhang_i18n::tr!(lang, "in-file", file = out.display(), message = cause)
    };
    if let (Ok(a), Ok(b)) = (fs::canonicalize(&out), fs::canonicalize(&input.path)) {
        if a == b {
            let input = input.path.display();
            let m = taizhang_i18n::msg!(
                "output.overwrites-input",
                output = out.display(),
                input = input
            );
            return Err(m.render(lang));
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

    #[test]
    fn the_first_input_keeps_a_shared_output_name() {
        let inputs: Vec<Input> = ["2020/a.docx", "2020/a.txt", "b.docx", "2020/a.xlsx"]
            .iter()
            .map(|name| Input { path: PathBuf::from("in").join(name), name: PathBuf::from(name) })
            .collect();
        let blocked = collisions(Path::new("out"), &inputs, taizhang_i18n::Lang::En);
        let mut indices: Vec<_> = blocked.keys().copied().collect();
        indices.sort_unstable();
        assert_eq!(indices, [1, 3]);
        assert_eq!(
            blocked[&1],
            "would write out/2020/a.json again, already written for in/2020/a.docx; \
             convert one of them separately"
        );
    }
}
