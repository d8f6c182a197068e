//! Quoted phrases over an index that holds the word pairs of common words only
//! (`scrutiny::pair_words`): every phrase is found, through its pair or through word positions,
//! and the words chosen stay with the index until it is rebuilt. A small archive indexes no
//! pairs, so these fixtures are indexed as if they were a large one's sample.

use crate::util::{index, minutes, scrutiny, search_json};
use scrutiny::index::IndexOptions;
use scrutiny::pair_words::PairWords;
use scrutiny::store;
use std::path::{Path, PathBuf};
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;
use tempfile::TempDir;

/// One file of `minutes` per topic: the words other than the topic's are in every file.
fn write_minutes(docs: &Path, topics: &[&str]) {
    std::fs::create_dir_all(docs).unwrap();
    for topic in topics {
        let name = format!("{}.txt", topic.replace(' ', "-"));
        std::fs::write(docs.join(name), minutes(topic)).unwrap();
    }
}

/// Indexes `docs` into `idx` choosing pair words as if every word were in enough records of the
/// archive (a new index, or `rebuild`).
fn index_with_pairs(idx: &Path, docs: &Path, rebuild: bool) {
    scrutiny::index::run(
        &[docs.to_path_buf()],
        &IndexOptions {
            rebuild,
            pair_min_records: 0,
            ..IndexOptions::new(idx.to_path_buf())
        },
    )
    .unwrap();
}

/// A folder of minutes about `topics`, indexed: the temporary folder, the documents' folder and
/// the index's.
fn indexed(topics: &[&str]) -> (TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (docs, idx) = (dir.path().join("docs"), dir.path().join("index"));
    write_minutes(&docs, topics);
    index_with_pairs(&idx, &docs, false);
    (dir, docs, idx)
}

/// Rewrites the payload of the index's last commit in its `meta.json`.
fn set_payload(idx: &Path, payload: serde_json::Value) {
    let meta_path = idx.join("meta.json");
    let mut meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    meta["payload"] = payload;
    std::fs::write(&meta_path, serde_json::to_string(&meta).unwrap()).unwrap();
}

/// How many records hold the pair `first second` in their questions, as indexed.
fn pair_count(idx: &Path, first: &str, second: &str) -> usize {
    let store = store::open(idx).unwrap();
    let term = Term::from_field_text(
        store.fields.question,
        &scrutiny::analysis::pair_term(first, second),
    );
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    store.searcher().unwrap().search(&query, &Count).unwrap()
}

fn pair_words(idx: &Path) -> Option<PairWords> {
    store::open(idx)
        .unwrap()
        .pair_words
        .map(|chosen| chosen.words)
}

fn hits(idx: &Path, query: &str) -> usize {
    search_json(idx, &[query, "--kind", "exchange"]).len()
}

#[test]
fn phrases_are_found_whether_or_not_their_pair_is_indexed() {
    let (_dir, _, idx) = indexed(&[
        "potholes",
        "libraries",
        "street lighting",
        "ferries",
        "bandstands",
    ]);

    // Words in every file are common; each topic's words are in one file only.
    let words = pair_words(&idx).expect("a new index names its pair words");
    assert!(words.indexes("the", "council"));
    assert!(!words.indexes("about", "potholes"));
    assert!(!words.indexes("street", "lighting"));
    assert_eq!(pair_count(&idx, "the", "council"), 5);
    assert_eq!(pair_count(&idx, "about", "potholes"), 0);
    assert_eq!(pair_count(&idx, "street", "lighting"), 0);

    // A pair, a common word and a rare one, two rare words, and a longer phrase of both.
    assert_eq!(hits(&idx, "\"the council\""), 5);
    assert_eq!(hits(&idx, "\"about potholes\""), 1);
    assert_eq!(hits(&idx, "\"street lighting\""), 1);
    assert_eq!(hits(&idx, "\"the council doing about street lighting\""), 1);
    // The same words out of order are not the phrase.
    assert_eq!(hits(&idx, "\"council the\""), 0);
    assert_eq!(hits(&idx, "\"lighting street\""), 0);
}

#[test]
fn a_small_archive_indexes_no_pairs_and_finds_phrases_by_positions() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, idx) = (dir.path().join("docs"), dir.path().join("index"));
    write_minutes(&docs, &["potholes", "street lighting", "ferries"]);
    index(&idx, &[&docs]);

    // Three records: checking positions is quick whatever the phrase.
    let chosen = store::open(&idx).unwrap().pair_words.unwrap();
    assert_eq!(chosen.for_records, Some(3));
    assert!(!chosen.words.indexes("the", "council"));
    assert_eq!(pair_count(&idx, "the", "council"), 0);
    assert_eq!(hits(&idx, "\"the council\""), 3);
    assert_eq!(hits(&idx, "\"the council doing about street lighting\""), 1);
    assert_eq!(hits(&idx, "\"council the\""), 0);
}

#[test]
fn the_words_stay_with_the_index_until_it_is_rebuilt() {
    let (_dir, docs, idx) = indexed(&["potholes", "libraries"]);
    let chosen = pair_words(&idx).unwrap();
    assert!(!chosen.indexes("about", "ferries"));

    // Ferries, now in three files of five, would be common; the index keeps its words, so that
    // every segment holds the same pairs, and the new files' phrases are found by positions.
    write_minutes(&docs, &["ferries", "ferries timetable", "ferries fares"]);
    index(&idx, &[&docs]);
    assert_eq!(pair_words(&idx).as_ref(), Some(&chosen));
    assert_eq!(pair_count(&idx, "about", "ferries"), 0);
    assert_eq!(hits(&idx, "\"about ferries\""), 3);

    index_with_pairs(&idx, &docs, true);
    let rebuilt = pair_words(&idx).unwrap();
    assert!(rebuilt.indexes("about", "ferries"));
    assert_eq!(pair_count(&idx, "about", "ferries"), 3);
    assert_eq!(hits(&idx, "\"about ferries\""), 3);
}

#[test]
fn an_index_committed_before_pairs_were_chosen_keeps_every_pair() {
    let (_dir, docs, idx) = indexed(&["potholes", "libraries"]);
    // As an earlier version left it: no payload in meta.json.
    set_payload(&idx, serde_json::Value::Null);
    assert_eq!(pair_words(&idx), None);

    // Its records may hold any pair, so a search looks pairs up and new files index them all.
    write_minutes(&docs, &["street lighting"]);
    index(&idx, &[&docs]);
    assert_eq!(pair_words(&idx), Some(PairWords::All));
    assert_eq!(pair_count(&idx, "street", "lighting"), 1);
    assert_eq!(hits(&idx, "\"street lighting\""), 1);
}

#[test]
fn a_payload_that_is_not_ours_is_a_damaged_index_with_the_command_that_rebuilds_it() {
    let (_dir, _, idx) = indexed(&["potholes"]);
    set_payload(&idx, "first commit".into());

    let out = scrutiny()
        .args(["search", "potholes", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("payload"), "{stderr}");
    assert!(stderr.contains("--rebuild"), "{stderr}");
}
