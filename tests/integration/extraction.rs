//! Extraction checked on the seed document, on our fixture in the same layout, and on the
//! bundled sample corpus as a whole.

use crate::util::{fixture, sample_corpus, seed};
use scrutiny::extract::{extract_file, Format, Origin};
use scrutiny::model::{Kind, Record};
use scrutiny::walk::{walk, WalkOptions};
use std::collections::BTreeSet;
use std::path::Path;

fn extract(path: &Path) -> Vec<Record> {
    let origin = Origin {
        source: path.display().to_string(),
        ..Origin::default()
    };
    extract_file(path, Format::Text, &origin, u64::MAX)
        .unwrap()
        .records
}

fn exchanges(records: &[Record]) -> Vec<&Record> {
    records
        .iter()
        .filter(|r| r.kind == Kind::Exchange)
        .collect()
}

#[test]
fn seed_has_its_18_exchanges_with_item_and_recommendation() {
    let Some(seed) = seed() else { return };
    let records = extract(&seed);
    let ex = exchanges(&records);
    assert_eq!(ex.len(), 18);
    assert_eq!(
        records.len(),
        18,
        "no discussion records: every item has exchanges"
    );
    let numbers: Vec<_> = ex.iter().map(|r| r.number.unwrap()).collect();
    assert_eq!(numbers, (1..=18).collect::<Vec<_>>());

    let tenth = ex[9];
    let question = tenth.question.as_deref().unwrap();
    assert!(question.starts_with("How was"), "{question}");
    assert!(question.contains("Think Family"), "{question}");
    assert!(tenth
        .response
        .as_deref()
        .unwrap()
        .starts_with("Think Family was embedded"));
    for r in &ex {
        assert_eq!(
            r.item.as_deref(),
            Some("Herefordshire Safeguarding Children Partnership Yearly Report 2024-25")
        );
        assert!(r
            .purpose
            .as_deref()
            .unwrap()
            .starts_with("To provide the committee"));
        assert!(r
            .context
            .as_deref()
            .unwrap()
            .starts_with("The Independent Scrutineer provided a brief overview"));
        let resolutions = r.resolutions.as_deref().unwrap();
        assert!(resolutions
            .contains("Partnership to consider explicitly reporting what partners learned"));
        assert!(!r
            .question
            .as_deref()
            .unwrap()
            .contains("Partnership to consider"));
        assert!(!r
            .response
            .as_deref()
            .unwrap()
            .contains("Partnership to consider"));
    }
    assert!(ex[17]
        .response
        .as_deref()
        .unwrap()
        .ends_with("to gather insight."));
}

#[test]
fn our_moderngov_fixture_in_the_seed_layout() {
    let records = extract(&fixture("moderngov-item.txt"));
    let ex = exchanges(&records);
    assert_eq!(ex.len(), 5);
    assert_eq!(records.len(), 5);
    assert_eq!(
        ex[0].item.as_deref(),
        Some("Reducing Parental Conflict Programme: Two-Year Review")
    );
    assert_eq!(ex[1].number, Some(2));
    assert_eq!(
        ex[1].question.as_deref(),
        Some("Was the Think Family assessment used to refer families to the programme?")
    );
    assert!(ex[1]
        .response
        .as_deref()
        .unwrap()
        .starts_with("Yes. Think Family assessments"));
    assert!(ex[4]
        .response
        .as_deref()
        .unwrap()
        .ends_with("an exit plan by the autumn."));
    assert_eq!(
        ex[4].resolutions.as_deref(),
        Some("At the conclusion of the debate the committee agreed the following recommendations. That:\n\n1. The service report the outcomes for fathers separately in its next annual review.")
    );
}

#[test]
fn ids_are_stable_and_distinct() {
    let path = fixture("moderngov-item.txt");
    let first: Vec<_> = extract(&path).into_iter().map(|r| r.id).collect();
    let second: Vec<_> = extract(&path).into_iter().map(|r| r.id).collect();
    assert_eq!(first, second);
    assert_eq!(first.iter().collect::<BTreeSet<_>>().len(), first.len());
}

#[test]
fn sample_corpus_meets_its_brief() {
    let walked = walk(&[sample_corpus()], WalkOptions::default());
    assert!(walked.problems.is_empty(), "{:?}", walked.problems);
    assert!(walked.jobs.len() >= 40, "{} documents", walked.jobs.len());
    let mut records = Vec::new();
    for job in &walked.jobs {
        records.extend(
            extract_file(&job.path, job.format, &job.origin(), u64::MAX)
                .unwrap()
                .records,
        );
    }
    let ex = exchanges(&records);
    assert!(ex.len() >= 300, "{} exchanges", ex.len());
    let councils: BTreeSet<_> = ex.iter().filter_map(|r| r.council.as_deref()).collect();
    let committees: BTreeSet<_> = ex.iter().filter_map(|r| r.committee.as_deref()).collect();
    assert!(councils.len() >= 5, "{councils:?}");
    assert!(committees.len() >= 6, "{committees:?}");
    assert!(
        councils.contains("Kestrel Vale District Council"),
        "named by the path convention: {councils:?}"
    );
    let years: BTreeSet<_> = ex
        .iter()
        .map(|r| r.date.expect("every sample meeting is dated").to_string()[..4].to_string())
        .collect();
    assert_eq!(years.first().map(String::as_str), Some("2012"));
    assert_eq!(years.last().map(String::as_str), Some("2026"));
    assert!(ex
        .iter()
        .all(|r| r.council.is_some() && r.committee.is_some() && r.item.is_some()));
    assert!(
        ex.iter().all(|r| r.response.is_some()),
        "every sample question has its response"
    );
    let think_family = ex
        .iter()
        .filter(|r| format!("{:?}{:?}", r.question, r.response).contains("Think Family"))
        .count();
    assert!(think_family >= 15, "{think_family} Think Family exchanges");
}
