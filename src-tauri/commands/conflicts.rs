//! Commands over the desk's open conflicts: the list (as of the last sync, so it
//! works offline) and resolving one, as `greenroom conflicts` does.

use greenroom_core::desk::{Conflict, Keep};
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub async fn conflicts_list(state: State<'_, AppState>) -> Reply<Vec<Conflict>> {
    state.store()?.desk_conflicts()
}

/// Keeps `keep` ("mine": the edit that did not win, "theirs": the desk's); the
/// resolution comes back here at once (a new revision when mine is kept).
#[tauri::command]
pub async fn conflict_resolve(
    state: State<'_, AppState>,
    id: String,
    keep: Keep,
) -> Reply<Conflict> {
    state.store()?.resolve_conflict(&id, keep)
}
