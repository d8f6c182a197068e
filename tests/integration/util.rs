//! Helpers shared by the integration tests: the binary with a clean environment, temp
//! indexes, the bundled corpus and the shared real-world data (skipped when absent).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample_corpus() -> PathBuf {
    repo().join("sample-corpus")
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A file under `../shared`, or `None` with a printed notice when that folder is absent (on a
/// user's fresh clone), so the calling test can return early.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = repo().join("../shared").join(relative);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipping: {} is absent (../shared is only on the project's machines)",
            path.display()
        );
        None
    }
}

pub fn seed() -> Option<PathBuf> {
    shared("seeds/000_14f1f085014c8848.txt")
}

/// The binary, with no environment that would change its output or where it writes.
pub fn scrutiny() -> Command {
    let mut cmd = Command::cargo_bin("scrutiny").unwrap();
    cmd.env_remove("SCRUTINY_INDEX")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// Runs `scrutiny index ROOTS --index INDEX` and returns its stdout.
pub fn index(index: &Path, roots: &[&Path]) -> String {
    let out = scrutiny()
        .arg("index")
        .args(roots)
        .arg("--index")
        .arg(index)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "index failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A number from a summary line such as `exchanges indexed:     382`.
pub fn summary_number(summary: &str, label: &str) -> usize {
    summary
        .lines()
        .find_map(|l| l.trim_start().strip_prefix(label))
        .and_then(|rest| rest.trim_start_matches(':').split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no {label:?} in summary:\n{summary}"))
}

/// `scrutiny search ... --format json`, parsed.
pub fn search_json(index: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = scrutiny()
        .arg("search")
        .args(args)
        .args(["--format", "json", "--index"])
        .arg(index)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "search failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Asserts that an index summary lists each file as skipped with its reason.
pub fn assert_skipped(summary: &str, expected: &[(&str, &str)]) {
    for (name, reason) in expected {
        assert!(
            summary
                .lines()
                .any(|l| l.starts_with("skipped") && l.contains(name) && l.contains(reason)),
            "{name}: {reason} missing from\n{summary}"
        );
    }
}

/// A small agenda item whose one exchange is about `topic`.
pub fn minutes(topic: &str) -> String {
    format!(
        "Minutes of the meeting held on 3 March 2021\n\nQuestion: What is the council doing \
         about {topic}?\nResponse: The cabinet member said a report on {topic} would come in \
         June.\n"
    )
}
