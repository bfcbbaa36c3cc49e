//! The one way a change reaches the archive: [`Store::write`]. Every create, edit,
//! delete, merge, import, setting and generated archive opens its transaction here and
//! commits it through [`Write::commit`], so this is where a change is stamped with when
//! it happened, and where the next issues record who made it and queue it for the
//! shared desk's server.
//!
//! What does not come through here, on purpose: the open step. Migrations, the
//! search-index catch-up after an interrupted bulk import and the name-key backfill
//! that follows a migration run in `Store::open*` before the store is handed out.
//! They change the schema or recompute derived rows every copy of an archive computes
//! for itself, there is nobody yet who made them, and nothing of the app runs beside
//! them; a sync queue must never carry them. After open, a name key cleared by a
//! rename is filled in again through the helper like any other change. Pragmas that
//! only configure the connection or the file (cache size, journal mode) commit no
//! transaction and need no helper.
//!
//! The watch: a commit hook, installed when the store is handed out, counts every
//! commit on the store's connection that [`Write::commit`] did not make (SQLite calls
//! it for each write transaction, autocommit statements included, never for a read).
//! In debug builds such a commit is also turned into a rollback, so every test of the
//! workspace — unit, CLI, end-to-end — fails on a write that bypasses the helper, not
//! only the test that enumerates the kinds of change. Release builds only count: a
//! missed path there must not lose a producer's edit.

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use chrono::Utc;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::Result;
use crate::store::db::Store;
use crate::store::outbox::{linked, Linked};

/// A write transaction opened by [`Store::write`]. Read and write through it as through
/// a `Transaction`; [`Write::commit`] keeps the change, dropping it rolls it back. A
/// guard rather than a closure, so a write that ends without keeping anything (a stale
/// revision, a bulk group to be done again) simply returns, `?` and all; what the next
/// issues record about a change goes into this struct and out at `commit`.
pub(crate) struct Write<'a> {
    tx: Transaction<'a>,
    watch: &'a Watch,
    /// The author the shell set, if any (see [`crate::store::change`]).
    pub(crate) author: Option<&'a str>,
    /// This write's own id: its change records share it as a desk's `client_op`.
    pub(crate) op: uuid::Uuid,
    /// Set while applying changes pulled from a desk: they are recorded but not
    /// queued to be pushed back (`store/outbox.rs`).
    pub(crate) applying: bool,
    /// The desk link as the write opened (`None`: no desk), read once for all the
    /// changes it records; a write that makes the link reads it again.
    pub(crate) desk: Option<Linked>,
}

impl Store {
    /// Opens the write transaction every change goes through. It takes the lock up
    /// front so a concurrent writer waits (busy timeout) instead of failing on a
    /// read-to-write upgrade. Shared borrow: reads (and derived-row upkeep) that hold
    /// `&Store` may write too; a second `write` while one is open fails in SQLite.
    pub(crate) fn write(&self) -> Result<Write<'_>> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let desk = linked(&tx)?;
        Ok(Write {
            tx,
            watch: &self.watch,
            author: self.author.as_deref(),
            op: uuid::Uuid::now_v7(),
            applying: false,
            desk,
        })
    }

    /// [`Store::write`] for changes pulled from the desk: recorded, never queued.
    pub(crate) fn write_applying(&self) -> Result<Write<'_>> {
        let mut w = self.write()?;
        w.applying = true;
        Ok(w)
    }

    /// How many commits on this store's connection bypassed [`Store::write`] since it
    /// was opened. For the test that proves none does; zero in a correct build.
    #[doc(hidden)]
    pub fn writes_outside_helper(&self) -> usize {
        self.watch.outside.load(Ordering::Relaxed)
    }
}

impl Write<'_> {
    /// Keeps the change: the only commit the store's connection accepts.
    pub(crate) fn commit(self) -> Result<()> {
        let _committing = self.watch.committing();
        self.tx.commit()?;
        Ok(())
    }
}

impl<'a> Deref for Write<'a> {
    type Target = Transaction<'a>;
    fn deref(&self) -> &Transaction<'a> {
        &self.tx
    }
}

impl<'a> DerefMut for Write<'a> {
    fn deref_mut(&mut self) -> &mut Transaction<'a> {
        &mut self.tx
    }
}

/// What the commit hook shares with the store: whether the helper is committing, and
/// how many commits were not its own. Atomics because the hook must be `Send`.
#[derive(Default)]
pub(crate) struct Watch {
    helper_committing: Arc<AtomicBool>,
    outside: Arc<AtomicUsize>,
}

impl Watch {
    /// Installs the hook on a connection whose open step is done.
    pub(crate) fn install(conn: &mut Connection) -> Result<Watch> {
        let watch = Watch::default();
        let committing = Arc::clone(&watch.helper_committing);
        let outside = Arc::clone(&watch.outside);
        conn.commit_hook(Some(move || {
            if committing.load(Ordering::Relaxed) {
                return false;
            }
            outside.fetch_add(1, Ordering::Relaxed);
            // `true` turns the commit into a rollback.
            cfg!(debug_assertions)
        }))?;
        Ok(watch)
    }

    /// Marks the helper as committing until the returned guard is dropped, error or not.
    fn committing(&self) -> Committing<'_> {
        self.helper_committing.store(true, Ordering::Relaxed);
        Committing(&self.helper_committing)
    }
}

struct Committing<'a>(&'a AtomicBool);

impl Drop for Committing<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

/// The instant a change is stamped with, in milliseconds since the epoch (UTC).
pub(crate) fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The watch the write test relies on: a commit not made by the helper is seen
    /// (and, in debug builds, refused), whether autocommit or a transaction of its own.
    #[test]
    fn a_commit_outside_the_helper_is_counted() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(
            store.writes_outside_helper(),
            0,
            "the open step is not counted"
        );
        let insert = "INSERT OR REPLACE INTO setting (key, value) VALUES ('backup.keep', '3')";
        let tx = store.write().unwrap();
        tx.execute(insert, []).unwrap();
        tx.commit().unwrap();
        store.conn.query_row("SELECT 1", [], |_| Ok(())).unwrap();
        assert_eq!(store.writes_outside_helper(), 0, "the helper's and a read");

        let autocommit = store.conn.execute(insert, []);
        let tx = store.conn.unchecked_transaction().unwrap();
        tx.execute(insert, []).unwrap();
        let own = tx.commit();
        assert_eq!(store.writes_outside_helper(), 2);
        assert_eq!(autocommit.is_err(), cfg!(debug_assertions));
        assert_eq!(own.is_err(), cfg!(debug_assertions));
    }

    /// Dropping the helper's transaction rolls it back, as after an error.
    #[test]
    fn a_write_not_committed_leaves_nothing() {
        let store = Store::open_in_memory().unwrap();
        {
            let tx = store.write().unwrap();
            tx.execute("INSERT INTO setting (key, value) VALUES ('x', 'y')", [])
                .unwrap();
        }
        let n: i64 = store
            .conn
            .query_row("SELECT count(*) FROM setting", [], |r| r.get(0))
            .unwrap();
        assert_eq!((n, store.writes_outside_helper()), (0, 0));
    }
}
