//! The corpus generator (`benches/support/corpus.rs`) checked against the extractor: every
//! exchange and discussion the generator says it wrote is found, in every layout, and a theme
//! phrase finds exactly the exchanges it was put in. The benches' figures rest on this.
//!
//! The tolerance is zero. The generator leaves out of its vocabulary every word the extractor
//! reads as asking ("asked", "queried", "why", ...) and never opens a line with a word that
//! starts a resolution or a label, so random text cannot hold a question; a difference is a
//! generator or extractor bug, and the failing document is named.

#[path = "../../benches/support/corpus.rs"]
mod corpus;

use crate::util::{index, search_json, summary_number};
use corpus::{Convention, Document, Generator, Mix};
use scrutiny::extract::{extract_text, Format, Origin};
use scrutiny::model::Kind;
use std::path::Path;

/// What the extractor finds in a generated document: exchanges, supplementary ones, discussions.
fn found(doc: &Document) -> (usize, usize, usize) {
    let format = Format::from_path(Path::new(&doc.path)).unwrap();
    let origin = Origin {
        source: doc.path.clone(),
        relative: doc.path.clone(),
        ..Origin::default()
    };
    let records = extract_text(&doc.text, format, &origin);
    let exchanges = records.iter().filter(|r| r.kind == Kind::Exchange);
    (
        exchanges.clone().count(),
        exchanges.filter(|r| r.supplementary).count(),
        records
            .iter()
            .filter(|r| r.kind == Kind::Discussion)
            .count(),
    )
}

#[test]
fn every_layout_extracts_exactly_what_was_written() {
    let generator = Generator::new(7, Mix::Realistic);
    let mut written = 0;
    for convention in Convention::ALL {
        for i in 0..2 {
            let doc = generator.document_in(i, Mix::Only(convention));
            assert_eq!(
                found(&doc),
                (doc.exchanges, doc.supplementary, doc.discussions),
                "{} ({}): (exchanges, supplementary, discussions) found vs written\n{}",
                doc.path,
                convention.name(),
                doc.text
            );
            written += doc.exchanges;
        }
    }
    assert!(written > 100, "only {written} exchanges in 20 documents");
}

#[test]
fn same_seed_same_files_on_any_number_of_threads() {
    let generator = Generator::new(3, Mix::Realistic);
    let dir = tempfile::tempdir().unwrap();
    let write = |threads: usize, out: &Path| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| generator.write(out, 100_000).unwrap())
    };
    let one = write(1, &dir.path().join("one"));
    let three = write(3, &dir.path().join("three"));
    assert_eq!(one, three);
    assert!(one.bytes >= 100_000 && one.files >= 3, "{one:?}");
    for n in 0..one.files {
        let doc = generator.document(n);
        let a = std::fs::read(dir.path().join("one").join(&doc.path)).unwrap();
        let b = std::fs::read(dir.path().join("three").join(&doc.path)).unwrap();
        assert_eq!(a, b, "{}", doc.path);
        assert_eq!(a, doc.text.as_bytes(), "{}", doc.path);
    }
    assert_ne!(
        Generator::new(4, Mix::Realistic).document(0).text,
        generator.document(0).text,
        "another seed, another corpus"
    );
}

#[test]
fn indexing_a_generated_corpus_counts_what_the_generator_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let counts = Generator::new(7, Mix::Realistic)
        .write(&corpus, 200_000)
        .unwrap();
    assert!(counts.exchanges > 300, "{counts:?}");
    let manifest = std::fs::read_to_string(corpus.join(corpus::MANIFEST)).unwrap();
    assert!(manifest.contains(&format!("\"exchanges\": {}", counts.exchanges)));

    let idx = dir.path().join("index");
    let summary = index(&idx, &[&corpus]);
    assert_eq!(
        summary_number(&summary, "files indexed") as u64,
        counts.files
    );
    assert_eq!(
        summary_number(&summary, "exchanges indexed") as u64,
        counts.exchanges
    );
    assert_eq!(
        summary_number(&summary, "discussions indexed") as u64,
        counts.discussions
    );

    // The commonest theme is in about 5% of exchanges; a phrase search finds each one.
    let theme = counts.theme("mental health");
    let share = theme as f64 / counts.exchanges as f64;
    assert!((0.02..0.09).contains(&share), "{theme} of {counts:?}");
    let hits = search_json(
        &idx,
        &[
            "\"mental health\"",
            "--kind",
            "exchange",
            "--limit",
            "10000",
        ],
    );
    assert_eq!(hits.len() as u64, theme);
    let hits = search_json(
        &idx,
        &["\"Think Family\"", "--kind", "exchange", "--limit", "10000"],
    );
    assert_eq!(hits.len() as u64, counts.theme("Think Family"));
    assert!(!hits.is_empty());
}
