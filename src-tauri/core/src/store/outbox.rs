//! The desk's outbox: each change record of a database linked to a desk is queued
//! here in the transaction that makes it (`store/change.rs`), to be pushed by
//! `desk/push.rs`. Without a link nothing is written: a producer without a desk sees
//! no change.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::store::change::{unrecordable, Entity, Operation, Origin, Record};

/// What a write needs of the desk this database is linked to: read once when the
/// write opens (`Store::write`), for every change it records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Linked {
    pub access: Access,
    /// What the desk knows this database's member as: who changes are recorded as
    /// when no author name is set here.
    pub member_name: String,
}

/// What the member's role on the desk lets a write do with its changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    /// An editor or admin: they are queued for the desk.
    Writes,
    /// A viewer: read only, they are refused.
    Reads,
}

/// The desk link; `None` without a desk.
pub(crate) fn linked(conn: &Connection) -> Result<Option<Linked>> {
    Ok(conn
        .prepare_cached("SELECT role, member_name FROM desk_link")?
        .query_row([], |r| {
            let role: String = r.get(0)?;
            Ok(Linked {
                access: match role.as_str() {
                    "viewer" => Access::Reads,
                    _ => Access::Writes,
                },
                member_name: r.get(1)?,
            })
        })
        .optional()?)
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

/// Queues the change record `record_id` when the database is linked to a desk (as
/// `origin` says: the link its write read). Its states are what the code that made
/// the change recorded: whole states, or only the fields it changed (a guest's
/// affiliation filled in); the push completes them from the change records
/// (`desk/push.rs`).
pub(crate) fn queue(
    conn: &Connection,
    origin: Origin<'_>,
    record_id: uuid::Uuid,
    at: i64,
    r: &Record<'_>,
) -> Result<()> {
    match origin.desk {
        None => return Ok(()),
        // A viewer's archive is the desk's, read only: an edit here could never reach
        // the desk and would only drift from it, so it is refused before it is made.
        Some(Access::Reads) => return Err(Error::ReadOnly),
        Some(Access::Writes) => {}
    }
    // A lock guards editors' hands, not the directory: a person merged (or unmerged)
    // still moves in a locked programme's line-up, as on the desk.
    if !matches!(origin.operation, Operation::Merge | Operation::Unmerge) {
        if let Some(lock) = crate::desk::lock::held_by_other(conn, r.entity, r.id)? {
            return Err(Error::Locked {
                by: lock.member_name,
                since: lock.since,
            });
        }
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
