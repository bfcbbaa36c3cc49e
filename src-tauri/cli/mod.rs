//! The command line: argument definitions and dispatch. Each subcommand parses its
//! arguments into core types, calls the core, and prints the result.

mod export;
mod guest;
mod guest_dedupe;
mod guest_history;
mod output;
mod person;
mod programme;
mod report;
mod search;
mod segment;
mod series;
mod settings;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use greenroom_core::{Error, Store};

pub use programme::ProgrammeCommand;

#[derive(Debug, Parser)]
#[command(
    name = "greenroom",
    version,
    about = "Plan debate and panel programmes. With no subcommand, opens the desktop app."
)]
pub struct Cli {
    /// Database file (default: the app-data folder; created on first use).
    #[arg(long, global = true, env = "GREENROOM_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

// Parsed once per process; boxing the big variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list, show, edit and delete programmes.
    Programme {
        #[command(subcommand)]
        command: ProgrammeCommand,
    },
    /// The people directory.
    Person {
        #[command(subcommand)]
        command: person::PersonCommand,
    },
    /// A programme's running order (segments are numbered from 1).
    Segment {
        #[command(subcommand)]
        command: segment::SegmentCommand,
    },
    /// Series and their formats.
    Series {
        #[command(subcommand)]
        command: series::SeriesCommand,
    },
    /// Write a programme's run-sheet as Markdown or PDF.
    Export(export::ExportArgs),
    /// Guests across programmes: history, duplicates, merges.
    Guest {
        #[command(subcommand)]
        command: guest::GuestCommand,
    },
    /// Search programmes and people.
    Search(search::SearchArgs),
    /// Reports over the archive.
    Report {
        #[command(subcommand)]
        command: report::ReportCommand,
    },
    /// Booking-warning thresholds and other settings.
    Settings {
        #[command(subcommand)]
        command: settings::SettingsCommand,
    },
}

/// Runs one subcommand on the database at `db`; returns the exit code.
pub fn execute(command: Command, db: &Path) -> i32 {
    let result = Store::open(db).and_then(|mut store| match command {
        Command::Programme { command } => programme::run(&mut store, command),
        Command::Person { command } => person::run(&mut store, command),
        Command::Segment { command } => segment::run(&mut store, command),
        Command::Series { command } => series::run(&mut store, command),
        Command::Export(args) => export::run(&store, args),
        Command::Guest { command } => guest::run(&mut store, command),
        Command::Search(args) => search::run(&store, args),
        Command::Settings { command } => settings::run(&mut store, command),
        Command::Report { command } => report::run(&store, command),
    });
    match result {
        Ok(()) => 0,
        Err(e) => report(&e),
    }
}

/// Prints an error for a person to read and returns the exit code for it.
pub fn report(e: &Error) -> i32 {
    eprintln!("greenroom: {e}");
    match e {
        Error::Validation { .. } => 2,
        Error::Conflict { .. } => 3,
        Error::NotFound { .. } => 4,
        Error::Ambiguous { .. } => 5,
        _ => 1,
    }
}
