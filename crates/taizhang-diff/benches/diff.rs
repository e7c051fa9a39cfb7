//! Diff timings: the fixture revision pair (111 rows), and two synthetic 5,000-row plans
//! made of the seed's rows repeated, told apart per copy, then perturbed (numbers changed,
//! rows inserted, deleted and swapped, units changed), and 20,000 rows of the seed's rows
//! repeated as they are with twelve edits.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use taizhang_diff::diff;

#[path = "../tests/common/mod.rs"]
mod common;

fn bench(c: &mut Criterion) {
    let v1 = common::plan("revision/plan-2020-v1.txt");
    let v2 = common::plan("revision/plan-2020-v2.txt");
    let mut group = c.benchmark_group("diff");
    group.throughput(Throughput::Elements(v1.items.len() as u64));
    group.bench_function("revision-111-rows", |b| b.iter(|| diff(black_box(&v1), black_box(&v2))));

    let big = common::repeated(&v1, 5_000);
    let (revised, _) = common::perturbed(&big);
    group.sample_size(10);
    group.throughput(Throughput::Elements(big.items.len() as u64));
    group.bench_function("synthetic-5000-rows", |b| {
        b.iter(|| diff(black_box(&big), black_box(&revised)))
    });
    // The same rows without the per-copy names: every row has 45 exact twins, the hard case
    // for content anchors.
    let twins = {
        let mut p = v1.clone();
        p.items = (0..5_000).map(|k| v1.items[k % v1.items.len()].clone()).collect();
        p
    };
    let (twins_revised, _) = common::perturbed(&twins);
    group.bench_function("synthetic-5000-rows-duplicates", |b| {
        b.iter(|| diff(black_box(&twins), black_box(&twins_revised)))
    });
    // The seed's rows repeated as they are, with twelve edits: no key is rare enough to
    // anchor on, the edit script aligns the copies.
    let repeated = common::twins(&v1, 20_000);
    let (repeated_revised, _) = common::twelve_edits(&repeated);
    group.throughput(Throughput::Elements(repeated.items.len() as u64));
    group.bench_function("repeated-20000-rows-12-edits", |b| {
        b.iter(|| diff(black_box(&repeated), black_box(&repeated_revised)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
