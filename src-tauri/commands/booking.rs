//! Commands for booking warnings: what the editor shows while a guest is booked.

use chrono::Utc;
use greenroom_core::people::booking::{BookingCheck, BookingWarning, GuestRef};
use greenroom_core::Error;
use serde::Deserialize;
use tauri::State;

use super::{bounded, Reply};
use crate::state::AppState;

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
