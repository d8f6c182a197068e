//! The segmenter: splits a document's lines into agenda items, and each item into its
//! introduction, its question-and-response exchanges and its resolutions.
//!
//! It works on lines, not paragraphs, because clerks put a response on the line straight after
//! its question as often as a paragraph later. Formats hand it plain lines (see `markdown`);
//! Markdown headings keep their `#` marks, which it reads as item boundaries.

use super::prose;
use regex::Regex;
use rustc_hash::FxHashSet;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A document cut into agenda items.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Segmented {
    pub items: Vec<Item>,
}

/// One agenda item. A document with no recognisable items is one item without a title.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Item {
    /// The printed number, as printed ("4", "5.1").
    pub number: Option<String>,
    pub title: Option<String>,
    /// The ModernGov purpose line ("To provide the committee with ...").
    pub purpose: Option<String>,
    /// Paragraphs before the first exchange.
    pub intro: Option<String>,
    pub exchanges: Vec<Exchange>,
    /// Resolutions, recommendations and decisions.
    pub resolutions: Option<String>,
    /// Every paragraph of the item in order, for an item that turns out to hold no exchange.
    pub body: Option<String>,
    /// Index of the item's first line in the document.
    pub line: usize,
}

/// A question and what was said in response.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub question: String,
    pub response: Option<String>,
    pub asker: Option<String>,
    pub responder: Option<String>,
    pub supplementary: bool,
    /// Index of the question's first line in the document.
    pub line: usize,
}

// ---------------------------------------------------------------------------------------------
// Line patterns, compiled once.

/// A list marker before a label: "1.", "12)", "(a)", "b)", "(iv)", "-", "*", "•".
static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,5})\)|[-*•])\s*",
    )
    .unwrap()
});

/// "Question:", "Question 3:", "Question No. 3 from Councillor X:", "Question 3 (Cllr X):",
/// "Supplementary question:", "Q:".
static QUESTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?i:(?P<supp>supplementary\s+)?(?:question|q|cwestiwn)(?P<atodol>\s+atodol)?)
        (?:\s*(?i:no\.?)?\s*\d{1,3}[a-z]?)?
        (?:\s+(?i:from|by)\s+(?P<from>[^:()]{2,120}?))?
        \s*(?:\((?P<paren>[^()]{2,120})\))?
        (?:\s*[:：]-?\s*|\s{2,}|\t\s*)",
    )
    .unwrap()
});

/// "Response:", "Answer:", "Reply:", "A:", optionally naming who gave it:
/// "Response from the Cabinet Member for Housing:", "Answer (Director of Children's Services):".
static RESPONSE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?i:(?:supplementary\s+)?(?:response|answer|reply|a|ymateb|ateb)(?:\s+atodol)?)
        (?:\s+(?i:from|by)\s+(?P<from>[^:()]{2,160}?))?
        \s*(?:\((?P<paren>[^()]{2,160})\))?
        (?:\s*[:：]-?\s*|\s{2,}|\t\s*)",
    )
    .unwrap()
});

/// A heading that introduces a question set out below it: "Question 1 - submitted by
/// Councillor X", "Question from Mrs Y to Councillor Z", "QUESTION NO 3 By Councillor X for
/// answer by the Convener".
static HEADED_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:(?:PQ\s?\d{1,4}|\d{2}-\d{2}|\d{4}/\d{2,5})\s*[-–—:.]?\s*)?\(?
        (?i:(?P<supp>supplementary\s+)?(?:written\s+|oral\s+|public\s+)?question)(?:\s*(?i:no\.?)?\s*\d{1,3}[a-z]?)?\s*(?:[-–—:.]\s*)?
        (?i:(?:submitted|asked|tabled|put|raised)\s+by|from|by)\s+(?P<who>[^:()]{2,120}?)
        (?:\s+(?i:to|for\s+(?:answer|response|reply)\s+by|for)\s+(?P<to>[^:()]{2,120}?))?\)?\s*[.:]?$",
    )
    .unwrap()
});

/// A question heading with no one named: "Supplementary question", "Question 3".
static QUESTION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?P<supp>supplementary\s+)?question)(?:\s*(?i:no\.?)?\s*\d{1,3}[a-z]?)?\s*$")
        .unwrap()
});

/// A question headed by a reference code and the asker: "2016/2897 - Councillor Munro -
/// Winter gritting routes", "PQ20 Councillor Smith".
static CODED_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:PQ\s?\d{1,4}|\d{2}-\d{2}|\d{4}/\d{3,5})\s*[-–—:.]?\s*(?P<who>(?:Councillor|Cllr\.?|Mr|Mrs|Ms|Miss|Dr)\s+[^-–—:()]{2,80}?)\s*(?:[-–—:]\s*[^?]{0,100})?$").unwrap()
});

/// An answer heading with nothing after it: "Answer from Councillor Simon Kerr, Leader of the
/// Council", "Supplementary answer", "Reply".
static ANSWER_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:supplementary\s+|written\s+)?(?:answer|response|reply))(?:\s+(?i:from|by)\s+(?P<who>[^:]{2,160}?))?\s*$").unwrap()
});

/// "Q. ..." and "A. ..." (the answer only straight after a question: "A. Jagger" is a name), and
/// "Q Are drivers paid ...?" without the stop, where the line is a question.
static QA_DOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<label>[QA])(?:\.\s+|\s+(?P<bare>))\S").unwrap());

/// An answer introduced by who gave it, ending in a colon: "The Leader of the Council
/// responded:-", "Councillor Y replied:".
static ANSWER_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<who>\p{Lu}[^:]{1,120}?)\s+(?:responded|replied|answered|said|stated)(?:\s+as\s+follows)?\s*[:：]-?\s*").unwrap()
});

/// A line naming the questioner, between a question and its response:
/// "Asked by: Councillor Priya Shah", "Submitted by Mrs Joan Avery".
static ASKER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:asked|submitted|raised|put|tabled)\s+by|questioner)\s*[:\-–]?\s*(?P<who>\S.{1,100}?)\.?$").unwrap()
});

/// A name alone in brackets: "(Councillor Tom Reed)".
static BRACKETED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\((?P<who>(?:Councillor|Cllr\.?|Mr|Mrs|Ms|Miss|Dr|Professor|Prof\.?)\s+[^()]{2,80})\)\.?$").unwrap()
});

/// "Answered by: the Director of Public Health".
static RESPONDER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:answered|responded(?:\s+to)?|replied)\s+by|responder)\s*[:\-–]?\s*(?P<who>\S.{1,100}?)\.?$").unwrap()
});

/// The start of an item's resolutions: "RESOLVED: That ...", "The committee agreed the
/// following recommendations", "AGREED that ...".
static RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            RESOLVED\b | (?i:resolved)\s*(?:[:\-–]|that\b|$)
          | AGREED\b | (?i:agreed)\s*(?:[:\-–]|that\b|$)
          | (?i:recommendations?)\s*(?:[:\-–]|$)
          | (?i:it\s+was\s+(?:resolved|agreed|recommended))
          | (?i:at\s+the\s+conclusion\s+of\s+the\s+(?:debate|discussion|item))
          | (?i:the\s+(?:committee|panel|board|sub-committee|commission|council)\s+(?:then\s+)?(?:resolved|agreed|recommended|decided)\b)
          | (?i:decision)\s*[:\-–]
        )",
    )
    .unwrap()
});

/// Whether `line` starts an item's resolutions ([`RESOLUTION`]). Most lines are turned away by
/// their first letter, before the pattern runs: a regex search costs more to set up than to run.
fn resolves(line: &str) -> bool {
    line.bytes()
        .next()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'r' | b'a' | b'i' | b't' | b'd'))
        && RESOLUTION.is_match(line)
}

/// A numbered heading: "4. ADULT SOCIAL CARE BUDGET 2017/18", "5.1 Chairman's Report".
static NUMBERED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<num>\d{1,3}(?:\.\d{1,2})?)[.)]?\s+(?P<title>\p{Lu}.{1,88})$").unwrap()
});

/// A Markdown heading, with an optional number: "## 4. Reducing Parental Conflict".
static MARKDOWN_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^#{1,6}\s+(?:(?P<num>\d{1,3}(?:\.\d{1,2})?)[.)]?\s+)?(?P<title>.+?)\s*#*$")
        .unwrap()
});

const MAX_HEADING_WORDS: usize = 14;

// ---------------------------------------------------------------------------------------------

/// A line as the segmenter sees it.
enum Line<'a> {
    Blank,
    /// "Agenda item": the ModernGov page header; title and purpose follow.
    AgendaItemHeader,
    Heading {
        number: Option<&'a str>,
        title: &'a str,
    },
    Text(&'a str),
}

fn classify(raw: &str) -> Line<'_> {
    let line = raw.trim();
    if line.is_empty() {
        return Line::Blank;
    }
    if line.eq_ignore_ascii_case("agenda item") {
        return Line::AgendaItemHeader;
    }
    if line.starts_with('#') {
        if let Some(c) = MARKDOWN_HEADING.captures(line) {
            return Line::Heading {
                number: c.name("num").map(|m| m.as_str()),
                title: c.name("title").unwrap().as_str(),
            };
        }
    }
    if line.len() <= 92 && !is_label(line) {
        if let Some(c) = NUMBERED_HEADING.captures(line) {
            let title = c.name("title").unwrap().as_str();
            if looks_like_title(title) {
                return Line::Heading {
                    number: Some(c.name("num").unwrap().as_str()),
                    title,
                };
            }
        }
        if is_shouted_heading(line) {
            return Line::Heading {
                number: None,
                title: line,
            };
        }
    }
    Line::Text(line)
}

/// A heading reads as a title, not a sentence: short, and not ending like a sentence or clause.
fn looks_like_title(title: &str) -> bool {
    !title.ends_with(['.', ',', ';'])
        && title.split_whitespace().count() <= MAX_HEADING_WORDS
        && !resolves(title)
}

/// An unnumbered heading in capitals ("MATTERS ARISING"), as clerks type them.
fn is_shouted_heading(line: &str) -> bool {
    let mut letters = 0;
    for c in line.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 4 && looks_like_title(line) && !line.ends_with(':') && !resolves(line)
}

fn strip_list_marker(line: &str) -> &str {
    match LIST_MARKER.find(line) {
        Some(m) => &line[m.end()..],
        None => line,
    }
}

fn is_label(line: &str) -> bool {
    let body = strip_list_marker(line);
    let Some(first) = body.bytes().next() else {
        return false;
    };
    if !may_open_question(first) && !may_open_answer(first) {
        return false;
    }
    QUESTION_LABEL.is_match(body)
        || RESPONSE_LABEL.is_match(body)
        || HEADED_QUESTION.is_match(body)
        || QUESTION_HEADING.is_match(body)
        || CODED_QUESTION.is_match(body)
        || ANSWER_HEADING.is_match(body)
        || QA_DOT.is_match(body)
}

/// A name from a label or a naming line, tidied: "the Cabinet Member" -> "Cabinet Member".
fn tidy_name(raw: &str) -> Option<String> {
    let name = raw.trim().trim_end_matches(['.', ',', ':']).trim();
    let name = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name);
    (!name.is_empty()).then(|| name.to_string())
}

// ---------------------------------------------------------------------------------------------

/// Splits lines into items, then finds each item's exchanges.
pub fn segment<'a>(lines: impl IntoIterator<Item = &'a str>) -> Segmented {
    let mut items: Vec<RawItem<'a>> = Vec::new();
    let mut current = RawItem::default();
    let mut header = HeaderState::None;

    for (index, raw) in lines.into_iter().enumerate() {
        match classify(raw) {
            Line::Blank => current.lines.push((index, "")),
            Line::AgendaItemHeader => {
                current.close_into(&mut items);
                current.first_line = index;
                header = HeaderState::AwaitTitle;
            }
            Line::Heading { number, title } if header == HeaderState::None => {
                current.close_into(&mut items);
                current.first_line = index;
                current.number = number.map(str::to_string);
                current.title = Some(title.to_string());
            }
            Line::Heading { title: text, .. } | Line::Text(text) => match header {
                // A question or answer is never the page's title or purpose: the page starts
                // straight in.
                HeaderState::AwaitTitle | HeaderState::AwaitPurpose | HeaderState::AwaitMinutes
                    if is_label(text) =>
                {
                    header = HeaderState::None;
                    current.lines.push((index, text));
                }
                HeaderState::AwaitTitle => {
                    current.title = Some(text.to_string());
                    header = HeaderState::AwaitPurpose;
                }
                HeaderState::AwaitPurpose if !is_minutes_marker(text) => {
                    current.purpose = Some(text.to_string());
                    header = HeaderState::AwaitMinutes;
                }
                HeaderState::AwaitPurpose | HeaderState::AwaitMinutes
                    if is_minutes_marker(text) =>
                {
                    header = HeaderState::None;
                }
                HeaderState::AwaitMinutes => {
                    // No "Minutes:" line: the page starts straight in.
                    header = HeaderState::None;
                    current.lines.push((index, text));
                }
                _ => {
                    if text.eq_ignore_ascii_case("supporting documents:") {
                        continue;
                    }
                    current.lines.push((index, text));
                }
            },
        }
    }
    current.close_into(&mut items);
    // Initials in prose ("RS responded") are resolved from the attendance list, wherever it is.
    let present: Vec<&str> = items
        .iter()
        .flat_map(|i| i.lines.iter().map(|(_, l)| *l))
        .filter(|l| {
            l.trim_start()
                .get(..7)
                .is_some_and(|p| p.eq_ignore_ascii_case("present"))
        })
        .collect();
    let names = prose::attendance(&present);
    let mut items: Vec<Item> = items
        .into_iter()
        .map(|raw| find_exchanges(raw, &names))
        .collect();
    if !current.carried.is_empty() {
        // Trailing headings with nothing under them still hold words a user may search for.
        let carried = std::mem::take(&mut current.carried);
        items.push(Item {
            body: Some(carried.join("\n\n")),
            line: current.first_line,
            ..Item::default()
        });
    }
    Segmented { items }
}

fn is_minutes_marker(text: &str) -> bool {
    text.eq_ignore_ascii_case("minutes:") || text.eq_ignore_ascii_case("minutes")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderState {
    None,
    AwaitTitle,
    AwaitPurpose,
    AwaitMinutes,
}

/// An item's lines before exchanges are found in them.
#[derive(Default)]
struct RawItem<'a> {
    number: Option<String>,
    title: Option<String>,
    purpose: Option<String>,
    /// The item's lines with their index in the document; "" is a blank line.
    lines: Vec<(usize, &'a str)>,
    /// Index of the item's first line (its heading) in the document.
    first_line: usize,
    /// Headings with nothing under them, carried into this item's text.
    carried: Vec<String>,
}

impl<'a> RawItem<'a> {
    fn has_text(&self) -> bool {
        self.lines.iter().any(|(_, l)| !l.is_empty())
    }

    /// Ends this item. A heading with nothing under it (a council's name above its committee's)
    /// is not an item: its words open the next one instead, so nothing is lost.
    fn close_into(&mut self, items: &mut Vec<RawItem<'a>>) {
        let mut raw = std::mem::take(self);
        if raw.has_text() || raw.purpose.is_some() {
            items.push(raw);
        } else {
            if let Some(title) = raw.title.take() {
                raw.carried.push(match raw.number.take() {
                    Some(n) => format!("{n}. {title}"),
                    None => title,
                });
            }
            self.carried = raw.carried;
            self.first_line = raw.first_line;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Exchanges within an item.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Intro,
    Question,
    Response,
    Resolutions,
}

/// Paragraph text being gathered: lines of one paragraph are joined by spaces (clerks' hard
/// wraps), paragraphs by a blank line.
#[derive(Default)]
struct Paragraphs {
    text: String,
    pending_break: bool,
}

impl Paragraphs {
    fn push_line(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text
                .push_str(if self.pending_break { "\n\n" } else { " " });
        }
        self.pending_break = false;
        self.text.push_str(line);
    }

    fn paragraph_break(&mut self) {
        self.pending_break = true;
    }

    fn take(&mut self) -> Option<String> {
        self.pending_break = false;
        let text = std::mem::take(&mut self.text);
        (!text.is_empty()).then_some(text)
    }
}

/// Builds the exchange being read.
struct OpenExchange {
    line: usize,
    question: Paragraphs,
    response: Paragraphs,
    asker: Option<String>,
    responder: Option<String>,
    supplementary: bool,
}

impl OpenExchange {
    fn finish(mut self) -> Option<Exchange> {
        let question = self.question.take()?;
        let response = self.response.take();
        // "This question was withdrawn." under a question heading is not an exchange.
        if response.is_none() && question.len() < 100 && question.contains("withdrawn") {
            return None;
        }
        Some(Exchange {
            question,
            response,
            asker: self.asker,
            responder: self.responder,
            supplementary: self.supplementary,
            line: self.line,
        })
    }
}

/// Whether a line starting with this byte may hold a question label or heading ("Supplementary",
/// "Question", "Q.", "Cwestiwn", "PQ20", "Written question", "Oral", "(Written", "2016/2897").
/// Most lines are turned away here, before any pattern runs.
fn may_open_question(first: u8) -> bool {
    matches!(
        first.to_ascii_lowercase(),
        b's' | b'q' | b'c' | b'p' | b'w' | b'o' | b'(' | b'0'..=b'9'
    )
}

/// Whether a line starting with this byte may hold an answer label ("Response", "Answer",
/// "Reply", "A.", "Ymateb", "Supplementary answer", "Written answer").
fn may_open_answer(first: u8) -> bool {
    matches!(first.to_ascii_lowercase(), b'r' | b'a' | b'y' | b's' | b'w')
}

// Label patterns match the label only, never `.*$` to the end of the line: capturing a long line
// made the regex engine's backtracker the costliest step of indexing. The words follow the match.

/// Whether a label's match may hold one of its named groups: a name ("from ...", "by ...",
/// "(...)") or a qualifier ("Supplementary", "atodol"). Most labels are a word, perhaps a
/// number, and a colon; for them the match alone says everything, and the costlier search
/// that resolves groups is skipped. Too wide a net only costs that search.
fn may_name_or_qualify(label: &str) -> bool {
    label.contains('(')
        || label.bytes().any(|b| !b.is_ascii())
        || ["from", "by", "supp", "atodol"].iter().any(|word| {
            label
                .as_bytes()
                .windows(word.len())
                .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
        })
}

/// The rest of the line after a label's match.
fn after<'a>(line: &'a str, c: &regex::Captures<'_>) -> &'a str {
    &line[c.get(0).unwrap().end()..]
}

/// The rest of the line from the last character of a match that ends with the words' first
/// character ("Q. W" of "Q. What ...").
fn before_last<'a>(line: &'a str, c: &regex::Captures<'_>) -> &'a str {
    let end = c.get(0).unwrap().end();
    let last = line[..end].chars().next_back().map_or(0, char::len_utf8);
    &line[end - last..]
}

/// The start of a question: its first words and what its label says.
struct QuestionStart<'a> {
    rest: &'a str,
    asker: Option<String>,
    responder: Option<String>,
    supplementary: bool,
}

fn question_start(line: &str) -> Option<QuestionStart<'_>> {
    // Every question pattern starts with one of these; most lines are turned away here, before
    // any regex runs.
    if !may_open_question(line.bytes().next()?) {
        return None;
    }
    if let Some(c) = HEADED_QUESTION.captures(line) {
        return Some(QuestionStart {
            rest: "",
            asker: tidy_name(&c["who"]),
            responder: c.name("to").and_then(|m| tidy_name(m.as_str())),
            supplementary: c.name("supp").is_some(),
        });
    }
    // "Q1:", "Q2:" head quarters' figures, not questions.
    let quarter = line.len() > 1
        && line.as_bytes()[0].eq_ignore_ascii_case(&b'q')
        && line.as_bytes()[1].is_ascii_digit();
    if let Some(label) = QUESTION_LABEL.find(line).filter(|_| !quarter) {
        if !may_name_or_qualify(label.as_str()) {
            return Some(QuestionStart {
                rest: &line[label.end()..],
                asker: None,
                responder: None,
                supplementary: false,
            });
        }
        let c = QUESTION_LABEL.captures(line)?;
        return Some(QuestionStart {
            rest: after(line, &c),
            asker: c
                .name("from")
                .or_else(|| c.name("paren"))
                .and_then(|m| tidy_name(m.as_str())),
            responder: None,
            supplementary: c.name("supp").is_some() || c.name("atodol").is_some(),
        });
    }
    if let Some(c) = QUESTION_HEADING.captures(line) {
        return Some(QuestionStart {
            rest: "",
            asker: None,
            responder: None,
            supplementary: c.name("supp").is_some(),
        });
    }
    if let Some(c) = CODED_QUESTION.captures(line) {
        return Some(QuestionStart {
            rest: "",
            asker: tidy_name(&c["who"]),
            responder: None,
            supplementary: false,
        });
    }
    let c = QA_DOT.captures(line).filter(|c| {
        // Without the stop, only a question: "Q Would the company ...? This was raised before."
        &c["label"] == "Q" && (c.name("bare").is_none() || line.contains('?'))
    })?;
    Some(QuestionStart {
        rest: before_last(line, &c),
        asker: None,
        responder: None,
        supplementary: false,
    })
}

/// The start of an answer: its first words and who gave it. An introduction such as "The
/// Leader responded:-" only counts straight after a question.
fn answer_start(line: &str, after_question: bool) -> Option<(&str, Option<String>)> {
    let first = line.bytes().next()?;
    let labelled = may_open_answer(first);
    let introduced = after_question && first.is_ascii_uppercase() && line.contains(':');
    if !(labelled || introduced) {
        return None;
    }
    if let Some(label) = RESPONSE_LABEL.find(line) {
        if !may_name_or_qualify(label.as_str()) {
            return Some((&line[label.end()..], None));
        }
        let c = RESPONSE_LABEL.captures(line)?;
        let who = c.name("from").or_else(|| c.name("paren"));
        return Some((after(line, &c), who.and_then(|m| tidy_name(m.as_str()))));
    }
    if let Some(c) = QA_DOT
        .captures(line)
        .filter(|c| &c["label"] == "A" && (c.name("bare").is_none() || after_question))
    {
        return Some((before_last(line, &c), None));
    }
    if let Some(c) = ANSWER_HEADING.captures(line) {
        return Some(("", c.name("who").and_then(|m| tidy_name(m.as_str()))));
    }
    let c = ANSWER_INTRO.captures(line).filter(|_| after_question)?;
    Some((after(line, &c), tidy_name(&c["who"])))
}

fn find_exchanges(mut raw: RawItem<'_>, names: &HashMap<String, String>) -> Item {
    let mut item = Item {
        number: raw.number.take(),
        title: raw.title.take(),
        purpose: raw.purpose.take(),
        line: raw.first_line,
        ..Item::default()
    };
    let mut body = Paragraphs::default();
    let mut intro = Paragraphs::default();
    let mut resolutions = Paragraphs::default();
    let mut open: Option<OpenExchange> = None;
    let mut part = Part::Intro;
    // Lines read as labelled exchanges; prose is looked for in the others.
    let mut labelled = FxHashSet::default();

    let carried = raw.carried.iter().map(|l| (raw.first_line, l.as_str()));
    for (index, line) in carried.chain(raw.lines.iter().copied()) {
        if matches!(part, Part::Question | Part::Response) {
            labelled.insert(index);
        }
        if line.is_empty() {
            body.paragraph_break();
            match part {
                Part::Intro => intro.paragraph_break(),
                Part::Question => open.as_mut().unwrap().question.paragraph_break(),
                Part::Response => open.as_mut().unwrap().response.paragraph_break(),
                Part::Resolutions => resolutions.paragraph_break(),
            }
            continue;
        }
        body.push_line(line);
        let unmarked = strip_list_marker(line);

        if let Some(start) = question_start(unmarked) {
            labelled.insert(index);
            if let Some(ex) = open.take().and_then(OpenExchange::finish) {
                item.exchanges.push(ex);
            }
            let mut question = Paragraphs::default();
            question.push_line(start.rest);
            open = Some(OpenExchange {
                line: index,
                question,
                response: Paragraphs::default(),
                asker: start.asker,
                responder: start.responder,
                supplementary: start.supplementary,
            });
            part = Part::Question;
            continue;
        }
        if matches!(part, Part::Question | Part::Response) {
            if let Some((rest, responder)) = answer_start(unmarked, part == Part::Question) {
                // A second response label (another officer adding to the answer) continues it.
                let ex = open.as_mut().unwrap();
                ex.response.paragraph_break();
                ex.response.push_line(rest);
                if ex.responder.is_none() || part == Part::Question && responder.is_some() {
                    ex.responder = responder.or(ex.responder.take());
                }
                part = Part::Response;
                continue;
            }
        }
        // The naming lines' patterns run only on lines that start as they do.
        let first = line.as_bytes()[0].to_ascii_lowercase();
        if part == Part::Question {
            let asker = match first {
                b'a' | b's' | b'r' | b'p' | b't' | b'q' => ASKER_LINE.captures(line),
                b'(' => BRACKETED_NAME.captures(line),
                _ => None,
            };
            if let Some(c) = asker {
                open.as_mut().unwrap().asker = tidy_name(&c["who"]);
                continue;
            }
        }
        if matches!(part, Part::Question | Part::Response) && matches!(first, b'a' | b'r') {
            if let Some(c) = RESPONDER_LINE.captures(line) {
                open.as_mut().unwrap().responder = tidy_name(&c["who"]);
                continue;
            }
        }
        if part != Part::Resolutions && resolves(line) {
            if let Some(ex) = open.take().and_then(OpenExchange::finish) {
                item.exchanges.push(ex);
            }
            part = Part::Resolutions;
        }
        match part {
            Part::Intro => intro.push_line(line),
            Part::Question => open.as_mut().unwrap().question.push_line(line),
            Part::Response => open.as_mut().unwrap().response.push_line(line),
            Part::Resolutions => resolutions.push_line(line),
        }
    }
    if let Some(ex) = open.take().and_then(OpenExchange::finish) {
        item.exchanges.push(ex);
    }
    item.intro = intro.take();
    item.resolutions = resolutions.take();
    item.body = body.take();
    find_in_prose(&mut item, &raw, &labelled, names);
    item
}

/// Exchanges recorded in prose, in the lines not read as labelled exchanges. In an item with
/// no labelled exchange, the context is then what comes before the first, and the resolutions
/// the paragraphs that resolve.
fn find_in_prose(
    item: &mut Item,
    raw: &RawItem<'_>,
    labelled: &FxHashSet<usize>,
    names: &HashMap<String, String>,
) {
    let paragraphs = paragraphs(raw, labelled);
    let found = prose::find(&paragraphs, names);
    let Some(first) = found.first() else { return };
    if !item.exchanges.is_empty() {
        // Beside labelled exchanges, an unanswered "Members asked about ..." summarises them.
        let answered = found.into_iter().filter(|f| f.exchange.response.is_some());
        item.exchanges.extend(answered.map(|f| f.exchange));
        item.exchanges.sort_by_key(|e| e.line);
        return;
    }
    let join = |ps: &[prose::Paragraph]| {
        let text = ps
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        (!text.is_empty()).then_some(text)
    };
    item.intro = join(&paragraphs[..first.paragraph]);
    let resolved: Vec<prose::Paragraph> = paragraphs
        .iter()
        .filter(|p| resolves(&p.text))
        .cloned()
        .collect();
    item.resolutions = join(&resolved);
    item.exchanges = found.into_iter().map(|f| f.exchange).collect();
}

/// An item's paragraphs: runs of non-blank lines joined with spaces, leaving out `skip`.
fn paragraphs(raw: &RawItem<'_>, skip: &FxHashSet<usize>) -> Vec<prose::Paragraph> {
    let carried = raw.carried.iter().map(|l| (raw.first_line, l.as_str()));
    let mut out: Vec<prose::Paragraph> = Vec::new();
    let mut open = false;
    for (index, line) in carried.chain(raw.lines.iter().copied()) {
        let line = line.trim();
        if line.is_empty() || skip.contains(&index) {
            open = false;
            continue;
        }
        match out.last_mut() {
            Some(p) if open => {
                p.text.push(' ');
                p.text.push_str(line);
            }
            _ => out.push(prose::Paragraph {
                text: line.to_string(),
                line: index,
            }),
        }
        open = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Vec<Item> {
        segment(text.lines()).items
    }

    fn only_item(text: &str) -> Item {
        let mut items = items(text);
        assert_eq!(items.len(), 1, "{items:#?}");
        items.remove(0)
    }

    fn pairs(item: &Item) -> Vec<(&str, &str)> {
        item.exchanges
            .iter()
            .map(|e| (e.question.as_str(), e.response.as_deref().unwrap_or("")))
            .collect()
    }

    /// Labels whose groups the fast path would skip must have none: for each line, either the
    /// match may hold a group or the full search finds none.
    #[test]
    fn labels_skipped_by_the_fast_path_hold_no_group() {
        let lines = [
            "Question: How many?",
            "QUESTION 3: How many?",
            "Question No. 12a:- How many?",
            "Q: How many?",
            "Cwestiwn atodol: Faint?",
            "Supplementary question: And then?",
            "Question from Councillor Ann Shah: How many?",
            "Question by Mr Tom Reed (Marlbury): How many?",
            "Question (Councillor Shah): How many?",
            "Question\tHow many?",
            "Question  How many?",
            "Response: Five.",
            "Answer from the Leader: Five.",
            "Reply (Cabinet Member): Five.",
            "Ymateb: Pump.",
            "Supplementary answer: Six.",
            "ANSWER BY THE CABINET MEMBER: Five.",
        ];
        let mut skipped = 0;
        for line in lines {
            for re in [&*QUESTION_LABEL, &*RESPONSE_LABEL] {
                let Some(m) = re.find(line) else { continue };
                let c = re.captures(line).unwrap();
                let any_group = c.iter().skip(1).any(|g| g.is_some());
                assert!(
                    may_name_or_qualify(m.as_str()) || !any_group,
                    "{line:?}: a group the fast path would lose"
                );
                skipped += usize::from(!may_name_or_qualify(m.as_str()));
            }
        }
        assert_eq!(skipped, 8, "the plain labels take the fast path");
    }

    #[test]
    fn response_answer_and_reply_labels() {
        let item = only_item(
            "Question: Was the bridge safe?\nResponse: Yes.\n\nQuestion: When?\n\nAnswer: In May.\n\nQuestion: Who pays?\nReply: The county.",
        );
        assert_eq!(
            pairs(&item),
            [
                ("Was the bridge safe?", "Yes."),
                ("When?", "In May."),
                ("Who pays?", "The county.")
            ]
        );
    }

    #[test]
    fn bare_q_and_a_lines() {
        let item = only_item(
            "Q Will the depot open before seven? Residents raised it last year.\n\nA Mr Pryce replied that it would not.\n\nQ Smith attended.",
        );
        assert_eq!(
            pairs(&item),
            [(
                "Will the depot open before seven? Residents raised it last year.",
                // Without a question mark, "Q Smith" is a name, not a new question.
                "Mr Pryce replied that it would not.\n\nQ Smith attended."
            )]
        );
    }

    #[test]
    fn numbered_markers_and_missing_space_after_colon() {
        let item = only_item("1) Question:How many?\nResponse:Twelve.\n(b) Question: And then?\n    Response: Ten.\n2. QUESTION: Caps?\nRESPONSE: Fine.");
        assert_eq!(
            pairs(&item),
            [
                ("How many?", "Twelve."),
                ("And then?", "Ten."),
                ("Caps?", "Fine.")
            ]
        );
    }

    #[test]
    fn nbsp_blank_lines_separate_paragraphs() {
        let item =
            only_item("Question: One?\n\u{a0}\nResponse: First part.\n\u{a0} \nSecond part.");
        assert_eq!(pairs(&item), [("One?", "First part.\n\nSecond part.")]);
    }

    #[test]
    fn multi_paragraph_question_and_response() {
        let item = only_item(
            "Question: How would the cut affect respite care?\n\nIn particular, for carers over 70.\n\nResponse: Respite was protected.\n\nOlder carers had priority.\n\nA review would follow.",
        );
        assert_eq!(item.exchanges.len(), 1);
        assert_eq!(
            item.exchanges[0].question,
            "How would the cut affect respite care?\n\nIn particular, for carers over 70."
        );
        assert_eq!(
            item.exchanges[0].response.as_deref(),
            Some("Respite was protected.\n\nOlder carers had priority.\n\nA review would follow.")
        );
    }

    #[test]
    fn hard_wrapped_lines_join_with_spaces() {
        let item =
            only_item("Question: How many potholes\nwere filled in March?\nResponse: 1,204.");
        assert_eq!(
            pairs(&item),
            [("How many potholes were filled in March?", "1,204.")]
        );
    }

    #[test]
    fn askers_and_responders() {
        let item = only_item(concat!(
            "Question: Why the delay?\nAsked by: Councillor Priya Shah\nResponse: Staffing.\n",
            "Question: Is it funded?\n(Councillor Tom Reed)\nResponse from the Cabinet Member for Housing, Councillor Owen Blake: It is.\n",
            "Question from Councillor Ruth Okafor: Which wards?\nAnswer (Director of Children's Services): All of them.\n",
            "Question 3 (Cllr Ali Khan): When?\nSubmitted by Mrs Joan Avery\nReply: Soon.",
        ));
        let who: Vec<_> = item
            .exchanges
            .iter()
            .map(|e| (e.asker.as_deref(), e.responder.as_deref()))
            .collect();
        assert_eq!(
            who,
            [
                (Some("Councillor Priya Shah"), None),
                (
                    Some("Councillor Tom Reed"),
                    Some("Cabinet Member for Housing, Councillor Owen Blake")
                ),
                (
                    Some("Councillor Ruth Okafor"),
                    Some("Director of Children's Services")
                ),
                (Some("Mrs Joan Avery"), None),
            ]
        );
    }

    #[test]
    fn supplementary_question_is_its_own_flagged_exchange() {
        let item = only_item(
            "Question: Main?\nResponse: Yes.\nSupplementary question: And more?\nResponse: No.",
        );
        assert_eq!(pairs(&item), [("Main?", "Yes."), ("And more?", "No.")]);
        assert!(!item.exchanges[0].supplementary);
        assert!(item.exchanges[1].supplementary);
    }

    #[test]
    fn intro_and_resolutions_are_context_not_exchanges() {
        let item = only_item(
            "The Director introduced the report.\n\nQuestion: Q?\nResponse: R.\n\nRESOLVED: That the report be noted.\n\n1. Officers to report back in June.",
        );
        assert_eq!(pairs(&item), [("Q?", "R.")]);
        assert_eq!(
            item.intro.as_deref(),
            Some("The Director introduced the report.")
        );
        assert_eq!(
            item.resolutions.as_deref(),
            Some("RESOLVED: That the report be noted.\n\n1. Officers to report back in June.")
        );
    }

    #[test]
    fn a_response_without_a_question_is_plain_text() {
        let item = only_item("Response: orphan words.\n\nMore text.");
        assert!(item.exchanges.is_empty());
        assert_eq!(
            item.body.as_deref(),
            Some("Response: orphan words.\n\nMore text.")
        );
    }

    #[test]
    fn numbered_capital_and_markdown_headings_split_items() {
        let items = items(concat!(
            "MARLBURY COUNTY COUNCIL\n\nCHILDREN'S SCRUTINY COMMITTEE\n\nMinutes of the meeting held on 7 March 2017\n\n",
            "1. APOLOGIES FOR ABSENCE\n\nNone.\n\n",
            "4. Adult Social Care Budget 2017/18\n\nQuestion: Q?\nResponse: R.\n\n",
            "## 5.1 Reducing Parental Conflict\n\nText.\n\n",
            "6. This long line ends like a sentence, so it is text not a heading.\n",
        ));
        let titles: Vec<_> = items
            .iter()
            .map(|i| (i.number.as_deref(), i.title.as_deref()))
            .collect();
        assert_eq!(
            titles,
            [
                (None, Some("CHILDREN'S SCRUTINY COMMITTEE")),
                (Some("1"), Some("APOLOGIES FOR ABSENCE")),
                (Some("4"), Some("Adult Social Care Budget 2017/18")),
                (Some("5.1"), Some("Reducing Parental Conflict")),
            ]
        );
        // The council's name, a heading with nothing under it, opens the next item's text.
        assert!(items[0]
            .body
            .as_deref()
            .unwrap()
            .starts_with("MARLBURY COUNTY COUNCIL\n\nMinutes"));
        assert_eq!(items[2].exchanges.len(), 1);
        assert!(items[3]
            .body
            .as_deref()
            .unwrap()
            .ends_with("so it is text not a heading."));
    }

    #[test]
    fn moderngov_header_gives_title_and_purpose() {
        let item = only_item("Agenda item\n\nHighways Update\n\nTo update the committee on gritting\n\u{a0}\nMinutes:\n\nQuestion: Salt stocks?\nResponse: Full.\n\nSupporting documents:");
        assert_eq!(item.title.as_deref(), Some("Highways Update"));
        assert_eq!(
            item.purpose.as_deref(),
            Some("To update the committee on gritting")
        );
        assert_eq!(pairs(&item), [("Salt stocks?", "Full.")]);
    }

    #[test]
    fn moderngov_header_straight_into_questions_keeps_them() {
        // Regression: the question became the item's title and the answer its purpose, and
        // the file gave no record at all.
        let item = only_item(
            "Agenda item\n\n1. Question: Will the zebra crossing be repainted?\nResponse: Yes, in May.",
        );
        assert_eq!(item.title, None);
        assert_eq!(
            pairs(&item),
            [("Will the zebra crossing be repainted?", "Yes, in May.")]
        );
    }

    #[test]
    fn multibyte_characters_near_line_starts_do_not_panic() {
        // Regression: slicing the first eight bytes of "Present– Cllr ..." split the dash.
        let items = items("Present– Cllr David Lee - Chairman\n\nMembers’ declarations: none\n\n4.1\u{a0}\u{a0}Chairman’s Report.");
        assert_eq!(items.len(), 1);
    }

    /// A poor man's fuzzer: documents stitched at random from the fragments the patterns key on
    /// (labels, headings, markers, multibyte characters) must segment without panicking, and
    /// every exchange must have a question.
    #[test]
    fn random_fragment_soup_never_panics() {
        const FRAGMENTS: [&str; 25] = [
            " • ",
            "Question:",
            "Response:",
            "Q.",
            "A.",
            "Q ",
            "A ",
            "1.",
            "(a)",
            "## ",
            "Agenda item",
            "Minutes:",
            "RESOLVED",
            "asked whether",
            "replied that",
            "; ",
            " – ",
            "£",
            "’",
            "\u{a0}",
            "\n",
            "\n\n",
            "Cllr Ann Pryce (Chair): ",
            "?",
            "Present: Cllr R Sayer (RS)",
        ];
        let mut state = 0x2545_f491_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..2_000 {
            let len = (next() % 40) as usize;
            let doc: String = (0..len)
                .map(|_| FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(if next() % 3 == 0 { "" } else { " " });
            for item in segment(doc.lines()).items {
                assert!(
                    item.exchanges.iter().all(|e| !e.question.is_empty()),
                    "{doc:?}"
                );
            }
        }
    }

    #[test]
    fn label_words_inside_sentences_are_not_labels() {
        let item = only_item("The question of funding was raised.\nAnswers were awaited: none came.\nQuestions: see appendix.");
        assert!(item.exchanges.is_empty());
    }
}
