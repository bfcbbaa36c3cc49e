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

/// A viewer's window (studio crew) shows no contact details: they stay with the
/// desk's editors.
#[tauri::command]
pub async fn person_profile(state: State<'_, AppState>, person_id: String) -> Reply<StoredProfile> {
    let store = state.store()?;
    let mut profile = store.person_profile(person_id.parse()?)?;
    let viewer = store
        .desk_link()?
        .is_some_and(|l| l.member.role.as_str() == "viewer");
    if viewer {
        profile.profile.email = None;
        profile.profile.phone = None;
    }
    Ok(profile)
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
