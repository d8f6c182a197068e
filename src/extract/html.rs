//! HTML input: council web pages to plain lines. Written for the pages ModernGov publishes —
//! the single agenda-item page (`mgAi.aspx`) and the whole-meeting "agenda and minutes" page
//! (`ieListDocuments.aspx`, `mgIssueHistoryHome.aspx`) — but any page reads sensibly.
//!
//! The page is tokenised with `html5gum` (a WHATWG tokenizer: entities, raw-text script and
//! style, broken markup all handled as browsers do) and walked as a stream with our own stack of
//! open elements instead of a DOM. A DOM builder (html5ever) takes quadratic time on deeply
//! nested markup (53 s for 100,000 nested `<div>`s) and any recursive walk of a tree can
//! overflow the stack; the stream needs neither, and lets us close elements the way browsers do
//! for the common tag soup (unclosed `<p>`, `<li>`, `<td>`; stray end tags).
//!
//! What comes out, so the segmenter reads it:
//! - an agenda-item page: `Agenda item`, its title, its purpose, `Minutes:`, then the minutes;
//! - a whole-meeting page: each numbered item as `## 4. Title` followed by its minutes;
//! - tables of questions and answers as labelled lines (see [`tables::rows_to_lines`]);
//! - no page furniture: navigation, headers and footers, scripts, forms, images, icons, document
//!   size labels ("PDF 333 KB"), cookie banners, breadcrumbs.

use super::{tables, Converted, Unreadable};
use encoding_rs::Encoding;
use html5gum::{DefaultEmitter, Token, Tokenizer};
use regex::Regex;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Converts an HTML page to lines; the title is the page's `<title>`.
pub fn convert(bytes: &[u8]) -> Result<Converted, Unreadable> {
    let text = decode(bytes)?;
    let mut emitter = DefaultEmitter::default();
    // Without a tree builder the tokenizer must be told that <script>, <style>, <title> and
    // friends hold raw text; the naive switch does that by tag name, as browsers do.
    emitter.naively_switch_states(true);
    let mut walker = Walker::new();
    for Ok(token) in Tokenizer::new_with_emitter(text.as_ref(), emitter) {
        walker.token(token);
    }
    Ok(walker.finish())
}

// ---------------------------------------------------------------------------------------------
// Bytes to text.

/// How far into the page a `<meta charset>` is looked for. The standard says 1024 bytes; council
/// templates often put long comments and scripts first, so look a little further.
const CHARSET_PRESCAN: usize = 4096;

/// Text of the page. A byte-order mark decides first. Bytes that are valid UTF-8 are taken as
/// UTF-8 even when a `<meta charset>` says otherwise: the caller usually converts pages to UTF-8
/// before us and leaves the old declaration in place, and Windows-1252 text with any accented
/// letter or curly quote is almost never valid UTF-8. Otherwise the declared charset is used,
/// and failing that UTF-8 with replacement characters.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Unreadable> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text);
    }
    if bytes.starts_with(b"%PDF-") {
        return Err(Unreadable("a PDF file, not an HTML page".into()));
    }
    // A stray NUL is a glitch in a page; many of them are a binary file (or UTF-16 without its
    // byte-order mark, which no council page is).
    let sample = &bytes[..bytes.len().min(8192)];
    let nuls = sample.iter().filter(|b| **b == 0).count();
    if nuls >= 2 && nuls * 100 > sample.len() {
        return Err(Unreadable("binary data, not an HTML page".into()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    match declared_charset(&bytes[..bytes.len().min(CHARSET_PRESCAN)]) {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            Ok(encoding.decode_without_bom_handling(bytes).0)
        }
        _ => Ok(String::from_utf8_lossy(bytes)),
    }
}

/// The charset named by a `<meta charset=...>` or `<meta http-equiv content="...; charset=...">`
/// near the top of the page.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while lower.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while lower
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let start = i;
        while lower
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || b"-_:.".contains(b))
        {
            i += 1;
        }
        if let Some(encoding) = Encoding::for_label(&lower[start..i]) {
            // A page cannot really be UTF-16 if its declaration was readable as ASCII.
            return Some(encoding.output_encoding());
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

// ---------------------------------------------------------------------------------------------
// Element classes.

/// Elements whose content is never text to index.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "aside"
            | "button"
            | "select"
            | "textarea"
            | "label"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "dialog"
            | "datalist"
    )
}

/// Elements with no end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements that start on a new line. Anything not listed (and not a table part) is inline.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "html"
            | "legend"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "plaintext"
            | "pre"
            | "section"
            | "summary"
            | "ul"
            | "xmp"
            | "table"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "option"
            | "optgroup"
            | "noscript"
            | "title"
    )
}

/// Words in a class or id that mark page furniture rather than content.
const FURNITURE: &[&str] = &[
    "cookie",
    "breadcrumb",
    "skip-link",
    "skiplink",
    "skip-to",
    "skipto",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader",
    "mgactionlist",
];

/// ARIA landmarks that are not the page's content.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "search",
    "complementary",
    "dialog",
    "alertdialog",
];

/// Lines that are links to page furniture, left when a template marks them with no class.
const FURNITURE_LINES: &[&str] = &[
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "skip navigation",
    "jump to content",
    "back to top",
];

/// How far down the stack of open elements an end tag looks for its start tag. Browsers look
/// further, but only pathological pages have more open elements in the way, and a bound keeps
/// a page of stray end tags over deep nesting from taking quadratic time.
const MAX_SCAN: usize = 4096;

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// "4. Title", "5.1 Title", "6) Title": a numbered heading, as the `## 4. Title` line the
/// segmenter reads as an item boundary.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<num>\d{1,3}(?:\.\d{1,2})?)[.)]?\s+(?P<title>\S.*)$").expect("valid regex")
});

/// A document's type and size as ModernGov prints it beside a link ("PDF 333 KB",
/// "(PDF, 132 KB)").
static SIZE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\(?(?:PDF|DOCX?|XLSX?|PPTX?|RTF|ODT|ODS|CSV|TXT|HTML?|ZIP|MP3|MP4|JPE?G|PNG|GIF),?\s*\d+(?:[.,]\d+)?\s*(?:KB|kB|MB|GB|bytes)\b\)?",
    )
    .expect("valid regex")
});

/// The alt text of ModernGov's document icons, left in pages saved as text and then as HTML.
static ICON_ALT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:pdf|word|excel)\s+icon\b").expect("valid regex"));

fn numbered_heading(text: &str) -> Option<String> {
    let c = NUMBERED.captures(text)?;
    Some(format!("## {}. {}", &c["num"], &c["title"]))
}

// ---------------------------------------------------------------------------------------------
// Line writing.

/// What a table cell knows about itself beyond its text.
#[derive(Debug, Default)]
struct CellInfo {
    /// ModernGov's item-number cell (`td.mgItemNumberCell`).
    number: bool,
    /// The first ModernGov item title (`.mgAiTitleTxt`) in the cell, taken out of its lines.
    title: Option<String>,
    /// Holds a table or a heading, so the table around it is layout, not data.
    has_table: bool,
    has_heading: bool,
}

/// Collects text into lines: whitespace collapsed within a line, a blank line between
/// paragraphs, never two blanks in a row.
#[derive(Debug, Default)]
struct Writer {
    lines: Vec<String>,
    cur: String,
    /// A space is owed before the next word on this line.
    space: bool,
    /// A list marker waiting for its item's first word, so an empty item leaves no stray "1.".
    prefix: Option<String>,
    /// Set when this writer collects one table cell.
    cell: Option<CellInfo>,
}

impl Writer {
    fn text(&mut self, s: &str, pre: bool) {
        for c in s.chars() {
            match c {
                '\n' if pre => self.line_break(),
                ' '
                | '\t'
                | '\n'
                | '\r'
                | '\u{c}'
                | '\u{a0}'
                | '\u{2000}'..='\u{200a}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}' => self.space = true,
                // Invisible characters that only split words for search.
                '\u{200b}'..='\u{200d}' | '\u{ad}' | '\u{feff}' | '\u{2060}' => {}
                c if c.is_control() => self.space = true,
                c => {
                    if self.cur.is_empty() {
                        if let Some(p) = self.prefix.take() {
                            self.cur.push_str(&p);
                        }
                    } else if self.space {
                        self.cur.push(' ');
                    }
                    self.space = false;
                    self.cur.push(c);
                }
            }
        }
    }

    fn line_break(&mut self) {
        self.space = false;
        if self.cur.is_empty() {
            return;
        }
        let line = std::mem::take(&mut self.cur);
        // Cheap tests first: the regexes are the slowest part of the walk when run on every line.
        let line = if ["KB", "kB", "MB", "GB", "bytes", "icon", "Icon", "ICON"]
            .iter()
            .any(|unit| line.contains(unit))
        {
            strip_size_labels(&line)
        } else {
            line
        };
        let line = line.trim();
        if !line.is_empty() && !FURNITURE_LINES.iter().any(|f| line.eq_ignore_ascii_case(f)) {
            self.lines.push(line.to_string());
        }
    }

    fn paragraph_break(&mut self) {
        self.line_break();
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// `<br>`: a new line, or a paragraph break when the line is already empty (`<br><br>`).
    fn br(&mut self) {
        if self.cur.is_empty() {
            self.paragraph_break();
        } else {
            self.line_break();
        }
    }

    /// Adds finished lines (a table, a kept form) as a block of their own.
    fn block(&mut self, lines: Vec<String>) {
        self.paragraph_break();
        // A list marker still waiting belongs to text, not to a table set under the item.
        self.prefix = None;
        for line in lines {
            if line.is_empty() {
                self.paragraph_break();
            } else {
                self.lines.push(line);
            }
        }
        self.paragraph_break();
    }

    fn finish(mut self) -> (Vec<String>, Option<CellInfo>) {
        self.line_break();
        while self.lines.last().is_some_and(|l| l.is_empty()) {
            self.lines.pop();
        }
        (self.lines, self.cell)
    }
}

fn strip_size_labels(line: &str) -> String {
    let without_sizes = SIZE_LABEL.replace_all(line, " ");
    let without_icons = ICON_ALT.replace_all(&without_sizes, " ");
    if matches!(
        (&without_sizes, &without_icons),
        (Cow::Borrowed(_), Cow::Borrowed(_))
    ) {
        return line.to_string();
    }
    without_icons
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------------------------
// Tables.

#[derive(Debug)]
struct Cell {
    lines: Vec<String>,
    info: CellInfo,
}

impl Cell {
    /// The cell's text as one line, for data tables.
    fn joined(&self) -> String {
        let mut parts: Vec<&str> = self.info.title.as_deref().into_iter().collect();
        parts.extend(
            self.lines
                .iter()
                .map(String::as_str)
                .filter(|l| !l.is_empty()),
        );
        parts.join(" ")
    }

    /// The cell's lines with its item title first, for layout tables.
    fn into_lines(self) -> Vec<String> {
        let mut out = Vec::with_capacity(self.lines.len() + 2);
        if let Some(title) = self.info.title {
            out.push(numbered_heading(&title).unwrap_or(title));
            out.push(String::new());
        }
        out.extend(self.lines);
        out
    }
}

#[derive(Debug, Default)]
struct Table {
    /// Marked as layout by its markup (`role="presentation"`, ModernGov's item table).
    layout: bool,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    fn add_cell(&mut self, cell: Cell) {
        match self.rows.last_mut() {
            Some(row) => row.push(cell),
            None => self.rows.push(vec![cell]),
        }
    }

    fn into_lines(self) -> Vec<String> {
        let cells = || self.rows.iter().flatten();
        if cells().any(|c| c.info.number) {
            return moderngov_items(self.rows);
        }
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let layout =
            self.layout || columns <= 1 || cells().any(|c| c.info.has_table || c.info.has_heading);
        if !layout {
            let rows: Vec<Vec<String>> = self
                .rows
                .iter()
                .map(|row| row.iter().map(Cell::joined).collect())
                .collect();
            return tables::rows_to_lines(&rows);
        }
        let mut out = Vec::new();
        for cell in self.rows.into_iter().flatten() {
            out.extend(cell.into_lines());
            out.push(String::new());
        }
        out
    }
}

/// ModernGov's whole-meeting table: each row an item, its number in `td.mgItemNumberCell`, its
/// title in the next cell's first `.mgAiTitleTxt`, then its purpose, minutes and documents.
fn moderngov_items(rows: Vec<Vec<Cell>>) -> Vec<String> {
    let mut out = Vec::new();
    for row in rows {
        let Some(number_at) = row.iter().position(|c| c.info.number) else {
            for cell in row {
                out.extend(cell.into_lines());
                out.push(String::new());
            }
            continue;
        };
        let mut number = String::new();
        let mut title: Option<String> = None;
        let mut body = Vec::new();
        for (i, mut cell) in row.into_iter().enumerate() {
            if i == number_at {
                number = cell.joined();
                continue;
            }
            if title.is_none() {
                title = cell.info.title.take().or_else(|| {
                    let first = cell.lines.iter().position(|l| !l.is_empty())?;
                    Some(cell.lines.remove(first))
                });
            }
            body.extend(cell.into_lines());
            body.push(String::new());
        }
        let number = number.trim().trim_end_matches(['.', ')']).trim();
        let heading = match (number.is_empty(), title) {
            (false, Some(t)) => format!("## {number}. {t}"),
            (true, Some(t)) => format!("## {t}"),
            (false, None) => format!("## {number}."),
            (true, None) => String::new(),
        };
        out.push(String::new());
        if !heading.is_empty() {
            out.push(heading);
            out.push(String::new());
        }
        // The "Minutes:" label is the page's, not the clerk's; under an item heading it would
        // only sit in the item's introduction.
        out.extend(
            body.into_iter()
                .filter(|l| !l.eq_ignore_ascii_case("minutes:")),
        );
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The walk.

/// What closing an element must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    None,
    /// `<title>`: its text is the document title.
    Title,
    /// A heading: may be a numbered item heading, or ModernGov's "Agenda item".
    Heading,
    /// ModernGov's `.mgAiTitleTxt`: in a table cell, the item's title.
    ItemTitle,
    /// `<ol>` / `<ul>`: pops the list's counter.
    List,
    /// `<li>`: an item that ends empty drops its marker.
    Li,
    /// `<table>`: renders the collected rows into the writer outside it.
    Table,
    /// `<td>` / `<th>` in a table: pops the cell's writer into the table.
    Cell,
    /// `<form>`: kept only when it wraps real content (ASP.NET pages wrap the whole page).
    Form,
    Pre,
    /// `<main>`, `<article>`: headers and footers inside are content, not page furniture.
    Content,
}

#[derive(Debug)]
struct Frame {
    name: String,
    action: Action,
    /// Adds a paragraph break (p, headings) rather than a line break on open and close.
    paragraph: bool,
    block: bool,
    /// This element began a skipped region.
    skip: bool,
    /// The writer depth and line count when a heading or title opened, to find its text.
    mark: Option<(usize, usize)>,
}

#[derive(Debug)]
struct ListState {
    ordered: bool,
    next: i64,
    style: u8,
}

/// How much text a `<form>` must hold to be kept: a search box's labels fall short, an ASP.NET
/// form wrapping the whole page does not.
const MIN_FORM_TEXT: usize = 200;

struct Walker {
    stack: Vec<Frame>,
    writers: Vec<Writer>,
    tables: Vec<Table>,
    lists: Vec<ListState>,
    skip_depth: usize,
    pre_depth: usize,
    content_depth: usize,
    title: Option<String>,
    title_text: Option<String>,
    /// A heading read "Agenda item": this is ModernGov's single-item page.
    agenda_item_page: bool,
    /// The list after a "Supporting documents:" label names documents, not minutes.
    skip_next_list: bool,
}

impl Walker {
    fn new() -> Self {
        Walker {
            stack: Vec::new(),
            writers: vec![Writer::default()],
            tables: Vec::new(),
            lists: Vec::new(),
            skip_depth: 0,
            pre_depth: 0,
            content_depth: 0,
            title: None,
            title_text: None,
            agenda_item_page: false,
            skip_next_list: false,
        }
    }

    /// The break a block element makes where it opens or closes; returns the writer.
    fn break_for(&mut self, frame: &Frame) -> &mut Writer {
        let w = self.writer();
        if frame.paragraph {
            w.paragraph_break();
        } else {
            w.line_break();
        }
        w
    }

    fn writer(&mut self) -> &mut Writer {
        if self.writers.is_empty() {
            self.writers.push(Writer::default());
        }
        let last = self.writers.len() - 1;
        &mut self.writers[last]
    }

    fn token(&mut self, token: Token) {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                let attrs: BTreeMap<String, String> = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| {
                        (
                            String::from_utf8_lossy(k).into_owned(),
                            String::from_utf8_lossy(v).into_owned(),
                        )
                    })
                    .collect();
                self.start(name, &attrs, tag.self_closing);
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name);
                self.end(&name);
            }
            Token::String(s) => {
                let s = String::from_utf8_lossy(&s);
                self.text(&s);
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if let Some(title) = self.title_text.as_mut() {
            title.push_str(s);
            return;
        }
        if self.skip_depth > 0 {
            return;
        }
        if self.skip_next_list && !s.trim().is_empty() {
            self.skip_next_list = false;
        }
        let pre = self.pre_depth > 0;
        self.writer().text(s, pre);
    }

    fn start(&mut self, name: String, attrs: &BTreeMap<String, String>, self_closing: bool) {
        self.close_implied(&name);
        let name = name.as_str();
        let skipping = self.skip_depth > 0;

        if is_void(name) {
            if !skipping {
                match name {
                    "br" => self.writer().br(),
                    "hr" => self.writer().paragraph_break(),
                    _ => {}
                }
            }
            return;
        }
        // Only foreign content (svg, math) honours "/>"; inside a skipped region that is where
        // it is met, and it keeps the stack balanced there.
        if self_closing && (skipping || name == "svg" || name == "math") {
            return;
        }

        let skip = !skipping && self.is_furniture(name, attrs);
        let mut frame = Frame {
            name: name.to_string(),
            action: Action::None,
            paragraph: name == "p" || is_heading(name),
            block: is_block(name),
            skip,
            mark: None,
        };
        if skip || skipping {
            if skip {
                self.skip_depth += 1;
            }
            self.stack.push(frame);
            return;
        }

        if frame.block {
            self.break_for(&frame);
        }
        let class = attrs.get("class").map(String::as_str).unwrap_or("");
        let has_class = |c: &str| {
            class
                .split_ascii_whitespace()
                .any(|k| k.eq_ignore_ascii_case(c))
        };

        match name {
            "title" if self.title.is_none() => {
                frame.action = Action::Title;
                self.title_text = Some(String::new());
            }
            "main" | "article" => {
                frame.action = Action::Content;
                self.content_depth += 1;
            }
            "pre" | "listing" | "plaintext" => {
                frame.action = Action::Pre;
                self.pre_depth += 1;
            }
            "ol" | "ul" | "menu" | "dir" => {
                frame.action = Action::List;
                let ordered = name == "ol";
                let style = match attrs.get("type").map(String::as_str) {
                    Some("a") => b'a',
                    Some("A") => b'A',
                    Some("i") => b'i',
                    Some("I") => b'I',
                    _ => b'1',
                };
                let next = attrs
                    .get("start")
                    .and_then(|s| s.trim().parse::<i64>().ok())
                    .unwrap_or(1);
                self.lists.push(ListState {
                    ordered,
                    next,
                    style,
                });
            }
            "li" => {
                let marker = match self.lists.last_mut() {
                    Some(list) if list.ordered => {
                        if let Some(v) = attrs.get("value").and_then(|v| v.trim().parse().ok()) {
                            list.next = v;
                        }
                        let n = list.next;
                        list.next = list.next.saturating_add(1);
                        format!("{}. ", list_marker(n, list.style))
                    }
                    _ => "- ".to_string(),
                };
                frame.action = Action::Li;
                self.writer().prefix = Some(marker);
            }
            "table" => {
                frame.action = Action::Table;
                let role = attrs.get("role").map(String::as_str).unwrap_or("");
                let layout = matches!(role, "presentation" | "none")
                    || has_class("mgItemTable")
                    || class.to_ascii_lowercase().contains("layout");
                if let Some(cell) = self.writer().cell.as_mut() {
                    cell.has_table = true;
                }
                self.tables.push(Table {
                    layout,
                    rows: Vec::new(),
                });
            }
            "tr" => {
                if let Some(table) = self.tables.last_mut() {
                    table.rows.push(Vec::new());
                }
            }
            "td" | "th" if !self.tables.is_empty() => {
                frame.action = Action::Cell;
                self.writers.push(Writer {
                    cell: Some(CellInfo {
                        number: has_class("mgItemNumberCell"),
                        ..CellInfo::default()
                    }),
                    ..Writer::default()
                });
            }
            "form" => {
                frame.action = Action::Form;
                self.writers.push(Writer::default());
            }
            _ => {}
        }
        if frame.action == Action::None
            && attrs
                .get("role")
                .is_some_and(|r| r.eq_ignore_ascii_case("main"))
        {
            frame.action = Action::Content;
            self.content_depth += 1;
        }
        if has_class("mgAiTitleTxt") && frame.action == Action::None {
            frame.action = Action::ItemTitle;
        } else if is_heading(name) && frame.action == Action::None {
            frame.action = Action::Heading;
        }
        if matches!(frame.action, Action::ItemTitle | Action::Heading) {
            let depth = self.writers.len();
            let w = self.writer();
            w.line_break();
            frame.mark = Some((depth, w.lines.len()));
        }
        self.stack.push(frame);
    }

    /// Whether an element is page furniture: by tag, by ARIA role, or by class or id words.
    fn is_furniture(&mut self, name: &str, attrs: &BTreeMap<String, String>) -> bool {
        if is_skipped(name) {
            return true;
        }
        if matches!(name, "header" | "footer") && self.content_depth == 0 {
            return true;
        }
        if matches!(
            name,
            "html" | "body" | "main" | "article" | "form" | "title"
        ) {
            return false;
        }
        if (matches!(name, "ul" | "ol") && std::mem::take(&mut self.skip_next_list))
            || attrs.get("aria-hidden").is_some_and(|v| v == "true")
        {
            return true;
        }
        if let Some(role) = attrs.get("role") {
            let role = role.to_ascii_lowercase();
            if FURNITURE_ROLES
                .iter()
                .any(|r| role.split_whitespace().any(|x| x == *r))
            {
                return true;
            }
        }
        ["class", "id"].iter().any(|key| {
            attrs.get(*key).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                FURNITURE.iter().any(|f| v.contains(f))
            })
        })
    }

    /// Closes what a start tag closes in browsers: an open `<p>` before a block, an open `<li>`
    /// before the next, an open cell or row before the next, a heading before a heading.
    fn close_implied(&mut self, name: &str) {
        match name {
            "li" => self.close_nearest(&["li"], &["ol", "ul", "menu", "dir", "table", "td", "th"]),
            "dt" | "dd" => self.close_nearest(&["dt", "dd"], &["dl", "table", "td", "th"]),
            "td" | "th" => self.close_lowest(&["td", "th"], &["tr", "table"]),
            "tr" => self.close_lowest(&["tr", "td", "th"], &["table"]),
            "thead" | "tbody" | "tfoot" => {
                self.close_lowest(&["tr", "td", "th", "thead", "tbody", "tfoot"], &["table"])
            }
            "option" | "optgroup" => self.close_nearest(&["option"], &["select"]),
            _ => {}
        }
        if is_block(name) {
            self.close_open_p();
        }
        if is_heading(name) && self.stack.last().is_some_and(|f| is_heading(&f.name)) {
            self.pop_to(self.stack.len() - 1);
        }
    }

    /// An open `<p>` sits under inline elements only; a block start closes it.
    fn close_open_p(&mut self) {
        for i in (0..self.stack.len()).rev().take(MAX_SCAN) {
            let f = &self.stack[i];
            if f.name == "p" {
                self.pop_to(i);
                return;
            }
            if f.block {
                return;
            }
        }
    }

    /// Closes the nearest open element named in `names`, unless a `stop` element comes first.
    fn close_nearest(&mut self, names: &[&str], stop: &[&str]) {
        for i in (0..self.stack.len()).rev().take(MAX_SCAN) {
            let n = self.stack[i].name.as_str();
            if names.contains(&n) {
                self.pop_to(i);
                return;
            }
            if stop.contains(&n) {
                return;
            }
        }
    }

    /// Closes the outermost of the open elements named in `names` above the first `stop`
    /// element: a new row closes the open cell and the open row together.
    fn close_lowest(&mut self, names: &[&str], stop: &[&str]) {
        let mut lowest = None;
        for i in (0..self.stack.len()).rev().take(MAX_SCAN) {
            let n = self.stack[i].name.as_str();
            if stop.contains(&n) {
                break;
            }
            if names.contains(&n) {
                lowest = Some(i);
            }
        }
        if let Some(i) = lowest {
            self.pop_to(i);
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "br" => {
                if self.skip_depth == 0 {
                    self.writer().br();
                }
                return;
            }
            // Browsers keep reading after </body> and </html>; so do we.
            "body" | "html" => return,
            _ => {}
        }
        let inline = !is_block(name);
        let boundary: &[&str] = match name {
            "td" | "th" | "tr" | "thead" | "tbody" | "tfoot" | "caption" => &["table"],
            "table" => &[],
            "li" => &["ol", "ul", "menu", "dir", "table", "td", "th"],
            _ => &["table", "td", "th", "caption"],
        };
        let headings = is_heading(name);
        for i in (0..self.stack.len()).rev().take(MAX_SCAN) {
            let n = self.stack[i].name.as_str();
            if n == name || (headings && is_heading(n)) {
                self.pop_to(i);
                return;
            }
            if boundary.contains(&n) || (inline && self.stack[i].block) {
                break;
            }
        }
        // A </p> with no <p> open still breaks the paragraph in browsers.
        if name == "p" && self.skip_depth == 0 {
            self.writer().paragraph_break();
        }
    }

    /// Closes every open element from the top of the stack down to `index`, inclusive.
    fn pop_to(&mut self, index: usize) {
        while self.stack.len() > index {
            if let Some(frame) = self.stack.pop() {
                self.close(frame);
            }
        }
    }

    fn close(&mut self, frame: Frame) {
        if frame.skip {
            self.skip_depth = self.skip_depth.saturating_sub(1);
            return;
        }
        if self.skip_depth > 0 {
            return;
        }
        match frame.action {
            Action::None => {}
            Action::Title => {
                if let Some(text) = self.title_text.take() {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !text.is_empty() {
                        self.title = Some(text);
                    }
                }
            }
            Action::Content => self.content_depth = self.content_depth.saturating_sub(1),
            Action::Pre => self.pre_depth = self.pre_depth.saturating_sub(1),
            Action::List => {
                self.lists.pop();
            }
            Action::Li => self.writer().prefix = None,
            Action::Heading | Action::ItemTitle => self.close_marked(&frame),
            Action::Cell => {
                if self.writers.len() > 1 {
                    if let Some(w) = self.writers.pop() {
                        let (lines, info) = w.finish();
                        let cell = Cell {
                            lines,
                            info: info.unwrap_or_default(),
                        };
                        if let Some(table) = self.tables.last_mut() {
                            table.add_cell(cell);
                        }
                    }
                }
            }
            Action::Table => {
                if let Some(table) = self.tables.pop() {
                    let lines = table.into_lines();
                    self.writer().block(lines);
                }
            }
            Action::Form => {
                if self.writers.len() > 1 {
                    if let Some(w) = self.writers.pop() {
                        let (lines, _) = w.finish();
                        let size: usize = lines.iter().map(String::len).sum();
                        if size >= MIN_FORM_TEXT {
                            self.writer().block(lines);
                        }
                    }
                }
            }
        }
        if frame.block {
            let w = self.break_for(&frame);
            let last = w.lines.iter().rev().find(|l| !l.is_empty());
            if last.is_some_and(|l| l.eq_ignore_ascii_case("supporting documents:")) {
                self.skip_next_list = true;
            }
        }
    }

    /// A heading or item title has closed: read its text back from the writer.
    fn close_marked(&mut self, frame: &Frame) {
        let Some((depth, mark)) = frame.mark else {
            return;
        };
        if depth != self.writers.len() {
            return;
        }
        let is_heading = frame.action == Action::Heading;
        let mut agenda_item = false;
        let w = self.writer();
        w.line_break();
        let mark = mark.min(w.lines.len());
        let text = w.lines[mark..]
            .iter()
            .filter(|l| !l.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        if text.is_empty() {
            return;
        }
        if is_heading {
            if let Some(cell) = w.cell.as_mut() {
                cell.has_heading = true;
            }
            agenda_item = text.eq_ignore_ascii_case("agenda item");
            if let Some(h) = numbered_heading(&text) {
                w.lines.truncate(mark);
                w.lines.push(h);
            }
        } else if let Some(cell) = w.cell.as_mut() {
            if cell.title.is_none() {
                cell.title = Some(text);
                w.lines.truncate(mark);
            }
        }
        self.agenda_item_page |= agenda_item;
    }

    fn finish(mut self) -> Converted {
        self.pop_to(0);
        if let Some(text) = self.title_text.take() {
            // An unclosed <title>: browsers show it as the title all the same.
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() && self.title.is_none() {
                self.title = Some(text);
            }
        }
        let mut lines = Vec::new();
        // Writers left by unclosed cells and forms fold into the one below them.
        while let Some(w) = self.writers.pop() {
            let (mut rest, _) = w.finish();
            rest.push(String::new());
            rest.append(&mut lines);
            lines = rest;
        }
        let lines = tidy(lines);
        let lines = if self.agenda_item_page {
            arrange_agenda_item(lines)
        } else {
            lines
        };
        Converted {
            lines,
            page_starts: Vec::new(),
            title: self.title,
        }
    }
}

fn list_marker(n: i64, style: u8) -> String {
    let letter = |base: u8| -> Option<String> {
        let i = u8::try_from(n.checked_sub(1)?).ok().filter(|i| *i < 26)?;
        Some(char::from(base + i).to_string())
    };
    match style {
        b'a' => letter(b'a'),
        b'A' => letter(b'A'),
        b'i' => roman(n),
        b'I' => roman(n).map(|r| r.to_ascii_uppercase()),
        _ => None,
    }
    .unwrap_or_else(|| n.to_string())
}

fn roman(n: i64) -> Option<String> {
    if !(1..40).contains(&n) {
        return None;
    }
    let tens = ["", "x", "xx", "xxx"];
    let ones = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    let n = n as usize;
    Some(format!("{}{}", tens[n / 10], ones[n % 10]))
}

/// No leading, trailing or doubled blank lines.
fn tidy(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// How many lines after an agenda-item page's title its header (meeting, purpose) may take.
const AGENDA_ITEM_HEADER: usize = 6;

/// Puts a ModernGov agenda-item page in the order the segmenter reads: `Agenda item`, title,
/// purpose, `Minutes:`. What comes before the page heading is site furniture; the
/// "Meeting: 14/10/2025 - Committee (Item 5)" line, which the page prints between title and
/// purpose, would be read as the purpose, so it moves below `Minutes:` (its date stays near
/// the top, where the date finder looks).
fn arrange_agenda_item(lines: Vec<String>) -> Vec<String> {
    let Some(start) = lines
        .iter()
        .position(|l| l.eq_ignore_ascii_case("agenda item"))
    else {
        return lines;
    };
    let mut rest = lines.into_iter().skip(start + 1);
    let mut out = vec!["Agenda item".to_string(), String::new()];
    let Some(title) = rest.by_ref().find(|l| !l.is_empty()) else {
        return tidy(out);
    };
    out.push(title);
    out.push(String::new());
    let rest: Vec<String> = rest.collect();
    let paragraphs: Vec<(usize, &String)> = rest
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .take(AGENDA_ITEM_HEADER)
        .collect();
    let minutes = paragraphs
        .iter()
        .find(|(_, l)| {
            let l = l.trim_end_matches(':');
            l.eq_ignore_ascii_case("minutes")
        })
        .map(|(i, _)| *i);
    let is_meeting = |l: &str| {
        l.get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("meeting:"))
    };
    let header_end = minutes.unwrap_or_else(|| {
        // No minutes yet: the header is the meeting line and the purpose after it.
        paragraphs
            .iter()
            .find(|(_, l)| !is_meeting(l))
            .map_or(0, |(i, _)| *i + 1)
    });
    let (mut header, mut meeting) = (Vec::new(), Vec::new());
    for line in &rest[..header_end.min(rest.len())] {
        if is_meeting(line) {
            meeting.push(line.clone());
        } else {
            header.push(line.clone());
        }
    }
    let after = rest.get(header_end..).unwrap_or(&[]);
    let (minutes_line, after) = match (minutes, after.split_first()) {
        (Some(_), Some((m, after))) => (Some(m.clone()), after),
        _ => (None, after),
    };
    out.extend(header);
    out.push(String::new());
    if let Some(m) = minutes_line {
        out.push(m);
        out.push(String::new());
    }
    out.extend(meeting);
    out.push(String::new());
    out.extend(after.iter().cloned());
    tidy(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/{}",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html"),
            name
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn lines(html: &str) -> Vec<String> {
        convert(html.as_bytes()).expect("readable").lines
    }

    fn non_empty(lines: &[String]) -> Vec<&str> {
        lines
            .iter()
            .map(String::as_str)
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn agenda_item_page_reads_like_the_moderngov_header() {
        let c = convert(&fixture("mgai_agenda_item.html")).expect("readable");
        assert_eq!(
            c.title.as_deref(),
            Some("Agenda item - Home to School Transport Review | Brackenmoor District Council")
        );
        assert_eq!(
            &c.lines[..8],
            [
                "Agenda item",
                "",
                "Home to School Transport Review",
                "",
                "To review the council\u{2019}s home to school transport arrangements following the autumn term changes",
                "",
                "Minutes:",
                "",
            ]
        );
        // The meeting line moves below "Minutes:" so it is not taken for the purpose.
        assert_eq!(
            c.lines[8],
            "Meeting: 14/10/2025 - Children and Families Scrutiny Committee (Item 5)"
        );
        let q = c
            .lines
            .iter()
            .position(|l| l.starts_with("1. Question: Why had some pupils"))
            .expect("first question");
        assert_eq!(
            c.lines[q + 1],
            "Response: Two contractors had withdrawn at short notice; replacement routes were \
             now in place and waiting times were back under fifteen minutes."
        );
        // <ol start="2"> keeps counting.
        assert!(c
            .lines
            .contains(&"3. Question: What was the projected overspend for 2025/26?".to_string()));
        assert!(c.lines.contains(
            &"Response: The current forecast was \u{a3}1.4m over budget, driven mainly by taxi costs."
                .to_string()
        ));
        assert_eq!(
            c.lines.last().map(String::as_str),
            Some("Supporting documents:")
        );
    }

    #[test]
    fn page_furniture_is_not_text() {
        for name in ["mgai_agenda_item.html", "moderngov_meeting.html"] {
            let c = convert(&fixture(name)).expect("readable");
            let all = c.lines.join("\n");
            for absent in [
                "pdf icon",
                "PDF 333 KB",
                "KB",
                "script text",
                "style text",
                "cookies",
                "Accept",
                "Skip to",
                "Bins and recycling",
                "Search this site",
                "logo",
                "Accessibility statement",
                "Council >",
                "Committees",
                "enable JavaScript",
                "View the reasons",
                "Appendix",
                "VIEWSTATE",
            ] {
                assert!(!all.contains(absent), "{name}: {absent:?} in\n{all}");
            }
        }
    }

    #[test]
    fn whole_meeting_page_gives_numbered_item_headings() {
        let c = convert(&fixture("moderngov_meeting.html")).expect("readable");
        let headings: Vec<&str> = c
            .lines
            .iter()
            .map(String::as_str)
            .filter(|l| l.starts_with("## "))
            .collect();
        assert_eq!(
            headings,
            [
                "## 1. Apologies for Absence",
                "## 2. Declarations of Interest",
                "## 3. Town Centre Parking Review",
                "## 4. Street Lighting Energy Savings",
                "## 5. Work Programme 2025/26",
            ]
        );
        let at = |text: &str| c.lines.iter().position(|l| l == text).expect(text);
        // Each heading is followed by its own minutes, without the page's "Minutes:" label.
        assert_eq!(
            non_empty(&c.lines[at("## 1. Apologies for Absence")..])[1],
            "Apologies were received from Councillor Hollis and Councillor Pryor."
        );
        assert!(!c.lines.iter().any(|l| l == "Minutes:"));
        // The question-and-answer table inside item 3's minutes becomes labelled lines.
        let q = at("Question: Would evening charges at Mill Street car park be reviewed?");
        assert!(q > at("## 3. Town Centre Parking Review"));
        assert_eq!(c.lines[q + 1], "Asked by: Cllr Ruth Okafor");
        assert_eq!(
            c.lines[q + 2],
            "Response: Yes; a consultation on evening charges would open in May."
        );
        let q4 = at("1. Question: When would the LED replacement programme finish?");
        assert_eq!(
            c.lines[q4 + 1],
            "Response: All main roads would be complete by December 2025."
        );
    }

    #[test]
    fn windows_1252_page_is_decoded_by_its_meta_charset() {
        let c = convert(&fixture("windows1252.html")).expect("readable");
        assert_eq!(
            c.title.as_deref(),
            Some("Minutes \u{2013} Licensing Sub-Committee")
        );
        assert_eq!(c.lines[0], "## 6. Caf\u{e9} Licence Application");
        assert_eq!(
            c.lines[2],
            "Question: Would the caf\u{e9}\u{2019}s outdoor seating cost more than \u{a3}500 a year?"
        );
    }

    #[test]
    fn utf8_bytes_win_over_a_stale_charset_declaration() {
        let html = "<meta charset=\"windows-1252\"><p>Fees rose to \u{a3}30 \u{2013} agreed.</p>";
        assert_eq!(lines(html), ["Fees rose to \u{a3}30 \u{2013} agreed."]);
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily() {
        let c = convert(b"<p>Grant of \xff\xfe500 approved</p><p>Next</p>").expect("readable");
        assert_eq!(
            c.lines,
            ["Grant of \u{fffd}\u{fffd}500 approved", "", "Next"]
        );
    }

    #[test]
    fn binary_files_are_unreadable() {
        assert_eq!(
            convert(b"%PDF-1.7\n%\xe2\xe3").map(|c| c.lines),
            Err(Unreadable("a PDF file, not an HTML page".into()))
        );
        assert!(convert(b"PK\x03\x04\x00\x00binary").is_err());
        let glitch = format!("<p>Item 4\u{0}</p>{}", "<p>Minutes text.</p>".repeat(20));
        assert_eq!(
            convert(glitch.as_bytes()).map(|c| c.lines[0].clone()),
            Ok("Item 4".into())
        );
        // A UTF-16 page with its byte-order mark is text.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<p>Item 4</p>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            convert(&utf16).map(|c| c.lines),
            Ok(vec!["Item 4".to_string()])
        );
    }

    #[test]
    fn entities_and_spaces() {
        assert_eq!(
            lines("<p>Roads&nbsp;&amp;&nbsp;Transport:\n\t  &pound;2.5m &ndash; &#8220;agreed&#8221;&#x2e;</p>"),
            ["Roads & Transport: \u{a3}2.5m \u{2013} \u{201c}agreed\u{201d}."]
        );
        // A paragraph of only a non-breaking space is a paragraph break, not a line of space.
        assert_eq!(
            lines("<p>One</p><p>&nbsp;</p><p>&nbsp;</p><p>Two</p>"),
            ["One", "", "Two"]
        );
    }

    #[test]
    fn blocks_break_lines_and_paragraphs() {
        assert_eq!(
            lines("<div>Chair<br>Cllr Mead</div><div>Vice-chair</div><h3>Present</h3><p>All members</p>"),
            ["Chair", "Cllr Mead", "Vice-chair", "", "Present", "", "All members"]
        );
        assert_eq!(
            lines("<p>Moved<br><br>Seconded</p>"),
            ["Moved", "", "Seconded"]
        );
        assert_eq!(
            lines("Budget<span> </span><b>approved</b>."),
            ["Budget approved."]
        );
    }

    #[test]
    fn ordered_lists_keep_their_numbers() {
        assert_eq!(
            lines("<ol><li>Question: Why?</li><li value=\"7\">Noted</li><li>Next</li></ol><ul><li>Bullet</li><li></li></ul>"),
            ["1. Question: Why?", "7. Noted", "8. Next", "- Bullet"]
        );
        assert_eq!(
            lines("<ol type=\"a\"><li>first</li><li>second</li></ol><ol type=\"i\" start=\"4\"><li>fourth</li></ol>"),
            ["a. first", "b. second", "iv. fourth"]
        );
        // A nested list numbers itself; the outer list carries on.
        assert_eq!(
            lines("<ol><li>Outer<ol><li>Inner</li></ol></li><li>Outer again</li></ol>"),
            ["1. Outer", "1. Inner", "2. Outer again"]
        );
    }

    #[test]
    fn numbered_headings_become_item_headings() {
        assert_eq!(
            lines("<h2>7.  Matters Arising</h2><p>None.</p><h3>7.1 Fly-tipping update.</h3>"),
            [
                "## 7. Matters Arising",
                "",
                "None.",
                "",
                "## 7.1. Fly-tipping update."
            ]
        );
        assert_eq!(lines("<h2>2025 Budget</h2>"), ["2025 Budget"]);
    }

    #[test]
    fn question_and_answer_tables_become_labelled_lines() {
        let html = "<table><thead><tr><th>Question</th><th>Answer</th></tr></thead>\
            <tbody><tr><td>Is the pool reopening?</td><td>Yes, in <b>June</b>.</td></tr>\
            <tr><td><p>Who pays?</p><p>And when?</p></td><td>The trust.</td></tr></tbody></table>";
        assert_eq!(
            lines(html),
            [
                "Question: Is the pool reopening?",
                "Response: Yes, in June.",
                "",
                "Question: Who pays? And when?",
                "Response: The trust.",
            ]
        );
    }

    #[test]
    fn other_tables_keep_their_cells() {
        assert_eq!(
            lines("<table><tr><td>Budget line</td><td>2024/25</td></tr><tr><td>Respite care</td><td>&pound;1.2m</td></tr></table><p>After</p>"),
            ["Budget line | 2024/25", "Respite care | \u{a3}1.2m", "", "After"]
        );
        // A one-column box keeps its paragraphs.
        assert_eq!(
            lines("<table><tr><td><p>First point.</p><p>Second point.</p></td></tr></table>"),
            ["First point.", "", "Second point."]
        );
        // A table around a table is layout: its cells' text in reading order.
        assert_eq!(
            lines("<table><tr><td>Left</td><td><table><tr><td>a</td><td>b</td></tr></table></td></tr></table>"),
            ["Left", "", "a | b"]
        );
    }

    #[test]
    fn malformed_html_still_gives_its_text() {
        assert_eq!(
            lines("<p>One<p>Two</div></div><li>Three<li>Four</span><table><tr><td>x<td>y<tr><td>z"),
            ["One", "", "Two", "", "- Three", "- Four", "", "x | y", "z"]
        );
        assert_eq!(lines("<div><b>Unclosed <i>inline"), ["Unclosed inline"]);
        assert_eq!(lines("</p></table></li>Stray end tags"), ["Stray end tags"]);
        assert_eq!(lines("<p>Cut off mid-tag <a href=\"x"), ["Cut off mid-tag"]);
        // A skipped element left open ends with its parent.
        assert_eq!(lines("<div><nav>Menu</div><p>Body text</p>"), ["Body text"]);
        assert_eq!(lines(""), Vec::<String>::new());
    }

    #[test]
    fn headers_inside_the_content_are_kept() {
        assert_eq!(
            lines("<header>Site banner</header><main><header><h1>Agenda item</h1></header></main>"),
            ["Agenda item"]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let depth = 100_000;
        let mut html = "<div>".repeat(depth);
        html.push_str("The minutes were approved as a correct record.");
        html.push_str(&"</div>".repeat(depth));
        html.push_str("<p>After the nesting</p>");
        assert_eq!(
            lines(&html),
            [
                "The minutes were approved as a correct record.",
                "",
                "After the nesting"
            ]
        );
        // The same depth, never closed, and with stray end tags on top.
        let mut html = "<div><span>".repeat(depth / 2);
        html.push_str("Deep text");
        html.push_str(&"</section>".repeat(1000));
        assert_eq!(lines(&html), ["Deep text"]);
    }

    #[test]
    fn small_forms_are_dropped_and_page_wrapping_forms_kept() {
        assert_eq!(
            lines("<form action=\"/search\"><p>Find a meeting</p><input name=\"q\"></form><p>Minutes follow.</p>"),
            ["Minutes follow."]
        );
        let long = "The committee considered the annual report in detail. ".repeat(5);
        assert_eq!(
            lines(&format!("<form id=\"aspnetForm\"><p>{long}</p></form>")),
            [long.trim()]
        );
    }

    #[test]
    fn tag_soup_never_panics() {
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<li>",
            "<ol start=\"-9223372036854775808\">",
            "<ol type=\"i\" start=\"99\">",
            "</ol>",
            "<ul>",
            "<table>",
            "</table>",
            "<tr>",
            "<td class=\"mgItemNumberCell\">",
            "<td>",
            "</td>",
            "<th>",
            "<h2>",
            "</h2>",
            "<p class=\"mgAiTitleTxt\">",
            "<form>",
            "</form>",
            "<nav>",
            "</nav>",
            "<script>",
            "</script>",
            "<svg/>",
            "<svg><path/>",
            "</svg>",
            "<br>",
            "</br>",
            "<title>",
            "</title>",
            "<pre>",
            "</pre>",
            "&amp;",
            "&#0;",
            "&nbsp;",
            "\u{0}",
            "text ",
            "4. Item ",
            "Question: q? ",
            "Response: r. ",
            "Agenda item",
            "Minutes:",
            "Meeting: 1/1/2025",
            "Supporting documents:",
            "PDF 3 KB",
            "<main>",
            "<header>",
            "</header>",
            "<!--",
            "-->",
            "<![CDATA[",
            "<",
            ">",
            "\u{e9}",
            "</html>",
            "<body>",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut html = String::new();
            for _ in 0..(state % 60) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                html.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
            }
            let Ok(c) = convert(html.as_bytes()) else {
                assert!(html.contains('\0'), "{html}");
                continue;
            };
            assert!(c.lines.first().is_none_or(|l| !l.is_empty()), "{html}");
            assert!(
                c.lines
                    .windows(2)
                    .all(|w| !(w[0].is_empty() && w[1].is_empty())),
                "{html}"
            );
        }
    }

    #[test]
    fn size_labels_are_removed_wherever_they_sit() {
        assert_eq!(
            strip_size_labels("Printed minutes 04th-Mar-2025 18.30 pdf icon PDF 97 KB"),
            "Printed minutes 04th-Mar-2025 18.30"
        );
        assert_eq!(
            strip_size_labels("Agenda frontsheet (PDF, 132 KB)"),
            "Agenda frontsheet"
        );
        assert_eq!(
            strip_size_labels("Report PDF 1 MB and Map PDF 2.5 MB"),
            "Report and Map"
        );
        assert_eq!(
            strip_size_labels("Spent 20 KB of quota"),
            "Spent 20 KB of quota"
        );
    }
}
