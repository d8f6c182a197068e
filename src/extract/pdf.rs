//! PDF converter: printed council minutes to lines in reading order, one `page_starts` entry per
//! page so that every exchange can be cited by page.
//!
//! Text comes from `pdf_oxide`'s positioned text spans; this module does the layout work itself
//! because minutes need more than a plain dump:
//! - spans are grouped into lines by baseline and read top to bottom, left to right (one
//!   column: council minutes are not set in columns);
//! - what printing adds is dropped: running headers and footers repeated on most pages, page
//!   numbers ("Page 3 of 10", "- 3 -", "3"), file paths and print stamps in the page margins;
//! - a vertical gap wider than the usual line pitch becomes a paragraph break (an empty line);
//! - words hyphenated across a line end are joined (see [`join_hyphenated`] for the rule);
//! - ligatures (U+FB00..U+FB06) are spelt out, so "ﬁnance" is found by a search for "finance";
//! - a span that starts one glyph inside the one before it is taken as pdf_oxide placing a word
//!   space one glyph late (it does so in Ghostscript output) and the glyph is moved back.
//!
//! Limits: one column only (two-column pages would interleave); no OCR; a page the reader
//! cannot parse becomes an empty page so that the other pages keep their numbers.
//!
//! Failures are reported as [`Unreadable`]: "no text layer (scanned?)", "encrypted PDF" (only
//! when the empty user password does not open it), "corrupt PDF: <reason>", and "PDF reader
//! failed: <panic message>" when the reader panics.

use super::{Converted, Unreadable};
use pdf_oxide::PdfDocument;
use regex::Regex;
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{LazyLock, Once};

/// Reads a PDF's text layer into lines, one `page_starts` entry per page.
///
/// Never panics: the reader runs under `catch_unwind`, with the panic message kept off stderr
/// for this thread only.
pub fn convert(bytes: &[u8]) -> Result<Converted, Unreadable> {
    // A file without the header is not a PDF at all; the reader's own message for it would be
    // about cross-reference tables, which tells the user less.
    if !has_pdf_header(bytes) {
        return Err(Unreadable("corrupt PDF: no %PDF header".into()));
    }
    let doc = match quietly(|| read_document(bytes)) {
        Ok(result) => result?,
        Err(message) => return Err(Unreadable(format!("PDF reader failed: {message}"))),
    };
    if doc.pages.iter().all(|p| p.lines.is_empty()) {
        return Err(Unreadable("no text layer (scanned?)".into()));
    }
    Ok(assemble(doc))
}

// ---------------------------------------------------------------------------------------------
// Reading: bytes to positioned lines per page.

/// One line of text as printed, with its vertical position in PDF space (y grows upwards).
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    /// Baseline-ish y of the line (the bottom of its box).
    y: f32,
    /// Height of the tallest span, roughly the font size.
    height: f32,
}

/// One page's lines, top to bottom, and the page's vertical extent when known.
#[derive(Debug, Clone, Default, PartialEq)]
struct Page {
    lines: Vec<Line>,
    /// (bottom, top) of the media box.
    extent: Option<(f32, f32)>,
}

/// What the reader produced, before any clean-up.
#[derive(Debug, Default)]
struct RawDocument {
    pages: Vec<Page>,
    title: Option<String>,
}

/// The `%PDF-` header may be preceded by junk (the spec allows up to 1024 bytes in practice).
fn has_pdf_header(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

fn read_document(bytes: &[u8]) -> Result<RawDocument, Unreadable> {
    let doc = PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| corrupt(&e.to_string()))?;
    if doc.is_encrypted() {
        // Most "protected" council PDFs only carry an owner password (no printing or copying
        // restrictions aside, anyone may open them), so try the empty user password first.
        match doc.authenticate(b"") {
            Ok(true) => {}
            _ => return Err(Unreadable("encrypted PDF".into())),
        }
    }
    let count = doc.page_count().map_err(|e| corrupt(&e.to_string()))?;
    if count == 0 {
        return Err(corrupt("no pages"));
    }
    let mut pages = Vec::with_capacity(count);
    let mut failures = 0;
    let mut first_failure = None;
    for index in 0..count {
        match doc.extract_spans(index) {
            Ok(spans) => {
                let extent = doc
                    .get_page_media_box(index)
                    .ok()
                    .map(|(_, y0, _, y1)| (y0.min(y1), y0.max(y1)));
                pages.push(Page {
                    lines: spans_to_lines(&spans),
                    extent,
                });
            }
            Err(e) => {
                // One damaged page should not hide the rest of the minutes: keep it as an empty
                // page so that the page numbers of the others stay right.
                failures += 1;
                first_failure.get_or_insert_with(|| e.to_string());
                pages.push(Page::default());
            }
        }
    }
    if failures == count {
        return Err(corrupt(
            first_failure.as_deref().unwrap_or("no readable page"),
        ));
    }
    Ok(RawDocument {
        pages,
        title: document_title(&doc),
    })
}

/// "corrupt PDF: <first line of the reader's message, shortened>".
fn corrupt(reason: &str) -> Unreadable {
    let first = reason.lines().next().unwrap_or("").trim();
    let short: String = first.chars().take(100).collect();
    let short = if short.is_empty() {
        "unreadable structure".to_string()
    } else {
        short
    };
    Unreadable(format!("corrupt PDF: {short}"))
}

/// The Info dictionary's /Title, when it says something.
fn document_title(doc: &PdfDocument) -> Option<String> {
    use pdf_oxide::object::Object;
    let info = doc.trailer().as_dict()?.get("Info")?;
    let info = match info {
        Object::Reference(r) => doc.load_object(*r).ok()?,
        other => other.clone(),
    };
    let title = info.as_dict()?.get("Title")?;
    let title = match title {
        Object::Reference(r) => doc.load_object(*r).ok()?,
        other => other.clone(),
    };
    useful_title(&decode_text_string(title.as_string()?))
}

/// A title worth showing: not a producer's placeholder ("Enscript Output", "Untitled") nor a
/// bare file name, and without the "Microsoft Word - " that printing to PDF puts before it.
fn useful_title(raw: &str) -> Option<String> {
    let text = collapse_spaces(raw);
    let text = text
        .strip_prefix("Microsoft Word - ")
        .unwrap_or(&text)
        .trim()
        .to_string();
    let lower = text.to_lowercase();
    let placeholder =
        ["", "untitled", "enscript output", "document", "title"].contains(&lower.as_str());
    let file_name = FILE_NAME.is_match(&text);
    (!placeholder && !file_name).then_some(text)
}

/// A title that is only a file name: "OSC minutes 2024-03-12.docx".
static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:docx?|odt|rtf|pdf|txt|html?|ps)$").expect("static regex")
});

/// A PDF text string: UTF-16BE with a byte-order mark, UTF-8 with one (PDF 2.0), or otherwise
/// PDFDocEncoding, which matches Latin-1 for the characters titles use.
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| b as char).collect()
}

/// Groups text spans into lines: same baseline (within a third of the text height), then left
/// to right, with a space wherever the gap between two spans is wider than a thin space.
fn spans_to_lines(spans: &[pdf_oxide::layout::TextSpan]) -> Vec<Line> {
    let mut spans: Vec<&pdf_oxide::layout::TextSpan> = spans
        .iter()
        .filter(|s| !s.text.trim().is_empty() && s.bbox.y.is_finite() && s.bbox.x.is_finite())
        .collect();
    // Top of the page first; total_cmp keeps the sort total even for odd values.
    spans.sort_by(|a, b| {
        b.bbox
            .y
            .total_cmp(&a.bbox.y)
            .then(a.bbox.x.total_cmp(&b.bbox.x))
    });

    let mut groups: Vec<Vec<&pdf_oxide::layout::TextSpan>> = Vec::new();
    for span in spans {
        let tolerance = (span.bbox.height.abs().max(1.0)) * 0.35;
        match groups.last_mut() {
            Some(group) if (group[0].bbox.y - span.bbox.y).abs() <= tolerance => group.push(span),
            _ => groups.push(vec![span]),
        }
    }

    let mut lines = Vec::with_capacity(groups.len());
    for mut group in groups {
        group.sort_by(|a, b| a.bbox.x.total_cmp(&b.bbox.x));
        let mut text = String::new();
        let mut previous_end: Option<f32> = None;
        let mut previous_text: &str = "";
        let mut height: f32 = 0.0;
        for span in &group {
            let size = if span.font_size > 0.0 {
                span.font_size
            } else {
                span.bbox.height.abs()
            };
            if let Some(end) = previous_end {
                let gap = span.bbox.x - end;
                // Overprinted text (fake bold, shadows) repeats the same string on top of itself.
                if gap < -0.5 * size && span.text == previous_text {
                    continue;
                }
                let spaced = text.ends_with(char::is_whitespace)
                    || span.text.starts_with(char::is_whitespace);
                if !spaced && gap > 0.15 * size.max(1.0) {
                    text.push(' ');
                } else if !spaced
                    && (-0.75 * size..-0.15 * size).contains(&gap)
                    && span.text.starts_with(char::is_alphanumeric)
                {
                    // A span that starts one glyph inside the previous one: pdf_oxide applies
                    // a TJ word-space offset one glyph late in Ghostscript output ("receivedf"
                    // "rom"). Real text never overlaps by a glyph, so the previous span's last
                    // glyph belongs to this word and the offset was the space before it.
                    if let Some(last) = text.pop() {
                        if last.is_alphanumeric() || last == '(' || last == '‘' || last == '“' {
                            text.push(' ');
                            text.push(last);
                        } else {
                            text.push(last);
                            text.push(' ');
                        }
                    }
                }
            }
            text.push_str(&span.text);
            previous_end = Some(span.bbox.x + span.bbox.width);
            previous_text = &span.text;
            height = height.max(span.bbox.height.abs());
        }
        let text = clean_text(&text);
        if !text.is_empty() {
            lines.push(Line {
                text,
                y: group[0].bbox.y,
                height,
            });
        }
    }
    lines
}

/// Spells out ligatures, turns odd spaces and hyphens into plain ones, drops control
/// characters and collapses runs of spaces. Curly quotes are kept: they are the text.
fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            // Zero-width characters and byte-order marks carry nothing a reader sees.
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    collapse_spaces(&out)
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------
// Panic isolation.

thread_local! {
    /// Set while this thread runs the reader, so the panic hook stays quiet for it alone.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static INSTALL_HOOK: Once = Once::new();

/// Runs `f`, turning a panic into its message. The panic hook is process-wide, so instead of
/// swapping it per call (which would race with other threads) a wrapper is installed once that
/// stays silent only on a thread inside this function and defers to the previous hook
/// everywhere else. A hook the host installs later replaces the wrapper; panics are still
/// caught then, only no longer silenced.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    INSTALL_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.try_with(Cell::get).unwrap_or(false) {
                previous(info);
            }
        }));
    });
    let was_quiet = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was_quiet));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic without a message".to_string())
    })
}

// ---------------------------------------------------------------------------------------------
// Layout clean-up: page furniture, paragraphs, hyphenation.

/// A line on its way out, tagged with its page (0-based). An empty `text` is a paragraph break.
#[derive(Debug, Clone, PartialEq)]
struct Out {
    text: String,
    page: usize,
}

fn assemble(doc: RawDocument) -> Converted {
    let page_count = doc.pages.len();
    let pages = remove_furniture(doc.pages);
    let mut out: Vec<Out> = Vec::new();
    // The usual line pitch: a low quantile, because in short pages with many paragraphs the
    // paragraph gaps can be half of all the distances between lines.
    let pitch = quantile(pages.iter().flat_map(|p| pitches(&p.lines)).collect(), 0.25);
    for (index, page) in pages.iter().enumerate() {
        // A paragraph that ends with the page ends with a full stop or a colon; without that the
        // text runs on to the next page and must stay one paragraph.
        if let Some(last) = out.last() {
            if !last.text.is_empty() && ends_sentence(&last.text) {
                out.push(Out {
                    text: String::new(),
                    page: last.page,
                });
            }
        }
        for (i, line) in page.lines.iter().enumerate() {
            if i > 0 {
                let gap = page.lines[i - 1].y - line.y;
                if let Some(pitch) = pitch {
                    if gap > pitch * 1.3 {
                        out.push(Out {
                            text: String::new(),
                            page: index,
                        });
                    }
                }
            }
            out.push(Out {
                text: line.text.clone(),
                page: index,
            });
        }
    }
    let out = join_hyphenated(out);
    finish(out, page_count, doc.title)
}

/// Baseline-to-baseline distances between successive lines of one page.
fn pitches(lines: &[Line]) -> Vec<f32> {
    lines
        .windows(2)
        .map(|w| w[0].y - w[1].y)
        .filter(|d| *d > 0.5)
        .collect()
}

/// The value below which `share` of `values` lie.
fn quantile(mut values: Vec<f32>, share: f32) -> Option<f32> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f32::total_cmp);
    let at = ((values.len() - 1) as f32 * share).round() as usize;
    values.get(at).copied()
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', ':', '?', '!', ';'])
}

/// Drops blank runs, leading and trailing blanks, and builds `page_starts`.
fn finish(out: Vec<Out>, page_count: usize, title: Option<String>) -> Converted {
    let mut lines: Vec<String> = Vec::with_capacity(out.len());
    let mut pages_of: Vec<usize> = Vec::with_capacity(out.len());
    for entry in out {
        if entry.text.is_empty() && lines.last().is_none_or(|l: &String| l.is_empty()) {
            continue;
        }
        lines.push(entry.text);
        pages_of.push(entry.page);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
        pages_of.pop();
    }
    // A page left with no lines (blank, or all furniture) starts where the next one does.
    let mut page_starts = Vec::with_capacity(page_count);
    let mut cursor = 0;
    for page in 0..page_count {
        while cursor < pages_of.len() && pages_of[cursor] < page {
            cursor += 1;
        }
        page_starts.push(cursor);
    }
    Converted {
        lines,
        page_starts,
        title,
    }
}

/// Page numbers: "3", "- 3 -", "Page 3", "Page 3 of 10", "3 of 10", "3/10", "p. 3", "iv".
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:page|pg\.?|p\.)?\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?
          | [-–—]\s*\d{1,4}\s*[-–—]
          | [ivxlc]{1,7}
        )$",
    )
    .expect("static regex")
});

/// "Page 3 of 10" inside a longer margin line ("Minutes 12 March 2024 Page 3 of 10").
static PAGE_OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bpage\s+\d{1,4}\s+of\s+\d{1,4}\b").expect("static regex"));

/// File paths a print leaves: "C:\Users\...", "\\server\share\...", "/home/...", "file://".
static FILE_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?:
            \b[a-z]:\\ | ^\\\\[^\\\s]+\\ | (?:^|\s)/(?:home|users|mnt|media|tmp|var|srv|net|data)/
          | \bfile:/ | \.(?:docx?|odt|rtf|dotx?|pdf|txt|html?)\s*$
        )",
    )
    .expect("static regex")
});

/// Print stamps: "Printed on 12/03/2024 10:31", "Printed: 12 March 2024", "Print date ...".
static PRINT_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:printed|print\s+date|date\s+printed|printed\s+by)\b.*\d")
        .expect("static regex")
});

/// How many lines at the top and bottom of a page can be page furniture.
const MARGIN_LINES: usize = 3;
/// The share of the page height, at top and bottom, where headers and footers sit.
const MARGIN_BAND: f32 = 0.13;

/// Removes running headers and footers, page numbers, paths and print stamps.
///
/// Only lines among the first and last [`MARGIN_LINES`] of a page and inside the top or bottom
/// [`MARGIN_BAND`] of the page are candidates (the band is skipped when the page size is
/// unknown). A candidate goes when it is a page number, path or print stamp, or when the same
/// line (digits ignored, so "Page 2 of 9" matches "Page 3 of 9") is a candidate on at least half
/// the pages, and on two at least.
fn remove_furniture(pages: Vec<Page>) -> Vec<Page> {
    let candidates: Vec<Vec<bool>> = pages.iter().map(margin_candidates).collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (page, flags) in pages.iter().zip(&candidates) {
        let mut keys: HashSet<String> = HashSet::new();
        for (line, &flag) in page.lines.iter().zip(flags) {
            if flag {
                keys.insert(furniture_key(&line.text));
            }
        }
        for key in keys {
            *seen.entry(key).or_default() += 1;
        }
    }
    let threshold = pages.len().div_ceil(2).max(2);
    pages
        .into_iter()
        .zip(candidates)
        .map(|(page, flags)| {
            let lines = page
                .lines
                .into_iter()
                .zip(flags)
                .filter(|(line, flag)| {
                    let furniture = *flag
                        && (is_margin_stamp(&line.text)
                            || seen.get(&furniture_key(&line.text)).copied().unwrap_or(0)
                                >= threshold);
                    !furniture
                })
                .map(|(line, _)| line)
                .collect();
            Page {
                lines,
                extent: page.extent,
            }
        })
        .collect()
}

/// Which lines of a page sit where headers and footers go.
fn margin_candidates(page: &Page) -> Vec<bool> {
    let n = page.lines.len();
    page.lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let near_edge = i < MARGIN_LINES || i + MARGIN_LINES >= n;
            let in_band = match page.extent {
                Some((bottom, top)) if top > bottom => {
                    let band = (top - bottom) * MARGIN_BAND;
                    line.y >= top - band || line.y + line.height <= bottom + band
                }
                _ => true,
            };
            near_edge && in_band
        })
        .collect()
}

fn is_margin_stamp(text: &str) -> bool {
    PAGE_NUMBER.is_match(text)
        || PAGE_OF.is_match(text)
        || FILE_PATH.is_match(text)
        || PRINT_STAMP.is_match(text)
}

/// A header's identity across pages: lower case, no spaces, every digit run as '#'.
fn furniture_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut in_digits = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                key.push('#');
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        if !c.is_whitespace() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// Prefixes written with a hyphen ("co-located", "non-statutory", "self-assessment").
const HYPHEN_PREFIXES: &[&str] = &[
    "all", "anti", "co", "cross", "ex", "full", "half", "high", "inter", "long", "low", "mid",
    "multi", "non", "part", "post", "pre", "pro", "quasi", "self", "semi", "short", "sub", "super",
    "well", "one", "two", "three", "four", "five", "six", "ten", "first", "second", "third",
    "year", "cabinet", "council", "county", "district", "city", "borough", "area",
];

/// Second halves of hyphenated compounds ("county-wide", "council-owned", "user-led").
const HYPHEN_SUFFIXES: &[&str] = &[
    "wide",
    "based",
    "led",
    "owned",
    "run",
    "term",
    "funded",
    "related",
    "level",
    "scale",
    "focused",
    "specific",
    "friendly",
    "free",
    "time",
    "making",
    "up",
    "off",
    "out",
    "in",
    "on",
    "over",
    "by",
    "year",
    "old",
    "long",
    "like",
    "style",
    "type",
    "only",
    "rich",
    "sensitive",
    "centred",
    "facing",
    "wise",
];

/// Short words that link the parts of a compound ("face-to-face", "day-to-day").
const LINKING_WORDS: &[&str] = &["to", "in", "of", "and", "by", "the", "a", "or", "for", "on"];

/// Joins a word broken across a line end with a hyphen, moving the second half up.
///
/// The rule, as no dictionary is at hand:
/// - a line ending in a soft hyphen (U+00AD) is always a break inside one word: join, no hyphen;
/// - only a hyphen straight after a letter or digit counts ("budget -" is a dash);
/// - the second half starting with a capital or a digit ("Pryce-" "Llewellyn", "2024-" "25"),
///   or holding a hyphen itself ("face-" "to-face"), keeps the hyphen;
/// - otherwise the document decides when it can: if the hyphenated form ("fly-tipping") occurs
///   unbroken elsewhere in it the hyphen stays; if the closed form ("implementation") does, it
///   goes;
/// - failing that, a first half that is a digit run, a linking word inside a compound already
///   under way ("face-to-" "face"), or a common compound prefix ("co-", "non-",
///   "self-", "council-") or a second half that is a common compound ending ("-wide", "-led",
///   "-owned", "-term") keeps the hyphen; anything else is taken as the typesetter's
///   hyphenation ("imple-" "mentation") and the hyphen goes.
///
/// The words are always joined without a space; only the hyphen is in question.
fn join_hyphenated(mut out: Vec<Out>) -> Vec<Out> {
    let vocabulary = vocabulary(&out);
    let mut i = 0;
    while i + 1 < out.len() {
        let next = i + 1;
        if out[next].text.is_empty() {
            i += 1;
            continue;
        }
        let Some(keep) = hyphen_decision(&out[i].text, &out[next].text, &vocabulary) else {
            i += 1;
            continue;
        };
        let (head, rest) = split_first_word(&out[next].text);
        let mut joined = out[i].text.clone();
        joined.pop(); // the hyphen
        if keep {
            joined.push('-');
        }
        joined.push_str(head);
        let rest = rest.to_string();
        out[i].text = joined;
        if rest.is_empty() {
            out.remove(next);
            // The joined line may end in a hyphen again ("-" "on-"), so look at it once more.
            continue;
        }
        out[next].text = rest;
        i += 1;
    }
    out
}

/// `Some(keep_hyphen)` when `line` ends in a word broken by a hyphen that `next` completes.
fn hyphen_decision(line: &str, next: &str, vocabulary: &HashSet<String>) -> Option<bool> {
    let mut chars = line.chars().rev();
    let hyphen = chars.next()?;
    let before = chars.next()?;
    if hyphen != '-' && hyphen != '\u{00AD}' {
        return None;
    }
    if !before.is_alphanumeric() {
        return None;
    }
    let first_next = next.chars().next()?;
    if !first_next.is_alphanumeric() {
        return None;
    }
    if hyphen == '\u{00AD}' {
        return Some(false);
    }
    let left_word = line[..line.len() - 1]
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    // The part before the break, after any earlier hyphen ("non-pecu-" -> "pecu").
    let left = left_word.rsplit('-').next().unwrap_or(left_word);
    let (right_word, _) = split_first_word(next);
    let right = right_word.trim_end_matches(|c: char| !c.is_alphanumeric());
    if first_next.is_uppercase() || first_next.is_ascii_digit() || right.contains('-') {
        return Some(true);
    }
    let left_clean = left.trim_start_matches(|c: char| !c.is_alphanumeric());
    let whole_left = left_word.trim_start_matches(|c: char| !c.is_alphanumeric());
    // The whole compound first ("face-to-" "face"), then its last part ("to" "face").
    for stem in [whole_left, left_clean] {
        if vocabulary.contains(&format!("{stem}-{right}").to_lowercase()) {
            return Some(true);
        }
        if vocabulary.contains(&format!("{stem}{right}").to_lowercase()) {
            return Some(false);
        }
    }
    let left_lower = left_clean.to_lowercase();
    let right_lower = right.to_lowercase();
    // Inside a compound already under way, a short linking word is a part of its own
    // ("face-to-" "face", "up-to-" "date", "mother-in-" "law").
    let linking = whole_left.contains('-') && LINKING_WORDS.contains(&left_lower.as_str());
    let keep = left_clean.chars().all(|c| c.is_ascii_digit())
        || linking
        || HYPHEN_PREFIXES.contains(&left_lower.as_str())
        || HYPHEN_SUFFIXES.contains(&right_lower.as_str());
    Some(keep)
}

/// Every word of the document, lower case, without surrounding punctuation, as written within
/// a line (the last word of a line is left out when it ends in a hyphen: it is a fragment).
fn vocabulary(out: &[Out]) -> HashSet<String> {
    let mut words = HashSet::new();
    for entry in out {
        let mut tokens = entry.text.split_whitespace().peekable();
        while let Some(token) = tokens.next() {
            if tokens.peek().is_none() && token.ends_with(['-', '\u{00AD}']) {
                continue;
            }
            let word = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            let word = word.trim_matches('-');
            if !word.is_empty() {
                words.insert(word.to_lowercase());
            }
        }
    }
    words
}

/// The first whitespace-separated word and what follows it (without the separating space).
fn split_first_word(text: &str) -> (&str, &str) {
    match text.find(char::is_whitespace) {
        Some(at) => (&text[..at], text[at..].trim_start()),
        None => (text, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/pdf/{}", env!("CARGO_MANIFEST_DIR"), name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn convert_fixture(name: &str) -> Converted {
        convert(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// The 1-based page on which line `index` stands.
    fn page_of(c: &Converted, index: usize) -> usize {
        c.page_starts
            .iter()
            .filter(|&&start| start <= index)
            .count()
    }

    fn find(c: &Converted, prefix: &str) -> usize {
        c.lines
            .iter()
            .position(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line starts with {prefix:?} in {:#?}", c.lines))
    }

    /// All lines joined with spaces, as the segmenter joins a paragraph's lines.
    fn text(c: &Converted) -> String {
        c.lines.join(" ")
    }

    const ALL: &[&str] = &[
        "libreoffice.pdf",
        "groff-ps2pdf.pdf",
        "groff-gropdf.pdf",
        "wkhtmltopdf.pdf",
        "enscript.pdf",
    ];

    fn out(lines: &[&str]) -> Vec<Out> {
        lines
            .iter()
            .map(|t| Out {
                text: t.to_string(),
                page: 0,
            })
            .collect()
    }

    fn texts(out: &[Out]) -> Vec<&str> {
        out.iter().map(|o| o.text.as_str()).collect()
    }

    #[test]
    fn libreoffice_pages_and_exchanges() {
        let c = convert_fixture("libreoffice.pdf");
        assert_eq!(c.page_starts.len(), 3);
        assert_eq!(c.page_starts[0], 0);
        assert_eq!(
            c.title.as_deref(),
            Some("Overview and Scrutiny Committee minutes, 12 March 2024")
        );
        assert_eq!(c.lines[0], "MARLOWE VALE DISTRICT COUNCIL");
        // The third exchange (Councillor Qureshi on reaching residents) is on page 2.
        let q3 = find(
            &c,
            "Question: Councillor Qureshi asked how the council would reach",
        );
        assert_eq!(page_of(&c, q3), 2);
        // The last one (Councillor Hadley on flood-hit businesses) is on page 3.
        let q5 = find(&c, "Question: Councillor Hadley asked whether the hardship");
        assert_eq!(page_of(&c, q5), 3);
    }

    #[test]
    fn headers_footers_and_stamps_are_gone() {
        for name in ALL {
            let c = convert_fixture(name);
            let t = text(&c);
            for furniture in [
                "Page 1 of",
                "Page 2 of",
                "– Overview and Scrutiny Committee – 12 March",
                "Users\\cwhitfield",
                "/home/clerk",
                "Printed on",
                "mvdc-fs01",
                "minutes-print.txt",
                "- 2 -",
            ] {
                assert!(
                    !t.contains(furniture),
                    "{name}: {furniture:?} left in:\n{t}"
                );
            }
            assert!(
                !c.lines.iter().any(|l| l.trim().parse::<u32>().is_ok()),
                "{name}: a bare page number is left"
            );
            // The council name stays where it is the document's own heading.
            assert!(
                t.contains("MARLOWE VALE DISTRICT COUNCIL"),
                "{name}: title heading lost"
            );
        }
    }

    #[test]
    fn every_fixture_reads_in_order_with_paragraphs() {
        for name in ALL {
            let c = convert_fixture(name);
            let q: Vec<usize> = c
                .lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.starts_with("Question:"))
                .map(|(i, _)| i)
                .collect();
            assert_eq!(q.len(), 5, "{name}: questions {:?}", q);
            // Each question starts a paragraph.
            for &i in &q {
                assert_eq!(c.lines[i - 1], "", "{name}: no break before line {i}");
            }
            let first = find(&c, "1. APOLOGIES FOR ABSENCE");
            let last = find(&c, "6. WORK PROGRAMME");
            assert!(first < q[0] && q[4] < last, "{name}: order");
            assert_eq!(
                c.lines.last().map(String::as_str),
                Some("The meeting ended at 8.12 pm.")
            );
            let pages = if *name == "enscript.pdf" { 2 } else { 3 };
            assert_eq!(c.page_starts.len(), pages, "{name}");
            assert!(
                c.page_starts.windows(2).all(|w| w[0] < w[1]),
                "{name}: {:?}",
                c.page_starts
            );
        }
    }

    #[test]
    fn ligatures_and_curly_quotes() {
        for name in ["libreoffice.pdf", "groff-gropdf.pdf", "wkhtmltopdf.pdf"] {
            let t = text(&convert_fixture(name));
            assert!(!t.contains(['\u{FB01}', '\u{FB02}', '\u{FB00}']), "{name}");
            assert!(t.contains("Director of Finance"), "{name}");
            assert!(t.contains("efficiency gains"), "{name}");
            assert!(
                t.contains("the council’s progress"),
                "{name}: curly apostrophe"
            );
            assert!(
                t.contains("the “unacceptable” delays"),
                "{name}: curly quotes"
            );
        }
    }

    #[test]
    fn enscript_hand_hyphenation_joined_real_hyphens_kept() {
        let t = text(&convert_fixture("enscript.pdf"));
        // Printer's hyphenation of plain words: joined without the hyphen.
        assert!(t.contains("scheme of discretionary hardship"), "{t}");
        assert!(t.contains("had been certified by"), "{t}");
        // Real hyphens at a line end stay.
        assert!(t.contains("Gareth Pryce-Llewellyn"), "{t}");
        assert!(t.contains("all council-owned blocks"), "{t}");
        assert!(t.contains("of the 2023-24 allocation"), "{t}");
        assert!(!t.contains("discre-"), "{t}");
    }

    #[test]
    fn line_end_hyphens_are_joined() {
        for name in ["libreoffice.pdf", "groff-gropdf.pdf", "wkhtmltopdf.pdf"] {
            let c = convert_fixture(name);
            for line in &c.lines {
                if let Some(word) = line.split_whitespace().last() {
                    assert!(
                        !word.ends_with('-') || word.len() < 2,
                        "{name}: line still ends in a broken word: {line:?}"
                    );
                }
            }
            let t = text(&c);
            assert!(t.contains("cost of living support for 2024-25"), "{name}");
            assert!(t.contains("fly-tipping"), "{name}");
            assert!(t.contains("offer face-to-face appointments"), "{name}");
        }
    }

    #[test]
    fn ghostscript_word_spaces_are_repaired() {
        // pdf_oxide puts the TJ word space of Ghostscript output one glyph late; without the
        // repair this line reads "receivedfrom ... Lathbury.Councillor Hadleyattended".
        let t = text(&convert_fixture("groff-ps2pdf.pdf"));
        assert!(
            t.contains("Apologies were received from Councillor Fiona Lathbury. Councillor Hadley attended"),
            "{t}"
        );
        assert!(t.contains("be approved as a correct record"), "{t}");
        assert!(
            t.contains("the efficiency gains from the new scheduling software"),
            "{t}"
        );
    }

    #[test]
    fn producer_titles_are_not_titles() {
        assert_eq!(useful_title("Enscript Output"), None);
        assert_eq!(useful_title("Untitled"), None);
        assert_eq!(useful_title("OSC minutes 2024-03-12.docx"), None);
        assert_eq!(
            useful_title("Microsoft Word - Cabinet minutes 4 June 2024"),
            Some("Cabinet minutes 4 June 2024".to_string())
        );
        assert_eq!(
            useful_title("Microsoft Word - Cabinet minutes 4 June 2024.docx"),
            None
        );
        assert_eq!(convert_fixture("enscript.pdf").title, None);
    }

    #[test]
    fn hyphen_rule() {
        let joined = join_hyphenated(out(&[
            "that the imple-",
            "mentation of the new system",
            "the team is now co-",
            "located with the tenancy officers in the Marlowe Vale-",
            "wide scheme for 2024-",
            "25 and face-",
            "to-face advice, day-to-",
            "day, for Pryce-",
            "Llewellyn. The fly-",
            "tipping contract and fly-tipping fines.",
            "A budget -",
            "rise of 3%.",
        ]));
        assert_eq!(
            texts(&joined),
            [
                "that the implementation",
                "of the new system",
                "the team is now co-located",
                "with the tenancy officers in the Marlowe Vale-wide",
                "scheme for 2024-25",
                "and face-to-face",
                "advice, day-to-day,",
                "for Pryce-Llewellyn.",
                "The fly-tipping",
                "contract and fly-tipping fines.",
                "A budget -",
                "rise of 3%.",
            ]
        );
    }

    #[test]
    fn hyphen_rule_uses_the_document_and_soft_hyphens() {
        let joined = join_hyphenated(out(&[
            "the pre-",
            "cept was set; the precept rose.",
            "a well-",
            "being survey",
            "the commis\u{AD}",
            "sioning plan",
            "unre-",
            "",
            "solved",
        ]));
        assert_eq!(
            texts(&joined),
            [
                // "precept" occurs unbroken, so the prefix rule for "pre-" gives way.
                "the precept",
                "was set; the precept rose.",
                "a well-being",
                "survey",
                "the commissioning",
                "plan",
                // A paragraph break is never bridged.
                "unre-",
                "",
                "solved",
            ]
        );
    }

    #[test]
    fn furniture_on_synthetic_pages() {
        let page = |lines: &[(&str, f32)]| Page {
            lines: lines
                .iter()
                .map(|(t, y)| Line {
                    text: t.to_string(),
                    y: *y,
                    height: 10.0,
                })
                .collect(),
            extent: Some((0.0, 842.0)),
        };
        let pages = vec![
            page(&[
                ("Wexbridge Borough Council Cabinet 4 June 2024", 820.0),
                ("Minutes", 700.0),
                ("Question: Why?", 500.0),
                ("\\\\wbc-files\\cabinet\\2024\\june.docx", 40.0),
                ("1", 20.0),
            ]),
            page(&[
                ("Wexbridge Borough Council Cabinet 4 June 2024", 820.0),
                ("Response: Because.", 700.0),
                ("Printed on 05/06/2024 09:12", 40.0),
                ("- 2 -", 20.0),
            ]),
            page(&[
                ("ii", 820.0),
                ("Body text near the top that is not furniture", 790.0),
                ("Body text near the foot", 60.0),
                ("Page 3 of 3", 20.0),
            ]),
        ];
        let kept: Vec<Vec<String>> = remove_furniture(pages)
            .into_iter()
            .map(|p| p.lines.into_iter().map(|l| l.text).collect())
            .collect();
        assert_eq!(
            kept,
            [
                vec!["Minutes", "Question: Why?"],
                vec!["Response: Because."],
                vec![
                    "Body text near the top that is not furniture",
                    "Body text near the foot"
                ],
            ]
        );
    }

    #[test]
    fn page_starts_with_an_empty_page() {
        let entries = vec![
            Out {
                text: "one".into(),
                page: 0,
            },
            Out {
                text: String::new(),
                page: 0,
            },
            Out {
                text: "three".into(),
                page: 2,
            },
            Out {
                text: String::new(),
                page: 2,
            },
        ];
        let c = finish(entries, 4, None);
        assert_eq!(c.lines, ["one", "", "three"]);
        assert_eq!(c.page_starts, [0, 2, 2, 3]);
    }

    #[test]
    fn scanned_pdf_has_no_text_layer() {
        assert_eq!(
            convert(&fixture("scanned.pdf")),
            Err(Unreadable("no text layer (scanned?)".into()))
        );
    }

    #[test]
    fn encrypted_with_user_password_is_refused() {
        assert_eq!(
            convert(&fixture("encrypted-user-password.pdf")),
            Err(Unreadable("encrypted PDF".into()))
        );
    }

    #[test]
    fn encrypted_with_empty_user_password_is_read() {
        let c = convert_fixture("encrypted-empty-user.pdf");
        assert_eq!(c, convert_fixture("libreoffice.pdf"));
    }

    #[test]
    fn truncated_pdf_is_corrupt() {
        let bytes = fixture("libreoffice.pdf");
        let err = convert(&bytes[..bytes.len() / 2]).expect_err("half a PDF");
        assert!(err.0.starts_with("corrupt PDF: "), "{err}");
        assert!(err.0.len() > "corrupt PDF: ".len() + 3, "{err}");
    }

    #[test]
    fn random_bytes_after_a_header_are_corrupt() {
        // A fixed linear congruential generator: the same "random" bytes on every run.
        let mut state: u32 = 0x2024_0312;
        let mut bytes = b"%PDF-1.7\n".to_vec();
        for _ in 0..20_000 {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            bytes.push((state >> 24) as u8);
        }
        let err = convert(&bytes).expect_err("noise");
        assert!(err.0.starts_with("corrupt PDF: "), "{err}");
    }

    #[test]
    fn not_a_pdf_and_empty_input() {
        let expected = Err(Unreadable("corrupt PDF: no %PDF header".into()));
        assert_eq!(convert(b""), expected);
        assert_eq!(convert(b"Minutes of the Licensing Sub-Committee"), expected);
    }

    #[test]
    fn every_prefix_of_a_fixture_is_handled() {
        // Cuts at many points through the file: each must give lines or an Unreadable, and
        // never get past `convert` as a panic.
        let bytes = fixture("groff-gropdf.pdf");
        for cut in (0..bytes.len()).step_by(bytes.len() / 40 + 1) {
            let _ = convert(&bytes[..cut]);
        }
    }

    #[test]
    fn a_panic_becomes_its_message() {
        let result: Result<(), String> = quietly(|| panic!("xref stream loops back on itself"));
        assert_eq!(result, Err("xref stream loops back on itself".to_string()));
        assert_eq!(quietly(|| 7), Ok(7));
        // Quiet mode ends with the call.
        assert!(!QUIET.with(Cell::get));
    }

    #[test]
    fn title_strings_decode() {
        assert_eq!(
            decode_text_string(&[0xFE, 0xFF, 0x00, 0x4D, 0x20, 0x19, 0x00, 0x73]),
            "M’s"
        );
        assert_eq!(
            decode_text_string(b"Cabinet \xA3 budget"),
            "Cabinet £ budget"
        );
    }

    #[test]
    fn page_number_shapes() {
        for furniture in [
            "3",
            "- 3 -",
            "– 12 –",
            "Page 3",
            "Page 3 of 10",
            "3 of 10",
            "3/10",
            "iv",
        ] {
            assert!(is_margin_stamp(furniture), "{furniture}");
        }
        for furniture in [
            "C:\\Users\\jclerk\\Documents\\Minutes\\OSC.docx",
            "\\\\fileserver\\democratic\\cabinet\\minutes.docx",
            "/home/clerk/minutes/cabinet.odt",
            "Printed on 12/03/2024 10:31",
        ] {
            assert!(is_margin_stamp(furniture), "{furniture}");
        }
        for body in [
            "4. HOUSING REPAIRS BACKLOG",
            "RESOLVED: That the report be noted.",
            "2024-25",
        ] {
            assert!(!is_margin_stamp(body), "{body}");
        }
    }

    /// Throughput on the fixtures and on any PDFs in $PDF_BENCH_DIR (run with
    /// `cargo test --release -- --ignored --nocapture speed`).
    #[test]
    #[ignore]
    fn speed() {
        let mut files: Vec<(String, Vec<u8>)> =
            ALL.iter().map(|n| (n.to_string(), fixture(n))).collect();
        if let Ok(dir) = std::env::var("PDF_BENCH_DIR") {
            if let Ok(entries) = std::fs::read_dir(dir) {
                for entry in entries.flatten() {
                    let path = entry.path();
                    if path.extension().is_some_and(|e| e == "pdf") {
                        if let Ok(bytes) = std::fs::read(&path) {
                            files.push((path.display().to_string(), bytes));
                        }
                    }
                }
            }
        }
        for (name, bytes) in files {
            let start = std::time::Instant::now();
            let runs = if bytes.len() > 100_000 { 2 } else { 10 };
            let mut pages = 0;
            for _ in 0..runs {
                pages = convert(&bytes).map(|c| c.page_starts.len()).unwrap_or(0);
            }
            let secs = start.elapsed().as_secs_f64() / runs as f64;
            println!(
                "{name}: {} bytes, {pages} pages, {:.1} ms, {:.2} MB/s, {:.0} pages/s",
                bytes.len(),
                secs * 1e3,
                bytes.len() as f64 / secs / 1e6,
                pages as f64 / secs
            );
        }
    }
}
