//! `scrutiny trend`: counts of matching exchanges over time or by place, as terminal bars, CSV,
//! JSON, or an SVG bar chart for a report.

use crate::facets::Facets;
use serde::Serialize;
use std::io::{self, Write};

/// What a trend counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Year,
    Month,
    Council,
    Committee,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    pub bucket: String,
    pub count: u64,
}

/// The buckets of `facets` for `by`. Years and months run without gaps from the first to the
/// last (a year with no match is a zero bar, not a missing one); places are largest first.
pub fn series(facets: &Facets, by: By) -> Vec<Bucket> {
    let raw = match by {
        By::Year => &facets.year,
        By::Month => &facets.month,
        By::Council => &facets.council,
        By::Committee => &facets.committee,
    };
    let bucket = |(b, n): &(String, u64)| Bucket {
        bucket: b.clone(),
        count: *n,
    };
    if matches!(by, By::Council | By::Committee) {
        return raw.iter().map(bucket).collect();
    }
    let (dated, unknown): (Vec<_>, Vec<_>) = raw.iter().partition(|(b, _)| !b.starts_with('('));
    let mut out: Vec<Bucket> = Vec::new();
    let key = |b: &str| -> Option<(i32, u32)> {
        let mut parts = b.split('-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next().map_or(Some(1), |m| m.parse().ok())?;
        Some((y, m))
    };
    if let (Some(first), Some(last)) = (dated.first(), dated.last()) {
        let (Some(mut at), Some(end)) = (key(&first.0), key(&last.0)) else {
            return raw.iter().map(bucket).collect();
        };
        while at <= end {
            let name = match by {
                By::Month => format!("{:04}-{:02}", at.0, at.1),
                _ => at.0.to_string(),
            };
            let count = dated
                .iter()
                .find(|(b, _)| *b == name)
                .map_or(0, |(_, n)| *n);
            out.push(Bucket {
                bucket: name,
                count,
            });
            at = match by {
                By::Month if at.1 < 12 => (at.0, at.1 + 1),
                By::Month => (at.0 + 1, 1),
                _ => (at.0 + 1, 1),
            };
        }
    }
    out.extend(unknown.into_iter().map(bucket));
    out
}

/// Horizontal bars for a terminal, the longest `width` characters.
pub fn bars(w: &mut dyn Write, buckets: &[Bucket], width: usize) -> io::Result<()> {
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let label = buckets
        .iter()
        .map(|b| b.bucket.chars().count())
        .max()
        .unwrap_or(0);
    for b in buckets {
        let len = (b.count as usize * width).div_ceil(max as usize);
        writeln!(
            w,
            "{:<label$}  {:<width$}  {}",
            b.bucket,
            "█".repeat(len),
            b.count
        )?;
    }
    Ok(())
}

pub fn csv(w: &mut dyn Write, buckets: &[Bucket]) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["bucket", "count"])?;
    for b in buckets {
        out.write_record([b.bucket.as_str(), &b.count.to_string()])?;
    }
    out.flush()
}

pub fn json(w: &mut dyn Write, buckets: &[Bucket]) -> io::Result<()> {
    serde_json::to_writer(&mut *w, buckets)?;
    writeln!(w)
}

/// A vertical bar chart as a standalone SVG: one `<rect class="bar">` per bucket, labelled
/// with its bucket and count, titled with the query.
pub fn svg(w: &mut dyn Write, title: &str, buckets: &[Bucket]) -> io::Result<()> {
    const BAR: usize = 28;
    const GAP: usize = 8;
    const PLOT: usize = 220;
    const LEFT: usize = 40;
    const TOP: usize = 40;
    let width = LEFT + buckets.len().max(1) * (BAR + GAP) + GAP;
    let height = TOP + PLOT + 70;
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    writeln!(
        w,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">"#
    )?;
    writeln!(
        w,
        r#"<title>{}</title><text x="{LEFT}" y="20" font-size="14">{}</text>"#,
        esc(title),
        esc(title)
    )?;
    let base = TOP + PLOT;
    writeln!(
        w,
        r##"<line x1="{LEFT}" y1="{base}" x2="{}" y2="{base}" stroke="#444"/>"##,
        width - GAP
    )?;
    for (i, b) in buckets.iter().enumerate() {
        let h = (b.count as usize * PLOT) / max as usize;
        let x = LEFT + GAP + i * (BAR + GAP);
        let y = base - h;
        writeln!(
            w,
            r##"<rect class="bar" data-bucket="{}" data-count="{}" x="{x}" y="{y}" width="{BAR}" height="{h}" fill="#3a6ea5"/>"##,
            esc(&b.bucket),
            b.count
        )?;
        writeln!(
            w,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            x + BAR / 2,
            y.saturating_sub(4),
            b.count
        )?;
        writeln!(
            w,
            r#"<text x="{}" y="{}" text-anchor="end" transform="rotate(-45 {} {})">{}</text>"#,
            x + BAR / 2,
            base + 14,
            x + BAR / 2,
            base + 14,
            esc(&b.bucket)
        )?;
    }
    writeln!(w, "</svg>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facets() -> Facets {
        Facets {
            year: vec![
                ("2013".into(), 5),
                ("2016".into(), 2),
                ("(unknown)".into(), 1),
            ],
            month: vec![("2013-11".into(), 1), ("2014-02".into(), 3)],
            council: vec![("Marlbury".into(), 9), ("Dunmere".into(), 4)],
            committee: vec![],
        }
    }

    #[test]
    fn years_and_months_run_without_gaps() {
        let years: Vec<(String, u64)> = series(&facets(), By::Year)
            .into_iter()
            .map(|b| (b.bucket, b.count))
            .collect();
        assert_eq!(
            years,
            [
                ("2013".into(), 5),
                ("2014".into(), 0),
                ("2015".into(), 0),
                ("2016".into(), 2),
                ("(unknown)".into(), 1)
            ]
        );
        let months: Vec<String> = series(&facets(), By::Month)
            .into_iter()
            .map(|b| b.bucket)
            .collect();
        assert_eq!(months, ["2013-11", "2013-12", "2014-01", "2014-02"]);
        assert_eq!(series(&facets(), By::Council)[0].count, 9);
    }

    #[test]
    fn bars_scale_to_the_largest() {
        let mut out = Vec::new();
        bars(&mut out, &series(&facets(), By::Council), 10).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "Marlbury  ██████████  9\nDunmere   █████       4\n");
    }
}
