//! Commands for guests across programmes: one guest's history and the guest list.

use chrono::Utc;
use greenroom_core::people::history::{
    AppearanceCursor, AppearancePage, GuestHistory, GuestSummary,
};
use greenroom_core::Error;
use serde::Deserialize;
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub async fn guest_history(state: State<'_, AppState>, person_id: String) -> Reply<GuestHistory> {
    state.store()?.guest_history(person_id.parse()?, Utc::now())
}

/// The page of a guest's appearances after `after`, as the history page scrolls on.
#[tauri::command]
pub async fn guest_appearances(
    state: State<'_, AppState>,
    person_id: String,
    after: Option<AfterArg>,
    limit: u32,
) -> Reply<AppearancePage> {
    if limit == 0 || limit > MAX_APPEARANCE_PAGE {
        return Err(Error::validation(
            "limit",
            format!("must be between 1 and {MAX_APPEARANCE_PAGE}"),
        ));
    }
    let after = match after {
        Some(a) => Some(AppearanceCursor {
            air_at: a.air_at,
            programme_id: a.programme_id.parse()?,
        }),
        None => None,
    };
    state
        .store()?
        .guest_appearances(person_id.parse()?, after.as_ref(), limit)
}

/// The cursor as the window sends it back; the id is checked like any other.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AfterArg {
    air_at: Option<i64>,
    programme_id: String,
}

/// A page the window can draw without stalling.
const MAX_APPEARANCE_PAGE: u32 = 1000;

#[tauri::command]
pub async fn list_guests(state: State<'_, AppState>) -> Reply<Vec<GuestSummary>> {
    state.store()?.list_guests(Utc::now())
}
