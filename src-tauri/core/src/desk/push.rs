//! Pushing the outbox: in batches of at most `MAX_PUSH` changes and the server's body
//! limit, oldest first. Each row goes
//! in the transaction that records the server's answer to it (and the entity's server
//! revision), so a push whose answer is lost leaves the rows queued, and the retry
//! sends the same record ids: the server answers them as `duplicate`, applying
//! nothing twice.

use std::collections::HashMap;

use chrono::DateTime;
use greenroom_protocol::wire::{Outcome, Push, Pushed, MAX_BODY_BYTES, MAX_PUSH};
use greenroom_protocol::{Entity, PushedChange};
use rusqlite::params;
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::desk::client::Client;
use crate::desk::state::live_state;
use crate::error::{Error, Result};
use crate::store::change::rebuild;
use crate::store::db::Store;

/// What a push did, by outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PushReport {
    pub applied: usize,
    pub merged: usize,
    pub conflicted: usize,
    pub duplicate: usize,
}

impl PushReport {
    pub fn total(&self) -> usize {
        self.applied + self.merged + self.conflicted + self.duplicate
    }
}

pub(crate) fn push(store: &Store, client: &Client) -> Result<PushReport> {
    let mut report = PushReport::default();
    loop {
        let batch = next_batch(store)?;
        if batch.is_empty() {
            return Ok(report);
        }
        let entities: HashMap<Uuid, (Entity, String)> = batch
            .iter()
            .map(|c| (c.id, (c.entity, c.entity_id.clone())))
            .collect();
        let body = Push { changes: batch };
        let pushed: Pushed = client.post("/push", &body)?;
        let tx = store.write()?;
        for result in &pushed.results {
            let Some((entity, id)) = entities.get(&result.id) else {
                continue;
            };
            tx.prepare_cached("DELETE FROM desk_outbox WHERE id = ?1")?
                .execute([result.id.to_string()])?;
            tx.prepare_cached(
                "INSERT INTO desk_entity (entity, entity_id, server_revision) VALUES (?1, ?2, ?3)
                 ON CONFLICT (entity, entity_id) DO UPDATE
                 SET server_revision = max(server_revision, excluded.server_revision)",
            )?
            .execute(params![entity.as_str(), id, result.revision])?;
            match result.outcome {
                Outcome::Applied => report.applied += 1,
                Outcome::Merged => report.merged += 1,
                Outcome::Conflicted => report.conflicted += 1,
                Outcome::Duplicate => report.duplicate += 1,
            }
        }
        tx.commit()?;
        if pushed.results.len() < body.changes.len() {
            return Err(Error::Desk {
                code: "server",
                message: format!(
                    "the desk's server answered {} of {} changes pushed; the rest stay queued",
                    pushed.results.len(),
                    body.changes.len()
                ),
            });
        }
    }
}

pub(crate) fn next_batch(store: &Store) -> Result<Vec<PushedChange>> {
    let mut st = store.conn.prepare_cached(
        "SELECT id, client_op, entity, entity_id, revision, base_revision, operation, author,
                at, before, after, merged_into
         FROM desk_outbox ORDER BY seq LIMIT ?1",
    )?;
    let rows = st.query_map([MAX_PUSH as i64], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, i64>(8)?,
            r.get::<_, Option<String>>(9)?,
            r.get::<_, Option<String>>(10)?,
            r.get::<_, Option<String>>(11)?,
        ))
    })?;
    let damaged = |e: &dyn std::fmt::Display| {
        Error::validation("desk", format!("a queued change cannot be read: {e}"))
    };
    let uuid = |s: &str| Uuid::parse_str(s).map_err(|e| damaged(&e));
    let json = |s: Option<String>| -> Result<Option<Map<String, Value>>> {
        s.map(|s| serde_json::from_str(&s).map_err(|e| damaged(&e)))
            .transpose()
    };
    let mut out = Vec::new();
    let mut bytes = 0;
    for row in rows {
        let (id, op, entity, entity_id, revision, base, operation, author, at, before, after, into) =
            row?;
        let entity: Entity = entity.parse()?;
        let mut after = json(after)?;
        if let Some(state) = &mut after {
            complete(store, entity, &entity_id, revision, state)?;
        }
        let change = PushedChange {
            id: uuid(&id)?,
            client_op: uuid(&op)?,
            entity,
            entity_id,
            base_revision: base,
            operation: operation.parse()?,
            author,
            at: DateTime::from_timestamp_millis(at).unwrap_or_default(),
            before: json(before)?,
            after,
            merged_into: into,
        };
        // The server reads at most MAX_BODY_BYTES: a batch of large programmes stops
        // short of it (the next batch takes the rest); one change alone goes as it is.
        bytes += serde_json::to_vec(&change).map_or(0, |v| v.len()) + 1;
        if bytes > BATCH_BYTES && !out.is_empty() {
            break;
        }
        out.push(change);
    }
    Ok(out)
}

/// The most JSON one push carries, with room under the server's limit for the rest
/// of the body.
const BATCH_BYTES: usize = MAX_BODY_BYTES - 64 * 1024;

/// A creation recorded without its state (a guest added by name, a listing
/// imported): the whole state it made, rebuilt from the change records (the live
/// state when nothing changed it since). Other states go as recorded: one that names
/// only the fields it changed merges on the server as just those fields.
fn complete(
    store: &Store,
    entity: Entity,
    id: &str,
    revision: i64,
    state: &mut Map<String, Value>,
) -> Result<()> {
    let whole = match entity {
        Entity::Programme => "title",
        Entity::Person => "name",
        Entity::SeriesFormat => "series",
    };
    if state.contains_key(whole) {
        return Ok(());
    }
    let live = live_state(store, entity, id)?;
    let rebuilt = match rebuild(&store.conn, entity, id, revision, live.clone()) {
        Ok(s) => Some(s),
        Err(_) => live,
    };
    if let Some(rebuilt) = rebuilt {
        *state = rebuilt;
    }
    Ok(())
}
