//! Building the index: walk the roots, compare each file with the index's manifest
//! ([`crate::manifest`]), read and extract only new and changed files, in parallel with rayon,
//! into one shared `IndexWriter`, and remove the records of deleted files.
//!
//! Long runs commit at intervals (by bytes read and by time), so a run that is stopped, by
//! Ctrl-C or by the machine, keeps what it committed and the next run picks up the rest. A
//! file's records and its manifest document go to the writer in one batch, so every commit
//! holds whole files. A failure on one file is a line in the summary, never the end of the run.

use crate::analysis;
use crate::error::{Error, Result};
use crate::extract::{self, Legacy, EXTRACTION_VERSION};
use crate::manifest::{self, Entry, Indexed, Manifest};
use crate::pair_words::{self, Chosen, Counter};
use crate::schema::Fields;
use crate::store;
use crate::walk::{self, FileJob, WalkOptions};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};
use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{
    IndexWriterOptions, LogMergePolicy, MergeCandidate, MergePolicy, UserOperation,
};
use tantivy::schema::document::Document;
use tantivy::{IndexWriter, TantivyDocument, Term};

/// Settings for an index run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    pub index_dir: PathBuf,
    /// The writer's memory budget in bytes, shared by its threads.
    pub memory_budget: usize,
    /// Files larger than this are skipped.
    pub max_filesize: u64,
    pub walk: WalkOptions,
    /// Draw a progress bar (only shown when stderr is a terminal).
    pub progress: bool,
    /// Start over: drop what the index holds (or an index that is damaged or from another
    /// version) and read every file again.
    pub rebuild: bool,
    /// Commit once about this many bytes have been read since the last commit...
    pub commit_bytes: u64,
    /// ... or this much time has passed, whichever comes first.
    pub commit_interval: Duration,
    /// Set (by a Ctrl-C handler) to stop: files being read are finished and committed, the
    /// rest are left for the next run.
    pub stop: Arc<AtomicBool>,
    /// When choosing the words whose pairs are indexed, how many records of the archive a word
    /// must be in ([`pair_words::MIN_PAIR_RECORDS`]; tests of small archives lower it).
    pub pair_min_records: u64,
}

/// The writer's default memory budget, in megabytes (`--memory`). With one merge at a time
/// (`writer_options`), indexing 1 GB of generated minutes took 256 s at 128 MB and 248 s at
/// 256 MB, and peaked at 503 MB against 680 MB; 2 GB at 128 MB peaked at 545 MB (507-517 MB
/// since only common words' pairs are indexed). With every word pair indexed, 100 MB of minutes
/// flushed enough segments at 128 MB to be merged once (25-29 s against 15-17 s at 256 MB);
/// with pairs of common words only it ended in 7 unmerged segments, and with words and stems in
/// one field in 6.
pub const DEFAULT_MEMORY_MB: usize = 128;

impl IndexOptions {
    /// The defaults the command line uses, for the index at `index_dir`.
    pub fn new(index_dir: PathBuf) -> IndexOptions {
        IndexOptions {
            index_dir,
            memory_budget: DEFAULT_MEMORY_MB * 1_000_000,
            max_filesize: 100_000_000,
            walk: WalkOptions::default(),
            progress: false,
            rebuild: false,
            commit_bytes: 256_000_000,
            commit_interval: Duration::from_secs(30),
            stop: Arc::default(),
            pair_min_records: pair_words::MIN_PAIR_RECORDS,
        }
    }
}

/// What an index run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub files_seen: usize,
    /// Files read and extracted in this run.
    pub files_indexed: usize,
    pub files_without_exchanges: usize,
    /// Exchanges and discussions extracted in this run.
    pub exchanges: usize,
    pub discussions: usize,
    /// Bytes read and extracted in this run.
    pub bytes: u64,
    pub elapsed: Duration,
    /// Files by what happened to them: not in the index before, changed since, the same
    /// (by size and time, or by content hash when touched), gone from disk, and moved (a new
    /// path with the content of a file gone from disk).
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub renamed: usize,
    /// Files not reached because the run was stopped; the next run reads them.
    pub left: usize,
    pub commits: usize,
    /// What the index holds after the run.
    pub held_files: usize,
    pub held_exchanges: usize,
    pub held_discussions: usize,
    /// Files not indexed, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// Files read in a legacy encoding.
    pub decoded: Vec<(PathBuf, Legacy)>,
    /// Files of formats scrutiny does not read, by extension.
    pub unsupported: BTreeMap<String, usize>,
    /// Folders that could not be walked and sidecars that could not be read.
    pub problems: Vec<(PathBuf, String)>,
    /// The records the index's pair words were chosen for, when it now holds several times as
    /// many: a rebuild would index the pairs a larger archive needs for fast phrases.
    pub pairs_outgrown: Option<u64>,
}

impl Summary {
    pub fn megabytes_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.bytes as f64 / 1e6 / secs
        } else {
            0.0
        }
    }

    /// Whether the run was stopped before it read every file it had to.
    pub fn stopped(&self) -> bool {
        self.left > 0
    }
}

/// A file to read: walked, and either new or not the same as when it was indexed.
struct Work<'a> {
    job: &'a FileJob,
    /// Its manifest entry, when the index holds an earlier version.
    old: Option<&'a Indexed>,
}

enum Outcome {
    /// Read and extracted.
    Indexed {
        entry: Entry,
        legacy: Option<Legacy>,
    },
    /// Touched, but the same content in the same place: only its manifest entry was updated.
    Same(Entry),
    /// Not indexed (and, if it was before, its old records are gone: they no longer say
    /// what the file says).
    Skipped(String),
}

/// Indexes `roots` into the index at `options.index_dir`: new and changed files are read,
/// unchanged ones kept, and the records of files gone from disk removed.
pub fn run(roots: &[PathBuf], options: &IndexOptions) -> Result<Summary> {
    let started = Instant::now();
    for root in roots {
        if let Err(source) = std::fs::metadata(root) {
            return Err(Error::Io {
                path: root.clone(),
                source,
            });
        }
    }
    rayon::spawn(extract::warm_up);
    let dir = &options.index_dir;
    let store = if options.rebuild {
        store::open_for_rebuild(dir)?
    } else {
        store::open_or_create(dir)?
    };
    let mut writer: IndexWriter<Queued> = store
        .index
        .writer_with_options(writer_options(options.memory_budget))
        .map_err(|e| writer_error(dir, e))?;
    writer.set_merge_policy(Box::new(merge_policy()));
    let queue = Arc::new(Queue::default());
    // Read once the writer holds the lock: no other run can commit in between.
    let manifest = if options.rebuild {
        writer
            .delete_all_documents()
            .map_err(store::tantivy_err(dir))?;
        Manifest::new()
    } else {
        manifest::read(&store)?
    };
    let fields = &store.fields;

    let walked = walk::walk(roots, options.walk);
    let mut summary = Summary {
        files_seen: walked.jobs.len(),
        unsupported: walked.unsupported,
        problems: walked.problems,
        ..Summary::default()
    };

    // What changed since the last run.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut work: Vec<Work> = Vec::new();
    let mut held: HashMap<&str, (usize, usize)> = HashMap::new();
    for job in &walked.jobs {
        if !seen.insert(job.file_key()) {
            continue; // the same file under two of the roots
        }
        let old = manifest.get(job.file_key());
        match old {
            Some(file) if is_same(file, job) => {
                summary.unchanged += 1;
                held.insert(
                    job.file_key(),
                    (file.entry.exchanges, file.entry.discussions),
                );
            }
            _ => work.push(Work { job, old }),
        }
    }
    // Files under these roots that are gone from disk (not merely unreadable: a folder that
    // could not be walked this time keeps its files).
    let mut gone: HashMap<&str, usize> = HashMap::new();
    let mut dirty = options.rebuild;
    for file in manifest.values() {
        let under = walked
            .root_keys
            .iter()
            .any(|root| is_under(&file.file_key, root));
        if !under || seen.contains(file.file_key.as_str()) {
            if !under {
                held.insert(
                    &file.file_key,
                    (file.entry.exchanges, file.entry.discussions),
                );
            }
            continue;
        }
        if Path::new(&file.file_key).exists() {
            held.insert(
                &file.file_key,
                (file.entry.exchanges, file.entry.discussions),
            );
            continue;
        }
        writer.delete_term(Term::from_field_text(fields.file_key, &file.file_key));
        *gone.entry(&file.entry.hash).or_default() += 1;
        summary.removed += 1;
        dirty = true;
    }

    // The words whose pairs are indexed: when the index holds nothing yet, the common words of
    // a sample of the files to read; otherwise those its records were indexed with. tantivy
    // makes a segment's analyzers when its first document arrives, which is after this.
    let chosen = if options.rebuild || !holds_documents(&store)? {
        sample_pair_words(&work, options)
    } else {
        store.chosen_pair_words()
    };
    analysis::register(&store.index, &chosen.words);
    let payload = pair_words::to_payload(&chosen);

    let total_bytes: u64 = work.iter().map(|w| w.job.size).sum();
    let total_files = work.len();
    let bar = progress_bar(options.progress, total_bytes);
    let files_done = AtomicUsize::new(0);
    let mut pending = work;
    while !pending.is_empty() {
        // One round: read files until enough bytes or time have gone by, then commit.
        let round_started = Instant::now();
        let round_bytes = AtomicU64::new(0);
        let outcomes: Vec<Option<Result<Outcome>>> = pending
            .par_iter()
            .map(|w| {
                let so_far = round_bytes.load(Ordering::Relaxed);
                if options.stop.load(Ordering::Relaxed)
                    || (so_far > 0
                        && (so_far >= options.commit_bytes
                            || round_started.elapsed() >= options.commit_interval))
                {
                    return None;
                }
                round_bytes.fetch_add(w.job.size.max(1), Ordering::Relaxed);
                let outcome = index_file(w, &writer, &queue, fields, options.max_filesize, dir);
                if !bar.is_hidden() {
                    let done = files_done.fetch_add(1, Ordering::Relaxed) + 1;
                    bar.set_message(format!("{done}/{total_files} files"));
                }
                bar.inc(w.job.size);
                Some(outcome)
            })
            .collect();
        let mut next = Vec::new();
        for (w, outcome) in pending.into_iter().zip(outcomes) {
            let job = w.job;
            match outcome {
                None => next.push(w),
                Some(Err(e)) => {
                    // The writer failed: keep the last commit.
                    bar.finish_and_clear();
                    let _ = writer.rollback();
                    return Err(e);
                }
                Some(Ok(Outcome::Indexed { entry, legacy })) => {
                    match w.old {
                        Some(_) => summary.changed += 1,
                        None => match gone.get_mut(entry.hash.as_str()) {
                            Some(n) if *n > 0 => {
                                *n -= 1;
                                summary.renamed += 1;
                                summary.removed -= 1;
                            }
                            _ => summary.new += 1,
                        },
                    }
                    summary.files_indexed += 1;
                    summary.bytes += job.size;
                    summary.exchanges += entry.exchanges;
                    summary.discussions += entry.discussions;
                    if entry.exchanges == 0 {
                        summary.files_without_exchanges += 1;
                    }
                    if let Some(l) = legacy {
                        summary.decoded.push((job.path.to_path_buf(), l));
                    }
                    held.insert(job.file_key(), (entry.exchanges, entry.discussions));
                }
                Some(Ok(Outcome::Same(entry))) => {
                    summary.unchanged += 1;
                    held.insert(job.file_key(), (entry.exchanges, entry.discussions));
                }
                Some(Ok(Outcome::Skipped(reason))) => {
                    summary.skipped.push((job.path.to_path_buf(), reason));
                }
            }
        }
        commit(&mut writer, &payload, dir)?;
        summary.commits += 1;
        dirty = false;
        pending = next;
        if options.stop.load(Ordering::Relaxed) {
            // Files not reached keep what the index held of them.
            for w in &pending {
                if let Some(old) = w.old {
                    held.insert(
                        w.job.file_key(),
                        (old.entry.exchanges, old.entry.discussions),
                    );
                }
            }
            summary.left = pending.len();
            break;
        }
    }
    bar.finish_and_clear();
    if dirty {
        commit(&mut writer, &payload, dir)?;
        summary.commits += 1;
    }
    if summary.commits > 0 && !summary.stopped() {
        writer
            .wait_merging_threads()
            .map_err(store::tantivy_err(dir))?;
    }
    summary.held_files = held.len();
    summary.held_exchanges = held.values().map(|h| h.0).sum();
    summary.held_discussions = held.values().map(|h| h.1).sum();
    // Exchanges, as the sample counted them.
    if chosen.is_outgrown(summary.held_exchanges as u64) {
        summary.pairs_outgrown = chosen.for_records;
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Commits what the writer holds, with the payload that names the index's pair words.
fn commit(writer: &mut IndexWriter<Queued>, payload: &str, dir: &Path) -> Result<()> {
    let mut prepared = writer.prepare_commit().map_err(store::tantivy_err(dir))?;
    prepared.set_payload(payload);
    prepared.commit().map_err(store::tantivy_err(dir))?;
    Ok(())
}

/// Whether the index's last commit holds any document (read from its metadata alone).
fn holds_documents(store: &store::Store) -> Result<bool> {
    let segments = store
        .index
        .searchable_segment_metas()
        .map_err(store::tantivy_err(&store.dir))?;
    Ok(segments.iter().any(|s| s.num_docs() > 0))
}

/// Bytes of files read to choose the words whose pairs are indexed: a fortieth of the bytes to
/// index, at least [`SAMPLE_MIN_BYTES`] (or all of them) and at most [`SAMPLE_MAX_BYTES`]. Half
/// a megabyte of generated minutes holds about 860 exchanges, 1,500 of the seed's layout: enough
/// to tell the words in half a per cent of them (at least 5).
const SAMPLE_SHARE: u64 = 40;
const SAMPLE_MIN_BYTES: u64 = 500_000;
const SAMPLE_MAX_BYTES: u64 = 8_000_000;

/// The common words of the questions and responses of every so many files of `work`, spread
/// over all of it, for an archive of as many records as these files hold in their bytes. Files
/// that cannot be read or extracted are left out here; the run reports them when it reaches
/// them.
fn sample_pair_words(work: &[Work], options: &IndexOptions) -> Chosen {
    let total: u64 = work.iter().map(|w| w.job.size).sum();
    let wanted = (total / SAMPLE_SHARE).clamp(SAMPLE_MIN_BYTES, SAMPLE_MAX_BYTES);
    let step = total.div_ceil(wanted).max(1) as usize;
    let (counter, sampled_bytes) = work
        .par_iter()
        .step_by(step)
        .map(|w| {
            let mut counter = Counter::default();
            let job = w.job;
            let Ok(extraction) =
                extract::extract_file(&job.path, job.format, &job.origin(), options.max_filesize)
            else {
                return (counter, 0);
            };
            let mut analyzer = analysis::words_analyzer();
            // A record's words, end to end, and where each ends: no allocation per word.
            let mut text = String::new();
            let mut ends: Vec<usize> = Vec::new();
            for record in &extraction.records {
                text.clear();
                ends.clear();
                for field in [&record.question, &record.response].into_iter().flatten() {
                    analyzer.token_stream(field).process(&mut |t| {
                        text.push_str(&t.text);
                        ends.push(text.len());
                    });
                }
                let starts = std::iter::once(0).chain(ends.iter().copied());
                counter.add(starts.zip(ends.iter()).map(|(a, &b)| &text[a..b]));
            }
            (counter, job.size)
        })
        .reduce(
            || (Counter::default(), 0),
            |(a, a_bytes), (b, b_bytes)| (a.merge(b), a_bytes + b_bytes),
        );
    let records = u64::from(counter.records());
    let archive_records = (records as f64 * total as f64 / sampled_bytes.max(1) as f64) as u64;
    counter.common(archive_records.max(records), options.pair_min_records)
}

/// What tantivy's `Index::writer` chooses (an indexing thread per core, at most 8, each with an
/// equal share of `memory_budget` and at least 15 MB), but one merge at a time. tantivy runs four
/// merges at once by default; each holds the term dictionaries, norms and fast fields of the
/// segments it merges, and on two cores they only took turns. Indexing 1 GB of generated
/// minutes at a 256 MB budget, one merge thread took peak memory from 814 MB to 680 MB (RSS
/// sampled each second); timed one after the other, the run took 245 s against 227 s.
fn writer_options(memory_budget: usize) -> IndexWriterOptions {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores
        .min(MAX_INDEXING_THREADS)
        .min(memory_budget / MIN_THREAD_BUDGET)
        .max(1);
    IndexWriterOptions::builder()
        .num_worker_threads(threads)
        .memory_budget_per_thread(memory_budget / threads)
        .num_merge_threads(1)
        .build()
}

/// tantivy's limits (not exported): at most 8 indexing threads, each with at least 15 MB.
const MAX_INDEXING_THREADS: usize = 8;
const MIN_THREAD_BUDGET: usize = 15_000_000;

/// The most documents a merge may produce. A merge holds the term dictionaries, norms and fast
/// fields of every segment it merges, and reads all their postings: with tantivy's merge policy
/// alone, the last merge of a 2 GB corpus read 1.6 GB of index files, all of which stayed in
/// the process's memory while segment files were mapped whole (before `reads::FrugalDirectory`).
/// Flushed segments (about 56,000 documents at the default budget since words and stems share
/// one field: the 100 MB generated corpus's 250,000 or so flushed as 6; 42,000 and 7 with a
/// stemmed field and an exact copy; 28,000 and 9 with every pair) merge a few at a time into
/// segments of up to this size, which are not merged again. At a 256 MB budget, with every
/// pair, the 2 GB corpus ended in 30 segments, and the million-exchange search bench's archive
/// in 12, as it did without the cap.
const MERGED_SEGMENT_DOCS: u32 = 300_000;

/// tantivy's log merge policy, with each merge it proposes split into merges of at most
/// [`MERGED_SEGMENT_DOCS`] documents.
#[derive(Debug)]
struct CappedMerges {
    inner: LogMergePolicy,
    max_docs: u32,
}

fn merge_policy() -> CappedMerges {
    let mut inner = LogMergePolicy::default();
    inner.set_max_docs_before_merge(MERGED_SEGMENT_DOCS as usize / 2);
    CappedMerges {
        inner,
        max_docs: MERGED_SEGMENT_DOCS,
    }
}

impl MergePolicy for CappedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        self.inner
            .compute_merge_candidates(segments)
            .into_iter()
            .flat_map(|candidate| {
                let sizes: Vec<(SegmentId, u32)> = candidate
                    .0
                    .iter()
                    .map(|id| (*id, docs.get(id).copied().unwrap_or(0)))
                    .collect();
                split_merge(&sizes, self.max_docs)
                    .into_iter()
                    .map(MergeCandidate)
            })
            .collect()
    }
}

/// Splits one merge of `segments` (with their document counts), in order, into merges of two or
/// more segments and at most `max_docs` documents; a segment left alone waits for the next.
fn split_merge<Id: Copy>(segments: &[(Id, u32)], max_docs: u32) -> Vec<Vec<Id>> {
    let mut out = Vec::new();
    let mut group: Vec<Id> = Vec::new();
    let mut sum = 0u64;
    for &(id, n) in segments {
        if !group.is_empty() && sum + u64::from(n) > u64::from(max_docs) {
            if group.len() >= 2 {
                out.push(std::mem::take(&mut group));
            }
            group.clear();
            sum = 0;
        }
        group.push(id);
        sum += u64::from(n);
    }
    if group.len() >= 2 {
        out.push(group);
    }
    out
}

/// Whether a walked file is the one the manifest describes, without reading it: same size,
/// modification time and place, read by the same extraction.
fn is_same(file: &Indexed, job: &FileJob) -> bool {
    let e = &file.entry;
    e.size == job.size
        && e.mtime == job.mtime
        && e.extraction == EXTRACTION_VERSION
        && e.place == extract::place_key(&job.origin())
}

/// Whether `path` is `root` or lies below it.
fn is_under(path: &str, root: &str) -> bool {
    path.strip_prefix(root)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(std::path::MAIN_SEPARATOR))
}

fn index_file(
    work: &Work,
    writer: &IndexWriter<Queued>,
    queue: &Arc<Queue>,
    fields: &Fields,
    max_filesize: u64,
    index_dir: &Path,
) -> Result<Outcome> {
    let job = work.job;
    let file_key = Term::from_field_text(fields.file_key, job.file_key());
    // Sends a batch of documents, once the writer's queue has room for them.
    let write = |batch: Vec<Op>| {
        let ticket = queue.admit(batch.len());
        let mut batch: Vec<UserOperation<Queued>> = batch
            .into_iter()
            .map(|op| match op {
                Op::Delete(term) => UserOperation::Delete(term),
                Op::Add(doc) => UserOperation::Add(Queued { doc, ticket: None }),
            })
            .collect();
        // The last document to be indexed frees the room of the whole batch.
        match batch.iter_mut().rev().find_map(|op| match op {
            UserOperation::Add(doc) => Some(doc),
            UserOperation::Delete(_) => None,
        }) {
            Some(last) => last.ticket = Some(ticket),
            None => drop(ticket),
        }
        writer
            .run(batch)
            .map(|_| ())
            .map_err(store::tantivy_err(index_dir))
    };
    let skip = |reason: String| -> Result<Outcome> {
        if work.old.is_some() {
            write(vec![Op::Delete(file_key.clone())])?;
        }
        Ok(Outcome::Skipped(reason))
    };
    let bytes = match extract::read_file(&job.path, max_filesize) {
        Ok(bytes) => bytes,
        Err(reason) => return skip(reason.to_string()),
    };
    let origin = job.origin();
    let mut entry = Entry {
        size: job.size,
        mtime: job.mtime,
        hash: manifest::hash(&bytes),
        place: extract::place_key(&origin),
        extraction: EXTRACTION_VERSION,
        exchanges: 0,
        discussions: 0,
    };
    let file = |entry: &Entry| Indexed {
        file_key: job.file_key().to_string(),
        root_key: job.root_key.to_string(),
        source: origin.source.clone(),
        entry: entry.clone(),
    };
    if let Some(old) = work.old {
        let o = &old.entry;
        if o.hash == entry.hash && o.place == entry.place && o.extraction == entry.extraction {
            // Touched, not changed: its records stand; only its manifest entry is new.
            entry.exchanges = o.exchanges;
            entry.discussions = o.discussions;
            write(vec![
                Op::Delete(manifest::key(fields, job.file_key())),
                Op::Add(manifest::document(fields, &file(&entry))),
            ])?;
            return Ok(Outcome::Same(entry));
        }
    }
    let extraction = match extract::extract_guarded(&bytes, job.format, &origin) {
        Ok(e) => e,
        Err(reason) => return skip(reason.to_string()),
    };
    drop(bytes);
    entry.exchanges = extraction
        .records
        .iter()
        .filter(|r| r.kind == crate::model::Kind::Exchange)
        .count();
    entry.discussions = extraction.records.len() - entry.exchanges;
    // One batch per file, committed whole: its old records out, its records and its manifest
    // entry in.
    let mut batch: Vec<Op> = Vec::with_capacity(extraction.records.len() + 2);
    if work.old.is_some() {
        batch.push(Op::Delete(file_key));
    }
    batch.extend(
        extraction
            .records
            .iter()
            .map(|r| Op::Add(fields.to_document(r, job.file_key()))),
    );
    batch.push(Op::Add(manifest::document(fields, &file(&entry))));
    write(batch)?;
    Ok(Outcome::Indexed {
        entry,
        legacy: extraction.legacy,
    })
}

/// One operation of a file's batch.
enum Op {
    Delete(Term),
    Add(TantivyDocument),
}

/// Documents sent to the writer and not yet indexed, at most. tantivy queues up to 10,000
/// batches between senders and its indexing threads; extraction outpaces indexing, and with a
/// batch per file the queue held most of a corpus (peak memory grew with the corpus: 1.3 GB for
/// 1 GB of minutes). Senders now wait for room instead.
const QUEUED_DOCS: usize = 4_000;

/// Room in the writer's queue, counted in documents.
#[derive(Default)]
struct Queue {
    queued: Mutex<usize>,
    room: Condvar,
}

impl Queue {
    /// Waits until `docs` more documents fit (a batch larger than the whole queue waits for it
    /// to empty), and counts them in.
    fn admit(self: &Arc<Self>, docs: usize) -> Ticket {
        let docs = docs.min(QUEUED_DOCS);
        let mut queued = self.queued.lock().unwrap_or_else(|e| e.into_inner());
        while *queued > 0 && *queued + docs > QUEUED_DOCS {
            queued = self.room.wait(queued).unwrap_or_else(|e| e.into_inner());
        }
        *queued += docs;
        Ticket {
            queue: Arc::clone(self),
            docs,
        }
    }
}

/// Documents counted in; dropped (with the batch's last document, once indexed) to count them
/// out.
struct Ticket {
    queue: Arc<Queue>,
    docs: usize,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut queued = self.queue.queued.lock().unwrap_or_else(|e| e.into_inner());
        *queued -= self.docs;
        self.queue.room.notify_all();
    }
}

/// A document on its way to the writer. tantivy drops each document once it has indexed it,
/// which is when the batch's ticket, on its last document, gives back the room.
pub struct Queued {
    doc: TantivyDocument,
    ticket: Option<Ticket>,
}

impl Document for Queued {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

fn progress_bar(enabled: bool, total_bytes: u64) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} indexing {msg} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta}",
        )
        .expect("progress template is valid")
        .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn writer_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    match e {
        tantivy::TantivyError::LockFailure(..) => Error::IndexLocked {
            path: dir.to_path_buf(),
        },
        other => store::tantivy_err(dir)(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_are_split_to_the_cap_and_a_lone_segment_waits() {
        let segments = [
            ('a', 64),
            ('b', 64),
            ('c', 64),
            ('d', 64),
            ('e', 64),
            ('f', 200),
        ];
        assert_eq!(
            split_merge(&segments, 200),
            [vec!['a', 'b', 'c'], vec!['d', 'e']]
        );
        assert_eq!(
            split_merge(&segments[..4], 1000),
            [vec!['a', 'b', 'c', 'd']]
        );
        assert!(split_merge(&[('a', 300), ('b', 300)], 200).is_empty());
    }

    #[test]
    fn under_a_root_means_the_root_or_below_it() {
        assert!(is_under("/a/minutes/x.txt", "/a/minutes"));
        assert!(is_under("/a/minutes", "/a/minutes"));
        assert!(!is_under("/a/minutes-2020/x.txt", "/a/minutes"));
        assert!(!is_under("/b/x.txt", "/a"));
    }
}
