//! The corpus generator: invented minutes, as many as asked for, in the layouts scrutiny reads,
//! for benchmarks and scale tests. One place, included with `#[path]` by `examples/generate.rs`,
//! the benches and an integration test, so they all measure the same kind of archive.
//!
//! - **Layouts** ([`Convention`]): ModernGov agenda-item pages with numbered `Question:` /
//!   `Response:` pairs (the seed's layout), full minutes with `Question:`/`Answer:`/`Reply:` labels
//!   or `Q.`/`A.` lines, reported speech ("Councillor X asked whether ... The Leader replied that
//!   ..."), "In response to a question from ...", Welsh labels (Cwestiwn/Ymateb/Ateb), Markdown
//!   with YAML front matter, parish minutes in Markdown with initials, Markdown question tables,
//!   and minutes with no questions at all. Supplementary questions and items of discussion
//!   paragraphs appear throughout.
//! - **Words** follow Zipf's law (exponent [`WORD_EXPONENT`]) over the sample corpus's words, most
//!   frequent first, then [`SYNTHETIC_WORDS`] invented ones, so the vocabulary is as large as a
//!   real archive's; [`FOLLOW`] of them are instead a word that follows the one before in the
//!   sample corpus, so word pairs recur as they do in real minutes. Words that would make the
//!   extractor see a question where none was written ("asked", "queried", "why", ...) are left
//!   out, so every exchange found is one the generator wrote and counted.
//! - **Themes** ([`THEMES`]: "mental health", "Think Family", SEND, ...) go into an exchange with
//!   a probability that falls with their rank (Zipf, exponent 1): the first in 5% of exchanges,
//!   the fortieth in 0.125%.
//! - **Places and dates**: councils, committees (`council/committee/` folders), meeting dates
//!   2005-2026 (more in later years, as archives grow) in file names and headers.
//!
//! Output is a function of the seed alone: document `i` is drawn from its own ChaCha8 stream, so
//! files can be written in parallel and still come out the same on any machine and thread count.
//! The councils and the vocabulary are fixed (they do not depend on the seed). Nothing is held in
//! memory beyond one batch of documents.

// Each includer (the example, three benches, a test) uses a different part of this module.
#![allow(dead_code)]

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::weighted::WeightedAliasIndex;
use rand_distr::{Distribution, Zipf};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::Path;
use std::sync::OnceLock;

/// Zipf exponent of word frequencies (natural language is close to 1; steeper here because
/// [`FOLLOW`] of the words are not drawn from it, see there).
pub const WORD_EXPONENT: f64 = 1.2;
/// Invented words ranked after the sample corpus's own, so the vocabulary is large.
pub const SYNTHETIC_WORDS: usize = 150_000;
/// How often a word is one that follows the word before it in the sample corpus, rather than a
/// fresh Zipf draw. Words drawn independently made nearly every pair of adjacent words new: in
/// 8 MB there were 0.49 distinct pairs and 0.073 distinct words per word, against 0.22 and 0.017
/// in 7 MB of real parish minutes, so the costs that grow with distinct terms (term
/// dictionaries, the phrase pairs, merges) came out far above a real archive's. With this share
/// and [`WORD_EXPONENT`] 8 MB holds 0.20 distinct pairs and 0.029 distinct words per word: the
/// pairs of real minutes, and twice their words, as a national archive's many names would give.
/// `benches/vocabulary.py DIR MB` counts them.
pub const FOLLOW: f64 = 0.6;
/// The share of exchanges holding the first theme; theme `k` (from 1) is in `THEME_TOP_RATE / k`.
pub const THEME_TOP_RATE: f64 = 0.05;

/// What researchers search for, most frequent first. None is part of another or of an item
/// title, so a phrase search finds exactly the exchanges the generator put it in.
pub const THEMES: [&str; 40] = [
    "mental health",
    "temporary accommodation",
    "SEND",
    "Think Family",
    "cost of living",
    "CAMHS",
    "domestic abuse",
    "EHCP",
    "ASB",
    "parental conflict",
    "HMO",
    "missing persons coordinator",
    "looked after children",
    "early help",
    "family hubs",
    "child criminal exploitation",
    "delayed discharge",
    "rough sleeping",
    "school exclusions",
    "county lines",
    "damp and mould",
    "youth justice",
    "fly-tipping",
    "council tax support",
    "care leavers",
    "Families First",
    "home to school transport",
    "disabled facilities grant",
    "social prescribing",
    "winter pressures",
    "selective licensing",
    "elective home education",
    "NEET",
    "DoLS",
    "LADO",
    "Prevent duty",
    "unaccompanied asylum seeking children",
    "respite care",
    "supported living",
    "active travel",
];

/// How often a theme is in an exchange (and in a discussion paragraph).
pub fn theme_rate(rank: usize) -> f64 {
    THEME_TOP_RATE / (rank + 1) as f64
}

/// Parts of words the extractor reads as asking ("asked", "queried", "enquired", "wanted to
/// know", ...): the vocabulary leaves out every word holding one, so random text never puts a
/// question nobody wrote.
const ASKING: [&str; 11] = [
    "ask", "quer", "enquir", "inquir", "question", "wonder", "sought", "request", "raised", "want",
    "wish",
];
/// Other words left out: "why" opens a question without a question mark, "supplementary" marks
/// one, and the Welsh labels are labels.
const LEFT_OUT: [&str; 5] = ["why", "supplementary", "cwestiwn", "ymateb", "ateb"];
/// Words that may not open a line: they would read as a resolution ("Agreed that", "It was
/// resolved", "At the conclusion of the debate"), a naming line ("Put by", "Answered by"), an
/// attendance list, or a question left without its question mark ("Would the council ...").
const NOT_OPENERS: [&str; 29] = [
    "resolved",
    "agreed",
    "recommendation",
    "recommendations",
    "recommended",
    "decision",
    "it",
    "at",
    "put",
    "submitted",
    "tabled",
    "answered",
    "responded",
    "replied",
    "responder",
    "present",
    "attendance",
    "minutes",
    "agenda",
    "supporting",
    "can",
    "could",
    "would",
    "will",
    "are",
    "does",
    "did",
    "has",
    "have",
];

/// The layouts the generator writes, one per document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Convention {
    /// A ModernGov agenda-item page: title, purpose, "Minutes:", numbered Question:/Response:.
    ModernGovItem,
    /// Full minutes with Question:/Response:, Answer:, Reply: labels and headed questions.
    Labelled,
    /// Full minutes with Q./A. and Q:/A: lines.
    QaLines,
    /// Reported speech: "Councillor X asked whether ... The Leader replied that ...".
    ReportedSpeech,
    /// "In response to a question from Councillor X about ..., the Director confirmed ...".
    InResponseTo,
    /// Bilingual minutes with Cwestiwn / Ymateb / Ateb labels.
    Welsh,
    /// Markdown with YAML front matter (title, date) and **Question:** / **Answer:** labels.
    Markdown,
    /// Parish minutes in Markdown: front matter, initials, "A parishioner asked if ...".
    ParishMarkdown,
    /// Markdown with a Question | Response table.
    MarkdownTable,
    /// Minutes recording statements and decisions, with no questions.
    Statements,
}

impl Convention {
    pub const ALL: [Convention; 10] = [
        Convention::ModernGovItem,
        Convention::Labelled,
        Convention::QaLines,
        Convention::ReportedSpeech,
        Convention::InResponseTo,
        Convention::Welsh,
        Convention::Markdown,
        Convention::ParishMarkdown,
        Convention::MarkdownTable,
        Convention::Statements,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Convention::ModernGovItem => "moderngov-item",
            Convention::Labelled => "labelled",
            Convention::QaLines => "q-a-lines",
            Convention::ReportedSpeech => "reported-speech",
            Convention::InResponseTo => "in-response-to",
            Convention::Welsh => "welsh",
            Convention::Markdown => "markdown",
            Convention::ParishMarkdown => "parish-markdown",
            Convention::MarkdownTable => "markdown-table",
            Convention::Statements => "statements",
        }
    }

    pub fn from_name(name: &str) -> Option<Convention> {
        Convention::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Documents per hundred in the realistic mix: item pages like the seed are the commonest
    /// thing a ModernGov archive holds; full minutes come in several styles.
    fn weight(self) -> u32 {
        match self {
            Convention::ModernGovItem => 25,
            Convention::Labelled => 16,
            Convention::QaLines => 7,
            Convention::ReportedSpeech => 12,
            Convention::InResponseTo => 8,
            Convention::Welsh => 5,
            Convention::Markdown => 10,
            Convention::ParishMarkdown => 8,
            Convention::MarkdownTable => 4,
            Convention::Statements => 5,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Convention::Markdown | Convention::ParishMarkdown | Convention::MarkdownTable => "md",
            _ => "txt",
        }
    }

    fn council_kind(self) -> CouncilKind {
        match self {
            Convention::Welsh => CouncilKind::Welsh,
            Convention::ParishMarkdown | Convention::MarkdownTable => CouncilKind::Parish,
            _ => CouncilKind::Principal,
        }
    }
}

/// Which layouts to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mix {
    /// All of them, at the rates of [`Convention::weight`].
    Realistic,
    /// Only one.
    Only(Convention),
}

/// One generated file, with what was written into it.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path under the corpus folder, `/`-separated: `council/committee/date-name-N.ext`.
    pub path: String,
    pub text: String,
    pub convention: Convention,
    /// Question-and-response exchanges written, supplementary ones included.
    pub exchanges: usize,
    pub supplementary: usize,
    /// Agenda items written without any question: each is one `discussion` record.
    pub discussions: usize,
    /// For each of [`THEMES`], how many of this document's exchanges hold it.
    pub themes: [u32; THEMES.len()],
}

/// Totals for one layout.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ConventionCounts {
    pub files: u64,
    pub bytes: u64,
    pub exchanges: u64,
}

/// What a corpus holds, as written to its manifest.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub seed: u64,
    pub files: u64,
    pub bytes: u64,
    pub exchanges: u64,
    pub supplementary: u64,
    pub discussions: u64,
    pub conventions: BTreeMap<&'static str, ConventionCounts>,
    /// Exchanges holding each theme, in the order of [`THEMES`].
    pub themes: Vec<(&'static str, u64)>,
}

impl Counts {
    fn new(seed: u64) -> Counts {
        Counts {
            seed,
            themes: THEMES.iter().map(|t| (*t, 0)).collect(),
            ..Counts::default()
        }
    }

    pub fn add(&mut self, doc: &Document) {
        let bytes = doc.text.len() as u64;
        self.files += 1;
        self.bytes += bytes;
        self.exchanges += doc.exchanges as u64;
        self.supplementary += doc.supplementary as u64;
        self.discussions += doc.discussions as u64;
        let c = self.conventions.entry(doc.convention.name()).or_default();
        c.files += 1;
        c.bytes += bytes;
        c.exchanges += doc.exchanges as u64;
        for (total, n) in self.themes.iter_mut().zip(doc.themes) {
            total.1 += u64::from(n);
        }
    }

    /// Exchanges holding a theme, by its phrase.
    pub fn theme(&self, phrase: &str) -> u64 {
        self.themes
            .iter()
            .find(|(t, _)| *t == phrase)
            .map_or(0, |(_, n)| *n)
    }
}

/// The file a finished corpus folder holds its counts in; hidden, so indexers pass over it.
pub const MANIFEST: &str = ".corpus.json";

/// "100MB", "1GB", "1.5GB", "500KB", "2000000": decimal units, as MB/s figures are.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("not a size: {text:?} (try 100MB or 1GB)"))?;
    let scale = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1e0,
        "K" | "KB" => 1e3,
        "M" | "MB" => 1e6,
        "G" | "GB" => 1e9,
        _ => return Err(format!("unknown unit in {text:?}: use B, KB, MB or GB")),
    };
    Ok((number * scale).round() as u64)
}

// ---------------------------------------------------------------------------------------------
// The vocabulary.

struct Vocabulary {
    words: Vec<String>,
    /// Whether each word may open a sentence (capitalised, at the start of a line).
    opener: Vec<bool>,
    /// Zipf's law over the ranks, as an alias table: exactly the weights `1 / rank^s`, drawn in
    /// constant time (`rand_distr::Zipf` computes powers for every draw, which made them a
    /// quarter of the generator's time).
    zipf: WeightedAliasIndex<f64>,
    /// By rank, the words that follow it in the sample corpus, once per time they do (so a
    /// uniform pick is the corpus's own frequency); empty for invented words.
    followers: Vec<Vec<u32>>,
}

impl Vocabulary {
    /// The sample corpus's words, most frequent first, then the invented ones.
    fn new(sample_corpus: &Path) -> Vocabulary {
        let mut counts: HashMap<String, usize> = HashMap::new();
        // Each file's words in order, for the pairs that follow one another.
        let mut runs: Vec<Vec<String>> = Vec::new();
        let files = walkdir::WalkDir::new(sample_corpus)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file());
        for entry in files {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let mut run = Vec::new();
            for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
                if word.len() > 1 || word.eq_ignore_ascii_case("a") {
                    *counts.entry(word.to_ascii_lowercase()).or_default() += 1;
                    run.push(word.to_ascii_lowercase());
                }
            }
            runs.push(run);
        }
        let mut real: Vec<(String, usize)> =
            counts.into_iter().filter(|(w, _)| allowed(w)).collect();
        real.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        assert!(
            real.len() > 1000,
            "the sample corpus gave only {} words: is {} there?",
            real.len(),
            sample_corpus.display()
        );
        let mut words: Vec<String> = real.into_iter().map(|(w, _)| w).collect();
        let mut seen: HashSet<String> = words.iter().cloned().collect();
        words.extend(synthetic_words(SYNTHETIC_WORDS, &mut seen));
        let opener = words
            .iter()
            .map(|w| w.len() >= 3 && !NOT_OPENERS.contains(&w.as_str()))
            .collect();
        let weights = (1..=words.len())
            .map(|rank| (rank as f64).powf(-WORD_EXPONENT))
            .collect();
        let zipf = WeightedAliasIndex::new(weights).unwrap();
        let rank_of: HashMap<&str, u32> = words
            .iter()
            .enumerate()
            .map(|(rank, w)| (w.as_str(), rank as u32))
            .collect();
        // A theme's words never follow one another by chance: a theme phrase is in the exchanges
        // the generator put it in and nowhere else.
        let theme_pairs: HashSet<(String, String)> = THEMES
            .iter()
            .flat_map(|t| {
                let w: Vec<String> = t.split([' ', '-']).map(str::to_ascii_lowercase).collect();
                w.windows(2)
                    .map(|p| (p[0].clone(), p[1].clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut followers = vec![Vec::new(); words.len()];
        for run in &runs {
            for pair in run.windows(2) {
                if theme_pairs.contains(&(pair[0].clone(), pair[1].clone())) {
                    continue;
                }
                if let (Some(&a), Some(&b)) =
                    (rank_of.get(pair[0].as_str()), rank_of.get(pair[1].as_str()))
                {
                    followers[a as usize].push(b);
                }
            }
        }
        Vocabulary {
            words,
            opener,
            zipf,
            followers,
        }
    }

    /// A word's rank, from 0 for the commonest.
    fn rank(&self, rng: &mut ChaCha8Rng) -> usize {
        self.zipf.sample(rng)
    }
}

fn allowed(word: &str) -> bool {
    !ASKING.iter().any(|a| word.contains(a)) && !LEFT_OUT.contains(&word)
}

/// Pronounceable invented words ("bralen", "tosker"), from a fixed stream: mostly two
/// syllables, about as long as the sample corpus's own words.
fn synthetic_words(n: usize, seen: &mut HashSet<String>) -> Vec<String> {
    const ONSETS: [&str; 30] = [
        "", "b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "l", "m", "n", "p",
        "pr", "r", "s", "sh", "st", "t", "th", "tr", "v", "w", "y", "z", "l",
    ];
    const VOWELS: [&str; 8] = ["a", "e", "i", "o", "u", "a", "e", "ou"];
    const CODAS: [&str; 12] = ["", "", "", "", "n", "r", "l", "s", "t", "m", "nd", "st"];
    let mut rng = ChaCha8Rng::seed_from_u64(0x5c7u64);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let syllables = [1, 2, 2, 2, 3][rng.random_range(0..5)];
        let mut w = String::new();
        for _ in 0..syllables {
            w.push_str(ONSETS[rng.random_range(0..ONSETS.len())]);
            w.push_str(VOWELS[rng.random_range(0..VOWELS.len())]);
            w.push_str(CODAS[rng.random_range(0..CODAS.len())]);
        }
        if w.len() >= 3 && allowed(&w) && seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Councils and committees: a fixed, invented world.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CouncilKind {
    Principal,
    Welsh,
    Parish,
}

struct Council {
    name: String,
    slug: String,
    committees: Vec<(String, String)>,
}

struct World {
    principal: Vec<Council>,
    welsh: Vec<Council>,
    parish: Vec<Council>,
    /// Bigger councils publish more: councils of a kind are drawn by Zipf (exponent 0.8).
    principal_zipf: Zipf<f64>,
    welsh_zipf: Zipf<f64>,
    parish_zipf: Zipf<f64>,
}

const PRINCIPAL_COMMITTEES: [&str; 14] = [
    "Children and Young People Scrutiny Committee",
    "Adults and Health Scrutiny Committee",
    "Housing and Communities Scrutiny Committee",
    "Overview and Scrutiny Management Board",
    "Police and Crime Panel",
    "Corporate Scrutiny Committee",
    "Highways and Transport Scrutiny Committee",
    "Environment Scrutiny Committee",
    "Learning and Skills Scrutiny Committee",
    "Full Council",
    "Cabinet",
    "Audit and Governance Committee",
    "Health and Wellbeing Board",
    "Economy and Regeneration Scrutiny Committee",
];
const WELSH_COMMITTEES: [&str; 3] = [
    "Full Council",
    "Finance and General Purposes Committee",
    "Community Committee",
];
const PARISH_COMMITTEES: [&str; 3] = [
    "Full Council",
    "Planning Committee",
    "Open Spaces Committee",
];

fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

impl World {
    fn new() -> World {
        let mut rng = ChaCha8Rng::seed_from_u64(0xc0c1);
        let mut names: HashSet<String> = HashSet::new();
        let mut invent = |rng: &mut ChaCha8Rng, stems: &[&str], ends: &[&str], kinds: &[&str]| loop {
            let name = format!(
                "{}{} {}",
                stems[rng.random_range(0..stems.len())],
                ends[rng.random_range(0..ends.len())],
                kinds[rng.random_range(0..kinds.len())]
            );
            if names.insert(name.clone()) {
                return name;
            }
        };
        let english_stems = [
            "Ash", "Bram", "Calder", "Dun", "Elm", "Fen", "Gore", "Hart", "Ivel", "Kings", "Lang",
            "Mor", "Nor", "Oak", "Pen", "Rad", "Sel", "Thorn", "Wey", "Yar", "Brack", "Hol",
        ];
        let english_ends = [
            "bury", "ford", "ley", "mere", "stow", "wick", "field", "ham", "ton", "dale",
        ];
        let mut principal_names: Vec<String> = [
            "Marlbury County Council",
            "Dunmere City Council",
            "Eastfold Borough Council",
            "Kestrel Vale District Council",
            "Northwick Metropolitan Borough Council",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..43 {
            let name = invent(
                &mut rng,
                &english_stems,
                &english_ends,
                &[
                    "County Council",
                    "Borough Council",
                    "District Council",
                    "City Council",
                    "Metropolitan Borough Council",
                    "Council",
                ],
            );
            principal_names.push(name);
        }
        let welsh_stems = [
            "Bryn", "Llan", "Aber", "Cwm", "Pont", "Tre", "Maes", "Glyn", "Nant", "Rhos",
        ];
        let welsh_ends = ["glas", "dewi", "teg", "afon", "coed", "mawr", "hir", "gwyn"];
        let mut welsh_names = vec!["Glanmor County Borough Council".to_string()];
        for _ in 0..11 {
            welsh_names.push(invent(
                &mut rng,
                &welsh_stems,
                &welsh_ends,
                &["Community Council"],
            ));
        }
        let parish_names: Vec<String> = (0..24)
            .map(|_| invent(&mut rng, &english_stems, &english_ends, &["Parish Council"]))
            .collect();
        let councils = |names: Vec<String>, committees: &[&str], rng: &mut ChaCha8Rng| {
            names
                .into_iter()
                .map(|name| {
                    // Each council has its own few committees.
                    let mut own: Vec<&str> = committees.to_vec();
                    let keep = rng.random_range(own.len().min(3)..=own.len().min(6));
                    for i in 0..keep {
                        let j = rng.random_range(i..own.len());
                        own.swap(i, j);
                    }
                    own.truncate(keep);
                    Council {
                        slug: slug(&name),
                        name,
                        committees: own.iter().map(|c| (c.to_string(), slug(c))).collect(),
                    }
                })
                .collect::<Vec<_>>()
        };
        let principal = councils(principal_names, &PRINCIPAL_COMMITTEES, &mut rng);
        let welsh = councils(welsh_names, &WELSH_COMMITTEES, &mut rng);
        let parish = councils(parish_names, &PARISH_COMMITTEES, &mut rng);
        World {
            principal_zipf: Zipf::new(principal.len() as f64, 0.8).unwrap(),
            welsh_zipf: Zipf::new(welsh.len() as f64, 0.8).unwrap(),
            parish_zipf: Zipf::new(parish.len() as f64, 0.8).unwrap(),
            principal,
            welsh,
            parish,
        }
    }

    fn pick(&self, kind: CouncilKind, rng: &mut ChaCha8Rng) -> (&Council, &(String, String)) {
        let (councils, zipf) = match kind {
            CouncilKind::Principal => (&self.principal, &self.principal_zipf),
            CouncilKind::Welsh => (&self.welsh, &self.welsh_zipf),
            CouncilKind::Parish => (&self.parish, &self.parish_zipf),
        };
        let council = &councils[zipf.sample(rng) as usize - 1];
        let committee = &council.committees[rng.random_range(0..council.committees.len())];
        (council, committee)
    }
}

// ---------------------------------------------------------------------------------------------
// People, titles and dates.

const FIRST_NAMES: [&str; 48] = [
    "Alison", "Amir", "Bethan", "Bronwen", "Carl", "Chloe", "Daniel", "Deborah", "Dev", "Eleanor",
    "Farah", "Frank", "Gareth", "Grace", "Hamid", "Helen", "Ian", "Imogen", "Jack", "Janet",
    "Kamal", "Karen", "Lewis", "Lorna", "Malcolm", "Maya", "Neil", "Nia", "Owen", "Patricia",
    "Pradeep", "Rachel", "Rhys", "Ruth", "Sam", "Shirin", "Simon", "Sunita", "Tariq", "Tess",
    "Tom", "Una", "Victor", "Wendy", "Yusuf", "Zara", "Elin", "Marcus",
];
const SURNAMES: [&str; 56] = [
    "Abbott",
    "Achebe",
    "Ainsworth",
    "Barlow",
    "Bhatt",
    "Bowen",
    "Carrick",
    "Chowdhury",
    "Cole",
    "Dawes",
    "Dobson",
    "Edwards",
    "Evans",
    "Fairley",
    "Gill",
    "Goddard",
    "Hale",
    "Harper",
    "Hussain",
    "Ingram",
    "Jenkins",
    "Kaur",
    "Kemp",
    "Lister",
    "Lowe",
    "Lloyd",
    "Mahmood",
    "Marsh",
    "Mellor",
    "Nash",
    "Nolan",
    "Okafor",
    "Owusu",
    "Parry",
    "Pickering",
    "Quayle",
    "Rahman",
    "Reed",
    "Rowe",
    "Shah",
    "Sykes",
    "Thorne",
    "Tully",
    "Underwood",
    "Vaughan",
    "Walsh",
    "Webb",
    "Whitlock",
    "Yates",
    "Young",
    "Pugh",
    "Morgan",
    "Rees",
    "Khan",
    "Doyle",
    "Ferris",
];
const SERVICES: [&str; 20] = [
    "Highways",
    "Waste and Recycling",
    "Libraries",
    "Leisure Centres",
    "Adult Social Care",
    "Children's Services",
    "Planning",
    "Housing Allocations",
    "Parks and Open Spaces",
    "Public Health",
    "Community Safety",
    "Economic Development",
    "Council Tax Collection",
    "Transport",
    "Schools Capital Programme",
    "Environmental Health",
    "Licensing",
    "Customer Services",
    "Street Lighting",
    "Museums and Archives",
];
const REPORTS: [&str; 12] = [
    "Annual Report",
    "Performance Update",
    "Budget Monitoring",
    "Service Review",
    "Consultation Response",
    "Service Plan",
    "Inspection Findings",
    "Improvement Plan",
    "Draft Strategy",
    "Contract Review",
    "Progress Report",
    "Commissioning Intentions",
];
const ROLES: [&str; 12] = [
    "Leader of the Council",
    "Cabinet Member for {}",
    "Director of {}",
    "Head of {}",
    "Chief Executive",
    "Section 151 Officer",
    "Monitoring Officer",
    "Director of Public Health",
    "Service Manager for {}",
    "Chief Constable",
    "Police and Crime Commissioner",
    "Assistant Director for {}",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WELSH_MONTHS: [&str; 12] = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
/// A few Welsh words for questions put in Welsh.
const WELSH_WORDS: [&str; 24] = [
    "y",
    "gwaith",
    "ffordd",
    "ysgol",
    "cyngor",
    "cymuned",
    "pryd",
    "bydd",
    "yn",
    "dechrau",
    "ar",
    "gyfer",
    "plant",
    "parc",
    "neuadd",
    "arian",
    "grant",
    "llwybr",
    "pont",
    "afon",
    "maes",
    "chwarae",
    "diogelwch",
    "cynllun",
];

#[derive(Clone, Copy)]
struct Day {
    year: u32,
    month: u32,
    day: u32,
}

impl Day {
    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// "Tuesday 14 March 2023".
    fn long(self) -> String {
        format!(
            "{} {} {} {}",
            WEEKDAYS[self.weekday()],
            self.day,
            MONTHS[self.month as usize - 1],
            self.year
        )
    }

    /// Sakamoto's method: 0 is Sunday.
    fn weekday(self) -> usize {
        const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if self.month < 3 {
            self.year - 1
        } else {
            self.year
        };
        ((y + y / 4 - y / 100 + y / 400 + T[self.month as usize - 1] + self.day) % 7) as usize
    }
}

// ---------------------------------------------------------------------------------------------
// The generator.

/// Generates documents and corpora. Build it once (it reads the sample corpus's words) and
/// draw as many documents as needed.
pub struct Generator {
    seed: u64,
    mix: Mix,
    vocab: &'static Vocabulary,
    world: World,
}

impl Generator {
    /// A generator over the words of this repository's `sample-corpus/`.
    pub fn new(seed: u64, mix: Mix) -> Generator {
        // Built once per process: generators for several seeds share it.
        static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
        let vocab = VOCABULARY.get_or_init(|| {
            Vocabulary::new(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus"))
        });
        Generator {
            seed,
            mix,
            vocab,
            world: World::new(),
        }
    }

    pub fn vocabulary_size(&self) -> usize {
        self.vocab.words.len()
    }

    /// Document `index` (from 0): always the same for the same seed, mix and index.
    pub fn document(&self, index: u64) -> Document {
        self.document_in(index, self.mix)
    }

    /// Document `index` of another mix, drawn from the same stream.
    pub fn document_in(&self, index: u64, mix: Mix) -> Document {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(index);
        let convention = match mix {
            Mix::Only(c) => c,
            Mix::Realistic => {
                let total: u32 = Convention::ALL.iter().map(|c| c.weight()).sum();
                let mut draw = rng.random_range(0..total);
                *Convention::ALL
                    .iter()
                    .find(|c| {
                        if draw < c.weight() {
                            return true;
                        }
                        draw -= c.weight();
                        false
                    })
                    .unwrap()
            }
        };
        Writer::new(self, rng, index, convention).document()
    }

    /// Documents 0, 1, 2, ... without end.
    pub fn documents(&self) -> impl Iterator<Item = Document> + '_ {
        (0..).map(move |i| self.document(i))
    }

    /// Bytes per exchange in this mix, from its first documents: how big a corpus to ask for to
    /// get a number of exchanges.
    pub fn bytes_per_exchange(&self) -> f64 {
        let (bytes, exchanges) = self
            .documents()
            .take(2000)
            .fold((0usize, 0usize), |(b, e), d| {
                (b + d.text.len(), e + d.exchanges)
            });
        bytes as f64 / exchanges.max(1) as f64
    }

    /// Writes documents into `out` (which must be empty or absent) until they hold at least
    /// `size` bytes, then the manifest ([`MANIFEST`]) with the counts, which are returned.
    /// Documents are made and written in parallel, a batch at a time.
    pub fn write(&self, out: &Path, size: u64) -> io::Result<Counts> {
        if std::fs::read_dir(out).is_ok_and(|mut d| d.next().is_some()) {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} is not empty", out.display()),
            ));
        }
        std::fs::create_dir_all(out)?;
        let batch = 64 * rayon::current_num_threads() as u64;
        let mut counts = Counts::new(self.seed);
        let mut folders: HashSet<std::path::PathBuf> = HashSet::new();
        let mut next = 0u64;
        while counts.bytes < size {
            let mut docs: Vec<Document> = (next..next + batch)
                .into_par_iter()
                .map(|i| self.document(i))
                .collect();
            next += batch;
            // Keep documents, in order, only until the size is reached.
            let mut keep = 0;
            for doc in &docs {
                if counts.bytes >= size {
                    break;
                }
                counts.add(doc);
                keep += 1;
            }
            docs.truncate(keep);
            // Each folder is made once, not checked for every file.
            for doc in &docs {
                let folder = Path::new(&doc.path).parent().unwrap();
                if !folders.contains(folder) {
                    std::fs::create_dir_all(out.join(folder))?;
                    folders.insert(folder.to_path_buf());
                }
            }
            docs.par_iter()
                .try_for_each(|doc| std::fs::write(out.join(&doc.path), &doc.text))?;
        }
        let manifest = serde_json::to_string_pretty(&counts).map_err(io::Error::other)?;
        std::fs::write(out.join(MANIFEST), manifest + "\n")?;
        Ok(counts)
    }
}

/// Writes one document.
struct Writer<'g> {
    g: &'g Generator,
    rng: ChaCha8Rng,
    index: u64,
    convention: Convention,
    text: String,
    exchanges: usize,
    supplementary: usize,
    discussions: usize,
    themes: [u32; THEMES.len()],
    /// Members of the committee: the people who ask.
    members: Vec<String>,
}

/// How an exchange's question and response are put.
struct Exchange {
    question: String,
    response: String,
    asker: String,
    responder: String,
}

impl<'g> Writer<'g> {
    fn new(g: &'g Generator, rng: ChaCha8Rng, index: u64, convention: Convention) -> Self {
        Writer {
            g,
            rng,
            index,
            convention,
            text: String::with_capacity(24 * 1024),
            exchanges: 0,
            supplementary: 0,
            discussions: 0,
            themes: [0; THEMES.len()],
            members: Vec::new(),
        }
    }

    fn document(mut self) -> Document {
        let (council, committee) = self
            .g
            .world
            .pick(self.convention.council_kind(), &mut self.rng);
        let day = self.day();
        self.members = (0..self.rng.random_range(5..=9))
            .map(|_| self.person())
            .collect();
        let name = match self.convention {
            Convention::ModernGovItem => {
                let title = self.title();
                self.moderngov_item(&title);
                format!("item-{}", slug(&title))
            }
            Convention::Labelled
            | Convention::QaLines
            | Convention::ReportedSpeech
            | Convention::InResponseTo
            | Convention::Statements => {
                self.minutes(&council.name, &committee.0, day);
                "committee".to_string()
            }
            Convention::Welsh => {
                self.welsh(&council.name, day);
                "cofnodion-minutes".to_string()
            }
            Convention::Markdown => {
                self.markdown(&council.name, &committee.0, day);
                "committee".to_string()
            }
            Convention::ParishMarkdown | Convention::MarkdownTable => {
                self.parish(&council.name, day);
                "parish-council".to_string()
            }
        };
        Document {
            path: format!(
                "{}/{}/{}-{}-{}.{}",
                council.slug,
                committee.1,
                day.iso(),
                name,
                self.index,
                self.convention.extension()
            ),
            text: self.text,
            convention: self.convention,
            exchanges: self.exchanges,
            supplementary: self.supplementary,
            discussions: self.discussions,
            themes: self.themes,
        }
    }

    // -- small pieces ---------------------------------------------------------------------------

    fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
        options[self.rng.random_range(0..options.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    /// Archives grow: a year's weight rises with it, 2005 lightest, 2026 heaviest.
    fn day(&mut self) -> Day {
        let years = 2005..=2026u32;
        let total: u32 = years.clone().map(|y| y - 2004).sum();
        let mut draw = self.rng.random_range(0..total);
        let year = years
            .into_iter()
            .find(|y| {
                if draw < y - 2004 {
                    return true;
                }
                draw -= y - 2004;
                false
            })
            .unwrap();
        Day {
            year,
            month: self.rng.random_range(1..=12),
            day: self.rng.random_range(1..=28),
        }
    }

    fn person(&mut self) -> String {
        format!("{} {}", self.pick(&FIRST_NAMES), self.pick(&SURNAMES))
    }

    fn member(&mut self) -> String {
        let i = self.rng.random_range(0..self.members.len());
        self.members[i].clone()
    }

    /// "the Director of Highways", "the Leader of the Council".
    fn role(&mut self) -> String {
        let role = self.pick(&ROLES);
        let service = self.pick(&SERVICES);
        format!("the {}", role.replace("{}", service))
    }

    fn title(&mut self) -> String {
        let service = self.pick(&SERVICES);
        let report = self.pick(&REPORTS);
        match self.rng.random_range(0..3) {
            0 => format!("{service} {report}"),
            1 => {
                let y = self.rng.random_range(2005..2026);
                format!("{service} {report} {y}-{:02}", (y + 1) % 100)
            }
            _ => format!("{report}: {service}"),
        }
    }

    /// Which themes an exchange (or a paragraph) holds: each independently, at its rate.
    fn draw_themes(&mut self) -> Vec<usize> {
        (0..THEMES.len())
            .filter(|&k| self.rng.random_bool(theme_rate(k)))
            .collect()
    }

    /// A number as minutes write them.
    fn number(&mut self, out: &mut String) {
        let n = self.rng.random_range(2..1000);
        match self.rng.random_range(0..6) {
            0 => out.push_str(&n.to_string()),
            1 => out.push_str(&format!("{n},{:03}", self.rng.random_range(0..1000))),
            2 => out.push_str(&format!("£{n},000")),
            3 => out.push_str(&format!("£{}.{} million", n % 40, n % 10)),
            4 => out.push_str(&format!("{} per cent", n % 100)),
            _ => {
                let y = self.rng.random_range(2005..2026);
                out.push_str(&format!("{y}/{:02}", (y + 1) % 100));
            }
        }
    }

    /// `n` words drawn by Zipf, with the themes' phrases spliced in at random places; commas now
    /// and then when `commas`. Starts without a space, ends without punctuation.
    fn words(&mut self, n: usize, themes: &[usize], commas: bool, out: &mut String) {
        let at: Vec<usize> = themes
            .iter()
            .map(|_| self.rng.random_range(0..=n))
            .collect();
        let mut previous: Option<usize> = None;
        for i in 0..=n {
            for (&t, _) in themes.iter().zip(&at).filter(|(_, a)| **a == i) {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push_str(THEMES[t]);
                previous = None;
            }
            if i == n {
                break;
            }
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            if self.rng.random_bool(0.02) {
                self.number(out);
                previous = None;
            } else {
                let followers = previous.map_or(&[][..], |p| &self.g.vocab.followers[p][..]);
                let rank = if !followers.is_empty() && self.rng.random_bool(FOLLOW) {
                    followers[self.rng.random_range(0..followers.len())] as usize
                } else {
                    self.g.vocab.rank(&mut self.rng)
                };
                out.push_str(&self.g.vocab.words[rank]);
                previous = Some(rank);
            }
            if commas && i + 1 < n && self.rng.random_bool(0.05) {
                out.push(',');
            }
        }
    }

    /// A capitalised word that may open a line.
    fn opener(&mut self, out: &mut String) {
        let word = loop {
            let rank = self.g.vocab.rank(&mut self.rng);
            if self.g.vocab.opener[rank] {
                break &self.g.vocab.words[rank];
            }
        };
        let mut chars = word.chars();
        let first = chars.next().unwrap();
        out.push(first.to_ascii_uppercase());
        out.push_str(chars.as_str());
    }

    /// A sentence of random words ending in a full stop.
    fn sentence(&mut self, themes: &[usize], out: &mut String) {
        if !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        self.opener(out);
        out.push(' ');
        let n = self.rng.random_range(7..22);
        self.words(n, themes, true, out);
        out.push('.');
    }

    /// A paragraph of discussion: sentences, with themes at their rates.
    fn paragraph(&mut self) -> String {
        let mut p = String::new();
        let themes = self.draw_themes();
        let sentences = self.rng.random_range(2..5);
        for s in 0..sentences {
            let here: Vec<usize> = if s == 0 { themes.clone() } else { Vec::new() };
            self.sentence(&here, &mut p);
        }
        p
    }

    /// A question as put: "How ... ?".
    fn question(&mut self, themes: &[usize]) -> String {
        const OPENERS: [&str; 16] = [
            "How", "What", "When", "Was", "Had", "Could", "Would", "Were", "Is", "Did", "Will",
            "Can", "Has", "Are", "Does", "Which",
        ];
        let mut q = self.pick(&OPENERS).to_string();
        q.push(' ');
        let n = self.rng.random_range(8..26);
        self.words(n, themes, true, &mut q);
        q.push('?');
        q
    }

    /// A response: one to four sentences.
    fn response(&mut self, themes: &[usize]) -> String {
        let mut r = String::new();
        let sentences = self.rng.random_range(1..5);
        for s in 0..sentences {
            let here: Vec<usize> = if s == 0 { themes.to_vec() } else { Vec::new() };
            self.sentence(&here, &mut r);
        }
        r
    }

    /// A clause for reported speech: "the ... " with no full stop and no comma.
    fn clause(&mut self, themes: &[usize]) -> String {
        let mut c = String::from("the ");
        let n = self.rng.random_range(6..18);
        self.words(n, themes, false, &mut c);
        c
    }

    /// Counts an exchange and splits its themes between question (three in four) and response.
    fn exchange_themes(&mut self, supplementary: bool) -> (Vec<usize>, Vec<usize>) {
        self.exchanges += 1;
        if supplementary {
            self.supplementary += 1;
        }
        let themes = self.draw_themes();
        let mut in_question = Vec::new();
        let mut in_response = Vec::new();
        for t in themes {
            self.themes[t] += 1;
            if self.rng.random_bool(0.75) {
                in_question.push(t);
            } else {
                in_response.push(t);
            }
        }
        (in_question, in_response)
    }

    /// A labelled exchange's parts.
    fn exchange(&mut self, supplementary: bool) -> Exchange {
        let (tq, tr) = self.exchange_themes(supplementary);
        Exchange {
            question: self.question(&tq),
            response: self.response(&tr),
            asker: self.member(),
            responder: self.role(),
        }
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Paragraphs of discussion ended by a resolution: an item with no question.
    fn discussion_item_body(&mut self) {
        self.discussions += 1;
        let role = self.role();
        self.text
            .push_str(&format!("{} presented the report.", capitalise(&role)));
        let first = self.paragraph();
        self.push(" ");
        self.push(&first);
        self.push("\n\n");
        for _ in 0..self.rng.random_range(0..3) {
            let p = self.paragraph();
            self.push(&p);
            self.push("\n\n");
        }
        match self.rng.random_range(0..4) {
            0 => self.push(&format!(
                "Members asked questions which were answered by {role}.\n\n"
            )),
            1 => self.push("No questions had been received from members of the public.\n\n"),
            _ => {}
        }
        self.push("RESOLVED: That the report be noted.\n\n");
    }

    // -- layouts --------------------------------------------------------------------------------

    /// The seed's layout: one agenda item per file.
    fn moderngov_item(&mut self, title: &str) {
        const NBSP: &str = "\u{a0}\n\n";
        self.push("Agenda item\n\n");
        self.push(title);
        self.push("\n\n");
        self.push("To ");
        let mut purpose = String::new();
        let n = self.rng.random_range(10..25);
        self.words(n, &[], false, &mut purpose);
        self.push(&purpose);
        self.push("\n\n");
        self.push(NBSP);
        self.push("Minutes:\n\n");
        let intro = self.paragraph();
        let role = self.role();
        self.push(&format!(
            "{} provided a brief overview of the report. {intro}\n\n",
            capitalise(&role)
        ));
        self.push(NBSP);
        // The seed numbers every pair "1." (a flattened HTML list); some pages count up.
        let count_up = self.chance(0.3);
        let pairs = self.rng.random_range(4..17);
        for i in 1..=pairs {
            let supplementary = i > 1 && self.chance(0.08);
            let e = self.exchange(supplementary);
            let number = if count_up { i } else { 1 };
            let label = if supplementary {
                "Supplementary question"
            } else {
                "Question"
            };
            self.push(&format!(
                "  {number}. {label}: {}\n    Response: {}\n\n",
                e.question, e.response
            ));
            self.push(NBSP);
        }
        self.push(
            "At the conclusion of the debate the committee agreed the following recommendations. That:\n\n",
        );
        for i in 1..=self.rng.random_range(1..4) {
            let mut r = String::new();
            self.sentence(&[], &mut r);
            self.push(&format!("  {i}. {r}\n\n"));
        }
        self.push("Supporting documents:\n");
    }

    /// Full minutes: a header, the opening business, then the items in this document's style.
    fn minutes(&mut self, council: &str, committee: &str, day: Day) {
        let time = self.pick(&["10.00 am", "2.00 pm", "6.00 pm", "6.30 pm", "7.00 pm"]);
        let place = self.pick(&[
            "the Council Chamber",
            "Committee Room 1",
            "Committee Room 2",
            "the Guildhall",
        ]);
        self.push(&format!(
            "{}\n\n{}\n\nMinutes of the meeting held on {} at {time} in {place}\n\n",
            council.to_uppercase(),
            committee.to_uppercase(),
            day.long()
        ));
        let chair = self.members[0].clone();
        let others = self.members[1..].join(", ");
        self.push(&format!(
            "Present: Councillor {chair} (Chair); Councillors {others}\n\n"
        ));
        let r1 = self.role();
        let r2 = self.role();
        let (p1, p2) = (self.person(), self.person());
        self.push(&format!(
            "In attendance: {p1} ({}), {p2} ({})\n\n",
            capitalise(&r1),
            capitalise(&r2)
        ));
        self.discussions += 1; // the header: council, committee, date and attendance
        let mut number = self.rng.random_range(1..60);
        let absent = self.member();
        self.push(&format!(
            "{number}. APOLOGIES FOR ABSENCE\n\nApologies for absence were received from Councillor {absent}.\n\n"
        ));
        number += 1;
        self.push(&format!(
            "{number}. DECLARATIONS OF INTEREST\n\nThere were no declarations of interest.\n\n"
        ));
        number += 1;
        self.push(&format!(
            "{number}. MINUTES\n\nRESOLVED: That the minutes of the previous meeting be approved as a correct record.\n\n"
        ));
        self.discussions += 3;
        for _ in 0..self.rng.random_range(3..9) {
            number += 1;
            let title = self.title().to_uppercase();
            self.push(&format!("{number}. {title}\n\n"));
            if self.convention == Convention::Statements || self.chance(0.2) {
                self.discussion_item_body();
                continue;
            }
            match self.convention {
                Convention::Labelled => self.labelled_item(),
                Convention::QaLines => self.qa_item(),
                Convention::ReportedSpeech => self.reported_item(number),
                Convention::InResponseTo => self.in_response_item(),
                _ => unreachable!("not a minutes layout"),
            }
        }
        self.push("The meeting closed at 8.15 pm.\n");
    }

    fn intro(&mut self) {
        let role = self.role();
        let p = self.paragraph();
        self.push(&format!(
            "{} introduced the report. {p}\n\n",
            capitalise(&role)
        ));
    }

    fn labelled_item(&mut self) {
        self.intro();
        // Some items take questions put in advance under a heading, as full councils do.
        if self.chance(0.2) {
            for i in 1..=self.rng.random_range(1..4) {
                let e = self.exchange(false);
                self.push(&format!(
                    "Question {i} - submitted by Councillor {}\n\n{}\n\nAnswer from {}\n\n{}\n\n",
                    e.asker,
                    e.question,
                    capitalise(&e.responder),
                    e.response
                ));
            }
        } else {
            for i in 0..self.rng.random_range(1..8) {
                let supplementary = i > 0 && self.chance(0.1);
                let e = self.exchange(supplementary);
                let label = if supplementary {
                    "Supplementary question".to_string()
                } else if self.chance(0.2) {
                    format!("Question from Councillor {}", e.asker)
                } else {
                    "Question".to_string()
                };
                let answer = self.pick(&["Response", "Response", "Answer", "Reply"]);
                self.push(&format!(
                    "{label}: {}\n{answer}: {}\n\n",
                    e.question, e.response
                ));
            }
        }
        self.push("RESOLVED: That the report be noted.\n\n");
    }

    fn qa_item(&mut self) {
        self.intro();
        let (q, a) = if self.chance(0.5) {
            ("Q.", "A.")
        } else {
            ("Q:", "A:")
        };
        for _ in 0..self.rng.random_range(1..8) {
            let e = self.exchange(false);
            self.push(&format!("{q} {}\n{a} {}\n\n", e.question, e.response));
        }
        self.push("RESOLVED: That the report be noted.\n\n");
    }

    /// Reported speech, in numbered paragraphs ("4.2") or not.
    fn reported_item(&mut self, item: u32) {
        let numbered = self.chance(0.5);
        let mut paragraph = 1;
        let mut number = |text: &mut String| {
            if numbered {
                text.push_str(&format!("{item}.{paragraph} "));
                paragraph += 1;
            }
        };
        let role = self.role();
        let p = self.paragraph();
        number(&mut self.text);
        self.push(&format!(
            "{} presented the report. {p}\n\n",
            capitalise(&role)
        ));
        for i in 0..self.rng.random_range(1..6) {
            let supplementary = i > 0 && self.chance(0.1);
            let (tq, tr) = self.exchange_themes(supplementary);
            let asker = self.member();
            let responder = capitalise(&self.role());
            let clause = self.clause(&tq);
            let question = if supplementary {
                format!("Councillor {asker} then asked a supplementary question about whether {clause}.")
            } else {
                match self.rng.random_range(0..5) {
                    0 => format!("Councillor {asker} asked whether {clause}."),
                    1 => format!("Councillor {asker} asked if {clause}."),
                    2 => format!("A member asked what {clause} would mean for residents."),
                    3 => format!("Clarification was sought on {clause}."),
                    // A short title: a longer one ("the Cabinet Member for ...") reads as a
                    // request ("asked the ... for").
                    _ => format!(
                        "Councillor {asker} asked the {} about {clause}.",
                        self.pick(&["Leader", "Chief Executive", "Director", "Cabinet Member"])
                    ),
                }
            };
            let verb = self.pick(&[
                "replied",
                "explained",
                "confirmed",
                "advised",
                "responded",
                "said",
            ]);
            let answer_clause = self.clause(&tr);
            let mut more = String::new();
            for _ in 0..self.rng.random_range(0..3) {
                self.sentence(&[], &mut more);
            }
            let answer = format!("{responder} {verb} that {answer_clause}. {more}");
            number(&mut self.text);
            if self.chance(0.5) {
                // Question and answer in one paragraph.
                self.push(&format!("{question} {}\n\n", answer.trim_end()));
            } else {
                self.push(&format!("{question}\n\n"));
                number(&mut self.text);
                self.push(&format!("{}\n\n", answer.trim_end()));
            }
        }
        self.push("RESOLVED: That the report be noted.\n\n");
    }

    fn in_response_item(&mut self) {
        self.intro();
        for _ in 0..self.rng.random_range(1..6) {
            let (tq, tr) = self.exchange_themes(false);
            let asker = self.member();
            let responder = self.role();
            // The extractor reads at most 200 characters of topic before the comma.
            let topic = loop {
                let topic = self.clause(&tq);
                if topic.len() <= 160 {
                    break topic;
                }
            };
            let answer = self.clause(&tr);
            let verb = self.pick(&["confirmed", "explained", "advised", "said", "stated"]);
            let opening = match self.rng.random_range(0..4) {
                0 => format!("In response to a question from Councillor {asker} about {topic}"),
                1 => format!("In response to a question about {topic}"),
                2 => format!("Responding to a question from Councillor {asker} regarding {topic}"),
                _ => format!("In answer to a question from Councillor {asker} on {topic}"),
            };
            let mut more = String::new();
            for _ in 0..self.rng.random_range(0..3) {
                self.sentence(&[], &mut more);
            }
            self.push(&format!(
                "{opening}, {responder} {verb} that {answer}. {}",
                more.trim_start()
            ));
            let end = self.text.trim_end().len();
            self.text.truncate(end);
            self.push("\n\n");
        }
        self.push("RESOLVED: That the report be noted.\n\n");
    }

    /// Bilingual minutes of a Welsh community council.
    fn welsh(&mut self, council: &str, day: Day) {
        let place = council.split(' ').next().unwrap_or(council).to_string();
        let welsh_date = format!(
            "{} {} {}",
            day.day,
            WELSH_MONTHS[day.month as usize - 1],
            day.year
        );
        self.push(&format!(
            "CYNGOR CYMUNED {}\n{}\n\nCofnodion y cyfarfod a gynhaliwyd ar {welsh_date}\nMinutes of the meeting held on {} at 7.00 pm in Neuadd {place} ({place} Hall)\n\n",
            place.to_uppercase(),
            council.to_uppercase(),
            day.long()
        ));
        let present = self
            .members
            .iter()
            .map(|m| format!("Cyng. {m}"))
            .collect::<Vec<_>>()
            .join(", ");
        self.push(&format!("Yn bresennol / Present: {present}\n\n"));
        self.discussions += 1;
        let absent = self.member();
        self.push(&format!(
            "1. YMDDIHEURIADAU / APOLOGIES\n\nYmddiheuriadau gan / Apologies from Cyng. {absent}.\n\n"
        ));
        self.discussions += 1;
        let items = [
            "ADRODDIAD YR HEDDLU / POLICE REPORT",
            "MATERION Y CYNGOR SIR / COUNTY COUNCIL MATTERS",
            "FFORWM CYHOEDDUS / PUBLIC FORUM",
            "PRIFFYRDD / HIGHWAYS",
            "CYNLLUNIO / PLANNING",
        ];
        let mut number = 1;
        for title in items {
            if self.chance(0.3) {
                continue;
            }
            number += 1;
            self.push(&format!("{number}. {title}\n\n"));
            if self.chance(0.2) {
                self.discussion_item_body();
                continue;
            }
            let p = self.paragraph();
            self.push(&format!("{p}\n\n"));
            for i in 0..self.rng.random_range(1..5) {
                let supplementary = i > 0 && self.chance(0.15);
                let (tq, tr) = self.exchange_themes(supplementary);
                let (question, response) = if self.chance(0.2) {
                    // Put in Welsh, the themes then in the (English) response.
                    let n = self.rng.random_range(6..14);
                    let words: Vec<&str> = (0..n).map(|_| self.pick(&WELSH_WORDS)).collect();
                    let question = format!("{}?", capitalise(&words.join(" ")));
                    (question, self.response(&[tq, tr].concat()))
                } else {
                    (self.question(&tq), self.response(&tr))
                };
                let e = Exchange {
                    question,
                    response,
                    asker: self.member(),
                    responder: self.role(),
                };
                let label = if supplementary {
                    "Cwestiwn atodol"
                } else {
                    "Cwestiwn"
                };
                if self.chance(0.7) {
                    self.push(&format!(
                        "{label} (Cyng. {}): {}\nYmateb ({}): {}\n\n",
                        e.asker,
                        e.question,
                        capitalise(&e.responder),
                        e.response
                    ));
                } else {
                    self.push(&format!(
                        "{label}: {}\nAteb: {}\n\n",
                        e.question, e.response
                    ));
                }
            }
        }
        self.push("Daeth y cyfarfod i ben am 8.35 yh. / The meeting closed at 8.35 pm.\n");
    }

    /// Markdown with front matter, as the sample corpus's own `.md` minutes.
    fn markdown(&mut self, council: &str, committee: &str, day: Day) {
        self.push(&format!(
            "---\ntitle: \"{committee}, {} {} {}\"\ndate: {}\n",
            day.day,
            MONTHS[day.month as usize - 1],
            day.year,
            day.iso()
        ));
        if self.chance(0.5) {
            self.push(&format!(
                "council: \"{council}\"\ncommittee: \"{committee}\"\n"
            ));
        }
        self.push("---\n\n");
        let chair = self.members[0].clone();
        let others = self.members[1..].join(", ");
        self.push(&format!(
            "# {committee}\n\nMinutes of the meeting held on {} at 10.00 am.\n\n**Present:** Councillor {chair} (Chair), Councillors {others}.\n\n",
            day.long()
        ));
        self.discussions += 1;
        let absent = self.member();
        self.push(&format!(
            "## 1. Apologies for absence\n\nApologies were received from Councillor {absent}.\n\n## 2. Declarations of interest\n\nThere were no declarations of interest.\n\n"
        ));
        self.discussions += 2;
        for number in 3..self.rng.random_range(5..9) {
            let title = self.title();
            self.push(&format!("## {number}. {title}\n\n"));
            if self.chance(0.2) {
                self.discussion_item_body();
                continue;
            }
            self.intro();
            for _ in 0..self.rng.random_range(1..6) {
                let e = self.exchange(false);
                self.push(&format!("**Question:** {}\n\n", e.question));
                if self.chance(0.4) {
                    self.push(&format!("(Councillor {})\n\n", e.asker));
                }
                let label = self.pick(&["Answer", "Response"]);
                self.push(&format!("**{label}:** {}\n\n", e.response));
            }
            self.push("RESOLVED: That the report be noted.\n\n");
        }
    }

    /// Parish minutes in Markdown, as in the parish archive: front matter with a title and a
    /// date, councillors known by initials, questions from the floor in prose or in a table.
    fn parish(&mut self, council: &str, day: Day) {
        self.push(&format!(
            "---\ntitle: \"{council}\"\ndate: \"{:04}-{:02}-01\"\ncategories:\n  - \"parish-councils\"\n---\n\n",
            day.year, day.month
        ));
        // Initials must be unique to resolve: keep the first member with each.
        let mut initials: Vec<(String, String)> = Vec::new();
        for m in self.members.clone() {
            let i: String = m.split(' ').filter_map(|w| w.chars().next()).collect();
            if !initials.iter().any(|(x, _)| *x == i) {
                initials.push((i, m));
            }
        }
        let present = initials
            .iter()
            .enumerate()
            .map(|(n, (i, m))| {
                if n == 0 {
                    format!("Cllr {m} ({i}, Chairman)")
                } else {
                    format!("Cllr {m} ({i})")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let public = self.rng.random_range(2..12);
        self.push(&format!(
            "Minutes of the meeting held on {} at 7.30 pm in the village hall.\n\nPresent: {present}\nIn attendance: the Clerk, {public} members of the public\n\n",
            day.long()
        ));
        self.discussions += 1;
        self.push("1. Apologies\n\nNone.\n\n2. Declarations of interest\n\nNone.\n\n");
        self.discussions += 2;
        self.push("3. Open forum\n\n");
        if self.convention == Convention::MarkdownTable {
            let asked_by = self.chance(0.5);
            self.push(if asked_by {
                "| Question | Asked by | Response |\n|---|---|---|\n"
            } else {
                "| Question | Response |\n|---|---|\n"
            });
            for _ in 0..self.rng.random_range(2..8) {
                let e = self.exchange(false);
                if asked_by {
                    let who = format!("Mr {}", self.pick(&SURNAMES));
                    self.push(&format!("| {} | {who} | {} |\n", e.question, e.response));
                } else {
                    self.push(&format!("| {} | {} |\n", e.question, e.response));
                }
            }
            self.push("\n");
        } else {
            for _ in 0..self.rng.random_range(1..8) {
                let (tq, tr) = self.exchange_themes(false);
                let clause = self.clause(&tq);
                let answer = self.clause(&tr);
                let (answerer, _) = initials[self.rng.random_range(0..initials.len())].clone();
                let opening = self.pick(&[
                    "A parishioner asked if",
                    "A parishioner asked whether",
                    "Another parishioner wanted to know when",
                ]);
                match self.rng.random_range(0..3) {
                    0 => self.push(&format!(
                        "{opening} {clause}. {answerer} responded that {answer}.\n\n"
                    )),
                    1 => self.push(&format!(
                        "{opening} {clause}; {answerer} responded that {answer}.\n\n"
                    )),
                    _ => self.push(&format!(
                        "{opening} {clause}. The Clerk replied that {answer}.\n\n"
                    )),
                }
            }
        }
        let (asker, _) = initials[self.rng.random_range(0..initials.len())].clone();
        self.push("4. Highways and footpaths\n\n");
        let p = self.paragraph();
        self.push(&format!("{p}\n\n"));
        if self.chance(0.6) {
            let (tq, tr) = self.exchange_themes(false);
            let clause = self.clause(&tq);
            let answer = self.clause(&tr);
            self.push(&format!(
                "{asker} asked whether {clause}; the Clerk responded that {answer}.\n\n"
            ));
        } else {
            self.discussions += 1;
        }
        self.push("5. Planning\n\n");
        let p = self.paragraph();
        self.push(&format!("{p}\n\n"));
        for _ in 0..self.rng.random_range(1..5) {
            let reference = format!(
                "{:02}/{:04}/{}",
                day.year % 100,
                self.rng.random_range(1..3000),
                self.pick(&["HOU", "FUL", "OUT", "LBC"])
            );
            let mut proposal = String::new();
            let n = self.rng.random_range(4..10);
            self.words(n, &[], false, &mut proposal);
            let view = self.pick(&["no objection", "objection", "support", "no comment"]);
            self.push(&format!("{reference}, {proposal}: {view}.\n"));
        }
        self.push("\n");
        self.discussions += 1;
        self.push("6. Correspondence and reports\n\n");
        for _ in 0..self.rng.random_range(1..4) {
            let p = self.paragraph();
            self.push(&format!("{p}\n\n"));
        }
        self.discussions += 1;
        self.push("7. Finance\n\nThe following payments were approved.\n\n| Payee | Amount |\n|---|---|\n");
        for _ in 0..self.rng.random_range(2..6) {
            let payee = self.pick(&[
                "Clerk's salary",
                "Grass cutting",
                "Village hall hire",
                "Street lighting energy",
                "Playground inspection",
            ]);
            let pounds = self.rng.random_range(20..900);
            let pence = self.rng.random_range(0..100);
            self.push(&format!("| {payee} | £{pounds}.{pence:02} |\n"));
        }
        self.push("\nRESOLVED: That the payments be approved.\n\n");
        self.discussions += 1;
        let next = (day.month % 12) + 1;
        self.push(&format!(
            "8. Date of next meeting\n\nThe next meeting will be held in {}.\n",
            MONTHS[next as usize - 1]
        ));
        self.discussions += 1;
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
