//! `conflicts list|resolve`: fields two members changed differently, as the desk's
//! server recorded them; each is resolved by keeping one side, or a new value.

use clap::{Subcommand, ValueEnum};
use greenroom_core::desk::{Conflict, Keep};
use greenroom_core::{Error, Result, Store};

use super::output;

#[derive(Debug, Subcommand)]
pub enum ConflictsCommand {
    /// The desk's open conflicts as of the last sync.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Resolve a conflict: keep the edit that did not win (mine), the desk's (theirs),
    /// or a new value of the field (value, with --value).
    Resolve {
        /// The id `conflicts list` shows.
        id: String,
        #[arg(long, value_enum)]
        keep: Side,
        /// With --keep value: the field's new value, as JSON ('"A title"', '300').
        #[arg(long, value_name = "JSON")]
        value: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Side {
    Mine,
    Theirs,
    Value,
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
        ConflictsCommand::Resolve { id, keep, value } => {
            let keep = match keep {
                Side::Mine => Keep::Mine,
                Side::Theirs => Keep::Theirs,
                Side::Value => Keep::Value,
            };
            let value = value
                .map(|v| {
                    serde_json::from_str::<serde_json::Value>(&v).map_err(|e| {
                        Error::validation(
                            "value",
                            format!("is not JSON ({e}); a text is quoted: '\"A title\"'"),
                        )
                    })
                })
                .transpose()?;
            let c = store.conflict_resolve(&id, keep, value.clone())?;
            output::text(&format!(
                "resolved: {} {} {} keeps {}",
                c.entity.as_str(),
                c.entity_id,
                field(&c),
                match keep {
                    Keep::Mine => format!("{} (by {})", c.mine, c.author),
                    Keep::Theirs => format!("{} (the desk's)", c.theirs),
                    Keep::Value => format!("{} (new)", value.unwrap_or_default()),
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
