//! Measuring extraction against hand labels: per file, each exchange by the first words of its
//! question and of its response (`tests/labels/*.toml`, format in `tests/labels/README.md`).
//!
//! A predicted exchange matches a label when the label's question words occur, contiguous and in
//! order, in the predicted question (case, punctuation and spacing ignored); its response is
//! right when the label's response words occur in the predicted response. Labels and
//! predictions are paired one to one, in document order.

use crate::extract::{self, Format, Origin};
use crate::model::{Kind, Record};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A labels file.
#[derive(Debug, Deserialize)]
pub struct Labels {
    #[serde(rename = "file")]
    pub files: Vec<FileLabels>,
}

/// The exchanges of one labelled file.
#[derive(Debug, Deserialize)]
pub struct FileLabels {
    pub name: String,
    #[serde(default)]
    pub note: Option<String>,
    pub exchanges: Vec<Label>,
}

/// One labelled exchange.
#[derive(Debug, Deserialize)]
pub struct Label {
    pub q: String,
    pub r: String,
    #[serde(default)]
    pub asker: Option<String>,
    #[serde(default)]
    pub responder: Option<String>,
    #[serde(default)]
    pub supplementary: bool,
}

/// Counts over a set of files.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub labelled: usize,
    pub predicted: usize,
    pub matched: usize,
    pub labelled_responses: usize,
    pub matched_responses: usize,
}

impl Counts {
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.labelled)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    pub fn response_recall(&self) -> f64 {
        ratio(self.matched_responses, self.labelled_responses)
    }
    /// Adds another set's counts to these.
    pub fn add(&mut self, other: Counts) {
        self.labelled += other.labelled;
        self.predicted += other.predicted;
        self.matched += other.matched;
        self.labelled_responses += other.labelled_responses;
        self.matched_responses += other.matched_responses;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// What went wrong in one file, for reading.
#[derive(Debug, Default)]
pub struct FileReport {
    pub name: String,
    pub counts: Counts,
    /// Labelled questions no prediction matched.
    pub missed: Vec<String>,
    /// Predicted questions that match no label.
    pub spurious: Vec<String>,
    /// Labelled responses the matched prediction did not hold: (label, predicted).
    pub wrong_responses: Vec<(String, String)>,
}

/// The whole evaluation.
#[derive(Debug, Default)]
pub struct Report {
    pub counts: Counts,
    pub files: Vec<FileReport>,
}

/// Reads a labels file.
pub fn load(path: &Path) -> Result<Labels, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Lower-case words separated by single spaces, padded with a space each side so that matches
/// fall on word boundaries.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(&word.to_lowercase());
        out.push(' ');
    }
    out
}

fn contains(haystack: &str, needle: &str) -> bool {
    let needle = normalise(needle);
    needle.trim().is_empty() || normalise(haystack).contains(&needle)
}

/// Scores one file's predicted records against its labels.
pub fn score_file(labels: &FileLabels, records: &[Record]) -> FileReport {
    let predicted: Vec<&Record> = records
        .iter()
        .filter(|r| r.kind == Kind::Exchange)
        .collect();
    let mut used = vec![false; predicted.len()];
    let mut report = FileReport {
        name: labels.name.clone(),
        ..FileReport::default()
    };
    report.counts.labelled = labels.exchanges.len();
    report.counts.predicted = predicted.len();
    let mut cursor = 0;
    for label in &labels.exchanges {
        let has_response = !label.r.trim().is_empty();
        if has_response {
            report.counts.labelled_responses += 1;
        }
        // In document order first, then anywhere, so one early miss does not cascade.
        let found = (cursor..predicted.len()).chain(0..cursor).find(|&i| {
            !used[i] && contains(predicted[i].question.as_deref().unwrap_or(""), &label.q)
        });
        let Some(i) = found else {
            report.missed.push(label.q.clone());
            continue;
        };
        used[i] = true;
        cursor = i + 1;
        report.counts.matched += 1;
        if has_response {
            let response = predicted[i].response.as_deref().unwrap_or("");
            if contains(response, &label.r) {
                report.counts.matched_responses += 1;
            } else {
                report
                    .wrong_responses
                    .push((label.r.clone(), response.chars().take(160).collect()));
            }
        }
    }
    report.spurious = predicted
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(r, _)| {
            r.question
                .as_deref()
                .unwrap_or("")
                .chars()
                .take(160)
                .collect()
        })
        .collect();
    report
}

/// Extracts every labelled file under `dir` and scores it.
pub fn evaluate(labels: &Labels, dir: &Path) -> Result<Report, String> {
    let mut report = Report::default();
    for file in &labels.files {
        let path: PathBuf = dir.join(&file.name);
        let format = Format::from_path(&path)
            .ok_or_else(|| format!("{}: not a supported format", path.display()))?;
        let origin = Origin {
            source: file.name.clone(),
            relative: file.name.clone(),
            ..Origin::default()
        };
        let records = extract::extract_file(&path, format, &origin, u64::MAX)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .records;
        let file_report = score_file(file, &records);
        report.counts.add(file_report.counts);
        report.files.push(file_report);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(q: &str, r: &str) -> Record {
        Record {
            id: String::new(),
            kind: Kind::Exchange,
            source: String::new(),
            council: None,
            committee: None,
            date: None,
            item: None,
            item_number: None,
            number: None,
            page: None,
            question: Some(q.into()),
            response: Some(r.into()),
            asker: None,
            responder: None,
            supplementary: false,
            text: None,
            purpose: None,
            context: None,
            resolutions: None,
            item_id: String::new(),
        }
    }

    #[test]
    fn matches_words_ignoring_case_and_punctuation() {
        assert_eq!(
            normalise("Mr. Barker asked—whether"),
            " mr barker asked whether "
        );
        assert!(contains(
            "MR BARKER asked, whether the shelter",
            "Mr Barker asked whether"
        ));
        assert!(!contains("Mr Barkers asked", "Mr Barker asked"));
    }

    #[test]
    fn scores_recall_precision_and_responses() {
        let labels = FileLabels {
            name: "x".into(),
            note: None,
            exchanges: vec![
                Label {
                    q: "When will the bridge".into(),
                    r: "In June".into(),
                    asker: None,
                    responder: None,
                    supplementary: false,
                },
                Label {
                    q: "Who pays for".into(),
                    r: "The county pays".into(),
                    asker: None,
                    responder: None,
                    supplementary: false,
                },
                Label {
                    q: "Is it safe".into(),
                    r: String::new(),
                    asker: None,
                    responder: None,
                    supplementary: false,
                },
            ],
        };
        let records = vec![
            exchange(
                "When will the bridge reopen?",
                "In June, weather permitting.",
            ),
            exchange("Who pays for it?", "Nobody knows."),
            exchange("Any other business?", "None."),
        ];
        let report = score_file(&labels, &records);
        assert_eq!(
            report.counts,
            Counts {
                labelled: 3,
                predicted: 3,
                matched: 2,
                labelled_responses: 2,
                matched_responses: 1
            }
        );
        assert_eq!(report.missed, ["Is it safe"]);
        assert_eq!(report.spurious, ["Any other business?"]);
    }
}
