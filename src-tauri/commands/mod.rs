//! Tauri commands, one file per feature named like the CLI's (src-tauri/cli/src;
//! `booking.rs` has no twin there: `programme add` prints booking warnings itself):
//! take arguments, call the core, return. Async so that database
//! work runs off the UI thread. Errors reach the UI as `{code, message, field?}`.

pub mod backup;
pub mod booking;
pub mod conflicts;
pub mod desk;
pub mod duplicates;
pub mod export;
pub mod history;
pub mod import;
pub mod lock;
pub mod person;
pub mod programme;
pub mod report;
pub mod revisions;
pub mod search;
pub mod segment;
pub mod series;
pub mod settings;
pub mod trash;

use std::path::PathBuf;

use greenroom_core::Error;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

type Reply<T> = Result<T, Error>;

/// Refuses oversized strings from the UI before they reach the core.
fn bounded(field: &str, text: Option<String>, max: usize) -> Reply<Option<String>> {
    match text {
        Some(t) if t.len() > max => Err(Error::validation(
            field,
            format!("is too long (at most {max} bytes)"),
        )),
        t => Ok(t),
    }
}

/// Asks where to save with the native dialog, from Rust so the UI needs no dialog
/// permission. Blocks, so only call it from an async command (off the main thread).
/// `None` when the user cancels.
fn ask_save_path(
    app: &AppHandle,
    title: &str,
    file_name: String,
    label: &str,
    ext: &str,
) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(label, &[ext])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}
