//! Row alignment: which old row became which new row.
//!
//! 1. Anchors: rows with equal content keys, the longest chain of them that keeps the order
//!    of both plans (a longest increasing subsequence over key matches, as patience and
//!    histogram diff do; keys that repeat very often are left out so the pairs stay few).
//! 2. Gaps between anchors: a small gap is aligned by dynamic programming over row
//!    similarities, with one-to-one, one-to-two (split) and two-to-one (merge) steps. A large
//!    gap is first cut at the equal keys of a shortest edit script between its rows (Myers'
//!    algorithm, given up past a number of edits that keeps it linear): in a plan of many
//!    near-identical rows no key is rare enough to anchor on, and the edit script is what
//!    tells which copy became which. A gap the edit script does not cut is cut by the
//!    heaviest order-preserving chain of very similar pairs found through an inverted index
//!    of rare tokens; the pieces are aligned the same way.
//! 3. Leftovers: old rows still unaligned are matched to new rows still unaligned, first by
//!    key (rows that moved unchanged), then through an inverted index (rows that moved and
//!    changed), then to two adjacent leftovers (split or merged rows that also moved).
//!
//! Nothing here is quadratic in the plan size: the dynamic programming only ever sees
//! gaps of at most [`DP_CELLS`] cells.

use crate::normalize::{Names, Side};
use crate::similarity::{IdMap, Model, Vector};

/// Pairs below this similarity are never the same row. Edits between drafts (a number, a
/// few words, a unit) leave a row above 0.8; two different rows of one plan written from the
/// same template (`完成投资X亿元` rows) reach 0.75, and nine rows in ten have no other row
/// above 0.35.
pub(crate) const MATCH_MIN: f32 = 0.5;
/// Out-of-order pairs must be at least this similar to count as a moved row: far from its
/// place, a template sibling is a likelier partner than in a gap.
const MOVE_MIN: f32 = 0.8;
/// Each part of a split (or merge) must be at least this similar to the whole.
const PART_MIN: f32 = 0.2;
/// Share of the whole's goal and schedule the parts must hold together…
const SPLIT_COVER: f32 = 0.75;
/// …more than the better part holds alone, by this much…
const SPLIT_GAIN: f32 = 0.15;
/// …while each part is mostly the whole's text, not new material.
const PART_COVER: f32 = 0.5;
/// Largest gap (old rows × new rows) aligned by dynamic programming in one piece.
pub(crate) const DP_CELLS: usize = 40_000;
/// Similarity a pair needs to cut a large gap (the cut pairs are final).
const CUT_MIN: f32 = 0.75;
/// Memory bound of the edit script of a large gap: its edits² at most this many per row.
const EDIT_MEMORY_PER_ROW: f64 = 64.0;
/// How much better than its better part alone a split's parts read together must match
/// the whole, at least, so the alignment prefers the split to a match plus an added row.
const SPLIT_BONUS: f32 = 0.05;
/// Candidates kept per row when searching a large gap or the leftovers.
const CANDIDATES: usize = 8;

/// One link between the plans.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Link {
    /// Old row, new row (indexes into the plans' items), similarity.
    Pair(usize, usize, f32),
    /// One old row became two adjacent new rows.
    Split(usize, usize, usize, f32),
    /// Two adjacent old rows became one new row.
    Merge(usize, usize, usize, f32),
}

#[derive(Debug, Default)]
pub(crate) struct Alignment {
    /// Links that keep the order of both plans.
    pub in_order: Vec<Link>,
    /// Links found among the leftovers: rows that moved.
    pub moved: Vec<Link>,
    pub removed: Vec<usize>,
    pub added: Vec<usize>,
}

pub(crate) fn align(
    old: &Side<'_>,
    new: &Side<'_>,
    names: &Names,
    df: IdMap<u64, u32>,
) -> Alignment {
    let keys: (Vec<u64>, Vec<u64>) =
        (old.rows.iter().map(|r| r.key).collect(), new.rows.iter().map(|r| r.key).collect());
    let mut links = anchors(old, new);
    let mut gaps = Vec::new();
    let (mut a, mut b) = (0, 0);
    for link in &links {
        if let Link::Pair(i, j, _) = *link {
            gaps.push((a, i, b, j));
            a = i + 1;
            b = j + 1;
        }
    }
    gaps.push((a, old.len(), b, new.len()));

    // First by keys alone: large gaps cut at the equal rows of their edit script. What that
    // leaves is aligned by similarity.
    let mut pending = Vec::new();
    while let Some((a0, a1, b0, b1)) = gaps.pop() {
        if a0 >= a1 || b0 >= b1 {
            continue;
        }
        let (na, nb) = (a1 - a0, b1 - b0);
        if na.saturating_mul(nb) <= DP_CELLS {
            pending.push((a0, a1, b0, b1));
            continue;
        }
        // Equal rows in the order of both plans, along the shortest edit script.
        let same = keys.0.get(a0..a1).zip(keys.1.get(b0..b1)).and_then(|(x, y)| {
            // Bounded in time (rows × edits) and in memory (edits², at most 64 a row).
            let most = (EDIT_STEPS / (na + nb))
                .min(((na + nb) as f64 * EDIT_MEMORY_PER_ROW).sqrt() as usize);
            myers(x, y, most.max(MIN_EDITS))
        });
        if let Some(same) = same.filter(|s| !s.is_empty()) {
            let (mut a, mut b) = (a0, b0);
            for (i, j) in same {
                let (i, j) = (a0 + i, b0 + j);
                links.push(Link::Pair(i, j, 1.0));
                gaps.push((a, i, b, j));
                a = i + 1;
                b = j + 1;
            }
            gaps.push((a, a1, b, b1));
            continue;
        }
        pending.push((a0, a1, b0, b1));
    }

    // Only the rows no equal row was found for are ever compared by similarity: their
    // vectors are all the model holds (most rows of two revisions are equal).
    let mut used_old = vec![false; old.len()];
    let mut used_new = vec![false; new.len()];
    for l in &links {
        mark(l, &mut used_old, &mut used_new);
    }
    let need = |used: &[bool]| used.iter().map(|u| !u).collect::<Vec<bool>>();
    let model = Model::build(old, new, names, df, &need(&used_old), &need(&used_new));
    let model = &model;

    // Similarities the cutting of large gaps may compute, in all; past it, gaps are aligned
    // in blocks.
    let mut budget: usize = 4_000_000;
    let mut gaps = pending;
    // A work list rather than recursion: cutting a large gap may take many rounds.
    while let Some((a0, a1, b0, b1)) = gaps.pop() {
        if a0 >= a1 || b0 >= b1 {
            continue;
        }
        let (na, nb) = (a1 - a0, b1 - b0);
        if na.saturating_mul(nb) <= DP_CELLS {
            links.extend(dp(a0, a1, b0, b1, model));
            continue;
        }
        // A cut must take a real share of the gap, or rows in a new order (a shuffled or
        // reversed table) would be cut off one at a time, each round searching the gap again.
        let cuts = if budget > 0 { cut(a0, a1, b0, b1, model, &mut budget) } else { Vec::new() };
        if cuts.len() * 50 < na.min(nb) {
            // Little in the gap is alike in order: align it in diagonal blocks, which keeps
            // the work bounded and still finds the pairs that stand near each other; rows
            // that moved further are found among the leftovers.
            let blocks = na.max(nb).div_ceil(150).max(1);
            for k in 0..blocks {
                gaps.push((
                    a0 + na * k / blocks,
                    a0 + na * (k + 1) / blocks,
                    b0 + nb * k / blocks,
                    b0 + nb * (k + 1) / blocks,
                ));
            }
            continue;
        }
        let (mut a, mut b) = (a0, b0);
        for &(i, j, s) in &cuts {
            links.push(Link::Pair(i, j, s));
            gaps.push((a, i, b, j));
            a = i + 1;
            b = j + 1;
        }
        gaps.push((a, a1, b, b1));
    }
    links.sort_by_key(first_old);

    used_old.fill(false);
    used_new.fill(false);
    for l in &links {
        mark(l, &mut used_old, &mut used_new);
    }
    let mut alignment = Alignment { in_order: links, ..Alignment::default() };
    leftovers(&mut alignment, &mut used_old, &mut used_new, model, (&keys.0, &keys.1));
    alignment.removed = (0..old.len()).filter(|&i| !used_old[i]).collect();
    alignment.added = (0..new.len()).filter(|&j| !used_new[j]).collect();
    alignment
}

fn first_old(l: &Link) -> usize {
    match *l {
        Link::Pair(i, _, _) | Link::Split(i, _, _, _) | Link::Merge(i, _, _, _) => i,
    }
}

fn mark(l: &Link, used_old: &mut [bool], used_new: &mut [bool]) {
    let set = |v: &mut [bool], i: usize| {
        if let Some(x) = v.get_mut(i) {
            *x = true;
        }
    };
    match *l {
        Link::Pair(i, j, _) => {
            set(used_old, i);
            set(used_new, j);
        }
        Link::Split(i, j, k, _) => {
            set(used_old, i);
            set(used_new, j);
            set(used_new, k);
        }
        Link::Merge(i, k, j, _) => {
            set(used_old, i);
            set(used_old, k);
            set(used_new, j);
        }
    }
}

/// The longest order-preserving chain of rows with equal keys.
fn anchors(old: &Side<'_>, new: &Side<'_>) -> Vec<Link> {
    // Keys repeated many times on both sides (empty rows, boilerplate rows) would make the
    // pairs quadratic; they are left to the similarity stage.
    const PER_KEY: usize = 4096;
    const TOTAL: usize = 2_000_000;
    let mut by_key: IdMap<u64, (Vec<usize>, Vec<usize>)> = IdMap::default();
    for (i, r) in old.rows.iter().enumerate() {
        by_key.entry(r.key).or_default().0.push(i);
    }
    for (j, r) in new.rows.iter().enumerate() {
        if let Some(e) = by_key.get_mut(&r.key) {
            e.1.push(j);
        }
    }
    let mut groups: Vec<&(Vec<usize>, Vec<usize>)> =
        by_key.values().filter(|(a, b)| !a.is_empty() && !b.is_empty()).collect();
    groups.sort_by_key(|(a, b)| (a.len() * b.len(), a.first().copied()));
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (a, b) in groups {
        let n = a.len() * b.len();
        if n > PER_KEY || pairs.len() + n > TOTAL {
            continue;
        }
        for &i in a {
            for &j in b {
                pairs.push((i, j));
            }
        }
    }
    let mut weighted: Vec<(usize, usize, f32)> =
        pairs.into_iter().map(|(i, j)| (i, j, 1.0)).collect();
    let chain = heaviest_chain(&mut weighted);
    chain.into_iter().map(|(i, j, _)| Link::Pair(i, j, 1.0)).collect()
}

/// The heaviest chain of pairs strictly increasing in both rows, in order.
///
/// Pairs sorted by old row, and by new row descending within one old row, go through a
/// Fenwick tree of prefix maxima over the new rows: O(p log p) for p pairs.
fn heaviest_chain(pairs: &mut [(usize, usize, f32)]) -> Vec<(usize, usize, f32)> {
    if pairs.is_empty() {
        return Vec::new();
    }
    pairs.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    let width = pairs.iter().map(|p| p.1).max().unwrap_or(0) + 2;
    // (score, pair index + 1); 0 = none.
    let mut tree: Vec<(f32, usize)> = vec![(0.0, 0); width + 1];
    let mut back: Vec<usize> = vec![0; pairs.len()];
    let mut score: Vec<f32> = vec![0.0; pairs.len()];
    let query = |tree: &Vec<(f32, usize)>, mut pos: usize| {
        let mut best = (0.0f32, 0usize);
        while pos > 0 {
            if let Some(&t) = tree.get(pos) {
                if t.0 > best.0 {
                    best = t;
                }
            }
            pos &= pos - 1;
        }
        best
    };
    for (k, &(_, j, w)) in pairs.iter().enumerate() {
        // Prefix over new rows < j: tree positions are j + 1, so query position j.
        let (s, prev) = query(&tree, j);
        score[k] = s + w;
        back[k] = prev;
        let mut pos = j + 1;
        while pos < tree.len() {
            if let Some(t) = tree.get_mut(pos) {
                if score[k] > t.0 {
                    *t = (score[k], k + 1);
                }
            }
            pos += pos & pos.wrapping_neg();
        }
    }
    let mut best = 0;
    for k in 0..score.len() {
        if score[k] > score[best] {
            best = k;
        }
    }
    let mut chain = Vec::new();
    let mut k = best + 1;
    while k > 0 {
        let Some(&p) = pairs.get(k - 1) else { break };
        chain.push(p);
        k = back.get(k - 1).copied().unwrap_or(0);
    }
    chain.reverse();
    chain
}

/// Work the edit script of one gap may do: rows of the gap times edits searched.
const EDIT_STEPS: usize = 40_000_000;
/// Edits the script searches at least, whatever the gap's size.
const MIN_EDITS: usize = 64;

/// The pairs of equal keys along a shortest edit script from `a` to `b` (Myers' greedy
/// algorithm: O((n + m) · d) time and O(d²) memory for d edits), in order; `None` when the
/// script needs more than `max_d` edits.
fn myers(a: &[u64], b: &[u64], max_d: usize) -> Option<Vec<(usize, usize)>> {
    let (n, m) = (a.len() as i64, b.len() as i64);
    let max_d = (max_d as i64).min(n + m);
    // Per round d, the furthest old row reached on each diagonal k = x - y, k = -d..=d
    // (index k + d), or -1 where no edit script of d edits reaches the diagonal.
    let mut trace: Vec<Vec<i32>> = Vec::new();
    let snake = |mut x: i64, mut y: i64| {
        while x < n && y < m && a.get(x as usize) == b.get(y as usize) {
            x += 1;
            y += 1;
        }
        x
    };
    let mut found = None;
    for d in 0..=max_d {
        let mut row = vec![-1i32; (2 * d + 1) as usize];
        for k in (-d..=d).step_by(2) {
            let x = if d == 0 {
                Some(snake(0, 0))
            } else {
                step(trace.last().map(Vec::as_slice).unwrap_or_default(), d, k, n, m)
                    .map(|(_, x, y, _, _)| snake(x, y))
            };
            let Some(x) = x else { continue };
            if let Some(slot) = row.get_mut((k + d) as usize) {
                *slot = x as i32;
            }
            if x == n && x - k == m {
                found = Some(d);
            }
        }
        trace.push(row);
        if found.is_some() {
            break;
        }
    }
    let d_end = found?;
    // The way back from (n, m): each round's edit, and the equal rows after it.
    let mut pairs = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=d_end).rev() {
        let prev = trace.get((d - 1) as usize)?;
        let (_, sx, sy, px, py) = step(prev, d, x - y, n, m)?;
        while x > sx && y > sy {
            x -= 1;
            y -= 1;
            pairs.push((x as usize, y as usize));
        }
        x = px;
        y = py;
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        pairs.push((x as usize, y as usize));
    }
    pairs.reverse();
    Some(pairs)
}

/// The edit that reaches diagonal `k` in round `d` from the previous round `prev`: whether it
/// adds a new row (down) or drops an old one (right), the point it lands on, and the point it
/// starts from. Moves that leave the grid do not count.
fn step(prev: &[i32], d: i64, k: i64, n: i64, m: i64) -> Option<(bool, i64, i64, i64, i64)> {
    let at = |k: i64| {
        if k < -(d - 1) || k > d - 1 {
            return None;
        }
        prev.get((k + d - 1) as usize).copied().filter(|&x| x >= 0).map(i64::from)
    };
    let down = at(k + 1).map(|px| (px, px - k)).filter(|&(_, y)| y <= m);
    let right = at(k - 1).map(|px| (px + 1, px + 1 - k)).filter(|&(x, _)| x <= n);
    match (down, right) {
        (Some((x, y)), r) if r.is_none_or(|(rx, _)| x >= rx) => Some((true, x, y, x, y - 1)),
        (_, Some((x, y))) => Some((false, x, y, x - 1, y)),
        _ => None,
    }
}

/// Candidate partners among `targets` for each of `sources`, by shared rare tokens.
fn candidates(
    sources: &[(usize, &Vector)],
    targets: &[(usize, &Vector)],
) -> Vec<(usize, Vec<usize>)> {
    let cap = 32usize.max(((sources.len() + targets.len()) as f64).sqrt() as usize * 2);
    let mut index: IdMap<u64, Vec<usize>> = IdMap::default();
    for (t, (_, v)) in targets.iter().enumerate() {
        for (tok, _) in &v.terms {
            index.entry(*tok).or_default().push(t);
        }
    }
    let mut out = Vec::with_capacity(sources.len());
    // Dense accumulator plus the list of slots touched: cheaper than a map per source row.
    let mut acc = vec![0.0f32; targets.len()];
    let mut touched: Vec<usize> = Vec::new();
    for &(s, v) in sources {
        for (tok, w) in &v.terms {
            let Some(list) = index.get(tok) else { continue };
            if list.len() > cap {
                continue;
            }
            for &t in list {
                if let (Some(slot), Some(tw)) =
                    (acc.get_mut(t), targets.get(t).and_then(|(_, tv)| weight(tv, *tok)))
                {
                    if *slot == 0.0 {
                        touched.push(t);
                    }
                    *slot += w * tw;
                }
            }
        }
        let mut best: Vec<(usize, f32)> =
            touched.iter().map(|&t| (t, acc.get(t).copied().unwrap_or(0.0))).collect();
        for &t in &touched {
            if let Some(slot) = acc.get_mut(t) {
                *slot = 0.0;
            }
        }
        touched.clear();
        best.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        best.truncate(CANDIDATES);
        out.push((s, best.into_iter().filter_map(|(t, _)| targets.get(t).map(|x| x.0)).collect()));
    }
    out
}

fn weight(v: &Vector, tok: u64) -> Option<f32> {
    v.terms.binary_search_by_key(&tok, |t| t.0).ok().and_then(|i| v.terms.get(i)).map(|t| t.1)
}

/// Very similar pairs of a large gap that keep the order: the points to cut it at.
fn cut(
    a0: usize,
    a1: usize,
    b0: usize,
    b1: usize,
    model: &Model,
    budget: &mut usize,
) -> Vec<(usize, usize, f32)> {
    let sources: Vec<(usize, &Vector)> =
        (a0..a1).filter_map(|i| model.old(i).map(|v| (i, v))).collect();
    let targets: Vec<(usize, &Vector)> =
        (b0..b1).filter_map(|j| model.new_row(j).map(|v| (j, v))).collect();
    let mut pairs = Vec::new();
    for (i, cands) in candidates(&sources, &targets) {
        *budget = budget.saturating_sub(cands.len());
        for j in cands {
            let s = model.sim(i, j);
            if s >= CUT_MIN {
                pairs.push((i, j, s));
            }
        }
    }
    heaviest_chain(&mut pairs)
}

/// Whether `whole` reads as `x` and `y` together: the two parts hold the whole's goal and
/// schedule between them, clearly more than either alone, and neither brings much of its
/// own. Returns the similarity to use for the link.
fn split_fit(whole: Row<'_>, x: Row<'_>, y: Row<'_>) -> Option<f32> {
    let (sx, sy) = (whole.full.cosine(x.full), whole.full.cosine(y.full));
    if sx < PART_MIN || sy < PART_MIN {
        return None;
    }
    let both = whole.content.coverage(&x.content.raw_sum(y.content));
    let alone = whole.content.coverage(x.content).max(whole.content.coverage(y.content));
    let parts_are_whole = x.content.coverage(whole.content) >= PART_COVER
        && y.content.coverage(whole.content) >= PART_COVER;
    if both < SPLIT_COVER || both < alone + SPLIT_GAIN || !parts_are_whole {
        return None;
    }
    // Read together, the parts must match the whole better than either part does, so the
    // alignment prefers the split to a match plus an added row.
    Some(whole.full.cosine(&x.full.sum(y.full)).max(sx.max(sy) + SPLIT_BONUS).min(1.0))
}

/// A row's two vectors.
#[derive(Clone, Copy)]
struct Row<'a> {
    full: &'a Vector,
    content: &'a Vector,
}

fn old_row<'a>(model: &'a Model, i: usize, empty: &'a Vector) -> Row<'a> {
    Row { full: model.old(i).unwrap_or(empty), content: model.old_content(i).unwrap_or(empty) }
}

fn new_row<'a>(model: &'a Model, j: usize, empty: &'a Vector) -> Row<'a> {
    Row { full: model.new_row(j).unwrap_or(empty), content: model.new_content(j).unwrap_or(empty) }
}

/// Aligns a small gap by dynamic programming: maximize the summed similarity margin of the
/// links, keeping order.
fn dp(a0: usize, a1: usize, b0: usize, b1: usize, model: &Model) -> Vec<Link> {
    let (na, nb) = (a1 - a0, b1 - b0);
    let w = nb + 1;
    let sim: Vec<f32> = (0..na * nb).map(|k| model.sim(a0 + k / nb, b0 + k % nb)).collect();
    let s = |i: usize, j: usize| sim.get(i * nb + j).copied().unwrap_or(0.0);
    // score[i * w + j]: best for the first i old and j new rows of the gap.
    let mut score = vec![0.0f32; (na + 1) * w];
    // 0 skip old, 1 skip new, 2 pair, 3 split, 4 merge; with the link similarity.
    let mut step = vec![(0u8, 0.0f32); (na + 1) * w];
    let empty = Vector::default();
    let old_v = |i: usize| old_row(model, a0 + i, &empty);
    let new_v = |j: usize| new_row(model, b0 + j, &empty);
    for i in 0..=na {
        for j in 0..=nb {
            if i == 0 && j == 0 {
                continue;
            }
            let at = |i: usize, j: usize| score.get(i * w + j).copied().unwrap_or(f32::MIN);
            let mut best = (f32::MIN, (0u8, 0.0f32));
            if i > 0 {
                best = (at(i - 1, j), (0, 0.0));
            }
            if j > 0 && at(i, j - 1) > best.0 {
                best = (at(i, j - 1), (1, 0.0));
            }
            if i > 0 && j > 0 {
                let x = s(i - 1, j - 1);
                if x >= MATCH_MIN {
                    let v = at(i - 1, j - 1) + x - MATCH_MIN;
                    if v > best.0 {
                        best = (v, (2, x));
                    }
                }
            }
            if i > 0 && j > 1 && s(i - 1, j - 2).max(s(i - 1, j - 1)) >= PART_MIN {
                if let Some(x) = split_fit(old_v(i - 1), new_v(j - 2), new_v(j - 1)) {
                    let v = at(i - 1, j - 2) + x - MATCH_MIN;
                    if v > best.0 {
                        best = (v, (3, x));
                    }
                }
            }
            if i > 1 && j > 0 && s(i - 2, j - 1).max(s(i - 1, j - 1)) >= PART_MIN {
                if let Some(x) = split_fit(new_v(j - 1), old_v(i - 2), old_v(i - 1)) {
                    let v = at(i - 2, j - 1) + x - MATCH_MIN;
                    if v > best.0 {
                        best = (v, (4, x));
                    }
                }
            }
            if let Some(cell) = score.get_mut(i * w + j) {
                *cell = best.0;
            }
            if let Some(cell) = step.get_mut(i * w + j) {
                *cell = best.1;
            }
        }
    }
    let mut links = Vec::new();
    let (mut i, mut j) = (na, nb);
    while i > 0 || j > 0 {
        let (kind, x) = step.get(i * w + j).copied().unwrap_or((0, 0.0));
        match kind {
            0 if i > 0 => i -= 1,
            1 if j > 0 => j -= 1,
            2 if i > 0 && j > 0 => {
                links.push(Link::Pair(a0 + i - 1, b0 + j - 1, x));
                i -= 1;
                j -= 1;
            }
            3 if i > 0 && j > 1 => {
                links.push(Link::Split(a0 + i - 1, b0 + j - 2, b0 + j - 1, x));
                i -= 1;
                j -= 2;
            }
            4 if i > 1 && j > 0 => {
                links.push(Link::Merge(a0 + i - 2, a0 + i - 1, b0 + j - 1, x));
                i -= 2;
                j -= 1;
            }
            _ => {
                // Unreachable by construction; leave the loop rather than spin.
                if i > 0 {
                    i -= 1;
                } else {
                    j -= 1;
                }
            }
        }
    }
    links.reverse();
    links
}

/// Where each old row would stand in the new plan: as far after the new row its nearest
/// aligned predecessor became as it stood after that predecessor.
fn places(in_order: &[Link], rows: usize) -> Vec<usize> {
    let mut new_of_old: Vec<Option<usize>> = vec![None; rows];
    for link in in_order {
        let (olds, j) = match *link {
            Link::Pair(i, j, _) | Link::Split(i, j, _, _) => ([Some(i), None], j),
            Link::Merge(i, k, j, _) => ([Some(i), Some(k)], j),
        };
        for i in olds.into_iter().flatten() {
            if let Some(slot) = new_of_old.get_mut(i) {
                *slot = Some(j);
            }
        }
    }
    let mut last: Option<(usize, usize)> = None;
    let mut out = Vec::with_capacity(rows);
    for (i, j) in new_of_old.into_iter().enumerate() {
        if let Some(j) = j {
            last = Some((i, j));
        }
        out.push(last.map_or(i, |(li, lj)| lj + (i - li)));
    }
    out
}

/// Matches what the ordered alignment left over: moved rows, then moved splits and merges.
fn leftovers(
    al: &mut Alignment,
    used_old: &mut [bool],
    used_new: &mut [bool],
    model: &Model,
    keys: (&[u64], &[u64]),
) {
    // Rows that moved unchanged first, by key: among near-twin rows (a table of repeated
    // blocks) similarity alone cannot tell the copies apart. Of several twins, the one
    // nearest to where the row landed is the one that moved; the others were removed.
    let place = places(&al.in_order, keys.0.len());
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut group_of: IdMap<u64, usize> = IdMap::default();
    for (i, &k) in keys.0.iter().enumerate() {
        if used_old.get(i) == Some(&false) {
            let g = *group_of.entry(k).or_insert_with(|| {
                groups.push((Vec::new(), Vec::new()));
                groups.len() - 1
            });
            if let Some(group) = groups.get_mut(g) {
                group.0.push(i);
            }
        }
    }
    for (j, &k) in keys.1.iter().enumerate() {
        if used_new.get(j) == Some(&false) {
            if let Some(group) = group_of.get(&k).and_then(|&g| groups.get_mut(g)) {
                group.1.push(j);
            }
        }
    }
    let mut same: Vec<(usize, usize)> = Vec::new();
    for (o, n) in &groups {
        if o.len().saturating_mul(n.len()) <= 4096 {
            let mut pairs: Vec<(usize, usize, usize)> = o
                .iter()
                .flat_map(|&i| {
                    let at = place.get(i).copied().unwrap_or(i);
                    n.iter().map(move |&j| (at.abs_diff(j), i, j))
                })
                .collect();
            pairs.sort_unstable();
            for (_, i, j) in pairs {
                if !used_old[i] && !used_new[j] {
                    used_old[i] = true;
                    used_new[j] = true;
                    same.push((i, j));
                }
            }
        } else {
            for (&i, &j) in o.iter().zip(n) {
                used_old[i] = true;
                used_new[j] = true;
                same.push((i, j));
            }
        }
    }
    same.sort_unstable();
    al.moved.extend(same.into_iter().map(|(i, j)| Link::Pair(i, j, 1.0)));
    let lone_old: Vec<(usize, &Vector)> = used_old
        .iter()
        .enumerate()
        .filter(|(_, u)| !**u)
        .filter_map(|(i, _)| model.old(i).map(|v| (i, v)))
        .collect();
    let lone_new: Vec<(usize, &Vector)> = used_new
        .iter()
        .enumerate()
        .filter(|(_, u)| !**u)
        .filter_map(|(j, _)| model.new_row(j).map(|v| (j, v)))
        .collect();
    if lone_old.is_empty() || lone_new.is_empty() {
        return;
    }
    let cands = candidates(&lone_old, &lone_new);
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, list) in &cands {
        for &j in list {
            let s = model.sim(*i, j);
            if s >= PART_MIN {
                pairs.push((s, *i, j));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for &(s, i, j) in &pairs {
        if s < MOVE_MIN {
            break;
        }
        if !used_old[i] && !used_new[j] {
            used_old[i] = true;
            used_new[j] = true;
            al.moved.push(Link::Pair(i, j, s));
        }
    }
    // A moved row that was also split or merged: its parts stand next to each other.
    let empty = Vector::default();
    let free_new = |used: &[bool], x: usize| x < model.new_len() && used.get(x) == Some(&false);
    let free_old = |used: &[bool], x: usize| x < model.old_len() && used.get(x) == Some(&false);
    for &(_, i, j) in &pairs {
        if !free_old(used_old, i) || !free_new(used_new, j) {
            continue;
        }
        let mut found = None;
        for (x, y) in [(j.wrapping_sub(1), j), (j, j + 1)] {
            if free_new(used_new, x) && free_new(used_new, y) {
                let parts = (new_row(model, x, &empty), new_row(model, y, &empty));
                if let Some(s) = split_fit(old_row(model, i, &empty), parts.0, parts.1) {
                    found = Some(Link::Split(i, x, y, s));
                    break;
                }
            }
        }
        if found.is_none() {
            for (x, y) in [(i.wrapping_sub(1), i), (i, i + 1)] {
                if free_old(used_old, x) && free_old(used_old, y) {
                    let parts = (old_row(model, x, &empty), old_row(model, y, &empty));
                    if let Some(s) = split_fit(new_row(model, j, &empty), parts.0, parts.1) {
                        found = Some(Link::Merge(x, y, j, s));
                        break;
                    }
                }
            }
        }
        if let Some(link) = found {
            mark(&link, used_old, used_new);
            al.moved.push(link);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_is_longest_increasing() {
        let mut pairs = vec![(0, 1, 1.0), (1, 0, 1.0), (2, 2, 1.0), (3, 3, 1.0), (3, 4, 1.0)];
        let chain = heaviest_chain(&mut pairs);
        assert_eq!(chain.len(), 3);
        assert!(chain.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
    }

    #[test]
    fn edit_script_pairs_equal_rows_in_order() {
        let a = [1, 2, 3, 1, 2, 3, 1, 2, 3];
        let b = [1, 2, 3, 1, 3, 1, 2, 9, 3];
        let pairs = myers(&a, &b, 10).expect("within 10 edits");
        // One row dropped (the second copy's 2), one added (9): eight rows the same.
        assert_eq!(pairs.len(), 8);
        assert!(pairs.iter().all(|&(i, j)| a[i] == b[j]));
        assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        assert!(!pairs.contains(&(4, 4)) || a[4] == b[4]);
        assert_eq!(myers(&a, &a, 0).map(|p| p.len()), Some(9));
        assert_eq!(myers(&a, &[], 9).map(|p| p.len()), Some(0));
        assert_eq!(myers(&[], &[], 0), Some(vec![]));
        assert_eq!(myers(&[1, 2, 3], &[4, 5, 6], 5), None);
        assert_eq!(myers(&[1, 2, 3], &[4, 5, 6], 6), Some(vec![]));
    }

    #[test]
    fn chain_prefers_weight() {
        let mut pairs = vec![(0, 2, 3.0), (1, 0, 1.0), (2, 1, 1.0)];
        let chain = heaviest_chain(&mut pairs);
        assert_eq!(chain, vec![(0, 2, 3.0)]);
        assert!(heaviest_chain(&mut []).is_empty());
    }
}
