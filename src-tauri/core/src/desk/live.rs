//! Syncing by itself, for any shell: a sync at the start, then whenever the desk
//! announces a head newer than this database's position (its events stream), a
//! change is made here, or a minute has passed without one; the desk's locks read
//! again whenever it announces that they changed; a sync that fails
//! (offline) is tried again after 1 s, 2 s, 4 s… up to a minute. Nothing spins: the
//! loop sleeps on the events between them, waking once a second to see whether it
//! is told to stop or a local change waits.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::desk::client::Heard;
use crate::desk::{link, lock, DeskLock, SyncReport};
use crate::error::{Error, Result};
use crate::store::db::Store;

/// A sync when nothing else asked for one.
pub const FALLBACK: Duration = Duration::from_secs(60);
/// How often the loop looks at its stop flag and this database's queue.
const TICK: Duration = Duration::from_secs(1);
const FIRST_RETRY: Duration = Duration::from_secs(1);
const LAST_RETRY: Duration = Duration::from_secs(60);

/// What one turn of the loop did.
#[derive(Debug)]
pub enum Live {
    Synced(SyncReport),
    /// The sync failed; the next try is in `retry_in`.
    Failed {
        error: Error,
        retry_in: Duration,
    },
    /// The desk's locks for air, read again: after the desk announced a change of
    /// them, or a sync found them changed (the first sync always says them).
    Locks(Vec<DeskLock>),
}

/// Syncs `store` by itself until `stop` is set (or the database leaves its desk),
/// telling `on` what each sync did.
pub fn watch(store: &mut Store, stop: &AtomicBool, on: &mut dyn FnMut(Live)) -> Result<()> {
    let link = link::require_link(&store.conn)?;
    let (heads, announced) = mpsc::channel::<Heard>();
    let _listener = Listener::start(link::client(&link)?, heads);
    let locks_client = link::client(&link)?;
    let mut locks: Option<Vec<DeskLock>> = None;
    let mut due = Instant::now();
    let mut retry: Option<Duration> = None;
    let mut last_head = None;
    // The newest local change the last sync took (a newer one is pushed at once).
    let mut queued = newest_queued(store)?;
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        let wait = due.saturating_duration_since(Instant::now()).min(TICK);
        match announced.recv_timeout(wait) {
            // Read at once, not at the next sync: a lock taken is news for every
            // window now. Offline, the next sync reads them.
            Ok(Heard::Locks) => {
                if lock::refresh(store, &locks_client).is_ok() {
                    let now = store.desk_locks()?;
                    locks = Some(now.clone());
                    on(Live::Locks(now));
                }
                // An unlock frees what an earlier push held back: it goes now, not
                // at the minute's sync (a push still refused waits again).
                if retry.is_none() && newest_queued(store)? > 0 {
                    due = Instant::now();
                }
            }
            Ok(Heard::Other) => {}
            Ok(Heard::Head(head)) => {
                // A head said again is news of conflicts raised without a revision.
                let news = head > pulled_seq(store)? || last_head == Some(head);
                last_head = Some(head);
                if news && retry.is_none() {
                    due = Instant::now();
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            // No events (the listener gave up): the minute's sync still runs.
            Err(RecvTimeoutError::Disconnected) => std::thread::sleep(wait),
        }
        if retry.is_none() && newest_queued(store)? > queued {
            due = Instant::now();
        }
        if Instant::now() < due {
            continue;
        }
        queued = newest_queued(store)?;
        match store.sync(&mut |_| {}) {
            Ok(report) => {
                retry = None;
                due = Instant::now() + FALLBACK;
                on(Live::Synced(report));
                let now = store.desk_locks()?;
                if locks.as_ref() != Some(&now) {
                    locks = Some(now.clone());
                    on(Live::Locks(now));
                }
            }
            Err(Error::Desk {
                code: "not_linked", ..
            }) => return Ok(()),
            Err(error) => {
                let next = retry.map_or(FIRST_RETRY, |r| (r * 2).min(LAST_RETRY));
                retry = Some(next);
                due = Instant::now() + next;
                on(Live::Failed {
                    error,
                    retry_in: next,
                });
            }
        }
    }
}

fn pulled_seq(store: &Store) -> Result<i64> {
    Ok(store
        .conn
        .prepare_cached("SELECT coalesce(max(pulled_seq), 0) FROM desk_link")?
        .query_row([], |r| r.get(0))?)
}

/// The newest queued change's place in the queue (0: none ever here).
fn newest_queued(store: &Store) -> Result<i64> {
    Ok(store
        .conn
        .prepare_cached("SELECT coalesce(max(seq), 0) FROM desk_outbox")?
        .query_row([], |r| r.get(0))?)
}

/// The events stream, read on its own thread (its reads block) and reconnected after
/// 1 s, 2 s… up to a minute when it fails. Not joined: it notices it is no longer
/// wanted (dropped) at its next line (15 s at most) or retry.
struct Listener {
    listening: Arc<AtomicBool>,
}

impl Listener {
    fn start(client: crate::desk::client::Client, heads: mpsc::Sender<Heard>) -> Listener {
        let listening = Arc::new(AtomicBool::new(true));
        let wanted = listening.clone();
        std::thread::spawn(move || {
            let listening = wanted;
            let mut retry = FIRST_RETRY;
            while listening.load(Ordering::Relaxed) {
                let mut heard = false;
                let ended = client.heads(&mut |said| {
                    heard = true;
                    let wanted = listening.load(Ordering::Relaxed);
                    match said {
                        Heard::Other => wanted,
                        said => wanted && heads.send(said).is_ok(),
                    }
                });
                if heard {
                    retry = FIRST_RETRY;
                }
                let pause = match ended {
                    Ok(()) => FIRST_RETRY,
                    Err(_) => {
                        let pause = retry;
                        retry = (retry * 2).min(LAST_RETRY);
                        pause
                    }
                };
                sleep_while(&listening, pause);
            }
        });
        Listener { listening }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.listening.store(false, Ordering::Relaxed);
    }
}

fn sleep_while(flag: &AtomicBool, total: Duration) {
    let end = Instant::now() + total;
    while flag.load(Ordering::Relaxed) && Instant::now() < end {
        std::thread::sleep(end.saturating_duration_since(Instant::now()).min(TICK));
    }
}

/// [`watch`] on its own thread over its own connection to the database at `path`,
/// for a shell that keeps running (the window): stopped and joined when dropped.
pub struct Running {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    /// Starts syncing the database at `path` by itself; `None` when it is not linked
    /// to a desk (a producer without a desk runs nothing).
    pub fn start(
        path: PathBuf,
        mut on: impl FnMut(Live) + Send + 'static,
    ) -> Result<Option<Running>> {
        let mut store = Store::open(&path)?;
        if link::read_link(&store.conn)?.is_none() {
            return Ok(None);
        }
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("desk-sync".into())
            .spawn(move || {
                if let Err(error) = watch(&mut store, &flag, &mut on) {
                    on(Live::Failed {
                        error,
                        retry_in: Duration::ZERO,
                    });
                }
            })
            .map_err(|e| Error::Desk {
                code: "internal",
                message: format!("cannot start syncing by itself: {e}"),
            })?;
        Ok(Some(Running {
            stop,
            thread: Some(thread),
        }))
    }
}

impl Drop for Running {
    /// Within a second, or once a sync under way ends.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
