//! Errors that reach the user, each carrying the path or value it is about.
//!
//! A failure on one file is not an error of the run: it becomes a [`Skip`] in the
//! extraction outcome (see `extract`). These are the errors that stop a command.

use std::path::PathBuf;

/// An error that stops a command. The message is what the user reads.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no index at {path}: build one with `scrutiny index DIR` (or point --index / SCRUTINY_INDEX at an existing one)")]
    NoIndex { path: PathBuf },

    #[error("the index at {path} was built by another version of scrutiny ({detail}); rebuild it with `scrutiny index --rebuild DIR... --index {path}`")]
    IncompatibleIndex { path: PathBuf, detail: String },

    #[error("the index at {path} is damaged ({detail}); rebuild it with `scrutiny index --rebuild DIR... --index {path}`")]
    DamagedIndex { path: PathBuf, detail: String },

    #[error(
        "the index at {path} is being updated by another process; try again when it has finished"
    )]
    IndexLocked { path: PathBuf },

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("index at {path}: {source}")]
    Tantivy {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },

    #[error("{0}")]
    Usage(String),

    /// Writing results failed (a closed pipe is handled by `main`, not reported).
    #[error("writing output: {0}")]
    Output(#[from] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
