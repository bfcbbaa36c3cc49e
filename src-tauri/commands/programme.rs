//! Commands over programmes: list, read, create, update, delete, the example.

use greenroom_core::{ListQuery, Programme, ProgrammeId, ProgrammeInput, ProgrammeSummary};
use serde::Serialize;
use tauri::State;

use super::{bounded, Reply};
use crate::state::AppState;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    version: &'static str,
    db_path: String,
    open_error: Option<serde_json::Value>,
    programme_count: i64,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Reply<AppInfo> {
    let open_error = state.open_error();
    let programme_count = match open_error {
        None => state.store()?.count_programmes()?,
        Some(_) => 0,
    };
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: state.db_path.display().to_string(),
        open_error,
        programme_count,
    })
}

#[tauri::command]
pub async fn list_programmes(
    state: State<'_, AppState>,
    text: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
    after: Option<String>,
) -> Reply<Vec<ProgrammeSummary>> {
    let q = ListQuery {
        text: bounded("filter", text, 500)?,
        limit,
        offset: offset.unwrap_or(0),
        after: after.map(|id| id.parse::<ProgrammeId>()).transpose()?,
    };
    state.store()?.list_programmes(&q)
}

#[tauri::command]
pub async fn get_programme(state: State<'_, AppState>, id: String) -> Reply<Programme> {
    state.store()?.get_programme(id.parse()?)
}

#[tauri::command]
pub async fn create_programme(
    state: State<'_, AppState>,
    input: ProgrammeInput,
) -> Reply<Programme> {
    state.store()?.create_programme(&input)
}

#[tauri::command]
pub async fn update_programme(
    state: State<'_, AppState>,
    id: String,
    revision: i64,
    input: ProgrammeInput,
) -> Reply<Programme> {
    state
        .store()?
        .update_programme(id.parse()?, revision, &input)
}

#[tauri::command]
pub async fn delete_programme(state: State<'_, AppState>, id: String, revision: i64) -> Reply<()> {
    let id: ProgrammeId = id.parse()?;
    state.store()?.delete_programme(id, Some(revision))
}

#[tauri::command]
pub async fn list_time_zones() -> Reply<Vec<&'static str>> {
    Ok(greenroom_core::programme::airtime::zone_names())
}

#[tauri::command]
pub async fn load_example(state: State<'_, AppState>) -> Reply<Programme> {
    state.store()?.create_example_programme()
}
