//! What the window works on: one store behind a mutex, the open error it shows, and
//! the paths the save dialog chose in this session.

use std::collections::HashSet;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, Utc};
use greenroom_core::desk::{live, SyncReport};
use greenroom_core::store::restore::{self, Restored};
use greenroom_core::{store::backup, Error, Store};
use serde::Serialize;
use serde_json::{json, Value};

/// What the window works on. A database that fails to open is not fatal: the UI
/// shows why on its start screen, with the backups it could restore, and the file is
/// left as it was.
pub struct AppState {
    pub db_path: PathBuf,
    /// `None` while the database cannot be opened; a restore puts one in.
    store: Mutex<Option<Store>>,
    open_error: Mutex<Option<serde_json::Value>>,
    /// Why the last automatic backup was not written (shown in Settings, logged).
    backup_warning: Arc<Mutex<Option<serde_json::Value>>>,
    /// Where the native save dialog said to save, in this session: the only paths the
    /// export commands write to. The window passes a path back, but cannot invent one.
    chosen: Mutex<HashSet<PathBuf>>,
    /// Files exported in this session: the only ones `open_exported` may open.
    exported: Mutex<HashSet<PathBuf>>,
    /// Syncing by itself with the desk the database is linked to (none without one).
    live: Mutex<Option<live::Running>>,
    /// What the live sync last said, and the window's feed of it.
    feed: Arc<Mutex<Feed>>,
}

/// The window's live feed of the desk's sync, and what the header's status needs
/// between two messages of it (since when the desk has been out of reach, and why).
#[derive(Default)]
struct Feed {
    /// The last `desk_watch`'s channel: a new watch replaces the old (a reload).
    send: Option<Box<dyn Fn(Value) + Send>>,
    offline_since: Option<DateTime<Utc>>,
    error: Option<Value>,
    /// The changes the last sync that reached the desk kept back (another member's
    /// lock), kept here for a window that starts, or reloads, after that sync.
    held: usize,
}

impl Feed {
    fn tell(&self, message: Value) {
        if let Some(send) = &self.send {
            send(message);
        }
    }

    /// Records what a sync did and tells the window: `{kind: "synced", report}` or
    /// `{kind: "failed", error, retryIn, offlineSince}` (`retryIn` in seconds; null
    /// when no retry is planned, as after "Sync now" or when the sync stopped).
    fn heard(&mut self, event: Result<&SyncReport, (&Error, Duration)>) {
        let message = match event {
            Ok(report) => {
                self.offline_since = None;
                self.error = None;
                self.held = report.pushed.locked;
                json!({ "kind": "synced", "report": report })
            }
            Err((error, retry_in)) => {
                let since = *self.offline_since.get_or_insert_with(Utc::now);
                let error = serde_json::to_value(error).unwrap_or(Value::Null);
                self.error = Some(error.clone());
                let retry = (!retry_in.is_zero()).then_some(retry_in.as_secs());
                json!({ "kind": "failed", "error": error, "retryIn": retry, "offlineSince": since })
            }
        };
        self.tell(message);
    }
}

/// Since when the desk has been out of reach and why, as the live sync last said.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncHealth {
    pub offline_since: Option<DateTime<Utc>>,
    pub error: Option<Value>,
    /// Changes held back by another member's lock for air, as of the last sync.
    pub held: usize,
    /// Whether the live sync runs (it stops on leaving, and on an error it cannot
    /// retry, such as a missing token).
    pub live: bool,
}

/// The open store, locked for one command.
pub struct StoreGuard<'a>(MutexGuard<'a, Option<Store>>);

impl Deref for StoreGuard<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.0
            .as_ref()
            .expect("a StoreGuard is only made over an open store")
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        self.0
            .as_mut()
            .expect("a StoreGuard is only made over an open store")
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in an earlier command cannot leave a half-done write (its transaction
    // rolled back), so a poisoned lock is reused.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl AppState {
    pub fn open(db_path: PathBuf) -> Self {
        let state = AppState {
            db_path,
            store: Mutex::new(None),
            open_error: Mutex::new(None),
            backup_warning: Arc::default(),
            chosen: Mutex::default(),
            exported: Mutex::default(),
            live: Mutex::default(),
            feed: Arc::default(),
        };
        if state.reopen().is_ok() {
            state.start_daily_backup();
            state.empty_expired_trash();
            state.start_live_sync();
        }
        state
    }

    /// When the database is linked to a desk, syncs it by itself on a thread with its
    /// own connection until [`AppState::stop_live_sync`], telling the window's feed
    /// what each sync did. A failure to start leaves the window working offline, as a
    /// producer without a desk.
    pub fn start_live_sync(&self) {
        // A producer without a desk runs nothing: asked of the store already open,
        // not by opening a second one at every start.
        let linked = lock(&self.store).as_ref().map(|s| s.desk_link());
        if let Some(Ok(None)) = linked {
            return;
        }
        let feed = Arc::clone(&self.feed);
        let started = live::Running::start(self.db_path.clone(), move |event| {
            let mut feed = lock(&feed);
            match event {
                live::Live::Synced(report) => feed.heard(Ok(&report)),
                live::Live::Failed { error, retry_in } => {
                    // Said once while it lasts, not at every retry.
                    if feed.offline_since.is_none() {
                        eprintln!("greenroom: the desk's sync waits: {error}");
                    }
                    feed.heard(Err((&error, retry_in)));
                }
                live::Live::Locks(locks) => feed.tell(json!({ "kind": "locks", "locks": locks })),
            }
        });
        match started {
            Ok(running) => *lock(&self.live) = running,
            Err(e) => eprintln!("greenroom: warning: the desk's sync could not start: {e}"),
        }
    }

    /// Stops syncing by itself (at exit, before a restore, on leaving the desk):
    /// within a second, or when a sync under way ends.
    pub fn stop_live_sync(&self) {
        drop(lock(&self.live).take());
        let mut feed = lock(&self.feed);
        feed.offline_since = None;
        feed.error = None;
        feed.held = 0;
    }

    /// Sends the live sync's messages to `send` from now on, instead of to the
    /// window's previous watch.
    pub fn watch_desk(&self, send: impl Fn(Value) + Send + 'static) {
        lock(&self.feed).send = Some(Box::new(send));
    }

    /// A sync the window asked for ("Sync now"), told to the feed like the live
    /// sync's own, so the header and every view hear of it the same way.
    pub fn synced_now(&self, done: &Result<SyncReport, Error>) {
        lock(&self.feed).heard(done.as_ref().map_err(|e| (e, Duration::ZERO)));
    }

    pub fn sync_health(&self) -> SyncHealth {
        let feed = lock(&self.feed);
        SyncHealth {
            offline_since: feed.offline_since,
            error: feed.error.clone(),
            held: feed.held,
            live: lock(&self.live).is_some(),
        }
    }

    /// Opens the database into the state, or records why it cannot be opened.
    fn reopen(&self) -> Result<(), Error> {
        let mut slot = lock(&self.store);
        *slot = None;
        match Store::open_with_backups(&self.db_path) {
            Ok((store, warning)) => {
                if let Some(w) = warning {
                    self.warn(&w);
                }
                *slot = Some(store);
                *lock(&self.open_error) = None;
                Ok(())
            }
            Err(e) => {
                eprintln!("greenroom: {e}");
                *lock(&self.open_error) = serde_json::to_value(&e).ok();
                Err(e)
            }
        }
    }

    /// What has been in the trash longer than `trash.days` goes at the start; a failure
    /// only delays it to the next start (the trash hides such entries meanwhile).
    fn empty_expired_trash(&self) {
        if let Some(store) = lock(&self.store).as_mut() {
            if let Err(e) = store.empty_expired_trash() {
                eprintln!("greenroom: warning: the trash could not be emptied of old entries: {e}");
            }
        }
    }

    /// The daily backup, on a thread with its own connection: copying a large archive
    /// takes seconds, and the window must open at once. Only the due check (a listing
    /// of the backups folder) runs here.
    fn start_daily_backup(&self) {
        if !backup::daily_due(&self.db_path) {
            return;
        }
        let db_path = self.db_path.clone();
        let warning = Arc::clone(&self.backup_warning);
        let spawned = std::thread::Builder::new()
            .name("daily-backup".into())
            .spawn(move || {
                if let Err(e) = backup::daily_if_due(&db_path) {
                    eprintln!("greenroom: warning: {e}");
                    *lock(&warning) = serde_json::to_value(&e).ok();
                }
            });
        if let Err(e) = spawned {
            eprintln!("greenroom: warning: the daily backup could not start: {e}");
        }
    }

    fn warn(&self, e: &Error) {
        eprintln!("greenroom: warning: {e}");
        *lock(&self.backup_warning) = serde_json::to_value(e).ok();
    }

    pub fn open_error(&self) -> Option<serde_json::Value> {
        lock(&self.open_error).clone()
    }

    pub fn backup_warning(&self) -> Option<serde_json::Value> {
        lock(&self.backup_warning).clone()
    }

    /// The store, locked for one command.
    pub fn store(&self) -> Result<StoreGuard<'_>, Error> {
        let guard = lock(&self.store);
        if guard.is_none() {
            return Err(Error::CannotOpen {
                path: self.db_path.clone(),
                reason: "the database could not be opened when Greenroom started".into(),
            });
        }
        Ok(StoreGuard(guard))
    }

    /// Replaces the database with the backup at `from` and reopens it. The store is
    /// closed first, so this process has nothing open on the file while it is
    /// replaced; the store lock is held throughout, so no command runs in between.
    pub fn restore(&self, from: &Path) -> Result<Restored, Error> {
        // Its connection too must be closed while the file is replaced.
        self.stop_live_sync();
        let mut slot = lock(&self.store);
        drop(slot.take());
        let restored = restore::restore(&self.db_path, from);
        drop(slot);
        // Whatever is there now (the restored file, or the old one if the backup was
        // refused) is what the window works on.
        let reopened = self.reopen();
        if reopened.is_ok() {
            self.start_live_sync();
        }
        let restored = restored?;
        reopened?;
        Ok(restored)
    }
}

impl AppState {
    /// Records a path the native save dialog returned (never one from the window).
    pub fn remember_choice(&self, path: PathBuf) {
        lock(&self.chosen).insert(path);
    }

    /// `path` from the window, if the save dialog returned it in this session.
    pub fn chosen_path(&self, path: &str) -> Result<PathBuf, Error> {
        let path = PathBuf::from(path);
        if lock(&self.chosen).contains(&path) {
            return Ok(path);
        }
        Err(Error::validation(
            "path",
            "was not chosen in the save dialog; choose where to save with Export…",
        ))
    }

    pub fn remember_export(&self, path: PathBuf) {
        lock(&self.exported).insert(path);
    }

    pub fn was_exported(&self, path: &Path) -> bool {
        lock(&self.exported).contains(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The save dialog's answer is what lets the window name a file, and only that
    /// answer; what was written is what may be opened.
    #[test]
    fn only_paths_the_dialog_returned_are_written_and_only_exports_opened() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("greenroom.db"));
        let chosen = dir.path().join("chosen.md");
        let shown = chosen.display().to_string();
        assert_eq!(state.chosen_path(&shown).unwrap_err().code(), "validation");
        state.remember_choice(chosen.clone());
        assert_eq!(state.chosen_path(&shown).unwrap(), chosen);
        let other = dir.path().join("other.md").display().to_string();
        assert!(state.chosen_path(&other).is_err());
        assert!(!state.was_exported(&chosen));
        state.remember_export(chosen.clone());
        assert!(state.was_exported(&chosen));
    }

    /// The window hears each sync; since when the desk is out of reach is the first
    /// failure's time until a sync succeeds; a new watch replaces the old.
    #[test]
    fn the_feed_tells_the_window_and_keeps_since_when_the_desk_is_out_of_reach() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("greenroom.db"));
        let (old, heard) = (
            Arc::new(Mutex::new(Vec::new())),
            Arc::new(Mutex::new(Vec::new())),
        );
        let sink = |to: &Arc<Mutex<Vec<Value>>>| {
            let to = Arc::clone(to);
            move |m| lock(&to).push(m)
        };
        state.watch_desk(sink(&old));
        state.watch_desk(sink(&heard));
        let offline = Error::Desk {
            code: "offline",
            message: "cannot reach the desk's server".into(),
        };
        lock(&state.feed).heard(Err((&offline, Duration::from_secs(2))));
        let since = state
            .sync_health()
            .offline_since
            .expect("offline since now");
        lock(&state.feed).heard(Err((&offline, Duration::from_secs(4))));
        let health = state.sync_health();
        assert_eq!(health.offline_since, Some(since), "since the first failure");
        assert_eq!(health.error.as_ref().unwrap()["code"], "offline");
        assert!(!health.live, "no link, no live sync");
        let mut report = SyncReport {
            pushed: Default::default(),
            pulled: 2,
            seq: 7,
            head: 7,
            conflicts: 0,
            rejected: Vec::new(),
            changed: Vec::new(),
            changed_more: false,
        };
        report.pushed.locked = 2;
        state.synced_now(&Ok(report.clone()));
        let health = state.sync_health();
        assert_eq!((health.offline_since, health.held), (None, 2));
        // Still held while offline; gone once a sync sends them.
        lock(&state.feed).heard(Err((&offline, Duration::from_secs(1))));
        assert_eq!(state.sync_health().held, 2);
        report.pushed.locked = 0;
        state.synced_now(&Ok(report));
        assert_eq!(state.sync_health(), SyncHealth::default());

        assert!(lock(&old).is_empty(), "the replaced watch hears nothing");
        let heard = lock(&heard);
        let kinds: Vec<_> = heard.iter().map(|m| m["kind"].clone()).collect();
        assert_eq!(kinds, ["failed", "failed", "synced", "failed", "synced"]);
        assert_eq!(heard[1]["retryIn"], 4);
        assert_eq!(heard[1]["offlineSince"], heard[0]["offlineSince"]);
        assert_eq!(heard[2]["report"]["pulled"], 2);
    }

    /// A producer without a desk runs no sync; a linked database starts one from the
    /// start, and stopping lets it go. Only the wiring: this member's token is
    /// missing, so its thread ends at once by itself. That stopping ends a loop that
    /// is running is proved on `live::Running` itself (core's `tests/desk/live.rs`),
    /// in a process of its own that points the config folder at a token: these tests
    /// share a process, where changing the environment would race.
    #[test]
    fn the_desks_sync_runs_only_for_a_linked_database_and_stops() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("greenroom.db");
        let state = AppState::open(path.clone());
        assert!(lock(&state.live).is_none());
        drop(state);
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute(
            "INSERT INTO desk_link (one, server, desk_id, desk_name, member_id, member_name, role)
             VALUES (1, 'http://127.0.0.1:9', ?1, 'Desk', ?2, 'Ann', 'editor')",
            [
                "0190c2a8-7d1e-7c3a-9f00-000000000001",
                "0190c2a8-7d1e-7c3a-9f00-00000000ffff",
            ],
        )
        .unwrap();
        drop(c);
        let state = AppState::open(path);
        assert!(lock(&state.live).is_some());
        state.stop_live_sync();
        assert!(lock(&state.live).is_none());
    }
}
