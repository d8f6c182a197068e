//! Item titles, indexed once per item and matched for each of its records.
//!
//! An agenda item's title is stored on each of its records, for display, but indexed
//! (`item_words`) only on its first record: indexed on every exchange it was a tenth of the
//! tokens of an index run on the seed's layout, 18 exchanges under one title. A match on the
//! title must still find every record of the item, as it did.
//!
//! Each file's records go to the index in one batch, so an item's records hold consecutive
//! document ids in a segment (merges keep the order), numbered 1, 2, ... from its first; a
//! discussion record is an item of one. [`ItemSpread`] gives, for each first record its query
//! matches, that record and the ones after it in the item, each with the match's score; the
//! `number` fast column tells where an item ends and, from any record, where it began.
//!
//! BM25 would read a title's words as rarer, and its length as longer against the field's
//! average, than when every record held it: [`SpreadStatistics`] gives the statistics as if
//! every record still held its item's title.

use tantivy::columnar::Column;
use tantivy::query::{Bm25StatisticsProvider, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Field;
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, Term, TERMINATED};

/// The records of the items whose first record matches `inner`.
#[derive(Debug)]
pub struct ItemSpread {
    inner: Box<dyn Query>,
}

impl Clone for ItemSpread {
    fn clone(&self) -> Self {
        ItemSpread {
            inner: self.inner.box_clone(),
        }
    }
}

impl ItemSpread {
    /// `inner` must search a field held on items' first records only (`item_words`).
    pub fn new(inner: Box<dyn Query>) -> ItemSpread {
        ItemSpread { inner }
    }
}

impl Query for ItemSpread {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(SpreadWeight {
            inner: self.inner.weight(scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct SpreadWeight {
    inner: Box<dyn Weight>,
}

impl Weight for SpreadWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inner = self.inner.scorer(reader, boost)?;
        // An index without exchanges has no `number` column: every record is an item of one.
        let numbers = reader.fast_fields().u64("number").ok();
        Ok(Box::new(SpreadScorer::new(
            inner,
            numbers,
            reader.max_doc(),
        )))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is in no item whose title matches"
            )));
        }
        Ok(Explanation::new(
            "the title of the record's item",
            scorer.score(),
        ))
    }
}

struct SpreadScorer {
    inner: Box<dyn Scorer>,
    numbers: Option<Column<u64>>,
    max_doc: DocId,
    /// The record given now, and one past the last record of its item.
    doc: DocId,
    end: DocId,
    /// The score of the item's first record.
    score: Score,
}

impl SpreadScorer {
    fn new(inner: Box<dyn Scorer>, numbers: Option<Column<u64>>, max_doc: DocId) -> Self {
        let mut scorer = SpreadScorer {
            inner,
            numbers,
            max_doc,
            doc: TERMINATED,
            end: TERMINATED,
            score: 0.0,
        };
        let first = scorer.inner.doc();
        scorer.start_item(first);
        scorer
    }

    fn number(&self, doc: DocId) -> Option<u64> {
        self.numbers.as_ref().and_then(|column| column.first(doc))
    }

    /// Starts giving the records of the item whose first record is `first` (an inner match).
    fn start_item(&mut self, first: DocId) -> DocId {
        self.doc = first;
        if first == TERMINATED {
            self.end = TERMINATED;
            return TERMINATED;
        }
        self.score = self.inner.score();
        let mut end = first + 1;
        if self.number(first) == Some(1) {
            let mut next = 2;
            while end < self.max_doc && self.number(end) == Some(next) {
                end += 1;
                next += 1;
            }
        }
        self.end = end;
        first
    }

    /// The first record of the item `doc` belongs to.
    fn item_start(&self, doc: DocId) -> DocId {
        match self.number(doc) {
            Some(n) if n >= 1 && n - 1 <= u64::from(doc) => doc - (n - 1) as DocId,
            _ => doc,
        }
    }
}

impl DocSet for SpreadScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        if self.doc + 1 < self.end {
            self.doc += 1;
            return self.doc;
        }
        let next = self.inner.advance();
        self.start_item(next)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc == TERMINATED || target <= self.doc {
            return self.doc;
        }
        if target < self.end {
            self.doc = target;
            return target;
        }
        // The first match whose item reaches `target`: none before the item `target` is in.
        let mut first = self.inner.seek(self.item_start(target));
        while first != TERMINATED {
            self.start_item(first);
            if self.end > target {
                self.doc = first.max(target);
                return self.doc;
            }
            first = self.inner.advance();
        }
        self.start_item(TERMINATED)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for SpreadScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}

/// A searcher's BM25 statistics, but for `field` (held on items' first records only) as if
/// every record held its item's: its token count and each of its terms' document counts
/// multiplied by the records per item (the searcher's documents over its items, which are the
/// distinct `item_id`s of its segments).
pub struct SpreadStatistics<'a> {
    searcher: &'a Searcher,
    field: Field,
    records_per_item: f64,
}

impl<'a> SpreadStatistics<'a> {
    pub fn new(searcher: &'a Searcher, field: Field, item_id: Field) -> tantivy::Result<Self> {
        let mut items = 0;
        for segment in searcher.segment_readers() {
            items += segment.inverted_index(item_id)?.terms().num_terms();
        }
        let records_per_item = (searcher.num_docs() as f64 / items.max(1) as f64).max(1.0);
        Ok(SpreadStatistics {
            searcher,
            field,
            records_per_item,
        })
    }

    fn spread(&self, n: u64) -> u64 {
        (n as f64 * self.records_per_item).round() as u64
    }
}

impl Bm25StatisticsProvider for SpreadStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let n = self.searcher.total_num_tokens(field)?;
        Ok(if field == self.field {
            self.spread(n)
        } else {
            n
        })
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let n = self.searcher.doc_freq(term)?;
        let spread = if term.field() == self.field {
            self.spread(n).min(self.searcher.num_docs())
        } else {
            n
        };
        Ok(spread)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;
    use crate::model::{Kind, Record};
    use crate::pair_words::PairWords;
    use crate::schema::{self, Fields};
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::{Index, IndexWriter};

    fn record(item: &str, number: Option<u32>, question: &str) -> Record {
        Record {
            id: String::new(),
            kind: if number.is_some() {
                Kind::Exchange
            } else {
                Kind::Discussion
            },
            item_id: item.to_string(),
            source: "a.md".into(),
            council: None,
            committee: None,
            date: None,
            item: Some(item.to_string()),
            item_number: None,
            number,
            page: None,
            question: number.map(|_| question.to_string()),
            response: None,
            asker: None,
            responder: None,
            supplementary: false,
            text: number.is_none().then(|| question.to_string()),
            purpose: None,
            context: None,
            resolutions: None,
        }
    }

    /// Items in one segment: "Think Family" (3 exchanges), a discussion "Think again", "Libraries"
    /// (2 exchanges), "Think Family review" (1 exchange).
    fn index() -> (Index, Fields) {
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        analysis::register(&index, &PairWords::All);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let records = [
            record("Think Family", Some(1), "first question"),
            record("Think Family", Some(2), "second question"),
            record("Think Family", Some(3), "third question"),
            record("Think again", None, "a discussion"),
            record("Libraries", Some(1), "first question"),
            record("Libraries", Some(2), "second question"),
            record("Think Family review", Some(1), "second question"),
        ];
        for r in &records {
            writer.add_document(fields.to_document(r, "a.md")).unwrap();
        }
        writer.commit().unwrap();
        (index, fields)
    }

    fn term(field: Field, word: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, word),
            IndexRecordOption::WithFreqs,
        ))
    }

    fn matches(index: &Index, query: &dyn Query) -> Vec<(DocId, Score)> {
        let searcher = index.reader().unwrap().searcher();
        let mut found: Vec<(DocId, Score)> = searcher
            .search(query, &TopDocs::with_limit(100).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(score, address)| (address.doc_id, score))
            .collect();
        found.sort_by_key(|&(doc, _)| doc);
        found
    }

    #[test]
    fn a_title_match_stands_for_every_record_of_its_item() {
        let (index, fields) = index();
        // The title is indexed on first records only...
        let alone = matches(&index, &*term(fields.item_words, "think"));
        assert_eq!(alone.iter().map(|m| m.0).collect::<Vec<_>>(), [0, 3, 6]);
        // ... and stands for each record of the item, with the first record's score.
        let spread = matches(&index, &ItemSpread::new(term(fields.item_words, "think")));
        let docs: Vec<DocId> = spread.iter().map(|m| m.0).collect();
        assert_eq!(docs, [0, 1, 2, 3, 6]);
        assert_eq!(spread[0].1, spread[1].1);
        assert_eq!(spread[1].1, spread[2].1);
        let libraries = matches(
            &index,
            &ItemSpread::new(term(fields.item_words, "libraries")),
        );
        assert_eq!(libraries.iter().map(|m| m.0).collect::<Vec<_>>(), [4, 5]);
    }

    #[test]
    fn a_title_match_joins_other_clauses_by_seeking() {
        let (index, fields) = index();
        // "think" in the title and "second" in the question: the second exchange of Think
        // Family (reached by seeking into the item) and Think Family review's only exchange.
        let both = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(ItemSpread::new(term(fields.item_words, "think"))) as Box<dyn Query>,
            ),
            (Occur::Must, term(fields.question, "second")),
        ]);
        let docs: Vec<DocId> = matches(&index, &both).iter().map(|m| m.0).collect();
        assert_eq!(docs, [1, 6]);
        let searcher = index.reader().unwrap().searcher();
        let explained = ItemSpread::new(term(fields.item_words, "think"))
            .explain(&searcher, tantivy::DocAddress::new(0, 2))
            .unwrap();
        assert!(explained.value() > 0.0);
        assert!(ItemSpread::new(term(fields.item_words, "think"))
            .explain(&searcher, tantivy::DocAddress::new(0, 4))
            .is_err());
    }

    #[test]
    fn statistics_count_the_title_once_per_record() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        let stats = SpreadStatistics::new(&searcher, fields.item_words, fields.item_id).unwrap();
        // 7 records in 4 items.
        assert_eq!(stats.records_per_item, 7.0 / 4.0);
        let think = Term::from_field_text(fields.item_words, "think");
        assert_eq!(searcher.doc_freq(&think).unwrap(), 3);
        assert_eq!(stats.doc_freq(&think).unwrap(), 5);
        let other = Term::from_field_text(fields.question, "second");
        assert_eq!(
            stats.doc_freq(&other).unwrap(),
            searcher.doc_freq(&other).unwrap()
        );
    }
}
