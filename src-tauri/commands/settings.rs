//! Commands for the settings (booking-warning thresholds, backups, defaults).

use greenroom_core::settings::Settings;
use tauri::State;

use super::{bounded, Reply};
use crate::state::AppState;

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Reply<Settings> {
    state.store()?.settings()
}

#[tauri::command]
pub async fn set_setting(state: State<'_, AppState>, key: String, value: String) -> Reply<()> {
    let key = bounded("key", Some(key), 100)?.unwrap_or_default();
    // Room for the longest setting (a default series, 200 characters) in any script.
    let value = bounded("value", Some(value), 1000)?.unwrap_or_default();
    state.store()?.set_setting(&key, &value)
}
