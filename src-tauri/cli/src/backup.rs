//! `greenroom backup` and `greenroom restore`, and what the CLI says about backups
//! when a database cannot be opened.
//!
//! The CLI never takes the daily backup (the app does, on a thread of its own): a
//! command should not spend seconds copying a large archive because it happened to
//! be the first of the day. Pre-migration backups happen on every open, CLI included.

use std::path::{Path, PathBuf};

use chrono::SecondsFormat;
use clap::{Args, Subcommand};
use greenroom_core::{store::backup, store::restore, Error, Result, Store};
use serde::Serialize;

use super::output;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    command: Option<BackupCommand>,
    /// Write the backup to FILE (replaced whole, or not at all) instead of the
    /// backups folder beside the database.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum BackupCommand {
    /// The backups in the backups folder, newest first, each checked.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to restore: one in the backups folder or written with `backup --out`.
    /// Close Greenroom windows on this database first.
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Opens the store as every command does, printing a backup warning if there is one.
pub fn open_store(db: &Path) -> Result<Store> {
    Store::open_with_backups(db).map(warned)
}

/// `open_store` for a command that only reads: it also works when the database
/// cannot be written (read-only file or folder, full disk), and then writes nothing.
pub fn open_store_for_reading(db: &Path) -> Result<Store> {
    Store::open_for_reading(db).map(warned)
}

fn warned((store, warning): (Store, Option<Error>)) -> Store {
    if let Some(w) = warning {
        eprintln!("greenroom: warning: {w}");
    }
    store
}

pub fn run_backup(db: &Path, args: BackupArgs) -> Result<()> {
    match (args.command, args.out) {
        (Some(BackupCommand::List { json }), _) => list(db, json),
        (None, Some(out)) => {
            open_store(db)?.backup_to(&out)?;
            output::text(&out.display().to_string())
        }
        (None, None) => {
            let path = open_store(db)?.backup_now()?;
            output::text(&path.display().to_string())
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Listed {
    #[serde(flatten)]
    file: backup::BackupFile,
    ok: bool,
    /// Why it would not restore, when it would not.
    problem: Option<String>,
}

fn list(db: &Path, json: bool) -> Result<()> {
    let listed: Vec<Listed> = backup::list(db)?
        .into_iter()
        .map(|file| {
            let problem = restore::check(&file.path).err().map(|e| e.to_string());
            Listed {
                ok: problem.is_none(),
                problem,
                file,
            }
        })
        .collect();
    if json {
        return output::json(&listed);
    }
    if listed.is_empty() {
        return output::text(&format!("no backups in {}", backup::folder(db).display()));
    }
    let lines: Vec<String> = listed
        .iter()
        .map(|l| {
            let state = match &l.problem {
                None => "ok".to_string(),
                Some(p) => format!("NOT USABLE: {p}"),
            };
            format!(
                "{}  {:>9}  {}  {}",
                l.file.taken_at.format("%Y-%m-%d %H:%M:%S UTC"),
                size(l.file.size),
                l.file.path.display(),
                state
            )
        })
        .collect();
    output::text(&lines.join("\n"))
}

pub fn run_restore(db: &Path, args: RestoreArgs) -> Result<()> {
    let done = restore::restore(db, &args.file)?;
    let mut lines = vec![format!(
        "restored {} into {}",
        done.from.display(),
        db.display()
    )];
    if let Some(kept) = &done.kept {
        lines.push(format!(
            "the database it replaced was kept as {}",
            kept.display()
        ));
    }
    // Opening migrates a backup of an older schema now (backing it up first), so a
    // problem with it shows here rather than in the next command.
    open_store(db)?;
    output::text(&lines.join("\n"))
}

/// For a database that is damaged or not a database: where the newest good backup is
/// and the command that restores it. `None` for other errors, and for a damaged file
/// that is not the database (a backup being restored, an import): restoring over a
/// healthy database would throw away newer work.
pub fn recovery_hint(db: &Path, e: &Error) -> Option<String> {
    let damaged = match e {
        Error::Corrupt { path, .. } | Error::NotADatabase { path, .. } => path,
        _ => return None,
    };
    if !db.is_file() || !backup::same_file(damaged, db) {
        return None;
    }
    let folder = backup::folder(db);
    Some(match restore::newest_good(db) {
        Ok(Some(b)) => format!(
            "The newest good backup is {} (taken {}).\n\
             To restore it (a copy of the database it replaces is kept in {}):\n  \
             greenroom --db {} restore {}",
            b.path.display(),
            b.taken_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            folder.display(),
            shell_quote(db),
            shell_quote(&b.path)
        ),
        _ => format!("No good backup was found in {}.", folder.display()),
    })
}

fn shell_quote(path: &Path) -> String {
    let s = path.display().to_string();
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%".contains(c))
    {
        return s;
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut v = bytes as f64;
    let mut unit = 0;
    while v >= 1000.0 && unit < UNITS.len() - 1 {
        v /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}
