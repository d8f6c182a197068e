//! Keeping a query's matches of one kind (`search --kind exchange`) by the fast `kind` column.
//!
//! Nearly every record is an exchange or a discussion, so a `kind` term filter would intersect
//! the query with a posting list of most of the index; that doubled the time of a common word's
//! search. Reading the kind of each match from its column costs a few nanoseconds instead.

use crate::model::Kind;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnIndex};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Which documents of one segment are of one kind.
pub struct KindColumn {
    /// The segment's kind ordinals, and the ordinal of the kind wanted; `None` when the segment
    /// holds no record of that kind.
    ords: Option<(Column<u64>, u64)>,
}

impl KindColumn {
    pub fn open(reader: &SegmentReader, kind: Kind) -> tantivy::Result<KindColumn> {
        let ords = match reader.fast_fields().str("kind")? {
            Some(column) => column
                .dictionary()
                .term_ord(kind.as_str())?
                .map(|ord| (column.ords().clone(), ord)),
            None => None,
        };
        Ok(KindColumn { ords })
    }

    #[inline]
    pub fn holds(&self, doc: DocId) -> bool {
        match &self.ords {
            // Every record has one kind, so the column is usually full: its value is at the
            // document's own row, with no index to consult.
            Some((column, ord)) if matches!(column.index, ColumnIndex::Full) => {
                column.values.get_val(doc) == *ord
            }
            Some((column, ord)) => column.first(doc) == Some(*ord),
            None => false,
        }
    }
}

/// Passes on to `inner` only the matches of `kind` (all of them when `kind` is `None`).
pub struct OnlyKind<C> {
    kind: Option<Kind>,
    inner: C,
}

impl<C> OnlyKind<C> {
    pub fn new(kind: Option<Kind>, inner: C) -> OnlyKind<C> {
        OnlyKind { kind, inner }
    }
}

pub struct OnlyKindSegment<S> {
    column: Option<KindColumn>,
    inner: S,
}

impl<C: Collector> Collector for OnlyKind<C> {
    type Fruit = C::Fruit;
    type Child = OnlyKindSegment<C::Child>;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(OnlyKindSegment {
            column: match self.kind {
                Some(kind) => Some(KindColumn::open(reader, kind)?),
                None => None,
            },
            inner: self.inner.for_segment(segment, reader)?,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

impl<S: SegmentCollector> SegmentCollector for OnlyKindSegment<S> {
    type Fruit = S::Fruit;

    #[inline]
    fn collect(&mut self, doc: DocId, score: Score) {
        if self.column.as_ref().is_none_or(|c| c.holds(doc)) {
            self.inner.collect(doc, score);
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.inner.harvest()
    }
}
