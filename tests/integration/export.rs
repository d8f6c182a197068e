//! `scrutiny export`: every indexed record as one JSON line with the schema's field names, and
//! lines that re-ingest into an index equivalent to the one exported.

use crate::util::{fixture, index, sample_corpus, scrutiny, summary_number};
use predicates::prelude::*;
use scrutiny::manifest;
use scrutiny::schema::{build, is_exported};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;
use tantivy::schema::Schema;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

/// `scrutiny export --format ndjson --index INDEX`, each line parsed.
fn export(index: &Path) -> Vec<Map<String, Value>> {
    let out = scrutiny()
        .args(["export", "--format", "ndjson", "--index"])
        .arg(index)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn export_writes_every_record_with_the_schemas_field_names() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    let root = fixture("export");
    let summary = index(&idx, &[&root]);
    let records = summary_number(&summary, "exchanges indexed")
        + summary_number(&summary, "discussions indexed");
    assert_eq!(records, 6);

    let lines = export(&idx);
    assert_eq!(lines.len(), records);
    let (schema, _) = build();
    let names: Vec<&str> = schema
        .fields()
        .map(|(_, e)| e.name())
        .filter(|name| is_exported(name))
        .collect();
    for line in &lines {
        let mut keys: Vec<&str> = line.keys().map(String::as_str).collect();
        let mut expected = names.clone();
        keys.sort_unstable();
        expected.sort_unstable();
        assert_eq!(keys, expected);
    }

    let treasury = lines
        .iter()
        .find(|l| l["item"] == "Treasury management mid-year review")
        .expect("the treasury exchange");
    assert_eq!(
        treasury["question"],
        "Councillor Samir Bhatt asked whether the council still held deposits with any bank \
         whose credit rating had been lowered since April."
    );
    assert_eq!(treasury["asker"], "Councillor Samir Bhatt");
    assert_eq!(treasury["responder"], "The Section 151 Officer");
    assert_eq!(treasury["date"], "2023-09-20T00:00:00Z");
    assert_eq!(treasury["council"], "Hollowmere Borough Council");
    assert_eq!(treasury["committee"], "Audit and Governance Committee");
    assert_eq!(treasury["kind"], "exchange");
    assert_eq!(treasury["number"], 1);
    let file_key = treasury["file_key"].as_str().unwrap();
    assert!(
        file_key.ends_with("audit-committee/2023-09-20-committee.md") && file_key.starts_with('/'),
        "{file_key}"
    );
    assert_eq!(
        treasury["root_key"],
        root.canonicalize().unwrap().display().to_string()
    );

    // The audit plan item: its setting on the first exchange only, as indexed.
    let plan = |n: u64| {
        lines
            .iter()
            .find(|l| l["item"] == "INTERNAL AUDIT PLAN 2023/24" && l["number"] == n)
            .unwrap()
    };
    assert_eq!(plan(1)["date"], "2023-06-14T00:00:00Z");
    assert_eq!(
        plan(1)["setting"],
        serde_json::json!([
            "The Chief Internal Auditor presented the plan, which set out 38 reviews for the \
             year against 41 the year before.",
            "RESOLVED: That the Internal Audit Plan 2023/24 be approved."
        ])
    );
    assert_eq!(
        plan(1)["resolutions"],
        "RESOLVED: That the Internal Audit Plan 2023/24 be approved."
    );
    assert_eq!(plan(2)["resolutions"], Value::Null);
    assert_eq!(plan(2)["setting"], Value::Null);

    let apologies = lines
        .iter()
        .find(|l| l["item"] == "APOLOGIES FOR ABSENCE")
        .unwrap();
    assert_eq!(apologies["kind"], "discussion");
    assert_eq!(
        apologies["text"],
        "Apologies were received from Councillor Miriam Oduya."
    );
    assert_eq!(apologies["question"], Value::Null);
}

#[test]
fn export_to_a_file_says_how_many_and_a_missing_index_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&fixture("export")]);
    let file = dir.path().join("records.ndjson");
    scrutiny()
        .args(["export", "--output"])
        .arg(&file)
        .arg("--index")
        .arg(&idx)
        .assert()
        .success()
        .stdout(format!("6 records written to {}\n", file.display()));
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written.lines().count(), 6);
    assert_eq!(
        written
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect::<Vec<Map<String, Value>>>(),
        export(&idx)
    );

    let unwritable = dir.path().join("no-such-folder/records.ndjson");
    scrutiny()
        .args(["export", "--output"])
        .arg(&unwritable)
        .arg("--index")
        .arg(&idx)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(unwritable.display().to_string()));

    scrutiny()
        .args(["export", "--index"])
        .arg(dir.path().join("none"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("no index at")
                .and(predicate::str::contains("scrutiny index DIR")),
        );
}

/// Every term of every indexed field with how many documents hold it, and (under `None`) each
/// field's count of tokens: two indexes that agree on these answer every query alike.
fn terms(index: &Index, schema: &Schema) -> BTreeMap<(String, Option<Vec<u8>>), u64> {
    let searcher = index.reader().unwrap().searcher();
    let mut all = BTreeMap::new();
    for (field, entry) in schema.fields() {
        if !entry.is_indexed() {
            continue;
        }
        let name = entry.name().to_string();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field).unwrap();
            let mut stream = inverted.terms().stream().unwrap();
            while stream.advance() {
                *all.entry((name.clone(), Some(stream.key().to_vec())))
                    .or_default() += u64::from(stream.value().doc_freq);
            }
            *all.entry((name.clone(), None)).or_default() += inverted.total_num_tokens();
        }
    }
    all
}

/// Stored records, by id.
fn stored(index: &Index, fields: &scrutiny::schema::Fields) -> BTreeMap<String, String> {
    let searcher = index.reader().unwrap().searcher();
    let mut all = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(1).unwrap();
        for doc in segment.doc_ids_alive() {
            let record = fields.to_record(&store.get::<TantivyDocument>(doc).unwrap());
            all.insert(record.id.clone(), serde_json::to_string(&record).unwrap());
        }
    }
    all
}

#[test]
fn the_export_re_ingests_into_an_equivalent_index() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&sample_corpus()]);
    let lines = export(&idx);
    assert!(lines.len() > 500, "{} lines", lines.len());

    let (schema, fields) = build();
    // An ingest indexes the word pairs of the words the index chose (its commits' payload).
    let pair_words = scrutiny::store::open(&idx).unwrap().indexed_pair_words();
    let again = Index::create_in_ram(schema.clone());
    scrutiny::analysis::register(&again, &pair_words);
    let mut writer: IndexWriter = again.writer_with_num_threads(1, 50_000_000).unwrap();
    for line in lines {
        // tantivy reads a missing field as no value, and refuses null.
        let mut present: Map<String, Value> =
            line.into_iter().filter(|(_, v)| !v.is_null()).collect();
        // The id is written as users see it, 16 hex digits; the index holds their number.
        let hex = present["id"].as_str().unwrap();
        let number = scrutiny::schema::id_number(hex).unwrap();
        assert_eq!(scrutiny::schema::id_text(number), hex);
        present.insert("id".into(), number.into());
        // Our index keeps a file's root on its manifest document; the export writes it on each
        // record, for engines that filter by it.
        assert!(present["root_key"]
            .as_str()
            .unwrap()
            .ends_with("sample-corpus"));
        present.remove("root_key");
        writer
            .add_document(TantivyDocument::from_json_object(&schema, present).unwrap())
            .unwrap();
    }
    writer.commit().unwrap();

    let original = Index::open_in_dir(&idx).unwrap();
    scrutiny::analysis::register(&original, &pair_words);
    // Without the index's manifest documents, which are bookkeeping, not records. Their term
    // counts go by deleting and merging them away. A merge re-estimates token totals, so
    // those are taken from before it: manifest documents add tokens only to the key fields,
    // whose totals no score reads, and which are left out on both sides.
    let keys = ["kind", "file_key", "root_key", "manifest_key"];
    let totals: BTreeMap<_, _> = terms(&original, &schema)
        .into_iter()
        .filter(|((field, term), _)| term.is_none() && !keys.contains(&field.as_str()))
        .collect();
    let mut writer: IndexWriter = original.writer_with_num_threads(1, 50_000_000).unwrap();
    writer.delete_term(Term::from_field_text(fields.kind, manifest::FILE_KIND));
    writer.commit().unwrap();
    let segments = original.searchable_segment_ids().unwrap();
    writer.merge(&segments).wait().unwrap();
    writer.wait_merging_threads().unwrap();
    assert_eq!(stored(&again, &fields), stored(&original, &fields));
    let without_key_totals = |all: BTreeMap<(String, Option<Vec<u8>>), u64>| {
        all.into_iter()
            .filter(|((field, term), _)| term.is_some() || !keys.contains(&field.as_str()))
            .collect::<BTreeMap<_, _>>()
    };
    let theirs = without_key_totals(terms(&again, &schema));
    let mut ours = terms(&original, &schema);
    ours.retain(|(_, term), _| term.is_some());
    ours.extend(totals);
    let differing: Vec<_> = ours
        .iter()
        .filter(|(k, v)| theirs.get(*k) != Some(*v))
        .map(|((field, term), _)| (field.as_str(), term.as_deref().map(String::from_utf8_lossy)))
        .take(5)
        .collect();
    assert!(differing.is_empty(), "terms differ: {differing:?}");
    assert_eq!(theirs.len(), ours.len());
    // The copy is there to compare, and words and their stems are: all hold terms.
    let stem = |t: &Option<Vec<u8>>| {
        t.as_deref()
            .and_then(|t| std::str::from_utf8(t).ok())
            .is_some_and(scrutiny::analysis::is_marked_stem)
    };
    assert!(
        ours.keys().any(|(f, t)| f == "question" && stem(t)),
        "stems"
    );
    for copy in ["setting", "question", "text", "item_words"] {
        assert!(ours.keys().any(|(f, t)| f == copy && t.is_some()), "{copy}");
    }
}
