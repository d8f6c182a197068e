//! Snippets: which stretches of a long question, response or discussion to print with a hit.
//!
//! [`fragments`] takes a text, the byte ranges of its matched words (as `search` computes them)
//! and a budget in characters, and picks what to show: the whole text when it fits; otherwise
//! the window holding the most distinct matched words, not merely the one after the first
//! match; and, for a long text whose matches are spread out, up to [`MAX_FRAGMENTS`]
//! non-overlapping windows in document order, so a reader sees every part of a long response
//! that matched. [`pieces`] splits a fragment into plain and highlighted text for a printer.
//!
//! Pure functions over `&str`, no I/O. Positions are byte offsets, always on `char`
//! boundaries; budgets and widths count `char`s, which is what a reader sees.

use std::collections::BTreeSet;
use std::ops::Range;

/// The most fragments shown for one text.
pub const MAX_FRAGMENTS: usize = 3;

/// One stretch of a text to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    /// Byte range in the text: begins at a word and ends after one (or is the whole text).
    pub range: Range<usize>,
    /// Some of the text before this fragment is left out.
    pub cut_before: bool,
    /// Some of the text after this fragment is left out.
    pub cut_after: bool,
}

/// The fragments of `text` to show, in document order, given the byte ranges of matched words
/// and a budget in characters.
///
/// - Within the budget: the whole text, one fragment.
/// - No usable highlights: the beginning, up to the budget.
/// - Otherwise the best window of the budget's width: most distinct matched words (compared
///   lower-cased), then most matches, then one that begins a sentence, then the earliest.
///   Windows begin at a word and end after one, at a sentence's end when one is near.
/// - A text longer than twice the budget whose matches do not all fit that window gets up to
///   [`MAX_FRAGMENTS`] narrower windows instead, each two fifths of the budget: two stay
///   within the budget and three go a fifth over it (plus the " … " between them), which a
///   long response with matches in several places earns. Each window after the first must hold
///   matches none of the earlier ones shows, and windows holding matched words not yet shown
///   come first. If only one such window can be placed, the single best window is kept.
pub fn fragments(text: &str, ranges: &[[usize; 2]], budget: usize) -> Vec<Fragment> {
    let budget = budget.max(1);
    let chars = text.chars().count();
    if chars <= budget {
        return vec![Fragment {
            range: 0..text.len(),
            cut_before: false,
            cut_after: false,
        }];
    }
    let matches = clean(text, ranges);
    let Some(single) = best_window(text, &matches, budget, &[], &BTreeSet::new()) else {
        let start = next_word(text, 0);
        return vec![fragment(
            text,
            start..window_end(text, start, budget, &matches),
        )];
    };
    let spread = matches.iter().any(|m| !contains(&single, &m.range));
    if chars > 2 * budget && spread {
        let width = (budget * 2 / 5).max(1);
        let mut chosen: Vec<Range<usize>> = Vec::new();
        let mut shown: BTreeSet<&str> = BTreeSet::new();
        while chosen.len() < MAX_FRAGMENTS {
            let Some(window) = best_window(text, &matches, width, &chosen, &shown) else {
                break;
            };
            shown.extend(inside(&matches, &window).map(|m| m.term.as_str()));
            chosen.push(window);
        }
        if chosen.len() > 1 {
            chosen.sort_by_key(|r| r.start);
            return chosen.into_iter().map(|r| fragment(text, r)).collect();
        }
    }
    vec![fragment(text, single)]
}

/// A fragment of `text` as pieces in order: `(text, true)` for a matched word, `(text, false)`
/// for the plain text around it. Matches not wholly inside the fragment are left plain.
pub fn pieces<'t>(
    text: &'t str,
    range: &Range<usize>,
    ranges: &[[usize; 2]],
) -> Vec<(&'t str, bool)> {
    let mut out = Vec::new();
    let mut at = range.start;
    for m in clean(text, ranges) {
        if m.range.start < range.start || m.range.end > range.end {
            continue;
        }
        if at < m.range.start {
            out.push((&text[at..m.range.start], false));
        }
        out.push((&text[m.range.clone()], true));
        at = m.range.end;
    }
    if at < range.end {
        out.push((&text[at..range.end], false));
    }
    out
}

/// A matched word: where it is and what it is, lower-cased, so "Family" and "family" count
/// as one distinct term.
struct Match {
    range: Range<usize>,
    term: String,
}

/// The usable ranges: inside the text, on char boundaries, non-empty, sorted, and without
/// overlaps (two fields' tokenizers could in principle disagree about one word), so no caller
/// can be made to slice inside a character by a stale or foreign range.
fn clean(text: &str, ranges: &[[usize; 2]]) -> Vec<Match> {
    let mut sorted: Vec<[usize; 2]> = ranges
        .iter()
        .copied()
        .filter(|&[s, e]| {
            s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
        })
        .collect();
    sorted.sort_unstable();
    let mut out: Vec<Match> = Vec::with_capacity(sorted.len());
    for [s, e] in sorted {
        if out.last().is_some_and(|m| s < m.range.end) {
            continue;
        }
        out.push(Match {
            range: s..e,
            term: text[s..e].to_lowercase(),
        });
    }
    out
}

fn fragment(text: &str, range: Range<usize>) -> Fragment {
    Fragment {
        cut_before: !text[..range.start].trim().is_empty(),
        cut_after: !text[range.end..].trim().is_empty(),
        range,
    }
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The matches wholly inside `window` (`matches` is sorted).
fn inside<'m>(matches: &'m [Match], window: &Range<usize>) -> impl Iterator<Item = &'m Match> {
    let (start, end) = (window.start, window.end);
    let first = matches.partition_point(|m| m.range.start < start);
    matches[first..]
        .iter()
        .take_while(move |m| m.range.start < end)
        .filter(move |m| m.range.end <= end)
}

/// How good a window is; compared field by field, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    /// Matched terms the window shows that no chosen window shows yet.
    new_terms: usize,
    /// Matches in the window.
    matches: usize,
    /// The window begins a sentence, so it reads as prose rather than a torn phrase.
    sentence: bool,
}

/// The best window of `width` characters that holds at least one match, lies apart from every
/// `chosen` window, and is scored against the terms already `shown`; ties go to the earliest.
/// `None` when no match is left to show.
fn best_window(
    text: &str,
    matches: &[Match],
    width: usize,
    chosen: &[Range<usize>],
    shown: &BTreeSet<&str>,
) -> Option<Range<usize>> {
    let mut best: Option<(Score, Range<usize>)> = None;
    for m in matches {
        if chosen.iter().any(|c| contains(c, &m.range)) {
            continue;
        }
        // Candidate starts around this match: the start of its sentence when near, a word a
        // little before it for context, and its own word (which can reach further matches).
        let anchor = word_start(text, m.range.start);
        let lead = next_word(text, chars_back(text, anchor, width / 6)).min(anchor);
        let starts = [
            sentence_before(text, anchor, width / 2),
            Some(lead),
            Some(anchor),
        ];
        for start in starts.into_iter().flatten() {
            let window = start..window_end(text, start, width, matches);
            if !chosen.iter().all(|c| apart(text, c, &window)) {
                continue;
            }
            let mut terms: BTreeSet<&str> = BTreeSet::new();
            let mut count = 0;
            for m in inside(matches, &window) {
                terms.insert(m.term.as_str());
                count += 1;
            }
            if count == 0 {
                continue;
            }
            let score = Score {
                new_terms: terms.difference(shown).count(),
                matches: count,
                sentence: is_sentence_start(text, start),
            };
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, window));
            }
        }
    }
    best.map(|(_, window)| window)
}

/// Two windows with real text between them, so printing " … " between them is honest.
fn apart(text: &str, a: &Range<usize>, b: &Range<usize>) -> bool {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    first.end <= second.start && !text[first.end..second.start].trim().is_empty()
}

/// Where a window starting at `start` ends: after the last whole word within `width`
/// characters, never inside a match, never on trailing space; and at the end of a sentence
/// when one falls in about the window's last third with no match after it, because a
/// fragment cut mid-sentence reads worse than one a little shorter.
fn window_end(text: &str, start: usize, width: usize, matches: &[Match]) -> usize {
    let limit = text[start..]
        .char_indices()
        .nth(width)
        .map_or(text.len(), |(i, _)| start + i);
    let mut end = if limit == text.len() || text[limit..].starts_with(char::is_whitespace) {
        limit
    } else {
        match text[start..limit].rfind(char::is_whitespace) {
            Some(i) if i > 0 => start + i,
            // One word longer than the window: cut inside it, on a char boundary.
            _ => limit,
        }
    };
    end = start + text[start..end].trim_end().len();
    if let Some(m) = matches
        .iter()
        .find(|m| m.range.start < end && end < m.range.end)
    {
        let before = start + text[start..m.range.start.max(start)].trim_end().len();
        end = if before > start { before } else { m.range.end };
    }
    if end < text.len() {
        let floor = start + (end - start) * 2 / 3;
        if let Some(stop) = sentence_end(text, floor, end) {
            if !matches
                .iter()
                .any(|m| m.range.start >= stop && m.range.end <= end)
            {
                end = stop;
            }
        }
    }
    end
}

/// The last end of a sentence (after `.`, `?` or `!` and any closing quote or bracket, before
/// a space) in `text[from..to]`.
fn sentence_end(text: &str, from: usize, to: usize) -> Option<usize> {
    let from = (from..=to).find(|&i| text.is_char_boundary(i))?;
    text[from..to]
        .char_indices()
        .rev()
        .filter(|(_, c)| matches!(c, '.' | '?' | '!'))
        .map(|(i, _)| {
            let after = &text[from + i + 1..to];
            to - after.trim_start_matches(CLOSERS).len()
        })
        .find(|&stop| stop == to || text[stop..].starts_with(char::is_whitespace))
}

/// Closing quotes and brackets that may follow a sentence's full stop.
const CLOSERS: [char; 6] = ['"', '\'', '\u{201d}', '\u{2019}', ')', ']'];

/// The start of the word (run of non-space) that contains `at`.
fn word_start(text: &str, at: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The first word that starts at or after `at`.
fn next_word(text: &str, at: usize) -> usize {
    let at_word = at == 0 || text[..at].ends_with(char::is_whitespace);
    let gap = if at_word {
        at
    } else {
        text[at..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| at + i)
    };
    text[gap..]
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |i| gap + i)
}

/// The position `n` characters before `at` (or 0).
fn chars_back(text: &str, at: usize, n: usize) -> usize {
    if n == 0 {
        return at;
    }
    text[..at]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

/// The nearest sentence start at or before `anchor` (a word start) within `reach` characters.
fn sentence_before(text: &str, anchor: usize, reach: usize) -> Option<usize> {
    let floor = chars_back(text, anchor, reach);
    let mut at = anchor;
    loop {
        if is_sentence_start(text, at) {
            return Some(at);
        }
        let before = text[..at].trim_end().len();
        if before == 0 {
            return None;
        }
        at = word_start(text, before);
        if at < floor {
            return None;
        }
    }
}

/// Whether a sentence begins at `at` (a word start): the text's start, a line's start, or a
/// word not in lower case after a full stop, question or exclamation mark (and any closing
/// quote or bracket). Abbreviations such as "Mr. Smith" are rare in UK minutes and cost only
/// a tie-break.
fn is_sentence_start(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let trimmed = before.trim_end();
    if trimmed.is_empty() {
        return true;
    }
    if trimmed.len() == before.len() {
        return false;
    }
    if before[trimmed.len()..].contains('\n') {
        return true;
    }
    let starts_upper = text[at..].chars().next().is_some_and(|c| !c.is_lowercase());
    let closed = trimmed.trim_end_matches(CLOSERS);
    starts_upper && closed.ends_with(['.', '?', '!'])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte ranges of every case-insensitive occurrence of each term, as search would give.
    fn find(text: &str, terms: &[&str]) -> Vec<[usize; 2]> {
        let lower = text.to_lowercase();
        assert_eq!(
            lower.len(),
            text.len(),
            "test text must keep its length lower-cased"
        );
        let mut out = Vec::new();
        for term in terms {
            let term = term.to_lowercase();
            let mut from = 0;
            while let Some(i) = lower[from..].find(&term) {
                out.push([from + i, from + i + term.len()]);
                from += i + term.len();
            }
        }
        out.sort_unstable();
        out
    }

    fn shown<'t>(text: &'t str, frags: &[Fragment]) -> Vec<&'t str> {
        frags.iter().map(|f| &text[f.range.clone()]).collect()
    }

    /// Exactly `n` (ASCII) characters of filler sentences with no matched words, ending in
    /// ". " so that what follows begins a sentence.
    fn filler(n: usize) -> String {
        let sentence = "The committee noted the report and asked for an update. ";
        let mut s = sentence.repeat(n / sentence.len() + 1)[..n - 2].to_string();
        if s.ends_with(' ') {
            s.pop();
            s.push('s');
        }
        s + ". "
    }

    #[test]
    fn short_text_is_one_whole_fragment() {
        let frags = fragments("Short answer.", &[[0, 5]], 600);
        assert_eq!(
            frags,
            [Fragment {
                range: 0..13,
                cut_before: false,
                cut_after: false
            }]
        );
    }

    #[test]
    fn no_highlights_give_the_beginning_cut_at_a_word() {
        let text = filler(600);
        let frags = fragments(&text, &[], 100);
        assert_eq!(frags.len(), 1);
        let f = &frags[0];
        assert_eq!(f.range.start, 0);
        assert!(!f.cut_before && f.cut_after);
        assert_eq!(
            &text[f.range.clone()],
            "The committee noted the report and asked for an update. The committee noted the report and asked for"
        );
    }

    #[test]
    fn spread_matches_in_a_long_response_give_two_fragments_in_order() {
        // About 600 characters: "parental conflict" at 40, "Think Family" near 500.
        let text = format!(
            "{}parental conflict was raised. {}Officers said the Think Family approach helped. {}",
            filler(40),
            filler(430),
            filler(60),
        );
        assert!((580..=620).contains(&text.chars().count()));
        assert_eq!(text.find("parental"), Some(40));
        let think = text.find("Think Family").unwrap();
        assert!((480..=520).contains(&think), "{think}");
        let ranges = find(&text, &["parental", "conflict", "think", "family"]);
        let frags = fragments(&text, &ranges, 250);
        let parts = shown(&text, &frags);
        assert_eq!(parts.len(), 2, "{parts:?}");
        assert!(parts[0].contains("parental conflict"), "{parts:?}");
        assert!(parts[1].contains("Think Family"), "{parts:?}");
        assert!(frags[0].range.end < frags[1].range.start);
        // Each begins at its sentence: the first at the text's start, so nothing is cut before.
        assert!(!frags[0].cut_before && frags[0].cut_after && frags[1].cut_before);
        assert!(parts[0].starts_with("The committee"), "{parts:?}");
        assert!(
            parts[1].starts_with("Officers said the Think Family"),
            "{parts:?}"
        );
        let total: usize = parts.iter().map(|p| p.chars().count()).sum();
        assert!(total <= 250, "{total}");
    }

    #[test]
    fn a_fragment_ends_at_a_sentence_near_its_cut_but_keeps_its_matches() {
        let text = format!(
            "{}The second sentence runs on well past the cut of the window here. {}",
            filler(80),
            filler(300)
        );
        // No matches: the sentence end at 80 characters is in the last third of 100.
        let frags = fragments(&text, &[], 100);
        assert_eq!(frags[0].range, 0..79);
        // A match after that sentence end keeps the window running to its last word.
        let ranges = find(&text, &["second"]);
        let frags = fragments(&text, &ranges, 100);
        let part = &text[frags[0].range.clone()];
        assert!(part.contains("second"), "{part:?}");
        assert!(!part.ends_with('.'), "{part:?}");
    }

    #[test]
    fn the_best_window_beats_the_first_match() {
        // "budget" alone early on; "budget", "overspend" and "reserves" together later. The
        // text is under twice the budget, so one window is shown: the later one.
        let text = format!(
            "{}The budget was mentioned. {}Was the budget overspend met from reserves? {}",
            filler(20),
            filler(100),
            filler(40),
        );
        let ranges = find(&text, &["budget", "overspend", "reserves"]);
        let frags = fragments(&text, &ranges, 120);
        assert_eq!(frags.len(), 1);
        let part = &text[frags[0].range.clone()];
        assert!(
            part.starts_with("Was the budget overspend met from reserves?"),
            "{part:?}"
        );
        assert!(frags[0].cut_before);
        assert!(part.chars().count() <= 120);
    }

    #[test]
    fn distinct_terms_count_before_repeats() {
        // Three repeats of one word in one place, two different words in another: the two
        // distinct words win although the repeats are more matches.
        let text = format!(
            "{}Housing, housing and housing again. {}Housing repairs were late. {}",
            filler(30),
            filler(200),
            filler(30),
        );
        let ranges = find(&text, &["housing", "repairs"]);
        let frags = fragments(&text, &ranges, 200);
        let parts = shown(&text, &frags);
        assert_eq!(parts.len(), 1, "{parts:?}");
        assert!(parts[0].contains("Housing repairs"), "{parts:?}");
    }

    #[test]
    fn no_fragment_for_matches_the_first_already_shows() {
        // A long text whose only matches sit together: one fragment, not padding.
        let text = format!("{}Think Family. {}", filler(100), filler(900));
        let ranges = find(&text, &["think", "family"]);
        let frags = fragments(&text, &ranges, 200);
        assert_eq!(frags.len(), 1);
        assert!(text[frags[0].range.clone()].contains("Think Family"));
    }

    #[test]
    fn at_most_three_fragments_within_the_stated_allowance() {
        let text = ["alpha", "beta", "gamma", "delta", "epsilon"]
            .iter()
            .map(|w| format!("{} {w} here. ", filler(300)))
            .collect::<String>();
        let ranges = find(&text, &["alpha", "beta", "gamma", "delta", "epsilon"]);
        let frags = fragments(&text, &ranges, 300);
        assert_eq!(frags.len(), MAX_FRAGMENTS);
        assert!(frags.windows(2).all(|w| w[0].range.end < w[1].range.start));
        let total: usize = shown(&text, &frags).iter().map(|p| p.chars().count()).sum();
        assert!(total <= 300 * 6 / 5, "{total}");
    }

    #[test]
    fn windows_never_split_a_character_and_keep_whole_words() {
        // Welsh and curly quotes: multi-byte characters everywhere, including at the cuts.
        let clause = "Dŵr a’r “gwasanaethau” cymunedol â’r cyngor sir ŵyr. ";
        let text = format!(
            "{}Roedd y “Teulu Cyfan” yn gweithio. {}",
            clause.repeat(8),
            clause.repeat(8)
        );
        let ranges = find(&text, &["teulu", "cyfan"]);
        for budget in [40, 57, 61, 100, 150] {
            let frags = fragments(&text, &ranges, budget);
            for f in &frags {
                assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
                let part = &text[f.range.clone()];
                assert!(!part.starts_with(char::is_whitespace) && !part.ends_with(' '));
                // Starts and ends at a word boundary.
                assert!(
                    f.range.start == 0 || text[..f.range.start].ends_with(' '),
                    "{part:?}"
                );
                assert!(
                    f.range.end == text.len() || text[f.range.end..].starts_with(' '),
                    "{part:?}"
                );
            }
            let all = shown(&text, &frags).concat();
            assert!(all.contains("“Teulu Cyfan”"), "{budget}: {all:?}");
        }
        // A word of context before, the opening curly quote kept with its word, and the end
        // before "gweithio", which would pass 20 characters.
        let frags = fragments(&text, &ranges, 20);
        assert_eq!(shown(&text, &frags), ["y “Teulu Cyfan” yn"]);
    }

    #[test]
    fn bad_ranges_are_ignored_rather_than_sliced() {
        let text = format!("{}ŵyr {}", filler(300), filler(300));
        let inside_char = text.find('ŵ').unwrap() + 1;
        let ranges = [[inside_char, inside_char + 2], [5, 2], [0, text.len() + 10]];
        let frags = fragments(&text, &ranges, 100);
        assert_eq!(frags.len(), 1);
        assert_eq!(frags[0].range.start, 0);
        assert!(pieces(&text, &frags[0].range, &ranges)
            .iter()
            .all(|(_, lit)| !lit));
    }

    #[test]
    fn pieces_alternate_plain_and_matched() {
        let text = "The Think Family grant";
        let ranges = find(text, &["think", "family"]);
        assert_eq!(
            pieces(text, &(0..text.len()), &ranges),
            [
                ("The ", false),
                ("Think", true),
                (" ", false),
                ("Family", true),
                (" grant", false)
            ]
        );
        // A match cut by the fragment's edge stays plain.
        assert_eq!(pieces(text, &(0..7), &ranges), [("The Thi", false)]);
    }

    #[test]
    fn sentence_starts() {
        let text = "Yes. the rest. “Quoted” text.\n\nNext one! Here";
        let at = |w: &str| text.find(w).unwrap();
        assert!(is_sentence_start(text, 0));
        assert!(!is_sentence_start(text, at("the rest")));
        assert!(is_sentence_start(text, at("“Quoted")));
        assert!(!is_sentence_start(text, at("text.")));
        assert!(is_sentence_start(text, at("Next")));
        assert!(is_sentence_start(text, at("Here")));
    }
}
