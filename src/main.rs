//! The `scrutiny` binary: parse the command line, run the command, map the result to an exit
//! status (0 success, 1 nothing found or files skipped under --strict, 2 error, 130 an index run
//! stopped by Ctrl-C after committing what it had read). A closed pipe
//! (`scrutiny search x | head`) is not an error.

use clap::Parser;
use scrutiny::cli::{Cli, Command};
use scrutiny::commands;
use scrutiny::error::Error;
use std::process::ExitCode;

/// mimalloc rather than the system allocator: glibc's malloc keeps each thread's arena at its
/// peak, so an index run's memory only grew (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Index(args) => commands::index(args),
        Command::Search(args) => commands::search(args),
        Command::Extract(args) => commands::extract(args),
        Command::Show(args) => commands::show(args),
        Command::Similar(args) => commands::similar(args),
        Command::Trend(args) => commands::trend(args),
        Command::Export(args) => commands::export(args),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scrutiny: {e}");
            ExitCode::from(2)
        }
    }
}
