//! Commands for guests across programmes: history, the guest list and booking warnings.

use chrono::Utc;
use greenroom_core::people::booking::{BookingCheck, BookingWarning, GuestRef};
use greenroom_core::people::history::{
    AppearanceCursor, AppearancePage, GuestHistory, GuestSummary,
};
use greenroom_core::Error;
use serde::Deserialize;
use tauri::State;

use super::{bounded, Reply};
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

/// The editor's view of a booking: raw field text as typed.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BookingForm {
    programme_id: Option<String>,
    air: Option<String>,
    time_zone: Option<String>,
    slot: Option<String>,
    guests: Vec<GuestRef>,
}

#[tauri::command]
pub async fn booking_warnings(
    state: State<'_, AppState>,
    form: BookingForm,
) -> Reply<Vec<BookingWarning>> {
    if form.guests.len() > greenroom_core::text::limits::GUESTS * 2 {
        return Err(Error::validation("guests", "too many guests"));
    }
    // Four bytes a character at most, so no name the core would take is refused.
    if form
        .guests
        .iter()
        .any(|g| g.name.len() > 4 * greenroom_core::text::limits::NAME)
    {
        return Err(Error::validation("guests", "a name is too long"));
    }
    let programme_id = match form.programme_id {
        Some(id) => Some(id.parse()?),
        None => None,
    };
    let check = BookingCheck::from_form(
        programme_id,
        bounded("air", form.air, 64)?.as_deref(),
        bounded("timeZone", form.time_zone, 64)?.as_deref(),
        bounded("slot", form.slot, 64)?.as_deref(),
        form.guests,
    );
    state.store()?.booking_warnings(&check, Utc::now())
}
