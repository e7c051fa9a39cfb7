//! Word-level differences between two texts, for highlighting.
//!
//! Words come from jieba's segmentation with its default dictionary: a reader wants
//! `按照` → `按` shown as one word replaced, not as a stray character. The dictionary is not
//! loaded: its 349,045 words and frequencies sit in the binary as one sorted text
//! (`data/jieba-dict.txt`, made by `data/make-dict.sh` from the dictionary jieba-rs ships),
//! looked up by binary search. For each pair of texts, the words of the dictionary that
//! occur in them go into an otherwise empty jieba with the whole dictionary's total
//! frequency, which cuts those texts exactly as jieba with the full dictionary does: its
//! best route only ever weighs words found in the text, and the total. Loading the full
//! dictionary into jieba's trie took ~130 ms a run, four fifths of a small diff.

use jieba_rs::Jieba;

/// A piece of a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text in both versions.
    Same(String),
    /// Text only in the old version.
    Deleted(String),
    /// Text only in the new version.
    Inserted(String),
}

/// jieba's default dictionary: `word frequency` lines, sorted by the words' bytes.
static DICT: &str = include_str!("../data/jieba-dict.txt");
/// The sum of the frequencies in [`DICT`] (a test checks it).
const DICT_TOTAL: usize = 60_101_964;
/// The longest word of [`DICT`], in characters (a test checks it).
const DICT_MAX_CHARS: usize = 16;

/// The word of the dictionary line starting at byte `at`.
fn key_at(at: usize) -> &'static [u8] {
    let line = DICT.as_bytes().get(at..).unwrap_or_default();
    let end = line.iter().position(|&b| b == b' ' || b == b'\n').unwrap_or(line.len());
    &line[..end]
}

/// The byte offset of the first dictionary line at or after `lo` (a line start) whose word
/// is not less than `word`.
fn lower_bound(word: &[u8], mut lo: usize) -> usize {
    let bytes = DICT.as_bytes();
    let mut hi = bytes.len();
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        // The start of the line holding `mid`, never before `lo`.
        let start = bytes[lo..mid].iter().rposition(|&b| b == b'\n').map_or(lo, |p| lo + p + 1);
        if key_at(start) < word {
            lo = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |p| start + p + 1);
        } else {
            hi = start;
        }
    }
    lo
}

/// The frequency on the dictionary line starting at byte `at`.
fn freq_at(at: usize) -> usize {
    let key = key_at(at).len();
    let rest = DICT.as_bytes().get(at + key + 1..).unwrap_or_default();
    rest.iter().take_while(|b| b.is_ascii_digit()).fold(0, |n, b| n * 10 + usize::from(b - b'0'))
}

/// Every word of the dictionary that occurs in `text`, with its frequency.
fn dictionary_words(text: &str, out: &mut Vec<(&'static str, usize)>) {
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    for (k, &s) in starts.iter().enumerate() {
        if text[s..].starts_with(char::is_whitespace) {
            continue;
        }
        let mut lo = 0;
        for e in starts.iter().skip(k + 1).copied().chain([text.len()]).take(DICT_MAX_CHARS) {
            let word = &text.as_bytes()[s..e];
            lo = lower_bound(word, lo);
            let key = key_at(lo);
            if key == word {
                // A key is a whole dictionary word, so it is valid UTF-8 ending at `lo + len`.
                if let Some(w) = DICT.get(lo..lo + key.len()) {
                    out.push((w, freq_at(lo)));
                }
            } else if !key.starts_with(word) {
                break; // no longer word begins with this one
            }
        }
    }
}

/// A jieba holding just the dictionary words of `texts`, weighed as in the full dictionary.
fn segmenter(texts: &[&str]) -> Jieba {
    let mut found = Vec::new();
    for t in texts {
        dictionary_words(t, &mut found);
    }
    found.sort_unstable();
    found.dedup();
    let mut jieba = Jieba::empty();
    let mut sum = 0;
    for &(w, f) in &found {
        jieba.add_word(w, Some(f), None);
        sum += f;
    }
    // The rest of the dictionary's weight, on a word none of the texts holds, so that
    // every word's log-probability is what it is in the full dictionary.
    let filler = ["\u{FDD0}\u{FDD1}", "\u{FDD2}\u{FDD3}", "\u{FDD4}\u{FDD5}"]
        .into_iter()
        .find(|f| texts.iter().all(|t| !t.contains(f)));
    if let Some(filler) = filler {
        jieba.add_word(filler, Some(DICT_TOTAL.saturating_sub(sum).max(1)), None);
    }
    jieba
}

/// Cuts `text` into words as jieba with its default dictionary does (no HMM).
///
/// ```
/// let words = taizhang_diff::words::words("按照设计要求推进");
/// assert_eq!(words, ["按照", "设计", "要求", "推进"]);
/// ```
pub fn words(text: &str) -> Vec<&str> {
    cut(&segmenter(&[text]), text)
}

fn cut<'a>(jieba: &Jieba, text: &'a str) -> Vec<&'a str> {
    jieba.cut(text, false).into_iter().map(|t| t.word).collect()
}

/// Largest token grid compared word by word; beyond it only the common start and end of
/// the texts are kept apart from the change.
const MAX_CELLS: usize = 250_000;

/// The word-level difference between `before` and `after`, in order.
///
/// ```
/// use taizhang_diff::words::{word_diff, Segment};
/// let d = word_diff("按照设计要求", "按设计要求");
/// assert!(d.contains(&Segment::Inserted("按".into())));
/// assert_eq!(d.last(), Some(&Segment::Same("设计要求".into())));
/// ```
pub fn word_diff(before: &str, after: &str) -> Vec<Segment> {
    let jieba = segmenter(&[before, after]);
    word_diff_of(&cut(&jieba, before), &cut(&jieba, after))
}

/// The word-level difference between two texts already cut into words.
pub fn word_diff_of<'a>(x: &[&'a str], y: &[&'a str]) -> Vec<Segment> {
    // Common start and end first: cheap, and keeps the grid small.
    let head = x.iter().zip(y).take_while(|(a, b)| a == b).count();
    let tail =
        x[head..].iter().rev().zip(y[head..].iter().rev()).take_while(|(a, b)| a == b).count();
    let (xm, ym) = (&x[head..x.len() - tail], &y[head..y.len() - tail]);
    let mut ops: Vec<(u8, &str)> = x[..head].iter().map(|w| (0, *w)).collect();
    if xm.len().saturating_mul(ym.len()) <= MAX_CELLS {
        ops.extend(lcs_ops(xm, ym));
    } else {
        ops.extend(xm.iter().map(|w| (1, *w)));
        ops.extend(ym.iter().map(|w| (2, *w)));
    }
    ops.extend(x[x.len() - tail..].iter().map(|w| (0, *w)));
    cleanup(group(&ops))
}

/// Edit script by longest common subsequence: 0 same, 1 deleted, 2 inserted.
fn lcs_ops<'a>(x: &[&'a str], y: &[&'a str]) -> Vec<(u8, &'a str)> {
    let (n, m) = (x.len(), y.len());
    let w = m + 1;
    let mut len = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let v = if x[i] == y[j] {
                len[(i + 1) * w + j + 1] + 1
            } else {
                len[(i + 1) * w + j].max(len[i * w + j + 1])
            };
            len[i * w + j] = v;
        }
    }
    let mut ops = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if x[i] == y[j] {
            ops.push((0, x[i]));
            i += 1;
            j += 1;
        } else if len[(i + 1) * w + j] >= len[i * w + j + 1] {
            ops.push((1, x[i]));
            i += 1;
        } else {
            ops.push((2, y[j]));
            j += 1;
        }
    }
    ops.extend(x[i..].iter().map(|s| (1, *s)));
    ops.extend(y[j..].iter().map(|s| (2, *s)));
    ops
}

fn group(ops: &[(u8, &str)]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for &(op, w) in ops {
        match (op, out.last_mut()) {
            (0, Some(Segment::Same(s))) | (1, Some(Segment::Deleted(s))) => s.push_str(w),
            (2, Some(Segment::Inserted(s))) => s.push_str(w),
            (0, _) => out.push(Segment::Same(w.into())),
            (1, _) => out.push(Segment::Deleted(w.into())),
            _ => out.push(Segment::Inserted(w.into())),
        }
    }
    reorder_runs(out)
}

/// Within a run of changes, deletions first, then insertions: `[-a-]{+b+}`.
fn reorder_runs(segs: Vec<Segment>) -> Vec<Segment> {
    let mut out = Vec::with_capacity(segs.len());
    let (mut del, mut ins) = (String::new(), String::new());
    let flush = |out: &mut Vec<Segment>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push(Segment::Deleted(std::mem::take(del)));
        }
        if !ins.is_empty() {
            out.push(Segment::Inserted(std::mem::take(ins)));
        }
    };
    for s in segs {
        match s {
            Segment::Deleted(t) => del.push_str(&t),
            Segment::Inserted(t) => ins.push_str(&t),
            Segment::Same(t) => {
                flush(&mut out, &mut del, &mut ins);
                out.push(Segment::Same(t));
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

/// Folds a single common character squeezed between two changes into them, so the
/// highlight reads as one replaced phrase rather than confetti.
fn cleanup(segs: Vec<Segment>) -> Vec<Segment> {
    let changed =
        |s: Option<&Segment>| matches!(s, Some(Segment::Deleted(_) | Segment::Inserted(_)));
    let mut expanded: Vec<Segment> = Vec::with_capacity(segs.len());
    for (k, s) in segs.iter().enumerate() {
        match s {
            Segment::Same(t)
                if t.chars().count() == 1
                    && k > 0
                    && changed(segs.get(k - 1))
                    && changed(segs.get(k + 1)) =>
            {
                expanded.push(Segment::Deleted(t.clone()));
                expanded.push(Segment::Inserted(t.clone()));
            }
            other => expanded.push(other.clone()),
        }
    }
    reorder_runs(expanded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(d: &[Segment]) -> String {
        d.iter()
            .map(|s| match s {
                Segment::Same(t) => t.clone(),
                Segment::Deleted(t) => format!("[-{t}-]"),
                Segment::Inserted(t) => format!("{{+{t}+}}"),
            })
            .collect()
    }

    #[test]
    fn number_change_is_one_word() {
        let d = word_diff(
            "深圳外环高速东莞段完成投资10亿元，年内完工通车。",
            "深圳外环高速东莞段完成投资12亿元，年内完工通车。",
        );
        assert_eq!(render(&d), "深圳外环高速东莞段完成投资[-10-]{+12+}亿元，年内完工通车。");
    }

    #[test]
    fn moved_word() {
        let d = word_diff("推动生猪屠宰场年内动工建设。", "年内推动生猪屠宰场动工建设。");
        let r = render(&d);
        assert!(r.starts_with("{+年内+}推动"), "{r}");
        assert!(r.contains("[-年内-]"), "{r}");
    }

    #[test]
    fn dictionary_is_sorted_and_its_constants_hold() {
        let mut total = 0;
        let mut longest = 0;
        let mut prev: Option<&str> = None;
        for line in DICT.lines() {
            let (word, freq) = line.split_once(' ').expect("word and frequency");
            assert!(prev.is_none_or(|p| p.as_bytes() < word.as_bytes()), "{prev:?} ≥ {word}");
            total += freq.parse::<usize>().expect("frequency");
            longest = longest.max(word.chars().count());
            prev = Some(word);
        }
        assert_eq!(total, DICT_TOTAL);
        assert_eq!(longest, DICT_MAX_CHARS);
        assert!(DICT.ends_with('\n'));
    }

    #[test]
    fn finds_every_dictionary_word_of_a_text() {
        let mut found = Vec::new();
        dictionary_words("按照设计要求", &mut found);
        let words: Vec<&str> = found.iter().map(|w| w.0).collect();
        for w in ["按", "按照", "照", "设计", "要求"] {
            assert!(words.contains(&w), "{w} in {words:?}");
        }
        // The first and the last word of the dictionary.
        let first = DICT.lines().next().and_then(|l| l.split(' ').next()).unwrap_or_default();
        let last = DICT.lines().last().and_then(|l| l.split(' ').next()).unwrap_or_default();
        for w in [first, last] {
            found.clear();
            dictionary_words(w, &mut found);
            assert!(found.iter().any(|f| f.0 == w), "{w}");
        }
    }

    /// The compact dictionary cuts every text of the fixtures exactly as jieba with its full
    /// default dictionary does.
    #[test]
    fn cuts_as_the_full_dictionary_does() {
        let full = Jieba::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let mut lines = 0;
        for file in [
            "seed/plan-2020.txt",
            "revision/plan-2020-v1.txt",
            "revision/plan-2020-v2.txt",
            "diff/plan-2020-v3.txt",
            "check/contradictions.txt",
            "quantities/sample.txt",
        ] {
            let text = std::fs::read_to_string(dir.join(file)).expect("fixture reads");
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let expected: Vec<&str> =
                    full.cut(line, false).into_iter().map(|t| t.word).collect();
                assert_eq!(words(line), expected, "{file}: {line}");
                lines += 1;
            }
        }
        assert!(lines > 500, "{lines}");
    }

    #[test]
    fn identical_and_empty() {
        assert_eq!(word_diff("相同", "相同"), vec![Segment::Same("相同".into())]);
        assert!(word_diff("", "").is_empty());
        assert_eq!(word_diff("", "新"), vec![Segment::Inserted("新".into())]);
    }
}
