//! Search: the parsed query ([`crate::query`]), widened by synonyms, as tantivy clauses (words
//! by their stems, phrases and prefixes by the words as written, each field boosted), filters
//! on council, committee, asker, responder, date and kind, BM25 or date order, grouping by item,
//! the highlight ranges of the matched terms in each hit, and a suggestion when nothing matched.

use crate::analysis;
use crate::error::{Error, Result};
use crate::facets::{FacetCollector, Facets};
use crate::kinds::OnlyKind;
use crate::manifest;
use crate::model::{Date, Kind, Record};
use crate::pair_words::PairWords;
use crate::query::{self, Atom, Parsed, Target};
use crate::reads;
use crate::schema::{self, Fields};
use crate::spread::{ItemSpread, SpreadStatistics};
use crate::store::{self, Store};
use crate::suggest;
use crate::synonyms::Synonyms;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, DocAddress, Index, Order, Score, Searcher, TantivyDocument, Term};

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    pub query: String,
    pub limit: usize,
    pub council: Option<String>,
    pub committee: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub kind: Option<Kind>,
    pub asker: Option<String>,
    pub responder: Option<String>,
    pub sort: Sort,
    /// Terms that find each other; `None` means the bundled list.
    pub synonyms: Option<Synonyms>,
    /// One hit per agenda item (its best), with the count of the item's other matches.
    pub group_by_item: bool,
    /// Also count the matching exchanges by council, committee and year.
    pub facets: bool,
}

/// How many ranked matches grouping looks through for the best of each item.
const GROUP_WINDOW: usize = 2000;

/// The order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Latest meeting first; equal dates by relevance.
    Newest,
    /// Earliest meeting first; equal dates by relevance.
    Oldest,
}

/// Byte ranges (UTF-8, end exclusive) of matched terms in a hit's text fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Highlights {
    pub question: Vec<[usize; 2]>,
    pub response: Vec<[usize; 2]>,
    pub text: Vec<[usize; 2]>,
}

/// One ranked result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    #[serde(flatten)]
    pub record: Record,
    pub highlights: Highlights,
    /// With grouping: how many more of the item's records matched (among the first
    /// [`GROUP_WINDOW`] matches).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub more_in_item: Option<usize>,
}

/// The ranked hits, how many matched in all, and notes about the query for the user.
#[derive(Debug)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
    pub notes: Vec<String>,
    /// When nothing matched: the query with unknown words replaced by close known ones.
    pub suggestion: Option<String>,
    /// With `facets`: the matching exchanges counted by council, committee and year.
    pub facets: Option<Facets>,
}

/// The fields a query searches by default, and how much each counts towards a hit's score.
/// Questions say what an exchange is about, so they count most; the item's context counts a
/// little so an exchange can be found by the setting it sits in.
fn boosts(fields: &Fields) -> [(Field, f32); 5] {
    [
        (fields.question, 2.0),
        (fields.response, 1.0),
        (fields.text, 1.0),
        (fields.item_words, 1.0),
        (fields.setting, 0.15),
    ]
}

/// The fields a word without a field prefix searches (those `boosts` weighs);
/// `schema/quickwit.yaml` names the same as its default search fields, and a test holds them
/// together.
pub fn default_fields(fields: &Fields) -> Vec<Field> {
    boosts(fields).iter().map(|&(field, _)| field).collect()
}

/// Runs a search.
pub fn search(store: &Store, options: &SearchOptions) -> Result<Results> {
    let index = &store.index;
    let fields = &store.fields;
    let mut notes = Vec::new();

    let mut parsed = query::parse(&options.query);
    match &options.synonyms {
        Some(s) => s.expand(&mut parsed),
        None => Synonyms::bundled().expand(&mut parsed),
    }
    notes.extend(parsed.notes.iter().cloned());
    let built = build(store, &parsed, &mut notes);

    let mut clauses = built.clauses;
    for filter in filters(index, fields, options)? {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    let query = BooleanQuery::new(clauses);

    let tantivy_err = store::tantivy_err(&store.dir);
    let searcher = store.searcher()?;
    let shown = options.limit.max(1);
    let limit = if options.group_by_item {
        GROUP_WINDOW.max(shown)
    } else {
        shown
    };
    let by_date = |order: Order| {
        TopDocs::with_limit(limit).order_by((
            (SortByStaticFastValue::<DateTime>::for_field("date"), order),
            (SortBySimilarityScore, Order::Desc),
        ))
    };
    // Undated records come last in both orders (tantivy sorts a missing value last).
    let scores = |top: Vec<((Option<DateTime>, Score), DocAddress)>| {
        top.into_iter()
            .map(|((_, score), address)| (score, address))
            .collect::<Vec<_>>()
    };
    // What weighing the query reads from each segment (with the item counts the statistics
    // below read), read from all of them at once.
    if store.first_read() {
        let mut terms = Vec::new();
        query.query_terms(&mut |term, _| terms.push(term.clone()));
        let mut read: Vec<Field> = terms.iter().map(Term::field).collect();
        read.push(fields.item_id);
        read.sort_unstable();
        read.dedup();
        reads::prefetch_terms(&searcher, &read, &terms);
    }
    // One pass ranks, counts and (when asked) facets the matches, with item titles weighed as
    // if every record held its item's.
    let statistics = SpreadStatistics::new(&searcher, fields.item_words, fields.item_id)
        .map_err(&tantivy_err)?;
    let facet = options.facets.then_some(FacetCollector);
    let (top, total, facets) = match options.sort {
        // Counting only (a trend): nothing is ranked, so nothing is scored.
        _ if options.limit == 0 => searcher
            .search(&query, &OnlyKind::new(options.kind, (Count, facet)))
            .map(|(n, f)| (Vec::new(), n, f)),
        Sort::Relevance => searcher.search_with_statistics_provider(
            &query,
            &OnlyKind::new(
                options.kind,
                (TopDocs::with_limit(limit).order_by_score(), Count, facet),
            ),
            &statistics,
        ),
        Sort::Newest => searcher
            .search_with_statistics_provider(
                &query,
                &OnlyKind::new(options.kind, (by_date(Order::Desc), Count, facet)),
                &statistics,
            )
            .map(|(top, n, f)| (scores(top), n, f)),
        Sort::Oldest => searcher
            .search_with_statistics_provider(
                &query,
                &OnlyKind::new(options.kind, (by_date(Order::Asc), Count, facet)),
                &statistics,
            )
            .map(|(top, n, f)| (scores(top), n, f)),
    }
    .map_err(&tantivy_err)?;

    // (score, address, more matches from the same item)
    let top: Vec<(Score, DocAddress, Option<usize>)> = if options.group_by_item {
        // Items in the order of their best match.
        let mut items: Vec<(Score, DocAddress, usize)> = Vec::new();
        let mut position: HashMap<String, usize> = HashMap::new();
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(&tantivy_err)?;
            let item = doc
                .get_first(fields.item_id)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            match position.get(&item) {
                Some(&i) => items[i].2 += 1,
                None => {
                    position.insert(item, items.len());
                    items.push((score, address, 0));
                }
            }
        }
        items
            .into_iter()
            .take(shown)
            .map(|(score, address, more)| (score, address, Some(more)))
            .collect()
    } else {
        top.into_iter().map(|(s, a)| (s, a, None)).collect()
    };
    let mut hits = Vec::with_capacity(top.len());
    for (rank, (score, address, more_in_item)) in top.into_iter().enumerate() {
        let record = record_at(&searcher, fields, address).map_err(&tantivy_err)?;
        let highlights = Highlights {
            question: built
                .matched
                .ranges(index, fields.question, record.question.as_deref()),
            response: built
                .matched
                .ranges(index, fields.response, record.response.as_deref()),
            text: built
                .matched
                .ranges(index, fields.text, record.text.as_deref()),
        };
        hits.push(Hit {
            rank: rank + 1,
            score,
            record,
            highlights,
            more_in_item,
        });
    }
    if options.limit == 0 {
        hits.clear();
    }
    let suggestion = if total == 0 {
        suggest::did_you_mean(&searcher, fields, &options.query, &parsed).map_err(&tantivy_err)?
    } else {
        None
    };
    Ok(Results {
        hits,
        total,
        notes,
        suggestion,
        facets,
    })
}

/// A record in its setting: the record, with its item's setting filled in, and the item's
/// other records in document order.
#[derive(Debug, Serialize)]
pub struct Shown {
    pub record: Record,
    pub before: Option<Record>,
    pub after: Option<Record>,
    /// How many records the item holds.
    pub item_records: usize,
}

/// The record with this id, in its setting; `None` when the index holds no such id.
pub fn show(store: &Store, id: &str) -> Result<Option<Shown>> {
    let fields = &store.fields;
    let err = store::tantivy_err(&store.dir);
    let searcher = store.searcher()?;
    let Some(mut record) = record_by_id(&searcher, fields, id).map_err(&err)? else {
        return Ok(None);
    };
    // The item's records hold its setting (on the first): no second look-up.
    let item = item_records(&searcher, fields, &record.item_id).map_err(&err)?;
    if let Some(first) = item.iter().find(|r| r.number == Some(1)) {
        copy_setting(first.clone(), &mut record);
    }
    let at = item.iter().position(|r| r.id == record.id);
    Ok(Some(Shown {
        before: at.and_then(|i| i.checked_sub(1)).map(|i| item[i].clone()),
        after: at.and_then(|i| item.get(i + 1)).cloned(),
        item_records: item.len(),
        record,
    }))
}

/// The record at `address`, with its item's setting filled in.
fn record_at(searcher: &Searcher, fields: &Fields, address: DocAddress) -> tantivy::Result<Record> {
    let mut record = fields.to_record(&searcher.doc(address)?);
    item_setting(searcher, fields, &mut record)?;
    Ok(record)
}

/// Matches the record whose id is this number: a scan of the `id` fast column.
fn id_query(fields: &Fields, id: u64) -> RangeQuery {
    let term = Term::from_field_u64(fields.id, id);
    RangeQuery::new(Bound::Included(term.clone()), Bound::Included(term))
}

/// The record with this id (16 hex digits, as shown); `None` for text that is no record's id.
fn record_by_id(searcher: &Searcher, fields: &Fields, id: &str) -> tantivy::Result<Option<Record>> {
    let Some(number) = schema::id_number(id.trim()) else {
        return Ok(None);
    };
    let found = searcher.search(
        &id_query(fields, number),
        &TopDocs::with_limit(1).order_by_score(),
    )?;
    match found.first() {
        Some((_, address)) => Ok(Some(fields.to_record(&searcher.doc(*address)?))),
        None => Ok(None),
    }
}

/// An item's records, in document order.
fn item_records(
    searcher: &Searcher,
    fields: &Fields,
    item_id: &str,
) -> tantivy::Result<Vec<Record>> {
    let item = TermQuery::new(
        Term::from_field_text(fields.item_id, item_id),
        IndexRecordOption::Basic,
    );
    let mut records = Vec::new();
    for address in searcher.search(&item, &DocSetCollector)? {
        records.push(fields.to_record(&searcher.doc::<TantivyDocument>(address)?));
    }
    records.sort_by_key(|r| r.number);
    Ok(records)
}

/// The exchanges most like the one with this id (by the words of its question and response),
/// best first, leaving out the record itself; `None` when the index holds no such id.
pub fn similar(store: &Store, id: &str, limit: usize) -> Result<Option<Results>> {
    let fields = &store.fields;
    let err = store::tantivy_err(&store.dir);
    let searcher = store.searcher()?;
    let Some(record) = record_by_id(&searcher, fields, id).map_err(&err)? else {
        return Ok(None);
    };
    let id_number = schema::id_number(&record.id).unwrap_or_default();
    let like = like_query(store, &searcher, &record).map_err(&err)?;
    let query = BooleanQuery::new(vec![
        (Occur::Must, Box::new(like) as Box<dyn Query>),
        (Occur::MustNot, Box::new(id_query(fields, id_number))),
    ]);
    let (top, total) = searcher
        .search(
            &query,
            &OnlyKind::new(
                Some(Kind::Exchange),
                (TopDocs::with_limit(limit.max(1)).order_by_score(), Count),
            ),
        )
        .map_err(&err)?;
    let mut hits = Vec::new();
    for (rank, (score, address)) in top.into_iter().enumerate() {
        let record = record_at(&searcher, fields, address).map_err(&err)?;
        hits.push(Hit {
            rank: rank + 1,
            score,
            record,
            highlights: Highlights::default(),
            more_in_item: None,
        });
    }
    Ok(Some(Results {
        hits,
        total,
        notes: Vec::new(),
        suggestion: None,
        facets: None,
    }))
}

/// Most telling stems of a record, at most.
const LIKE_TERMS: usize = 30;

/// What a record is about, as a query for records like it: the stems of its question and
/// response (or a discussion's text), not its council, committee or ids, weighed by how often
/// it uses them and how rare they are in the archive (tf-idf, as tantivy's `MoreLikeThisQuery`
/// weighs terms); the [`LIKE_TERMS`] heaviest, each matching every word of its stem.
fn like_query(
    store: &Store,
    searcher: &Searcher,
    record: &Record,
) -> tantivy::Result<Box<dyn Query>> {
    let fields = &store.fields;
    let index = &store.index;
    let texts = [
        (fields.question, &record.question),
        (fields.response, &record.response),
        (fields.text, &record.text),
    ];
    let mut counts: HashMap<(Field, String), u32> = HashMap::new();
    let mut analyzer = analysis::words_analyzer();
    for (field, text) in texts {
        let Some(text) = text else { continue };
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            let word = token.text.as_str();
            if word.chars().count() < 3 || STOP_WORDS.contains(&word) {
                continue;
            }
            *counts.entry((field, analysis::stem(word))).or_default() += 1;
        }
    }
    let docs = searcher.num_docs() as f32;
    let mut weighed: Vec<(f32, Vec<Term>)> = Vec::with_capacity(counts.len());
    for ((field, stem), count) in counts {
        let terms = stem_terms(index, field, &stem);
        let mut df = 0;
        for term in &terms {
            df += searcher.doc_freq(term)?;
        }
        let idf = (1.0 + (docs - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
        weighed.push((count as f32 * idf, terms));
    }
    weighed.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    weighed.truncate(LIKE_TERMS);
    let should = weighed
        .into_iter()
        .flat_map(|(weight, terms)| {
            terms
                .into_iter()
                .map(move |term| -> (Occur, Box<dyn Query>) {
                    let q = TermQuery::new(term, IndexRecordOption::Basic);
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(q), weight)),
                    )
                })
        })
        .collect();
    Ok(Box::new(BooleanQuery::new(should)))
}

/// Words too common to say what an exchange is about.
const STOP_WORDS: [&str; 39] = [
    "the",
    "and",
    "that",
    "was",
    "were",
    "for",
    "with",
    "this",
    "had",
    "have",
    "has",
    "been",
    "would",
    "could",
    "which",
    "from",
    "they",
    "their",
    "there",
    "what",
    "when",
    "how",
    "said",
    "not",
    "are",
    "but",
    "all",
    "any",
    "its",
    "into",
    "also",
    "more",
    "than",
    "will",
    "asked",
    "whether",
    "council",
    "committee",
    "members",
];

/// Fills in the item's purpose, context and resolutions, which the index stores once per item,
/// on its first record.
pub fn item_setting(
    searcher: &Searcher,
    fields: &Fields,
    record: &mut Record,
) -> tantivy::Result<()> {
    if record.number.is_none_or(|n| n == 1) || record.item_id.is_empty() {
        return Ok(());
    }
    let item = TermQuery::new(
        Term::from_field_text(fields.item_id, &record.item_id),
        IndexRecordOption::Basic,
    );
    // An item holds tens of records at most; the first is the one numbered 1.
    let records = searcher.search(&item, &DocSetCollector)?;
    for address in records {
        let other = fields.to_record(&searcher.doc::<TantivyDocument>(address)?);
        if other.number == Some(1) {
            copy_setting(other, record);
            break;
        }
    }
    Ok(())
}

/// The item's purpose, context and resolutions, from its first record onto another.
fn copy_setting(first: Record, record: &mut Record) {
    record.purpose = first.purpose;
    record.context = first.context;
    record.resolutions = first.resolutions;
}

/// A parsed query as tantivy clauses, and what to highlight.
struct Built {
    clauses: Vec<(Occur, Box<dyn Query>)>,
    matched: Matched,
}

/// What the query's positive clauses match, for highlighting.
#[derive(Default)]
struct Matched {
    terms: HashSet<Term>,
    prefixes: Prefixes,
}

impl Matched {
    /// Byte ranges in `text` whose tokens (words, or their stems), as `field` indexes them, the
    /// query matched.
    fn ranges(&self, index: &Index, field: Field, text: Option<&str>) -> Vec<[usize; 2]> {
        let Some(text) = text else { return Vec::new() };
        let prefixes: Vec<&str> = self
            .prefixes
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, p)| p.as_str())
            .collect();
        if prefixes.is_empty() && !self.terms.iter().any(|t| t.field() == field) {
            return Vec::new();
        }
        let mut out: Vec<[usize; 2]> = Vec::new();
        for (range, token) in tokens(index, field, text) {
            if analysis::is_pair(&token) {
                continue; // its words are tokens of their own
            }
            if self.terms.contains(&Term::from_field_text(field, &token))
                || prefixes.iter().any(|p| token.starts_with(p))
            {
                out.push(range);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Prefixes (`famil*`) a query matches, lower-cased, by field.
type Prefixes = Vec<(Field, String)>;

/// The fields phrases and prefixes search, by the words as written, with the same weights
/// (`setting` holds stems only).
fn exact_boosts(fields: &Fields) -> [(Field, f32); 4] {
    [
        (fields.question, 2.0),
        (fields.response, 1.0),
        (fields.text, 1.0),
        (fields.item_words, 1.0),
    ]
}

fn build(store: &Store, parsed: &Parsed, notes: &mut Vec<String>) -> Built {
    let pair_words = store.indexed_pair_words();
    let mut matched = Matched::default();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for group in &parsed.groups {
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for atom in &group.any_of {
            match atom_query(&store.index, &store.fields, &pair_words, atom) {
                Some((q, atom_matched)) => {
                    if group.occur == query::Occur::Must {
                        matched.terms.extend(atom_matched.terms);
                        matched.prefixes.extend(atom_matched.prefixes);
                    }
                    any.push((Occur::Should, q));
                }
                None => notes.push(format!(
                    "nothing to search for in {}; it was ignored",
                    atom_text(atom)
                )),
            }
        }
        let q: Box<dyn Query> = match any.len() {
            0 => continue,
            1 => any.pop().unwrap().1,
            _ => Box::new(BooleanQuery::new(any)),
        };
        let occur = match group.occur {
            query::Occur::Must => Occur::Must,
            query::Occur::MustNot => Occur::MustNot,
        };
        clauses.push((occur, q));
    }
    if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
        // Only exclusions (or nothing): every record else. Not the index's manifest documents,
        // which only an all-documents query can match (they hold no text and no metadata).
        clauses.push((Occur::Must, Box::new(AllQuery)));
        clauses.push((Occur::MustNot, Box::new(manifest::file_docs(&store.fields))));
    }
    Built { clauses, matched }
}

fn atom_text(atom: &Atom) -> String {
    match atom {
        Atom::Word { text, .. } => format!("`{text}`"),
        Atom::Prefix { text, .. } => format!("`{text}*`"),
        Atom::Phrase { text, .. } => format!("\"{text}\""),
    }
}

/// The field a name target searches.
fn name_field(fields: &Fields, target: Target) -> Field {
    match target {
        Target::Asker => fields.asker,
        Target::Responder => fields.responder,
        Target::Council => fields.council,
        Target::Committee => fields.committee,
        Target::Question => fields.question,
        Target::Response => fields.response,
        Target::Item => fields.item_words,
    }
}

/// One atom as a query over the fields it searches (with their boosts), and the words and
/// prefixes it matches, for highlighting. `None` when the atom holds no searchable word.
fn atom_query(
    index: &Index,
    fields: &Fields,
    pair_words: &PairWords,
    atom: &Atom,
) -> Option<(Box<dyn Query>, Matched)> {
    let one = |f: Field| vec![(f, 1.0)];
    let (targets, text, slop): (Vec<(Field, f32)>, &str, u32) = match atom {
        Atom::Word { target, text } => (
            match target {
                None => boosts(fields).to_vec(),
                Some(t) => one(name_field(fields, *t)),
            },
            text,
            0,
        ),
        Atom::Phrase { target, text, slop } => (
            match target {
                None => exact_boosts(fields).to_vec(),
                Some(t) => one(name_field(fields, *t)),
            },
            text,
            *slop,
        ),
        Atom::Prefix { target, text } => {
            let targets = match target {
                None => exact_boosts(fields).to_vec(),
                Some(t) => one(name_field(fields, *t)),
            };
            let prefix = text.to_lowercase();
            // Not into a space: a pair of words is no word to complete.
            let pattern = format!("{}[^ ]*", regex::escape(&prefix));
            let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            let mut matched = Matched::default();
            for (field, boost) in targets {
                let q = spread(
                    fields,
                    field,
                    Box::new(RegexQuery::from_pattern(&pattern, field).ok()?),
                );
                should.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
                matched.prefixes.push((field, prefix.clone()));
            }
            return Some((Box::new(BooleanQuery::new(should)), matched));
        }
    };
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut matched = Matched::default();
    let is_word = matches!(atom, Atom::Word { .. });
    for (field, boost) in targets {
        // A word of one stem matches every word of its stem; anything else, the words as
        // written ("covid-19" as a phrase of two). Phrases are not stemmed at all.
        let stems = if is_word {
            stems(index, field, text)
        } else {
            Vec::new()
        };
        if let [stem] = stems.as_slice() {
            let terms = stem_terms(index, field, stem);
            matched.terms.extend(terms.iter().cloned());
            let term_query = |term: Term| -> Box<dyn Query> {
                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
            };
            if field == fields.item_words {
                // The title's terms spread together, once: each record of a matching item is
                // reached once, not once per term.
                let either: Vec<(Occur, Box<dyn Query>)> = terms
                    .into_iter()
                    .map(|term| (Occur::Should, term_query(term)))
                    .collect();
                let q = spread(fields, field, Box::new(BooleanQuery::new(either)));
                should.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
                continue;
            }
            // Each term a clause of its own, beside the other fields' (no nested query).
            for term in terms {
                let q = term_query(term);
                should.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
            }
            continue;
        }
        let words = words(index, field, text);
        let terms: Vec<Term> = words
            .iter()
            .map(|t| Term::from_field_text(field, t))
            .collect();
        matched.terms.extend(terms.iter().cloned());
        let q: Box<dyn Query> = match (terms.len(), fields.holds_pairs(field)) {
            (0, _) => continue,
            (1, _) => Box::new(TermQuery::new(
                terms.into_iter().next().unwrap(),
                IndexRecordOption::WithFreqs,
            )),
            (_, true) if slop == 0 => phrase_by_pairs(field, pair_words, &words, terms),
            _ => {
                let mut phrase = PhraseQuery::new(terms);
                phrase.set_slop(slop);
                Box::new(phrase)
            }
        };
        let q = spread(fields, field, q);
        should.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
    }
    match should.len() {
        0 => None,
        1 => Some((should.pop().unwrap().1, matched)),
        _ => Some((Box::new(BooleanQuery::new(should)), matched)),
    }
}

/// `q` over `field`, for every record it stands for: a match on an item's title (`item_words`,
/// held by its first record) stands for all the item's records.
fn spread(fields: &Fields, field: Field, q: Box<dyn Query>) -> Box<dyn Query> {
    if field == fields.item_words {
        Box::new(ItemSpread::new(q))
    } else {
        q
    }
}

/// An exact phrase of `words` (two or more, as `terms`, the words as written), found through the
/// word pairs `field` holds beside its words, where `pair_words` says it holds them. A pair of
/// two words is a term query, scored like a word. A longer phrase, or a pair that is not indexed (one of its
/// words is not common, so few records hold it), is its positions checked, only where all its
/// indexed pairs are, which the rarest leads; it scores as a phrase.
fn phrase_by_pairs(
    field: Field,
    pair_words: &PairWords,
    words: &[String],
    terms: Vec<Term>,
) -> Box<dyn Query> {
    let pair = |w: &[String]| Term::from_field_text(field, &analysis::pair_term(&w[0], &w[1]));
    let indexed: Vec<&[String]> = words
        .windows(2)
        .filter(|w| pair_words.indexes(&w[0], &w[1]))
        .collect();
    if words.len() == 2 && indexed.len() == 1 {
        return Box::new(TermQuery::new(pair(words), IndexRecordOption::WithFreqs));
    }
    let phrase: Box<dyn Query> = Box::new(PhraseQuery::new(terms));
    if indexed.is_empty() {
        return phrase;
    }
    let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, phrase)];
    for w in indexed {
        let q = TermQuery::new(pair(w), IndexRecordOption::Basic);
        must.push((
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(q), 0.0)),
        ));
    }
    Box::new(BooleanQuery::new(must))
}

fn filters(index: &Index, fields: &Fields, options: &SearchOptions) -> Result<Vec<Box<dyn Query>>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    let names = [
        (fields.council, "--council", &options.council),
        (fields.committee, "--committee", &options.committee),
        (fields.asker, "--asker", &options.asker),
        (fields.responder, "--responder", &options.responder),
    ];
    for (field, flag, value) in names {
        if let Some(value) = value {
            out.push(words_filter(index, field, flag, value)?);
        }
    }
    if options.from.is_some() || options.to.is_some() {
        let bound = |d: Option<Date>| match d {
            Some(d) => Bound::Included(Term::from_field_date(fields.date, schema::day_start(d))),
            None => Bound::Unbounded,
        };
        out.push(Box::new(RangeQuery::new(
            bound(options.from),
            bound(options.to),
        )));
    }
    Ok(out)
}

/// A filter matching the given words in order, case-insensitively: `--council marlbury`
/// matches "Marlbury County Council".
fn words_filter(index: &Index, field: Field, flag: &str, value: &str) -> Result<Box<dyn Query>> {
    let terms: Vec<Term> = tokens(index, field, value)
        .into_iter()
        .map(|(_, text)| Term::from_field_text(field, &text))
        .collect();
    match terms.len() {
        0 => Err(Error::Usage(format!(
            "{flag} needs at least one word, got {value:?}"
        ))),
        1 => Ok(Box::new(TermQuery::new(
            terms.into_iter().next().unwrap(),
            IndexRecordOption::Basic,
        ))),
        _ => Ok(Box::new(PhraseQuery::new(terms))),
    }
}

/// The tokens of `text` as `field` indexes them, with their byte ranges.
fn tokens(index: &Index, field: Field, text: &str) -> Vec<([usize; 2], String)> {
    match index.tokenizer_for_field(field) {
        Ok(mut analyzer) => analyzed(&mut analyzer, text),
        Err(_) => Vec::new(),
    }
}

/// The tokens `analyzer` makes of `text`, with their byte ranges.
fn analyzed(analyzer: &mut TextAnalyzer, text: &str) -> Vec<([usize; 2], String)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(([token.offset_from, token.offset_to], token.text.clone()));
    }
    out
}

/// The terms of `text`'s words as written (lower-cased) in `field`, in order: its tokens
/// without the stems a `WORDS_AND_STEMS` field adds and the pairs a `WORDS_STEMS_AND_PAIRS`
/// field adds (for `setting`, an `en_stem` field, the stems).
fn words(index: &Index, field: Field, text: &str) -> Vec<String> {
    tokens(index, field, text)
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| !analysis::is_marked_stem(t) && !analysis::is_pair(t))
        .collect()
}

/// The stems of `text`'s words, for a field that searches by stem (`WORDS_AND_STEMS` or
/// `STEMMED`); none for a field of names.
fn stems(index: &Index, field: Field, text: &str) -> Vec<String> {
    match tokenizer_name(index, field).as_deref() {
        Some(name) if analysis::marks_stems(name) || name == analysis::STEMMED => {
            analyzed(&mut analysis::stemming_analyzer(), text)
                .into_iter()
                .map(|(_, stem)| stem)
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The terms `field` holds for the words whose stem is `stem`.
fn stem_terms(index: &Index, field: Field, stem: &str) -> Vec<Term> {
    match tokenizer_name(index, field).as_deref() {
        Some(name) if analysis::marks_stems(name) => analysis::stem_terms(stem)
            .iter()
            .map(|t| Term::from_field_text(field, t))
            .collect(),
        _ => vec![Term::from_field_text(field, stem)],
    }
}

fn tokenizer_name(index: &Index, field: Field) -> Option<String> {
    match index.schema().get_field_entry(field).field_type() {
        tantivy::schema::FieldType::Str(options) => options
            .get_indexing_options()
            .map(|i| i.tokenizer().to_string()),
        _ => None,
    }
}
