//! The query language, parsed by hand so that it never fails: whatever cannot be read is searched
//! as words, and a note says so.
//!
//! ```text
//! parental conflict          both words, stemmed ("conflicts" matches), anywhere in an exchange
//! "Think Family"             exactly this phrase: no stemming ("thinking of families" does not match)
//! "school transport"~3       the words within 3 positions of each other
//! famil*                     words starting with "famil"
//! CAMHS OR "mental health"   either
//! -budget  -"cost of living" without the word, without the phrase
//! question:bus  response:"no plans"  item:budget  asker:smith  responder:"director of public health"
//! council:marlbury  committee:health
//! ```
//!
//! This module only reads the text into [`Parsed`] groups; `search.rs` turns them into tantivy
//! queries.

/// A field a clause may name: `question:`, `asker:` ...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Question,
    Response,
    Item,
    Asker,
    Responder,
    Council,
    Committee,
}

impl Target {
    pub const ALL: [(&'static str, Target); 7] = [
        ("question", Target::Question),
        ("response", Target::Response),
        ("item", Target::Item),
        ("asker", Target::Asker),
        ("responder", Target::Responder),
        ("council", Target::Council),
        ("committee", Target::Committee),
    ];

    fn parse(name: &str) -> Option<Target> {
        Target::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, t)| *t)
    }
}

/// One thing to match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// An unquoted word: stemmed.
    Word {
        target: Option<Target>,
        text: String,
    },
    /// `famil*`: any word starting so (unstemmed).
    Prefix {
        target: Option<Target>,
        text: String,
    },
    /// A quoted phrase: exact words in order, `slop` positions apart at most.
    Phrase {
        target: Option<Target>,
        text: String,
        slop: u32,
    },
}

/// Whether a group must match or must not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occur {
    Must,
    MustNot,
}

/// Atoms joined by `OR`; groups are joined by AND.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub occur: Occur,
    pub any_of: Vec<Atom>,
}

/// A parsed query and what was ignored or changed, for the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub groups: Vec<Group>,
    pub notes: Vec<String>,
}

/// A lexical item.
#[derive(Debug)]
enum Lexeme {
    Or,
    Item { negated: bool, atom: Atom },
}

/// Reads a query. Never fails: unbalanced quotes close at the end, unknown `field:` prefixes
/// are read as words, stray operators are dropped, each with a note.
pub fn parse(input: &str) -> Parsed {
    let mut notes = Vec::new();
    let lexemes = lex(input, &mut notes);
    let mut groups: Vec<Group> = Vec::new();
    let mut pending_or = false;
    for lexeme in lexemes {
        match lexeme {
            Lexeme::Or => {
                if groups.last().is_some_and(|g| g.occur == Occur::Must) {
                    pending_or = true;
                } else {
                    notes.push("`OR` needs a term on each side; it was ignored".to_string());
                }
            }
            Lexeme::Item { negated, atom } => {
                let occur = if negated { Occur::MustNot } else { Occur::Must };
                if pending_or {
                    pending_or = false;
                    if occur == Occur::Must {
                        groups.last_mut().unwrap().any_of.push(atom);
                        continue;
                    }
                    notes.push(
                        "`OR -term` is not supported: the excluded term stands on its own"
                            .to_string(),
                    );
                }
                groups.push(Group {
                    occur,
                    any_of: vec![atom],
                });
            }
        }
    }
    if pending_or {
        notes.push("`OR` needs a term on each side; it was ignored".to_string());
    }
    Parsed { groups, notes }
}

fn lex(input: &str, notes: &mut Vec<String>) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let mut rest = input.trim_start();
    let mut dropped_parens = false;
    while !rest.is_empty() {
        // `-` or `NOT ` excludes what follows.
        let mut negated = false;
        if let Some(r) = rest.strip_prefix('-').filter(|r| starts_item(r)) {
            negated = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("NOT ") {
            negated = true;
            rest = r.trim_start();
        }
        // `field:` names where to look.
        let mut target = None;
        if let Some(colon) = rest.find(':') {
            let name = &rest[..colon];
            let after = &rest[colon + 1..];
            if !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphabetic())
                && starts_item(after)
            {
                match Target::parse(name) {
                    Some(t) => {
                        target = Some(t);
                        rest = after;
                    }
                    None => {
                        notes.push(format!(
                            "`{name}:` is not a field ({}); searched everywhere for what follows it",
                            Target::ALL.map(|(n, _)| n).join(", ")
                        ));
                        rest = after;
                    }
                }
            }
        }
        if let Some(r) = rest.strip_prefix('"') {
            let (phrase, after) = match r.find('"') {
                Some(end) => (&r[..end], &r[end + 1..]),
                None => {
                    notes.push("a quote was not closed; the phrase runs to the end".to_string());
                    (r, "")
                }
            };
            rest = after;
            let mut slop = 0;
            if let Some(r) = rest.strip_prefix('~') {
                let digits = r.bytes().take_while(u8::is_ascii_digit).count();
                slop = r[..digits].parse().unwrap_or(0).min(50);
                rest = &r[digits..];
            }
            if phrase.trim().is_empty() {
                notes.push("an empty phrase was ignored".to_string());
            } else {
                out.push(Lexeme::Item {
                    negated,
                    atom: Atom::Phrase {
                        target,
                        text: phrase.trim().to_string(),
                        slop,
                    },
                });
            }
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            rest = &rest[end..];
            if word == "OR" && !negated && target.is_none() {
                out.push(Lexeme::Or);
            } else if word == "AND" && !negated && target.is_none() {
                // AND is the default.
            } else {
                let cleaned: String = word.chars().filter(|c| !matches!(c, '(' | ')')).collect();
                dropped_parens |= cleaned.len() != word.len();
                let atom = match cleaned.strip_suffix('*') {
                    Some(stem) if stem.chars().any(char::is_alphanumeric) => Atom::Prefix {
                        target,
                        text: stem.to_string(),
                    },
                    _ => Atom::Word {
                        target,
                        text: cleaned.trim_end_matches('*').to_string(),
                    },
                };
                let empty = match &atom {
                    Atom::Word { text, .. } | Atom::Prefix { text, .. } => {
                        !text.chars().any(char::is_alphanumeric)
                    }
                    Atom::Phrase { .. } => false,
                };
                if !empty {
                    out.push(Lexeme::Item { negated, atom });
                }
            }
        }
        rest = rest.trim_start();
    }
    if dropped_parens {
        notes.push(
            "brackets are not supported: terms are joined by AND unless OR stands between two"
                .to_string(),
        );
    }
    out
}

/// Whether text starts with something a `-` or `field:` can apply to.
fn starts_item(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c == '"' || c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Atom {
        Atom::Word {
            target: None,
            text: text.into(),
        }
    }

    fn phrase(text: &str, slop: u32) -> Atom {
        Atom::Phrase {
            target: None,
            text: text.into(),
            slop,
        }
    }

    fn must(any_of: Vec<Atom>) -> Group {
        Group {
            occur: Occur::Must,
            any_of,
        }
    }

    fn not(atom: Atom) -> Group {
        Group {
            occur: Occur::MustNot,
            any_of: vec![atom],
        }
    }

    #[test]
    fn words_phrases_and_exclusions() {
        let p = parse(r#"parental "Think Family" -budget -"cost of living""#);
        assert_eq!(
            p.groups,
            [
                must(vec![word("parental")]),
                must(vec![phrase("Think Family", 0)]),
                not(word("budget")),
                not(phrase("cost of living", 0)),
            ]
        );
        assert!(p.notes.is_empty());
    }

    #[test]
    fn or_joins_its_neighbours_only() {
        let p = parse(r#"school CAMHS OR "mental health" transport"#);
        assert_eq!(
            p.groups,
            [
                must(vec![word("school")]),
                must(vec![word("CAMHS"), phrase("mental health", 0)]),
                must(vec![word("transport")]),
            ]
        );
    }

    #[test]
    fn fields_proximity_and_prefixes() {
        let p = parse(r#"asker:"Jane Doe" question:bus "school transport"~3 famil*"#);
        assert_eq!(
            p.groups,
            [
                must(vec![Atom::Phrase {
                    target: Some(Target::Asker),
                    text: "Jane Doe".into(),
                    slop: 0
                }]),
                must(vec![Atom::Word {
                    target: Some(Target::Question),
                    text: "bus".into()
                }]),
                must(vec![phrase("school transport", 3)]),
                must(vec![Atom::Prefix {
                    target: None,
                    text: "famil".into()
                }]),
            ]
        );
    }

    #[test]
    fn bad_syntax_is_read_leniently_with_notes() {
        let p = parse(r#"OR (grit OR salt) colour:red "unclosed phrase"#);
        assert_eq!(
            p.groups,
            [
                must(vec![word("grit"), word("salt")]),
                must(vec![word("red")]),
                must(vec![phrase("unclosed phrase", 0)]),
            ]
        );
        assert_eq!(p.notes.len(), 4, "{:?}", p.notes);
        assert!(p
            .notes
            .iter()
            .any(|n| n.contains("`colour:` is not a field")));
        assert!(p.notes.iter().any(|n| n.contains("quote was not closed")));
        // Only punctuation, a lone `-`, an empty phrase: nothing to search, no panic.
        for odd in ["", "   ", "-", "\"\"", "* OR *", "-\"", "::", "NOT"] {
            let _ = parse(odd);
        }
        assert_eq!(parse("-budget").groups, [not(word("budget"))]);
    }
}
