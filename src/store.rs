//! Where the index lives and how it is opened: the default location, a clear error when there
//! is no index, a damaged one or one built by another version, and creation on first use.

use crate::analysis;
use crate::error::{Error, Result};
use crate::pair_words::{self, Chosen, PairWords};
use crate::reads::{self, FrugalDirectory};
use crate::schema::{self, Fields};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use tantivy::directory::{Advice, MmapDirectory};
use tantivy::{Index, IndexReader, IndexSettings, ReloadPolicy, Searcher, TantivyError};

/// The environment variable that overrides the default index location.
pub const INDEX_ENV: &str = "SCRUTINY_INDEX";

/// The default index location: `$XDG_DATA_HOME/scrutiny/index` (on Linux
/// `~/.local/share/scrutiny/index`), or `.scrutiny-index` when the system has no data folder.
pub fn default_dir() -> PathBuf {
    dirs::data_local_dir()
        .map(|d| d.join("scrutiny").join("index"))
        .unwrap_or_else(|| PathBuf::from(".scrutiny-index"))
}

/// An open index and its field handles.
pub struct Store {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
    /// The words whose pairs the index holds, and the size of archive they were chosen for, as
    /// its last commit names them: `None` when it was never committed, or committed before pairs
    /// were chosen (it then holds every pair).
    pub pair_words: Option<Chosen>,
    /// Opened on the first search and kept: opening a reader loads every segment, which a
    /// program that searches many times (a benchmark, a server) should pay once.
    reader: OnceLock<IndexReader>,
    /// Whether a search has read the index yet (`Store::first_read`).
    read: AtomicBool,
}

impl Store {
    pub(crate) fn new(
        mut index: Index,
        fields: Fields,
        dir: &Path,
        pair_words: Option<Chosen>,
    ) -> Store {
        // Search segments in parallel: a query over a large archive touches many segments.
        let _ = index.set_multithread_executor(search_threads());
        let store = Store {
            index,
            fields,
            dir: dir.to_path_buf(),
            pair_words,
            reader: OnceLock::new(),
            read: AtomicBool::new(false),
        };
        analysis::register(&store.index, &store.indexed_pair_words());
        store
    }

    /// The words whose pairs the index's records hold, which a search may look up and a run
    /// that adds to the index keeps: every pair in an index committed without a choice (one
    /// never committed holds none).
    pub fn indexed_pair_words(&self) -> PairWords {
        self.chosen_pair_words().words
    }

    /// The indexed pair words ([`Store::indexed_pair_words`]) with the size of archive they were
    /// chosen for, which a run that adds to the index carries on.
    pub fn chosen_pair_words(&self) -> Chosen {
        self.pair_words.clone().unwrap_or(Chosen {
            words: PairWords::All,
            for_records: None,
        })
    }

    /// Whether this is the store's first search: the one that may find nothing of the index in
    /// the kernel's cache, for which reading ahead pays (`reads::prefetch_terms`). Later
    /// searches in the same process (a benchmark, a server) find the segments' readers that the
    /// first one opened, and skip it.
    pub fn first_read(&self) -> bool {
        !self.read.swap(true, Ordering::Relaxed)
    }

    /// A searcher over the index as it was committed when the store first searched. Commits
    /// made since (by another process) are not seen: reopen the store for them.
    pub fn searcher(&self) -> Result<Searcher> {
        if let Some(reader) = self.reader.get() {
            return Ok(reader.searcher());
        }
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| damaged(&self.dir, e))?;
        Ok(self.reader.get_or_init(|| reader).searcher())
    }
}

/// Turns a tantivy error into ours, naming the index folder.
pub(crate) fn tantivy_err(dir: &Path) -> impl Fn(tantivy::TantivyError) -> Error + '_ {
    move |source| Error::Tantivy {
        path: dir.to_path_buf(),
        source,
    }
}

/// The threads a search's segments are searched on, at least [`MIN_SEARCH_THREADS`] and one per
/// core where there are more. A search of an index the kernel has not cached waits for the disk
/// far more than it computes: on the 24-segment index of 1 GB of minutes, eight threads took a
/// one-word search from a cold cache from 0.24-0.32 s to 0.16-0.18 s.
fn search_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.max(MIN_SEARCH_THREADS)
}

const MIN_SEARCH_THREADS: usize = 8;

/// Opens the index at `dir`, which must exist, to search it.
pub fn open(dir: &Path) -> Result<Store> {
    open_to(dir, Reads::Searched)
}

/// Opens the index at `dir`, which must exist, to read all of it in order (`scrutiny export`).
pub fn open_to_scan(dir: &Path) -> Result<Store> {
    open_to(dir, Reads::Scanned)
}

/// How an open index reads its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reads {
    /// Whole files mapped (tantivy's `MmapDirectory`), for searches, which read the same pages
    /// again and again: the ends of the files asked for at once first
    /// (`reads::prefetch_tails`), and then each page read from the disk alone, when it is first
    /// needed (`Advice::Random`). The kernel otherwise reads around each page a search maps in
    /// (8 MB on the development machine): a search of the 24-segment index of 1 GB of minutes
    /// from a cold cache took 0.6-0.85 s, nearly all of it those reads, and 0.24-0.37 s without.
    Searched,
    /// Whole files mapped, read ahead by the kernel as it likes: for reading everything in
    /// order, which page by page would wait for the disk at every page.
    Scanned,
    /// Ranges copied (`reads::FrugalDirectory`): for the indexer, whose merges read each page
    /// once and would otherwise keep every page it read resident.
    Copied,
}

fn open_to(dir: &Path, reads: Reads) -> Result<Store> {
    if !dir.join("meta.json").is_file() {
        return Err(Error::NoIndex {
            path: dir.to_path_buf(),
        });
    }
    let index = match reads {
        Reads::Searched => {
            reads::prefetch_tails(dir);
            MmapDirectory::open_with_madvice(dir, Advice::Random)
                .map_err(TantivyError::from)
                .and_then(Index::open)
        }
        Reads::Scanned => Index::open_in_dir(dir),
        Reads::Copied => FrugalDirectory::open(dir).and_then(Index::open),
    }
    .map_err(|e| damaged(dir, e))?;
    check_compatible(dir, &index)
}

/// An index whose files cannot be read as one.
fn damaged(dir: &Path, e: tantivy::TantivyError) -> Error {
    Error::DamagedIndex {
        path: dir.to_path_buf(),
        detail: e.to_string(),
    }
}

/// Opens the index at `dir` to rebuild it, creating it if there is none. An index that is
/// damaged or from another version is cleared first: only the files an index consists of are
/// removed, and a folder holding anything else is refused rather than emptied.
pub fn open_for_rebuild(dir: &Path) -> Result<Store> {
    match open_or_create(dir) {
        Err(Error::IncompatibleIndex { .. } | Error::DamagedIndex { .. }) => {
            clear(dir)?;
            open_or_create(dir)
        }
        other => other,
    }
}

/// Removes an index's files from `dir`, after checking that every entry is one.
fn clear(dir: &Path) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.file_type().map_err(io)?.is_file() || !is_index_file(&name) {
            return Err(Error::Usage(format!(
                "will not clear {} to rebuild it: {name} is not part of an index; \
                 move it, or choose another folder with --index",
                dir.display()
            )));
        }
        files.push(entry.path());
    }
    for file in files {
        std::fs::remove_file(&file).map_err(|source| Error::Io { path: file, source })?;
    }
    Ok(())
}

/// The names tantivy gives an index's files: `meta.json`, `.managed.json`, lock files, and
/// segment files named by a 32-digit hex id.
fn is_index_file(name: &str) -> bool {
    let segment = name
        .split_once('.')
        .is_some_and(|(id, _)| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()));
    segment
        || matches!(name, "meta.json" | ".managed.json")
        || (name.starts_with(".tantivy-") && name.ends_with(".lock"))
}

/// Opens the index at `dir` to update it, creating it (and its folder) if there is none.
pub fn open_or_create(dir: &Path) -> Result<Store> {
    if dir.join("meta.json").is_file() {
        return open_to(dir, Reads::Copied);
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let (schema, fields) = schema::build();
    let index = FrugalDirectory::open(dir)
        .and_then(|directory| Index::create(directory, schema, IndexSettings::default()))
        .map_err(tantivy_err(dir))?;
    Ok(Store::new(index, fields, dir, None))
}

/// An index whose schema differs from ours was built by another version: say so, rather than
/// fail later on a missing field.
fn check_compatible(dir: &Path, index: &Index) -> Result<Store> {
    let (schema, fields) = schema::build();
    let found = index.schema();
    if found != schema {
        // Name what differs, not every field.
        let lacks: Vec<&str> = schema
            .fields()
            .map(|(_, e)| e.name())
            .filter(|name| found.get_field(name).is_err())
            .collect();
        let extra: Vec<&str> = found
            .fields()
            .map(|(_, e)| e.name())
            .filter(|name| schema.get_field(name).is_err())
            .collect();
        let changed: Vec<&str> = schema
            .fields()
            .filter(|(_, e)| {
                found
                    .get_field(e.name())
                    .is_ok_and(|f| found.get_field_entry(f) != *e)
            })
            .map(|(_, e)| e.name())
            .collect();
        let mut parts = Vec::new();
        for (what, names) in [
            ("it lacks", &lacks),
            ("it has fields this version does not", &extra),
            ("fields whose options changed", &changed),
        ] {
            if !names.is_empty() {
                parts.push(format!("{what}: {}", names.join(", ")));
            }
        }
        if parts.is_empty() {
            parts.push("its fields are in another order".to_string());
        }
        let detail = parts.join("; ");
        return Err(Error::IncompatibleIndex {
            path: dir.to_path_buf(),
            detail,
        });
    }
    let payload = index.load_metas().map_err(|e| damaged(dir, e))?.payload;
    let pair_words =
        pair_words::from_payload(payload.as_deref()).map_err(|e| Error::DamagedIndex {
            path: dir.to_path_buf(),
            detail: format!("meta.json's payload is not scrutiny's: {e}"),
        })?;
    Ok(Store::new(index.clone(), fields, dir, pair_words))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{STORED, STRING};

    #[test]
    fn an_index_of_another_version_is_named_by_what_differs() {
        let dir = tempfile::tempdir().unwrap();
        // An index as an older version built it: the id a text term, one field not yet there,
        // one since removed.
        let mut older = tantivy::schema::Schema::builder();
        let (ours, _) = schema::build();
        for (_, entry) in ours.fields() {
            match entry.name() {
                "id" => {
                    older.add_text_field("id", STRING | STORED);
                }
                "manifest_key" => {}
                _ => {
                    older.add_field(entry.clone());
                }
            }
        }
        older.add_text_field("retired", STORED);
        Index::create_in_dir(dir.path(), older.build()).unwrap();
        let Err(e) = open(dir.path()) else {
            panic!("an index of another version opened");
        };
        let message = e.to_string();
        assert!(
            message.contains(
                "(it lacks: manifest_key; it has fields this version does not: retired; \
                 fields whose options changed: id)"
            ),
            "{message}"
        );
        assert!(message.contains("scrutiny index --rebuild"), "{message}");
    }
}
