//! Commands for exporting a run-sheet: where to save (the native dialog), writing, opening.

use std::path::PathBuf;

use greenroom_core::Error;
use greenroom_pdf::export::{self, Format};
use greenroom_pdf::Paper;
use serde::Serialize;
use tauri::{AppHandle, State};

use super::{ask_save_path, bounded, Reply};
use crate::open_exported;
use crate::state::AppState;

/// Asks where to save, with the native dialog; `None` if the user cancels.
#[tauri::command]
pub async fn choose_export_path(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    format: String,
) -> Reply<Option<String>> {
    let format: Format = bounded("format", Some(format), 64)?
        .unwrap_or_default()
        .parse()?;
    let programme = state.store()?.get_programme(id.parse()?)?;
    let chosen = ask_save_path(
        &app,
        "Export run-sheet",
        export::suggested_file_name(&programme, format),
        format.label(),
        format.extension(),
    );
    Ok(chosen.map(|p| {
        let shown = p.display().to_string();
        state.remember_choice(p);
        shown
    }))
}

#[derive(Serialize)]
pub struct Exported {
    path: String,
    bytes: usize,
}

#[tauri::command]
pub async fn export_programme(
    state: State<'_, AppState>,
    id: String,
    format: String,
    paper: Option<String>,
    path: String,
) -> Reply<Exported> {
    let format: Format = bounded("format", Some(format), 64)?
        .unwrap_or_default()
        .parse()?;
    let paper: Paper = match bounded("paper", paper, 64)? {
        Some(p) => p.parse()?,
        None => Paper::default(),
    };
    let path = state.chosen_path(&bounded("path", Some(path), 4096)?.unwrap_or_default())?;
    let programme = state.store()?.get_programme(id.parse()?)?;
    // Laying out a long PDF takes CPU time: keep it off the async runtime's threads.
    let target = path.clone();
    let bytes = tauri::async_runtime::spawn_blocking(move || {
        export::write(programme, format, paper, &target)
    })
    .await
    .map_err(|e| Error::Export {
        message: format!("the export stopped: {e}"),
    })??;
    state.remember_export(path.clone());
    Ok(Exported {
        path: path.display().to_string(),
        bytes,
    })
}

/// Opens a file this window exported with the system's default program, or with
/// `folder` the folder it is in. Only such files: the UI cannot use this to open
/// anything else. A failure says what to do in words, not the launcher's exit status.
#[tauri::command]
pub async fn open_exported(
    state: State<'_, AppState>,
    path: String,
    folder: Option<bool>,
) -> Reply<()> {
    let path = PathBuf::from(bounded("path", Some(path), 4096)?.unwrap_or_default());
    if !state.was_exported(&path) {
        return Err(Error::validation(
            "path",
            "only files exported from this window can be opened",
        ));
    }
    open_exported::open(&path, folder == Some(true), None)
}
