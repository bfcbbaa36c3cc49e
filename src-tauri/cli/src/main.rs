//! `greenroom`, the command line: argument definitions and dispatch. Each subcommand
//! parses its arguments into core types, calls the core, and prints the result. It
//! links no GUI library, so it starts like any shell tool; with no subcommand it
//! starts the window (`greenroom-desktop`, installed beside it).

mod archive;
mod backup;
mod conflicts;
mod desk;
mod desktop;
mod dev;
mod duplicates;
mod export;
mod guest;
mod history;
mod import;
mod lock;
mod output;
mod person;
mod programme;
mod report;
mod revisions;
mod search;
mod segment;
mod series;
mod settings;
mod sync;
mod trash;
mod values;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use greenroom_core::{Error, Store};

use programme::ProgrammeCommand;

#[derive(Debug, Parser)]
#[command(
    name = "greenroom",
    version,
    about = "Plan debate and panel programmes. With no subcommand, opens the desktop app."
)]
struct Cli {
    /// Database file (default: the app-data folder; created on first use).
    #[arg(long, global = true, env = "GREENROOM_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    /// Who the changes are recorded as (default: the `author.name` setting, else the
    /// computer's account name).
    #[arg(long, global = true, env = "GREENROOM_AUTHOR", value_name = "NAME")]
    author: Option<String>,

    #[command(subcommand)]
    command: Option<Command>,
}

// Parsed once per process; boxing the big variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
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
    /// Import published listings (pasted text) as programmes.
    Import {
        #[command(subcommand)]
        command: import::ImportCommand,
    },
    /// The whole archive as JSON (export, import by id) or CSV files.
    Archive {
        #[command(subcommand)]
        command: archive::ArchiveCommand,
    },
    /// Write the programmes with an air time as an iCalendar (.ics) file.
    ExportCalendar(archive::CalendarArgs),
    /// Deleted programmes and people dropped by a merge, restorable for the days of
    /// the trash.days setting (30 unless set).
    Trash {
        #[command(subcommand)]
        command: trash::TrashCommand,
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
    /// Developer tools: `dev generate` writes a large synthetic archive.
    Dev {
        #[command(subcommand)]
        command: dev::DevCommand,
    },
    /// Back up the database into its backups folder (or --out FILE); `backup list`.
    Backup(backup::BackupArgs),
    /// Replace the database with a checked backup, keeping a copy of the one replaced.
    Restore(backup::RestoreArgs),
    /// Share this database's archive with a desk: join, status, leave.
    Desk {
        #[command(subcommand)]
        command: desk::DeskCommand,
    },
    /// Push the changes made here to the desk and pull the desk's, once.
    Sync(sync::SyncArgs),
    /// Fields two members of the desk changed differently: list, resolve.
    Conflicts {
        #[command(subcommand)]
        command: conflicts::ConflictsCommand,
    },
    /// Lock a programme on the desk for air: other members cannot change it.
    Lock(lock::LockArgs),
    /// Unlock a programme you locked (an admin unlocks anyone's).
    Unlock(lock::LockArgs),
}

fn main() {
    let args = Cli::parse();
    let Some(command) = args.command else {
        std::process::exit(desktop::open(args.db.as_deref()));
    };
    let code = match greenroom_core::store::db::resolve_path(args.db) {
        Ok(db) => execute(command, &db, args.author.as_deref()),
        Err(e) => report(&e),
    };
    std::process::exit(code);
}

/// Runs one subcommand on the database at `db`; returns the exit code.
fn execute(command: Command, db: &Path, author: Option<&str>) -> i32 {
    // These work on a database that cannot be opened, so they open it themselves.
    let command = match command {
        Command::Backup(args) => return finish(db, backup::run_backup(db, args)),
        Command::Restore(args) => return finish(db, backup::run_restore(db, args)),
        // Writes a new file: opening it first would create it.
        Command::Dev { command } => return finish(db, dev::run(db, command)),
        command => command,
    };
    let open = match reads_only(&command) {
        true => backup::open_store_for_reading,
        false => backup::open_store,
    };
    let result = open(db).and_then(|mut store| {
        if let Some(author) = author {
            store.set_author(author)?;
        }
        run(&mut store, command)
    });
    finish(db, result)
}

fn run(store: &mut Store, command: Command) -> greenroom_core::Result<()> {
    match command {
        Command::Programme { command } => programme::run(store, command),
        Command::Person { command } => person::run(store, command),
        Command::Trash { command } => trash::run(store, command),
        Command::Segment { command } => segment::run(store, command),
        Command::Series { command } => series::run(store, command),
        Command::Export(args) => export::run(store, args),
        Command::Guest { command } => guest::run(store, command),
        Command::Import { command } => import::run(store, command),
        Command::Archive { command } => archive::run(store, command),
        Command::ExportCalendar(args) => archive::calendar(store, args),
        Command::Search(args) => search::run(store, args),
        Command::Settings { command } => settings::run(store, command),
        Command::Report { command } => report::run(store, command),
        Command::Desk { command } => desk::run(store, command),
        Command::Sync(args) => sync::run(store, args),
        Command::Conflicts { command } => conflicts::run(store, command),
        Command::Lock(args) => lock::lock(store, args),
        Command::Unlock(args) => lock::unlock(store, args),
        Command::Backup(_) | Command::Restore(_) | Command::Dev { .. } => Ok(()),
    }
}

/// Commands that only read the database: they work on a read-only file or folder
/// and on a full disk.
fn reads_only(command: &Command) -> bool {
    use guest::GuestCommand as G;
    use person::PersonCommand as P;
    use series::{FormatCommand, SeriesCommand};
    matches!(
        command,
        Command::Programme {
            command: ProgrammeCommand::List { .. }
                | ProgrammeCommand::Show { .. }
                | ProgrammeCommand::History { .. }
        } | Command::Person {
            command: P::List { .. } | P::Show { .. } | P::History { .. }
        } | Command::Trash {
            command: trash::TrashCommand::List { .. }
        } | Command::Segment {
            command: segment::SegmentCommand::List { .. }
        } | Command::Series {
            command: SeriesCommand::Format {
                command: FormatCommand::Show { .. }
            }
        } | Command::Guest {
            command: G::List { .. } | G::History { .. } | G::Duplicates { .. }
        } | Command::Archive {
            command: archive::ArchiveCommand::Export { .. } | archive::ArchiveCommand::Csv { .. }
        } | Command::Settings {
            command: settings::SettingsCommand::Show { .. }
        } | Command::Desk {
            command: desk::DeskCommand::Status { .. } | desk::DeskCommand::Locks { .. }
        } | Command::Conflicts {
            command: conflicts::ConflictsCommand::List { .. }
        } | Command::Export(_)
            | Command::ExportCalendar(_)
            | Command::Search(_)
            | Command::Report { .. }
    )
}

/// The exit code; for a damaged database, also where its newest good backup is.
fn finish(db: &Path, result: greenroom_core::Result<()>) -> i32 {
    match result.map_err(|e| e.on_database(db)) {
        Ok(()) => 0,
        Err(e) => {
            let code = report(&e);
            if let Some(hint) = backup::recovery_hint(db, &e) {
                eprintln!("{hint}");
            }
            code
        }
    }
}

/// Prints an error for a person to read and returns the exit code for it.
fn report(e: &Error) -> i32 {
    eprintln!("greenroom: {e}");
    match e {
        Error::Validation { .. } | Error::AmbiguousTime { .. } => 2,
        Error::Conflict { .. } | Error::Locked { .. } => 3,
        Error::NotFound { .. } | Error::NoneNamed { .. } => 4,
        Error::Ambiguous { .. } | Error::NearMatch { .. } => 5,
        // The desk's server refusing, by its word; unreachable, unauthorized and the
        // rest are 1.
        Error::Desk { code, .. } => match *code {
            "invalid" => 2,
            "conflict" | "locked" => 3,
            "not_found" => 4,
            _ => 1,
        },
        _ => 1,
    }
}
