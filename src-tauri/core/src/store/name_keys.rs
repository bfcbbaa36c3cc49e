//! The `match_key` column of `person`: a derived value like the search index, kept
//! in step by the code that writes names and filled in at open for rows without one.

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::ids::PersonId;
use crate::store::db::Store;
use crate::text::names::match_key;

/// Stores the match key of a person just created or renamed.
pub(crate) fn store_key(conn: &Connection, id: PersonId, name: &str) -> Result<()> {
    conn.prepare_cached("UPDATE person SET match_key = ?2 WHERE id = ?1")?
        .execute(params![id, match_key(name)])?;
    Ok(())
}

/// Computes every missing match key, as part of opening the database (after
/// migration 5): the store is not handed out yet, so these are the open step's own
/// transactions (see `store/write.rs`).
pub(crate) fn fill_missing_keys_at_open(conn: &Connection) -> Result<usize> {
    fill(conn, |batch| {
        let tx = conn.unchecked_transaction()?;
        store_keys(&tx, batch)?;
        Ok(tx.commit()?)
    })
}

impl Store {
    /// Computes every missing match key: after a rename (a trigger clears the key) and
    /// for people added by code that does not call [`store_key`]. Cheap when there is
    /// nothing to do (an index lookup, no write lock), so callers run it freely.
    pub(crate) fn fill_missing_keys(&self) -> Result<usize> {
        fill(&self.conn, |batch| {
            let tx = self.write()?;
            store_keys(&tx, batch)?;
            tx.commit()
        })
    }
}

/// Finds people without a key and hands them to `write` in batches. A database
/// opened only to read (a full disk, a read-only folder) is left as it is: a person
/// renamed since the last write is then matched by their old key.
fn fill(
    conn: &Connection,
    mut write: impl FnMut(&[(PersonId, String)]) -> Result<()>,
) -> Result<usize> {
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        return Ok(0);
    }
    let mut filled = 0;
    loop {
        // In batches, so a large backfill never holds thousands of names at once.
        let batch: Vec<(PersonId, String)> = conn
            .prepare_cached("SELECT id, name FROM person WHERE match_key IS NULL LIMIT 500")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if batch.is_empty() {
            return Ok(filled);
        }
        write(&batch)?;
        filled += batch.len();
    }
}

fn store_keys(conn: &Connection, batch: &[(PersonId, String)]) -> Result<()> {
    batch
        .iter()
        .try_for_each(|(id, name)| store_key(conn, *id, name))
}
