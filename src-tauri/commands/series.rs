//! Commands for series formats: the running order a new programme of a series starts with.

use greenroom_core::programme::series_format::SeriesFormat;
use tauri::State;

use super::{bounded, Reply};
use crate::state::AppState;

#[tauri::command]
pub async fn get_series_format(
    state: State<'_, AppState>,
    series: String,
) -> Reply<Option<SeriesFormat>> {
    let series = bounded("series", Some(series), 1000)?.unwrap_or_default();
    state.store()?.series_format(&series)
}

#[tauri::command]
pub async fn save_series_format(
    state: State<'_, AppState>,
    series: String,
    programme_id: String,
) -> Reply<usize> {
    let series = bounded("series", Some(series), 1000)?.unwrap_or_default();
    state
        .store()?
        .save_series_format_from(&series, programme_id.parse()?)
}
