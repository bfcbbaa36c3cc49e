//! `guest duplicates`, `guest merge`, `guest unmerge`.

use greenroom_core::people::merge::MergeId;
use greenroom_core::{Error, PersonId, Result, Store};

use super::output;

pub fn duplicates(store: &Store, json: bool) -> Result<()> {
    let pairs = store.possible_duplicates()?;
    if json {
        return output::json(&pairs);
    }
    if pairs.is_empty() {
        return output::text("No likely duplicates.");
    }
    for p in &pairs {
        let side = |d: &greenroom_core::people::duplicates::DuplicatePerson| {
            let billed = d
                .affiliation
                .as_deref()
                .map(|a| format!(" – {a}"))
                .unwrap_or_default();
            format!(
                "{}  {}{billed} ({} appearances)",
                d.id, d.name, d.appearances
            )
        };
        output::text(&format!(
            "keep {}\ndrop {}\n     {}\n     greenroom guest merge {} {}\n",
            side(&p.keep),
            side(&p.drop),
            p.evidence.join("; "),
            p.keep.id,
            p.drop.id
        ))?;
    }
    Ok(())
}

/// Prints the merge id, which `guest unmerge` takes.
pub fn merge(store: &mut Store, keep: &str, drop: &str) -> Result<()> {
    let keep: PersonId = keep.parse()?;
    let drop: PersonId = drop.parse()?;
    let record = store.merge_people(keep, drop)?;
    output::text(&record.id.to_string())
}

pub fn unmerge(store: &mut Store, merge_id: &str) -> Result<()> {
    let id: MergeId = merge_id.trim().parse().map_err(|_| {
        Error::validation(
            "merge",
            format!("{merge_id:?} is not a merge id (the number `guest merge` printed)"),
        )
    })?;
    store.undo_merge(id)
}
