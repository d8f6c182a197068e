//! One function per subcommand: turn parsed arguments into settings, do the work, print.
//! Each returns the process exit status (0 success, 1 "nothing found"/"something skipped").

use crate::cli::{
    ColorWhen, ExportArgs, ExportFormat, ExtractArgs, Format, GroupBy, HitsOutput, IndexArgs,
    IndexLocation, SearchArgs, SearchFormat, ShowArgs, SimilarArgs, SortBy, TrendArgs, TrendBy,
    TrendFormat,
};
use crate::error::{Error, Result};
use crate::export;
use crate::extract;
use crate::index::{self, IndexOptions};
use crate::model::{Kind, Record};
use crate::output;
use crate::search::{self, Results, SearchOptions, Sort};
use crate::store;
use crate::synonyms::Synonyms;
use crate::trend;
use crate::walk::{self, WalkOptions};
use rayon::prelude::*;
use std::io::{self, BufWriter, IsTerminal, Write};
use termcolor::{ColorChoice, StandardStream};

const MB: u64 = 1_000_000;

fn index_dir(location: &IndexLocation) -> std::path::PathBuf {
    location.index.clone().unwrap_or_else(store::default_dir)
}

pub fn index(args: &IndexArgs) -> Result<i32> {
    let options = IndexOptions {
        memory_budget: args.memory.saturating_mul(MB as usize),
        max_filesize: args.read.max_filesize.saturating_mul(MB),
        walk: WalkOptions {
            follow_links: args.read.follow,
        },
        progress: !args.quiet,
        rebuild: args.rebuild,
        commit_bytes: args.commit_every.saturating_mul(MB).max(1),
        commit_interval: std::time::Duration::from_secs(args.commit_interval),
        ..IndexOptions::new(index_dir(&args.location))
    };
    // The first Ctrl-C (or SIGTERM) asks the run to stop at the next file and commit what it
    // has; a second one ends the process at once (the last commit still stands).
    let stop = options.stop.clone();
    let _ = ctrlc::set_handler(move || {
        if stop.swap(true, std::sync::atomic::Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!("scrutiny: stopping: finishing the files being read, then committing (Ctrl-C again to quit now)");
    });
    let summary = index::run(&args.roots, &options)?;
    if args.quiet {
        let mut err = io::stderr().lock();
        for (path, reason) in summary.skipped.iter().chain(&summary.problems) {
            writeln!(err, "scrutiny: skipped {}: {reason}", path.display())?;
        }
    } else {
        let mut out = io::stdout().lock();
        writeln!(
            out,
            "index:                 {}",
            options.index_dir.display()
        )?;
        output::summary(&mut out, &summary)?;
    }
    if summary.stopped() {
        eprintln!(
            "scrutiny: stopped: kept {} files read in this run; {} files are left for the next \
             run (run the same command again)",
            summary.files_indexed, summary.left
        );
        return Ok(130);
    }
    Ok(if args.strict && !summary.skipped.is_empty() {
        1
    } else {
        0
    })
}

pub fn search(args: &SearchArgs) -> Result<i32> {
    let store = store::open(&index_dir(&args.location))?;
    let options = SearchOptions {
        query: args.query.clone(),
        limit: args.limit,
        council: args.scope.council.clone(),
        committee: args.scope.committee.clone(),
        from: args.scope.from,
        to: args.scope.to,
        kind: args.kind,
        asker: args.asker.clone(),
        responder: args.responder.clone(),
        group_by_item: args.group == Some(GroupBy::Meeting),
        facets: args.facets,
        synonyms: Some(Synonyms::with_file(args.synonyms.as_deref()).map_err(Error::Usage)?),
        sort: match args.sort {
            SortBy::Relevance => Sort::Relevance,
            SortBy::Newest => Sort::Newest,
            SortBy::Oldest => Sort::Oldest,
        },
    };
    let results = search::search(&store, &options)?;
    for note in &results.notes {
        eprintln!("scrutiny: note: {note}");
    }
    if let Some(better) = &results.suggestion {
        eprintln!("scrutiny: did you mean '{better}'?");
    }
    print_hits(&results, &args.output, &args.query)
}

/// Prints hits in the chosen format; exit status 1 when there are none.
fn print_hits(results: &Results, output: &HitsOutput, title: &str) -> Result<i32> {
    let (format, color) = (output.format, output.color);
    let facets = results.facets.as_ref();
    match format {
        SearchFormat::Json => {
            let mut out = io::stdout().lock();
            output::hits_json(&mut out, results)?;
            if let Some(f) = facets {
                output::facets_json(&mut out, f)?;
            }
        }
        SearchFormat::Csv => {
            output::hits_csv(&mut io::stdout().lock(), results)?;
            if facets.is_some() {
                eprintln!("scrutiny: note: --facets prints with the text, json and markdown formats, not csv");
            }
        }
        SearchFormat::Markdown => {
            let mut out = io::stdout().lock();
            output::hits_markdown(&mut out, title, results)?;
            if let Some(f) = facets {
                output::facets_text(&mut out, f, true)?;
            }
        }
        SearchFormat::Text => {
            let stdout = StandardStream::stdout(color_choice(color));
            let mut out = stdout.lock();
            output::hits_text(&mut out, results)?;
            if results.total == 0 {
                writeln!(out, "no exchanges match {title:?}")?;
            } else {
                writeln!(
                    out,
                    "{} of {} matching records",
                    results.hits.len(),
                    results.total
                )?;
            }
            if let Some(f) = facets {
                output::facets_text(&mut out, f, false)?;
            }
        }
    }
    Ok(if results.total == 0 { 1 } else { 0 })
}

fn color_choice(color: ColorWhen) -> ColorChoice {
    match color {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto if io::stdout().is_terminal() => ColorChoice::Auto,
        ColorWhen::Auto => ColorChoice::Never,
    }
}

fn no_such_id(id: &str) -> Error {
    Error::Usage(format!(
        "no record with id {id:?} in this index (`scrutiny search` prints each hit's id)"
    ))
}

pub fn show(args: &ShowArgs) -> Result<i32> {
    let store = store::open(&index_dir(&args.location))?;
    let shown = search::show(&store, &args.id)?.ok_or_else(|| no_such_id(&args.id))?;
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer(&mut out, &shown).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => output::shown_text(&mut out, &shown)?,
    }
    Ok(0)
}

pub fn similar(args: &SimilarArgs) -> Result<i32> {
    let store = store::open(&index_dir(&args.location))?;
    let results =
        search::similar(&store, &args.id, args.limit)?.ok_or_else(|| no_such_id(&args.id))?;
    print_hits(&results, &args.output, &format!("like {}", args.id))
}

pub fn extract(args: &ExtractArgs) -> Result<i32> {
    let walked = walk::walk(
        &args.paths,
        WalkOptions {
            follow_links: args.read.follow,
        },
    );
    let max = args.read.max_filesize.saturating_mul(MB);
    let outcomes: Vec<_> = walked
        .jobs
        .par_iter()
        .map(|job| extract::extract_file(&job.path, job.format, &job.origin(), max))
        .collect();
    let mut failed = false;
    let mut records: Vec<Record> = Vec::new();
    for (job, outcome) in walked.jobs.iter().zip(outcomes) {
        match outcome {
            Ok(extraction) => records.extend(extraction.records),
            Err(skip) => {
                failed = true;
                eprintln!("scrutiny: skipped {}: {skip}", job.path.display());
            }
        }
    }
    for (path, reason) in &walked.problems {
        eprintln!("scrutiny: {}: {reason}", path.display());
    }
    if let Some(kind) = args.kind {
        records.retain(|r| r.kind == kind);
    }
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => output::records_json(&mut out, &records)?,
        Format::Text => output::records_text(&mut out, &records)?,
    }
    Ok(if failed { 1 } else { 0 })
}

pub fn trend(args: &TrendArgs) -> Result<i32> {
    let store = store::open(&index_dir(&args.location))?;
    let options = SearchOptions {
        query: args.query.clone(),
        limit: 0,
        council: args.scope.council.clone(),
        committee: args.scope.committee.clone(),
        from: args.scope.from,
        to: args.scope.to,
        kind: Some(Kind::Exchange),
        facets: true,
        ..SearchOptions::default()
    };
    let results = search::search(&store, &options)?;
    for note in &results.notes {
        eprintln!("scrutiny: note: {note}");
    }
    let by = match args.by {
        TrendBy::Year => trend::By::Year,
        TrendBy::Month => trend::By::Month,
        TrendBy::Council => trend::By::Council,
        TrendBy::Committee => trend::By::Committee,
    };
    let buckets = trend::series(&results.facets.unwrap_or_default(), by);
    let mut out = io::stdout().lock();
    match args.format {
        TrendFormat::Text if buckets.is_empty() => {
            writeln!(out, "no exchanges match {:?}", args.query)?
        }
        TrendFormat::Text => {
            trend::bars(&mut out, &buckets, 40)?;
            writeln!(out, "{} matching exchanges", results.total)?;
        }
        TrendFormat::Csv => trend::csv(&mut out, &buckets)?,
        TrendFormat::Json => trend::json(&mut out, &buckets)?,
    }
    if let Some(path) = &args.svg {
        let title = format!("{} - matching exchanges by {:?}", args.query, args.by).to_lowercase();
        let mut file = std::fs::File::create(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        trend::svg(&mut file, &title, &buckets).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
    }
    Ok(if results.total == 0 { 1 } else { 0 })
}

pub fn export(args: &ExportArgs) -> Result<i32> {
    let store = store::open_to_scan(&index_dir(&args.location))?;
    let write = match args.format {
        ExportFormat::Ndjson => export::ndjson,
    };
    match &args.output {
        // Buffered: standard output flushes every line, and an export has millions.
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            write(&store, &mut out)?;
            out.flush()?;
        }
        Some(path) => {
            let to_path = |source| Error::Io {
                path: path.clone(),
                source,
            };
            let file = std::fs::File::create(path).map_err(to_path)?;
            let mut out = BufWriter::new(file);
            let written = write(&store, &mut out)
                .and_then(|n| Ok(out.flush().map(|()| n)?))
                .map_err(|e| match e {
                    Error::Output(source) => to_path(source),
                    other => other,
                })?;
            writeln!(
                io::stdout().lock(),
                "{written} records written to {}",
                path.display()
            )?;
        }
    }
    Ok(0)
}
