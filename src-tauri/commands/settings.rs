//! Commands for the settings (booking-warning thresholds, backups, defaults, the
//! author changes are recorded as).

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

/// The name the window proposes before the user has given one: the OS account's,
/// which is also who the core records changes as while `author.name` is unset.
#[tauri::command]
pub async fn default_author() -> Reply<String> {
    Ok(greenroom_core::store::change::os_account().unwrap_or_default())
}
