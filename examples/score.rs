//! Prints extraction quality against the labelled sets: exchange recall, precision and
//! response recall, per set and overall, and with `--verbose` what was missed or invented.
//!
//!     cargo run --release --example score [-- --verbose]

use scrutiny::eval::{self, Counts};
use std::path::Path;

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose" || a == "-v");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sets = [
        (
            "our fixtures",
            root.join("tests/labels/fixtures.toml"),
            root.join("tests/fixtures/conventions"),
        ),
        (
            "parish minutes",
            root.join("tests/labels/parish-minutes.toml"),
            root.join("../shared/corpus/parish-minutes"),
        ),
    ];
    let mut total = Counts::default();
    println!(
        "{:<16} {:>6} {:>6} {:>8} {:>10} {:>9}",
        "set", "files", "labels", "recall", "precision", "responses"
    );
    for (name, labels, dir) in sets {
        if !dir.exists() {
            println!("{name:<16} skipped: {} is absent", dir.display());
            continue;
        }
        let labels = eval::load(&labels).unwrap_or_else(|e| panic!("{e}"));
        let report = eval::evaluate(&labels, &dir).unwrap_or_else(|e| panic!("{e}"));
        let c = report.counts;
        println!(
            "{name:<16} {:>6} {:>6} {:>8.3} {:>10.3} {:>9.3}",
            report.files.len(),
            c.labelled,
            c.recall(),
            c.precision(),
            c.response_recall()
        );
        if verbose {
            for f in &report.files {
                for q in &f.missed {
                    println!("    {}: missed      {q}", f.name);
                }
                for q in &f.spurious {
                    println!("    {}: spurious    {q}", f.name);
                }
                for (label, got) in &f.wrong_responses {
                    println!("    {}: response    wanted {label:?}, got {got:?}", f.name);
                }
            }
        }
        total.add(c);
    }
    println!(
        "{:<16} {:>6} {:>6} {:>8.3} {:>10.3} {:>9.3}",
        "all",
        "",
        total.labelled,
        total.recall(),
        total.precision(),
        total.response_recall()
    );
}
