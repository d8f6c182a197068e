//! Index runs over an archive that changes, and runs that are stopped: only new and changed
//! files are read, deleted files leave no stale exchange, a killed run keeps what it
//! committed, a second indexer is refused, and a damaged or older index says how to rebuild.

use crate::util::{index, minutes, scrutiny, search_json, summary_number};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// The `new N, changed N, unchanged N, removed N, renamed N` line of an index summary.
fn changes(summary: &str) -> [usize; 5] {
    let line = summary
        .lines()
        .find(|l| l.trim_start().starts_with("new "))
        .unwrap_or_else(|| panic!("no change counts in\n{summary}"));
    let mut out = [0; 5];
    for (i, label) in ["new", "changed", "unchanged", "removed", "renamed"]
        .iter()
        .enumerate()
    {
        out[i] = line
            .split(", ")
            .find_map(|part| part.trim().strip_prefix(label)?.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {label} in {line}"));
    }
    out
}

fn sources(hits: &[serde_json::Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["source"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_second_run_reads_only_what_changed_and_leaves_no_stale_exchange() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let idx = dir.path().join("index");
    std::fs::create_dir_all(&docs).unwrap();
    for (name, topic) in [
        ("a.txt", "potholes"),
        ("b.txt", "libraries"),
        ("c.txt", "allotments"),
        ("d.txt", "ferries"),
        ("e.txt", "bandstands"),
    ] {
        std::fs::write(docs.join(name), minutes(topic)).unwrap();
    }
    let first = index(&idx, &[&docs]);
    assert_eq!(changes(&first), [5, 0, 0, 0, 0]);
    assert_eq!(summary_number(&first, "exchanges indexed"), 5);

    // Nothing changed: nothing is read.
    let again = index(&idx, &[&docs]);
    assert_eq!(changes(&again), [0, 0, 5, 0, 0]);
    assert_eq!(summary_number(&again, "files indexed"), 0);

    // One changed, one deleted, one added, one renamed, one touched but the same.
    std::fs::write(docs.join("a.txt"), minutes("cycle lanes")).unwrap();
    std::fs::remove_file(docs.join("b.txt")).unwrap();
    std::fs::write(docs.join("f.txt"), minutes("swimming pools")).unwrap();
    std::fs::rename(docs.join("c.txt"), docs.join("c-renamed.txt")).unwrap();
    let e = std::fs::File::options()
        .write(true)
        .open(docs.join("e.txt"))
        .unwrap();
    e.set_modified(std::time::SystemTime::now() + Duration::from_secs(60))
        .unwrap();
    drop(e);
    let third = index(&idx, &[&docs]);
    // new f, changed a, unchanged d and e (touched, same content), removed b, renamed c
    assert_eq!(changes(&third), [1, 1, 2, 1, 1], "{third}");
    assert_eq!(summary_number(&third, "files indexed"), 3);
    assert!(
        third.contains("index holds:           5 exchanges and 0 discussions from 5 files"),
        "{third}"
    );

    assert!(
        search_json(&idx, &["potholes"]).is_empty(),
        "stale exchange"
    );
    assert!(search_json(&idx, &["libraries"]).is_empty(), "deleted file");
    assert_eq!(search_json(&idx, &["cycle lanes"]).len(), 1);
    assert_eq!(search_json(&idx, &["swimming"]).len(), 1);
    let moved = search_json(&idx, &["allotments"]);
    assert_eq!(sources(&moved).len(), 1);
    assert!(sources(&moved)[0].ends_with("c-renamed.txt"), "{moved:?}");
    assert_eq!(search_json(&idx, &["bandstands"]).len(), 1);
    let all = search_json(&idx, &["", "--limit", "100"]);
    assert_eq!(
        all.len(),
        5,
        "every record once, no manifest entry among them"
    );
}

#[test]
fn rebuild_starts_over_and_clears_a_damaged_index_but_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let idx = dir.path().join("index");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("a.txt"), minutes("potholes")).unwrap();
    index(&idx, &[&docs]);

    // A damaged index: searches and runs say so and name the command that rebuilds it.
    std::fs::write(idx.join("meta.json"), "{ not json").unwrap();
    for args in [
        vec!["search", "potholes"],
        vec!["index", docs.to_str().unwrap()],
    ] {
        scrutiny()
            .args(&args)
            .arg("--index")
            .arg(&idx)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("is damaged"))
            .stderr(predicates::str::contains("scrutiny index --rebuild"));
    }
    let out = scrutiny()
        .args(["index", "--rebuild"])
        .arg(&docs)
        .arg("--index")
        .arg(&idx)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        changes(&String::from_utf8_lossy(&out.stdout)),
        [1, 0, 0, 0, 0]
    );
    assert_eq!(search_json(&idx, &["potholes"]).len(), 1);

    // A folder that holds anything but an index is never emptied.
    let other = dir.path().join("not-an-index");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("meta.json"), "{ not json").unwrap();
    std::fs::write(other.join("thesis.docx"), "mine").unwrap();
    scrutiny()
        .args(["index", "--rebuild"])
        .arg(&docs)
        .arg("--index")
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "thesis.docx is not part of an index",
        ));
    assert!(other.join("thesis.docx").is_file());
}

/// An archive big enough that an index run commits several times before it ends.
fn archive(docs: &Path, files: usize) {
    for i in 0..files {
        let folder = docs.join(format!("meeting-{:03}", i / 100));
        std::fs::create_dir_all(&folder).unwrap();
        let mut text = String::from("Minutes of the meeting held on 3 March 2021\n\n");
        for n in 0..12 {
            text.push_str(&format!(
                "Question: Will the council report on road number {i} and bridge {n}, and \
                 when will the resurfacing programme for that ward be published?\nResponse: The \
                 cabinet member said the programme for road {i} would be published in the \
                 spring, after the survey of bridge {n} had been completed.\n\n"
            ));
        }
        std::fs::write(folder.join(format!("{i:04}.txt")), text).unwrap();
    }
}

/// Starts `scrutiny index` committing every megabyte, and waits for its first commit.
fn start_indexing(docs: &Path, idx: &Path) -> Child {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scrutiny"))
        .args(["index", "--quiet", "--commit-every", "1"])
        .arg(docs)
        .arg("--index")
        .arg(idx)
        .env_remove("SCRUTINY_INDEX")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        let meta = std::fs::read_to_string(idx.join("meta.json")).unwrap_or_default();
        if meta.contains("\"max_doc\"") {
            return child;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before its first commit was seen"
        );
        assert!(started.elapsed() < Duration::from_secs(120), "no commit");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn exchanges(idx: &Path) -> usize {
    search_json(idx, &["resurfacing", "--limit", "100000"]).len()
}

const FILES: usize = 1500;

#[test]
fn a_killed_run_keeps_its_commits_and_the_next_run_finishes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let idx = dir.path().join("index");
    archive(&docs, FILES);
    let mut child = start_indexing(&docs, &idx);

    // While it runs: searches answer, and a second indexer is refused.
    scrutiny()
        .args(["search", "resurfacing", "--index"])
        .arg(&idx)
        .assert()
        .success();
    scrutiny()
        .args(["index"])
        .arg(&docs)
        .arg("--index")
        .arg(&idx)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "is being updated by another process",
        ));

    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    let kept = exchanges(&idx);
    assert!(kept > 0 && kept < FILES * 12, "kept {kept}");
    assert_eq!(kept % 12, 0, "whole files only: {kept}");

    let summary = index(&idx, &[&docs]);
    let [new, changed, unchanged, removed, _] = changes(&summary);
    assert_eq!(unchanged, kept / 12);
    assert_eq!(new, FILES - kept / 12);
    assert_eq!((changed, removed), (0, 0));
    assert_eq!(exchanges(&idx), FILES * 12);
    let ids: std::collections::HashSet<String> =
        search_json(&idx, &["resurfacing", "--limit", "100000"])
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect();
    assert_eq!(ids.len(), FILES * 12, "no exchange twice");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_and_says_what_was_kept() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let idx = dir.path().join("index");
    archive(&docs, FILES);
    let child = start_indexing(&docs, &idx);
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(0) {
        // The run finished before the signal arrived: nothing to check.
        eprintln!("the run ended before Ctrl-C reached it");
        return;
    }
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("stopped: kept"), "{stderr}");
    assert!(stderr.contains("left for the next run"), "{stderr}");
    let kept = exchanges(&idx);
    assert!(kept > 0, "kept {kept}");
    index(&idx, &[&docs]);
    assert_eq!(exchanges(&idx), FILES * 12);
}
