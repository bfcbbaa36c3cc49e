//! Commands over the people directory: the list, autocomplete and profiles.

use greenroom_core::people::profile::{PersonProfile, StoredProfile};
use greenroom_core::people::suggest::PersonSuggestion;
use greenroom_core::Person;
use tauri::State;

use super::{bounded, Reply};
use crate::state::AppState;

#[tauri::command]
pub async fn list_people(state: State<'_, AppState>) -> Reply<Vec<Person>> {
    state.store()?.list_people()
}

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
