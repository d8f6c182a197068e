//! `scrutiny export`: every record of an index, one JSON object per line, keyed by the schema's
//! field names, for ingestion into another engine (`schema/quickwit.yaml`).
//!
//! The export streams: one segment at a time, one document at a time, so an archive of millions
//! of records needs no more memory than its manifest (an entry per file, for each file's root)
//! and its largest segment's key runs (below). Each line carries every field of the schema,
//! `null` where the record has no value:
//!
//! - stored fields as stored;
//! - the fields indexed as copies of stored text (`item_words`, `setting`) rebuilt by
//!   [`Fields::record_values`], the function `to_document` indexes with, so the export
//!   re-ingests into an equivalent index;
//! - the keys, which are indexed but not stored and are no copy of anything stored: `file_key`
//!   read back from the inverted index, and `root_key` from the file's manifest entry (records
//!   do not carry it).
//!
//! `id` is written as its 16 hex digits, as users see it, though the index holds the number.

use crate::error::{Error, Result};
use crate::manifest;
use crate::schema::{self, FieldValue, Fields};
use crate::store::{self, Store};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::io::{self, Write};
use tantivy::schema::{Field, IndexRecordOption, Schema, Value};
use tantivy::termdict::TermOrdinal;
use tantivy::{DocId, DocSet, SegmentReader, TantivyDocument, TERMINATED};

/// Decompressed store blocks kept while reading a segment. Documents are read in order, so one
/// block is read once; a second covers a document that straddles the read position.
const STORE_BLOCKS_CACHED: usize = 2;

/// Writes every live record of the index to `out` as JSON Lines; returns how many.
///
/// Write failures come back as [`Error::Output`] (a closed pipe is the caller's to forgive);
/// failures to read the index name its folder.
pub fn ndjson(store: &Store, out: &mut dyn Write) -> Result<u64> {
    let tantivy_err = store::tantivy_err(&store.dir);
    let read_err = |source: io::Error| Error::Io {
        path: store.dir.clone(),
        source,
    };
    // A fixed snapshot (the store's reader does not reload): an index run that commits during
    // the export does not change what it writes.
    let searcher = store.searcher()?;
    let schema = store.index.schema();
    let fields = &store.fields;
    // Segments in the order of their ids, documents in theirs: the same index always exports
    // the same lines in the same order (the index's own list of segments orders equal sizes
    // as it happens to).
    let mut segments: Vec<&SegmentReader> = searcher.segment_readers().iter().collect();
    segments.sort_unstable_by_key(|segment| segment.segment_id());
    // Each file's root, from its manifest document: one entry per file, not per record.
    let manifest = manifest::read_from(&searcher, fields, &store.dir)?;
    let mut written = 0;
    for segment in segments {
        let docs = segment
            .get_store_reader(STORE_BLOCKS_CACHED)
            .map_err(read_err)?;
        let mut files = Keys::read(segment, fields.file_key).map_err(&tantivy_err)?;
        for doc_id in segment.doc_ids_alive() {
            let doc: TantivyDocument = docs.get(doc_id).map_err(&tantivy_err)?;
            if doc.get_first(fields.kind).and_then(|v| v.as_str()) == Some(manifest::FILE_KIND) {
                continue; // the index's bookkeeping, not a record
            }
            let record = fields.to_record(&doc);
            let mut line = Line::new(&schema);
            fields.record_values(&record, |field, value| line.add(fields, field, value));
            if let Some(key) = files.at(doc_id).map_err(read_err)? {
                if let Some(file) = manifest.get(key) {
                    line.add(fields, fields.root_key, FieldValue::Text(&file.root_key));
                }
                line.add(fields, fields.file_key, FieldValue::Text(key));
            }
            serde_json::to_writer(&mut *out, &line).map_err(io::Error::from)?;
            out.write_all(b"\n")?;
            written += 1;
        }
    }
    Ok(written)
}

/// One line of the export: each schema field's values, by field id.
struct Line<'a> {
    schema: &'a Schema,
    values: Vec<Values<'a>>,
}

enum Values<'a> {
    None,
    One(FieldValue<'a>),
    /// A multi-valued field: always an array, even of one value, so readers see one type.
    Many(Vec<FieldValue<'a>>),
}

impl<'a> Line<'a> {
    fn new(schema: &'a Schema) -> Self {
        let values = schema.fields().map(|_| Values::None).collect();
        Line { schema, values }
    }

    fn add(&mut self, fields: &Fields, field: Field, value: FieldValue<'a>) {
        let slot = &mut self.values[field.field_id() as usize];
        match slot {
            Values::Many(all) => all.push(value),
            _ if fields.is_multi_valued(field) => *slot = Values::Many(vec![value]),
            // `record_values` gives a single-valued field one value.
            _ => *slot = Values::One(value),
        }
    }
}

impl Serialize for Line<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (field, entry) in self.schema.fields() {
            if !schema::is_exported(entry.name()) {
                continue;
            }
            map.serialize_entry(entry.name(), &self.values[field.field_id() as usize])?;
        }
        map.end()
    }
}

impl Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Values::None => s.serialize_none(),
            Values::One(v) => v.serialize(s),
            Values::Many(all) => {
                let mut seq = s.serialize_seq(Some(all.len()))?;
                for v in all {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
        }
    }
}

/// Dates as RFC 3339, which other engines parse (Quickwit's `input_formats: [rfc3339]`).
impl Serialize for FieldValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            FieldValue::Text(t) | FieldValue::Id(t) => s.serialize_str(t),
            FieldValue::Date(d) => s.serialize_str(&schema::rfc3339(d)),
            FieldValue::U64(n) => s.serialize_u64(n),
            FieldValue::Bool(b) => s.serialize_bool(b),
        }
    }
}

/// The values of a key field (indexed whole, `raw`, one per record, not stored) for one
/// segment's documents, read from its inverted index.
///
/// Each file's records go to the index in one batch, so they hold consecutive document ids, and
/// each key covers a few runs of ids: remembering runs rather than one key per document keeps
/// the memory to the number of files in the segment.
struct Keys {
    index: std::sync::Arc<tantivy::InvertedIndexReader>,
    /// Sorted by first document.
    runs: Vec<Run>,
    /// The first run that may hold the next document asked for (documents come in order).
    next: usize,
    /// The last key looked up, by its ordinal in the segment's term dictionary.
    current: Option<(TermOrdinal, String)>,
}

struct Run {
    /// First document and one past the last.
    start: DocId,
    end: DocId,
    key: TermOrdinal,
}

impl Keys {
    fn read(segment: &SegmentReader, field: Field) -> tantivy::Result<Keys> {
        let index = segment.inverted_index(field)?;
        let mut runs: Vec<Run> = Vec::new();
        let mut terms = index.terms().stream()?;
        while terms.advance() {
            let key = terms.term_ord();
            let mut postings =
                index.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                match runs.last_mut() {
                    Some(run) if run.key == key && run.end == doc => run.end = doc + 1,
                    _ => runs.push(Run {
                        start: doc,
                        end: doc + 1,
                        key,
                    }),
                }
                doc = postings.advance();
            }
        }
        runs.sort_unstable_by_key(|run| run.start);
        Ok(Keys {
            index,
            runs,
            next: 0,
            current: None,
        })
    }

    /// The key of `doc`, which must not come before the document last asked for.
    fn at(&mut self, doc: DocId) -> io::Result<Option<&str>> {
        while self.runs.get(self.next).is_some_and(|run| run.end <= doc) {
            self.next += 1;
        }
        let Some(run) = self.runs.get(self.next).filter(|run| run.start <= doc) else {
            return Ok(None);
        };
        if self.current.as_ref().map(|(key, _)| *key) != Some(run.key) {
            let mut bytes = Vec::new();
            self.index.terms().ord_to_term(run.key, &mut bytes)?;
            // Keys are paths, written as UTF-8 text.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.current = Some((run.key, text));
        }
        Ok(self.current.as_ref().map(|(_, text)| text.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;
    use crate::model::{Date, Kind, Record};
    use crate::pair_words::PairWords;
    use serde_json::{json, Value};
    use std::ops::Bound;
    use tantivy::query::RangeQuery;
    use tantivy::{Index, IndexWriter, Term};

    fn record(id: &str, number: Option<u32>) -> Record {
        let text = |s: &str| Some(s.to_string());
        Record {
            id: format!("{id:0>16}"),
            kind: if number.is_some() {
                Kind::Exchange
            } else {
                Kind::Discussion
            },
            item_id: "item-4".into(),
            source: "hollowmere/2023-06-14.md".into(),
            council: text("Hollowmere Borough Council"),
            committee: text("Audit Committee"),
            date: Date::from_ymd(2023, 6, 14),
            item: text("Internal audit plan"),
            item_number: text("4"),
            number,
            page: None,
            question: number.map(|n| format!("Question {n} about the audit plan?")),
            response: number.map(|n| format!("Response {n}.")),
            asker: None,
            responder: None,
            supplementary: number == Some(2),
            text: if number.is_none() {
                text("Apologies were received.")
            } else {
                None
            },
            purpose: text("To approve the plan."),
            context: text("The Chief Internal Auditor presented the plan."),
            resolutions: None,
        }
    }

    /// The manifest document of a file indexed under `root`.
    fn file_document(fields: &Fields, root: &str, file: &str) -> TantivyDocument {
        let entry = manifest::Entry {
            size: 1,
            mtime: 0,
            hash: "hash".into(),
            place: file.into(),
            extraction: 0,
            exchanges: 0,
            discussions: 0,
        };
        manifest::document(
            fields,
            &manifest::Indexed {
                file_key: file.into(),
                root_key: root.into(),
                source: file.into(),
                entry,
            },
        )
    }

    /// An index in memory: two segments (one per commit), one record deleted after.
    fn index() -> Store {
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        analysis::register(&index, &PairWords::All);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let first = [record("a1", Some(1)), record("a2", Some(2))];
        for r in &first {
            writer
                .add_document(fields.to_document(r, "/archive/a.md"))
                .unwrap();
        }
        writer
            .add_document(file_document(&fields, "/archive", "/archive/a.md"))
            .unwrap();
        writer.commit().unwrap();
        let second = [record("b0", None), record("b1", Some(1))];
        for r in &second {
            writer
                .add_document(fields.to_document(r, "/other/b.md"))
                .unwrap();
        }
        writer
            .add_document(file_document(&fields, "/other", "/other/b.md"))
            .unwrap();
        writer.commit().unwrap();
        let b1 = Term::from_field_u64(fields.id, 0xb1);
        writer
            .delete_query(Box::new(RangeQuery::new(
                Bound::Included(b1.clone()),
                Bound::Included(b1),
            )))
            .unwrap();
        writer.commit().unwrap();
        Store::new(index, fields, std::path::Path::new("(memory)"), None)
    }

    fn export(store: &Store) -> Vec<Value> {
        let mut out = Vec::new();
        let n = ndjson(store, &mut out).unwrap();
        let lines: Vec<Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(n as usize, lines.len());
        lines
    }

    /// The exported line of the record with this id.
    fn line<'a>(lines: &'a [Value], id: &str) -> &'a Value {
        lines
            .iter()
            .find(|l| l["id"] == format!("{id:0>16}"))
            .unwrap()
    }

    #[test]
    fn every_field_of_every_live_record_segment_by_segment() {
        let store = index();
        let lines = export(&store);
        let ids: Vec<&str> = lines
            .iter()
            .map(|l| l["id"].as_str().unwrap().trim_start_matches('0'))
            .collect();
        // Each segment's records in the order they were added; the deleted b1 left out.
        assert!(
            ids == ["a1", "a2", "b0"] || ids == ["b0", "a1", "a2"],
            "{ids:?}"
        );
        assert_eq!(
            export(&store),
            lines,
            "the same index exports the same lines"
        );
        let schema = store.index.schema();
        let mut names: Vec<&str> = schema
            .fields()
            .map(|(_, e)| e.name())
            .filter(|name| schema::is_exported(name))
            .collect();
        names.sort_unstable();
        for line in &lines {
            // serde_json's map sorts its keys.
            let keys: Vec<&str> = line.as_object().unwrap().keys().map(|k| &**k).collect();
            assert_eq!(keys, names);
        }
    }

    #[test]
    fn copies_are_rebuilt_and_keys_read_back() {
        let lines = export(&index());
        let first = line(&lines, "a1");
        assert_eq!(first["question"], "Question 1 about the audit plan?");
        assert_eq!(first["item"], "Internal audit plan");
        assert_eq!(first["text"], Value::Null);
        assert_eq!(first["date"], "2023-06-14T00:00:00Z");
        assert_eq!(first["number"], 1);
        assert_eq!(first["page"], Value::Null);
        assert_eq!(first["supplementary"], false);
        assert_eq!(first["purpose"], "To approve the plan.");
        // The item's setting, indexed on its first exchange: an array, resolutions absent.
        assert_eq!(
            first["setting"],
            json!([
                "To approve the plan.",
                "The Chief Internal Auditor presented the plan."
            ])
        );
        assert_eq!(first["root_key"], "/archive");
        assert_eq!(first["file_key"], "/archive/a.md");

        // The second exchange: the item's setting is stored on the first record only.
        let second = line(&lines, "a2");
        assert_eq!(second["purpose"], Value::Null);
        assert_eq!(second["setting"], Value::Null);
        assert_eq!(second["supplementary"], true);

        // A discussion keeps its purpose but indexes no setting; its keys are its own file's.
        let discussion = line(&lines, "b0");
        assert_eq!(discussion["kind"], "discussion");
        assert_eq!(discussion["text"], "Apologies were received.");
        assert_eq!(discussion["purpose"], "To approve the plan.");
        assert_eq!(discussion["setting"], Value::Null);
        assert_eq!(discussion["number"], Value::Null);
        assert_eq!(discussion["file_key"], "/other/b.md");
        assert_eq!(discussion["root_key"], "/other");
    }

    #[test]
    fn keys_follow_runs_of_documents() {
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        analysis::register(&index, &PairWords::All);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // Files interleaved: runs of one, two and one document.
        for (id, file) in [
            ("c1", "/r/1"),
            ("c2", "/r/2"),
            ("c3", "/r/2"),
            ("c4", "/r/1"),
        ] {
            let r = record(id, Some(1));
            writer.add_document(fields.to_document(&r, file)).unwrap();
        }
        writer.commit().unwrap();
        let store = Store::new(index, fields, std::path::Path::new("(memory)"), None);
        let files: Vec<String> = export(&store)
            .iter()
            .map(|l| l["file_key"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(files, ["/r/1", "/r/2", "/r/2", "/r/1"]);
    }

    #[test]
    fn a_closed_output_is_an_output_error() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        match ndjson(&index(), &mut Closed) {
            Err(Error::Output(e)) => assert_eq!(e.kind(), io::ErrorKind::BrokenPipe),
            other => panic!("expected an output error, got {other:?}"),
        }
    }
}
