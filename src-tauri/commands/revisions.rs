//! Commands over revisions (like `programme history`, `show --as-of`, `restore` and
//! `person history`): a programme's history in words, one revision as it was, a
//! restore that is itself a new revision, and a person's history.

use greenroom_core::store::change::Revision;
use greenroom_core::Programme;
use serde::Serialize;
use tauri::State;

use super::Reply;
use crate::state::AppState;

/// A revision as the History panel lists it: the record, and what changed in words.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionEntry {
    #[serde(flatten)]
    revision: Revision,
    summary: Vec<String>,
}

impl From<Revision> for RevisionEntry {
    fn from(revision: Revision) -> Self {
        let summary = revision.summary().to_vec();
        RevisionEntry { revision, summary }
    }
}

#[tauri::command]
pub async fn programme_history(
    state: State<'_, AppState>,
    id: String,
) -> Reply<Vec<RevisionEntry>> {
    let history = state.store()?.programme_history(id.parse()?)?;
    Ok(history.into_iter().map(RevisionEntry::from).collect())
}

#[tauri::command]
pub async fn programme_as_of(
    state: State<'_, AppState>,
    id: String,
    revision: i64,
) -> Reply<Programme> {
    state.store()?.programme_as_of(id.parse()?, revision)
}

/// Makes revision `to` current again, as a new revision; `revision` is the one the
/// window last read, so a programme changed since is a conflict, not overwritten.
#[tauri::command]
pub async fn restore_programme(
    state: State<'_, AppState>,
    id: String,
    to: i64,
    revision: Option<i64>,
) -> Reply<Programme> {
    state.store()?.restore_programme(id.parse()?, to, revision)
}

/// A person's profile edits, merges and unmerges, newest first.
#[tauri::command]
pub async fn person_history(
    state: State<'_, AppState>,
    person_id: String,
) -> Reply<Vec<RevisionEntry>> {
    let history = state.store()?.person_history(person_id.parse()?)?;
    Ok(history.into_iter().map(RevisionEntry::from).collect())
}
