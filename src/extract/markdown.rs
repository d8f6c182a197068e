//! Markdown input: YAML front matter, and lines cleaned of the markup that clerks' pages carry
//! (`1\.` escapes, `**bold**` labels, links, stray HTML) so the segmenter sees plain lines.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// The front-matter keys scrutiny reads. Everything else in the block is ignored.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<String>,
    pub council: Option<String>,
    pub committee: Option<String>,
}

/// Splits a leading `---` front-matter block from the body.
///
/// Only top-level `key: value` scalars are read, by hand rather than with a YAML parser: the
/// blocks in real archives are often not valid YAML (unquoted colons, tabs), and a strict parser
/// would throw away the title and date we need for the sake of a `categories` list we don't.
pub fn split_front_matter(text: &str) -> (FrontMatter, &str) {
    let mut fm = FrontMatter::default();
    let rest = text.trim_start_matches('\u{feff}');
    let Some(after_open) = rest.strip_prefix("---").and_then(|r| {
        let r = r.trim_start_matches([' ', '\t']);
        r.strip_prefix("\r\n").or_else(|| r.strip_prefix('\n'))
    }) else {
        return (fm, text);
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return (fm, &after_open[offset..]);
        }
        if line.starts_with([' ', '\t', '-']) {
            continue;
        }
        if let Some((key, value)) = trimmed.split_once(':') {
            let value = unquote(value.trim());
            if value.is_empty() {
                continue;
            }
            let slot = match key.trim().to_ascii_lowercase().as_str() {
                "title" => &mut fm.title,
                "date" => &mut fm.date,
                "council" => &mut fm.council,
                "committee" => &mut fm.committee,
                _ => continue,
            };
            *slot = Some(value.to_string());
        }
    }
    // No closing fence: this was not front matter.
    (FrontMatter::default(), text)
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner.trim();
        }
    }
    v
}

static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"!?\[([^\]]*)\]\([^)]*\)").unwrap());
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</?[A-Za-z][^<>]{0,200}>").unwrap());
static TABLE_RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$").unwrap());

/// Cleans one Markdown line to the plain text a reader sees. Headings keep their `#` marks:
/// the segmenter uses them as item boundaries.
pub fn clean_line(line: &str) -> Cow<'_, str> {
    if !line.contains(['\\', '*', '_', '[', '<', '&', '|']) {
        return Cow::Borrowed(line);
    }
    if TABLE_RULE.is_match(line) {
        return Cow::Borrowed("");
    }
    let mut s = line.replace("**", "").replace("__", "");
    if s.contains('\\') {
        s = unescape(&s);
    }
    if s.contains('[') {
        s = LINK.replace_all(&s, "$1").into_owned();
    }
    if s.contains('<') {
        s = TAG.replace_all(&s, " ").into_owned();
    }
    if s.contains('&') {
        s = s
            .replace("&nbsp;", " ")
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'");
    }
    // `_emphasis_` wrapping a whole line.
    let t = s.trim();
    if t.len() > 2 && (t.starts_with('_') && t.ends_with('_')) {
        s = t[1..t.len() - 1].to_string();
    }
    // Table rows become cells separated by " | ".
    let t = s.trim();
    if t.starts_with('|') && t.ends_with('|') && t.len() > 1 {
        s = t[1..t.len() - 1]
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" | ");
    }
    Cow::Owned(s)
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_scalars_and_skips_lists() {
        let text = "---\ntitle: \"Stoke Parish Council\"\ndate: \"2001-05-01\"\ncategories: \n  - \"parish-councils\"\ncommittee: Planning: East\n---\n\nBody";
        let (fm, body) = split_front_matter(text);
        assert_eq!(fm.title.as_deref(), Some("Stoke Parish Council"));
        assert_eq!(fm.date.as_deref(), Some("2001-05-01"));
        assert_eq!(fm.committee.as_deref(), Some("Planning: East"));
        assert_eq!(fm.council, None);
        assert_eq!(body, "\nBody");
    }

    #[test]
    fn unclosed_front_matter_is_body() {
        let text = "---\ntitle: x\nno end";
        let (fm, body) = split_front_matter(text);
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(body, text);
    }

    #[test]
    fn cleans_markup() {
        assert_eq!(clean_line("1\\. Gravel in Drive"), "1. Gravel in Drive");
        assert_eq!(clean_line("**Question:** How many?"), "Question: How many?");
        assert_eq!(clean_line("_Papers presented:_"), "Papers presented:");
        assert_eq!(
            clean_line("See [the report](http://x/y.pdf)<br>"),
            "See the report "
        );
        assert_eq!(clean_line("| Q | A |"), "Q | A");
        assert_eq!(clean_line("|---|:---:|"), "");
        assert_eq!(clean_line("plain line"), "plain line");
    }
}
