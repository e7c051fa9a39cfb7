//! Export throughput at growing sizes: the seed plan's 111 rows repeated to 1.1k, 11k and
//! 111k rows, written to SQLite (a new database each time), CSV and xlsx. Rows/s that stay
//! flat across the sizes mean the cost grows linearly with the plan.
//!
//! `cargo bench -p taizhang-emit --bench export` (add `-- 111k` for the largest size only).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use taizhang_emit::export::{self, Entry, Ledger};
use taizhang_model::Plan;

fn seed() -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed/plan-2020.txt");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let tables =
        taizhang_reader::read_bytes("plan-2020.txt", &bytes, &taizhang_reader::Options::default())
            .expect("the seed reads");
    taizhang_parser::Parser::new().parse_tables(&tables, None).expect("the seed parses").value
}

/// The seed's items repeated `copies` times, renumbered, each copy's goals marked so that
/// rows differ.
fn repeated(seed: &Plan, copies: usize) -> Plan {
    let mut plan = seed.clone();
    plan.items = Vec::with_capacity(seed.items.len() * copies);
    for copy in 0..copies {
        for item in &seed.items {
            let mut item = item.clone();
            item.row += copy * seed.items.len();
            item.id = format!("r{:03}", item.row);
            item.goal.text.push_str(&format!("（{copy}）"));
            plan.items.push(item);
        }
    }
    plan
}

fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("taizhang-bench-{}-{name}", std::process::id()))
}

fn export_sizes(c: &mut Criterion) {
    let seed = seed();
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    for (label, copies) in [("1.1k", 10), ("11k", 100), ("111k", 1000)] {
        let plan = repeated(&seed, copies);
        group.throughput(Throughput::Elements(plan.items.len() as u64));
        let db = scratch("ledger.sqlite");
        group.bench_with_input(BenchmarkId::new("sqlite", label), &plan, |b, plan| {
            b.iter(|| {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
                }
                let entry = Entry::new(plan, None, &[]);
                export::sqlite::append(black_box(&entry), &db).expect("exports")
            })
        });
        let dir = scratch("csv");
        group.bench_with_input(BenchmarkId::new("csv", label), &plan, |b, plan| {
            b.iter(|| {
                let mut ledger = Ledger::new();
                ledger.add(&Entry::new(black_box(plan), None, &[]));
                export::csv::write_dir(&ledger, &dir).expect("exports")
            })
        });
        let book = scratch("plans.xlsx");
        group.bench_with_input(BenchmarkId::new("xlsx", label), &plan, |b, plan| {
            b.iter(|| {
                let mut ledger = Ledger::new();
                ledger.add(&Entry::new(black_box(plan), None, &[]));
                export::xlsx::write_file(&ledger, &book).expect("exports")
            })
        });
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_file(&book);
    }
    group.finish();
}

criterion_group!(benches, export_sizes);
criterion_main!(benches);
