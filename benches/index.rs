//! Indexing throughput in MB/s of `scrutiny::index::run` on a generated corpus of about 20 MB:
//! walk, read, extract on rayon's threads, one `IndexWriter`, commit and merge, into a fresh
//! index each time. Once for the realistic mix of layouts and once for the seed's layout alone
//! (the layout `benches/throughput.sh` and the reference indexer compare on).
//!
//!     cargo bench --bench index
//!
//! The corpus is written to a temporary folder once per case, outside the timing; the page cache
//! holds it, so this is the indexer's own speed, not the disk's.

#[path = "support/corpus.rs"]
mod corpus;

use corpus::{Convention, Generator, Mix};
use criterion::{criterion_group, BatchSize, Criterion, SamplingMode, Throughput};
use scrutiny::index::{self, IndexOptions};
use std::time::Duration;

const CORPUS_BYTES: u64 = 20_000_000;

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("index");
    // One run takes about a second: a flat sample of ten runs is enough, and linear sampling
    // would take minutes.
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20));
    let cases = [
        ("realistic mix", Mix::Realistic),
        ("moderngov-item", Mix::Only(Convention::ModernGovItem)),
    ];
    for (name, mix) in cases {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        let counts = Generator::new(1, mix).write(&corpus, CORPUS_BYTES).unwrap();
        eprintln!(
            "{name}: {} files, {:.1} MB, {} exchanges",
            counts.files,
            counts.bytes as f64 / 1e6,
            counts.exchanges
        );
        group.throughput(Throughput::BytesDecimal(counts.bytes));
        group.bench_function(name, |b| {
            b.iter_batched(
                || tempfile::tempdir_in(dir.path()).unwrap(),
                |index_dir| {
                    // The command line's defaults.
                    let options = IndexOptions::new(index_dir.path().join("index"));
                    let summary = index::run(std::slice::from_ref(&corpus), &options).unwrap();
                    assert_eq!(summary.exchanges as u64, counts.exchanges);
                    index_dir
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(index_benches, benches);

fn main() {
    index_benches();
    Criterion::default().configure_from_args().final_summary();
}
