//! Exchanges recorded in prose rather than with labels: "Councillor X asked whether ...; the
//! Director replied that ...", "In response to a question from X about T, the officer confirmed
//! ...", "A parishioner asked if ... RS responded that ...", "Clarification was sought on ...",
//! and speaker-labelled transcripts ("Cllr Jane Doe (Chair): ...").
//!
//! It works on an item's paragraphs, sentence by sentence. A question is a sentence whose main
//! verb asks; its response is what follows it in the same paragraph, or the next paragraph when
//! that one opens by answering ("The Clerk replied ...").

use super::segment::Exchange;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A paragraph of an item: its lines joined with spaces, and the index of its first line.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    pub line: usize,
}

/// An exchange found in prose, with the index of the paragraph its question is in.
#[derive(Debug, Clone)]
pub struct Found {
    pub exchange: Exchange,
    pub paragraph: usize,
}

/// Verbs that put a question. "asked" needs care: "was asked to", "asked for a bin" and "asked
/// questions which were answered" are not questions; see [`asks`].
static ASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?P<verb>
            asked | enquired | inquired | queried | questioned
          | wanted\s+to\s+know | wished\s+to\s+know | would\s+like\s+to\s+know | wondered
          | sought\s+(?:clarification|assurance|assurances|confirmation|an\s+update|information|details|views)
          | requested\s+(?:then\s+|also\s+|further\s+)?(?:clarification|an\s+update|information|details|confirmation|how|if|whether|why|what|when)
          | raised\s+(?:a|the)\s+(?:question|query)
          | raised\s+(?:a\s+number\s+of\s+|several\s+|some\s+|various\s+|further\s+|many\s+)?(?:questions|queries)
          | put\s+a\s+question
        )\b",
    )
    .unwrap()
});

/// Passive and impersonal questions: "Clarification was sought on ...", "It was queried
/// whether ...", "The question was asked if ...", "The question arose as to ...", "Queries were
/// raised regarding ...", "The broken stile was queried".
static PASSIVE_ASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:and\s+(?:then\s+)?)?(?:
            (?:clarification|assurance|confirmation|an\s+update|information|details)\b[^.]{0,100}?\s(?:was|were)\s+(?:sought|requested|asked\s+for)
          | it\s+was\s+(?:then\s+|also\s+)?(?:asked|queried|questioned|enquired)\s+(?:if|whether|why|what|when|how|who|where|as\s+to|about)
          | (?:the|a|one|another|further)?\s*(?:question|query)\s+was\s+(?:then\s+|also\s+)?asked\b
          | [^.]{3,100}?\s+was\s+(?:then\s+)?queried\b
        )",
    )
    .unwrap()
});

/// Questions described rather than put, which count only when an answer follows: "Questions
/// were raised about ...", "The question arose as to ..." (but see [`RAISED_WHETHER`]).
static RAISED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:and\s+(?:then\s+)?)?(?:
            (?:the|a|some|another|one|further)?\s*(?:question|query|queries|questions|issue)\s+(?:was|were|had\s+been)\s+(?:then\s+|also\s+)?(?:raised|put)\b
          | the\s+question\s+(?:arose|came\s+up)
        )",
    )
    .unwrap()
});

/// A topic put as a question: "The question of faster broadband was mentioned". It counts only
/// when what follows opens by answering it.
static TOPIC_RAISED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the|a)\s+(?:question|query)\s+of\s+[^.]{3,100}?\s+(?:was|were)\s+(?:then\s+|also\s+)?(?:raised|mentioned|brought\s+up)\b").unwrap()
});

/// A described question that says what was asked, and so counts unanswered: "The issue was raised
/// as to whether the lights could go off at midnight".
static RAISED_WHETHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:as\s+to\s+)?(?:whether|if|why|how|what|when|who)\b").unwrap()
});

/// What may follow "asked" when it does not put a question: a request ("asked that ...",
/// "asked the Clerk to ...", "asked for a bin"), a call for a vote or for business ("asked if
/// everyone was content", "asked if there were any questions"), or questions in general
/// ("asked questions which were answered").
static ASKED_NOT_A_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:
            to\b | that\b
          | (?:a\s+number\s+of\s+|several\s+|some\s+|many\s+|further\s+|detailed\s+|their\s+|his\s+|her\s+)?questions\b
          | for\b
          | (?:[\w'’.-]+\s+){1,5}?(?:to|for)\b
          | (?:(?:the\s+)?(?:councillors?|members?|everyone|all|those|the\s+meeting|the\s+council|parishioners|the\s+public)\b[^.?]{0,40}?\s+)?
            (?:if|whether)\s+(?:everyone|all|they|members|councillors|anyone|there\s+(?:were|was)\s+any)\b[^.?]{0,60}?
            \b(?:happy|content|agree|agreed|agreement|favour|approve|approval|anything|any\s+questions|questions|comments|objections?|any\s+other|matters)
        )",
    )
    .unwrap()
});

/// What follows "asked" when it does put a question, checked before the exclusions above: "asked
/// whether ...", "asked the Leader when ...".
static ASKED_A_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)^\s*(?:(?:[\w'’.,-]+\s+){0,6}?)(?:whether|if|why|what|when|where|who|how|about|as\s+to|regarding)\b").unwrap()
});

/// Calls for a vote or for business, never questions: "asked if everyone was content".
static PROCEDURAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)\b(?:if|whether)\s+(?:everyone|all|they|members|councillors|anyone|there\s+(?:were|was)\s+any)\b[^.?]{0,60}?\b(?:happy|content|agree|agreed|agreement|favour|approve|approval|anything\s+to\s+add|any\s+questions|questions|comments|objections?|any\s+other\s+business)").unwrap()
});

/// A leading bullet (of any glyph, Word's private-use ones included) or paragraph number:
/// "5.3 ", "(b) ", "12. ", "* ", "\u{f0a7} ".
static PARAGRAPH_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^[^\p{L}\p{N}"“‘'(]*(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z])[.)]?\s+)?"#).unwrap()
});

fn without_number(sentence: &str) -> &str {
    PARAGRAPH_NUMBER
        .find(sentence)
        .map_or(sentence, |m| &sentence[m.end()..])
}

/// A one-word label opening a paragraph, bracketed or not, before what was said: "(Adjourned:
/// ...", "Response: ...".
static LEADING_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(?\p{Lu}\p{Ll}{1,20}\s*:\s+").unwrap());

fn without_label(text: &str) -> &str {
    LEADING_LABEL.find(text).map_or(text, |m| &text[m.end()..])
}

/// "asked for" puts a question only when what is asked for is an answer.
static ASKED_FOR_AN_ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[\w'’.-]+\s+){0,4}?for\s+(?:clarification|an\s+update|information|details|confirmation|assurances?|an\s+explanation|the\s+(?:reason|timescale|number|cost|figures?))\b").unwrap()
});

/// A clause that answers: "the Director replied that", "RS responded", "In response, the
/// Clerk said".
static RESPOND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?\s+)?(?:(?i:in\s+(?:response|reply|answer))[,:]?\s+(?:to\s+(?:this|that|which)[,]?\s+)?)?(?P<who>[^,;:.]{0,80}?)\s*\b(?P<verb>
            replied | responded | answered | confirmed | explained | advised | said | stated
          | clarified | assured | informed | indicated | reported | acknowledged | undertook
          | agreed | commented | added | noted | outlined | suggested | was\s+told | were\s+told
          | was\s+informed | were\s+informed | was\s+advised | were\s+advised
          | was\s+assured | were\s+assured | pointed\s+out | answer\s+was
          | will | would | is\s+to | are\s+to | to\s+(?:check|write|contact|investigate|look|find|chase|clarify|enquire|speak|liaise|ask)
        )\b",
    )
    .unwrap()
});

/// Where an answer starts inside the question's own sentence: "...; RS responded that ...",
/// "..., to which the Chairman replied ...", "... - the Clerk will find out" (the dash sometimes
/// typed without its second space: "... -the Clerk advised").
static INLINE_ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:
            ;\s* | ,?\s*to\s+which\s+ | \s+[-–—]{1,2}\s*
        )(?P<answer>(?:(?i:in\s+(?:response|reply))[,:]?\s+)?[^;]{0,80}?\b(?:replied|responded|answered|confirmed|explained|advised|said|stated|clarified|assured|informed|was\s+told|were\s+told|was\s+informed|was\s+advised|will|would|to\s+(?:check|write|contact|investigate|look|find|chase|clarify|enquire|speak|liaise))\b)",
    )
    .unwrap()
});

/// An answer after a comma, "and" or "but" in the question's own sentence: a short subject and
/// an answering verb ("It was asked if ..., LH commented that ...", "... and he confirmed that
/// ..."), an impersonal answer ("... but it was noted that ...", "..., this was agreed", "... and
/// the answer was no"), the asker being told ("... and was assured that ..."), or, after a comma,
/// someone taking it away ("..., the Clerk will enquire").
static CLAUSE_ANSWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:,\s+(?:and\s+|but\s+)?|\s+(?:and|but)\s+)(?P<answer>(?:
            (?:was|were)\s+(?:told|informed|advised|assured|reminded)
          | (?:(?i:in|with|given|following|since|due\s+to)\s+[^,;]{1,40}?\s+)?
            (?i:it|this)\s+was\s+(?:then\s+|also\s+|generally\s+)?(?:noted|confirmed|explained|pointed\s+out|stated|clarified|agreed|advised|felt|thought|believed|understood)
          | (?i:it|this)\s+was\s+not\s+(?:yet\s+)?(?:available|possible|known|clear|the\s+case)
          | (?i:the)\s+(?:answer|reply|response)\s+(?:was|is)
          | (?:[A-Z][\w'’-]*\.?|he|she|they|it|the\s+\w+)(?:\s+(?:[\w'’-]+|\p{Lu}\w{0,2}\.)){0,4}?\s+(?:
                replied | responded | answered | confirmed | explained | advised | stated | commented
              | clarified | said | pointed\s+out | answer\s+was
            )
          | (?:he|she|they|the\s+\w+|(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w'’-]*)
            \s+(?:was|were)\s+(?:assured|told|informed|advised|reminded)
        )\b)",
    )
    .unwrap()
});

/// Someone taking a question away, after a comma in its sentence: "..., the Clerk will enquire",
/// "..., Cllr Reed to check". Only people take questions away: "..., the verge will be cut" is
/// part of the question.
static COMMA_UNDERTAKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x),\s+(?:and\s+)?(?P<answer>(?:
            (?:the\s+|The\s+)?(?:Clerk|Chair|Chairman|Chairwoman|Chairperson|Vice[-\s]Chair(?:man)?)
          | (?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr)\.?(?:\s+(?:Mrs|Mr|Ms|Miss)\.?)?(?:\s+[A-Z][\w'’-]*){1,2}
          | [A-Z]{2,3}
        )\s+(?:will|would|is\s+to|to\s+(?:check|write|contact|investigate|look|find|chase|clarify|enquire|speak|liaise|ask))\b)",
    )
    .unwrap()
});

/// Where the answer starts inside a question's sentence, searching from `from`: the earliest of
/// the forms above, as (where the question ends, where the answer starts).
fn inline_answer(sentence: &str, from: usize) -> Option<(usize, usize)> {
    [&INLINE_ANSWER, &CLAUSE_ANSWER, &COMMA_UNDERTAKING]
        .iter()
        .filter_map(|re| re.captures_at(sentence, from))
        .map(|c| (c.get(0).unwrap().start(), c.name("answer").unwrap().start()))
        .min()
}

/// "In response to a question (from X) (about T), Y said ...", or without the comma before "it
/// was noted ...", and "When asked how T, Y suggested ...".
static IN_RESPONSE_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?P<question>
            (?i:when\s+(?:asked|questioned)\s+(?:about|whether|if|why|what|how|when|who|where|as\s+to)\b[^,]{0,200}?)
          | (?i:(?:in\s+(?:response|reply|answer)\s+to|responding\s+to|replying\s+to|following|after)\s+(?:a|the|an?\s+\w+|further)?\s*(?:question|query|questions|queries|enquiry|enquiries))
            (?:\s+(?i:from)\s+(?P<asker>[^,]{2,80}?))?
            (?:\s+(?i:about|on|regarding|concerning|relating\s+to|around|over|as\s+to|whether|why|how|what|when)\b[^,]{0,200}?)?)
          (?:\s*,\s*(?P<answer>\S) | \s+(?P<answer2>it\s+was\s+(?:noted|confirmed|explained|advised|stated|agreed|reported)\b))",
    )
    .unwrap()
});

/// A speaker-labelled turn: "Cllr Jane Doe (Chair): ...", "Mr Ali Khan: ..." (a name with a
/// role in brackets, or with a title).
static TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?P<name>
            (?:(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*\((?P<role>[^()]{2,80})\)
          | (?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame)\.?\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}
        )\s*:\s*(?P<text>\S)",
    )
    .unwrap()
});

/// Titles and small words that are not part of a person's initials.
const TITLES: [&str; 12] = [
    "cllr",
    "councillor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "messrs",
    "sir",
    "dame",
    "rev",
];

/// Words that end a sentence with a full stop without ending the sentence.
const ABBREVIATIONS: [&str; 16] = [
    "mr", "mrs", "ms", "dr", "cllr", "st", "no", "nos", "rev", "prof", "co", "ltd", "etc",
    "approx", "e.g", "i.e",
];

/// Splits text into sentences at ". ", "? " and "! " before a capital, a digit or a quote, but not
/// after a title ("Mr. Smith") or an initial ("J. Smith"), and at bullets (" • ").
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // A bullet inside a paragraph ("... Ryston Road. • A parishioner asked ...") starts one.
        if bytes[i..].starts_with(" • ".as_bytes()) {
            let s = text[start..i].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i + " • ".len();
            i = start;
            continue;
        }
        if matches!(b, b'.' | b'?' | b'!') {
            // The sentence may end after a closing quote or bracket: "... for Glazewing?' The".
            let mut end = i + 1;
            while let Some(q) = ["'", "\"", "’", "”", ")"]
                .iter()
                .find(|q| bytes[end..].starts_with(q.as_bytes()))
            {
                end += q.len();
            }
            let next = text[end..].trim_start();
            // A no-break space after the stop is common in text pasted from Word.
            let spaced = bytes.get(end) == Some(&b' ') || text[end..].starts_with('\u{a0}');
            let opens = next.chars().next().is_some_and(|c| !c.is_lowercase());
            let word = text[start..i]
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("");
            let abbreviation = b == b'.'
                && (ABBREVIATIONS.contains(&word.to_lowercase().as_str())
                    || (word.chars().count() == 1 && word.chars().all(char::is_uppercase)));
            // A stop typed without its space, between a lower-case word and a capitalised one,
            // still ends the sentence: "... for a pitch.The Company ...". Not "e.g.The",
            // "www.site.Org" or "Mr.Smith".
            let unspaced = b == b'.'
                && end == i + 1
                && word.chars().count() >= 3
                && word.chars().all(char::is_lowercase)
                && text[end..]
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .is_some_and(|w| {
                        w.chars().count() >= 2 && w.chars().next().is_some_and(char::is_uppercase)
                    });
            if (spaced || unspaced) && opens && !abbreviation {
                let s = text[start..end].trim();
                if !s.is_empty() {
                    out.push(s);
                }
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// A question found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Ask {
    /// Who asked: the words before the verb, when they name someone.
    asker: Option<String>,
    /// Passive and "raised the question of" forms also describe concerns that nobody answered;
    /// they count only when an answer follows.
    needs_answer: bool,
    /// Where the asking verb ends in the sentence: an answer inside the sentence starts after it.
    verb_end: usize,
    /// A topic ("The question of broadband was mentioned") counts only when what follows opens
    /// by answering it.
    topic: bool,
}

/// Requests, whatever follows them ("asked that ...", "asked to ..."), and the participle
/// ("the questions asked by ...").
static ASKED_REQUEST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:that|to|by)\b").unwrap());

/// Asking people to do something, even where a question word follows: "asked councillors to
/// consider where the sign should go", "asked the Clerk to find out whether ...".
static ASKED_SOMEONE_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*(?:(?i:the|all|his|her|their|fellow)\s+)?(?:
            (?i:councillors|members|everyone|everybody|all|residents|parishioners|those\s+present|meeting|council|him|her|them|clerk|chair|chairman)
          | (?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w'’-]*
        )\s+to\s+\p{Ll}",
    )
    .unwrap()
});

/// Subjects that are papers, not people: "The report asked whether ...".
static DOCUMENT_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:report|letter|e-?mail|survey|consultation|paper|document|article|plan|strategy|review|leaflet|questionnaire)s?\s*$").unwrap()
});

/// Bodies, not people: "The Parish Council would like to know what policy the Borough has" is
/// the council's own question to someone outside the meeting.
static BODY_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:council|pc|committee|authority|association)\s*$").unwrap()
});

/// Words one of which every question sentence holds; most sentences are turned away by this one
/// scan before the patterns below run.
static QUESTION_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ask|quer|enquir|inquir|question|wonder|sought|request|raised|want|wish|like\s+to\s+know")
        .unwrap()
});

/// Whether a sentence puts a question, and if so who asked.
fn asks(sentence: &str) -> Option<Ask> {
    if !QUESTION_HINT.is_match(sentence) {
        return None;
    }
    let offset = sentence.len() - without_number(sentence).len();
    let sentence = without_number(sentence);
    // Impersonal forms open the sentence or a clause of it: "Considerable discussion took place,
    // the question was raised ...".
    let clauses =
        std::iter::once(0).chain(sentence.match_indices([',', ';']).map(|(i, _)| {
            i + 1 + (sentence[i + 1..].len() - sentence[i + 1..].trim_start().len())
        }));
    for at in clauses {
        let clause = &sentence[at..];
        if let Some(m) = TOPIC_RAISED.find(clause) {
            return Some(Ask {
                asker: None,
                needs_answer: true,
                verb_end: offset + at + m.end(),
                topic: true,
            });
        }
        if let Some(m) = PASSIVE_ASK.find(clause).or_else(|| RAISED.find(clause)) {
            return Some(Ask {
                asker: None,
                needs_answer: !PASSIVE_ASK.is_match(clause)
                    && !RAISED_WHETHER.is_match(&clause[m.end()..]),
                verb_end: offset + at + m.end(),
                topic: false,
            });
        }
    }
    if IN_RESPONSE_TO.is_match(sentence) || PROCEDURAL.is_match(sentence) {
        return None;
    }
    let (m, reporter) = ASK.find_iter(sentence).find_map(|m| {
        // A heading run into the sentence ("Notice board - The Chair asked ...") is not the subject.
        let subject = clause_start(&sentence[..m.start()]);
        let after = &sentence[m.end()..];
        // The asking verb is the main verb, near the start, not in a passive or relative clause.
        let words = subject.split_whitespace().count();
        let passive = subject.trim_end().rsplit(' ').next().is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "was" | "were" | "been" | "be" | "being" | "is" | "are"
            )
        });
        let request = m.as_str() == "asked"
            && (ASKED_REQUEST.is_match(after)
                || ASKED_SOMEONE_TO.is_match(after)
                || (after.trim_start().starts_with("for") && !ASKED_FOR_AN_ANSWER.is_match(after))
                || (!ASKED_A_QUESTION.is_match(after)
                    && !ASKED_FOR_AN_ANSWER.is_match(after)
                    && ASKED_NOT_A_QUESTION.is_match(after)));
        // Asked inside someone's report ("advised that she had asked ...") or by the writer of
        // a report ("We asked about ...") is not a question put at the meeting.
        let lower = subject.to_lowercase();
        let reported = lower.contains(" that ")
            || matches!(lower.split_whitespace().last(), Some("we" | "i"))
            || matches!(lower.trim(), "we" | "i");
        let reporter = reported_then_asked(subject);
        let coordinated = reporter.is_some();
        let bare = subject.trim_end().trim_end_matches(',');
        ((words <= 14 || coordinated)
            && !passive
            && !request
            && (!reported || coordinated)
            && !lower.contains(" which ")
            && !DOCUMENT_SUBJECT.is_match(bare)
            && !(m.as_str().starts_with("would") && BODY_SUBJECT.is_match(bare)))
        .then_some((m, reporter))
    })?;
    let asker = reporter.or_else(|| {
        let subject = clause_start(&sentence[..m.start()]);
        tidy_subject(subject.trim().trim_end_matches(',').trim())
    });
    Some(Ask {
        asker,
        needs_answer: m.as_str().starts_with("raised"),
        verb_end: offset + m.end(),
        topic: false,
    })
}

/// Someone who reports something and then asks, in one sentence: "A parishioner reported that
/// dogs were being walked on the field and asked if ...". `subject` is what comes before
/// "asked"; gives who reported. "She said that she had asked ..." is not one: the asking is
/// inside the report.
fn reported_then_asked(subject: &str) -> Option<String> {
    static REPORTED_AND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?P<who>[^,;]{2,60}?)\s+(?:reported|said|stated|explained|mentioned|pointed\s+out|commented|noted|advised|suggested)\s+that\b.*\sand\s*$").unwrap()
    });
    let who = REPORTED_AND.captures(subject)?.name("who")?.as_str();
    tidy_subject(who)
}

/// The part of `text` after its last dash or colon: where the clause starts.
fn clause_start(text: &str) -> &str {
    [" - ", " – ", " — ", ": "]
        .iter()
        .filter_map(|sep| text.rfind(sep).map(|i| i + sep.len()))
        .max()
        .map_or(text, |i| &text[i..])
}

/// Who did something, from the words before the verb: "Councillor Ann Pryce" from "Councillor
/// Ann Pryce also", nothing from "" or "It".
fn tidy_subject(subject: &str) -> Option<String> {
    let s = subject
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c == ' ')
        .trim();
    let s = s
        .strip_suffix(" also")
        .or_else(|| s.strip_suffix(" then"))
        .or_else(|| s.strip_suffix(" further"))
        .unwrap_or(s)
        .trim();
    let first = s.chars().next()?;
    let word_count = s.split_whitespace().count();
    // "This was agreed": a clause, not someone.
    let clause = s.split_whitespace().skip(1).any(|w| {
        matches!(
            w,
            "was" | "were" | "is" | "are" | "had" | "has" | "have" | "would" | "will"
        )
    });
    if !first.is_uppercase()
        || word_count > 10
        || clause
        || matches!(s, "It" | "This" | "He" | "She" | "They")
    {
        return None;
    }
    Some(s.to_string())
}

/// A responder from an answering clause, if it names one.
fn responder_of(clause: &str) -> Option<String> {
    let c = RESPOND.captures(clause)?;
    tidy_subject(c.name("who")?.as_str())
}

/// Initials in an attendance list mapped to names: "Present: Cllr Robert Sayer (RS, Chairman),
/// G. Paterson" gives RS -> "Cllr Robert Sayer", GP -> "G. Paterson". Ambiguous initials are
/// left out.
pub fn attendance(lines: &[&str]) -> HashMap<String, String> {
    let mut found: HashMap<String, Option<String>> = HashMap::new();
    for line in lines {
        let lower = line.trim_start().to_lowercase();
        let Some(rest) = [
            "present:",
            "present -",
            "present",
            "attendance:",
            "in attendance:",
            "councillors present:",
        ]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| &line.trim_start()[p.len()..])) else {
            continue;
        };
        for part in split_names(rest) {
            let (name, bracket) = match part.find('(') {
                Some(i) => (part[..i].trim(), part[i + 1..].trim_end_matches(')')),
                None => (part.trim(), ""),
            };
            if name.is_empty() || name.split_whitespace().count() > 5 {
                continue;
            }
            let given = bracket
                .split([',', ' ', '/'])
                .find(|t| (2..=3).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase()))
                .map(str::to_string);
            let derived: String = name
                .split(|c: char| c.is_whitespace() || c == '.')
                .filter(|w| !w.is_empty() && !TITLES.contains(&w.to_lowercase().as_str()))
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_uppercase())
                .collect();
            let initials = given.or_else(|| (2..=3).contains(&derived.len()).then_some(derived));
            if let Some(initials) = initials {
                found
                    .entry(initials)
                    .and_modify(|v| {
                        if v.as_deref() != Some(name) {
                            *v = None;
                        }
                    })
                    .or_insert_with(|| Some(name.to_string()));
            }
        }
    }
    found
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect()
}

/// Names in a list separated by commas, semicolons and "and", ignoring separators in brackets.
fn split_names(list: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                out.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&list[start..]);
    out.into_iter()
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().trim_end_matches('.'))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Replaces initials ("RS") with the attendance list's name.
fn resolve(who: Option<String>, names: &HashMap<String, String>) -> Option<String> {
    let who = who?;
    Some(names.get(&who).cloned().unwrap_or(who))
}

/// Finds the prose exchanges among an item's paragraphs, in order.
pub fn find(paragraphs: &[Paragraph], names: &HashMap<String, String>) -> Vec<Found> {
    if let Some(turns) = transcript(paragraphs, names) {
        return turns;
    }
    let mut out = Vec::new();
    let mut p = 0;
    while p < paragraphs.len() {
        let sentences = sentences(&paragraphs[p].text);
        // What each sentence is, worked out once.
        let text = &paragraphs[p].text;
        // A question inside a letter or email read out is the writer's, not the meeting's.
        // A quotation never closed may be a stray mark: it is not trusted.
        let trusted = !Quotes::default().read(text).open();
        let mut quotes = Quotes::default();
        let mut read_to = 0;
        let asked: Vec<Option<Ask>> = sentences
            .iter()
            .map(|s| {
                let at = s.as_ptr() as usize - text.as_ptr() as usize;
                if trusted {
                    quotes.read(&text[read_to..at]);
                    read_to = at;
                }
                if trusted && quotes.open() {
                    asks(s)
                } else {
                    question_in(s)
                }
            })
            .collect();
        let mut s = 0;
        let mut consumed_next = false;
        while s < sentences.len() {
            let sentence = sentences[s];
            let unnumbered = without_number(sentence);
            if let Some(c) = IN_RESPONSE_TO.captures(unnumbered) {
                let answer = c
                    .name("answer")
                    .or_else(|| c.name("answer2"))
                    .map_or("", |m| &unnumbered[m.start()..]);
                // The answer runs on to the next question: a paragraph may record several.
                let mut response = answer.to_string();
                let mut next = s + 1;
                while next < sentences.len()
                    && asked[next].is_none()
                    && !IN_RESPONSE_TO.is_match(without_number(sentences[next]))
                {
                    response.push(' ');
                    response.push_str(sentences[next]);
                    next += 1;
                }
                out.push(Found {
                    exchange: Exchange {
                        question: c["question"].trim().to_string(),
                        responder: resolve(responder_of(answer), names),
                        response: Some(response),
                        asker: resolve(
                            c.name("asker").and_then(|m| tidy_subject(m.as_str())),
                            names,
                        ),
                        supplementary: false,
                        line: paragraphs[p].line,
                    },
                    paragraph: p,
                });
                s = next;
                continue;
            }
            let Some(ask) = asked[s].clone() else {
                s += 1;
                continue;
            };
            let supplementary = sentence.to_lowercase().contains("supplementary");
            // The answer may start inside the question's sentence.
            let (question, mut response) = match inline_answer(sentence, ask.verb_end) {
                Some((end, answer)) => (
                    sentence[..end].trim().to_string(),
                    Some(sentence[answer..].trim().to_string()),
                ),
                None => (sentence.to_string(), None),
            };
            // Then the rest of the paragraph, up to the next question.
            let mut next = s + 1;
            while next < sentences.len()
                && asked[next].is_none()
                && !IN_RESPONSE_TO.is_match(without_number(sentences[next]))
            {
                let r = response.get_or_insert_with(String::new);
                if !r.is_empty() {
                    r.push(' ');
                }
                r.push_str(sentences[next]);
                next += 1;
            }
            // Or the next paragraph, when it opens by answering.
            if response.is_none() && next >= sentences.len() {
                if let Some(following) = paragraphs.get(p + 1) {
                    // Behind a label, if any: "(Adjourned: the owner confirmed ...".
                    let opening = without_label(sentences_first(&following.text));
                    if RESPOND.is_match(opening) && asks(opening).is_none() {
                        response = Some(following.text.clone());
                        consumed_next = true;
                    }
                }
            }
            // A topic counts when what follows answers it, not when the minutes just move on
            // ("The question of funding was raised. Answers were awaited.").
            let answered = response
                .as_deref()
                .is_some_and(|r| RESPOND.is_match(without_label(sentences_first(r))));
            if question.is_empty()
                || (ask.needs_answer && response.is_none())
                || (ask.topic && !answered)
            {
                s = next;
                continue;
            }
            let responder = response
                .as_deref()
                .map(without_label)
                .and_then(responder_of);
            out.push(Found {
                exchange: Exchange {
                    question,
                    response,
                    asker: resolve(ask.asker, names),
                    responder: resolve(responder, names),
                    supplementary,
                    line: paragraphs[p].line,
                },
                paragraph: p,
            });
            s = next;
        }
        p += if consumed_next { 2 } else { 1 };
    }
    out
}

/// The question a sentence puts, reported or direct.
fn question_in(sentence: &str) -> Option<Ask> {
    asks(sentence).or_else(|| {
        direct_question(sentence).map(|at| Ask {
            asker: None,
            needs_answer: false,
            verb_end: at,
            topic: false,
        })
    })
}

/// Which quotations are open at the end of the text read so far: curly double quotes, curly
/// single quotes (a closing one followed by a letter is an apostrophe: "don’t") and straight
/// double quotes. Reads text in pieces, so a paragraph is read once for all its sentences.
#[derive(Default)]
struct Quotes {
    curly: usize,
    single: usize,
    straight: bool,
    /// The character before the text read next (a space at the start).
    previous: Option<char>,
}

impl Quotes {
    fn read(&mut self, text: &str) -> &mut Self {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '“' => self.curly += 1,
                '”' => self.curly = self.curly.saturating_sub(1),
                '‘' if !self.previous.is_some_and(char::is_alphanumeric) => self.single += 1,
                // A piece ends at a sentence start, never inside a word: the next character
                // of an apostrophe is in the same piece.
                '’' if !chars.peek().is_some_and(|n| n.is_alphanumeric()) => {
                    self.single = self.single.saturating_sub(1)
                }
                '"' => self.straight = !self.straight,
                _ => {}
            }
            self.previous = Some(c);
        }
        self
    }

    fn open(&self) -> bool {
        self.curly > 0 || self.single > 0 || self.straight
    }
}

/// A question put in the words it was asked: "Why is the bridge work taking so long?". Quoted
/// questions (from a letter or a report) and one-word ones are not minuted questions. Gives
/// where in the sentence an answer may start: after the opening of a question left without its
/// mark, so that "Bench - is it safe - the Clerk will check" is not answered by its heading.
fn direct_question(sentence: &str) -> Option<usize> {
    let s = without_number(sentence).trim_start();
    let base = sentence.len() - s.len();
    let s = s.trim_end();
    let marked = s.ends_with('?');
    let unmarked = if marked { None } else { unmarked_question(s) };
    let direct = (marked || unmarked.is_some())
        && s.split_whitespace().count() >= 3
        && !s.contains(['"', '“', '‘'])
        && !s.starts_with('\'')
        && !s.starts_with("I ")
        && !s.contains(" I ")
        && !s.contains(" asked ");
    direct.then(|| unmarked.map_or(0, |at| base + at))
}

/// A question the minute-taker left without its question mark, at the start of the sentence or
/// of a clause after a heading's dash: "The Hill - why is this matter considered to be
/// private - it is an open space.", "Also can members of the public see the plans.", or after a
/// comma with a pronoun: "As the hall is to be enlarged, is this included in the budget." Gives
/// where the question's clause starts.
fn unmarked_question(sentence: &str) -> Option<usize> {
    if sentence.contains(" please ") {
        return None;
    }
    if WHY_QUESTION.is_match(sentence) || INVERTED_QUESTION.is_match(sentence) {
        return Some(0);
    }
    let after = |sep: &'static str| sentence.match_indices(sep).map(move |(i, _)| i + sep.len());
    let dashed = after(" - ").chain(after(" – ")).chain(after(" — "));
    let mut found: Vec<usize> = dashed
        .filter(|&i| {
            let clause = &sentence[i..];
            WHY_QUESTION.is_match(clause) || DASHED_INVERTED_QUESTION.is_match(clause)
        })
        .chain(after(", ").filter(|&i| COMMA_INVERTED_QUESTION.is_match(&sentence[i..])))
        .collect();
    found.sort_unstable();
    found.first().copied()
}

/// "Why" and a verb opens a question even when the minute-taker left off the question mark:
/// "The Hill - why is this matter considered to be private." ("Why the calls failed will be
/// looked into" is not one.)
static WHY_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:why)\s+(?i:is|are|was|were|did|do|does|has|have|had|can|can't|cannot|could|should|would|will|isn't|aren't|wasn't|didn't|doesn't|hasn't|haven't|won't)\s").unwrap()
});

/// A verb before its subject opens a question: "Would the Borough Council be prepared to help",
/// "Can members of the public see the plans". Not "should", "were" or "had", which open
/// conditions as often ("Should the weather be bad, ..."), nor "Have the ..." ("Have the notice
/// printed") or a request ("Can it please be noted ...").
static INVERTED_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:(?i:also|and|but|so)\s+)?(?:
            (?i:can|could|would|will|is|are|does|do|did|has)\s+(?:this|that|it|there|the|they|we|you|anyone|members|residents|parishioners|people|any|our|councillors)
          | (?i:have)\s+(?:they|we|there|any|councillors|members)
        )\s+\S+\s+\S+",
    )
    .unwrap()
});

/// After a heading's dash, "is" and "are" only with a pronoun: "Sara Smith - is the liaison
/// officer" is a statement.
static DASHED_INVERTED_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?i:can|could|would|will|does|do|did|has)\s+(?:this|that|it|there|the|they|we|you|anyone|members|residents|parishioners|people|any|our|councillors)
          | (?i:is|are)\s+(?:this|that|it|there|they|we|anyone)
        )\s+\S+\s+\S+",
    )
    .unwrap()
});

/// After a comma, only with a pronoun: "..., is this expense included". "The verge, is the
/// county's" is a clerk's stray comma.
static COMMA_INVERTED_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:is|are|can|could|would|will|does|do|did)\s+(?:this|that|it|there|they)\s+\S+\s+\S+",
    )
    .unwrap()
});

fn sentences_first(text: &str) -> &str {
    sentences(text).into_iter().next().unwrap_or("")
}

/// A transcript of speaker turns: a turn that asks (has a "?") and the next turn by someone
/// else, its answer. `None` when the item is not a transcript.
fn transcript(paragraphs: &[Paragraph], names: &HashMap<String, String>) -> Option<Vec<Found>> {
    // (paragraph, speaker, what they said)
    let turns: Vec<(usize, &str, &str)> = paragraphs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let c = TURN.captures(&p.text)?;
            Some((
                i,
                c.name("name")?.as_str(),
                &p.text[c.name("text")?.start()..],
            ))
        })
        .collect();
    if turns.len() < 2 {
        return None;
    }
    let mut out = Vec::new();
    for pair in turns.windows(2) {
        let ((qi, asker, q), (ai, responder, a)) = (pair[0], pair[1]);
        // "Chair, may I come in?" - "Please do." is procedure, not an exchange.
        let answered = a.split_whitespace().count() >= 4;
        if asker == responder || !q.contains('?') || ai - qi > 2 || !answered {
            continue;
        }
        out.push(Found {
            exchange: Exchange {
                question: q.trim().to_string(),
                response: Some(a.trim().to_string()),
                asker: resolve(Some(asker.trim().to_string()), names),
                responder: resolve(Some(responder.trim().to_string()), names),
                supplementary: false,
                line: paragraphs[qi].line,
            },
            paragraph: qi,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<Paragraph> {
        text.split("\n\n")
            .enumerate()
            .map(|(i, t)| Paragraph {
                text: t.replace('\n', " "),
                line: i,
            })
            .collect()
    }

    fn qa(text: &str) -> Vec<(String, Option<String>)> {
        find(&paras(text), &HashMap::new())
            .into_iter()
            .map(|f| (f.exchange.question, f.exchange.response))
            .collect()
    }

    #[test]
    fn splits_sentences_but_not_at_titles_or_initials() {
        assert_eq!(
            sentences("Open Forum. • A parishioner asked about the £5 ditch. • Another asked why"),
            [
                "Open Forum.",
                "A parishioner asked about the £5 ditch.",
                "Another asked why"
            ]
        );
        assert_eq!(
            sentences("He wanted to know 'what was in this for them?' The question was asked."),
            [
                "He wanted to know 'what was in this for them?'",
                "The question was asked."
            ]
        );
        assert_eq!(
            sentences("Mr. J. Smith asked why. The Clerk replied. Cllr. Jones agreed? Yes."),
            [
                "Mr. J. Smith asked why.",
                "The Clerk replied.",
                "Cllr. Jones agreed?",
                "Yes."
            ]
        );
    }

    #[test]
    fn a_full_stop_without_its_space_ends_a_sentence_between_words() {
        assert_eq!(
            sentences("Mr Hale asked if the barn could be let.The owner had not replied."),
            [
                "Mr Hale asked if the barn could be let.",
                "The owner had not replied."
            ]
        );
        // Not inside an address, after a title or an abbreviation, or before a single letter.
        for one in [
            "Details are at www.parish.Org today.",
            "Mr.Hale asked about it.",
            "Bring tools, e.g.Spades and forks.",
            "See plan.A for the layout.",
        ] {
            assert_eq!(sentences(one), [one]);
        }
    }

    #[test]
    fn reported_question_and_answer_in_one_paragraph() {
        let found = find(
            &paras("Councillor Ann Pryce asked whether the bridge would reopen in May. The Director replied that it would reopen in June."),
            &HashMap::new(),
        );
        assert_eq!(found.len(), 1);
        let e = &found[0].exchange;
        assert_eq!(
            e.question,
            "Councillor Ann Pryce asked whether the bridge would reopen in May."
        );
        assert_eq!(
            e.response.as_deref(),
            Some("The Director replied that it would reopen in June.")
        );
        assert_eq!(e.asker.as_deref(), Some("Councillor Ann Pryce"));
        assert_eq!(e.responder.as_deref(), Some("The Director"));
    }

    #[test]
    fn answer_in_the_next_paragraph() {
        assert_eq!(
            qa("5.3 Councillor Reed asked about gritting routes.\n\n5.4 The Head of Highways explained that routes were unchanged."),
            [(
                "5.3 Councillor Reed asked about gritting routes.".to_string(),
                Some("5.4 The Head of Highways explained that routes were unchanged.".to_string())
            )]
        );
    }

    #[test]
    fn answer_in_the_next_paragraph_behind_a_label() {
        let found = find(
            &paras("Councillor Reed asked whether the pavilion roof was insured.\n\n(Adjourned: Mrs Ida Lowe of the sports club confirmed that it was.)"),
            &HashMap::new(),
        );
        assert_eq!(found.len(), 1);
        let e = &found[0].exchange;
        assert!(e.response.as_deref().is_some_and(
            |r| r.starts_with("(Adjourned: Mrs Ida Lowe of the sports club confirmed")
        ));
        assert_eq!(
            e.responder.as_deref(),
            Some("Mrs Ida Lowe of the sports club")
        );
        // A label before something that does not answer is no answer.
        assert_eq!(
            qa("Councillor Reed asked whether the pavilion roof was insured.\n\nFinance: the precept for next year was set."),
            [("Councillor Reed asked whether the pavilion roof was insured.".to_string(), None)]
        );
    }

    #[test]
    fn inline_answer_after_semicolon_with_initials_resolved() {
        let names =
            attendance(&["Present: Cllr Robert Sayer (RS, Chairman), Cllr Jane Doe, G. Paterson"]);
        assert_eq!(
            names.get("RS").map(String::as_str),
            Some("Cllr Robert Sayer")
        );
        assert_eq!(names.get("JD").map(String::as_str), Some("Cllr Jane Doe"));
        assert_eq!(names.get("GP").map(String::as_str), Some("G. Paterson"));
        let found = find(&paras("A parishioner asked if the hedge could be cut; RS responded that the owner had been asked."), &names);
        let e = &found[0].exchange;
        assert_eq!(e.question, "A parishioner asked if the hedge could be cut");
        assert_eq!(
            e.response.as_deref(),
            Some("RS responded that the owner had been asked.")
        );
        assert_eq!(e.responder.as_deref(), Some("Cllr Robert Sayer"));
    }

    #[test]
    fn in_response_to_a_question() {
        let found = find(
            &paras("In response to a question from Councillor Khan about bin collections, the officer confirmed that rounds would change in April."),
            &HashMap::new(),
        );
        let e = &found[0].exchange;
        assert_eq!(
            e.question,
            "In response to a question from Councillor Khan about bin collections"
        );
        assert_eq!(
            e.response.as_deref(),
            Some("the officer confirmed that rounds would change in April.")
        );
        assert_eq!(e.asker.as_deref(), Some("Councillor Khan"));
    }

    #[test]
    fn requests_and_generic_questions_are_not_exchanges() {
        assert!(qa("The Clerk was asked to write to Highways. Members asked questions which were answered by the Director. Mr Hall asked for a new bin. Cllr Lee asked the Clerk to chase the contractor.").is_empty());
        assert!(qa("No questions had been received. The questions and responses are appended to these minutes.").is_empty());
    }

    #[test]
    fn pluperfect_asks_count_and_asks_inside_reports_do_not() {
        let found = qa("Tom Roberts had requested information on the water main. FRE explained that it was a county scheme.");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].1.as_deref(),
            Some("FRE explained that it was a county scheme.")
        );
        assert!(qa("Cllr Clements advised that she had asked if the MP could help. We asked about Wretton Road but were advised it was not scheduled.").is_empty());
    }

    #[test]
    fn passive_and_impersonal_questions() {
        let found = qa("Clarification was sought on the timetable. Officers advised that it would be published in March.");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].1.as_deref(),
            Some("Officers advised that it would be published in March.")
        );
        let found = qa(
            "Members queried the cost of the scheme; officers advised that it was within budget.",
        );
        assert_eq!(found[0].0, "Members queried the cost of the scheme");
    }

    #[test]
    fn impersonal_questions_inside_a_sentence() {
        let found = qa("Long discussion followed, the question was raised whether a second bench would be used. The Clerk said it would be.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.as_deref(), Some("The Clerk said it would be."));
        // Described but never answered: not an exchange.
        assert!(qa("Long discussion followed, the question was raised of the bench.").is_empty());
    }

    #[test]
    fn why_questions_without_a_question_mark() {
        let found =
            qa("Mill Lane - why is the verge cut so rarely. The Clerk will ask the contractor.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Mill Lane - why is the verge cut so rarely.");
        assert_eq!(
            found[0].1.as_deref(),
            Some("The Clerk will ask the contractor.")
        );
        assert!(qa("Why the lights failed will be looked into by the Clerk.").is_empty());
    }

    #[test]
    fn speaker_turns() {
        let found = find(
            &paras("Cllr Jane Doe (Chair): Welcome, everyone.\n\nCllr Ali Khan (Member): When will the library reopen?\n\nMs Rose Hill (Head of Libraries): In September, after the roof repairs."),
            &HashMap::new(),
        );
        assert_eq!(found.len(), 1);
        let e = &found[0].exchange;
        assert_eq!(e.question, "When will the library reopen?");
        assert_eq!(
            e.response.as_deref(),
            Some("In September, after the roof repairs.")
        );
        assert_eq!(e.asker.as_deref(), Some("Cllr Ali Khan (Member)"));
        assert_eq!(
            e.responder.as_deref(),
            Some("Ms Rose Hill (Head of Libraries)")
        );
    }

    /// The answer in the question's own sentence, after "and", "but", a comma or a dash.
    fn split(text: &str) -> (String, String) {
        let found = qa(text);
        assert_eq!(found.len(), 1, "{found:?}");
        let (q, r) = found.into_iter().next().unwrap();
        (q, r.unwrap_or_default())
    }

    #[test]
    fn answers_joined_to_the_question_by_and_or_but() {
        assert_eq!(
            split("Mr Hale asked whether the footbridge would be mended before winter and he was told that the county had no budget for it."),
            (
                "Mr Hale asked whether the footbridge would be mended before winter".to_string(),
                "he was told that the county had no budget for it.".to_string()
            )
        );
        assert_eq!(
            split("The question was asked if the pond could be fenced and the answer was no as it is a village green."),
            (
                "The question was asked if the pond could be fenced".to_string(),
                "the answer was no as it is a village green.".to_string()
            )
        );
        assert_eq!(
            split("Cllr Voss queried whether a grit bin was needed on Mill Rise but it was noted that the county fills the one at the corner."),
            (
                "Cllr Voss queried whether a grit bin was needed on Mill Rise".to_string(),
                "it was noted that the county fills the one at the corner.".to_string()
            )
        );
        // The asker told the answer, after a name that is part of the question.
        assert_eq!(
            split("Mrs Dane questioned the link between the school and Brookfield Farm and was assured that the lease had ended."),
            (
                "Mrs Dane questioned the link between the school and Brookfield Farm".to_string(),
                "was assured that the lease had ended.".to_string()
            )
        );
    }

    #[test]
    fn answers_after_a_comma_or_a_close_dash() {
        assert_eq!(
            split(
                "The Clerk asked if the December meeting could move to the 9th, this was agreed."
            ),
            (
                "The Clerk asked if the December meeting could move to the 9th".to_string(),
                "this was agreed.".to_string()
            )
        );
        assert_eq!(
            split("Cllr Ives queried whether the hall insurance covers the marquee, the Clerk will find out."),
            (
                "Cllr Ives queried whether the hall insurance covers the marquee".to_string(),
                "the Clerk will find out.".to_string()
            )
        );
        assert_eq!(
            split("Bus shelter - Cllr Ross asked when the glass would be replaced -the Clerk advised that it was ordered."),
            (
                "Bus shelter - Cllr Ross asked when the glass would be replaced".to_string(),
                "the Clerk advised that it was ordered.".to_string()
            )
        );
        // A list in the question is not someone taking it away.
        assert_eq!(
            split("Mr Penn asked whether the verges, the hedges and the ditch will be cut in May."),
            (
                "Mr Penn asked whether the verges, the hedges and the ditch will be cut in May."
                    .to_string(),
                String::new()
            )
        );
    }

    #[test]
    fn impersonal_answers_after_a_comma() {
        assert_eq!(
            split("Mrs Dale asked whether the fete would go ahead, in view of the forecast it was felt that it should be postponed."),
            (
                "Mrs Dale asked whether the fete would go ahead".to_string(),
                "in view of the forecast it was felt that it should be postponed.".to_string()
            )
        );
        assert_eq!(
            split("Cllr Obi asked if last year's traffic count could be circulated, this was not available."),
            (
                "Cllr Obi asked if last year's traffic count could be circulated".to_string(),
                "this was not available.".to_string()
            )
        );
        // What the asker felt, or a lead-in without an impersonal answer, stays in the question.
        assert_eq!(
            split("Mr Kerr asked whether in the light of the floods he felt the drains were adequate."),
            (
                "Mr Kerr asked whether in the light of the floods he felt the drains were adequate."
                    .to_string(),
                String::new()
            )
        );
    }

    #[test]
    fn a_no_break_space_after_a_full_stop_ends_the_sentence() {
        assert_eq!(
            sentences("Mrs Orr asked who owns the path.\u{a0} Cllr Tate said the county does."),
            [
                "Mrs Orr asked who owns the path.",
                "Cllr Tate said the county does."
            ]
        );
    }

    #[test]
    fn asking_people_to_act_or_to_object_is_not_a_question() {
        assert!(
            qa("The Chair asked members to consider where the new bench should go.").is_empty()
        );
        assert!(
            qa("Mrs Ward asked if councillors had any objection to the hire charge.").is_empty()
        );
        assert!(
            qa("The Clerk asked Cllr Moss to find out whether the lease was signed.").is_empty()
        );
    }

    #[test]
    fn questions_left_without_their_question_mark() {
        // After a heading's dash; the answer is not taken from the heading's own dash.
        assert_eq!(
            split("Allotments - why has the water been cut off - the Clerk will ask the landlord."),
            (
                "Allotments - why has the water been cut off".to_string(),
                "the Clerk will ask the landlord.".to_string()
            )
        );
        assert_eq!(
            split("Also can residents borrow the new litter pickers. It was agreed they could."),
            (
                "Also can residents borrow the new litter pickers.".to_string(),
                "It was agreed they could.".to_string()
            )
        );
        assert_eq!(
            split("Play area - as the hedge is to be replanted, is this cost in the budget."),
            (
                "Play area - as the hedge is to be replanted, is this cost in the budget."
                    .to_string(),
                String::new()
            )
        );
        // Statements, instructions, conditions and requests that open the same way.
        assert!(
            qa("Sam Lee - is the new footpath warden and can be reached at the hall.").is_empty()
        );
        assert!(qa("Have the notice printed in the parish magazine.").is_empty());
        assert!(qa("Should the weather be poor, the fete will move into the hall.").is_empty());
        assert!(qa("Can it please be minuted that the hall was full.").is_empty());
    }

    #[test]
    fn questions_inside_a_quoted_letter_are_the_writers() {
        assert!(qa("A letter was read out: “The swings are filthy. Who is paid to clean them? We hope this is put right.” The Clerk will ask the contractor.").is_empty());
        // A quotation that never closes is not trusted to hide what follows.
        assert_eq!(
            qa("The notice said “no dogs. Can the council put up a second sign? The Clerk will price one.").len(),
            1
        );
    }

    #[test]
    fn a_report_then_a_question_in_one_sentence() {
        let found = find(
            &paras("Mrs Kerr reported that the school bus had been late all week and asked if the council could complain. The Clerk will write to the operator."),
            &HashMap::new(),
        );
        assert_eq!(found.len(), 1);
        let e = &found[0].exchange;
        assert!(e
            .question
            .starts_with("Mrs Kerr reported that the school bus"));
        assert_eq!(e.asker.as_deref(), Some("Mrs Kerr"));
        assert_eq!(
            e.response.as_deref(),
            Some("The Clerk will write to the operator.")
        );
        // Asking inside what is reported is not a question put at the meeting.
        assert!(qa(
            "Cllr Hay said that she had written to the MP and she had asked if he could help."
        )
        .is_empty());
    }

    #[test]
    fn described_questions_that_say_what_was_asked() {
        assert_eq!(
            qa("The question of a village website was mentioned. Cllr Bell confirmed that a volunteer had offered to build one."),
            [(
                "The question of a village website was mentioned.".to_string(),
                Some("Cllr Bell confirmed that a volunteer had offered to build one.".to_string())
            )]
        );
        assert!(qa("The question of the website was raised.").is_empty());
        // "As to whether" says what was asked: it counts unanswered.
        assert_eq!(
            qa("The issue was raised as to whether the car park could be resurfaced."),
            [(
                "The issue was raised as to whether the car park could be resurfaced.".to_string(),
                None
            )]
        );
        assert_eq!(
            qa("The responsibility for emptying the bin beside the bus stop on the Downham road was queried. Cllr Moss said the borough empties it."),
            [(
                "The responsibility for emptying the bin beside the bus stop on the Downham road was queried.".to_string(),
                Some("Cllr Moss said the borough empties it.".to_string())
            )]
        );
    }

    #[test]
    fn several_answered_questions_in_one_paragraph() {
        assert_eq!(
            qa("In response to a question about parking, the Clerk said signs were on order. In response to a further question about the bins, Cllr Lee confirmed that they are emptied weekly."),
            [
                (
                    "In response to a question about parking".to_string(),
                    Some("the Clerk said signs were on order.".to_string())
                ),
                (
                    "In response to a further question about the bins".to_string(),
                    Some("Cllr Lee confirmed that they are emptied weekly.".to_string())
                )
            ]
        );
        assert_eq!(
            qa("When asked how residents could help, the warden suggested joining the rota."),
            [(
                "When asked how residents could help".to_string(),
                Some("the warden suggested joining the rota.".to_string())
            )]
        );
    }

    fn found(text: &str) -> Vec<Exchange> {
        find(&paras(text), &HashMap::new())
            .into_iter()
            .map(|f| f.exchange)
            .collect()
    }

    #[test]
    fn several_questions_raised_count_when_answered() {
        let e = found("Residents raised a number of questions about the footbridge: its cost, its lighting and who would repair it. Cllr Okafor said that the county would meet the cost.");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].asker.as_deref(), Some("Residents"));
        assert!(e[0]
            .question
            .starts_with("Residents raised a number of questions about the footbridge:"));
        assert!(e[0]
            .response
            .as_deref()
            .is_some_and(|r| r.starts_with("Cllr Okafor said that the county")));
        let e = found("Mrs Tandy raised several queries over the allotment rents. The Clerk explained that they had not risen since 2015.");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].asker.as_deref(), Some("Mrs Tandy"));
        assert!(e[0]
            .question
            .starts_with("Mrs Tandy raised several queries"));
        assert!(e[0]
            .response
            .as_deref()
            .is_some_and(|r| r.starts_with("The Clerk explained that")));
        // Unanswered, or followed by the questions themselves, they are not an exchange.
        assert!(found("Parishioners raised a number of questions.").is_empty());
        let e = found("Parishioners raised a number of questions. A parishioner asked why the gate was locked. The Chair replied that it had been vandalised.");
        assert_eq!(e.len(), 1);
        assert!(e[0].question.starts_with("A parishioner asked why"));
    }

    #[test]
    fn would_like_to_know_is_a_question_unless_a_body_wants_to_know() {
        let e = found("Cllr Pereira would like to know whether the hedge on Mill Lane will be cut before spring. The Clerk will ask the landowner.");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].asker.as_deref(), Some("Cllr Pereira"));
        assert!(e[0]
            .question
            .starts_with("Cllr Pereira would like to know whether the hedge"));
        assert!(e[0]
            .response
            .as_deref()
            .is_some_and(|r| r.starts_with("The Clerk will ask")));
        // After a suggestion in the same sentence, the one who suggested asks.
        let e = found("A resident suggested that the works were behind schedule and would like to know 'when will the road reopen?'");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].asker.as_deref(), Some("A resident"));
        assert!(e[0]
            .question
            .starts_with("A resident suggested that the works"));
        assert_eq!(e[0].response, None);
        // The council's own question to someone outside the meeting is not one put at it.
        assert!(found("The Parish Council would like to know what the Borough plans for the car park. Site 4, PC would like to know where access will be.").is_empty());
    }
}
