//! Commands over the desk this database shares (issue 15): its status for the
//! header, join and leave (which start and stop the live sync), "Sync now", and the
//! window's live feed of what each sync did.

use greenroom_core::desk::{DeskLink, DeskState, JoinOptions, LastChange, Member, SyncReport};
use greenroom_core::store::change::Entity;
use greenroom_core::Store;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use super::{bounded, Reply};
use crate::state::{AppState, SyncHealth};

/// The header's status: the link and what waits on each side (as `desk status`),
/// and how the live sync fares.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskStatus {
    #[serde(flatten)]
    state: DeskState,
    #[serde(flatten)]
    health: SyncHealth,
}

/// `null` when the database is not linked to a desk.
#[tauri::command]
pub async fn desk_status(state: State<'_, AppState>) -> Reply<Option<DeskStatus>> {
    let linked = state.store()?.desk_state()?;
    Ok(linked.map(|desk| DeskStatus {
        state: desk,
        health: state.sync_health(),
    }))
}

/// Joins with an invite code; the live sync then pulls the desk's archive. `name`,
/// when given, is who this database's changes are recorded as (Settings' "Your
/// name"): blank keeps the name the invite gave.
#[tauri::command]
pub async fn desk_join(
    state: State<'_, AppState>,
    url: String,
    code: String,
    name: Option<String>,
    upload_local: Option<bool>,
) -> Reply<DeskLink> {
    let url = bounded("url", Some(url), 2000)?.unwrap_or_default();
    let code = bounded("code", Some(code), 200)?.unwrap_or_default();
    let name = bounded("name", name, 200)?.filter(|n| !n.trim().is_empty());
    let link = {
        let mut store = state.store()?;
        let options = JoinOptions {
            upload_local: upload_local.unwrap_or(false),
            // A plain http server elsewhere is the CLI's choice to make, said aloud
            // there; the window joins https (or this machine).
            allow_insecure_http: false,
        };
        let link = store.desk_join(url.trim(), &code, options)?;
        if let Some(name) = name {
            store.set_setting("author.name", name.trim())?;
        }
        link
    };
    state.start_live_sync();
    Ok(link)
}

/// Unlinks the database (the archive stays); the live sync stops first.
#[tauri::command]
pub async fn desk_leave(state: State<'_, AppState>) -> Reply<DeskLink> {
    state.stop_live_sync();
    let left = state.store()?.desk_leave();
    if left.is_err() {
        // Still linked: it keeps syncing.
        state.start_live_sync();
    }
    left
}

/// Syncs now, on a connection of its own so the window's commands do not wait on
/// the network; the report goes to the live feed too.
#[tauri::command]
pub async fn desk_sync(state: State<'_, AppState>) -> Reply<SyncReport> {
    let done = Store::open(&state.db_path).and_then(|mut store| store.sync(&mut |_| {}));
    state.synced_now(&done);
    done
}

/// The window's live feed: every sync's `{kind: "synced", report}` or `{kind:
/// "failed", error, retryIn, offlineSince}` goes to `channel`, which replaces the
/// previous watch.
#[tauri::command]
pub async fn desk_watch(
    state: State<'_, AppState>,
    channel: Channel<serde_json::Value>,
) -> Reply<()> {
    state.watch_desk(move |message| {
        if let Err(e) = channel.send(message) {
            eprintln!("greenroom: the window did not take the desk's news: {e}");
        }
    });
    Ok(())
}

/// Every member of the desk (online: the desk's list).
#[tauri::command]
pub async fn desk_members(state: State<'_, AppState>) -> Reply<Vec<Member>> {
    state.store()?.desk_members()
}

/// Who changed `entity` `id` last, and when (`null`: no record of it here).
#[tauri::command]
pub async fn last_change(
    state: State<'_, AppState>,
    entity: String,
    id: String,
) -> Reply<Option<LastChange>> {
    let entity: Entity = bounded("entity", Some(entity), 50)?
        .unwrap_or_default()
        .parse()?;
    let id = bounded("id", Some(id), 200)?.unwrap_or_default();
    state.store()?.last_change(entity, &id)
}
