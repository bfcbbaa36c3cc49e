use clap::Subcommand;
use greenroom_core::{Result, Store};
use serde::Serialize;

use super::output;

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Everyone in the directory, by name.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct PersonRow<'a> {
    id: String,
    name: &'a str,
    affiliation: Option<&'a str>,
}

pub fn run(store: &Store, command: PersonCommand) -> Result<()> {
    match command {
        PersonCommand::List { json } => {
            let people = store.list_people()?;
            if json {
                let rows: Vec<PersonRow> = people
                    .iter()
                    .map(|p| PersonRow {
                        id: p.id.to_string(),
                        name: &p.name,
                        affiliation: p.affiliation.as_deref(),
                    })
                    .collect();
                return output::json(&rows);
            }
            for p in &people {
                match &p.affiliation {
                    Some(a) => output::text(&format!("{}  {} – {}", p.id, p.name, a))?,
                    None => output::text(&format!("{}  {}", p.id, p.name))?,
                }
            }
            Ok(())
        }
    }
}
