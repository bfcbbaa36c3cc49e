//! Commands for possible duplicates and merging people (and undoing a merge).

use greenroom_core::people::duplicates::DuplicatePair;
use greenroom_core::people::merge::{MergeId, MergeRecord};
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub async fn possible_duplicates(state: State<'_, AppState>) -> Reply<Vec<DuplicatePair>> {
    state.store()?.possible_duplicates()
}

#[tauri::command]
pub async fn merge_people(
    state: State<'_, AppState>,
    keep_id: String,
    drop_id: String,
) -> Reply<MergeRecord> {
    state
        .store()?
        .merge_people(keep_id.parse()?, drop_id.parse()?)
}

#[tauri::command]
pub async fn undo_merge(state: State<'_, AppState>, merge_id: MergeId) -> Reply<()> {
    state.store()?.undo_merge(merge_id)
}

#[tauri::command]
pub async fn list_merges(state: State<'_, AppState>) -> Reply<Vec<MergeRecord>> {
    state.store()?.list_merges()
}
