//! How alike two rows are: cosine of TF-IDF vectors over character bigrams.
//!
//! Character bigrams, not jieba words: a plan row is a few dozen to a few hundred characters
//! of officialese full of place names, unit names and project names that a general
//! dictionary splits unpredictably, and the edits between drafts are often a character or
//! two (`按照` → `按`). Bigrams see those edits as a small change in a long vector, need no
//! dictionary, and are the same on every machine. IDF over
//! both plans makes the boilerplate every row shares (`季度`, `完成`, `开展`) count for little,
//! so what tells rows apart is the project's own words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::normalize::{Names, RowView, Side};

/// A row as a sparse unit vector: token ids sorted ascending, with weights.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vector {
    pub terms: Vec<(u64, f32)>,
}

impl Vector {
    pub fn cosine(&self, other: &Vector) -> f32 {
        self.fold_shared(other, |x, y| x * y).clamp(0.0, 1.0)
    }

    /// Sums `f(weight here, weight there)` over the terms both vectors hold (a merge walk
    /// over the sorted ids).
    fn fold_shared(&self, other: &Vector, f: impl Fn(f32, f32) -> f32) -> f32 {
        let (mut i, mut j, mut acc) = (0, 0, 0.0f32);
        let (a, b) = (&self.terms, &other.terms);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    acc += f(a[i].1, b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
        acc
    }

    /// The normalized sum of two vectors: the text of two rows read as one.
    pub fn sum(&self, other: &Vector) -> Vector {
        let mut v = self.raw_sum(other);
        v.normalize();
        v
    }

    /// The sum of two vectors, weights as they are.
    pub fn raw_sum(&self, other: &Vector) -> Vector {
        let (mut i, mut j) = (0, 0);
        let (a, b) = (&self.terms, &other.terms);
        let mut terms = Vec::with_capacity(a.len() + b.len());
        while i < a.len() || j < b.len() {
            let next = match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) if x.0 == y.0 => {
                    i += 1;
                    j += 1;
                    (x.0, x.1 + y.1)
                }
                (Some(x), Some(y)) if x.0 < y.0 => {
                    i += 1;
                    *x
                }
                (Some(_), Some(y)) => {
                    j += 1;
                    *y
                }
                (Some(x), None) => {
                    i += 1;
                    *x
                }
                (None, Some(y)) => {
                    j += 1;
                    *y
                }
                (None, None) => break,
            };
            terms.push(next);
        }
        Vector { terms }
    }

    /// How much of this vector's weight `other` holds too (0–1): the share of this row's
    /// text that is also in the other.
    pub fn coverage(&self, other: &Vector) -> f32 {
        let total: f32 = self.terms.iter().map(|t| t.1).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let common = self.fold_shared(other, f32::min);
        (common / total).clamp(0.0, 1.0)
    }

    fn normalize(&mut self) {
        let len = self.terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
        if len > 0.0 {
            for t in &mut self.terms {
                t.1 /= len;
            }
        }
    }
}

/// A multiply-rotate hasher for the integer token ids: SipHash's DoS resistance buys nothing
/// for keys derived from the plans' own characters, and it dominated the model build.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// A hash map keyed by token ids or row indexes.
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

const UNIT_TAG: u64 = 1 << 63;

fn unit_token(unit: &str) -> u64 {
    // FNV-1a: stable, and distinct from the bigram ids below thanks to the tag bit.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in unit.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h | UNIT_TAG
}

/// Adds the character bigrams of `text` (and the single character of a one-char text).
fn bigrams(text: &str, weight: f32, out: &mut Vec<(u64, f32)>) {
    let mut prev: Option<char> = None;
    let mut any = false;
    for c in text.chars() {
        if c.is_ascii_punctuation() || matches!(c, '，' | '。' | '、' | '；' | '：' | '“' | '”')
        {
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            out.push(((u64::from(p as u32) << 32) | u64::from(c as u32), weight));
            any = true;
        }
        prev = Some(c);
    }
    if !any {
        if let Some(c) = text.chars().next() {
            out.push((u64::from(c as u32), weight));
        }
    }
}

/// The raw tokens of a row, with the weight of the field they come from.
pub(crate) fn tokens(row: &RowView<'_>) -> Vec<(u64, f32)> {
    let mut out = Vec::new();
    // The measure weighs the same whether the row carries it or sits under a merged cell:
    // rows of one measure share that text, so it tells groups apart, not the rows of a group,
    // and a row that moves within its group must look the same wherever it lands.
    bigrams(&row.measure_text, 0.5, &mut out);
    bigrams(&row.goal, 1.0, &mut out);
    for c in &row.clauses {
        bigrams(&c.norm, 1.0, &mut out);
    }
    for u in row.lead.iter().chain(&row.support) {
        out.push((unit_token(u), 0.5));
    }
    for (_, v, _) in &row.other {
        bigrams(v, 0.5, &mut out);
    }
    out.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
    // Sublinear term frequency, scaled by the heaviest field the token occurs in.
    let mut merged: Vec<(u64, f32, u32)> = Vec::with_capacity(out.len());
    for (t, w) in out {
        match merged.last_mut() {
            Some(last) if last.0 == t => last.2 += 1,
            _ => merged.push((t, w, 1)),
        }
    }
    merged.into_iter().map(|(t, w, n)| (t, w * (1.0 + (n as f32).ln()))).collect()
}

/// The tokens of what a row says it will do (goal and schedule), without the measure and
/// units it shares with its neighbours: what a split divides and a merge joins.
fn content_tokens(row: &RowView<'_>) -> Vec<(u64, f32)> {
    let mut out = Vec::new();
    bigrams(&row.goal, 1.0, &mut out);
    for c in &row.clauses {
        bigrams(&c.norm, 1.0, &mut out);
    }
    out.sort_unstable_by_key(|t| t.0);
    let mut merged: Vec<(u64, f32)> = Vec::with_capacity(out.len());
    for (t, w) in out {
        match merged.last_mut() {
            Some(last) if last.0 == t => last.1 += w,
            _ => merged.push((t, w)),
        }
    }
    merged
}

/// No terms: the vector of a row the model was not asked for.
static EMPTY: Vector = Vector { terms: Vec::new() };

/// The vectors of one plan's rows that the alignment compares by similarity.
#[derive(Default)]
struct Vectors {
    /// Per row, its place in `vectors`, or `u32::MAX` when it has none.
    slot: Vec<u32>,
    /// The full vector and the goal-and-schedule one (weights not normalized, for coverage).
    vectors: Vec<(Vector, Vector)>,
}

impl Vectors {
    fn get(&self, i: usize) -> Option<&(Vector, Vector)> {
        self.slot.get(i).and_then(|&s| self.vectors.get(s as usize))
    }

    /// Row `i`'s full vector (empty when the model was not asked for it), or `None` past
    /// the last row.
    fn full(&self, i: usize) -> Option<&Vector> {
        (i < self.slot.len()).then(|| self.get(i).map_or(&EMPTY, |v| &v.0))
    }

    fn content(&self, i: usize) -> Option<&Vector> {
        (i < self.slot.len()).then(|| self.get(i).map_or(&EMPTY, |v| &v.1))
    }
}

/// TF-IDF vectors for the rows of both plans, with document frequencies over both.
pub(crate) struct Model {
    old: Vectors,
    new: Vectors,
}

impl Model {
    /// The model for the rows marked in `need_old` and `need_new` (the others get empty
    /// vectors); `df` counts the rows of both plans that hold each token.
    pub fn build(
        old: &Side<'_>,
        new: &Side<'_>,
        names: &Names,
        df: IdMap<u64, u32>,
        need_old: &[bool],
        need_new: &[bool],
    ) -> Model {
        let n = (old.len() + new.len()) as f32;
        // The IDF of each token once, not once per row it occurs in.
        let idf: IdMap<u64, f32> =
            df.into_iter().map(|(t, d)| (t, ((n + 1.0) / (d as f32 + 1.0)).ln() + 1.0)).collect();
        let raw = |row: Vec<(u64, f32)>| {
            let terms = row
                .into_iter()
                .map(|(t, w)| (t, w * idf.get(&t).copied().unwrap_or(1.0)))
                .collect();
            Vector { terms }
        };
        let needed = |side: &Side<'_>, need: &[bool]| {
            let mut out = Vectors { slot: vec![u32::MAX; side.len()], ..Vectors::default() };
            for (i, slot) in out.slot.iter_mut().enumerate() {
                if need.get(i) != Some(&true) {
                    continue;
                }
                let Some(view) = side.view(i, names) else { continue };
                let mut full = raw(tokens(&view));
                full.normalize();
                let content = raw(content_tokens(&view));
                *slot = u32::try_from(out.vectors.len()).unwrap_or(u32::MAX);
                out.vectors.push((full, content));
            }
            out
        };
        Model { old: needed(old, need_old), new: needed(new, need_new) }
    }

    /// Old row `i`'s vector; `None` past the last row.
    pub fn old(&self, i: usize) -> Option<&Vector> {
        self.old.full(i)
    }

    pub fn new_row(&self, j: usize) -> Option<&Vector> {
        self.new.full(j)
    }

    /// Old row `i`'s goal-and-schedule vector.
    pub fn old_content(&self, i: usize) -> Option<&Vector> {
        self.old.content(i)
    }

    pub fn new_content(&self, j: usize) -> Option<&Vector> {
        self.new.content(j)
    }

    pub fn old_len(&self) -> usize {
        self.old.slot.len()
    }

    pub fn new_len(&self) -> usize {
        self.new.slot.len()
    }

    pub fn sim(&self, a: usize, b: usize) -> f32 {
        match (self.old(a), self.new_row(b)) {
            (Some(x), Some(y)) => x.cosine(y),
            _ => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vec_of(text: &str) -> Vector {
        let mut t = Vec::new();
        bigrams(text, 1.0, &mut t);
        t.sort_unstable_by_key(|x| x.0);
        let mut merged: Vec<(u64, f32)> = Vec::new();
        for (k, w) in t {
            match merged.last_mut() {
                Some(l) if l.0 == k => l.1 += w,
                _ => merged.push((k, w)),
            }
        }
        let mut v = Vector { terms: merged };
        v.normalize();
        v
    }

    #[test]
    fn cosine_of_equal_texts_is_one() {
        let a = vec_of("完成投资10亿元，年内完工通车");
        assert!((a.cosine(&a) - 1.0).abs() < 1e-5);
        let b = vec_of("开展法律援助质量监督");
        assert!(a.cosine(&b) < 0.05);
    }

    #[test]
    fn sum_covers_both_halves() {
        let whole = vec_of("完成铺轨工程施工开展联调联试工作");
        let left = vec_of("完成铺轨工程施工");
        let right = vec_of("开展联调联试工作");
        let both = left.sum(&right);
        assert!(both.cosine(&whole) > whole.cosine(&left));
        assert!(both.cosine(&whole) > 0.9);
    }
}
