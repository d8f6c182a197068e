//! Search speed on a generated archive (default 1,000,000 exchanges), in-process on the warm
//! index: a term, a theme phrase, a filtered query, facets and a theme's trend. Criterion reports
//! its estimates; a p50/p95 table over 200 runs each follows, for the README.
//!
//!     cargo bench --bench search                        # 1,000,000 exchanges
//!     SCRUTINY_BENCH_EXCHANGES=100000 cargo bench --bench search
//!
//! The archive comes from the shared generator (`support/corpus.rs`), so its theme phrases are in
//! a realistic few per cent of exchanges. It and its index are made once, into
//! `CARGO_TARGET_TMPDIR/bench-archive-N-seedS` (under the cargo target folder), and reused (the
//! index is rebuilt from the same files when this version cannot read it): delete that folder
//! after changing the generator.

#[path = "support/corpus.rs"]
mod corpus;

use corpus::{Generator, Mix};
use criterion::{criterion_group, Criterion};
use scrutiny::index::{self, IndexOptions};
use scrutiny::model::Kind;
use scrutiny::search::{self, SearchOptions};
use scrutiny::store;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The generator's seed: the same archive on every machine.
const SEED: u64 = 1;

/// Writes a generated archive of about `exchanges` exchanges (the shared generator in
/// `support/corpus.rs`, realistic mix of layouts) and indexes it; reuses both when present.
fn archive(exchanges: usize) -> PathBuf {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("bench-archive-{exchanges}-seed{SEED}"));
    let index_dir = base.join("index");
    if store::open(&index_dir).is_ok() {
        return index_dir;
    }
    // Generated documents are kept; an index this version cannot read is rebuilt from them.
    let docs = base.join("docs");
    let done = base.join("docs-written");
    if !done.is_file() {
        let _ = std::fs::remove_dir_all(&base);
        let generator = Generator::new(SEED, Mix::Realistic);
        // The generator is asked for bytes: this many give about the exchanges wanted.
        let size = (exchanges as f64 * generator.bytes_per_exchange()) as u64;
        let started = Instant::now();
        let counts = generator.write(&docs, size).unwrap();
        eprintln!(
            "generated {} files, {:.0} MB, {} exchanges in {:.1?}",
            counts.files,
            counts.bytes as f64 / 1e6,
            counts.exchanges,
            started.elapsed()
        );
        std::fs::write(&done, "").unwrap();
    }
    let summary = index::run(
        &[docs],
        &IndexOptions {
            memory_budget: 512 << 20,
            rebuild: true,
            ..IndexOptions::new(index_dir.clone())
        },
    )
    .unwrap();
    eprintln!(
        "indexed {} exchanges from {} files in {:.1?}",
        summary.exchanges, summary.files_indexed, summary.elapsed
    );
    index_dir
}

fn cases() -> Vec<(&'static str, SearchOptions)> {
    let q = |query: &str| SearchOptions {
        query: query.to_string(),
        limit: 10,
        kind: Some(Kind::Exchange),
        ..SearchOptions::default()
    };
    vec![
        ("term", q("housing")),
        // Themes: "mental health" is in about 5% of exchanges, "temporary accommodation" 2.5%.
        ("phrase", q("\"mental health\"")),
        (
            "filtered",
            SearchOptions {
                council: Some("marlbury".into()),
                from: scrutiny::model::Date::from_ymd(2018, 1, 1),
                ..q("housing")
            },
        ),
        (
            "facets",
            SearchOptions {
                facets: true,
                ..q("housing")
            },
        ),
        (
            "trend",
            SearchOptions {
                facets: true,
                limit: 0,
                ..q("\"temporary accommodation\"")
            },
        ),
    ]
}

fn benches(c: &mut Criterion) {
    let exchanges: usize = std::env::var("SCRUTINY_BENCH_EXCHANGES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let store = store::open(&archive(exchanges)).unwrap();
    let mut group = c.benchmark_group(format!("search {exchanges} exchanges"));
    for (name, options) in cases() {
        group.bench_function(name, |b| {
            b.iter(|| search::search(&store, &options).unwrap())
        });
    }
    group.finish();

    println!("\n| query | matches | p50 | p95 |\n|---|---|---|---|");
    for (name, options) in cases() {
        let mut times: Vec<f64> = (0..200)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(search::search(&store, &options).unwrap());
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let total = search::search(&store, &options).unwrap().total;
        println!(
            "| {name} | {total} | {:.2} ms | {:.2} ms |",
            times[100], times[189]
        );
    }
}

criterion_group!(search_benches, benches);

fn main() {
    search_benches();
    Criterion::default().configure_from_args().final_summary();
}
