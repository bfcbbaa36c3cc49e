//! The header's search box: programmes and people as the user types.

use greenroom_core::search::SearchResults;
use tauri::State;

use super::{bounded, Reply};
use crate::state::AppState;

/// Results of each kind when the UI does not say.
const DEFAULT_LIMIT: u32 = 8;

#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: String,
    limit: Option<u32>,
) -> Reply<SearchResults> {
    // The core counts characters; this only stops a huge string early (4 bytes a
    // character at most, so no query the core would take is refused here).
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    let query = bounded("query", Some(query), 4 * 200)?.unwrap_or_default();
    state.store()?.search(&query, limit)
}
