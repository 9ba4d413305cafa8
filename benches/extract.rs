//! Criterion benches: gazetteer load, exact-key lookup, per-document extraction of the demo
//! dispatches, and a 1 MB batch. Each bench checks its answer (places found, mentions
//! extracted) so a broken pipeline fails instead of getting fast.
//!
//! `cargo bench --no-default-features` (add `-- --quick` for a short run).

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use placemap::corpus::{self, Document, Format, LoadOptions};
use placemap::extract::{ExtractOptions, Extractor};
use placemap::gazetteer::Gazetteer;
use placemap::gazetteer::normalize::name_key;

fn demo_docs() -> Vec<Document> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo/dispatches");
    let disc = corpus::discover(&[dir]);
    assert!(
        disc.problems.is_empty(),
        "demo corpus problems: {:?}",
        disc.problems
    );
    let mut docs = Vec::new();
    for (path, format) in &disc.files {
        assert_eq!(*format, Format::Text);
        let load = corpus::read_file(path, *format, &LoadOptions::default());
        assert!(load.problems.is_empty(), "{:?}", load.problems);
        docs.extend(load.documents);
    }
    assert!(
        docs.len() >= 15,
        "the demo corpus has 15-25 dispatches, found {}",
        docs.len()
    );
    docs
}

fn bench_load(c: &mut Criterion) {
    let mut g = c.benchmark_group("gazetteer");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.bench_function("load_bundled", |b| {
        b.iter(|| {
            let gaz = Gazetteer::bundled().expect("bundled gazetteer");
            assert!(gaz.len() > 100_000, "gazetteer too small: {}", gaz.len());
            gaz
        });
    });
    g.finish();
}

fn bench_lookup(c: &mut Criterion) {
    let gaz = Gazetteer::bundled().expect("bundled gazetteer");
    let step = (gaz.len() / 1000).max(1);
    let keys: Vec<String> = gaz
        .places()
        .step_by(step)
        .take(1000)
        .map(|p| name_key(p.name))
        .collect();
    assert_eq!(keys.len(), 1000);
    let found = keys.iter().filter(|k| !gaz.lookup(k).is_empty()).count();
    // Every place is indexed under its own name's key.
    assert_eq!(
        found,
        1000,
        "names not found under their own key: {}",
        1000 - found
    );
    let postings: usize = keys.iter().map(|k| gaz.lookup(k).len()).sum();

    let mut g = c.benchmark_group("gazetteer");
    g.throughput(Throughput::Elements(keys.len() as u64));
    g.bench_function("lookup_1000_exact_keys", |b| {
        b.iter(|| {
            let n: usize = keys.iter().map(|k| gaz.lookup(black_box(k)).len()).sum();
            assert_eq!(n, postings);
            n
        });
    });
    g.finish();
}

fn bench_extract_docs(c: &mut Criterion) {
    let extractor = Extractor::new(Arc::new(Gazetteer::bundled().expect("bundled gazetteer")));
    let docs = demo_docs();
    let mut g = c.benchmark_group("extract_doc");
    g.measurement_time(Duration::from_secs(3));
    for doc in &docs {
        let expected = extractor.extract(doc).toponyms.len();
        assert!(expected >= 3, "{}: only {expected} toponyms", doc.id);
        let name = Path::new(&doc.id)
            .file_stem()
            .map_or_else(|| doc.id.clone(), |s| s.to_string_lossy().into_owned());
        g.throughput(Throughput::Bytes(doc.text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), doc, |b, doc| {
            b.iter(|| {
                let ex = extractor.extract(black_box(doc));
                assert_eq!(ex.toponyms.len(), expected);
                ex
            });
        });
    }
    g.finish();
}

fn bench_batch(c: &mut Criterion) {
    let extractor = Extractor::new(Arc::new(Gazetteer::bundled().expect("bundled gazetteer")));
    let docs = demo_docs();
    let mut batch: Vec<&Document> = Vec::new();
    let mut bytes = 0;
    while bytes < 1_000_000 {
        for d in &docs {
            batch.push(d);
            bytes += d.text.len();
        }
    }
    let expected: usize = batch
        .iter()
        .map(|d| extractor.extract(d).toponyms.len())
        .sum();
    assert!(
        expected > 1000,
        "a 1 MB batch of dispatches has thousands of mentions, got {expected}"
    );
    let mut g = c.benchmark_group("extract_batch");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("1MB_single_thread", |b| {
        b.iter(|| {
            let n: usize = batch
                .iter()
                .map(|d| extractor.extract(black_box(d)).toponyms.len())
                .sum();
            assert_eq!(n, expected);
            n
        });
    });
    // The same batch with places only (no actors, no dates): how much the other extractors cost.
    let places_only = Extractor::with(
        extractor.gazetteer().clone(),
        extractor.actor_dictionary().clone(),
        ExtractOptions {
            actors: false,
            dates: false,
            ..ExtractOptions::default()
        },
    );
    let expected_places: usize = batch
        .iter()
        .map(|d| places_only.extract(d).toponyms.len())
        .sum();
    assert!(
        expected_places > 1000,
        "places-only batch found {expected_places} mentions"
    );
    g.bench_function("1MB_single_thread_places_only", |b| {
        b.iter(|| {
            let n: usize = batch
                .iter()
                .map(|d| places_only.extract(black_box(d)).toponyms.len())
                .sum();
            assert_eq!(n, expected_places);
            n
        });
    });
    g.finish();
}

criterion_group!(
    benches,
    bench_load,
    bench_lookup,
    bench_extract_docs,
    bench_batch
);
criterion_main!(benches);
