//! Counts of matching exchanges by council, committee and year, read from fast columns (no stored
//! document is opened), for `search --facets`.

use crate::kinds::KindColumn;
use crate::model::Kind;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

/// Matching records counted three ways, each largest first (years in order).
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub council: Vec<(String, u64)>,
    pub committee: Vec<(String, u64)>,
    pub year: Vec<(String, u64)>,
    /// By month (`YYYY-MM`), in order; for `trend --by month`.
    #[serde(skip)]
    pub month: Vec<(String, u64)>,
}

/// Collects [`Facets`] over a query's exchanges (other records it matches are not counted), so
/// one pass over the matches can rank them, count them and facet them.
pub struct FacetCollector;

/// One segment's counts, by name.
#[derive(Default)]
pub struct Tally {
    council: BTreeMap<String, u64>,
    committee: BTreeMap<String, u64>,
    year: BTreeMap<String, u64>,
    month: BTreeMap<String, u64>,
}

/// Seconds in a day: matches are counted by day and turned into years and months once, at
/// harvest, rather than a calendar conversion per match.
const DAY: i64 = 86_400;

pub struct FacetSegmentCollector {
    exchanges: KindColumn,
    council: Option<StrColumn>,
    committee: Option<StrColumn>,
    date: Column<DateTime>,
    // Counts by term ordinal (a dense vector: a segment has a few hundred councils at most);
    // names are looked up once, at harvest.
    council_ords: Vec<u64>,
    committee_ords: Vec<u64>,
    days: FxHashMap<i64, u64>,
    unknown: [u64; 3],
}

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegmentCollector;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<FacetSegmentCollector> {
        let fast = reader.fast_fields();
        let council = fast.str("council")?;
        let committee = fast.str("committee")?;
        let slots = |c: &Option<StrColumn>| vec![0; c.as_ref().map_or(0, |c| c.num_terms())];
        Ok(FacetSegmentCollector {
            council_ords: slots(&council),
            committee_ords: slots(&committee),
            exchanges: KindColumn::open(reader, Kind::Exchange)?,
            council,
            committee,
            date: fast.date("date")?,
            days: FxHashMap::default(),
            unknown: [0; 3],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Facets> {
        let mut all = Tally::default();
        for fruit in fruits {
            for (all, part) in [
                (&mut all.council, fruit.council),
                (&mut all.committee, fruit.committee),
                (&mut all.year, fruit.year),
                (&mut all.month, fruit.month),
            ] {
                for (k, n) in part {
                    *all.entry(k).or_default() += n;
                }
            }
        }
        let largest_first = |m: BTreeMap<String, u64>| {
            let mut v: Vec<(String, u64)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        };
        Ok(Facets {
            council: largest_first(all.council),
            committee: largest_first(all.committee),
            year: all.year.into_iter().collect(),
            month: all.month.into_iter().collect(),
        })
    }
}

const UNKNOWN: &str = "(unknown)";

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if !self.exchanges.holds(doc) {
            return;
        }
        for (i, (column, counts)) in [
            (&self.council, &mut self.council_ords),
            (&self.committee, &mut self.committee_ords),
        ]
        .into_iter()
        .enumerate()
        {
            match column.as_ref().and_then(|c| c.term_ords(doc).next()) {
                Some(ord) => counts[ord as usize] += 1,
                None => self.unknown[i] += 1,
            }
        }
        match self.date.first(doc) {
            Some(d) => {
                *self
                    .days
                    .entry(d.into_timestamp_secs().div_euclid(DAY))
                    .or_default() += 1
            }
            None => self.unknown[2] += 1,
        }
    }

    fn harvest(self) -> Tally {
        let names = |column: &Option<StrColumn>, ords: Vec<u64>, unknown: u64| {
            let mut out = BTreeMap::new();
            let mut name = String::new();
            for (ord, n) in ords.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                let found = column
                    .as_ref()
                    .is_some_and(|c| c.ord_to_str(ord as u64, &mut name).unwrap_or(false));
                let key = if found {
                    name.clone()
                } else {
                    UNKNOWN.to_string()
                };
                *out.entry(key).or_default() += n;
            }
            if unknown > 0 {
                *out.entry(UNKNOWN.to_string()).or_default() += unknown;
            }
            out
        };
        let mut year: BTreeMap<String, u64> = BTreeMap::new();
        let mut month: BTreeMap<String, u64> = BTreeMap::new();
        for (day, n) in self.days {
            let d = DateTime::from_timestamp_secs(day * DAY).into_utc();
            *year.entry(d.year().to_string()).or_default() += n;
            *month
                .entry(format!("{:04}-{:02}", d.year(), u8::from(d.month())))
                .or_default() += n;
        }
        if self.unknown[2] > 0 {
            year.insert(UNKNOWN.to_string(), self.unknown[2]);
            month.insert(UNKNOWN.to_string(), self.unknown[2]);
        }
        Tally {
            council: names(&self.council, self.council_ords, self.unknown[0]),
            committee: names(&self.committee, self.committee_ords, self.unknown[1]),
            year,
            month,
        }
    }
}
