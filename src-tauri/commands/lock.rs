//! Commands over locks for air: the desk's locks (as of the last sync, or the last
//! word from the desk), and locking or unlocking a programme (online), as `greenroom
//! lock` / `unlock` do.

use greenroom_core::desk::DeskLock;
use greenroom_core::ProgrammeId;
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub async fn desk_locks(state: State<'_, AppState>) -> Reply<Vec<DeskLock>> {
    state.store()?.desk_locks()
}

#[tauri::command]
pub async fn programme_lock(state: State<'_, AppState>, id: String) -> Reply<DeskLock> {
    let id: ProgrammeId = id.parse()?;
    state.store()?.desk_lock(id)
}

#[tauri::command]
pub async fn programme_unlock(state: State<'_, AppState>, id: String) -> Reply<()> {
    let id: ProgrammeId = id.parse()?;
    state.store()?.desk_unlock(id)
}
