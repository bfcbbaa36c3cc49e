//! The one way a change reaches the archive: [`Store::write`]. Every create, edit,
//! delete, merge and import opens its transaction here, so this is where a change is
//! stamped with when it happened (and, next, who made it and what it was).

use chrono::Utc;
use rusqlite::{Transaction, TransactionBehavior};

use crate::error::Result;
use crate::store::db::Store;

impl Store {
    /// Writes take the lock up front so a concurrent writer waits (busy timeout)
    /// instead of failing on a read-to-write upgrade.
    pub(crate) fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// The instant a change is stamped with, in milliseconds since the epoch (UTC).
pub(crate) fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}
