//! Printers. Each writes to any `io::Write` (colour through `termcolor::WriteColor`), so tests
//! capture output in memory.

use crate::facets::Facets;
use crate::index::Summary;
use crate::model::{Kind, Record};
use crate::search::{Hit, Results, Shown};
use crate::snippet;
use std::io::{self, Write};
use termcolor::{Color, ColorSpec, WriteColor};

/// About how many characters of a question, response or discussion text output prints (a long
/// text's several fragments may go a fifth over it: see [`snippet::fragments`]).
const SNIPPET_CHARS: usize = 600;

fn spec(fg: Color, bold: bool) -> ColorSpec {
    let mut s = ColorSpec::new();
    s.set_fg(Some(fg)).set_bold(bold);
    s
}

/// Hits as readable blocks, matched terms highlighted.
pub fn hits_text(w: &mut dyn WriteColor, results: &Results) -> io::Result<()> {
    for hit in &results.hits {
        hit_text(w, hit)?;
        writeln!(w)?;
    }
    Ok(())
}

fn hit_text(w: &mut dyn WriteColor, hit: &Hit) -> io::Result<()> {
    hit_block(w, hit)?;
    match hit.more_in_item {
        Some(1) => writeln!(w, "    + 1 more match in this item"),
        Some(n) if n > 1 => writeln!(w, "    + {n} more matches in this item"),
        _ => Ok(()),
    }
}

fn hit_block(w: &mut dyn WriteColor, hit: &Hit) -> io::Result<()> {
    let r = &hit.record;
    w.set_color(&spec(Color::Green, true))?;
    write!(w, "{:>2}.", hit.rank)?;
    w.reset()?;
    write!(w, " ")?;
    w.set_color(&spec(Color::Cyan, false))?;
    write!(
        w,
        "{}",
        r.date
            .map_or_else(|| "date unknown".to_string(), |d| d.to_string())
    )?;
    w.reset()?;
    let place: Vec<&str> = [r.council.as_deref(), r.committee.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !place.is_empty() {
        write!(w, "  {}", place.join(" · "))?;
    }
    writeln!(w)?;
    if let Some(item) = &r.item {
        w.set_color(ColorSpec::new().set_bold(true))?;
        write!(w, "    {}", item_heading(r.item_number.as_deref(), item))?;
        w.reset()?;
        writeln!(w)?;
    }
    match r.kind {
        Kind::Exchange => {
            labelled(
                w,
                "Q",
                r.question.as_deref().unwrap_or(""),
                &hit.highlights.question,
            )?;
            match r.response.as_deref() {
                Some(resp) => labelled(w, "A", resp, &hit.highlights.response)?,
                None => writeln!(w, "    A  (no response recorded)")?,
            }
            let people: Vec<String> = [("asked by", &r.asker), ("answered by", &r.responder)]
                .into_iter()
                .filter_map(|(label, who)| who.as_ref().map(|who| format!("{label} {who}")))
                .collect();
            if !people.is_empty() {
                writeln!(w, "       {}", people.join(" · "))?;
            }
        }
        Kind::Discussion => {
            labelled(
                w,
                "…",
                r.text.as_deref().unwrap_or(""),
                &hit.highlights.text,
            )?;
        }
    }
    write!(w, "    ")?;
    w.set_color(&spec(Color::Magenta, false))?;
    write!(w, "{}", r.source)?;
    w.reset()?;
    match (r.kind, r.number) {
        (Kind::Exchange, Some(n)) => {
            let supp = if r.supplementary {
                " (supplementary)"
            } else {
                ""
            };
            writeln!(w, " · exchange {n}{supp} · id {}", r.id)
        }
        _ => writeln!(w, " · discussion · id {}", r.id),
    }
}

fn item_heading(number: Option<&str>, title: &str) -> String {
    match number {
        Some(n) => format!("Item {n}: {title}"),
        None => title.to_string(),
    }
}

/// One text field: its best fragments (see [`snippet::fragments`]), joined by " … ", with
/// matched words coloured.
fn labelled(
    w: &mut dyn WriteColor,
    label: &str,
    text: &str,
    ranges: &[[usize; 2]],
) -> io::Result<()> {
    write!(w, "    {label}  ")?;
    let fragments = snippet::fragments(text, ranges, SNIPPET_CHARS);
    for (n, fragment) in fragments.iter().enumerate() {
        if n > 0 {
            write!(w, " … ")?;
        } else if fragment.cut_before {
            write!(w, "…")?;
        }
        for (piece, matched) in snippet::pieces(text, &fragment.range, ranges) {
            if matched {
                w.set_color(&spec(Color::Red, true))?;
                write!(w, "{piece}")?;
                w.reset()?;
            } else {
                write!(w, "{}", flatten(piece))?;
            }
        }
        if n + 1 == fragments.len() && fragment.cut_after {
            write!(w, "…")?;
        }
    }
    writeln!(w)
}

/// Paragraph breaks shown as a pilcrow, so each field stays on one line.
fn flatten(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\n') {
        std::borrow::Cow::Owned(s.replace("\n\n", " ¶ ").replace('\n', " "))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Hits as JSON Lines: every stored field, plus `rank`, `score` and `highlights`.
pub fn hits_json(w: &mut dyn Write, results: &Results) -> io::Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *w, hit)?;
        writeln!(w)?;
    }
    Ok(())
}

/// Records as JSON Lines, with the model's field names.
/// Hits as CSV, one row per record, for spreadsheets and analysis.
pub fn hits_csv(w: &mut dyn Write, results: &Results) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "rank",
        "date",
        "council",
        "committee",
        "item",
        "asker",
        "responder",
        "question",
        "response",
        "source",
        "page",
        "id",
        "kind",
        "text",
    ])?;
    for hit in &results.hits {
        let r = &hit.record;
        let item = r
            .item
            .as_deref()
            .map(|i| item_heading(r.item_number.as_deref(), i))
            .unwrap_or_default();
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        out.write_record([
            hit.rank.to_string(),
            r.date.map(|d| d.to_string()).unwrap_or_default(),
            opt(&r.council),
            opt(&r.committee),
            item,
            opt(&r.asker),
            opt(&r.responder),
            opt(&r.question),
            opt(&r.response),
            r.source.clone(),
            r.page.map(|p| p.to_string()).unwrap_or_default(),
            r.id.clone(),
            r.kind.as_str().to_string(),
            opt(&r.text),
        ])?;
    }
    out.flush()
}

/// Hits as a Markdown briefing: grouped by meeting (in the order of each meeting's best hit),
/// each exchange quoted in full with a citation line, ready to paste. Every text from the
/// minutes or the query is escaped (`md_escape`), so it cannot change the formatting.
pub fn hits_markdown(w: &mut dyn Write, query: &str, results: &Results) -> io::Result<()> {
    writeln!(
        w,
        "# Briefing: {}",
        if query.trim().is_empty() {
            "all records".to_string()
        } else {
            md_escape(query)
        }
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "{} of {} matching records, grouped by meeting.",
        results.hits.len(),
        results.total
    )?;
    // Meetings in order of their best hit.
    let mut meetings: Vec<(String, Vec<&Hit>)> = Vec::new();
    for hit in &results.hits {
        let r = &hit.record;
        let date = r
            .date
            .map_or_else(|| "date unknown".to_string(), |d| d.long());
        let heading = [
            r.council.as_deref(),
            r.committee.as_deref(),
            Some(date.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        let key = format!("{heading}\u{0}{}", r.source);
        match meetings.iter_mut().find(|(k, _)| *k == key) {
            Some((_, hits)) => hits.push(hit),
            None => meetings.push((key, vec![hit])),
        }
    }
    for (key, hits) in &meetings {
        writeln!(w)?;
        let heading = key.split('\u{0}').next().unwrap_or_default();
        writeln!(w, "## {}", md_escape(heading))?;
        let mut last_item = None;
        for hit in hits {
            let r = &hit.record;
            if r.item.is_some() && r.item != last_item {
                writeln!(w)?;
                let item = item_heading(r.item_number.as_deref(), r.item.as_deref().unwrap_or(""));
                writeln!(w, "### {}", md_escape(&item))?;
                last_item = r.item.clone();
            }
            writeln!(w)?;
            let who = |label: &str, name: &Option<String>| match name {
                Some(n) => format!("**{label}** ({}):", md_escape(n)),
                None => format!("**{label}**:"),
            };
            match r.kind {
                Kind::Exchange => {
                    let supp = if r.supplementary {
                        " (supplementary)"
                    } else {
                        ""
                    };
                    writeln!(
                        w,
                        "{}{supp} {}",
                        who("Q", &r.asker),
                        md_text(r.question.as_deref())
                    )?;
                    writeln!(w)?;
                    match r.response.as_deref() {
                        Some(resp) => {
                            writeln!(w, "{} {}", who("A", &r.responder), md_text(Some(resp)))?
                        }
                        None => writeln!(w, "**A**: *no response recorded*")?,
                    }
                }
                Kind::Discussion => writeln!(w, "{}", md_text(r.text.as_deref()))?,
            }
            writeln!(w)?;
            writeln!(w, "> {}", citation(r))?;
            if let Some(n) = hit.more_in_item.filter(|n| *n > 0) {
                writeln!(w)?;
                let s = if n == 1 { "" } else { "es" };
                writeln!(w, "*{n} more match{s} in this item.*")?;
            }
        }
    }
    Ok(())
}

/// Paragraphs joined for one Markdown paragraph.
fn one_line(text: Option<&str>) -> String {
    text.unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// User text as Markdown: paragraphs joined (see [`one_line`]), then escaped.
fn md_text(text: Option<&str>) -> String {
    md_escape(&one_line(text))
}

/// Characters that format Markdown (CommonMark and GitHub's tables and strikethrough) wherever
/// they stand.
const MD_INLINE: [char; 11] = ['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~'];

/// `text` escaped so that Markdown shows it as written: a backslash before the characters of
/// [`MD_INLINE`], before `&` where it would begin an entity (`&amp;`), and before the
/// list, rule and underline markers that count only at a line's start (`-`, `+`, `=`, the `.`
/// or `)` of `1.` or `1)`). Leading spaces go, since four would start a code block. Minutes
/// say "R&D", "Item 4 - Budget" and "#3" often enough that every briefing needs this.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let line = line.trim_start();
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        for (i, c) in line.char_indices() {
            let marker = (i == 0 && matches!(c, '-' | '+' | '='))
                || (digits > 0 && i == digits && matches!(c, '.' | ')'));
            // A named entity; a numeric one (`&#169;`) is already broken by escaping its `#`.
            let entity = c == '&' && {
                let name = &line[i + 1..];
                let len = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
                len > 0 && name[len..].starts_with(';')
            };
            if marker || entity || MD_INLINE.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// `s` as a Markdown code span, fenced by one more backtick than its longest run of them (and
/// padded with a space where it begins or ends with one), so a path cannot end the span early.
fn md_code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// "Source: Marlbury County Council, Children and Young People Scrutiny Committee, 11 February
/// 2025, item 4, exchange 2 (`path`, id `...`)", as Markdown.
pub fn citation(r: &Record) -> String {
    format!(
        "Source: {} ({}, id {})",
        md_escape(&place(r)),
        md_code(&r.source),
        md_code(&r.id)
    )
}

/// Council, committee, long date, item, exchange and page, as far as they are known.
fn place(r: &Record) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(r.council.clone());
    parts.extend(r.committee.clone());
    if let Some(d) = r.date {
        parts.push(d.long());
    }
    if let Some(n) = &r.item_number {
        parts.push(format!("item {n}"));
    }
    match (r.kind, r.number) {
        (Kind::Exchange, Some(n)) => parts.push(format!("exchange {n}")),
        _ => parts.push("discussion".to_string()),
    }
    if let Some(p) = r.page {
        parts.push(format!("page {p}"));
    }
    parts.join(", ")
}

/// A record in its setting, for reading: the item and its purpose and introduction, the
/// exchange before, the record, the exchange after, the resolutions, the citation.
pub fn shown_text(w: &mut dyn Write, shown: &Shown) -> io::Result<()> {
    let r = &shown.record;
    writeln!(w, "{}", place(r))?;
    writeln!(w)?;
    if let Some(item) = &r.item {
        writeln!(w, "{}", item_heading(r.item_number.as_deref(), item))?;
    }
    for (label, text) in [("Purpose", &r.purpose), ("Introduction", &r.context)] {
        if let Some(text) = text {
            writeln!(w, "{label}: {}", one_line(Some(text)))?;
        }
    }
    let exchange = |w: &mut dyn Write, r: &Record| -> io::Result<()> {
        match r.kind {
            Kind::Exchange => {
                let asker = r
                    .asker
                    .as_deref()
                    .map(|a| format!(" ({a})"))
                    .unwrap_or_default();
                writeln!(w, "Q{asker}: {}", one_line(r.question.as_deref()))?;
                let responder = r
                    .responder
                    .as_deref()
                    .map(|a| format!(" ({a})"))
                    .unwrap_or_default();
                match r.response.as_deref() {
                    Some(resp) => writeln!(w, "A{responder}: {}", one_line(Some(resp))),
                    None => writeln!(w, "A: (no response recorded)"),
                }
            }
            Kind::Discussion => writeln!(w, "{}", r.text.as_deref().unwrap_or("")),
        }
    };
    if let Some(before) = &shown.before {
        writeln!(
            w,
            "\n--- before: exchange {} ---",
            before.number.unwrap_or(0)
        )?;
        exchange(w, before)?;
    }
    match r.number {
        Some(n) => writeln!(w, "\n=== exchange {n} of {} ===", shown.item_records)?,
        None => writeln!(w, "\n=== discussion ===")?,
    }
    exchange(w, r)?;
    if let Some(after) = &shown.after {
        writeln!(w, "\n--- after: exchange {} ---", after.number.unwrap_or(0))?;
        exchange(w, after)?;
    }
    if let Some(resolutions) = &r.resolutions {
        writeln!(w, "\nResolutions: {}", one_line(Some(resolutions)))?;
    }
    writeln!(w, "\n{} · id {}", r.source, r.id)?;
    Ok(())
}

/// Facet counts as text (and as a Markdown section: the same lines as a list).
pub fn facets_text(w: &mut dyn Write, facets: &Facets, markdown: bool) -> io::Result<()> {
    if markdown {
        writeln!(w, "\n## Matching exchanges, counted\n")?;
    } else {
        writeln!(w, "matching exchanges by")?;
    }
    for (label, counts) in [
        ("council", &facets.council),
        ("committee", &facets.committee),
        ("year", &facets.year),
    ] {
        let list = counts
            .iter()
            .map(|(name, n)| {
                if markdown {
                    format!("{} {n}", md_escape(name))
                } else {
                    format!("{name} {n}")
                }
            })
            .collect::<Vec<_>>()
            .join(" · ");
        if markdown {
            writeln!(w, "- by {label}: {list}")?;
        } else {
            writeln!(w, "  {label:<10} {list}")?;
        }
    }
    Ok(())
}

/// Facet counts as one JSON line: `{"facets": {"council": [["name", n], ...], ...}}`.
pub fn facets_json(w: &mut dyn Write, facets: &Facets) -> io::Result<()> {
    serde_json::to_writer(&mut *w, &serde_json::json!({ "facets": facets }))?;
    writeln!(w)
}

pub fn records_json(w: &mut dyn Write, records: &[Record]) -> io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut *w, r)?;
        writeln!(w)?;
    }
    Ok(())
}

/// Records as readable blocks, for checking extraction by eye.
pub fn records_text(w: &mut dyn Write, records: &[Record]) -> io::Result<()> {
    for r in records {
        let what = match (r.kind, r.number) {
            (Kind::Exchange, Some(n)) => format!("exchange {n}"),
            _ => "discussion".to_string(),
        };
        writeln!(w, "{} · {what} · {}", r.source, r.id)?;
        let fields = [
            ("date", r.date.map(|d| d.to_string())),
            ("council", r.council.clone()),
            ("committee", r.committee.clone()),
            (
                "item",
                r.item
                    .as_deref()
                    .map(|i| item_heading(r.item_number.as_deref(), i)),
            ),
            ("page", r.page.map(|p| p.to_string())),
            ("asker", r.asker.clone()),
            ("responder", r.responder.clone()),
            ("supplementary", r.supplementary.then(|| "yes".to_string())),
            ("question", r.question.clone()),
            ("response", r.response.clone()),
            ("text", r.text.clone()),
        ];
        for (name, value) in fields {
            if let Some(v) = value {
                writeln!(w, "  {name:<10} {}", flatten(&v))?;
            }
        }
        writeln!(w)?;
    }
    Ok(())
}

/// The end-of-run summary of `scrutiny index`.
pub fn summary(w: &mut dyn Write, s: &Summary) -> io::Result<()> {
    writeln!(w, "files seen:            {}", s.files_seen)?;
    writeln!(
        w,
        "  new {}, changed {}, unchanged {}, removed {}, renamed {}{}",
        s.new,
        s.changed,
        s.unchanged,
        s.removed,
        s.renamed,
        if s.left > 0 {
            format!(", left for the next run {}", s.left)
        } else {
            String::new()
        }
    )?;
    writeln!(w, "files indexed:         {}", s.files_indexed)?;
    writeln!(w, "  with no exchanges:   {}", s.files_without_exchanges)?;
    writeln!(w, "files skipped:         {}", s.skipped.len())?;
    writeln!(w, "exchanges indexed:     {}", s.exchanges)?;
    writeln!(w, "discussions indexed:   {}", s.discussions)?;
    writeln!(
        w,
        "index holds:           {} exchanges and {} discussions from {} files",
        s.held_exchanges, s.held_discussions, s.held_files
    )?;
    writeln!(
        w,
        "elapsed:               {:.2} s ({:.1} MB at {:.1} MB/s)",
        s.elapsed.as_secs_f64(),
        s.bytes as f64 / 1e6,
        s.megabytes_per_second()
    )?;
    if !s.unsupported.is_empty() {
        let list: Vec<String> = s
            .unsupported
            .iter()
            .map(|(ext, n)| format!("{n} .{ext}"))
            .collect();
        writeln!(w, "not a supported format: {}", list.join(", "))?;
    }
    for (path, legacy) in &s.decoded {
        writeln!(w, "decoded as {legacy:?}: {}", path.display())?;
    }
    for (path, reason) in &s.skipped {
        writeln!(w, "skipped {}: {reason}", path.display())?;
    }
    for (path, reason) in &s.problems {
        writeln!(w, "problem {}: {reason}", path.display())?;
    }
    if let Some(records) = s.pairs_outgrown {
        writeln!(
            w,
            "note: the word pairs that make quoted phrases fast were chosen for about {records} \
             records; `scrutiny index --rebuild` chooses them for the archive as it is now"
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(text: &str, ranges: &[[usize; 2]]) -> String {
        let mut w = termcolor::Ansi::new(Vec::new());
        labelled(&mut w, "A", text, ranges).unwrap();
        String::from_utf8(w.into_inner()).unwrap()
    }

    #[test]
    fn short_text_is_printed_whole_with_matches_coloured() {
        assert_eq!(
            printed("Yes.\n\nThe grant was paid.", &[[10, 15]]),
            "    A  Yes. ¶ The \x1b[0m\x1b[1m\x1b[31mgrant\x1b[0m was paid.\n"
        );
    }

    #[test]
    fn long_text_prints_its_fragments_joined_and_marks_the_cuts() {
        let text = format!(
            "{}The grant was late.\n\nStill late. {}Think Family helped. {}",
            "Opening words. ".repeat(20),
            "More words here. ".repeat(60),
            "Closing words. ".repeat(20),
        );
        let at = |w: &str| {
            let i = text.find(w).unwrap();
            [i, i + w.len()]
        };
        let line = printed(&text, &[at("grant"), at("Think"), at("Family")]);
        let plain = line.replace("\x1b[0m", "").replace("\x1b[1m\x1b[31m", "");
        assert!(plain.starts_with("    A  …"), "{plain}");
        assert!(plain.ends_with("…\n"), "{plain}");
        let (first, second) = plain.split_once(" … ").unwrap();
        assert!(
            first.contains("The grant was late. ¶ Still late."),
            "{plain}"
        );
        assert!(second.starts_with("Think Family helped."), "{plain}");
        assert_eq!(line.matches("\x1b[31m").count(), 3);
    }

    #[test]
    fn markdown_escape_keeps_minutes_as_written() {
        assert_eq!(
            md_escape(r"*all* _care_ `x` [a](b) <b> #3 a|b ~~no~~ c:\d"),
            r"\*all\* \_care\_ \`x\` \[a\](b) \<b\> \#3 a\|b \~\~no\~\~ c:\\d"
        );
        // Markers that count only at a line's start, on every line; leading spaces go.
        assert_eq!(
            md_escape("- one\n+ two\n1. three\n12) four\n# five\n> six\n=== \n    7. seven"),
            "\\- one\n\\+ two\n1\\. three\n12\\) four\n\\# five\n\\> six\n\\=== \n7\\. seven"
        );
        // Mid-line they are text.
        assert_eq!(
            md_escape("Item 4 - Budget + 2.5 per cent = 1. ok"),
            "Item 4 - Budget + 2.5 per cent = 1. ok"
        );
        // `&` only where it would begin an entity.
        assert_eq!(
            md_escape("R&D, A & E, &amp; and &#169;"),
            r"R&D, A & E, \&amp; and &\#169;"
        );
        // Non-ASCII passes through untouched.
        let welsh = "Dŵr a’r “gwasanaethau” â’r cyngor, £30k";
        assert_eq!(md_escape(welsh), welsh);
    }

    #[test]
    fn markdown_code_spans_outfence_backticks() {
        assert_eq!(md_code("a/b.txt"), "`a/b.txt`");
        assert_eq!(md_code("a`b``c"), "```a`b``c```");
        assert_eq!(md_code("`a"), "`` `a ``");
    }

    #[test]
    fn the_briefing_escapes_what_the_minutes_say() {
        let record = Record {
            id: "0123456789abcdef".into(),
            kind: Kind::Exchange,
            item_id: "item".into(),
            source: "minutes/2025`s.txt".into(),
            council: Some("Marlbury County Council".into()),
            committee: Some("Budget_Scrutiny".into()),
            date: crate::model::Date::from_ymd(2025, 2, 11),
            item: Some("Budget <draft> #2".into()),
            item_number: Some("4".into()),
            number: Some(1),
            page: None,
            question: Some("Was the *main* grant cut?".into()),
            response: Some("- No.\n\n1. The grant | was kept.".into()),
            asker: Some("Cllr [Reed]".into()),
            responder: None,
            supplementary: false,
            text: None,
            purpose: None,
            context: None,
            resolutions: None,
        };
        let results = Results {
            hits: vec![Hit {
                rank: 1,
                score: 1.0,
                record,
                highlights: Default::default(),
                more_in_item: None,
            }],
            total: 1,
            notes: Vec::new(),
            suggestion: None,
            facets: None,
        };
        let mut out = Vec::new();
        hits_markdown(&mut out, "grant*", &results).unwrap();
        let md = String::from_utf8(out).unwrap();
        for line in [
            r"# Briefing: grant\*",
            r"## Marlbury County Council · Budget\_Scrutiny · 11 February 2025",
            r"### Item 4: Budget \<draft\> \#2",
            r"**Q** (Cllr \[Reed\]): Was the \*main\* grant cut?",
            r"**A**: \- No. 1. The grant \| was kept.",
            "> Source: Marlbury County Council, Budget\\_Scrutiny, 11 February 2025, item 4, \
             exchange 1 (``minutes/2025`s.txt``, id `0123456789abcdef`)",
        ] {
            assert!(md.lines().any(|l| l == line), "{line}\nnot in\n{md}");
        }
    }

    #[test]
    fn an_index_grown_past_its_pair_words_is_told_how_to_choose_them_again() {
        let printed = |summary: &Summary| {
            let mut out = Vec::new();
            super::summary(&mut out, summary).unwrap();
            String::from_utf8(out).unwrap()
        };
        let mut s = Summary::default();
        assert!(!printed(&s).contains("--rebuild"));
        s.pairs_outgrown = Some(54_000);
        assert!(printed(&s).lines().any(|l| l
            == "note: the word pairs that make quoted phrases fast were chosen for about 54000 \
                records; `scrutiny index --rebuild` chooses them for the archive as it is now"));
    }
}
