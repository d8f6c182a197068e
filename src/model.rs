//! The records scrutiny indexes: one question-and-response exchange, or one agenda item's
//! discussion where no exchange was found. Field names here are the JSON names users see.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A question and its response.
    Exchange,
    /// An agenda item (or a document without items) in which no exchange was found.
    Discussion,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Exchange => "exchange",
            Kind::Discussion => "discussion",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "exchange" => Some(Kind::Exchange),
            "discussion" => Some(Kind::Discussion),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A calendar date, printed and parsed as ISO `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

impl Date {
    /// A date from its parts, or `None` when they name no real day (or a year outside 1900-2100,
    /// which in minutes is always a misreading).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1900..=2100).contains(&year) {
            return None;
        }
        let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
        time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?)
            .ok()
            .map(Date)
    }

    /// The date as a briefing writes it: "11 February 2025".
    pub fn long(self) -> String {
        format!("{} {} {}", self.0.day(), self.0.month(), self.0.year())
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
        Date::from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        )
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {s}")))
    }
}

/// One indexed record. Exchanges fill `question`/`response`; discussions fill `text`.
/// The item's context (`purpose`, `context`, `resolutions`) is kept on every record of the item;
/// the index stores it once, on the item's first record (see `schema.rs`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Stable identifier: the same file and content give the same id on every run.
    pub id: String,
    pub kind: Kind,
    /// The agenda item the record belongs to: the same for every record of one item.
    pub item_id: String,
    /// The file, as its path was given under the indexed root.
    pub source: String,
    pub council: Option<String>,
    pub committee: Option<String>,
    /// Meeting date.
    pub date: Option<Date>,
    /// Agenda item title.
    pub item: Option<String>,
    /// The agenda item's number as printed ("4", "5.1"), when it has one.
    pub item_number: Option<String>,
    /// Position of the exchange within its item, 1-based, in document order.
    pub number: Option<u32>,
    /// The page the exchange (or discussion) starts on, for paged formats (PDF).
    pub page: Option<u32>,
    pub question: Option<String>,
    pub response: Option<String>,
    pub asker: Option<String>,
    pub responder: Option<String>,
    /// A supplementary question following up the exchange before it.
    pub supplementary: bool,
    /// A discussion record's text.
    pub text: Option<String>,
    /// The item's stated purpose (ModernGov "To provide the committee with ...").
    pub purpose: Option<String>,
    /// The lines that introduce the item's discussion, before its first exchange.
    pub context: Option<String>,
    /// The item's resolutions, recommendations and decisions.
    pub resolutions: Option<String>,
}
