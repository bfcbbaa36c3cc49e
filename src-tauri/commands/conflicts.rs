//! Commands over the desk's open conflicts: the list (as of the last sync, so it
//! works offline) and resolving one, as `greenroom conflicts` does.

use greenroom_core::desk::{Conflict, Keep};
use tauri::State;

use super::{bounded, Reply};
use crate::state::AppState;

#[tauri::command]
pub async fn conflicts_list(state: State<'_, AppState>) -> Reply<Vec<Conflict>> {
    state.store()?.desk_conflicts()
}

/// Keeps `keep` ("mine": the edit that did not win, "theirs": the desk's, "value":
/// `value`, written here); the resolution comes back here at once (a new revision
/// unless the desk's value is kept).
#[tauri::command]
pub async fn conflict_resolve(
    state: State<'_, AppState>,
    id: String,
    keep: Keep,
    value: Option<serde_json::Value>,
) -> Reply<Conflict> {
    if let Some(v) = &value {
        // The largest field (notes) with room for JSON's escapes.
        if v.to_string().len() > 400_000 {
            return Err(greenroom_core::Error::validation("value", "is too long"));
        }
    }
    let id = bounded("id", Some(id), 200)?.unwrap_or_default();
    state.store()?.conflict_resolve(&id, keep, value)
}
