//! The desktop window: one store behind a mutex, the commands, and Tauri's context.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use greenroom_core::{Error, Store};

use crate::commands;

/// What the window works on. A database that fails to open is not fatal: the UI
/// shows why on its start screen and the file is left as it was.
pub struct AppState {
    pub db_path: PathBuf,
    store: Option<Mutex<Store>>,
    pub open_error: Option<serde_json::Value>,
}

impl AppState {
    pub fn open(db_path: PathBuf) -> Self {
        match Store::open(&db_path) {
            Ok(store) => AppState {
                db_path,
                store: Some(Mutex::new(store)),
                open_error: None,
            },
            Err(e) => {
                eprintln!("greenroom: {e}");
                AppState {
                    db_path,
                    store: None,
                    open_error: serde_json::to_value(&e).ok(),
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

pub fn run(db_path: PathBuf) -> i32 {
    let result = tauri::Builder::default()
        .manage(AppState::open(db_path))
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_programmes,
            commands::get_programme,
            commands::create_programme,
            commands::update_programme,
            commands::delete_programme,
            commands::list_people,
            commands::list_time_zones,
            commands::load_example,
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
