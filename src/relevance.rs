//! Measuring search against judged relevance: queries our users type, each with hand-graded
//! exchanges (`tests/relevance/*.toml`, format in `tests/relevance/README.md`), scored by
//! nDCG@k over the exchanges search returns.
//!
//! Grades are 0 (not relevant, the default for an unlisted exchange), 1 (related) and 2
//! (directly about the need). A hit at 1-based rank `r` with grade `g` gains
//! `(2^g - 1) / log2(r + 1)`; nDCG@k divides the ranking's gain over its first `k` hits by that
//! of the ideal ranking, the judged grades sorted best first.

use crate::model::Kind;
use crate::search::{self, SearchOptions};
use crate::store::Store;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// The highest grade: an exchange directly about the query's need.
pub const MAX_GRADE: u8 = 2;

/// A judged set as written on disk.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JudgedFile {
    query: Vec<Judged>,
}

/// One query with its graded exchanges.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judged {
    /// The query as a user types it.
    pub q: String,
    pub kind: QueryKind,
    /// The information need, in words.
    pub need: String,
    /// Exchange id to grade (1 or 2); unlisted exchanges are 0.
    pub relevant: HashMap<String, u8>,
}

/// The sort of query, to read the figures by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QueryKind {
    /// A topic in plain words ("school attendance").
    Theme,
    /// A person's or role's past answers ("Director of Public Health").
    Person,
    /// A named service or programme ("Early Help").
    Service,
    /// A short form users type ("CAMHS", "HMO").
    Abbreviation,
    /// A phrase in double quotes.
    Phrase,
}

impl QueryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QueryKind::Theme => "theme",
            QueryKind::Person => "person",
            QueryKind::Service => "service",
            QueryKind::Abbreviation => "abbreviation",
            QueryKind::Phrase => "phrase",
        }
    }
}

/// Honours width and alignment (`{:<12}`), for tables.
impl fmt::Display for QueryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Reads and checks a judged set: every query has words and at least one exchange graded
/// [`MAX_GRADE`], every id is a 16-hex record id, every grade is 0 to [`MAX_GRADE`].
pub fn load(path: &Path) -> Result<Vec<Judged>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file: JudgedFile = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    for (n, judged) in file.query.iter().enumerate() {
        let at = || format!("{}: query {} ({:?})", path.display(), n + 1, judged.q);
        if judged.q.trim().is_empty() {
            return Err(format!("{}: empty query", at()));
        }
        for (id, &grade) in &judged.relevant {
            if id.len() != 16 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(format!("{}: {id:?} is not a 16-hex exchange id", at()));
            }
            if grade > MAX_GRADE {
                return Err(format!(
                    "{}: grade {grade} for {id} (grades are 0 to {MAX_GRADE})",
                    at()
                ));
            }
        }
        if !judged.relevant.values().any(|&g| g == MAX_GRADE) {
            return Err(format!("{}: no exchange graded {MAX_GRADE}", at()));
        }
    }
    Ok(file.query)
}

/// The gain of a grade: `2^grade - 1`.
fn gain(grade: u8) -> f64 {
    f64::from(grade).exp2() - 1.0
}

/// Discounted cumulative gain of grades in rank order, over the first `k`. (A fold from 0.0
/// rather than `sum`, whose empty sum is -0.0 and would print as "-0.000".)
fn dcg(grades: impl Iterator<Item = u8>, k: usize) -> f64 {
    grades.take(k).enumerate().fold(0.0, |total, (i, g)| {
        total + gain(g) / (i as f64 + 2.0).log2()
    })
}

/// nDCG@k of a ranking (best first) against graded ids: 1.0 when the first `k` hits are the
/// best judged exchanges in grade order, 0.0 when none is relevant or nothing is graded above
/// 0. An id ranked twice gains only the first time.
pub fn ndcg_at(ranked_ids: &[String], grades: &HashMap<String, u8>, k: usize) -> f64 {
    let mut ideal: Vec<u8> = grades.values().copied().filter(|&g| g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let best = dcg(ideal.into_iter(), k);
    if best == 0.0 {
        return 0.0;
    }
    let mut seen = HashSet::new();
    let got = ranked_ids.iter().map(|id| {
        if seen.insert(id.as_str()) {
            grades.get(id).copied().unwrap_or(0)
        } else {
            0
        }
    });
    dcg(got, k) / best
}

/// How search did on one query.
#[derive(Debug, Clone)]
pub struct QueryScore {
    pub q: String,
    pub kind: QueryKind,
    /// nDCG@k.
    pub ndcg: f64,
    /// The ids search returned, best first (at most k).
    pub ranked: Vec<String>,
    /// How many exchanges are judged relevant (grade 1 or 2).
    pub judged: usize,
    /// How many of those are in `ranked`.
    pub found: usize,
}

/// Scores for a whole judged set.
#[derive(Debug, Clone)]
pub struct Report {
    /// The cut-off: the `k` of nDCG@k.
    pub k: usize,
    /// One score per query, in the file's order.
    pub queries: Vec<QueryScore>,
    /// Mean nDCG@k over the queries (0 when there are none).
    pub mean: f64,
}

impl Report {
    /// Mean nDCG@k and the number of queries for each kind present, in [`QueryKind`] order.
    pub fn by_kind(&self) -> Vec<(QueryKind, f64, usize)> {
        let mut sums: Vec<(QueryKind, f64, usize)> = Vec::new();
        for score in &self.queries {
            match sums.iter_mut().find(|(kind, _, _)| *kind == score.kind) {
                Some((_, sum, n)) => {
                    *sum += score.ndcg;
                    *n += 1;
                }
                None => sums.push((score.kind, score.ndcg, 1)),
            }
        }
        sums.sort_by_key(|(kind, _, _)| *kind);
        sums.into_iter()
            .map(|(kind, sum, n)| (kind, sum / n as f64, n))
            .collect()
    }
}

/// Runs every judged query against `store` (exchanges only, the top `k`) and scores it.
pub fn evaluate(store: &Store, judged: &[Judged], k: usize) -> Result<Report, String> {
    let mut queries = Vec::with_capacity(judged.len());
    for j in judged {
        let options = SearchOptions {
            query: j.q.clone(),
            limit: k,
            kind: Some(Kind::Exchange),
            ..Default::default()
        };
        let results = search::search(store, &options).map_err(|e| format!("{:?}: {e}", j.q))?;
        let ranked: Vec<String> = results.hits.into_iter().map(|h| h.record.id).collect();
        let found = ranked
            .iter()
            .filter(|id| j.relevant.get(*id).is_some_and(|&g| g > 0))
            .count();
        queries.push(QueryScore {
            q: j.q.clone(),
            kind: j.kind,
            ndcg: ndcg_at(&ranked, &j.relevant, k),
            judged: j.relevant.values().filter(|&&g| g > 0).count(),
            found,
            ranked,
        });
    }
    let mean = if queries.is_empty() {
        0.0
    } else {
        queries.iter().map(|s| s.ndcg).sum::<f64>() / queries.len() as f64
    };
    Ok(Report { k, queries, mean })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn grades(list: &[(&str, u8)]) -> HashMap<String, u8> {
        list.iter().map(|(id, g)| (id.to_string(), *g)).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn perfect_ranking_scores_one() {
        let g = grades(&[("a", 2), ("b", 1), ("c", 1)]);
        assert!(close(ndcg_at(&ids(&["a", "b", "c", "x"]), &g, 10), 1.0));
        // Equal grades in either order are still ideal.
        assert!(close(ndcg_at(&ids(&["a", "c", "b"]), &g, 10), 1.0));
    }

    #[test]
    fn swapped_pair_scores_the_hand_computed_value() {
        // Ideal [2, 1]: 3/log2(2) + 1/log2(3) = 3 + 0.630930 = 3.630930.
        // Swapped [1, 2]: 1/log2(2) + 3/log2(3) = 1 + 1.892789 = 2.892789.
        // nDCG = 2.892789 / 3.630930 = 0.796708.
        let g = grades(&[("a", 2), ("b", 1)]);
        let ndcg = ndcg_at(&ids(&["b", "a"]), &g, 10);
        assert!((ndcg - 0.796708).abs() < 1e-6, "{ndcg}");
    }

    #[test]
    fn a_relevant_hit_lower_down_is_discounted() {
        // One exchange graded 2, found at rank 3: (3/log2(4)) / (3/log2(2)) = 0.5.
        let g = grades(&[("a", 2)]);
        assert!(close(ndcg_at(&ids(&["x", "y", "a"]), &g, 10), 0.5));
        // ... and not counted at all when the cut-off is 2.
        assert!(close(ndcg_at(&ids(&["x", "y", "a"]), &g, 2), 0.0));
    }

    #[test]
    fn cut_off_applies_to_the_ideal_too() {
        // Three graded 2 but k = 2: the ideal is two hits of gain 3, reached by any two of them.
        let g = grades(&[("a", 2), ("b", 2), ("c", 2)]);
        assert!(close(ndcg_at(&ids(&["c", "a"]), &g, 2), 1.0));
    }

    #[test]
    fn nothing_relevant_scores_zero() {
        let g = grades(&[("a", 2), ("b", 1)]);
        assert_eq!(ndcg_at(&ids(&["x", "y", "z"]), &g, 10), 0.0);
        assert!(
            ndcg_at(&[], &g, 10).is_sign_positive(),
            "prints as 0.000, not -0.000"
        );
        assert_eq!(ndcg_at(&[], &g, 10), 0.0);
        // No positive grades at all: 0, not a division by zero.
        assert_eq!(ndcg_at(&ids(&["a"]), &grades(&[("a", 0)]), 10), 0.0);
        assert_eq!(ndcg_at(&ids(&["a"]), &HashMap::new(), 10), 0.0);
    }

    #[test]
    fn a_repeated_id_gains_once() {
        let g = grades(&[("a", 2), ("b", 2)]);
        // [a, a]: 3 + 0 against the ideal 3 + 3/log2(3).
        let expected = 3.0 / (3.0 + 3.0 / 3f64.log2());
        assert!(close(ndcg_at(&ids(&["a", "a"]), &g, 10), expected));
    }

    #[test]
    fn load_reads_and_checks_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("set.toml");
        let good = r#"
[[query]]
q = "\"Think Family\""
kind = "phrase"
need = "Exchanges about the Think Family approach"
relevant = { "0123456789abcdef" = 2, "fedcba9876543210" = 1 }
"#;
        std::fs::write(&path, good).unwrap();
        let set = load(&path).unwrap();
        assert_eq!(set.len(), 1);
        assert_eq!(set[0].q, "\"Think Family\"");
        assert_eq!(set[0].kind, QueryKind::Phrase);
        assert_eq!(format!("[{:<8}]", set[0].kind), "[phrase  ]");
        assert_eq!(set[0].relevant["fedcba9876543210"], 1);

        for (bad, says) in [
            (good.replace("= 2,", "= 3,"), "grade 3"),
            (good.replace("0123456789abcdef", "0123"), "not a 16-hex"),
            (good.replace("= 2,", "= 1,"), "no exchange graded 2"),
            (good.replace("phrase", "slogan"), "unknown variant"),
            (good.replace("need =", "needs ="), "unknown field"),
        ] {
            std::fs::write(&path, bad).unwrap();
            let err = load(&path).unwrap_err();
            assert!(err.contains(says), "{says:?} not in {err}");
        }
        assert!(load(&dir.path().join("absent.toml")).is_err());
    }
}
