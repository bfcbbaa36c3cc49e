//! The desk's outbox: each change record of a database linked to a desk is queued
//! here in the transaction that makes it (`store/change.rs`), to be pushed by
//! `desk/push.rs`. Without a link nothing is written: a producer without a desk sees
//! no change.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::store::change::{unrecordable, Entity, Origin, Record};

/// Whether this database is linked to a desk that takes its changes: a viewer's
/// edits stay on their machine (the desk would refuse them), and the next pull of the
/// entity puts the desk's state back.
pub(crate) fn linked(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM desk_link WHERE role <> 'viewer')")?
        .query_row([], |r| r.get(0))?)
}

/// The last server revision seen of the entity; 0 when the desk never had it.
pub(crate) fn server_revision(conn: &Connection, entity: Entity, id: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT server_revision FROM desk_entity WHERE entity = ?1 AND entity_id = ?2",
        )?
        .query_row(params![entity.as_str(), id], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// Queues the change record `record_id` when the database is linked to a desk. Its
/// states are what the code that made the change recorded: whole states, or only the
/// fields it changed (a guest's affiliation filled in); the push completes them from
/// the change records (`desk/push.rs`).
pub(crate) fn queue(
    conn: &Connection,
    origin: Origin<'_>,
    record_id: uuid::Uuid,
    at: i64,
    r: &Record<'_>,
) -> Result<()> {
    if !linked(conn)? {
        return Ok(());
    }
    let json = |s: Option<&serde_json::Map<String, serde_json::Value>>| {
        s.map(serde_json::to_string)
            .transpose()
            .map_err(unrecordable)
    };
    conn.prepare_cached(
        "INSERT INTO desk_outbox (id, client_op, entity, entity_id, revision, base_revision,
                                  operation, author, at, before, after, merged_into)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        record_id.to_string(),
        origin.op.to_string(),
        r.entity.as_str(),
        r.id,
        r.revision,
        server_revision(conn, r.entity, r.id)?,
        origin.operation.as_str(),
        origin.author,
        at,
        json(r.before)?,
        json(r.after)?,
        r.merged_into,
    ])?;
    Ok(())
}
