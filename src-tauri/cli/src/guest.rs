//! `guest …`: the subcommands over guests across programmes; `history.rs` (list, history)
//! and `duplicates.rs` (duplicates, merge, unmerge) hold their work.

use clap::Subcommand;
use greenroom_core::{Result, Store};

use super::duplicates;

#[derive(Debug, Subcommand)]
pub enum GuestCommand {
    /// Everyone who has appeared, with their appearance counts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// One person's appearances, newest first, with co-panelists and totals.
    History {
        /// A name (exact, ignoring case) or a person id.
        person: String,
        #[arg(long)]
        json: bool,
    },
    /// Pairs of people who are probably the same person, with the evidence.
    Duplicates {
        #[arg(long)]
        json: bool,
    },
    /// Merge DROP_ID into KEEP_ID: every appearance moves to KEEP_ID; undoable.
    Merge { keep_id: String, drop_id: String },
    /// Undo a merge (by the merge id that `merge` printed).
    Unmerge { merge_id: String },
}

pub fn run(store: &mut Store, command: GuestCommand) -> Result<()> {
    match command {
        GuestCommand::List { json } => crate::history::list(store, json),
        GuestCommand::History { person, json } => crate::history::history(store, &person, json),
        GuestCommand::Duplicates { json } => duplicates::duplicates(store, json),
        GuestCommand::Merge { keep_id, drop_id } => duplicates::merge(store, &keep_id, &drop_id),
        GuestCommand::Unmerge { merge_id } => duplicates::unmerge(store, &merge_id),
    }
}
