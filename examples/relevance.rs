//! Prints search quality against the judged queries (`tests/relevance/sample-corpus.toml`):
//! nDCG@10 for each query, the mean for each kind of query and overall; with `--verbose`, each
//! query's top ten with their grades and the exchanges graded 2 that are not among them.
//!
//!     cargo run --release --example relevance [-- --verbose]

use scrutiny::index::{self, IndexOptions};
use scrutiny::relevance::{self, Judged, QueryScore};
use scrutiny::store;
use std::path::Path;

const K: usize = 10;

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose" || a == "-v");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let judged = relevance::load(&root.join("tests/relevance/sample-corpus.toml"))
        .unwrap_or_else(|e| panic!("{e}"));

    let dir = tempfile::tempdir().expect("a temporary folder for the index");
    let options = IndexOptions::new(dir.path().join("index"));
    index::run(&[root.join("sample-corpus")], &options).unwrap_or_else(|e| panic!("{e}"));
    let store = store::open(&options.index_dir).unwrap_or_else(|e| panic!("{e}"));
    let report = relevance::evaluate(&store, &judged, K).unwrap_or_else(|e| panic!("{e}"));

    println!(
        "{:>8}  {:<12}  {:>5}  query",
        format!("nDCG@{K}"),
        "kind",
        "found"
    );
    for (score, judged) in report.queries.iter().zip(&judged) {
        println!(
            "{:>8.3}  {:<12}  {:>5}  {}",
            score.ndcg,
            score.kind,
            format!("{}/{}", score.found, score.judged),
            score.q
        );
        if verbose {
            details(score, judged);
        }
    }
    println!();
    for (kind, mean, n) in report.by_kind() {
        println!("{mean:>8.3}  {kind:<12}  {n:>5}  queries");
    }
    println!(
        "{:>8.3}  {:<12}  {:>5}  queries",
        report.mean,
        "all",
        report.queries.len()
    );
}

/// The ranked ids with their grades, then the exchanges graded 2 that are not among them.
fn details(score: &QueryScore, judged: &Judged) {
    let grade = |id: &str| judged.relevant.get(id).copied().unwrap_or(0);
    let ranks: Vec<String> = score
        .ranked
        .iter()
        .map(|id| format!("{id}:{}", grade(id)))
        .collect();
    println!("          top {K}: {}", ranks.join(" "));
    let mut missed: Vec<&String> = judged
        .relevant
        .iter()
        .filter(|(id, &g)| g == relevance::MAX_GRADE && !score.ranked.contains(id))
        .map(|(id, _)| id)
        .collect();
    missed.sort();
    if !missed.is_empty() {
        let missed: Vec<&str> = missed.iter().map(|s| s.as_str()).collect();
        println!("          graded 2, not in top {K}: {}", missed.join(" "));
    }
}
