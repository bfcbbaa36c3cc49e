//! Commands for the reports: the balance report and its CSV.

use greenroom_core::people::balance::{parse_month, to_csv, BalanceRow, MonthRange};
use greenroom_core::store::files;
use serde::Serialize;
use tauri::{AppHandle, State};

use super::{ask_save_path, bounded, Reply};
use crate::state::AppState;

#[tauri::command]
pub async fn balance_report(
    state: State<'_, AppState>,
    from: String,
    to: String,
    series: Option<String>,
) -> Reply<Vec<BalanceRow>> {
    let series = bounded("series", series, 1000)?;
    let from = bounded("from", Some(from), 64)?.unwrap_or_default();
    let to = bounded("to", Some(to), 64)?.unwrap_or_default();
    state.store()?.balance_report(
        parse_month("from", &from)?,
        parse_month("to", &to)?,
        series.as_deref().filter(|s| !s.trim().is_empty()),
    )
}

/// The months the report opens on.
#[tauri::command]
pub async fn balance_range(state: State<'_, AppState>) -> Reply<MonthRange> {
    state
        .store()?
        .balance_default_range(chrono::Local::now().date_naive())
}

#[derive(Serialize)]
pub struct SavedCsv {
    path: String,
    bytes: usize,
}

/// Writes the report as CSV. Without `path`, asks where with the native dialog and
/// returns `None` if the user cancels; a `path` must be one a save dialog returned.
#[tauri::command]
pub async fn export_balance_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    from: String,
    to: String,
    series: Option<String>,
    path: Option<String>,
) -> Reply<Option<SavedCsv>> {
    let series = bounded("series", series, 1000)?;
    let from = bounded("from", Some(from), 64)?.unwrap_or_default();
    let to = bounded("to", Some(to), 64)?.unwrap_or_default();
    let rows = state.store()?.balance_report(
        parse_month("from", &from)?,
        parse_month("to", &to)?,
        series.as_deref().filter(|s| !s.trim().is_empty()),
    )?;
    let csv = to_csv(&rows)?;
    let path = match bounded("path", path, 4096)? {
        Some(p) => state.chosen_path(&p)?,
        None => match ask_save_path(
            &app,
            "Export balance report",
            format!("balance {from} to {to}.csv"),
            "CSV",
            "csv",
        ) {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    files::write_atomic(&path, csv.as_bytes())?;
    state.remember_export(path.clone());
    Ok(Some(SavedCsv {
        path: path.display().to_string(),
        bytes: csv.len(),
    }))
}
