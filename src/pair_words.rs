//! Which words the index holds adjacent pairs of (`analysis::words_stems_and_pairs_analyzer`): the
//! common ones.
//!
//! A quoted two-word phrase in questions and responses is looked up as one indexed pair instead
//! of a check of word positions in every record holding both words. That check is slow only when
//! both words are in many records: a phrase with a rarer word is checked in the few records that
//! hold it. So pairs are indexed only where both words are common in the archive, in share and
//! in number. Pairs of rare words are most of the distinct pairs, and each distinct term costs
//! memory until its segment is flushed, and time at every flush and merge. On 1 GB of generated
//! minutes (every layout) indexing took 225 s instead of 242 s; on 100 MB, 16-18 s instead of
//! 33-35 s, because segments now fill more slowly and that corpus ends in 7 of them, short of
//! its first merge (one run after the other). In number, a small archive's positions are quick
//! to check whatever the words ([`MIN_PAIR_RECORDS`]), so it indexes few pairs or none.
//!
//! The common words are chosen once, when an index is first written or rebuilt, from a sample
//! of the files to index ([`Counter`]), and carried in the payload of every commit
//! ([`to_payload`], [`from_payload`]) with the size of archive they were chosen for, so that all
//! segments of an index hold the pairs of the same words and a search knows which pairs there
//! are. An index committed before the choice existed holds every pair: [`PairWords::All`].

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The share of sampled records (a question or response) a word must be in to be common: a
/// phrase whose words are in fewer is checked by positions in at most that share of an archive.
const COMMON_SHARE: f64 = 0.005;
/// ...and the number of records of the whole archive (estimated from the sample) it must be in:
/// a phrase with a word in fewer is checked by positions in fewer records than this, which
/// costs about a millisecond. On the million-exchange search bench archive, with its pairs and
/// then with none (the same index, its payload naming no words; p50 of 200 runs), "temporary
/// accommodation" (25,054 matches) took 1.81 and 3.86 ms, "mental health" (49,831) 2.64 and
/// 6.07 ms, "social care" (100,814) 6.59 and 14.54 ms. An archive of fewer records indexes no
/// pairs, and one of 100,000 only those of words in a fifth of its records.
pub const MIN_PAIR_RECORDS: u64 = 20_000;
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

    /// Whether no pair is indexed.
    pub fn is_empty(&self) -> bool {
        match self {
            PairWords::All => false,
            PairWords::Of(words) => words.is_empty(),
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

/// The words an index holds the pairs of, and the archive they were chosen for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chosen {
    pub words: PairWords,
    /// How many records the archive was estimated to hold when the words were chosen: an index
    /// that has grown well past it would index more pairs if rebuilt. `None` in an index from
    /// before this was kept.
    pub for_records: Option<u64>,
}

impl Chosen {
    /// How many times more records than it was chosen for an index may hold before a run says
    /// that a rebuild would choose more pairs.
    const OUTGROWN: u64 = 4;

    /// Whether an index of `records` records has outgrown the choice.
    pub fn is_outgrown(&self, records: u64) -> bool {
        self.for_records
            .is_some_and(|n| records > n.max(MIN_PAIR_RECORDS) * Self::OUTGROWN)
    }
}

/// What scrutiny keeps in a commit's payload.
#[derive(Serialize, Deserialize)]
struct Payload<'a> {
    /// `None`: every pair.
    #[serde(borrow)]
    pair_words: Option<Vec<std::borrow::Cow<'a, str>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    for_records: Option<u64>,
}

/// The payload every commit carries.
pub fn to_payload(chosen: &Chosen) -> String {
    let payload = Payload {
        pair_words: chosen
            .words
            .sorted()
            .map(|v| v.into_iter().map(std::borrow::Cow::Borrowed).collect()),
        for_records: chosen.for_records,
    };
    serde_json::to_string(&payload).expect("a list of strings serializes")
}

/// The pair words a commit's payload names: `Ok(None)` when there is no payload (an index never
/// committed, or committed before pairs were chosen), an error when it is not ours.
pub fn from_payload(payload: Option<&str>) -> Result<Option<Chosen>, serde_json::Error> {
    let Some(text) = payload else {
        return Ok(None);
    };
    let payload: Payload = serde_json::from_str(text)?;
    let words = match payload.pair_words {
        None => PairWords::All,
        Some(words) => PairWords::Of(Arc::new(
            words.into_iter().map(|w| w.into_owned()).collect(),
        )),
    };
    Ok(Some(Chosen {
        words,
        for_records: payload.for_records,
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

    /// The words in at least [`COMMON_SHARE`] of the records (and [`MIN_RECORDS`]) and, counted
    /// over an archive of `archive_records` of which these are a sample, in at least
    /// `min_records` ([`MIN_PAIR_RECORDS`] but in tests); at most [`MAX_WORDS`] of the most
    /// common.
    pub fn common(self, archive_records: u64, min_records: u64) -> Chosen {
        let records = f64::from(self.records);
        let scale = archive_records as f64 / records.max(1.0);
        let threshold = (records * COMMON_SHARE)
            .max(min_records as f64 / scale)
            .ceil()
            .max(f64::from(MIN_RECORDS));
        let mut common: Vec<(String, u32)> = self
            .words
            .into_iter()
            .filter(|&(_, n)| f64::from(n) >= threshold)
            .collect();
        // Most common first, then by word, so that the cut is the same on every run.
        common.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        common.truncate(MAX_WORDS);
        Chosen {
            words: PairWords::Of(Arc::new(common.into_iter().map(|(w, _)| w).collect())),
            for_records: Some(archive_records),
        }
    }

    /// How many records were counted.
    pub fn records(&self) -> u32 {
        self.records
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An archive large enough that only the share of records counts.
    const LARGE: u64 = 100_000_000;

    fn counted(records: &[&str]) -> PairWords {
        let mut counter = Counter::default();
        for r in records {
            counter.add(r.split(' '));
        }
        counter.common(LARGE, MIN_PAIR_RECORDS).words
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

    /// 1,000 records, each holding "every" and each word of `sparse` in one record of so many.
    fn thousand_records(sparse: &[(&'static str, usize)]) -> Counter {
        let mut counter = Counter::default();
        for i in 0..1000 {
            let mut words = vec!["every"];
            words.extend(sparse.iter().filter(|(_, n)| i % n == 0).map(|(w, _)| *w));
            counter.add(words);
        }
        counter
    }

    #[test]
    fn in_a_large_sample_a_word_must_be_in_half_a_per_cent_of_records() {
        // "rare" in 4 records of 1,000, "common" in 5.
        let counter = thousand_records(&[("rare", 250), ("common", 200)]);
        let words = counter.common(LARGE, MIN_PAIR_RECORDS).words;
        assert!(words.indexes("every", "common"));
        assert!(!words.indexes("every", "rare"));
    }

    #[test]
    fn in_a_smaller_archive_a_word_must_be_in_twenty_thousand_of_its_records() {
        // Over 100,000 records, "fifth" is in 20,000 and "tenth" in 10,000.
        let counter = thousand_records(&[("fifth", 5), ("tenth", 10)]);
        let chosen = counter.common(100_000, MIN_PAIR_RECORDS);
        assert_eq!(chosen.words.sorted(), Some(vec!["every", "fifth"]));
        assert_eq!(chosen.for_records, Some(100_000));

        // 10,000 records: positions are quick to check whatever the phrase.
        let counter = thousand_records(&[("word", 1)]);
        assert_eq!(
            counter.common(10_000, MIN_PAIR_RECORDS).words.sorted(),
            Some(vec![])
        );
    }

    #[test]
    fn a_choice_is_outgrown_at_four_times_its_records() {
        let chosen = |for_records| Chosen {
            words: PairWords::All,
            for_records,
        };
        assert!(!chosen(Some(100_000)).is_outgrown(400_000));
        assert!(chosen(Some(100_000)).is_outgrown(400_001));
        // A choice for a small archive (no pairs) is outgrown once positions cost.
        assert!(!chosen(Some(1_000)).is_outgrown(80_000));
        assert!(chosen(Some(1_000)).is_outgrown(80_001));
        assert!(!chosen(None).is_outgrown(u64::MAX));
    }

    #[test]
    fn merged_counts_are_the_sum_of_both_samples() {
        let mut a = Counter::default();
        a.add(["council", "tax"]);
        let mut b = Counter::default();
        b.add(["council", "housing"]);
        let words = a.merge(b).common(LARGE, MIN_PAIR_RECORDS).words;
        assert_eq!(words.sorted(), Some(vec!["council"]));
    }

    #[test]
    fn an_empty_sample_indexes_no_pairs() {
        let words = Counter::default().common(LARGE, MIN_PAIR_RECORDS).words;
        assert!(!words.indexes("the", "council"));
    }

    #[test]
    fn the_payload_round_trips_and_no_payload_means_not_chosen() {
        let chosen = Chosen {
            words: counted(&["think family", "think family"]),
            for_records: Some(30_000),
        };
        let payload = to_payload(&chosen);
        assert_eq!(
            payload,
            r#"{"pair_words":["family","think"],"for_records":30000}"#
        );
        assert_eq!(from_payload(Some(&payload)).unwrap(), Some(chosen));
        // Written before the archive's size was kept, or before pairs were chosen.
        assert_eq!(
            from_payload(Some(r#"{"pair_words":["think"]}"#)).unwrap(),
            Some(Chosen {
                words: counted(&["think", "think"]),
                for_records: None
            })
        );
        let all = Chosen {
            words: PairWords::All,
            for_records: None,
        };
        assert_eq!(from_payload(Some(&to_payload(&all))).unwrap(), Some(all));
        assert_eq!(from_payload(None).unwrap(), None);
        assert!(from_payload(Some("first commit")).is_err());
    }
}
