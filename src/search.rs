//! Search: the user's query parsed leniently over question and response (question boosted),
//! filters on council, committee, date and kind, BM25 ranking, and the highlight ranges of the
//! matched terms in each hit.

use crate::error::{Error, Result};
use crate::model::{Date, Kind, Record};
use crate::schema::{self, Fields};
use crate::store::Store;
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Bound;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Searcher, TantivyDocument, Term};

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
}

/// The ranked hits, how many matched in all, and notes about the query for the user.
#[derive(Debug)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
    pub notes: Vec<String>,
}

/// The fields a query searches by default, and how much each counts towards a hit's score.
/// Questions say what an exchange is about, so they count most; the item's context counts a
/// little so an exchange can be found by the setting it sits in.
fn boosts(fields: &Fields) -> [(Field, f32); 5] {
    [
        (fields.question, 2.0),
        (fields.response, 1.0),
        (fields.text, 1.0),
        (fields.item, 0.5),
        (fields.setting, 0.3),
    ]
}

/// Runs a search.
pub fn search(store: &Store, options: &SearchOptions) -> Result<Results> {
    let index = &store.index;
    let fields = &store.fields;
    let mut notes = Vec::new();

    let user_query: Box<dyn Query> = if options.query.trim().is_empty() {
        Box::new(AllQuery)
    } else {
        let (query, errors) = query_parser(index, fields).parse_query_lenient(&options.query);
        for e in errors {
            notes.push(format!(
                "ignored part of the query ({e}); searched for the rest"
            ));
        }
        if has_wildcard(&options.query) {
            notes.push(
                "`*` wildcards are not supported yet: the word was searched without it".to_string(),
            );
        }
        query
    };
    let mut terms = HashSet::new();
    user_query.query_terms(&mut |term, _| {
        terms.insert(term.clone());
    });

    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user_query.box_clone())];
    for filter in filters(index, fields, options)? {
        clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
    }
    let query = BooleanQuery::new(clauses);

    let reader = index.reader().map_err(|source| Error::Tantivy {
        path: store.dir.clone(),
        source,
    })?;
    let searcher = reader.searcher();
    let limit = options.limit.max(1);
    let (top, total) = searcher
        .search(
            &query,
            &(TopDocs::with_limit(limit).order_by_score(), Count),
        )
        .map_err(|source| Error::Tantivy {
            path: store.dir.clone(),
            source,
        })?;

    let mut hits = Vec::with_capacity(top.len());
    for (rank, (score, address)) in top.into_iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(address).map_err(|source| Error::Tantivy {
            path: store.dir.clone(),
            source,
        })?;
        let mut record = fields.to_record(&doc);
        item_setting(&searcher, fields, &mut record).map_err(|source| Error::Tantivy {
            path: store.dir.clone(),
            source,
        })?;
        let highlights = Highlights {
            question: highlight(index, fields.question, record.question.as_deref(), &terms),
            response: highlight(index, fields.response, record.response.as_deref(), &terms),
            text: highlight(index, fields.text, record.text.as_deref(), &terms),
        };
        hits.push(Hit {
            rank: rank + 1,
            score,
            record,
            highlights,
        });
    }
    if options.limit == 0 {
        hits.clear();
    }
    Ok(Results { hits, total, notes })
}

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
            record.purpose = other.purpose;
            record.context = other.context;
            record.resolutions = other.resolutions;
            break;
        }
    }
    Ok(())
}

/// Whether the query has a word ending in `*` outside quoted phrases: tantivy reads `famil*`
/// as `famil` (a lone `*` means "everything" and is fine).
fn has_wildcard(query: &str) -> bool {
    query.split('"').step_by(2).any(|unquoted| {
        unquoted.char_indices().any(|(i, c)| {
            c == '*'
                && unquoted[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
        })
    })
}

fn query_parser(index: &Index, fields: &Fields) -> QueryParser {
    let boosts = boosts(fields);
    let mut parser = QueryParser::for_index(index, boosts.iter().map(|(f, _)| *f).collect());
    parser.set_conjunction_by_default();
    for (field, boost) in boosts {
        parser.set_field_boost(field, boost);
    }
    parser
}

fn filters(index: &Index, fields: &Fields, options: &SearchOptions) -> Result<Vec<Box<dyn Query>>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    if let Some(council) = &options.council {
        out.push(words_filter(index, fields.council, "--council", council)?);
    }
    if let Some(committee) = &options.committee {
        out.push(words_filter(
            index,
            fields.committee,
            "--committee",
            committee,
        )?);
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
    if let Some(kind) = options.kind {
        out.push(Box::new(TermQuery::new(
            Term::from_field_text(fields.kind, kind.as_str()),
            IndexRecordOption::Basic,
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
    let Ok(mut analyzer) = index.tokenizer_for_field(field) else {
        return Vec::new();
    };
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(([token.offset_from, token.offset_to], token.text.clone()));
    }
    out
}

/// Byte ranges in `text` whose tokens are among the query's terms for `field`.
fn highlight(
    index: &Index,
    field: Field,
    text: Option<&str>,
    terms: &HashSet<Term>,
) -> Vec<[usize; 2]> {
    let Some(text) = text else { return Vec::new() };
    if !terms.iter().any(|t| t.field() == field) {
        return Vec::new();
    }
    tokens(index, field, text)
        .into_iter()
        .filter(|(_, token)| terms.contains(&Term::from_field_text(field, token)))
        .map(|(range, _)| range)
        .collect()
}
