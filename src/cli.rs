//! The command line, declared with clap derive. Each `///` doc is the option's `--help` text.

use crate::model::{Date, Kind};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Full-text search over UK local-government scrutiny minutes: every question put to a
/// committee and the response it got, ranked, highlighted and cited.
#[derive(Debug, Parser)]
#[command(name = "scrutiny", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index folders (or files) of minutes: text, Markdown, HTML, Word and PDF.
    ///
    /// Indexing a folder again reads only its new and changed files and removes the records of
    /// files deleted from it (--rebuild starts over). Progress is committed as it goes: Ctrl-C
    /// stops cleanly, and running the same command again picks up the rest.
    Index(IndexArgs),
    /// Search the index for exchanges.
    Search(SearchArgs),
    /// Print what would be indexed from files or folders, touching no index.
    Extract(ExtractArgs),
    /// Show one record in its setting: the item, its introduction, the exchanges before and
    /// after, its resolutions, the source and page.
    Show(ShowArgs),
    /// The exchanges most like this one, across councils and years.
    Similar(SimilarArgs),
    /// Counts of matching exchanges by year, month, council or committee: terminal bars, CSV,
    /// JSON, or an SVG chart.
    Trend(TrendArgs),
    /// Write every record of the index as JSON Lines keyed by the schema's field names, for an
    /// archive that outgrows one machine (see schema/quickwit.yaml).
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Ndjson)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub location: IndexLocation,
}

/// Output formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Newline-delimited JSON: one object per record, every field of the schema, null where
    /// the record has no value; dates in RFC 3339.
    Ndjson,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// The query, as for `search`.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// What to count by.
    #[arg(long, value_enum, default_value_t = TrendBy::Year)]
    pub by: TrendBy,
    #[command(flatten)]
    pub scope: Scope,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TrendFormat::Text)]
    pub format: TrendFormat,
    /// Also write the chart as an SVG file, for a report.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    #[command(flatten)]
    pub location: IndexLocation,
}

/// What `trend` counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrendBy {
    Year,
    Month,
    Council,
    Committee,
}

/// Output formats of `trend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrendFormat {
    /// Bars in the terminal.
    Text,
    /// CSV: bucket,count.
    Csv,
    /// A JSON array of {"bucket", "count"}.
    Json,
}

/// Where and when: the filters `search` and `trend` share.
#[derive(Debug, Args)]
pub struct Scope {
    /// Only this council (words in order, any case: "marlbury" matches "Marlbury County Council").
    #[arg(long)]
    pub council: Option<String>,
    /// Only this committee (words in order, any case).
    #[arg(long)]
    pub committee: Option<String>,
    /// Only meetings on or after this date: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long, value_name = "DATE", value_parser = parse_from)]
    pub from: Option<Date>,
    /// Only meetings on or before this date: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long, value_name = "DATE", value_parser = parse_to)]
    pub to: Option<Date>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The record's id, as search prints it.
    #[arg(value_name = "ID")]
    pub id: String,
    /// Output format (json: the record, its setting and its neighbours, one object).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub location: IndexLocation,
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// The record's id, as search prints it.
    #[arg(value_name = "ID")]
    pub id: String,
    /// How many similar exchanges to print.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    #[command(flatten)]
    pub output: HitsOutput,
    #[command(flatten)]
    pub location: IndexLocation,
}

/// How hits are printed: `search` and `similar` share it.
#[derive(Debug, Args)]
pub struct HitsOutput {
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
    pub format: SearchFormat,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

#[derive(Debug, Args)]
pub struct IndexLocation {
    /// The index folder [default: ~/.local/share/scrutiny/index, or SCRUTINY_INDEX].
    #[arg(long, value_name = "PATH", env = "SCRUTINY_INDEX")]
    pub index: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReadOptions {
    /// Skip files larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 100)]
    pub max_filesize: u64,
    /// Follow symbolic links (loops are reported, not followed).
    #[arg(long, short = 'L')]
    pub follow: bool,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders or files to index.
    #[arg(required = true, value_name = "DIR")]
    pub roots: Vec<PathBuf>,
    #[command(flatten)]
    pub location: IndexLocation,
    #[command(flatten)]
    pub read: ReadOptions,
    /// The indexer's memory budget in megabytes (at least 15 per indexing thread). More is
    /// faster on small archives, where it saves merging.
    #[arg(long, value_name = "MB", default_value_t = crate::index::DEFAULT_MEMORY_MB)]
    pub memory: usize,
    /// Start over: drop everything the index holds (also an index that is damaged or was
    /// built by another version), read every file again, and choose again the common words
    /// whose pairs make phrases fast. Without it, only new and changed files are read and the
    /// records of deleted files removed.
    #[arg(long)]
    pub rebuild: bool,
    /// Commit after reading this many megabytes, so a stopped run keeps its progress.
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub commit_every: u64,
    /// Also commit when this many seconds have passed since the last commit.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub commit_interval: u64,
    /// Print no progress bar and no summary (skipped files are still reported on stderr).
    #[arg(long, short)]
    pub quiet: bool,
    /// Exit with status 1 when any file was skipped.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (all must match, stemmed), "exact phrases", "near words"~3, prefix*,
    /// OR, -word, -"phrase", and question:, response:, asker:, responder:, council:,
    /// committee: before a word or phrase. A query may start with `-`.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    /// How many hits to print.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    #[command(flatten)]
    pub scope: Scope,
    /// Only questions asked by this person (words in order, any case: "shah" matches
    /// "Councillor Priya Shah").
    #[arg(long, value_name = "NAME")]
    pub asker: Option<String>,
    /// Only responses given by this person or role ("director of public health").
    #[arg(long, value_name = "NAME")]
    pub responder: Option<String>,
    /// Only records of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// A file of extra synonyms, added to the bundled list (one group per line, forms
    /// separated by commas; see schema/synonyms.txt).
    #[arg(long, value_name = "FILE", env = "SCRUTINY_SYNONYMS")]
    pub synonyms: Option<PathBuf>,
    /// Also count the matching exchanges by council, committee and year.
    #[arg(long)]
    pub facets: bool,
    /// One hit per agenda item of a meeting: its best match, with how many more matched.
    #[arg(long, value_enum, value_name = "BY")]
    pub group: Option<GroupBy>,
    /// Order of hits; undated records come last when sorting by date.
    #[arg(long, value_enum, default_value_t = SortBy::Relevance)]
    pub sort: SortBy,
    #[command(flatten)]
    pub output: HitsOutput,
    #[command(flatten)]
    pub location: IndexLocation,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to extract from.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Only records of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    #[command(flatten)]
    pub read: ReadOptions,
}

/// Output formats of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// Readable blocks, matched terms highlighted.
    Text,
    /// JSON Lines: one object per hit, with highlight ranges.
    Json,
    /// CSV: one row per hit (date, council, committee, item, asker, responder, question,
    /// response, source, page, id ...).
    Csv,
    /// A Markdown briefing grouped by meeting, each exchange with its citation.
    Markdown,
}

/// What `--group` collapses hits by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    /// The agenda item of a meeting: its best exchange, and the count of the others.
    Meeting,
}

/// Orders of search hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    /// Best match first.
    Relevance,
    /// Latest meeting first (equal dates: best match first).
    Newest,
    /// Earliest meeting first (equal dates: best match first).
    Oldest,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable blocks.
    Text,
    /// JSON Lines: one object per line.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when printing to a terminal and NO_COLOR is unset.
    Auto,
    Always,
    Never,
}

/// A date, or the first day of a month or year.
fn parse_from(s: &str) -> Result<Date, String> {
    parse_date(s, false)
}

/// A date, or the last day of a month or year.
fn parse_to(s: &str) -> Result<Date, String> {
    parse_date(s, true)
}

fn parse_date(s: &str, end_of_period: bool) -> Result<Date, String> {
    let bad =
        || format!("{s:?} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY (for example 2017-03-07)");
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let date = match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            if end_of_period {
                Date::from_ymd(y, 12, 31)
            } else {
                Date::from_ymd(y, 1, 1)
            }
        }
        [y, m] if y.len() == 4 => {
            let (y, m) = (num(y)? as i32, num(m)?);
            let first = Date::from_ymd(y, m, 1).ok_or_else(bad)?;
            if end_of_period {
                let next = first
                    .0
                    .replace_day(28)
                    .ok()
                    .and_then(|d| d.checked_add(time::Duration::days(4)));
                next.and_then(|d| d.replace_day(1).ok())
                    .and_then(|d| d.previous_day())
                    .map(Date)
            } else {
                Some(first)
            }
        }
        [_, _, _] => Date::parse_iso(s.trim()),
        _ => None,
    };
    date.ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_cover_their_period() {
        assert_eq!(parse_from("2017").unwrap().to_string(), "2017-01-01");
        assert_eq!(parse_to("2017").unwrap().to_string(), "2017-12-31");
        assert_eq!(parse_to("2024-02").unwrap().to_string(), "2024-02-29");
        assert_eq!(parse_to("2023-12").unwrap().to_string(), "2023-12-31");
        assert_eq!(parse_from("2017-03-07").unwrap().to_string(), "2017-03-07");
        assert!(parse_from("7 March 2017")
            .unwrap_err()
            .contains("YYYY-MM-DD"));
        assert!(parse_from("2017-13").is_err());
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
