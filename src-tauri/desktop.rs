//! The desktop window: one store behind a mutex, the commands, and Tauri's context.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use greenroom_core::{Error, Store};

use crate::commands;

/// What the window works on. A database that fails to open is not fatal: the UI
/// shows why on its start screen and the file is left as it was.
pub struct AppState {
    pub db_path: PathBuf,
    store: Option<Mutex<Store>>,
    pub open_error: Option<serde_json::Value>,
    /// Files exported in this session: the only ones `open_exported` may open.
    exported: Mutex<HashSet<PathBuf>>,
}

impl AppState {
    pub fn open(db_path: PathBuf) -> Self {
        match Store::open(&db_path) {
            Ok(store) => AppState {
                db_path,
                store: Some(Mutex::new(store)),
                open_error: None,
                exported: Mutex::default(),
            },
            Err(e) => {
                eprintln!("greenroom: {e}");
                AppState {
                    db_path,
                    store: None,
                    open_error: serde_json::to_value(&e).ok(),
                    exported: Mutex::default(),
                }
            }
        }
    }

    /// The store, locked for one command. A panic in an earlier command cannot leave
    /// a half-done write (its transaction rolled back), so a poisoned lock is reused.
    pub fn store(&self) -> Result<MutexGuard<'_, Store>, Error> {
        let m = self.store.as_ref().ok_or_else(|| Error::CannotOpen {
            path: self.db_path.clone(),
            reason: "the database could not be opened when Greenroom started".into(),
        })?;
        Ok(m.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl AppState {
    pub fn remember_export(&self, path: PathBuf) {
        self.exported
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path);
    }

    pub fn was_exported(&self, path: &Path) -> bool {
        self.exported
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(path)
    }
}

pub fn run(db_path: PathBuf) -> i32 {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::open(db_path))
        .invoke_handler(tauri::generate_handler![
            commands::programmes::app_info,
            commands::programmes::list_programmes,
            commands::programmes::get_programme,
            commands::programmes::create_programme,
            commands::programmes::update_programme,
            commands::programmes::delete_programme,
            commands::programmes::list_people,
            commands::programmes::list_time_zones,
            commands::programmes::load_example,
            commands::runsheet::list_segment_kinds,
            commands::runsheet::preview_timing,
            commands::runsheet::get_series_format,
            commands::runsheet::save_series_format,
            commands::runsheet::choose_export_path,
            commands::runsheet::export_programme,
            commands::runsheet::open_exported,
            commands::guests::guest_history,
            commands::guests::list_guests,
            commands::guests::booking_warnings,
            commands::guests::get_settings,
            commands::guests::set_setting,
            commands::people::suggest_people,
            commands::people::person_profile,
            commands::people::update_person,
            commands::people::possible_duplicates,
            commands::people::merge_people,
            commands::people::undo_merge,
            commands::people::list_merges,
            commands::reports::balance_report,
            commands::reports::export_balance_csv,
            commands::search::search,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("greenroom: the window could not start: {e}");
            1
        }
    }
}
