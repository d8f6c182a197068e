//! Building the index: walk the roots, read and extract files in parallel with rayon, feed one
//! shared `IndexWriter`, commit once. A failure on one file is a line in the summary; the
//! previous index stays intact until the commit succeeds.

use crate::error::{Error, Result};
use crate::extract::{self, Legacy};
use crate::store;
use crate::walk::{self, FileJob, WalkOptions};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tantivy::indexer::UserOperation;
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
}

/// What an index run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub files_seen: usize,
    pub files_indexed: usize,
    pub files_without_exchanges: usize,
    pub exchanges: usize,
    pub discussions: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    /// Files not indexed, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// Files read in a legacy encoding.
    pub decoded: Vec<(PathBuf, Legacy)>,
    /// Files of formats scrutiny does not read, by extension.
    pub unsupported: BTreeMap<String, usize>,
    /// Folders that could not be walked and sidecars that could not be read.
    pub problems: Vec<(PathBuf, String)>,
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
}

enum Outcome {
    Indexed {
        exchanges: usize,
        discussions: usize,
        legacy: Option<Legacy>,
    },
    Skipped(String),
}

/// Indexes `roots` into the index at `options.index_dir`, replacing what an earlier run
/// indexed from the same roots or files.
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
    let store = store::open_or_create(&options.index_dir)?;
    let mut writer: IndexWriter = store
        .index
        .writer(options.memory_budget)
        .map_err(|e| writer_error(&options.index_dir, e))?;

    let walked = walk::walk(roots, options.walk);
    let fields = &store.fields;
    // Replace what earlier runs indexed from these roots and files; an empty index holds none.
    if !is_empty(&store)? {
        for key in &walked.root_keys {
            writer.delete_term(Term::from_field_text(fields.root_key, key));
        }
        for job in &walked.jobs {
            writer.delete_term(Term::from_field_text(fields.file_key, &job.file_key));
        }
    }

    let total_bytes: u64 = walked.jobs.iter().map(|j| j.size).sum();
    let total_files = walked.jobs.len();
    let bar = progress_bar(options.progress, total_bytes);
    let files_done = AtomicUsize::new(0);
    let outcomes: Vec<Result<Outcome>> = walked
        .jobs
        .par_iter()
        .map(|job| {
            let outcome = index_file(
                job,
                &writer,
                fields,
                options.max_filesize,
                &options.index_dir,
            );
            if !bar.is_hidden() {
                let done = files_done.fetch_add(1, Ordering::Relaxed) + 1;
                bar.set_message(format!("{done}/{total_files} files"));
            }
            bar.inc(job.size);
            outcome
        })
        .collect();
    bar.finish_and_clear();

    let mut summary = Summary {
        files_seen: walked.jobs.len(),
        unsupported: walked.unsupported,
        problems: walked.problems,
        ..Summary::default()
    };
    for (job, outcome) in walked.jobs.iter().zip(outcomes) {
        match outcome {
            Ok(Outcome::Indexed {
                exchanges,
                discussions,
                legacy,
            }) => {
                summary.files_indexed += 1;
                summary.bytes += job.size;
                summary.exchanges += exchanges;
                summary.discussions += discussions;
                if exchanges == 0 {
                    summary.files_without_exchanges += 1;
                }
                if let Some(l) = legacy {
                    summary.decoded.push((job.path.clone(), l));
                }
            }
            Ok(Outcome::Skipped(reason)) => summary.skipped.push((job.path.clone(), reason)),
            Err(e) => {
                // The writer failed: keep the last good index.
                let _ = writer.rollback();
                return Err(e);
            }
        }
    }
    writer
        .commit()
        .map_err(|source| tantivy_error(&options.index_dir, source))?;
    writer
        .wait_merging_threads()
        .map_err(|source| tantivy_error(&options.index_dir, source))?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Whether the index holds no documents yet (a new index, or one emptied).
fn is_empty(store: &store::Store) -> Result<bool> {
    let metas = store
        .index
        .searchable_segment_metas()
        .map_err(|source| tantivy_error(&store.dir, source))?;
    Ok(metas.iter().all(|m| m.num_docs() == 0))
}

fn index_file(
    job: &FileJob,
    writer: &IndexWriter,
    fields: &crate::schema::Fields,
    max_filesize: u64,
    index_dir: &Path,
) -> Result<Outcome> {
    let extraction = match extract::extract_file(&job.path, job.format, &job.origin, max_filesize) {
        Ok(e) => e,
        Err(skip) => return Ok(Outcome::Skipped(skip.to_string())),
    };
    let exchanges = extraction
        .records
        .iter()
        .filter(|r| r.kind == crate::model::Kind::Exchange)
        .count();
    // One batch per file: one hand-over to the indexing threads instead of one per record.
    let batch: Vec<UserOperation<TantivyDocument>> = extraction
        .records
        .iter()
        .map(|r| UserOperation::Add(fields.to_document(r, &job.root_key, &job.file_key)))
        .collect();
    writer
        .run(batch)
        .map_err(|source| tantivy_error(index_dir, source))?;
    Ok(Outcome::Indexed {
        exchanges,
        discussions: extraction.records.len() - exchanges,
        legacy: extraction.legacy,
    })
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

fn tantivy_error(dir: &Path, source: tantivy::TantivyError) -> Error {
    Error::Tantivy {
        path: dir.to_path_buf(),
        source,
    }
}

fn writer_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    match e {
        tantivy::TantivyError::LockFailure(..) => Error::IndexLocked {
            path: dir.to_path_buf(),
        },
        other => tantivy_error(dir, other),
    }
}
