//! Finding the files to read: walkdir over each root, hidden and VCS folders skipped, symlinks
//! not followed unless asked (and then loops reported, not followed forever).

use crate::extract::{Format, Origin};
use crate::provenance::{Place, Provenance, SIDECAR};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Folders that are never minutes, even when not hidden.
const SKIPPED_DIRS: [&str; 4] = ["CVS", "_darcs", "node_modules", "target"];

/// A file to extract, with everything known about it before it is read.
#[derive(Debug, Clone)]
pub struct FileJob {
    pub path: Box<Path>,
    pub format: Format,
    pub size: u64,
    /// Last modification, in nanoseconds since the Unix epoch (0 when the system has none).
    pub mtime: i64,
    /// The indexed root this file was found under, absolute (shared by its files).
    pub root_key: Arc<str>,
    /// The file's key (see [`FileJob::file_key`]) when it is not `path` itself.
    key: Option<Box<str>>,
    /// The folder `path` is cited below (the root, or a file root's folder), shared.
    base: Arc<Path>,
    /// Its council and committee, shared by the files that have the same.
    place: Arc<Place>,
}

/// A walked file costs only its path (and its key, when that differs): everything else is shared
/// or derived when the file is read. Walking 322,000 files (2 GB of minutes) held 300 MB while
/// each file carried its own copies of its root, citation, relative path, council and committee;
/// 126 MB with its path and key both kept; 83 MB with the key kept only when it differs (it does
/// not for an absolute root) and the list trimmed to its length.
impl FileJob {
    /// A file found at `path` under a root whose key is `root_key`, cited below `base`.
    fn new(
        path: &Path,
        found: Found,
        root_key: &Arc<str>,
        base: &Arc<Path>,
        place: Arc<Place>,
    ) -> FileJob {
        let key = absolute_key(path);
        FileJob {
            key: (path.to_str() != Some(key.as_str())).then(|| key.into_boxed_str()),
            path: path.into(),
            format: found.format,
            size: found.size,
            mtime: found.mtime,
            root_key: Arc::clone(root_key),
            base: Arc::clone(base),
            place,
        }
    }

    /// The file's absolute path: its identity in the index across runs and roots.
    pub fn file_key(&self) -> &str {
        match &self.key {
            Some(key) => key,
            // `new` keeps no key only when the path is valid UTF-8 and equal to it.
            None => self.path.to_str().unwrap_or_default(),
        }
    }

    /// Where the file came from, as extraction and citations need it.
    pub fn origin(&self) -> Origin {
        let relative = self.path.strip_prefix(&self.base).unwrap_or(&self.path);
        Origin {
            source: self.path.display().to_string(),
            relative: relative.to_string_lossy().into_owned(),
            council: self.place.council.clone(),
            committee: self.place.committee.clone(),
        }
    }
}

/// What the walk learnt of a file from its name and metadata.
struct Found {
    format: Format,
    size: u64,
    mtime: i64,
}

/// The outcome of walking the roots.
#[derive(Debug, Default)]
pub struct Walked {
    pub jobs: Vec<FileJob>,
    /// Files seen but not in a supported format, counted by extension.
    pub unsupported: BTreeMap<String, usize>,
    /// Paths that could not be walked, and sidecars that could not be read.
    pub problems: Vec<(PathBuf, String)>,
    /// The roots, absolute, as indexed.
    pub root_keys: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    pub follow_links: bool,
}

/// Walks every root. A root may be a single file.
pub fn walk(roots: &[PathBuf], options: WalkOptions) -> Walked {
    let mut walked = Walked::default();
    let mut provenance = Provenance::default();
    let mut places: HashSet<Arc<Place>> = HashSet::new();
    for root in roots {
        let root_key: Arc<str> = absolute_key(root).into();
        walked.root_keys.push(root_key.to_string());
        let base: Arc<Path> = if root.is_file() {
            root.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            root.clone()
        }
        .into();
        let walker = walkdir::WalkDir::new(root)
            .follow_links(options.follow_links)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_skipped(e));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().map_or_else(|| root.clone(), Path::to_path_buf);
                    let reason = match e.loop_ancestor() {
                        Some(a) => format!("symlink loop back to {}", a.display()),
                        None => e
                            .io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string()),
                    };
                    walked.problems.push((path, reason));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            if path.file_name().is_some_and(|n| n == SIDECAR) {
                continue;
            }
            let Some(format) = Format::from_path(path) else {
                let ext = path.extension().map_or_else(
                    || "(none)".to_string(),
                    |e| e.to_string_lossy().to_lowercase(),
                );
                *walked.unsupported.entry(ext).or_default() += 1;
                continue;
            };
            let metadata = entry.metadata().ok();
            let size = metadata.as_ref().map_or(0, |m| m.len());
            let mtime = metadata
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
            let place = provenance.place(path, &base);
            let place = match places.get(&place) {
                Some(shared) => Arc::clone(shared),
                None => {
                    let shared = Arc::new(place);
                    places.insert(Arc::clone(&shared));
                    shared
                }
            };
            let found = Found {
                format,
                size,
                mtime,
            };
            walked
                .jobs
                .push(FileJob::new(path, found, &root_key, &base, place));
        }
    }
    // Grown by doubling: up to half of it would be spare for the whole run.
    walked.jobs.shrink_to_fit();
    walked.problems.append(&mut provenance.problems);
    walked
}

fn is_skipped(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    name.starts_with('.') || (entry.file_type().is_dir() && SKIPPED_DIRS.contains(&name.as_ref()))
}

/// An absolute, normalised form of a path, stable across working directories.
pub fn absolute_key(path: &Path) -> String {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_hidden_and_vcs_counts_unsupported() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join(".git")).unwrap();
        std::fs::write(d.join(".git/notes.txt"), "Question: x").unwrap();
        std::fs::write(d.join(".hidden.md"), "x").unwrap();
        std::fs::write(d.join("a.txt"), "x").unwrap();
        std::fs::write(d.join("b.MD"), "x").unwrap();
        std::fs::write(d.join("c.odt"), "x").unwrap();
        std::fs::write(d.join("scrutiny.toml"), "council = \"X\"").unwrap();
        let walked = walk(&[d.to_path_buf()], WalkOptions::default());
        let names: Vec<_> = walked
            .jobs
            .iter()
            .map(|j| j.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "b.MD"]);
        assert_eq!(walked.unsupported.get("odt"), Some(&1));
        assert_eq!(walked.jobs[0].origin().council.as_deref(), Some("X"));
    }

    #[test]
    fn the_key_is_the_absolute_path_and_is_kept_only_when_the_path_differs() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        let walked = walk(std::slice::from_ref(&root), WalkOptions::default());
        let job = &walked.jobs[0];
        assert_eq!(job.file_key(), root.join("a.txt").to_str().unwrap());
        assert!(job.key.is_none());

        let found = Found {
            format: Format::Text,
            size: 1,
            mtime: 0,
        };
        let relative = Path::new("minutes/2024/a.txt");
        let root_key: Arc<str> = Arc::from("/");
        let job = FileJob::new(
            relative,
            found,
            &root_key,
            &Arc::from(Path::new("minutes")),
            Arc::new(Place::default()),
        );
        let absolute = std::env::current_dir().unwrap().join(relative);
        assert_eq!(&*job.path, relative);
        assert_eq!(job.file_key(), absolute.to_str().unwrap());
        assert_eq!(job.origin().relative, "2024/a.txt");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_when_following() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        std::fs::write(dir.path().join("sub/a.txt"), "x").unwrap();
        let walked = walk(
            &[dir.path().to_path_buf()],
            WalkOptions { follow_links: true },
        );
        assert_eq!(walked.jobs.len(), 1);
        assert!(walked
            .problems
            .iter()
            .any(|(_, r)| r.contains("symlink loop")));
    }
}
