//! Meeting dates from what a document says about itself, and from where it is filed.
//! Each finder returns `None` rather than a doubtful date: a wrong date misleads a user more
//! than a missing one.

use crate::model::Date;
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const WEEKDAY: &str =
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?";

/// "held on Tuesday 7th December 2017", "meeting held at County Hall on 7 December 2017",
/// "held on 07/12/2017".
static HELD_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:held|meeting)\b[^.\n]{{0,80}}?\b(?:on\s+)?{WEEKDAY}(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTHS})\.?,?\s+(?P<y>\d{{4}})|(?P<nd>\d{{1,2}})/(?P<nm>\d{{1,2}})/(?P<ny>\d{{4}}))\b"
    ))
    .unwrap()
});

/// A header line that is only a date: "Tuesday, 19 November 2025", "THURSDAY JULY 5TH 2012",
/// "Date: 7 December 2017", or ends in one: "Place Scrutiny Panel - Tuesday, 4th March, 2025
/// 6.30 pm" (ModernGov's meeting title).
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:date(?:\s+of\s+meeting)?\s*:?\s*|[^\n]{{3,120}}?\s[-–]\s+)?{WEEKDAY}(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{MONTHS})\.?,?\s+(?P<y>\d{{4}})|(?P<m2>{MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}}))\s*(?:(?:at\s|\d{{1,2}}[.:]\d{{2}}|\d{{1,2}}\s*[ap]\.?m).*)?$"
    ))
    .unwrap()
});

/// Words that show a "held on" date is about another meeting ("the minutes of the meeting held
/// on 10 January be approved").
static OTHER_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:previous|last|next|approved?|confirmed?|signed|correct record|true record|adjourned)\b").unwrap()
});

static PATH_YMD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^0-9])(\d{4})-(\d{2})-(\d{2})(?:[^0-9]|$)").unwrap());
static PATH_Y_SLASH_M: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|/)(\d{4})/(\d{1,2})(?:/|$)").unwrap());
static FILE_YM_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{2})[-_ .]").unwrap());

/// The longest line read as a date line (a meeting title, a weekday, a date and a time).
const DATE_LINE_MAX: usize = 240;

/// How far into a document its own date is looked for: the header, not the body.
const HEADER_LINES: usize = 30;

fn month_number(name: &str) -> Option<u32> {
    let n = name.get(..3)?.to_ascii_lowercase();
    let i = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == n)?;
    Some(i as u32 + 1)
}

fn from_named(d: &str, m: &str, y: &str) -> Option<Date> {
    Date::from_ymd(y.parse().ok()?, month_number(m)?, d.parse().ok()?)
}

/// The meeting date a document states in its header.
pub fn from_text<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<Date> {
    for line in lines
        .into_iter()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEADER_LINES)
    {
        // Every date has digits; most header lines are turned away here, before the patterns.
        if !line.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        // The patterns run only where their words are, in ASCII letters of any case: a month
        // for a date line; "held" or "meeting", and a month or a dd/mm/yyyy date, for a
        // meeting's date.
        let month = names_a_month(line);
        let dated = line.len() <= DATE_LINE_MAX && month;
        if let Some(c) = dated.then(|| DATE_LINE.captures(line)).flatten() {
            let date = match (c.name("d"), c.name("m"), c.name("y")) {
                (Some(d), Some(m), Some(y)) => from_named(d.as_str(), m.as_str(), y.as_str()),
                _ => from_named(&c["d2"], &c["m2"], &c["y2"]),
            };
            if date.is_some() {
                return date;
            }
        }
        let held = (month || line.contains('/')) && names_a_meeting(line);
        if let Some(c) = held.then(|| HELD_ON.captures(line)).flatten() {
            // Only the sentence the match sits in decides whether it is another meeting.
            let start = line[..c.get(0).unwrap().start()]
                .rfind(['.', ';'])
                .map_or(0, |i| i + 1);
            let end = line[c.get(0).unwrap().end()..]
                .find(['.', ';'])
                .map_or(line.len(), |i| c.get(0).unwrap().end() + i);
            if OTHER_MEETING.is_match(&line[start..end]) {
                continue;
            }
            let date = match (c.name("d"), c.name("m"), c.name("y")) {
                (Some(d), Some(m), Some(y)) => from_named(d.as_str(), m.as_str(), y.as_str()),
                _ => Date::from_ymd(
                    c["ny"].parse().ok()?,
                    c["nm"].parse().ok()?,
                    c["nd"].parse().ok()?,
                ),
            };
            if date.is_some() {
                return date;
            }
        }
    }
    None
}

/// The runs of ASCII letters in `line`: the words the patterns' month names and "held" or
/// "meeting" can be (each pattern takes them whole, bounded by spaces, digits or punctuation).
fn ascii_words(line: &str) -> impl Iterator<Item = &[u8]> {
    line.as_bytes()
        .split(|b| !b.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
}

/// Whether `line` holds a month's name or its abbreviation as a word, in any case ("JULY",
/// "Sept", "dec"): not merely its letters ("market", "decision"), which word-salad text and
/// real prose hold often enough to keep the patterns busy.
fn names_a_month(line: &str) -> bool {
    const MONTHS: [&[u8]; 24] = [
        b"jan",
        b"january",
        b"feb",
        b"february",
        b"mar",
        b"march",
        b"apr",
        b"april",
        b"may",
        b"jun",
        b"june",
        b"jul",
        b"july",
        b"aug",
        b"august",
        b"sep",
        b"sept",
        b"september",
        b"oct",
        b"october",
        b"nov",
        b"november",
        b"dec",
        b"december",
    ];
    ascii_words(line)
        .any(|w| (3..=9).contains(&w.len()) && MONTHS.iter().any(|m| w.eq_ignore_ascii_case(m)))
}

/// Whether `line` holds "held" or "meeting" as a word, in any case.
fn names_a_meeting(line: &str) -> bool {
    ascii_words(line).any(|w| w.eq_ignore_ascii_case(b"held") || w.eq_ignore_ascii_case(b"meeting"))
}

/// A date from a path: `2024-03-05` anywhere in it, else a `2024/03/` folder pair or a file
/// named `2024-03-...` (both read as the first of the month).
pub fn from_path(relative: &str) -> Option<Date> {
    let relative = relative.replace('\\', "/");
    let file_name = relative.rsplit('/').next().unwrap_or(&relative);
    let ymd = |c: regex::Captures<'_>, day: Option<u32>| {
        Date::from_ymd(
            c[1].parse().ok()?,
            c[2].parse().ok()?,
            day.or_else(|| c.get(3)?.as_str().parse().ok())?,
        )
    };
    // The file name speaks first, then folders from the deepest up.
    if let Some(d) = PATH_YMD.captures(file_name).and_then(|c| ymd(c, None)) {
        return Some(d);
    }
    if let Some(d) = FILE_YM_PREFIX
        .captures(file_name)
        .and_then(|c| ymd(c, Some(1)))
    {
        return Some(d);
    }
    if let Some(d) = PATH_YMD
        .captures_iter(&relative)
        .filter_map(|c| ymd(c, None))
        .last()
    {
        return Some(d);
    }
    PATH_Y_SLASH_M
        .captures_iter(&relative)
        .filter_map(|c| ymd(c, Some(1)))
        .last()
}

/// A date from front matter: `2021-06-14`, optionally followed by a time.
pub fn from_front_matter(value: &str) -> Option<Date> {
    Date::parse_iso(value.get(..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Option<String> {
        from_text(s.lines()).map(|d| d.to_string())
    }

    #[test]
    fn held_on_phrases() {
        assert_eq!(
            text("Minutes of the meeting held on 7 December 2017 at 10am").as_deref(),
            Some("2017-12-07")
        );
        assert_eq!(
            text("Minutes of a meeting held at County Hall on Tuesday 7th March 2017.").as_deref(),
            Some("2017-03-07")
        );
        assert_eq!(
            text("Meeting held on 07/06/2012").as_deref(),
            Some("2012-06-07")
        );
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            text("WEST DEREHAM\nTHURSDAY JULY 5TH 2012\n").as_deref(),
            Some("2012-07-05")
        );
        assert_eq!(
            text("Date: Wednesday, 19 November 2025").as_deref(),
            Some("2025-11-19")
        );
        // ModernGov's meeting title.
        assert_eq!(
            text("Place Scrutiny Panel - Tuesday, 4th March, 2025 6.30 pm").as_deref(),
            Some("2025-03-04")
        );
    }

    #[test]
    fn ignores_other_meetings_and_body_dates() {
        assert_eq!(
            text("RESOLVED: That the minutes of the meeting held on 10 January 2017 be approved."),
            None
        );
        assert_eq!(text("The inspection is due in December 2025."), None);
        assert_eq!(text("Held on 31 February 2020"), None);
    }

    #[test]
    fn prefilters_take_whole_words_in_any_case() {
        assert!(names_a_month("THURSDAY JULY 5TH 2012"));
        assert!(names_a_month("7 dec 2017"));
        assert!(names_a_month("7th Sept. 2017"));
        assert!(names_a_month("Date:7-March-2017"));
        assert!(!names_a_month("Item 4: 2017 budget"));
        // A month's letters inside another word are not its name.
        assert!(!names_a_month("market decision 2017 doctor"));
        assert!(names_a_meeting("Minutes of the MEETING, 7/12/2017"));
        assert!(names_a_meeting("HeLd 7/12/2017"));
        assert!(!names_a_meeting("meetings 7/12/2017, withheld"));
    }

    #[test]
    fn path_dates() {
        let p = |s| from_path(s).map(|d| d.to_string());
        assert_eq!(
            p("marlbury/children/2017-03-07-committee.txt").as_deref(),
            Some("2017-03-07")
        );
        assert_eq!(
            p("archive/2024/03/minutes.txt").as_deref(),
            Some("2024-03-01")
        );
        assert_eq!(
            p("2001-05-stoke-ferry-parish-council.md").as_deref(),
            Some("2001-05-01")
        );
        assert_eq!(p("reports/yearly-report-2024-25.txt"), None);
        assert_eq!(p("reports/budget-2011-12.txt"), None);
    }
}
