//! "Did you mean": for a query with no hits, the words the index does not hold, replaced by the
//! closest words it does (edit distance, then how often the word occurs).

use crate::query::{Atom, Occur, Parsed};
use crate::schema::Fields;
use std::collections::HashMap;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// The query with its unknown words replaced by close known ones, or `None` when every word is
/// known or nothing close is.
pub fn did_you_mean(
    searcher: &Searcher,
    fields: &Fields,
    query: &str,
    parsed: &Parsed,
) -> tantivy::Result<Option<String>> {
    // Fields that hold the words as written (and stems, which are not suggested).
    let exact = [fields.question, fields.response, fields.text, fields.item];
    let mut suggestion = query.to_string();
    let mut changed = false;
    for word in query_words(parsed) {
        if known(searcher, &exact, &word)? {
            continue;
        }
        if let Some(better) = closest(searcher, &exact, &word)? {
            suggestion = replace_word(&suggestion, &word, &better);
            changed = true;
        }
    }
    Ok(changed.then_some(suggestion))
}

/// The lower-cased words of the query's positive, unfielded terms.
fn query_words(parsed: &Parsed) -> Vec<String> {
    let mut out = Vec::new();
    for group in parsed.groups.iter().filter(|g| g.occur == Occur::Must) {
        for atom in &group.any_of {
            if let Atom::Word { target: None, text }
            | Atom::Phrase {
                target: None, text, ..
            } = atom
            {
                out.extend(
                    text.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| w.chars().count() >= 3)
                        .map(str::to_lowercase),
                );
            }
        }
    }
    out.dedup();
    out
}

fn known(searcher: &Searcher, fields: &[Field], word: &str) -> tantivy::Result<bool> {
    for &field in fields {
        if searcher.doc_freq(&Term::from_field_text(field, word))? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The known word nearest to `word`: at most one edit for short words, two for longer ones,
/// sharing the first letter; ties go to the commoner word.
fn closest(searcher: &Searcher, fields: &[Field], word: &str) -> tantivy::Result<Option<String>> {
    let Some(first) = word.chars().next() else {
        return Ok(None);
    };
    let limit = if word.chars().count() <= 4 { 1 } else { 2 };
    let start = first.to_string();
    let end = char::from_u32(first as u32 + 1).map(|c| c.to_string());
    // candidate -> (distance, documents holding it)
    let mut candidates: HashMap<String, (usize, u64)> = HashMap::new();
    for segment in searcher.segment_readers() {
        for &field in fields {
            let index = segment.inverted_index(field)?;
            let dict = index.terms();
            let mut range = dict.range().ge(start.as_bytes());
            if let Some(end) = &end {
                range = range.lt(end.as_bytes());
            }
            let mut stream = range.into_stream()?;
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if crate::analysis::is_pair(term) {
                    continue; // a pair of words, not a word to suggest
                }
                if term.len().abs_diff(word.len()) > limit {
                    continue;
                }
                let distance = strsim::levenshtein(word, term);
                if distance == 0 || distance > limit {
                    continue;
                }
                let entry = candidates.entry(term.to_string()).or_insert((distance, 0));
                entry.1 += u64::from(stream.value().doc_freq);
            }
        }
    }
    Ok(candidates
        .into_iter()
        .min_by(|(a, (da, fa)), (b, (db, fb))| da.cmp(db).then(fb.cmp(fa)).then(a.cmp(b)))
        .map(|(term, _)| term))
}

/// `text` with each whole-word, case-insensitive occurrence of `word` replaced.
fn replace_word(text: &str, word: &str, by: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| c.is_alphanumeric())
            .unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        let token = &rest[..end];
        out.push_str(if token.to_lowercase() == word {
            by
        } else {
            token
        });
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_words_only() {
        assert_eq!(
            replace_word("\"Parentel conflict\" -parentelx", "parentel", "parental"),
            "\"parental conflict\" -parentelx"
        );
    }
}
