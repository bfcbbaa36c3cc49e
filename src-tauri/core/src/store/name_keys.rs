//! The `match_key` column of `person`: a derived value like the search index, kept
//! in step by the code that writes names and filled in at open for rows without one.

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::ids::PersonId;
use crate::text::names::match_key;

/// Stores the match key of a person just created or renamed.
pub(crate) fn store_key(conn: &Connection, id: PersonId, name: &str) -> Result<()> {
    conn.execute(
        "UPDATE person SET match_key = ?2 WHERE id = ?1",
        params![id, match_key(name)],
    )?;
    Ok(())
}

/// Computes every missing match key: after migration 5, after a rename (a trigger
/// clears the key) and for people added by code that does not call [`store_key`].
/// Cheap when there is nothing to do (an index lookup), so callers run it freely.
/// A database opened only to read (a full disk, a read-only folder) is left as it is:
/// a person renamed since the last write is then matched by their old key.
pub(crate) fn fill_missing_keys(conn: &Connection) -> Result<usize> {
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
        let tx = conn.unchecked_transaction()?;
        for (id, name) in &batch {
            store_key(&tx, *id, name)?;
        }
        tx.commit()?;
        filled += batch.len();
    }
}
