//! `conflicts list|resolve`: fields two members changed differently, as the desk's
//! server recorded them; each is resolved by keeping one side.

use clap::{Subcommand, ValueEnum};
use greenroom_core::desk::{Conflict, Keep};
use greenroom_core::{Result, Store};

use super::output;

#[derive(Debug, Subcommand)]
pub enum ConflictsCommand {
    /// The desk's open conflicts as of the last sync.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Resolve a conflict: keep the edit that did not win (mine) or the desk's (theirs).
    Resolve {
        /// The id `conflicts list` shows.
        id: String,
        #[arg(long, value_enum)]
        keep: Side,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Side {
    Mine,
    Theirs,
}

pub fn run(store: &mut Store, command: ConflictsCommand) -> Result<()> {
    match command {
        ConflictsCommand::List { json } => {
            let open = store.desk_conflicts()?;
            if json {
                output::json(&open)
            } else if open.is_empty() {
                output::text("no open conflicts")
            } else {
                output::text(&open.iter().map(line).collect::<Vec<_>>().join("\n"))
            }
        }
        ConflictsCommand::Resolve { id, keep } => {
            let keep = match keep {
                Side::Mine => Keep::Mine,
                Side::Theirs => Keep::Theirs,
            };
            let c = store.resolve_conflict(&id, keep)?;
            output::text(&format!(
                "resolved: {} {} {} keeps {}",
                c.entity.as_str(),
                c.entity_id,
                field(&c),
                match keep {
                    Keep::Mine => format!("{} (by {})", c.mine, c.author),
                    Keep::Theirs => format!("{} (the desk's)", c.theirs),
                }
            ))
        }
    }
}

fn field(c: &Conflict) -> &str {
    if c.field.is_empty() {
        "(deleted, edited)"
    } else {
        &c.field
    }
}

fn line(c: &Conflict) -> String {
    format!(
        "{}  {} {}  {}: mine {} (by {}), theirs {}",
        c.id,
        c.entity.as_str(),
        c.entity_id,
        field(c),
        c.mine,
        c.author,
        c.theirs
    )
}
