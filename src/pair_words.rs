//! Which words the index holds adjacent pairs of (`analysis::pairs_analyzer`): the common ones.
//!
//! A quoted two-word phrase in questions and responses is looked up as one indexed pair instead
//! of a check of word positions in every record holding both words. That check is slow only when
//! both words are common: a phrase with a rarer word is checked in the few records that hold it.
//! So pairs are indexed only where both words are common in the archive. Pairs of rare words are
//! most of the distinct pairs, and each distinct term costs memory until its segment is flushed,
//! and time at every flush and merge. On 1 GB of generated minutes (every layout) indexing took
//! 225 s instead of 242 s; on 100 MB, 16-18 s instead of 33-35 s, because segments now fill more
//! slowly and that corpus ends in 7 of them, short of its first merge (one run after the other).
//!
//! The common words are chosen once, when an index is first written or rebuilt, from a sample
//! of the files to index ([`Counter`]), and carried in the payload of every commit
//! ([`to_payload`], [`from_payload`]), so that all segments of an index hold the pairs of the same
//! words and a search knows which pairs there are. An index committed before the choice existed
//! holds every pair: [`PairWords::All`].

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The share of sampled records (a question or response) a word must be in to be common: a
/// phrase whose words are in fewer is checked by positions in at most that share of an archive.
const COMMON_SHARE: f64 = 0.005;
/// ...and at least this many records, so that a sample of a few records does not make every
/// word in it common.
const MIN_RECORDS: u32 = 2;
/// The most common words kept (they go into the index's `meta.json` at every commit): 100 MB and
/// 576 MB of generated minutes had 986 and 1,023 words over [`COMMON_SHARE`].
const MAX_WORDS: usize = 4_000;

/// Which words' adjacent pairs are indexed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PairWords {
    /// Every pair: an index committed before pairs were chosen.
    All,
    /// Pairs of two of these words (lower-cased, as `analysis::WORDS` gives them).
    Of(Arc<FxHashSet<String>>),
}

impl PairWords {
    /// Whether the pair `first second` (both lower-cased words) is indexed.
    pub fn indexes(&self, first: &str, second: &str) -> bool {
        self.holds(first) && self.holds(second)
    }

    /// Whether pairs of `word` (lower-cased) with another such word are indexed.
    pub fn holds(&self, word: &str) -> bool {
        match self {
            PairWords::All => true,
            PairWords::Of(words) => words.contains(word),
        }
    }

    /// The words, sorted (a stable payload); `None` for every pair.
    fn sorted(&self) -> Option<Vec<&str>> {
        match self {
            PairWords::All => None,
            PairWords::Of(words) => {
                let mut v: Vec<&str> = words.iter().map(String::as_str).collect();
                v.sort_unstable();
                Some(v)
            }
        }
    }
}

/// What scrutiny keeps in a commit's payload.
#[derive(Serialize, Deserialize)]
struct Payload<'a> {
    /// `None`: every pair.
    #[serde(borrow)]
    pair_words: Option<Vec<std::borrow::Cow<'a, str>>>,
}

/// The payload every commit carries.
pub fn to_payload(words: &PairWords) -> String {
    let payload = Payload {
        pair_words: words
            .sorted()
            .map(|v| v.into_iter().map(std::borrow::Cow::Borrowed).collect()),
    };
    serde_json::to_string(&payload).expect("a list of strings serializes")
}

/// The pair words a commit's payload names: `Ok(None)` when there is no payload (an index never
/// committed, or committed before pairs were chosen), an error when it is not ours.
pub fn from_payload(payload: Option<&str>) -> Result<Option<PairWords>, serde_json::Error> {
    let Some(text) = payload else {
        return Ok(None);
    };
    let payload: Payload = serde_json::from_str(text)?;
    Ok(Some(match payload.pair_words {
        None => PairWords::All,
        Some(words) => PairWords::Of(Arc::new(
            words.into_iter().map(|w| w.into_owned()).collect(),
        )),
    }))
}

/// Counts, over sampled records, how many hold each word; then picks the common ones.
#[derive(Debug, Default)]
pub struct Counter {
    records: u32,
    words: FxHashMap<String, u32>,
}

impl Counter {
    /// Counts one record's words (`analysis::WORDS` tokens of its question and response): each
    /// word once, however often the record uses it.
    pub fn add<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        let distinct: FxHashSet<&str> = words.into_iter().collect();
        if distinct.is_empty() {
            return;
        }
        self.records += 1;
        for word in distinct {
            match self.words.get_mut(word) {
                Some(n) => *n += 1,
                None => {
                    self.words.insert(word.to_string(), 1);
                }
            }
        }
    }

    /// Adds another sample's counts.
    pub fn merge(mut self, other: Counter) -> Counter {
        let (mut big, small) = if self.words.len() >= other.words.len() {
            (std::mem::take(&mut self.words), other.words)
        } else {
            (other.words, std::mem::take(&mut self.words))
        };
        for (word, n) in small {
            *big.entry(word).or_default() += n;
        }
        Counter {
            records: self.records + other.records,
            words: big,
        }
    }

    /// The words in at least [`COMMON_SHARE`] of the records (and [`MIN_RECORDS`]), at most
    /// [`MAX_WORDS`] of the most common.
    pub fn common(self) -> PairWords {
        let threshold = ((f64::from(self.records) * COMMON_SHARE).ceil() as u32).max(MIN_RECORDS);
        let mut common: Vec<(String, u32)> = self
            .words
            .into_iter()
            .filter(|&(_, n)| n >= threshold)
            .collect();
        // Most common first, then by word, so that the cut is the same on every run.
        common.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        common.truncate(MAX_WORDS);
        PairWords::Of(Arc::new(common.into_iter().map(|(w, _)| w).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(records: &[&str]) -> PairWords {
        let mut counter = Counter::default();
        for r in records {
            counter.add(r.split(' '));
        }
        counter.common()
    }

    #[test]
    fn words_in_two_records_or_more_are_common_in_a_small_sample() {
        let words = counted(&[
            "the housing plan",
            "the plan the plan",
            "a mental health plan",
        ]);
        assert!(words.indexes("the", "plan"));
        assert!(words.indexes("plan", "the"));
        // "housing" and "mental" are in one record each.
        assert!(!words.indexes("the", "housing"));
        assert!(!words.indexes("mental", "plan"));
        assert_eq!(words.sorted(), Some(vec!["plan", "the"]));
    }

    #[test]
    fn in_a_large_sample_a_word_must_be_in_half_a_per_cent_of_records() {
        let mut counter = Counter::default();
        for i in 0..1000 {
            // "rare" in 4 records of 1,000, "common" in 5, "every" in all.
            let mut words = vec!["every"];
            if i % 250 == 0 {
                words.push("rare");
            }
            if i % 200 == 0 {
                words.push("common");
            }
            counter.add(words);
        }
        let words = counter.common();
        assert!(words.indexes("every", "common"));
        assert!(!words.indexes("every", "rare"));
    }

    #[test]
    fn merged_counts_are_the_sum_of_both_samples() {
        let mut a = Counter::default();
        a.add(["council", "tax"]);
        let mut b = Counter::default();
        b.add(["council", "housing"]);
        let words = a.merge(b).common();
        assert_eq!(words.sorted(), Some(vec!["council"]));
    }

    #[test]
    fn an_empty_sample_indexes_no_pairs() {
        let words = Counter::default().common();
        assert!(!words.indexes("the", "council"));
    }

    #[test]
    fn the_payload_round_trips_and_no_payload_means_not_chosen() {
        let words = counted(&["think family", "think family"]);
        let payload = to_payload(&words);
        assert_eq!(payload, r#"{"pair_words":["family","think"]}"#);
        assert_eq!(from_payload(Some(&payload)).unwrap(), Some(words));
        assert_eq!(
            from_payload(Some(&to_payload(&PairWords::All))).unwrap(),
            Some(PairWords::All)
        );
        assert_eq!(from_payload(None).unwrap(), None);
        assert!(from_payload(Some("first commit")).is_err());
    }
}
