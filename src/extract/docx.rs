//! Word .docx (Office Open XML) to lines.
//!
//! Council minutes and reports are often published as .docx. This module streams the main
//! document part (`word/document.xml`) out of the zip package and writes its paragraphs and
//! tables in body order: headings (`Heading1`..`Heading9`, `Title`, any style whose id starts
//! with "Heading") become `## text` lines, every paragraph ends with a paragraph break, and
//! tables go through [`tables::rows_to_lines`], so a Question/Response table becomes labelled
//! lines the segmenter reads as exchanges. Tracked deletions, field instructions and the
//! fallback copies of text boxes are left out, so each word appears once and only as last saved.
//!
//! The package is untrusted: the decompressed bytes actually read are capped (the sizes in the
//! zip headers are not trusted), entries that expand more than 200:1 are refused, and an OLE
//! compound file (an encrypted .docx or a legacy .doc) is recognised and named as such.

use super::{tables, Converted, Unreadable};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::io::{self, BufRead, BufReader, Cursor, Read};

/// Both a password-protected .docx and a legacy binary .doc are OLE compound files.
const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ZIP_SIGNATURE: &[u8] = b"PK\x03\x04";
const DOCUMENT_PART: &str = "word/document.xml";
const CORE_PART: &str = "docProps/core.xml";
const RELS_PART: &str = "_rels/.rels";
const MB: u64 = 1024 * 1024;

/// How far a zip entry may expand when read; guards against zip bombs.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// Most decompressed bytes read from one entry.
    max_bytes: u64,
    /// Most decompressed bytes per compressed byte, checked once past `ratio_floor`.
    max_ratio: u64,
    /// Small entries may compress very well (a page of empty table cells) without harm.
    ratio_floor: u64,
}

const DEFAULT_LIMITS: Limits = Limits {
    max_bytes: 256 * MB,
    max_ratio: 200,
    ratio_floor: MB,
};

/// Package metadata parts hold a few short fields; anything larger is not worth reading.
const SMALL_PART_LIMIT: u64 = 4 * MB;

/// Converts a .docx file's bytes to lines (paragraphs and tables in document order) and its
/// `dc:title`. Fails with a reason the user can act on for non-zip input, a missing main
/// part, malformed XML, zip bombs and encrypted or legacy Word files.
pub fn convert(bytes: &[u8]) -> Result<Converted, Unreadable> {
    convert_with(bytes, DEFAULT_LIMITS)
}

fn convert_with(bytes: &[u8], limits: Limits) -> Result<Converted, Unreadable> {
    if bytes.starts_with(&OLE_SIGNATURE) {
        return Err(unreadable("encrypted or legacy Word file (not .docx)"));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        // A zip signature with no readable central directory (most often a cut-off download)
        // is a damaged .docx, not some other kind of file.
        if bytes.starts_with(ZIP_SIGNATURE) {
            unreadable("corrupt .docx: damaged zip archive")
        } else {
            unreadable("corrupt .docx: not a zip archive")
        }
    })?;
    let part = main_part(&mut archive)
        .ok_or_else(|| unreadable(&format!("corrupt .docx: missing {DOCUMENT_PART}")))?;
    let lines = {
        let file = archive.by_name(&part).map_err(|e| zip_error(&part, e))?;
        let compressed = file.compressed_size();
        read_document(file, compressed, &part, limits)?
    };
    let title = read_title(&mut archive, limits);
    Ok(Converted {
        lines,
        page_starts: Vec::new(),
        title,
    })
}

fn unreadable(reason: &str) -> Unreadable {
    Unreadable(reason.to_string())
}

fn zip_error(part: &str, e: zip::result::ZipError) -> Unreadable {
    use zip::result::ZipError;
    match e {
        ZipError::FileNotFound => unreadable(&format!("corrupt .docx: missing {part}")),
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            unreadable(&format!("corrupt .docx: {part} is password-protected"))
        }
        ZipError::CompressionMethodNotSupported(m) => unreadable(&format!(
            "corrupt .docx: {part} uses unsupported compression method {m}"
        )),
        other => unreadable(&format!(
            "corrupt .docx: {part}: {}",
            shorten(&other.to_string())
        )),
    }
}

/// The main document part: `word/document.xml` in every Word-made file, but the package
/// relationships are the authority, and a few generators name the part differently.
fn main_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    if archive.index_for_name(DOCUMENT_PART).is_some() {
        return Some(DOCUMENT_PART.to_string());
    }
    let target = office_document_target(archive.by_name(RELS_PART).ok()?)?;
    let name = target.trim_start_matches('/').to_string();
    archive.index_for_name(&name).map(|_| name)
}

/// The target of the package's officeDocument relationship, from `_rels/.rels`.
fn office_document_target<R: Read>(file: zip::read::ZipFile<'_, R>) -> Option<String> {
    let compressed = file.compressed_size();
    let limits = Limits {
        max_bytes: SMALL_PART_LIMIT,
        ..DEFAULT_LIMITS
    };
    let mut guarded = Guarded::new(file, compressed, limits);
    let mut reader = Reader::from_reader(BufReader::new(&mut guarded));
    let mut buf = Vec::new();
    let mut target = None;
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let is_main = attr(&e, "Type").is_some_and(|t| t.ends_with("/officeDocument"));
                if is_main {
                    target = attr(&e, "Target");
                    break;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    target
}

/// The `dc:title` from the core properties. A missing or damaged core.xml only costs the
/// title, so every failure here is `None` rather than an error.
fn read_title(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, limits: Limits) -> Option<String> {
    let file = archive.by_name(CORE_PART).ok()?;
    let compressed = file.compressed_size();
    let limits = Limits {
        max_bytes: limits.max_bytes.min(SMALL_PART_LIMIT),
        ..limits
    };
    let mut guarded = Guarded::new(file, compressed, limits);
    let mut reader = Reader::from_reader(BufReader::new(&mut guarded));
    let mut buf = Vec::new();
    let mut depth_in_title = 0usize;
    let mut title = String::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) if depth_in_title > 0 || e.local_name().as_ref() == "title" => {
                depth_in_title += 1;
            }
            Event::End(_) if depth_in_title > 0 => {
                depth_in_title -= 1;
                if depth_in_title == 0 {
                    break;
                }
            }
            Event::Text(t) if depth_in_title > 0 => title.push_str(&t.xml10_content()),
            Event::CData(t) if depth_in_title > 0 => title.push_str(&t),
            Event::GeneralRef(r) if depth_in_title > 0 => push_reference(&mut title, &r).ok()?,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let title = collapse_whitespace(&title);
    (!title.is_empty()).then_some(title)
}

/// A reader that counts the decompressed bytes it hands out and stops with an error, noting
/// why, once an entry expands past the limits. The count is of bytes actually produced, so a
/// zip header that understates the size does not get past it.
struct Guarded<R> {
    inner: io::Take<R>,
    read: u64,
    compressed: u64,
    limits: Limits,
    refused: Option<String>,
}

impl<R: Read> Guarded<R> {
    fn new(inner: R, compressed: u64, limits: Limits) -> Self {
        Guarded {
            // One byte past the cap is enough to know the cap was exceeded.
            inner: inner.take(limits.max_bytes.saturating_add(1)),
            read: 0,
            compressed,
            limits,
            refused: None,
        }
    }
}

impl<R: Read> Read for Guarded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read = self.read.saturating_add(n as u64);
        if self.read > self.limits.max_bytes {
            self.refused = Some(format!("expands beyond {} MB", self.limits.max_bytes / MB));
        } else if self.read > self.limits.ratio_floor
            && self.read > self.compressed.saturating_mul(self.limits.max_ratio)
        {
            self.refused = Some(format!(
                "expands more than {}:1 (zip bomb?)",
                self.limits.max_ratio
            ));
        }
        if self.refused.is_some() {
            return Err(io::Error::other("expansion limit reached"));
        }
        Ok(n)
    }
}

/// Why parsing the document part stopped.
enum ParseError {
    Xml {
        error: quick_xml::Error,
        at: u64,
    },
    /// The XML ended with elements still open: a cut-off part.
    EndsEarly,
}

fn read_document<R: Read>(
    file: R,
    compressed: u64,
    part: &str,
    limits: Limits,
) -> Result<Vec<String>, Unreadable> {
    let mut guarded = Guarded::new(file, compressed, limits);
    let result = parse_document(BufReader::with_capacity(64 * 1024, &mut guarded));
    if let Some(why) = guarded.refused.take() {
        return Err(unreadable(&format!("refused: {part} {why}")));
    }
    result.map_err(|e| match e {
        ParseError::Xml {
            error: quick_xml::Error::Io(io),
            ..
        } => unreadable(&format!(
            "corrupt .docx: cannot decompress {part} ({})",
            shorten(&io.to_string())
        )),
        ParseError::Xml { error, at } => unreadable(&format!(
            "corrupt .docx: malformed XML in {part} at byte {at} ({})",
            shorten(&error.to_string())
        )),
        ParseError::EndsEarly => unreadable(&format!("corrupt .docx: {part} ends early")),
    })
}

fn parse_document<B: BufRead>(input: B) -> Result<Vec<String>, ParseError> {
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::with_capacity(4096);
    let mut body = Body::default();
    loop {
        let event = reader.read_event_into(&mut buf);
        let xml = |error| ParseError::Xml {
            error,
            at: reader.error_position(),
        };
        match event.map_err(xml)? {
            Event::Start(e) => body.start(&e, false),
            Event::Empty(e) => body.start(&e, true),
            Event::End(_) => body.end(),
            Event::Text(t) if body.in_text() => body.push_text(&t.xml10_content()),
            Event::CData(t) if body.in_text() => body.push_text(&t),
            Event::GeneralRef(r) if body.in_text() => {
                let mut s = String::new();
                push_reference(&mut s, &r).map_err(xml)?;
                body.push_text(&s);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !body.stack.is_empty() || body.skip > 0 {
        return Err(ParseError::EndsEarly);
    }
    Ok(body.lines)
}

/// Appends the text an entity or character reference stands for. Word writes only the five
/// predefined entities and numeric references; anything else is dropped.
fn push_reference(out: &mut String, r: &quick_xml::events::BytesRef) -> quick_xml::Result<()> {
    if let Some(c) = r.resolve_char_ref()? {
        out.push(c);
    } else if let Some(s) = resolve_predefined_entity(r) {
        out.push_str(s);
    }
    Ok(())
}

/// The value of the attribute with this local name (so `w:val` and a differently prefixed
/// `val` both match).
fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

fn is_heading_style(id: &str) -> bool {
    let id = id.to_ascii_lowercase();
    id.starts_with("heading") || id == "title"
}

/// Parser messages quote the offending markup, which in a hostile file can be megabytes long.
fn shorten(message: &str) -> String {
    const MAX_CHARS: usize = 120;
    match message.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &message[..cut]),
        None => message.to_string(),
    }
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Open elements whose children are interpreted differently; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Paragraph,
    ParagraphProps,
    Run,
    Text,
    Table,
    Row,
    Cell,
    CellProps,
    Other,
}

#[derive(Default)]
struct Paragraph {
    text: String,
    heading: bool,
}

#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<String>>,
    row: Option<Vec<String>>,
    cell: Option<CellBuilder>,
}

struct CellBuilder {
    paragraphs: Vec<String>,
    /// A `w:vMerge` continuation: the cell above owns the text.
    merged: bool,
    /// `w:gridSpan`: how many grid columns the cell covers.
    span: usize,
}

/// Horizontal spans are padded with empty cells so columns line up with the header row; the
/// cap stops a hostile `gridSpan` from allocating millions of cells.
const MAX_SPAN: usize = 64;

impl TableBuilder {
    fn start_row(&mut self) {
        self.end_row();
        self.row = Some(Vec::new());
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(row) = self.row.take() {
            self.rows.push(row);
        }
    }

    fn start_cell(&mut self) {
        self.end_cell();
        self.cell = Some(CellBuilder {
            paragraphs: Vec::new(),
            merged: false,
            span: 1,
        });
    }

    fn end_cell(&mut self) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        let row = self.row.get_or_insert_with(Vec::new);
        row.push(if cell.merged {
            String::new()
        } else {
            cell.paragraphs.join(" ")
        });
        for _ in 1..cell.span {
            row.push(String::new());
        }
    }

    /// Adds a paragraph's text (or a nested table's lines) to the open cell.
    fn add(&mut self, text: String) {
        if text.is_empty() {
            return;
        }
        match &mut self.cell {
            Some(cell) => cell.paragraphs.push(text),
            // Text outside any cell is invalid but kept, as a row of its own.
            None => self.rows.push(vec![text]),
        }
    }

    fn finish(mut self) -> Vec<Vec<String>> {
        self.end_row();
        self.rows
    }
}

/// State of the streaming walk over `w:body`.
#[derive(Default)]
struct Body {
    lines: Vec<String>,
    /// Open elements, innermost last.
    stack: Vec<Tag>,
    /// Depth inside an element whose content is left out (deletions, field codes, fallbacks).
    skip: usize,
    /// Open paragraphs; more than one when a text box sits inside a paragraph.
    paragraphs: Vec<Paragraph>,
    /// Open tables; more than one when tables nest.
    tables: Vec<TableBuilder>,
}

impl Body {
    fn in_text(&self) -> bool {
        self.skip == 0 && self.stack.last() == Some(&Tag::Text)
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(s);
        }
    }

    fn parent(&self) -> Option<Tag> {
        self.stack.last().copied()
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        let name = e.local_name();
        let name = name.as_ref();
        let in_run = self.parent() == Some(Tag::Run);
        let tag = match name {
            // Deleted and moved-away text, field instructions, and mc:Fallback (a second,
            // older-format copy of the text box in mc:Choice) would all duplicate or
            // contradict the text as the reader sees it. `*Change` elements hold the
            // properties from before a tracked change, including an old paragraph style.
            "del" | "moveFrom" | "delText" | "instrText" | "Fallback" => {
                if !empty {
                    self.skip = 1;
                }
                return;
            }
            _ if name.ends_with("Change") => {
                if !empty {
                    self.skip = 1;
                }
                return;
            }
            "p" => {
                self.paragraphs.push(Paragraph::default());
                Tag::Paragraph
            }
            "pPr" => Tag::ParagraphProps,
            "pStyle" if self.parent() == Some(Tag::ParagraphProps) => {
                if let (Some(p), Some(style)) = (self.paragraphs.last_mut(), attr(e, "val")) {
                    p.heading = is_heading_style(&style);
                }
                Tag::Other
            }
            "r" => Tag::Run,
            "t" => Tag::Text,
            // Only inside a run: `w:tab` in `w:pPr/w:tabs` is a tab stop, not a character.
            "tab" | "ptab" if in_run => {
                self.push_text(" ");
                Tag::Other
            }
            "br" | "cr" if in_run => {
                self.push_text("\n");
                Tag::Other
            }
            "noBreakHyphen" if in_run => {
                self.push_text("-");
                Tag::Other
            }
            "tbl" => {
                self.tables.push(TableBuilder::default());
                Tag::Table
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.start_row();
                }
                Tag::Row
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.start_cell();
                }
                Tag::Cell
            }
            "tcPr" => Tag::CellProps,
            "vMerge" if self.parent() == Some(Tag::CellProps) => {
                // No w:val means "continue", as does "continue"; only "restart" owns text.
                let continues = attr(e, "val").is_none_or(|v| v != "restart");
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.merged = continues;
                }
                Tag::Other
            }
            "gridSpan" if self.parent() == Some(Tag::CellProps) => {
                let span = attr(e, "val")
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_SPAN);
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.span = span;
                }
                Tag::Other
            }
            _ => Tag::Other,
        };
        if empty {
            // `<w:p/>` (an empty paragraph) and friends open and close at once.
            self.close(tag);
        } else {
            self.stack.push(tag);
        }
    }

    fn end(&mut self) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        // The reader checks that end tags match start tags, so the stack stays in step.
        if let Some(tag) = self.stack.pop() {
            self.close(tag);
        }
    }

    fn close(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {
                if let Some(p) = self.paragraphs.pop() {
                    self.finish_paragraph(p);
                }
            }
            Tag::Cell => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_cell();
                }
            }
            Tag::Row => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_row();
                }
            }
            Tag::Table => {
                if let Some(t) = self.tables.pop() {
                    let lines = tables::rows_to_lines(&t.finish());
                    match self.tables.last_mut() {
                        // A nested table becomes text of the outer cell: the outer row is
                        // one line, so the inner table's lines run on within it.
                        Some(outer) => {
                            let inner: Vec<String> =
                                lines.into_iter().filter(|l| !l.is_empty()).collect();
                            outer.add(inner.join(" "));
                        }
                        None => {
                            for line in lines {
                                self.push_line(line);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn finish_paragraph(&mut self, p: Paragraph) {
        if let Some(table) = self.tables.last_mut() {
            table.add(collapse_whitespace(&p.text));
            return;
        }
        if p.heading {
            let text = collapse_whitespace(&p.text);
            if !text.is_empty() {
                self.push_line(format!("## {text}"));
            }
        } else {
            for piece in p.text.split('\n') {
                let piece = piece.trim();
                if !piece.is_empty() {
                    self.push_line(piece.to_string());
                }
            }
        }
        self.push_line(String::new());
    }

    /// Appends a line, never two paragraph breaks in a row nor one at the very start: Word
    /// documents space their text with empty paragraphs, which carry no meaning here.
    fn push_line(&mut self, line: String) {
        if line.is_empty() && self.lines.last().is_none_or(|l| l.is_empty()) {
            return;
        }
        self.lines.push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading_lines(c: &Converted) -> Vec<&str> {
        c.lines
            .iter()
            .filter(|l| l.starts_with("## "))
            .map(String::as_str)
            .collect()
    }
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;

    const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"#;

    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"#;

    /// A zip package with the given parts, deflated as Word does.
    fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(true);
        for (name, data) in parts {
            zip.start_file(*name, options).expect("start part");
            zip.write_all(data).expect("write part");
        }
        zip.finish().expect("finish zip").into_inner()
    }

    fn core(title: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title><dc:creator>Democratic Services</dc:creator></cp:coreProperties>"#
        )
    }

    /// A minimal valid .docx whose body is `body` (WordprocessingML inside `w:body`).
    fn docx(body: &str, title: Option<&str>) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}<w:sectPr/></w:body></w:document>"#
        );
        let core = title.map(core);
        let mut parts: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", RELS.as_bytes()),
            ("word/document.xml", document.as_bytes()),
        ];
        if let Some(core) = &core {
            parts.push(("docProps/core.xml", core.as_bytes()));
        }
        package(&parts)
    }

    fn para(style: Option<&str>, text: &str) -> String {
        let ppr = style
            .map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#))
            .unwrap_or_default();
        format!(r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    fn cell(text: &str) -> String {
        format!("<w:tc><w:tcPr/>{}</w:tc>", para(None, text))
    }

    fn row(cells: &[&str]) -> String {
        let cells: String = cells.iter().map(|c| cell(c)).collect();
        format!("<w:tr>{cells}</w:tr>")
    }

    fn table(rows: &[&[&str]]) -> String {
        let rows: String = rows.iter().map(|r| row(r)).collect();
        format!("<w:tbl><w:tblPr/><w:tblGrid/>{rows}</w:tbl>")
    }

    /// Invented minutes of an invented committee, with the features a real file mixes.
    fn minutes_body() -> String {
        [
            para(Some("Title"), "Minutes of the Communities Scrutiny Committee"),
            para(None, "Held at Ty Glas, Abermorfa, on Tuesday 14 January 2025 at 10.00 am."),
            para(Some("Heading1"), "1. Apologies for Absence"),
            concat!(
                r#"<w:p><w:r><w:t>Apologies were received from Councillor Idris Vaughan</w:t></w:r>"#,
                r#"<w:del w:id="1" w:author="Clerk"><w:r><w:delText> and Councillor Bethan Rowe</w:delText></w:r></w:del>"#,
                r#"<w:ins w:id="2" w:author="Clerk"><w:r><w:t> and Councillor Rhodri Pugh</w:t></w:r></w:ins>"#,
                r#"<w:r><w:t>.</w:t></w:r></w:p>"#
            )
            .to_string(),
            para(Some("Heading1"), "2. Public Questions"),
            table(&[
                &["No.", "Question", "Response"],
                &[
                    "1",
                    "Will the library in Cwm Isaf stay open on Saturdays?",
                    "The Cabinet Member confirmed Saturday opening until March 2026.",
                ],
            ]),
            para(Some("Heading2"), "3. Leisure Centre Fees"),
            table(&[
                &["Activity", "2024/25", "2025/26"],
                &["Swim (adult)", "£4.10", "£4.35"],
            ]),
            concat!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>"#,
                r#"<w:r><w:t>RESOLVED that the fees be noted.</w:t></w:r></w:p>"#
            )
            .to_string(),
        ]
        .concat()
    }

    fn convert_ok(bytes: &[u8]) -> Converted {
        match convert(bytes) {
            Ok(c) => c,
            Err(e) => panic!("conversion failed: {e}"),
        }
    }

    fn reason(bytes: &[u8]) -> String {
        match convert(bytes) {
            Ok(c) => panic!("expected a failure, got {:?}", c.lines),
            Err(e) => e.0,
        }
    }

    #[test]
    fn minutes_become_headings_exchanges_and_paragraphs_in_order() {
        let c = convert_ok(&docx(
            &minutes_body(),
            Some("Communities Scrutiny 14/01/2025"),
        ));
        assert_eq!(c.title.as_deref(), Some("Communities Scrutiny 14/01/2025"));
        assert!(c.page_starts.is_empty());
        let headings = heading_lines(&c);
        assert_eq!(
            headings,
            [
                "## Minutes of the Communities Scrutiny Committee",
                "## 1. Apologies for Absence",
                "## 2. Public Questions",
                "## 3. Leisure Centre Fees",
            ]
        );
        let q = c
            .lines
            .iter()
            .position(|l| l == "Question: Will the library in Cwm Isaf stay open on Saturdays?")
            .expect("question line");
        assert_eq!(
            c.lines[q + 1],
            "Response: The Cabinet Member confirmed Saturday opening until March 2026."
        );
        assert!(c
            .lines
            .contains(&"Activity | 2024/25 | 2025/26".to_string()));
        assert!(c
            .lines
            .contains(&"Swim (adult) | £4.10 | £4.35".to_string()));
        assert!(c
            .lines
            .contains(&"RESOLVED that the fees be noted.".to_string()));
        // The whole document, to pin order and paragraph breaks.
        assert_eq!(
            &c.lines[..8],
            [
                "## Minutes of the Communities Scrutiny Committee",
                "",
                "Held at Ty Glas, Abermorfa, on Tuesday 14 January 2025 at 10.00 am.",
                "",
                "## 1. Apologies for Absence",
                "",
                "Apologies were received from Councillor Idris Vaughan and Councillor Rhodri Pugh.",
                "",
            ]
        );
        assert_eq!(c.lines.last().map(String::as_str), Some(""));
    }

    #[test]
    fn tracked_deletions_and_field_codes_are_left_out() {
        let c = convert_ok(&docx(&minutes_body(), None));
        let all = c.lines.join("\n");
        assert!(!all.contains("Bethan Rowe"), "{all}");
        assert!(all.contains("Rhodri Pugh"));

        let field = concat!(
            r#"<w:p><w:r><w:t xml:space="preserve">See page </w:t></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
            r#"<w:r><w:instrText xml:space="preserve"> PAGEREF _Ref123 \h </w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            r#"<w:moveFrom w:id="5" w:author="Clerk"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>"#,
            r#"</w:p>"#
        );
        let c = convert_ok(&docx(field, None));
        assert_eq!(c.lines, ["See page 7", ""]);
    }

    #[test]
    fn run_content_maps_tabs_breaks_and_hyphens() {
        let body = concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>"#,
            r#"<w:r><w:t>Item</w:t><w:tab/><w:t>Officer</w:t><w:br/><w:t>Follow</w:t>"#,
            r#"<w:noBreakHyphen/><w:t>up due</w:t><w:sym w:font="Wingdings" w:char="F0FC"/>"#,
            r#"<w:cr/><w:t>Fish &amp; chips &#8211; &lt;noted&gt;</w:t></w:r></w:p>"#
        );
        let c = convert_ok(&docx(body, None));
        assert_eq!(
            c.lines,
            [
                "Item Officer",
                "Follow-up due",
                "Fish & chips – <noted>",
                ""
            ]
        );
    }

    #[test]
    fn merged_spanned_and_nested_cells() {
        let body = concat!(
            r#"<w:tbl><w:tr>"#,
            r#"<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Ward A</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:p><w:r><w:t>First</w:t></w:r></w:p><w:p><w:r><w:t>point</w:t></w:r></w:p></w:tc>"#,
            r#"</w:tr><w:tr>"#,
            r#"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>Ward A</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Inner</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>"#,
            r#"</w:tr></w:tbl>"#,
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Question</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:p><w:r><w:t>Response</w:t></w:r></w:p></w:tc></w:tr>"#,
            r#"<w:tr><w:tc><w:p><w:r><w:t>Q1</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc>"#,
            r#"<w:tc><w:p><w:r><w:t>Agreed.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        );
        let c = convert_ok(&docx(body, None));
        assert_eq!(
            c.lines,
            [
                "Ward A | First point",
                "Inner | cell",
                "",
                "Question: Q1",
                "Response: Agreed.",
                "",
            ]
        );
    }

    #[test]
    fn text_box_text_appears_once() {
        let body = concat!(
            r#"<w:p><w:r><w:t>Before the box.</w:t></w:r><w:r><mc:AlternateContent>"#,
            r#"<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Boxed note</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"#,
            r#"<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed note</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"#,
            r#"</mc:AlternateContent></w:r></w:p>"#
        );
        let c = convert_ok(&docx(body, None));
        assert_eq!(c.lines, ["Boxed note", "", "Before the box.", ""]);
    }

    #[test]
    fn heading_style_from_a_tracked_change_is_ignored() {
        let body = concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:pPrChange w:id="9" w:author="Clerk">"#,
            r#"<w:pPr><w:pStyle w:val="Heading2"/></w:pPr></w:pPrChange></w:pPr>"#,
            r#"<w:r><w:t>Members noted the report.</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Heading3"/></w:pPr><w:r><w:t>5. Any Other Business</w:t></w:r></w:p>"#,
        );
        let c = convert_ok(&docx(body, None));
        assert_eq!(
            c.lines,
            [
                "Members noted the report.",
                "",
                "## 5. Any Other Business",
                ""
            ]
        );
    }

    #[test]
    fn empty_title_is_none_and_empty_paragraphs_collapse() {
        let body = "<w:p/><w:p/><w:p><w:r><w:t>Meeting closed at 12.15 pm.</w:t></w:r></w:p><w:p/>";
        let c = convert_ok(&docx(body, Some("  ")));
        assert_eq!(c.title, None);
        assert_eq!(c.lines, ["Meeting closed at 12.15 pm.", ""]);
    }

    #[test]
    fn main_part_is_found_through_the_package_relationships() {
        let rels = RELS.replace("word/document.xml", "/word/document2.xml");
        let document = format!(
            r#"<w:document xmlns:w="{W_NS}"><w:body>{}</w:body></w:document>"#,
            para(None, "Minutes to follow.")
        );
        let bytes = package(&[
            ("_rels/.rels", rels.as_bytes()),
            ("word/document2.xml", document.as_bytes()),
        ]);
        assert_eq!(convert_ok(&bytes).lines, ["Minutes to follow.", ""]);
    }

    #[test]
    fn not_a_zip() {
        assert_eq!(
            reason(b"Minutes of the Planning Committee, 3 March 2025"),
            "corrupt .docx: not a zip archive"
        );
        assert_eq!(reason(b""), "corrupt .docx: not a zip archive");
    }

    #[test]
    fn truncated_zip() {
        let bytes = docx(&minutes_body(), None);
        assert_eq!(
            reason(&bytes[..bytes.len() / 2]),
            "corrupt .docx: damaged zip archive"
        );
    }

    #[test]
    fn missing_document_part() {
        let bytes = package(&[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("word/styles.xml", b"<w:styles/>"),
        ]);
        assert_eq!(reason(&bytes), "corrupt .docx: missing word/document.xml");
    }

    #[test]
    fn malformed_xml() {
        let bytes = package(&[(
            "word/document.xml",
            b"<w:document><w:body><w:p><w:r><w:t>Item 4</w:r></w:p></w:body></w:document>",
        )]);
        assert_eq!(
            reason(&bytes),
            "corrupt .docx: malformed XML in word/document.xml at byte 41 (ill-formed document: \
             expected `</w:t>`, but `</w:r>` was found)"
        );

        let long_name = "x".repeat(10_000);
        let hostile = format!("<w:document><w:{long_name}></w:document>");
        let why = reason(&package(&[("word/document.xml", hostile.as_bytes())]));
        assert!(why.chars().count() < 250, "{why}");
        assert!(why.ends_with("…)"), "{why}");

        let cut = package(&[("word/document.xml", b"<w:document><w:body><w:p><w:r>")]);
        assert_eq!(reason(&cut), "corrupt .docx: word/document.xml ends early");
    }

    #[test]
    fn ole_file_is_named_as_encrypted_or_legacy() {
        let mut bytes = OLE_SIGNATURE.to_vec();
        bytes.extend_from_slice(&[0; 504]);
        assert_eq!(reason(&bytes), "encrypted or legacy Word file (not .docx)");
    }

    #[test]
    fn zip_bomb_is_refused_by_ratio() {
        // 300 MB of zeros deflates to about 300 KB: a 1000:1 bomb.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("word/document.xml", options).expect("start");
        zip.write_all(b"<w:document><w:body><w:p><w:r><w:t>")
            .expect("head");
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..300 {
            zip.write_all(&zeros).expect("zeros");
        }
        let bytes = zip.finish().expect("finish").into_inner();
        assert!(bytes.len() < 1 << 20);
        assert_eq!(
            reason(&bytes),
            "refused: word/document.xml expands more than 200:1 (zip bomb?)"
        );
        // Without the ratio rule the default size cap still stops it.
        let no_ratio = Limits {
            max_ratio: u64::MAX,
            ..DEFAULT_LIMITS
        };
        assert_eq!(
            convert_with(&bytes, no_ratio).map(|c| c.lines.len()),
            Err(unreadable(
                "refused: word/document.xml expands beyond 256 MB"
            ))
        );
    }

    #[test]
    fn size_cap_counts_bytes_actually_read() {
        // Stored, so the ratio is 1:1 and only the cap can stop it.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        zip.start_file("word/document.xml", options).expect("start");
        let filler = para(None, "The committee considered the report at length. ").repeat(40_000);
        let document = format!("<w:document><w:body>{filler}</w:body></w:document>");
        zip.write_all(document.as_bytes()).expect("write");
        let bytes = zip.finish().expect("finish").into_inner();
        assert!(document.len() as u64 > 3 * MB);
        let small = Limits {
            max_bytes: 2 * MB,
            ..DEFAULT_LIMITS
        };
        assert_eq!(
            convert_with(&bytes, small).map(|c| c.lines.len()),
            Err(unreadable("refused: word/document.xml expands beyond 2 MB"))
        );
        // Within the default cap the same file reads normally.
        assert_eq!(convert_ok(&bytes).lines.len(), 80_000);
    }

    /// Rewrites every recorded uncompressed size of a one-entry zip (local header and central
    /// directory) to `claimed`, as a hostile file would.
    fn lie_about_size(bytes: &mut [u8], claimed: u32) {
        let mut i = 0;
        while i + 4 <= bytes.len() {
            let at = match &bytes[i..i + 4] {
                b"PK\x03\x04" => i + 22,
                b"PK\x01\x02" => i + 24,
                _ => {
                    i += 1;
                    continue;
                }
            };
            bytes[at..at + 4].copy_from_slice(&claimed.to_le_bytes());
            i = at + 4;
        }
    }

    #[test]
    fn size_cap_ignores_the_size_the_header_claims() {
        let filler = para(
            None,
            "Councillor Ames asked about bus shelters in Llanwern. ",
        );
        let document = format!(
            "<w:document><w:body>{}</w:body></w:document>",
            filler.repeat(40_000)
        );
        for method in [CompressionMethod::Stored, CompressionMethod::Deflated] {
            let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
            let options = SimpleFileOptions::default().compression_method(method);
            zip.start_file("word/document.xml", options).expect("start");
            zip.write_all(document.as_bytes()).expect("write");
            let mut bytes = zip.finish().expect("finish").into_inner();
            lie_about_size(&mut bytes, 1000);
            let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).expect("zip");
            assert_eq!(
                archive.by_name("word/document.xml").map(|f| f.size()).ok(),
                Some(1000)
            );
            drop(archive);
            let small = Limits {
                max_bytes: 2 * MB,
                max_ratio: u64::MAX,
                ..DEFAULT_LIMITS
            };
            assert_eq!(
                convert_with(&bytes, small).map(|c| c.lines.len()),
                Err(unreadable("refused: word/document.xml expands beyond 2 MB")),
                "{method:?}"
            );
        }
    }

    /// A small deterministic generator, so failures reproduce without a fuzzing crate.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) as usize) % n.max(1)
        }
    }

    #[test]
    fn damaged_and_hostile_input_fails_without_panicking() {
        let mut rng = Lcg(2025);
        let good = docx(&minutes_body(), Some("Licensing Sub-Committee"));
        for cut in (0..good.len()).step_by(37) {
            let _ = convert(&good[..cut]);
        }
        for _ in 0..400 {
            let mut bad = good.clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(bad.len());
                bad[at] = rng.below(256) as u8;
            }
            let _ = convert(&bad);
        }
        // Tag soup: unbalanced tables, cells outside rows, stray text, odd references.
        let pieces = [
            "<w:p>",
            "</w:p>",
            "<w:tbl>",
            "</w:tbl>",
            "<w:tr>",
            "</w:tr>",
            "<w:tc>",
            "</w:tc>",
            "<w:r>",
            "</w:r>",
            "<w:t>",
            "</w:t>",
            "Ward",
            "&amp;",
            "&#0;",
            "&#xD800;",
            "&bogus;",
            "<w:del>",
            "</w:del>",
            "<w:tab/>",
            "<w:br/>",
            "<w:p/>",
            "<w:tcPr>",
            "</w:tcPr>",
            "<w:vMerge/>",
            r#"<w:gridSpan w:val="99999999999"/>"#,
            "<w:pPr>",
            "</w:pPr>",
            r#"<w:pStyle w:val="Heading1"/>"#,
            "<![CDATA[x]]>",
            "<w:txbxContent>",
        ];
        for _ in 0..300 {
            let body: String = (0..rng.below(40))
                .map(|_| pieces[rng.below(pieces.len())])
                .collect();
            let _ = convert(&docx(&body, None));
        }
    }

    #[test]
    fn libreoffice_fixture() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/docx/minutes-libreoffice.docx"
        ))
        .expect("fixture present");
        let c = convert_ok(&bytes);
        let headings = heading_lines(&c);
        assert_eq!(
            headings,
            [
                "## Minutes of the Housing Scrutiny Panel",
                "## 1. Declarations of Interest",
                "## 2. Questions from Members of the Public",
                "## 3. Housing Revenue Account Budget",
            ]
        );
        assert_eq!(
            c.title.as_deref(),
            Some("Housing Scrutiny Panel – 2 April 2025")
        );
        let q = c
            .lines
            .iter()
            .position(|l| l == "Question: When will damp surveys be completed at Maes y Ffynnon?")
            .expect("question line");
        assert_eq!(
            c.lines[q + 1..q + 3],
            [
                "Asked by: Mr Alun Price",
                "Response: Surveys of all forty flats would be finished by the end of May 2025.",
            ]
        );
        assert!(c
            .lines
            .contains(&"One bedroom flat | £92.40 | £96.10".to_string()));
        // List items keep their text; Word's computed "1." is not in the XML and not invented.
        let item = c
            .lines
            .iter()
            .position(|l| l == "RESOLVED that the rent increase be recommended to Cabinet.")
            .expect("list item");
        assert_eq!(
            c.lines[item..],
            [
                "RESOLVED that the rent increase be recommended to Cabinet.",
                "",
                "RESOLVED that officers report on void turnaround times in July.",
                "",
                "The meeting closed at 3.40 pm.",
                "",
            ]
        );
    }
}
