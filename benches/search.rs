//! Search speed on a generated archive (default 1,000,000 exchanges), in-process on the warm
//! index: a term, a phrase, a filtered query, facets and a trend. Criterion reports its
//! estimates; a p50/p95 table over 200 runs each follows, for the README.
//!
//!     cargo bench --bench search                        # 1,000,000 exchanges
//!     SCRUTINY_BENCH_EXCHANGES=100000 cargo bench --bench search
//!
//! The archive and its index are generated once into target/bench-archive-N and reused.

use criterion::{criterion_group, Criterion};
use scrutiny::index::{self, IndexOptions};
use scrutiny::model::Kind;
use scrutiny::search::{self, SearchOptions};
use scrutiny::store;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

const EXCHANGES_PER_FILE: usize = 50;
const COUNCILS: [&str; 8] = [
    "marlbury",
    "dunmere",
    "eastfold",
    "glanmor",
    "kestrel-vale",
    "northwick",
    "westby",
    "harlow-fen",
];
const COMMITTEES: [&str; 5] = [
    "children-scrutiny",
    "health-scrutiny",
    "housing-scrutiny",
    "police-crime-panel",
    "corporate-scrutiny",
];

/// A tiny deterministic generator (64-bit LCG), so every run builds the same archive.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards the front of the vocabulary, as word frequencies are.
    fn zipfish(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b).min(self.below(n))
    }
}

/// The vocabulary: the words of our sample corpus, most frequent first.
fn vocabulary(repo: &Path) -> Vec<String> {
    let mut counts = std::collections::HashMap::<String, usize>::new();
    for entry in walkdir::WalkDir::new(repo.join("sample-corpus")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for w in text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 1)
            {
                *counts.entry(w.to_lowercase()).or_default() += 1;
            }
        }
    }
    let mut words: Vec<(String, usize)> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    words.into_iter().map(|(w, _)| w).collect()
}

fn sentence(rng: &mut Lcg, words: &[String], len: usize, out: &mut String) {
    for i in 0..len {
        if i > 0 {
            out.push(' ');
        }
        // Now and then a phrase users search for.
        match rng.below(60) {
            0 => out.push_str("mental health"),
            1 => out.push_str("temporary accommodation"),
            _ => out.push_str(&words[rng.zipfish(words.len())]),
        }
    }
}

/// Writes the archive (files of numbered Question:/Response: pairs under council/committee
/// folders, dated 2010-2026) and indexes it; reuses both when present.
fn archive(exchanges: usize) -> PathBuf {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let base = repo.join(format!("target/bench-archive-{exchanges}"));
    let index_dir = base.join("index");
    if index_dir.join("meta.json").is_file() {
        return index_dir;
    }
    let docs = base.join("docs");
    let _ = std::fs::remove_dir_all(&base);
    let words = vocabulary(&repo);
    let mut rng = Lcg(42);
    let files = exchanges.div_ceil(EXCHANGES_PER_FILE);
    let started = Instant::now();
    for f in 0..files {
        let dir = docs
            .join(COUNCILS[f % COUNCILS.len()])
            .join(COMMITTEES[(f / COUNCILS.len()) % COMMITTEES.len()]);
        std::fs::create_dir_all(&dir).unwrap();
        let (y, m, d) = (2010 + rng.below(17), 1 + rng.below(12), 1 + rng.below(28));
        let mut text = format!("Agenda item\n\nItem {f}\n\nMinutes:\n\n");
        for e in 1..=EXCHANGES_PER_FILE.min(exchanges - f * EXCHANGES_PER_FILE) {
            let _ = write!(text, "{e}. Question: ");
            let len = 8 + rng.below(12);
            sentence(&mut rng, &words, len, &mut text);
            text.push_str("?\nResponse: ");
            let len = 15 + rng.below(30);
            sentence(&mut rng, &words, len, &mut text);
            text.push_str(".\n\n");
        }
        std::fs::write(
            dir.join(format!("{y:04}-{m:02}-{d:02}-meeting-{f}.txt")),
            text,
        )
        .unwrap();
    }
    eprintln!("generated {files} files in {:.1?}", started.elapsed());
    let summary = index::run(
        &[docs],
        &IndexOptions {
            memory_budget: 512 << 20,
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
