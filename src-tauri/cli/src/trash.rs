//! `trash list|restore|empty`: deleted programmes and people dropped by a merge.

use clap::Subcommand;
use greenroom_core::trash::TrashEntry;
use greenroom_core::{Result, Store};

use super::output;

#[derive(Debug, Subcommand)]
pub enum TrashCommand {
    /// What is in the trash, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Bring a programme (or a person dropped by a merge) back, exactly as it was.
    Restore {
        /// The id `trash list` shows.
        id: String,
    },
    /// Delete what is in the trash for good.
    Empty {
        /// Only what was deleted more than DAYS days ago.
        #[arg(long, value_name = "DAYS")]
        older_than: Option<u32>,
    },
}

pub fn run(store: &mut Store, command: TrashCommand) -> Result<()> {
    match command {
        TrashCommand::List { json } => {
            let entries = store.trash_list()?;
            if json {
                output::json(&entries)
            } else if entries.is_empty() {
                output::text("the trash is empty")
            } else {
                output::text(&entries.iter().map(line).collect::<Vec<_>>().join("\n"))
            }
        }
        TrashCommand::Restore { id } => {
            let entry = store.trash_restore(id.trim())?;
            output::text(&format!(
                "restored {} {}",
                entry.kind.as_str(),
                line(&entry)
            ))
        }
        TrashCommand::Empty { older_than } => {
            let n = store.empty_trash(older_than)?;
            output::text(&match n {
                1 => "emptied 1 entry from the trash".to_string(),
                n => format!("emptied {n} entries from the trash"),
            })
        }
    }
}

fn line(e: &TrashEntry) -> String {
    format!(
        "{}  {}  {} ({})  deleted {} by {}",
        e.id,
        e.kind.as_str(),
        e.name,
        e.detail,
        e.deleted_at.format("%Y-%m-%d %H:%M UTC"),
        e.author
    )
}
