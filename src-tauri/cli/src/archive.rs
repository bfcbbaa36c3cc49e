//! `greenroom archive export|import|csv` and `greenroom export-calendar`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use greenroom_core::exchange::ics::CalendarRange;
use greenroom_core::exchange::{ArchiveOptions, ImportCounts, ImportReport, MAX_ARCHIVE_BYTES};
use greenroom_core::store::files::{self, Access};
use greenroom_core::{Error, Result, Store};

use super::output;

#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// Write the whole archive as JSON (contact details only with --include-contacts).
    Export {
        /// A file to write (replaced whole, never left half-written), or - for stdout.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Include people's email and phone.
        #[arg(long)]
        include_contacts: bool,
    },
    /// Merge an archive into this database by id; importing it again changes nothing.
    Import {
        /// The archive's JSON file, or - for standard input.
        file: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write programmes.csv, people.csv and appearances.csv into a folder.
    Csv {
        /// The folder (created if missing); the three files in it are replaced whole.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Add email and phone columns to people.csv.
        #[arg(long)]
        include_contacts: bool,
    },
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// An .ics file to write (replaced whole), or - for stdout.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// First air date to include, 2025-05-01 (in each programme's own zone).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last air date to include.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
}

pub fn run(store: &mut Store, command: ArchiveCommand) -> Result<()> {
    match command {
        ArchiveCommand::Export {
            out,
            include_contacts,
        } => {
            let archive = store.export_archive(&ArchiveOptions { include_contacts })?;
            let access = Access::with_contacts(include_contacts);
            write(&out, archive.to_json()?.as_bytes(), access)?;
            if out.as_os_str() != "-" {
                eprintln!(
                    "wrote {} ({} people, {} programmes, {} series formats{})",
                    out.display(),
                    archive.people.len(),
                    archive.programmes.len(),
                    archive.series_formats.len(),
                    if include_contacts {
                        ", with contacts"
                    } else {
                        ""
                    }
                );
            }
            Ok(())
        }
        ArchiveCommand::Import { file, json } => {
            let report = store.import_archive(&output::read_input(
                &file,
                MAX_ARCHIVE_BYTES,
                "an archive",
            )?)?;
            print_report(&report, json)
        }
        ArchiveCommand::Csv {
            out,
            include_contacts,
        } => {
            let files = store.export_csv(&ArchiveOptions { include_contacts })?;
            for path in files.write_to(&out)? {
                output::text(&path.display().to_string())?;
            }
            Ok(())
        }
    }
}

pub fn calendar(store: &Store, args: CalendarArgs) -> Result<()> {
    let range = CalendarRange::parse(args.from.as_deref(), args.to.as_deref())?;
    write(
        &args.out,
        store.export_calendar(&range)?.as_bytes(),
        Access::Document,
    )
}

/// The report on stdout, warnings and records not imported on stderr; an error (exit
/// 2) when any record was not imported, after the others were.
fn print_report(r: &ImportReport, json: bool) -> Result<()> {
    for w in &r.warnings {
        eprintln!("greenroom: warning: {w}");
    }
    for f in &r.failed {
        eprintln!("greenroom: not imported: {}", f.message);
    }
    if json {
        output::json(r)?;
    } else {
        let line = |what: &str, pick: fn(&ImportCounts) -> usize| {
            format!(
                "{what}: {} created, {} updated, {} unchanged",
                pick(&r.created),
                pick(&r.updated),
                pick(&r.unchanged)
            )
        };
        output::text(&line("people", |c| c.people))?;
        output::text(&line("programmes", |c| c.programmes))?;
        output::text(&line("series formats", |c| c.series_formats))?;
    }
    if let Some(why) = &r.stopped {
        return Err(Error::validation(
            "archive",
            format!(
                "stopped at {why}; the records counted above were imported, that one and \
                 the rest of the file were not"
            ),
        ));
    }
    match r.failed.len() {
        0 => Ok(()),
        n => Err(Error::validation(
            "archive",
            format!(
                "{n} of {} records were not imported (see above); the others were",
                n + r.created.total() + r.updated.total() + r.unchanged.total()
            ),
        )),
    }
}

/// To `out` whole (temporary file, then rename), or to stdout for `-`.
fn write(out: &Path, bytes: &[u8], access: Access) -> Result<()> {
    if out.as_os_str() != "-" {
        return files::write_file(out, bytes, access);
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Export {
            message: format!("cannot write to standard output: {e}"),
        }),
        _ => Ok(()),
    }
}
