//! The binary as a user runs it: index, search, extract, and what happens with bad input.

use crate::util::{
    assert_skipped, fixture, index, sample_corpus, scrutiny, search_json, seed, summary_number,
};
use predicates::prelude::*;
use std::path::Path;

fn str_field<'a>(hit: &'a serde_json::Value, name: &str) -> &'a str {
    hit[name].as_str().unwrap_or("")
}

#[test]
fn extract_seed_prints_one_json_line_per_exchange() {
    let Some(seed) = seed() else { return };
    let out = scrutiny()
        .arg("extract")
        .arg(&seed)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 18);
    assert_eq!(lines[9]["number"], 10);
    assert_eq!(lines[9]["kind"], "exchange");
    assert!(str_field(&lines[9], "response").starts_with("Think Family was embedded"));
    assert!(lines[0]["date"].is_null());
    assert!(lines[0]["asker"].is_null());
}

#[test]
fn think_family_phrase_ranks_the_seeds_exchange_10_above_4() {
    let Some(seed) = seed() else { return };
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    let summary = index(&idx, &[&sample_corpus(), seed.parent().unwrap()]);
    assert_eq!(summary_number(&summary, "files skipped"), 0);

    let hits = search_json(&idx, &["\"Think Family\"", "--limit", "100"]);
    let rank_of = |n: u64| {
        hits.iter()
            .find(|h| {
                str_field(h, "source").ends_with("000_14f1f085014c8848.txt") && h["number"] == n
            })
            .map(|h| h["rank"].as_u64().unwrap())
            .unwrap_or_else(|| panic!("seed exchange {n} not found"))
    };
    assert!(
        rank_of(10) < rank_of(4),
        "10 at {}, 4 at {}",
        rank_of(10),
        rank_of(4)
    );
    assert_eq!(hits[0]["rank"], 1);
    assert!(hits[0]["score"].as_f64().unwrap() > 0.0);
    // Every hit holds the phrase somewhere: in its exchange or in the item it sits in.
    for hit in &hits {
        let fields = [
            "question",
            "response",
            "text",
            "item",
            "purpose",
            "context",
            "resolutions",
        ];
        assert!(
            fields
                .iter()
                .any(|f| str_field(hit, f).to_lowercase().contains("think family")),
            "no 'Think Family' in {hit}"
        );
    }
    // Highlight ranges point at the matched words.
    let tenth = hits
        .iter()
        .find(|h| h["rank"].as_u64() == Some(rank_of(10)))
        .unwrap();
    let ranges = tenth["highlights"]["question"].as_array().unwrap();
    let words: Vec<&str> = ranges
        .iter()
        .map(|r| {
            &str_field(tenth, "question")
                [r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize]
        })
        .collect();
    assert_eq!(words, ["Think", "Family"]);
}

#[test]
fn indexing_twice_replaces_rather_than_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    let first = index(&idx, &[&sample_corpus()]);
    let exchanges = summary_number(&first, "exchanges indexed");
    assert!(exchanges >= 300);
    // The second run finds nothing changed and reads nothing; a rebuild reads it all again.
    let second = index(&idx, &[&sample_corpus()]);
    assert_eq!(summary_number(&second, "exchanges indexed"), 0);
    assert!(second.contains(&format!("index holds:           {exchanges} exchanges")));
    let rebuilt = scrutiny()
        .args(["index", "--rebuild"])
        .arg(sample_corpus())
        .arg("--index")
        .arg(&idx)
        .output()
        .unwrap();
    let rebuilt = String::from_utf8(rebuilt.stdout).unwrap();
    assert_eq!(summary_number(&rebuilt, "exchanges indexed"), exchanges);
    let all = search_json(&idx, &["", "--kind", "exchange", "--limit", "100000"]);
    assert_eq!(all.len(), exchanges);
    let ids: std::collections::BTreeSet<_> =
        all.iter().map(|h| str_field(h, "id").to_string()).collect();
    assert_eq!(ids.len(), exchanges, "ids are unique");
}

#[test]
fn bad_files_are_reported_and_the_rest_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("invalid-utf8.txt"),
        b"Question: caf\x81\x8d?\nResponse: no.",
    )
    .unwrap();
    std::fs::write(
        docs.join("binary.txt"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00Question:",
    )
    .unwrap();
    std::fs::write(docs.join("empty.md"), b"").unwrap();
    std::fs::write(
        docs.join("legacy.txt"),
        b"Question: Was the \x93Think Family\x94 grant \xa330k?\nResponse: Yes, it was.",
    )
    .unwrap();
    std::fs::write(
        docs.join("good.txt"),
        "Question: Were potholes filled?\nResponse: All of them.",
    )
    .unwrap();
    std::fs::write(docs.join("report.odt"), "PK").unwrap();
    let idx = dir.path().join("index");

    let out = scrutiny()
        .arg("index")
        .arg(&docs)
        .arg("--index")
        .arg(&idx)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let summary = String::from_utf8(out.stdout).unwrap();
    assert_eq!(summary_number(&summary, "files seen"), 5);
    assert_eq!(summary_number(&summary, "files indexed"), 2);
    assert_eq!(summary_number(&summary, "files skipped"), 3);
    assert_eq!(summary_number(&summary, "exchanges indexed"), 2);
    assert_skipped(
        &summary,
        &[
            ("invalid-utf8.txt", "not text in a known encoding"),
            ("binary.txt", "binary file"),
            ("empty.md", "empty file"),
        ],
    );
    assert!(
        summary.contains("not a supported format: 1 .odt"),
        "{summary}"
    );
    assert!(summary.contains("decoded as Windows1252"), "{summary}");

    let hits = search_json(&idx, &["grant"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(
        str_field(&hits[0], "question"),
        "Was the \u{201c}Think Family\u{201d} grant \u{a3}30k?"
    );

    scrutiny()
        .arg("index")
        .arg(&docs)
        .arg("--index")
        .arg(&idx)
        .arg("--strict")
        .assert()
        .code(1);
}

#[test]
fn filters_by_council_and_date_range() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&sample_corpus()]);

    let marlbury = search_json(
        &idx,
        &["safeguarding", "--council", "marlbury", "--limit", "1000"],
    );
    assert!(marlbury.len() >= 3, "{} hits", marlbury.len());
    assert!(marlbury
        .iter()
        .all(|h| str_field(h, "council") == "Marlbury County Council"));

    let ranged = search_json(
        &idx,
        &[
            "safeguarding",
            "--from",
            "2015-01-01",
            "--to",
            "2019-12",
            "--limit",
            "1000",
        ],
    );
    assert!(!ranged.is_empty());
    assert!(
        ranged
            .iter()
            .all(|h| ("2015-01-01".."2020-01-01").contains(&str_field(h, "date"))),
        "dates outside 2015-2019"
    );
    let all = search_json(&idx, &["safeguarding", "--limit", "1000"]);
    assert!(all.len() > ranged.len() && all.len() > marlbury.len());

    let committee = search_json(
        &idx,
        &[
            "police",
            "--committee",
            "police and crime panel",
            "--limit",
            "1000",
        ],
    );
    assert!(!committee.is_empty());
    assert!(committee
        .iter()
        .all(|h| str_field(h, "committee") == "Dunmere Police and Crime Panel"));

    let discussions = search_json(
        &idx,
        &["apologies", "--kind", "discussion", "--limit", "1000"],
    );
    assert!(
        discussions.len() >= 25,
        "{} apologies items",
        discussions.len()
    );
    assert!(discussions
        .iter()
        .all(|h| h["kind"] == "discussion" && h["question"].is_null()));

    // `--kind` splits a query's matches: "police" is in 52 exchanges and 10 discussions.
    let police = |kind: &[&str]| {
        let mut args = vec!["police", "--limit", "1000"];
        args.extend(kind);
        search_json(&idx, &args)
    };
    let (all, exchanges, discussions) = (
        police(&[]),
        police(&["--kind", "exchange"]),
        police(&["--kind", "discussion"]),
    );
    assert_eq!(
        (all.len(), exchanges.len(), discussions.len()),
        (62, 52, 10)
    );
    assert!(exchanges.iter().all(|h| h["kind"] == "exchange"));
}

#[test]
fn text_output_cites_and_colours_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&sample_corpus()]);
    let run = |color: &str| {
        let out = scrutiny()
            .args([
                "search",
                "\"missing persons\"",
                "--council",
                "dunmere",
                "--limit",
                "1",
                "--color",
                color,
                "--index",
            ])
            .arg(&idx)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = run("never");
    assert!(!plain.contains('\x1b'));
    assert!(
        plain
            .starts_with(" 1. 2018-07-10  Dunmere City Council · Dunmere Police and Crime Panel\n"),
        "{plain}"
    );
    assert!(plain.contains("    Q  "));
    assert!(plain.contains("2018-07-10-missing-persons-and-child-exploitation.txt · exchange"));
    assert!(plain.contains("matching records"));
    let coloured = run("always");
    assert!(
        coloured.contains("\x1b[1m\x1b[31mmissing\x1b[0m") || coloured.contains("\x1b[31m"),
        "{coloured:?}"
    );
    // Piped output is uncoloured by default.
    assert!(!run("auto").contains('\x1b'));
}

#[test]
fn a_long_response_prints_its_best_fragments_joined() {
    // Our own wording: one matched phrase near the start of a long response and one near its
    // end, with unmatched text between them well over the 600-character budget.
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let middle = "The officer described the timetable for the new contract, the staffing of \
                  the duty desk and the training planned for the spring. "
        .repeat(9);
    let response = format!(
        "The Head of Early Help said that parental conflict was the most common concern \
         raised by schools. {middle}\n\nFrom April every worker would use the Think Family \
         assessment, so that the needs of the whole household were seen together. The panel \
         would receive a report on its first six months."
    );
    assert!(response.chars().count() > 1_200);
    std::fs::write(
        docs.join("2025-05-06-panel.txt"),
        format!(
            "Question: How were families helped when parents were in dispute?\nResponse: \
             {response}\n"
        ),
    )
    .unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&docs]);
    let out = scrutiny()
        .args([
            "search",
            "\"parental conflict\" \"Think Family\"",
            "--color",
            "never",
            "--index",
        ])
        .arg(&idx)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let answer = text
        .lines()
        .find_map(|l| l.strip_prefix("    A  "))
        .unwrap_or_else(|| panic!("no response line in\n{text}"));
    let (first, second) = answer
        .split_once(" … ")
        .unwrap_or_else(|| panic!("one fragment only: {answer}"));
    assert!(
        first.starts_with("The Head of Early Help said that parental conflict"),
        "{answer}"
    );
    assert!(!first.contains("Think Family"), "{answer}");
    assert!(
        second.starts_with("From April every worker would use the Think Family assessment"),
        "{answer}"
    );
    assert!(
        answer.chars().count() < response.chars().count(),
        "{answer}"
    );
}

#[test]
fn syntax_errors_run_leniently_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&sample_corpus()]);
    scrutiny()
        .args([
            "search",
            "nosuchfield:potholes gritting",
            "--format",
            "json",
            "--index",
        ])
        .arg(&idx)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "note: `nosuchfield:` is not a field (question, response, item, asker, responder, council, committee); searched everywhere",
        ))
        .stdout(predicate::str::contains("potholes"));
    scrutiny()
        .args(["search", "\"unclosed phrase", "--index"])
        .arg(&idx)
        .assert()
        .stderr(predicate::str::contains("panicked").not());
    scrutiny()
        .args(["search", "(grit OR", "--index"])
        .arg(&idx)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "note: `OR` needs a term on each side",
        ))
        .stderr(predicate::str::contains("note: brackets are not supported"));
    scrutiny()
        .args(["search", "zyzzyva", "--index"])
        .arg(&idx)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no exchanges match"));
    scrutiny()
        .args(["search", "x", "--from", "March 2017", "--index"])
        .arg(&idx)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use YYYY-MM-DD"));
}

#[test]
fn searching_without_an_index_says_how_to_build_one() {
    let dir = tempfile::tempdir().unwrap();
    scrutiny()
        .args(["search", "housing", "--index"])
        .arg(dir.path().join("none"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no index at")
                .and(predicate::str::contains("scrutiny index DIR")),
        );
}

#[test]
fn index_location_comes_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("from-env");
    scrutiny()
        .env("SCRUTINY_INDEX", &idx)
        .args(["index", "--quiet"])
        .arg(sample_corpus().join("dunmere-city-council"))
        .assert()
        .success()
        .stdout("");
    assert!(Path::new(&idx).join("meta.json").is_file());
    scrutiny()
        .env("SCRUTINY_INDEX", &idx)
        .args(["search", "CAMHS"])
        .assert()
        .success();
}

#[test]
fn a_missing_root_is_an_error_and_keeps_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(
        &idx,
        &[&sample_corpus().join("glanmor-county-borough-council")],
    );
    scrutiny()
        .args(["index", "/no/such/folder", "--index"])
        .arg(&idx)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/folder"));
    assert!(!search_json(&idx, &["Glanmor"]).is_empty());
}

#[test]
fn formats_are_read_and_bad_ones_reported_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for name in ["moderngov_meeting.html", "mgai_agenda_item.html"] {
        std::fs::copy(
            crate::util::fixture(&format!("html/{name}")),
            docs.join(name),
        )
        .unwrap();
    }
    std::fs::copy(
        crate::util::fixture("docx/minutes-libreoffice.docx"),
        docs.join("minutes.docx"),
    )
    .unwrap();
    for (fixture, name) in [
        ("pdf/libreoffice.pdf", "minutes.pdf"),
        ("pdf/scanned.pdf", "scanned.pdf"),
        ("pdf/encrypted-user-password.pdf", "locked.pdf"),
    ] {
        std::fs::copy(crate::util::fixture(fixture), docs.join(name)).unwrap();
    }
    let pdf = std::fs::read(crate::util::fixture("pdf/libreoffice.pdf")).unwrap();
    std::fs::write(docs.join("truncated.pdf"), &pdf[..pdf.len() / 2]).unwrap();
    // 80,000 nested elements (under the 1 MB limit set below): must neither overflow the stack nor lose the text inside.
    let deep = format!("<html><body>{}<p>Question: Was the deep page read?</p><p>Response: It was.</p>{}</body></html>", "<div>".repeat(80_000), "</div>".repeat(80_000));
    std::fs::write(docs.join("deep.html"), deep).unwrap();
    std::fs::write(
        docs.join("corrupt.docx"),
        b"PK\x03\x04 this is not really a zip",
    )
    .unwrap();
    std::fs::write(
        docs.join("legacy.docx"),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    )
    .unwrap();
    std::fs::write(
        docs.join("huge.txt"),
        "Question: big?\nResponse: yes.\n".repeat(40_000),
    )
    .unwrap();
    let idx = dir.path().join("index");

    let out = scrutiny()
        .arg("index")
        .arg(&docs)
        .args(["--max-filesize", "1", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8(out.stdout).unwrap();
    assert_eq!(summary_number(&summary, "files seen"), 11);
    assert_eq!(summary_number(&summary, "files indexed"), 5);
    assert_skipped(
        &summary,
        &[
            ("scanned.pdf", "no text layer (scanned?)"),
            ("locked.pdf", "encrypted PDF"),
            ("truncated.pdf", "corrupt PDF"),
            ("corrupt.docx", "corrupt .docx"),
            ("legacy.docx", "encrypted or legacy Word file"),
            ("huge.txt", "too large (1.2 MB; the limit is 1.0 MB"),
        ],
    );
    let deep = search_json(&idx, &["\"deep page\""]);
    assert_eq!(deep.len(), 1);
    assert_eq!(str_field(&deep[0], "response"), "It was.");
    let html = search_json(&idx, &["blue badge bays"]);
    assert_eq!(str_field(&html[0], "item"), "Town Centre Parking Review");
    assert_eq!(html[0]["item_number"], "3");
    assert_eq!(str_field(&html[0], "date"), "2025-03-04");
    let docx = search_json(&idx, &["damp surveys"]);
    assert_eq!(str_field(&docx[0], "asker"), "Mr Alun Price");
    // PDF exchanges are cited by page, with the printed running header and footer gone.
    let pdf = search_json(&idx, &["question:\"28 days\""]);
    assert_eq!(pdf.len(), 1);
    assert_eq!(pdf[0]["page"], 2);
    assert!(
        str_field(&pdf[0], "question").starts_with("Councillor Ferris asked how many properties")
    );
    assert!(!str_field(&pdf[0], "response").contains("Page 2 of 3"));
}

#[test]
fn every_hit_carries_its_items_purpose_stored_once_per_item() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&fixture("moderngov-item.txt")]);
    // The third exchange of the item, and the first.
    let third = search_json(&idx, &["\"domestic abuse\"", "--kind", "exchange"]);
    assert_eq!(third[0]["number"], 3);
    let first = search_json(&idx, &["\"relationship support course\""]);
    assert_eq!(first[0]["number"], 1);
    for hit in [&third[0], &first[0]] {
        assert_eq!(hit["item_id"], first[0]["item_id"]);
        assert!(str_field(hit, "purpose")
            .starts_with("To give the committee an account of the Reducing Parental Conflict"));
        assert!(str_field(hit, "context").starts_with("The Head of Early Help introduced"));
    }
}

#[test]
fn ids_do_not_depend_on_how_the_root_is_spelled() {
    let ids = |dir: &Path, root: &str| -> Vec<String> {
        let out = scrutiny()
            .current_dir(dir)
            .args(["extract", root, "--format", "json"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
            .collect()
    };
    let corpus = sample_corpus();
    let relative = ids(corpus.parent().unwrap(), "sample-corpus");
    let absolute = ids(Path::new("/"), &format!("{}/", corpus.display()));
    assert!(relative.len() > 300);
    assert_eq!(relative, absolute);
}

#[test]
fn query_language_phrases_exclusions_or_prefixes_proximity_and_fields() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&sample_corpus()]);
    let exchanges = |query: &str, extra: &[&str]| {
        let mut args = vec![query, "--kind", "exchange", "--limit", "1000"];
        args.extend_from_slice(extra);
        search_json(&idx, &args)
    };
    let ids = |hits: &[serde_json::Value]| -> Vec<String> {
        hits.iter()
            .map(|h| str_field(h, "id").to_string())
            .collect()
    };
    let all_text = |h: &serde_json::Value| {
        [
            "question",
            "response",
            "item",
            "purpose",
            "context",
            "resolutions",
        ]
        .iter()
        .map(|f| h[f].as_str().unwrap_or("").to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
    };

    // A quoted phrase is exact; the same words unquoted are stemmed and need not be adjacent.
    let phrase = exchanges("\"Think Family\"", &[]);
    assert_eq!(phrase.len(), 24);
    assert!(phrase.iter().all(|h| all_text(h).contains("think family")));
    let families = ids(&exchanges("\"thinking of families\"", &[]));
    assert_eq!(families.len(), 2);
    assert!(families.iter().all(|id| !ids(&phrase).contains(id)));
    let words = ids(&exchanges("think family", &[]));
    assert_eq!(words.len(), 29);
    assert!(families.iter().all(|id| words.contains(id)));

    // OR, and exclusion of a phrase.
    // CAMHS also finds its long forms (the bundled synonyms), tested below.
    assert_eq!(exchanges("CAMHS", &[]).len(), 18);
    assert_eq!(exchanges("\"mental health\"", &[]).len(), 26);
    assert_eq!(exchanges("CAMHS OR \"mental health\"", &[]).len(), 27);
    let without = exchanges("CAMHS -\"mental health\"", &[]);
    assert_eq!(without.len(), 1);
    // Exclusion looks where phrases look: the exchange and its item's title.
    let exchange = format!(
        "{} {} {}",
        str_field(&without[0], "question"),
        str_field(&without[0], "response"),
        str_field(&without[0], "item")
    );
    assert!(!exchange.to_lowercase().contains("mental health"));

    // Prefixes match unstemmed words and are highlighted.
    let prefixed = exchanges("famil*", &[]);
    assert_eq!(prefixed.len(), 72);
    let first = &prefixed[0];
    let [start, end] =
        [0, 1].map(|i| first["highlights"]["question"][0][i].as_u64().unwrap() as usize);
    assert!(str_field(first, "question")[start..end]
        .to_lowercase()
        .starts_with("famil"));

    // Proximity.
    assert_eq!(exchanges("\"missing coordinator\"", &[]).len(), 0);
    assert_eq!(exchanges("\"missing coordinator\"~3", &[]).len(), 3);

    // Fields in the query and as filters agree.
    let asked = exchanges("asker:shah", &[]);
    assert_eq!(asked.len(), 3);
    assert!(asked
        .iter()
        .all(|h| str_field(h, "asker") == "Councillor Priya Shah"));
    assert_eq!(ids(&exchanges("", &["--asker", "shah"])).len(), 3);
    let constable = exchanges("", &["--responder", "chief constable"]);
    assert_eq!(constable.len(), 3);
    assert!(constable
        .iter()
        .all(|h| str_field(h, "responder").starts_with("Chief Constable")));

    // Sorting by date, both ways.
    let dates = |order: &str| -> Vec<String> {
        exchanges("housing", &["--sort", order])
            .iter()
            .map(|h| str_field(h, "date").to_string())
            .collect()
    };
    let newest = dates("newest");
    assert!(newest.len() > 20);
    assert!(newest.windows(2).all(|w| w[0] >= w[1]), "{newest:?}");
    let oldest = dates("oldest");
    assert!(oldest.windows(2).all(|w| w[0] <= w[1]), "{oldest:?}");
    assert_eq!(newest.first(), oldest.last());
}

#[test]
fn abbreviations_long_forms_and_user_synonyms_find_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&sample_corpus()]);
    let ids = |query: &str, extra: &[&str]| -> Vec<String> {
        let mut args = vec![query, "--kind", "exchange", "--limit", "1000"];
        args.extend_from_slice(extra);
        let mut ids: Vec<String> = search_json(&idx, &args)
            .iter()
            .map(|h| str_field(h, "id").to_string())
            .collect();
        ids.sort();
        ids
    };
    let lac = ids("LAC", &[]);
    assert_eq!(lac.len(), 19);
    assert_eq!(lac, ids("looked after children", &[]));
    assert_eq!(lac, ids("\"children in care\"", &[]));
    assert_eq!(ids("behavior", &[]), ids("behaviour", &[]));
    // What was expanded is said on stderr.
    scrutiny()
        .args(["search", "EHCP", "--index"])
        .arg(&idx)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "note: searched EHCP also as \"EHC plan\", \"education health and care plan\"",
        ));

    // A user's own file adds to the bundled list.
    assert!(ids("HWB", &[]).is_empty());
    let ours = dir.path().join("ours.txt");
    std::fs::write(&ours, "# our board\nHWB, health and wellbeing board\n").unwrap();
    let board = ids("HWB", &["--synonyms", ours.to_str().unwrap()]);
    assert_eq!(board.len(), 1);
    assert_eq!(board, ids("\"health and wellbeing board\"", &[]));
    scrutiny()
        .args([
            "search",
            "HWB",
            "--synonyms",
            "/no/such/file.txt",
            "--index",
        ])
        .arg(&idx)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read synonyms file /no/such/file.txt",
        ));
}

#[test]
fn a_query_with_no_hits_suggests_words_the_index_holds() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&sample_corpus()]);
    scrutiny()
        .args(["search", "parentel confict", "--index"])
        .arg(&idx)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "scrutiny: did you mean 'parental conflict'?",
        ));
    assert!(!search_json(&idx, &["parental conflict"]).is_empty());
    // Nothing close: no suggestion; hits: no suggestion either.
    scrutiny()
        .args(["search", "zyzzyva", "--index"])
        .arg(&idx)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean").not());
}

#[test]
fn csv_and_markdown_briefing_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&sample_corpus()]);
    let query = "\"Think Family\"";
    let json = search_json(&idx, &[query, "--limit", "100"]);
    assert_eq!(json.len(), 24);
    let run = |format: &str| {
        let out = scrutiny()
            .args([
                "search", query, "--limit", "100", "--format", format, "--index",
            ])
            .arg(&idx)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };

    // CSV: a header, then one row per hit that reads back to the same values.
    let csv_text = run("csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "rank",
            "date",
            "council",
            "committee",
            "item",
            "asker",
            "responder",
            "question",
            "response",
            "source",
            "page",
            "id",
            "kind",
            "text"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 24);
    for (row, hit) in rows.iter().zip(&json) {
        assert_eq!(&row[11], str_field(hit, "id"));
        assert_eq!(&row[1], str_field(hit, "date"));
        assert_eq!(&row[7], str_field(hit, "question"));
        assert_eq!(&row[8], str_field(hit, "response"));
    }

    // Markdown: one section per meeting, a citation per exchange.
    let md = run("markdown");
    assert!(md.starts_with(
        "# Briefing: \"Think Family\"\n\n24 of 24 matching records, grouped by meeting.\n"
    ));
    assert_eq!(md.matches("\n> Source: ").count(), 24);
    let mut meetings: Vec<&str> = json.iter().map(|h| str_field(h, "source")).collect();
    meetings.sort();
    meetings.dedup();
    assert_eq!(md.matches("\n## ").count(), meetings.len());
    assert!(md.contains(
        "## Marlbury County Council · Children and Young People Scrutiny Committee · 11 February 2025"
    ));
    assert!(md.contains(", 11 February 2025, item 4, exchange 3 (`"));
}

#[test]
fn group_meeting_keeps_the_best_match_per_item_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&sample_corpus()]);
    let all = search_json(&idx, &["families first", "--limit", "1000"]);
    let grouped = search_json(
        &idx,
        &["families first", "--limit", "1000", "--group", "meeting"],
    );
    let mut items: Vec<&str> = all.iter().map(|h| str_field(h, "item_id")).collect();
    items.sort();
    items.dedup();
    assert_eq!(grouped.len(), items.len());
    assert_eq!(grouped.len(), 19);
    assert_eq!(grouped[0]["id"], all[0]["id"]);
    let counted: u64 = grouped
        .iter()
        .map(|h| 1 + h["more_in_item"].as_u64().unwrap())
        .sum();
    assert_eq!(counted as usize, all.len());
    // The best of an item is the first of its matches in the ungrouped ranking.
    for hit in &grouped {
        let first = all.iter().find(|h| h["item_id"] == hit["item_id"]).unwrap();
        assert_eq!(first["id"], hit["id"]);
    }
    // Without grouping, the field is absent.
    assert!(all[0].get("more_in_item").is_none());
}

#[test]
fn show_an_exchange_in_its_setting_and_find_similar_ones() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&sample_corpus()]);
    // Exchange 1 of Marlbury's 2013 Think Family item.
    let hit = search_json(
        &idx,
        &["\"identified and engaged by the Think Family programme\""],
    );
    let id = str_field(&hit[0], "id").to_string();
    let run = |args: &[&str]| {
        let out = scrutiny()
            .args(args)
            .arg("--index")
            .arg(&idx)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };

    let (code, text) = run(&["show", &id]);
    assert_eq!(code, Some(0));
    assert!(text.starts_with("Marlbury County Council, Children and Young People Scrutiny Committee, 12 March 2013, item 4, exchange 1\n"), "{text}");
    assert!(text.contains("Item 4: EARLY HELP STRATEGY AND THE THINK FAMILY PROGRAMME\n"));
    assert!(text.contains("Introduction: The Head of Early Help introduced the report"));
    assert!(text.contains("=== exchange 1 of 4 ===\nQ: How many families had been identified"));
    assert!(text.contains("--- after: exchange 2 ---\nQ: What payment-by-results income"));
    assert!(!text.contains("--- before"));
    assert!(text.contains("Resolutions: RESOLVED: That the report be noted"));

    let (_, json) = run(&["show", &id, "--format", "json"]);
    let shown: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(shown["record"]["id"], id.as_str());
    assert_eq!(shown["item_records"], 4);
    assert_eq!(shown["after"]["number"], 2);
    assert!(shown["before"].is_null());

    let similar = search_like(&idx, &id);
    assert_eq!(similar.len(), 5);
    assert!(similar
        .iter()
        .all(|h| h["id"] != id.as_str() && h["kind"] == "exchange"));
    assert!(similar
        .iter()
        .any(|h| str_field(h, "question").contains("Think Family")));

    let (code, _) = run(&["show", "0000000000000000"]);
    assert_eq!(code, Some(2));
    let (code, _) = run(&["similar", "0000000000000000"]);
    assert_eq!(code, Some(2));
    // Not an id at all (ids are hex digits): the same answer, not a crash.
    let out = scrutiny()
        .args(["show", "file:/etc/passwd", "--index"])
        .arg(&idx)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8(out.stderr).unwrap();
    assert!(message.contains("no record with id"), "{message}");
}

fn search_like(idx: &Path, id: &str) -> Vec<serde_json::Value> {
    let out = scrutiny()
        .args(["similar", id, "--limit", "5", "--format", "json", "--index"])
        .arg(idx)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn facets_count_matching_exchanges_by_council_committee_and_year() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&sample_corpus()]);
    let out = scrutiny()
        .args([
            "search",
            "\"Think Family\"",
            "--facets",
            "--limit",
            "0",
            "--format",
            "json",
            "--index",
        ])
        .arg(&idx)
        .output()
        .unwrap();
    assert!(out.status.success());
    let line: serde_json::Value =
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    let facets = &line["facets"];
    let total = |name: &str| -> u64 {
        facets[name]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p[1].as_u64().unwrap())
            .sum()
    };
    // Every matching exchange is counted once in each facet.
    for name in ["council", "committee", "year"] {
        assert_eq!(total(name), 24, "{name}");
    }
    assert_eq!(
        facets["council"][0],
        serde_json::json!(["Marlbury County Council", 9])
    );
    assert_eq!(facets["year"][0], serde_json::json!(["2013", 5]));
    // Text: the counts after the hits.
    scrutiny()
        .args(["search", "\"Think Family\"", "--facets", "-n", "1", "--color", "never", "--index"])
        .arg(&idx)
        .assert()
        .success()
        .stdout(predicate::str::contains("1 of 24 matching records\nmatching exchanges by\n  council    Marlbury County Council 9 · "));
}

#[test]
fn trend_counts_by_year_as_bars_csv_json_and_an_svg_chart() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&sample_corpus()]);
    let svg_path = dir.path().join("trend.svg");
    let out = scrutiny()
        .args(["trend", "\"Think Family\"", "--format", "csv", "--svg"])
        .arg(&svg_path)
        .arg("--index")
        .arg(&idx)
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv_text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<(String, u64)> = csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].parse().unwrap())
        })
        .collect();
    // 2013 to 2026 without gaps: 14 years, 24 exchanges, none in 2014.
    assert_eq!(rows.len(), 14);
    assert_eq!(rows[0], ("2013".to_string(), 5));
    assert_eq!(rows[1], ("2014".to_string(), 0));
    assert_eq!(rows.iter().map(|r| r.1).sum::<u64>(), 24);

    // The SVG parses, and holds one bar per year with its count; the tallest is the largest.
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let mut reader = quick_xml::Reader::from_str(&svg);
    let mut bars: Vec<(String, u64, u64)> = Vec::new();
    let mut root = None;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                root.get_or_insert(name.clone());
                let attr = |key: &str| {
                    e.attributes()
                        .map(Result::unwrap)
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| a.value.to_string())
                };
                if name == "rect" && attr("class").as_deref() == Some("bar") {
                    bars.push((
                        attr("data-bucket").unwrap(),
                        attr("data-count").unwrap().parse().unwrap(),
                        attr("height").unwrap().parse().unwrap(),
                    ));
                }
            }
            _ => {}
        }
    }
    assert_eq!(root.as_deref(), Some("svg"));
    assert_eq!(bars.len(), 14);
    assert_eq!(bars[0], ("2013".to_string(), 5, 220));
    assert_eq!(bars[1].2, 0);

    // Bars in the terminal, and JSON.
    scrutiny()
        .args(["trend", "\"Think Family\"", "--by", "council", "--index"])
        .arg(&idx)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Marlbury County Council  "))
        .stdout(predicate::str::contains("24 matching exchanges"));
    let out = scrutiny()
        .args([
            "trend",
            "\"Think Family\"",
            "--by",
            "month",
            "--format",
            "json",
            "--index",
        ])
        .arg(&idx)
        .output()
        .unwrap();
    let months: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(months[0]["bucket"].as_str().unwrap().len(), 7);
}

#[test]
fn phrases_match_whole_and_in_order_only() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let minutes = "\
Question: Will the family support hub stay open?\nResponse: Yes, until March.\n\n\
Question: Does the Think Family, family support plan continue?\nResponse: It does.\n\n\
Question: Is the think family support service funded?\nResponse: By the council.\n\n\
Question: Is support for the family thought through?\nResponse: It is.\n";
    std::fs::write(docs.join("minutes.txt"), minutes).unwrap();
    let idx = dir.path().join("index");
    index(&idx, &[&docs]);
    let questions = |query: &str| -> Vec<String> {
        search_json(&idx, &[query, "--limit", "10"])
            .iter()
            .map(|h| str_field(h, "question").to_string())
            .collect()
    };
    // Two words: the pair, wherever it is, across punctuation as a phrase always was.
    let mut family_support = questions("\"family support\"");
    family_support.sort();
    assert_eq!(
        family_support,
        [
            "Does the Think Family, family support plan continue?",
            "Is the think family support service funded?",
            "Will the family support hub stay open?",
        ]
    );
    // Three words: all pairs are in the second question too, but not in one run.
    assert_eq!(
        questions("\"think family support\""),
        ["Is the think family support service funded?"]
    );
    assert_eq!(questions("\"support family\""), Vec::<String>::new());
    // Proximity still reads positions: one word may come between.
    assert_eq!(
        questions("\"think support\"~1"),
        ["Is the think family support service funded?"]
    );
    // The phrase's words are highlighted.
    let hit = &search_json(&idx, &["\"think family support\""])[0];
    let ranges: Vec<&str> = hit["highlights"]["question"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let q = str_field(hit, "question");
            &q[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize]
        })
        .collect();
    assert_eq!(ranges, ["think", "family", "support"]);
}
