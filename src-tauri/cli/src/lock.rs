//! `lock PROGRAMME` / `unlock PROGRAMME`: lock a programme on the desk for air (the
//! desk refuses every other member's change to it) and unlock it (its holder or an
//! admin). Online; `desk locks` lists them as last heard.

use clap::Args;
use greenroom_core::desk::DeskLock;
use greenroom_core::{ProgrammeId, Result, Store};

use super::output;

#[derive(Debug, Args)]
pub struct LockArgs {
    /// The programme's id.
    programme: String,
}

pub fn lock(store: &mut Store, args: LockArgs) -> Result<()> {
    let id: ProgrammeId = args.programme.parse()?;
    let title = store.get_programme(id)?.title;
    let lock = store.desk_lock(id)?;
    output::text(&format!(
        "locked {title:?} for air ({}); other members cannot change it until it is unlocked",
        held(&lock)
    ))
}

pub fn unlock(store: &mut Store, args: LockArgs) -> Result<()> {
    let id: ProgrammeId = args.programme.parse()?;
    let title = store.get_programme(id)?.title;
    store.desk_unlock(id)?;
    output::text(&format!("unlocked {title:?}"))
}

/// "by Maria Lopez since 14:02 UTC".
pub fn held(lock: &DeskLock) -> String {
    format!(
        "by {} since {} UTC",
        lock.member_name,
        lock.since.format("%H:%M")
    )
}
