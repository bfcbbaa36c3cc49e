//! The Greenroom app: one binary that is both the desktop window (no subcommand) and
//! the command line. Both are thin shells over `greenroom-core`.

pub mod cli;
mod command_names;
mod commands;
mod desktop;
pub mod export;
mod opening;

use std::path::PathBuf;

use clap::Parser;

pub use command_names::COMMANDS;

/// Parses the command line and runs it; returns the process exit code.
pub fn run() -> i32 {
    let args = cli::Cli::parse();
    let db = match resolve_db_path(args.db.clone()) {
        Ok(p) => p,
        Err(e) => return cli::report(&e),
    };
    match args.command {
        None => desktop::run(db),
        Some(command) => cli::execute(command, &db),
    }
}

/// `--db`/`GREENROOM_DB` if given, else the app-data default (its folder created).
fn resolve_db_path(explicit: Option<PathBuf>) -> greenroom_core::Result<PathBuf> {
    match explicit {
        Some(p) => Ok(p),
        None => {
            let p = greenroom_core::default_db_path()?;
            greenroom_core::store::db::ensure_parent_dir(&p)?;
            Ok(p)
        }
    }
}
