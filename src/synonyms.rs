//! Terms that find each other: local-government abbreviations and their long forms, British and
//! American spellings. The list ships in `schema/synonyms.txt`; users add their own file.

use crate::query::{Atom, Group, Occur, Parsed};
use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

/// The list bundled with scrutiny.
pub const BUNDLED: &str = include_str!("../schema/synonyms.txt");

/// The environment variable naming a file of extra synonyms.
pub const SYNONYMS_ENV: &str = "SCRUTINY_SYNONYMS";

/// Groups of equivalent forms, looked up by their normalised words.
#[derive(Debug, Default, Clone)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
    /// Normalised form -> the groups it belongs to.
    by_form: HashMap<String, Vec<usize>>,
    /// The most words in any form, to bound the search for multi-word forms in a query.
    longest: usize,
}

/// A form's words: lower case, split on anything but letters and digits.
fn normalise(form: &str) -> String {
    form.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Synonyms {
    /// The bundled list, read once per process.
    pub fn bundled() -> &'static Synonyms {
        static LIST: LazyLock<Synonyms> = LazyLock::new(|| {
            let mut s = Synonyms::default();
            s.add(BUNDLED);
            s
        });
        &LIST
    }

    /// The bundled list and the user's file, if any.
    pub fn with_file(path: Option<&Path>) -> Result<Synonyms, String> {
        let mut s = Synonyms::bundled().clone();
        if let Some(path) = path {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read synonyms file {}: {e}", path.display()))?;
            s.add(&text);
        }
        Ok(s)
    }

    /// Adds the groups in `text`: one per line, forms separated by commas, `#` comments.
    pub fn add(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            let forms: Vec<String> = line
                .split(',')
                .map(str::trim)
                .filter(|f| !normalise(f).is_empty())
                .map(str::to_string)
                .collect();
            if forms.len() < 2 {
                continue;
            }
            let index = self.groups.len();
            for form in &forms {
                let key = normalise(form);
                self.longest = self.longest.max(key.split(' ').count());
                self.by_form.entry(key).or_default().push(index);
            }
            self.groups.push(forms);
        }
    }

    /// The other forms of every group `form` belongs to.
    pub fn others(&self, form: &str) -> Vec<&str> {
        let key = normalise(form);
        let mut out: Vec<&str> = Vec::new();
        for &g in self.by_form.get(&key).into_iter().flatten() {
            for other in &self.groups[g] {
                if normalise(other) != key && !out.iter().any(|o| normalise(o) == normalise(other))
                {
                    out.push(other);
                }
            }
        }
        out
    }

    /// Adds each term's synonyms to its group as exact phrases, with a note per expansion (an
    /// excluded term excludes all its forms; a fielded one is left as typed).
    /// Runs of unquoted words that together form a synonym ("looked after children") become one
    /// group: that phrase or any of its other forms.
    pub fn expand(&self, parsed: &mut Parsed) {
        let mut groups: Vec<Group> = Vec::new();
        let mut i = 0;
        let source = std::mem::take(&mut parsed.groups);
        while i < source.len() {
            // The longest run of plain words starting here that is a form.
            let mut run = None;
            let plain: Vec<&str> = source[i..]
                .iter()
                .take(self.longest)
                .map_while(plain_word)
                .collect();
            for len in (2..=plain.len()).rev() {
                let phrase = plain[..len].join(" ");
                if !self.others(&phrase).is_empty() {
                    run = Some((len, phrase));
                    break;
                }
            }
            let mut group = match run {
                Some((len, phrase)) => {
                    i += len;
                    Group {
                        occur: Occur::Must,
                        any_of: vec![Atom::Phrase {
                            target: None,
                            text: phrase,
                            slop: 0,
                        }],
                    }
                }
                None => {
                    i += 1;
                    source[i - 1].clone()
                }
            };
            let mut added = Vec::new();
            for atom in group.any_of.clone() {
                let text = match &atom {
                    Atom::Word { target: None, text } => text,
                    Atom::Phrase {
                        target: None,
                        text,
                        slop: 0,
                    } => text,
                    _ => continue,
                };
                let others = self.others(text);
                if others.is_empty() {
                    continue;
                }
                added.push(format!(
                    "{text} also as {}",
                    others
                        .iter()
                        .map(|o| format!("\"{o}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                group
                    .any_of
                    .extend(others.into_iter().map(|o| Atom::Phrase {
                        target: None,
                        text: o.to_string(),
                        slop: 0,
                    }));
            }
            if !added.is_empty() {
                parsed.notes.push(format!("searched {}", added.join("; ")));
            }
            groups.push(group);
        }
        parsed.groups = groups;
    }
}

/// The word of a group that is one unquoted, unfielded word that must match.
fn plain_word(group: &Group) -> Option<&str> {
    match (group.occur, group.any_of.as_slice()) {
        (Occur::Must, [Atom::Word { target: None, text }]) => Some(text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    fn phrases(group: &Group) -> Vec<String> {
        group
            .any_of
            .iter()
            .map(|a| match a {
                Atom::Word { text, .. } => format!("word:{text}"),
                Atom::Phrase { text, .. } => format!("phrase:{text}"),
                Atom::Prefix { text, .. } => format!("prefix:{text}"),
            })
            .collect()
    }

    #[test]
    fn abbreviations_find_long_forms_and_back() {
        let s = Synonyms::bundled();
        let mut p = parse("CAMHS waiting");
        s.expand(&mut p);
        assert_eq!(
            phrases(&p.groups[0]),
            [
                "word:CAMHS",
                "phrase:child and adolescent mental health services",
                "phrase:children and young people's mental health services",
                "phrase:CYPMHS"
            ]
        );
        assert_eq!(phrases(&p.groups[1]), ["word:waiting"]);
        assert_eq!(p.notes.len(), 1);
        assert!(p.notes[0].starts_with("searched CAMHS also as \"child and adolescent"));

        // Unquoted words that together make a form, among others.
        let mut p = parse("support for looked after children placements");
        s.expand(&mut p);
        let groups: Vec<Vec<String>> = p.groups.iter().map(phrases).collect();
        assert_eq!(groups.len(), 4);
        assert_eq!(groups[2][0], "phrase:looked after children");
        assert!(groups[2].contains(&"phrase:children in care".to_string()));
        assert!(groups[2].contains(&"phrase:LAC".to_string()));
        assert_eq!(groups[3], ["word:placements"]);
    }

    #[test]
    fn spellings_user_files_and_what_is_left_alone() {
        let mut s = Synonyms::bundled().clone();
        let mut p = parse("behavior -\"anti-social behaviour\" question:ASB");
        s.expand(&mut p);
        assert_eq!(phrases(&p.groups[0]), ["word:behavior", "phrase:behaviour"]);
        // An exclusion excludes every form; a fielded term is left as typed.
        assert_eq!(p.groups[1].occur, Occur::MustNot);
        assert_eq!(
            phrases(&p.groups[1]),
            [
                "phrase:anti-social behaviour",
                "phrase:ASB",
                "phrase:antisocial behaviour",
                "phrase:anti-social behavior",
                "phrase:antisocial behavior"
            ]
        );
        assert_eq!(p.groups[2].any_of.len(), 1);

        s.add("# ours\nHWB, health and wellbeing board\nnot, a group, with # a comment\nalone\n");
        assert_eq!(s.others("hwb"), ["health and wellbeing board"]);
        assert_eq!(s.others("Health and Wellbeing Board"), ["HWB"]);
        assert_eq!(s.others("a group"), ["not", "with"]);
        assert!(s.others("alone").is_empty());
    }
}
