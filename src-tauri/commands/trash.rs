//! Commands over the trash (like `trash list|restore|empty`): deleted programmes and
//! people dropped by a merge, each restorable exactly as it went.

use greenroom_core::trash::TrashEntry;
use tauri::State;

use super::{bounded, Reply};
use crate::state::AppState;

#[tauri::command]
pub async fn trash_list(state: State<'_, AppState>) -> Reply<Vec<TrashEntry>> {
    state.store()?.trash_list()
}

#[tauri::command]
pub async fn trash_restore(state: State<'_, AppState>, id: String) -> Reply<TrashEntry> {
    let id = bounded("id", Some(id), 100)?.unwrap_or_default();
    state.store()?.trash_restore(id.trim())
}

/// Empties the trash for good: everything, or what went more than `older_than_days` ago.
#[tauri::command]
pub async fn empty_trash(state: State<'_, AppState>, older_than_days: Option<u32>) -> Reply<usize> {
    state.store()?.empty_trash(older_than_days)
}
