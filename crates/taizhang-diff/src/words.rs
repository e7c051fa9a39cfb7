//! Word-level differences between two texts, for highlighting.
//!
//! Words come from jieba (its default dictionary, loaded once per process on first use):
//! a reader wants `按照` → `按` shown as one word replaced, not as a stray character.

use std::sync::OnceLock;

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

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

fn words(text: &str) -> Vec<&str> {
    jieba().cut(text, false).into_iter().map(|t| t.word).collect()
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
    let (x, y) = (words(before), words(after));
    // Common start and end first: cheap, and keeps the grid small.
    let head = x.iter().zip(&y).take_while(|(a, b)| a == b).count();
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
    fn identical_and_empty() {
        assert_eq!(word_diff("相同", "相同"), vec![Segment::Same("相同".into())]);
        assert!(word_diff("", "").is_empty());
        assert_eq!(word_diff("", "新"), vec![Segment::Inserted("新".into())]);
    }
}
