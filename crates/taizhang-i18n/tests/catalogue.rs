//! Every message has both languages with the same placeholders, and every key the code asks
//! for is in the catalogue.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use taizhang_i18n::{entries, placeholders};

#[test]
fn every_message_is_translated() {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for e in entries() {
        if e.key.is_empty() || e.en.trim().is_empty() || e.zh.trim().is_empty() {
            problems.push(format!("line {}: {:?} lacks a key, English or Chinese", e.line, e.key));
        }
        if !seen.insert(e.key) {
            problems.push(format!("line {}: {:?} appears twice", e.line, e.key));
        }
        let en: BTreeSet<&str> = placeholders(e.en).into_iter().collect();
        let zh: BTreeSet<&str> = placeholders(e.zh).into_iter().collect();
        if en != zh {
            problems.push(format!(
                "line {}: {:?} has placeholders {en:?} in English, {zh:?} in Chinese",
                e.line, e.key
            ));
        }
    }
    for line in taizhang_i18n::CATALOGUE.lines() {
        if !line.trim().is_empty() && !line.starts_with('#') && line.split('\t').count() != 3 {
            problems.push(format!("not three tab-separated columns: {line:?}"));
        }
    }
    assert!(problems.is_empty(), "messages.tsv:\n{}", problems.join("\n"));
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_key_the_code_uses_is_in_the_catalogue() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for krate in std::fs::read_dir(&crates).expect("crates/").flatten() {
        rust_files(&krate.path().join("src"), &mut files);
    }
    let known: HashSet<&str> = entries().into_iter().map(|e| e.key).collect();
    let mut missing = Vec::new();
    let mut count = 0;
    for file in &files {
        let source = std::fs::read_to_string(file).expect("source file");
        // Comments may show the macros with made-up keys.
        let text: String = source
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for key in keys_used(&text) {
            count += 1;
            if !known.contains(key) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(count > 20, "the pattern finds the uses ({count})");
    assert!(missing.is_empty(), "keys not in messages.tsv:\n{}", missing.join("\n"));
}

/// The literal keys in `tr!(lang, "key" …)`, `trn!(lang, "key", …)`, `msg!("key" …)`,
/// `Msg::new("key")`, `.text("key")`, `.fmt("key", …)` and `.fmt_n("key", …)`.
fn keys_used(text: &str) -> Vec<&str> {
    let mut keys = Vec::new();
    for (opener, after_comma) in [
        ("tr!(", true),
        ("trn!(", true),
        ("msg!(", false),
        ("Msg::new(", false),
        (".text(", false),
        (".fmt(", false),
        (".fmt_n(", false),
    ] {
        for (at, _) in text.match_indices(opener) {
            let mut rest = &text[at + opener.len()..];
            if after_comma {
                let Some(comma) = rest.find(',') else { continue };
                rest = &rest[comma + 1..];
            }
            let rest = rest.trim_start();
            let Some(body) = rest.strip_prefix('"') else { continue };
            let Some(end) = body.find('"') else { continue };
            let key = &body[..end];
            let well_formed = key.starts_with(|c: char| c.is_ascii_lowercase())
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "./-".contains(c));
            if well_formed {
                keys.push(key);
            }
        }
    }
    keys
}

#[test]
fn the_pattern_finds_every_form_of_use() {
    let code = r#"
        tr!(lang, "a.one"); trn!(Lang::Zh, "a.two", n, n = n);
        msg!("a.three", x = 1); msg!("a.four"); Msg::new("a.five").with("x", 1);
        lang.text("a.six"); lang.fmt("a.seven", &[]); lang.fmt_n("a.eight", 1, &[]);
    "#;
    assert_eq!(
        keys_used(code),
        ["a.one", "a.two", "a.three", "a.four", "a.five", "a.six", "a.seven", "a.eight"]
    );
}
