//! scrutiny: full-text search over UK local-government scrutiny minutes.
//!
//! The indexer walks folders of minutes and reports, finds every question-and-response
//! exchange with its meeting context, and builds a tantivy index; search returns ranked
//! exchanges with highlights and a citation back to the source.
//!
//! - [`extract`]: files to [`model::Record`]s (decoding, formats, segmenter, dates), no index.
//! - [`walk`] and [`provenance`]: which files to read, and what their location says.
//! - [`schema`]: the tantivy schema, defined once; [`analysis`]: its tokenizers;
//!   [`pair_words`]: the common words whose pairs are indexed for phrases; [`store`]: where the
//!   index lives.
//! - [`index`]: walk -> extract (rayon) -> one shared `IndexWriter`, re-reading only new and
//!   changed files and committing at intervals; [`manifest`]: what the index holds, file by file.
//! - [`query`]: the query language, read leniently; [`synonyms`]: terms that find each other;
//!   [`search`]: queries, filters, ranking, highlights -> hits; [`suggest`]: did you mean;
//!   [`facets`]: counts by council, committee and year; [`trend`]: those counts as charts.
//! - [`output`]: printers for hits, records and summaries; [`snippet`]: which fragments of a
//!   long text a hit shows; [`export`]: the whole index as JSON Lines keyed by the schema's
//!   field names, for ingestion elsewhere.
//! - [`eval`]: extraction measured against hand labels.
//! - [`relevance`]: search measured against judged queries (nDCG@k).
//! - [`cli`] and [`commands`]: the command line and one function per subcommand.

pub mod analysis;
pub mod cli;
pub mod commands;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod facets;
pub mod index;
pub mod kinds;
pub mod manifest;
pub mod model;
pub mod output;
pub mod pair_words;
pub mod provenance;
pub mod query;
pub mod reads;
pub mod relevance;
pub mod schema;
pub mod search;
pub mod snippet;
pub mod spread;
pub mod store;
pub mod suggest;
pub mod synonyms;
pub mod trend;
pub mod walk;
