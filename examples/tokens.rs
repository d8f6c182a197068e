//! Counts what an index holds, field by field: documents, distinct terms and tokens, the
//! tokens split into words, marked stems (`analysis::is_marked_stem`) and word pairs
//! (`analysis::is_pair`). It opens any tantivy index, ours or another's (the reference indexer's
//! in `../shared/tools/limit-bench`), so their work can be compared token for token.
//!
//!     cargo run --release --example tokens -- INDEX_DIR

use scrutiny::analysis;
use tantivy::postings::Postings;
use tantivy::schema::{FieldType, IndexRecordOption};
use tantivy::{DocSet, Index, TERMINATED};

#[derive(Default)]
struct Tokens {
    terms: u64,
    words: u64,
    stems: u64,
    pairs: u64,
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: tokens INDEX_DIR");
        std::process::exit(2);
    };
    let index = Index::open_in_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
    let searcher = index.reader().unwrap_or_else(|e| panic!("{e}")).searcher();
    println!(
        "{dir}: {} documents in {} segments",
        searcher.num_docs(),
        searcher.segment_readers().len()
    );
    println!(
        "{:<14} {:>10} {:>12} {:>12} {:>12} {:>12}",
        "field", "terms", "tokens", "words", "stems", "pairs"
    );
    let mut all = 0;
    for (field, entry) in index.schema().fields() {
        let Some(record) = entry.field_type().index_record_option() else {
            continue;
        };
        // Stems and pairs are told apart only in the fields whose analyzers give them (a key
        // may hold a space); another engine's index holds words alone.
        let tokenizer = match entry.field_type() {
            FieldType::Str(options) => options
                .get_indexing_options()
                .map(|i| i.tokenizer().to_string()),
            _ => None,
        };
        let marks_stems = tokenizer.as_deref().is_some_and(analysis::marks_stems);
        let holds_pairs = tokenizer.as_deref() == Some(analysis::WORDS_STEMS_AND_PAIRS);
        let mut counts = Tokens::default();
        for segment in searcher.segment_readers() {
            let inverted = segment
                .inverted_index(field)
                .unwrap_or_else(|e| panic!("{e}"));
            let mut terms = inverted.terms().stream().unwrap_or_else(|e| panic!("{e}"));
            while terms.advance() {
                counts.terms += 1;
                // A term's tokens are its frequencies summed; fields without them count
                // one a document.
                let with = record.min(IndexRecordOption::WithFreqs);
                let mut postings = inverted
                    .read_postings_from_terminfo(terms.value(), with)
                    .unwrap_or_else(|e| panic!("{e}"));
                let mut n = 0;
                while postings.doc() != TERMINATED {
                    n += u64::from(postings.term_freq());
                    postings.advance();
                }
                let text = String::from_utf8_lossy(terms.key());
                if marks_stems && analysis::is_marked_stem(&text) {
                    counts.stems += n;
                } else if holds_pairs && analysis::is_pair(&text) {
                    counts.pairs += n;
                } else {
                    counts.words += n;
                }
            }
        }
        let tokens = counts.words + counts.stems + counts.pairs;
        all += tokens;
        println!(
            "{:<14} {:>10} {:>12} {:>12} {:>12} {:>12}",
            entry.name(),
            counts.terms,
            tokens,
            counts.words,
            counts.stems,
            counts.pairs
        );
    }
    println!("{:<14} {:>10} {:>12}", "all", "", all);
}
