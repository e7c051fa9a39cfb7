//! Throughput of each stage on the seed plan (fixtures/seed): reading .docx and .txt
//! (bytes/s), structuring the table (rows/s), extracting quantities from every goal and
//! schedule text (texts/s), the whole `parse` pipeline, and building the `Parser`.
//!
//! `cargo bench -p taizhang --bench pipeline`; `bench/compare.sh` measures the command line
//! against pandoc.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use taizhang::Parser;
use taizhang_reader::Options;

fn seed(name: &str) -> (String, Vec<u8>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seed").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (name.to_owned(), bytes)
}

fn read(c: &mut Criterion) {
    let options = Options::default();
    let mut group = c.benchmark_group("read");
    for name in ["plan-2020.docx", "plan-2020.txt", "plan-2020-gbk.txt", "plan-2020.xlsx"] {
        let (file, bytes) = seed(name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| taizhang_reader::read_bytes(&file, black_box(&bytes), &options))
        });
    }
    group.finish();
}

fn parse(c: &mut Criterion) {
    let parser = Parser::new();
    let options = Options::default();
    let (file, bytes) = seed("plan-2020.docx");
    let tables = taizhang_reader::read_bytes(&file, &bytes, &options).expect("the seed reads");
    let rows = parser.parse_tables(&tables, None).expect("the seed parses").value.items.len();

    let mut group = c.benchmark_group("parse");
    // Structuring alone: tables → Plan.
    group.throughput(Throughput::Elements(rows as u64));
    group.bench_function("table", |b| b.iter(|| parser.parse_tables(black_box(&tables), None)));
    // What `taizhang parse plan-2020.docx` does after start-up: read, structure, write JSON.
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("docx-to-json", |b| {
        b.iter(|| {
            let tables = taizhang_reader::read_bytes(&file, black_box(&bytes), &options)
                .expect("the seed reads");
            let plan = parser.parse_tables(&tables, None).expect("the seed parses");
            taizhang_emit::json::to_json(&plan.value, false).expect("JSON")
        })
    });
    group.finish();
}

/// Every goal and milestone text of the seed: what the parser hands the quantity extractor.
fn seed_sentences() -> Vec<String> {
    let parser = Parser::new();
    let (file, bytes) = seed("plan-2020.txt");
    let tables =
        taizhang_reader::read_bytes(&file, &bytes, &Options::default()).expect("the seed reads");
    let plan = parser.parse_tables(&tables, None).expect("the seed parses").value;
    let mut texts = Vec::new();
    for item in plan.items {
        texts.push(item.goal.text);
        texts.extend(item.schedule.into_iter().map(|m| m.text));
    }
    texts.retain(|t| !t.trim().is_empty());
    texts
}

fn quantities(c: &mut Criterion) {
    let texts = seed_sentences();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("quantities");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("seed-texts", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| taizhang_parser::quantity::extract(black_box(t)).len())
                .sum::<usize>()
        })
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("seed-texts-bytes", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| taizhang_parser::quantity::extract(black_box(t)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// What building the parser costs (dictionaries, compiled patterns): paid once per process,
/// so it is part of every single-file `taizhang parse`.
fn parser_new(c: &mut Criterion) {
    c.bench_function("parser-new", |b| b.iter(Parser::new));
}

criterion_group!(benches, read, parse, quantities, parser_new);
criterion_main!(benches);
