//! Holding the search index back during a bulk write, and catching it up once.
//!
//! The search triggers index a programme or person at every statement that changes
//! it; FTS5 writes a small segment per statement and merges them later, which is most
//! of the cost of writing thousands of programmes in one transaction. Between
//! [`pause`] and [`catch_up`], called on the same transaction, the triggers only note
//! which documents changed (migration 0007) and [`catch_up`] indexes each once. The
//! pause is a row written inside the transaction, so no other connection ever sees
//! it, and a rollback or a crash takes it away with everything else.

use rusqlite::Connection;

use crate::error::Result;

/// Makes the search triggers note changes instead of indexing them, until
/// [`catch_up`] in the same transaction.
pub(crate) fn pause(conn: &Connection) -> Result<()> {
    conn.execute("INSERT OR IGNORE INTO search_paused (one) VALUES (1)", [])?;
    Ok(())
}

/// Indexes every document noted since [`pause`], each once, and lets the triggers
/// index again. Safe to call when nothing is paused.
pub(crate) fn catch_up(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM programme_fts WHERE rowid IN (
             SELECT k.docid FROM search_dirty s JOIN search_key k ON k.ref_id = s.ref_id
             WHERE s.kind = 'programme');
         INSERT INTO programme_fts (rowid, title, series, framing, notes, folded)
             SELECT k.docid, d.title, d.series, d.framing, d.notes, d.folded
             FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id
             WHERE d.id IN (SELECT ref_id FROM search_dirty WHERE kind = 'programme');
         DELETE FROM person_fts WHERE rowid IN (
             SELECT k.docid FROM search_dirty s JOIN search_key k ON k.ref_id = s.ref_id
             WHERE s.kind = 'person');
         INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded, keys)
             SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded, d.keys
             FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id
             WHERE d.id IN (SELECT ref_id FROM search_dirty WHERE kind = 'person');
         DELETE FROM search_dirty;
         DELETE FROM search_paused;",
    )?;
    Ok(())
}
