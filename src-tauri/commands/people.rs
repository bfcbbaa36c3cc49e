//! Commands over the people directory: autocomplete, profiles, duplicates and merges.

use greenroom_core::people::duplicates::DuplicatePair;
use greenroom_core::people::merge::{MergeId, MergeRecord};
use greenroom_core::people::profile::{PersonProfile, StoredProfile};
use greenroom_core::people::suggest::PersonSuggestion;
use tauri::State;

use super::{bounded, Reply};
use crate::state::AppState;

#[tauri::command]
pub async fn suggest_people(
    state: State<'_, AppState>,
    typed: String,
    limit: Option<u32>,
) -> Reply<Vec<PersonSuggestion>> {
    let typed = bounded("typed", Some(typed), 200)?.unwrap_or_default();
    state
        .store()?
        .suggest_people(&typed, limit.unwrap_or(8).min(50))
}

#[tauri::command]
pub async fn person_profile(state: State<'_, AppState>, person_id: String) -> Reply<StoredProfile> {
    state.store()?.person_profile(person_id.parse()?)
}

#[tauri::command]
pub async fn update_person(
    state: State<'_, AppState>,
    person_id: String,
    revision: i64,
    profile: PersonProfile,
) -> Reply<StoredProfile> {
    state
        .store()?
        .update_person(person_id.parse()?, revision, &profile)
}

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
