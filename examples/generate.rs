//! Writes a generated corpus of invented minutes (see `benches/support/corpus.rs`) for scale tests
//! and benchmarks, and prints what it holds: files, bytes, exchanges by layout and by theme.
//!
//!     cargo run --release --example generate -- --size 100MB --seed 1 OUT_DIR
//!     cargo run --release --example generate -- --size 5MB --only welsh OUT_DIR
//!
//! The same seed and size always give the same files. The counts also go to `OUT_DIR/.corpus.json`,
//! written last, so a folder holding it is complete.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use clap::Parser;
use corpus::{Convention, Generator, Mix};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Writes a corpus of generated minutes.
#[derive(Parser)]
struct Args {
    /// How much to write: 1MB, 100MB, 1GB, 10GB (decimal units); the last file may pass it.
    #[arg(long, value_parser = corpus::parse_size)]
    size: u64,
    /// The same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Only this layout: moderngov-item, labelled, q-a-lines, reported-speech, in-response-to,
    /// welsh, markdown, parish-markdown, markdown-table or statements.
    #[arg(long, value_parser = parse_convention)]
    only: Option<Convention>,
    /// Where to write; must be empty or absent.
    out: PathBuf,
}

fn parse_convention(name: &str) -> Result<Convention, String> {
    Convention::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Convention::ALL.iter().map(|c| c.name()).collect();
        format!("no layout {name:?}; one of: {}", names.join(", "))
    })
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    let mix = args.only.map_or(Mix::Realistic, Mix::Only);
    let generator = Generator::new(args.seed, mix);
    let counts = match generator.write(&args.out, args.size) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("generate: {}: {e}", args.out.display());
            return ExitCode::from(2);
        }
    };
    let secs = started.elapsed().as_secs_f64();
    let mut report = format!(
        "wrote {} files, {:.1} MB in {secs:.1} s ({:.0} MB/s) to {}\n",
        counts.files,
        counts.bytes as f64 / 1e6,
        counts.bytes as f64 / 1e6 / secs,
        args.out.display()
    );
    let _ = writeln!(
        report,
        "exchanges: {} ({} supplementary); discussions: {}; vocabulary: {} words; seed {}",
        counts.exchanges,
        counts.supplementary,
        counts.discussions,
        generator.vocabulary_size(),
        counts.seed
    );
    let _ = writeln!(
        report,
        "\n{:<16} {:>8} {:>10} {:>10}",
        "layout", "files", "MB", "exchanges"
    );
    for (name, c) in &counts.conventions {
        let _ = writeln!(
            report,
            "{name:<16} {:>8} {:>10.1} {:>10}",
            c.files,
            c.bytes as f64 / 1e6,
            c.exchanges
        );
    }
    let _ = writeln!(
        report,
        "\n{:<40} {:>10} {:>8}",
        "theme", "exchanges", "share"
    );
    for (theme, n) in &counts.themes {
        let share = 100.0 * *n as f64 / counts.exchanges.max(1) as f64;
        let _ = writeln!(report, "{theme:<40} {n:>10} {share:>7.2}%");
    }
    // A reader that stops early (`| head`) is not an error: the corpus is written.
    let _ = std::io::stdout().write_all(report.as_bytes());
    ExitCode::SUCCESS
}
