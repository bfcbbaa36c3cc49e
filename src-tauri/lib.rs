//! The Greenroom window: a thin Tauri shell over `greenroom-core` (and `greenroom-pdf`
//! for exports). The command line is its own crate (`src-tauri/cli`), without this
//! GUI stack; `greenroom` with no subcommand starts this binary.

mod command_names;
mod commands;
mod desktop;
mod open_exported;
mod state;

use std::path::PathBuf;

use clap::Parser;

pub use command_names::COMMANDS;

/// What the window accepts: only where the database is. Everything else is the
/// `greenroom` command's.
#[derive(Debug, Parser)]
#[command(
    name = "greenroom-desktop",
    version,
    about = "The Greenroom window. `greenroom --help` lists the command line."
)]
struct Args {
    /// Database file (default: the app-data folder; created on first use).
    #[arg(long, env = "GREENROOM_DB", value_name = "PATH")]
    db: Option<PathBuf>,
}

/// Opens the window on the chosen database; returns the process exit code.
pub fn run() -> i32 {
    let args = Args::parse();
    match greenroom_core::store::db::resolve_path(args.db) {
        Ok(db) => desktop::run(db),
        Err(e) => {
            eprintln!("greenroom: {e}");
            1
        }
    }
}
