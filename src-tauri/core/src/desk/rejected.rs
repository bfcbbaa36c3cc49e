//! Changes parked instead of stopping a sync: a pulled one this database cannot apply
//! (a malformed id or state that reached the desk, say from a build without its
//! checks) and a pushed one the desk's server refused as malformed. Every other
//! change goes on; `desk status` counts what is parked and `sync` names it.

use greenroom_protocol::{state, Entity};
use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::store::change::unrecordable;
use crate::store::write::now_ms;

/// One parked change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rejected {
    /// `pulled` or `pushed`.
    pub side: String,
    pub id: String,
    /// Pulled: its place in the desk's order.
    pub seq: Option<i64>,
    pub entity: String,
    pub entity_id: String,
    pub reason: String,
}

impl Rejected {
    /// One line for a person to read.
    pub fn line(&self) -> String {
        let what = format!("{} {}", self.entity.replace('_', " "), self.entity_id);
        match self.seq {
            Some(seq) => format!(
                "not applied: the desk's change {seq} to {what}: {}",
                self.reason
            ),
            None => format!(
                "refused by the desk: this change to {what}: {}",
                self.reason
            ),
        }
    }
}

/// Parks `body` (a change as the wire carries it); `entity` is its word, which may be
/// one a newer Greenroom wrote.
pub(crate) fn park(
    conn: &Connection,
    side: &str,
    seq: Option<i64>,
    (id, entity, entity_id): (&str, &str, &str),
    reason: &str,
    body: &impl Serialize,
) -> Result<()> {
    let body = serde_json::to_string(body).map_err(unrecordable)?;
    conn.prepare_cached(
        "INSERT INTO desk_rejected (side, id, seq, entity, entity_id, reason, body, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        side,
        id,
        seq,
        entity,
        entity_id,
        reason,
        body,
        now_ms()
    ])?;
    Ok(())
}

/// The newest parked row's number: what a sync parks comes after it.
pub(crate) fn mark(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(n), 0) FROM desk_rejected", [], |r| {
            r.get(0)
        })?,
    )
}

/// The changes parked after `mark`, oldest first.
pub(crate) fn since(conn: &Connection, mark: i64) -> Result<Vec<Rejected>> {
    let mut st = conn.prepare_cached(
        "SELECT side, id, seq, entity, entity_id, reason FROM desk_rejected WHERE n > ?1
         ORDER BY n",
    )?;
    let rows = st.query_map([mark], |r| {
        Ok(Rejected {
            side: r.get(0)?,
            id: r.get(1)?,
            seq: r.get(2)?,
            entity: r.get(3)?,
            entity_id: r.get(4)?,
            reason: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Why every member could not apply a change with these ids and states, if so: the
/// protocol's own checks, the ones the server makes of a push, and a setting this
/// build does not know.
pub(crate) fn unfit(
    entity: Entity,
    entity_id: &str,
    before: Option<&Map<String, Value>>,
    after: Option<&Map<String, Value>>,
    merged_into: Option<&str>,
) -> Option<String> {
    if entity == Entity::Setting && !crate::settings::DESK_KEYS.contains(&entity_id) {
        return Some(format!(
            "{entity_id:?} is not a desk setting this Greenroom reads"
        ));
    }
    state::check_change(entity, entity_id, before, after, merged_into)
        .err()
        .map(|e| {
            let named: String = entity_id.chars().take(state::MAX_ID).collect();
            format!("{e} (entity {named:?})")
        })
}

/// Whether applying failed for the change itself (what it holds), not for this
/// database (busy, full, damaged): only the first kind is parked.
pub(crate) fn about_the_change(e: &Error) -> bool {
    match e {
        Error::Validation { .. }
        | Error::AmbiguousTime { .. }
        | Error::NotFound { .. }
        | Error::NoneNamed { .. }
        | Error::Ambiguous { .. }
        | Error::NearMatch { .. }
        | Error::Conflict { .. } => true,
        Error::Storage(rusqlite::Error::SqliteFailure(f, _)) => {
            f.code == rusqlite::ErrorCode::ConstraintViolation
        }
        _ => false,
    }
}
