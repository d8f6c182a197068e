//! Extraction: one file's bytes to the records scrutiny indexes, touching no index.
//!
//! Text formats are decoded (`decode`) and cleaned into lines (`markdown`, or as they are for
//! plain text); binary formats go through a converter (`html`, `pdf`, `docx`, with `tables`)
//! that hands back [`Converted`] lines and pages. `segment` then finds agenda items and labelled
//! exchanges in the lines, `prose` the exchanges recorded in sentences, `dates` the meeting
//! date, and [`extract_file`] assembles [`Record`]s with their context and citation. A failure
//! or a panic on one file becomes a [`Skip`] with its reason.

pub mod dates;
pub mod decode;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod prose;
pub mod segment;
pub mod tables;

use crate::model::{Date, Kind, Record};
use std::borrow::Cow;
use std::path::Path;

pub use decode::{Legacy, NotText};

/// The input formats scrutiny reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
    Docx,
}

/// A converter from a binary format's bytes to lines.
type Converter = fn(&[u8]) -> Result<Converted, Unreadable>;

impl Format {
    /// The converter for formats that are not plain text, which are decoded instead.
    fn converter(self) -> Option<Converter> {
        match self {
            Format::Html => Some(html::convert),
            Format::Pdf => Some(pdf::convert),
            Format::Docx => Some(docx::convert),
            Format::Text | Format::Markdown => None,
        }
    }

    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "htm" | "html" | "xhtml" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// What is known of a file before reading it: how to cite it and what its location says.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The path to cite: as given under the indexed root.
    pub source: String,
    /// The path below the indexed root, for dates in folder and file names.
    pub relative: String,
    pub council: Option<String>,
    pub committee: Option<String>,
}

/// A document's text as lines, ready for the segmenter: what each binary format's converter
/// (HTML, PDF, Word) produces.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Converted {
    /// Lines in reading order. An empty string is a paragraph break. A heading that starts an
    /// agenda item is written as a Markdown heading ("## 4. Adult Social Care Budget").
    pub lines: Vec<String>,
    /// Paged formats only: the index into `lines` at which each page starts (page 1 first, so
    /// the first entry is 0). Empty for formats without pages.
    pub page_starts: Vec<usize>,
    /// The document's own title, when the format records one.
    pub title: Option<String>,
}

/// Why a converter could not read a file, e.g. "no text layer (scanned?)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub String);

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a file was not indexed.
#[derive(Debug)]
pub enum Skip {
    Io(std::io::Error),
    NotText(NotText),
    TooLarge {
        size: u64,
        limit: u64,
    },
    Format(Unreadable),
    /// An extractor panicked: a bug, reported as a skipped file rather than a crashed run.
    Crashed(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Io(e) => write!(f, "unreadable: {e}"),
            Skip::NotText(n) => f.write_str(n.reason()),
            Skip::Format(u) => write!(f, "{u}"),
            Skip::Crashed(m) => write!(f, "extractor failed ({m}); please report this file"),
            Skip::TooLarge { size, limit } => write!(
                f,
                "too large ({:.1} MB; the limit is {:.1} MB, see --max-filesize)",
                *size as f64 / 1e6,
                *limit as f64 / 1e6
            ),
        }
    }
}

/// A file's records, and how its text was decoded when that is worth telling the user.
#[derive(Debug)]
pub struct Extraction {
    pub records: Vec<Record>,
    pub legacy: Option<Legacy>,
}

/// Bump when a change to extraction changes what it finds in files it could already read, so
/// that the next index run re-extracts every file instead of keeping their old records.
pub const EXTRACTION_VERSION: u32 = 2;

/// Reads and extracts one file.
pub fn extract_file(
    path: &Path,
    format: Format,
    origin: &Origin,
    max_size: u64,
) -> Result<Extraction, Skip> {
    extract_guarded(&read_file(path, max_size)?, format, origin)
}

/// Reads a file to extract, refusing one larger than `max_size` before reading it.
pub fn read_file(path: &Path, max_size: u64) -> Result<Vec<u8>, Skip> {
    let size = std::fs::metadata(path).map_err(Skip::Io)?.len();
    if size > max_size {
        return Err(Skip::TooLarge {
            size,
            limit: max_size,
        });
    }
    std::fs::read(path).map_err(Skip::Io)
}

/// Extracts records from a file's bytes; a panic in an extractor becomes a [`Skip`].
pub fn extract_guarded(bytes: &[u8], format: Format, origin: &Origin) -> Result<Extraction, Skip> {
    // Guard the boundary: a panic on one file's content must not take the run down.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extract_bytes(bytes, format, origin)
    }))
    .unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        Err(Skip::Crashed(message))
    })
}

/// Extracts records from a file's bytes.
pub fn extract_bytes(bytes: &[u8], format: Format, origin: &Origin) -> Result<Extraction, Skip> {
    if let Some(convert) = format.converter() {
        let converted = convert(bytes).map_err(Skip::Format)?;
        let front = markdown::FrontMatter {
            title: converted.title,
            ..markdown::FrontMatter::default()
        };
        return Ok(Extraction {
            records: from_lines(&converted.lines, &converted.page_starts, front, origin),
            legacy: None,
        });
    }
    let (text, legacy) = decode::decode(bytes).map_err(Skip::NotText)?;
    Ok(Extraction {
        records: extract_text(&text, format, origin),
        legacy,
    })
}

/// Minutes in the common layouts, read by [`warm_up`].
const WARM_UP_TEXT: &str = "---
title: Warm-up
date: 2017-03-07
---
Minutes of the meeting held on Tuesday 7 March 2017 at County Hall.

Present: Councillor Ann Shah (Chair), Councillor Tom Reed.

## 4. Think Family

1. Question: How many families were supported?
Response: Five hundred.

Q. Was the target met?
A. Yes.

RESOLVED: That the report be noted.

## 5. Libraries

Councillor Reed asked whether the mobile library would continue. The Cabinet Member replied that it would.
";

/// Compiles the patterns extraction uses most, by extracting a short text in the common
/// layouts. A pattern compiles on first use, and threads that need it meanwhile wait: run on
/// a spare thread while the files are walked, this keeps the 50 ms or so of compiling off
/// the path of the first files read.
pub fn warm_up() {
    warm_up_records();
}

/// The records of [`WARM_UP_TEXT`].
fn warm_up_records() -> Vec<Record> {
    let origin = Origin {
        source: "warm-up.md".into(),
        relative: "warm-up.md".into(),
        council: None,
        committee: None,
    };
    extract_text(WARM_UP_TEXT, Format::Markdown, &origin)
}

/// Document-level metadata that every record of a file shares.
struct DocumentMeta {
    title: Option<String>,
    date: Option<Date>,
    council: Option<String>,
    committee: Option<String>,
}

/// Extracts records from decoded text in one of the text formats.
pub fn extract_text(text: &str, format: Format, origin: &Origin) -> Vec<Record> {
    match format {
        Format::Markdown => {
            let (front, body) = markdown::split_front_matter(text);
            let lines: Vec<Cow<'_, str>> = body.lines().map(markdown::clean_line).collect();
            from_lines(&lines, &[], front, origin)
        }
        _ => {
            let lines: Vec<&str> = text.lines().collect();
            from_lines(&lines, &[], markdown::FrontMatter::default(), origin)
        }
    }
}

/// Records from a document's lines. `page_starts` maps line indexes to pages for paged formats.
fn from_lines<S: AsRef<str>>(
    lines: &[S],
    page_starts: &[usize],
    front: markdown::FrontMatter,
    origin: &Origin,
) -> Vec<Record> {
    let segmented = segment::segment(lines.iter().map(AsRef::as_ref));
    let meta = DocumentMeta {
        date: front
            .date
            .as_deref()
            .and_then(dates::from_front_matter)
            .or_else(|| dates::from_text(lines.iter().map(AsRef::as_ref)))
            .or_else(|| dates::from_path(&origin.relative)),
        council: front.council.or_else(|| origin.council.clone()),
        committee: front.committee.or_else(|| origin.committee.clone()),
        title: front.title,
    };
    to_records(segmented, &meta, page_starts, origin)
}

/// The 1-based page a line is on, for paged formats.
fn page_of(line: usize, page_starts: &[usize]) -> Option<u32> {
    if page_starts.is_empty() {
        return None;
    }
    let page = page_starts.partition_point(|&start| start <= line).max(1);
    u32::try_from(page).ok()
}

fn to_records(
    segmented: segment::Segmented,
    meta: &DocumentMeta,
    page_starts: &[usize],
    origin: &Origin,
) -> Vec<Record> {
    let mut records = Vec::new();
    let place = place_key(origin);
    for (item_index, item) in segmented.items.into_iter().enumerate() {
        let title = item
            .title
            .or_else(|| (item_index == 0).then(|| meta.title.clone()).flatten());
        let base = Record {
            id: String::new(),
            kind: Kind::Exchange,
            item_id: hex_id(&[&place, &item_index.to_string()]),
            source: origin.source.clone(),
            council: meta.council.clone(),
            committee: meta.committee.clone(),
            date: meta.date,
            item: title,
            item_number: item.number,
            number: None,
            page: page_of(item.line, page_starts),
            question: None,
            response: None,
            asker: None,
            responder: None,
            supplementary: false,
            text: None,
            purpose: item.purpose,
            context: item.intro,
            resolutions: item.resolutions,
        };
        if item.exchanges.is_empty() {
            let Some(body) = item.body else { continue };
            let mut record = Record {
                kind: Kind::Discussion,
                text: Some(body),
                // The body already holds them; keep the record lean.
                context: None,
                resolutions: None,
                ..base
            };
            record.id = record_id(&record, &place, item_index);
            records.push(record);
            continue;
        }
        for (i, ex) in item.exchanges.into_iter().enumerate() {
            let mut record = Record {
                number: Some(i as u32 + 1),
                page: page_of(ex.line, page_starts),
                question: Some(ex.question),
                response: ex.response,
                asker: ex.asker,
                responder: ex.responder,
                supplementary: ex.supplementary,
                ..base.clone()
            };
            record.id = record_id(&record, &place, item_index);
            records.push(record);
        }
    }
    records
}

/// A stable id: the same file (by its place, see [`place_key`]) and content give the same id on every run.
fn record_id(r: &Record, place: &str, item_index: usize) -> String {
    hex_id(&[
        place,
        &item_index.to_string(),
        r.kind.as_str(),
        &r.number.unwrap_or(0).to_string(),
        r.question.as_deref().unwrap_or(""),
        r.response.as_deref().unwrap_or(""),
        r.text.as_deref().unwrap_or(""),
    ])
}

/// Where a file sits, for ids: its path below the indexed root and its council and committee,
/// but not how the root was spelled, so `scrutiny index corpus` and `scrutiny index
/// /home/me/corpus/` give the same ids.
pub fn place_key(origin: &Origin) -> String {
    format!(
        "{}\u{0}{}\u{0}{}",
        origin.relative.replace('\\', "/"),
        origin.council.as_deref().unwrap_or(""),
        origin.committee.as_deref().unwrap_or("")
    )
}

/// 16 hex digits of a BLAKE3 hash of the parts, each ended by a NUL.
fn hex_id(parts: &[&str]) -> String {
    // Hashed as one buffer: the same bytes as updating part by part, at a fraction of the
    // cost for parts this small.
    let mut bytes = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for part in parts {
        bytes.extend_from_slice(part.as_bytes());
        bytes.push(0);
    }
    blake3::hash(&bytes).to_hex()[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warm_up_text_reads_as_minutes() {
        let records = warm_up_records();
        let questions: Vec<_> = records
            .iter()
            .filter(|r| r.kind == Kind::Exchange)
            .map(|r| (r.question.as_deref().unwrap_or(""), r.responder.as_deref()))
            .collect();
        assert_eq!(
            questions,
            [
                ("How many families were supported?", None),
                ("Was the target met?", None),
                (
                    "Councillor Reed asked whether the mobile library would continue.",
                    Some("The Cabinet Member"),
                ),
            ]
        );
        assert!(records.iter().all(|r| r.date == Date::from_ymd(2017, 3, 7)));
        assert_eq!(records[1].item.as_deref(), Some("Think Family"));
    }
}
