//! Commands for backups: the list the Settings page shows, and restoring one.

use greenroom_core::store::backup::{self, BackupFile};
use greenroom_core::store::restore::{self, Restored};
use greenroom_core::Error;
use serde::Serialize;
use tauri::State;

use super::{bounded, Reply};
use crate::state::AppState;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupOverview {
    folder: String,
    /// Newest first; listed from their names, not read.
    backups: Vec<BackupFile>,
    /// Why the last automatic backup was not written, if it was not.
    warning: Option<serde_json::Value>,
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Reply<BackupOverview> {
    Ok(BackupOverview {
        folder: backup::folder(&state.db_path).display().to_string(),
        backups: backup::list(&state.db_path)?,
        warning: state.backup_warning(),
    })
}

/// Restores the backup named `file_name` in the backups folder, or the newest one that
/// passes its check; then reopens the store. Only files in the backups folder can be
/// named, so the window cannot point a restore at an arbitrary file.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    file_name: Option<String>,
) -> Reply<Restored> {
    let chosen = match bounded("fileName", file_name, 255)? {
        Some(name) => backup::list(&state.db_path)?
            .into_iter()
            .find(|b| b.file_name == name)
            .ok_or_else(|| Error::NotFound {
                what: "backup",
                id: name,
            })?,
        None => restore::newest_good(&state.db_path)?.ok_or_else(|| {
            Error::validation(
                "backup",
                format!(
                    "none of the backups in {} passes its check",
                    backup::folder(&state.db_path).display()
                ),
            )
        })?,
    };
    state.restore(&chosen.path)
}
