//! Pushing the outbox: in batches of at most `MAX_PUSH` changes and the server's body
//! limit, oldest first. Each row goes
//! in the transaction that records the server's answer to it (and the entity's server
//! revision), so a push whose answer is lost leaves the rows queued, and the retry
//! sends the same record ids: the server answers them as `duplicate`, applying
//! nothing twice. A change to a programme another member locked for air is answered
//! `locked`: it stays queued, and so does every later change of that entity (they go
//! in order), until a push after the lock is dropped.

use std::collections::{HashMap, HashSet};

use chrono::DateTime;
use greenroom_protocol::wire::{Outcome, Push, Pushed, MAX_BODY_BYTES, MAX_PUSH};
use greenroom_protocol::{delta, Entity, PushedChange};
use rusqlite::params;
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::desk::client::Client;
use crate::desk::rejected::{park, unfit};
use crate::desk::state::{live_revision, live_state};
use crate::error::{Error, Result};
use crate::store::change::rebuild;
use crate::store::db::Store;
use crate::store::write::Write;

/// What a push did, by outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PushReport {
    pub applied: usize,
    pub merged: usize,
    pub conflicted: usize,
    pub duplicate: usize,
    /// Held back by another member's lock for air: still queued, with every later
    /// change of the same entity.
    pub locked: usize,
}

impl PushReport {
    /// The changes the desk took (not those held back by a lock).
    pub fn total(&self) -> usize {
        self.applied + self.merged + self.conflicted + self.duplicate
    }
}

pub(crate) fn push(store: &Store, client: &Client) -> Result<PushReport> {
    let mut report = PushReport::default();
    // Lowered to one when the server refuses a batch without naming the change, until
    // that change is found and parked.
    let mut most = MAX_PUSH;
    // Entities another member locked: their changes wait for a later push.
    let mut held: HashSet<(Entity, String)> = HashSet::new();
    loop {
        let batch = next_batch(store, most, &held)?;
        if batch.is_empty() {
            return Ok(report);
        }
        // What no member could apply is not sent (an older server might take it).
        let unfit: Vec<(&PushedChange, String)> = batch
            .iter()
            .filter_map(|c| why_unfit(c).map(|why| (c, why)))
            .collect();
        if !unfit.is_empty() {
            let tx = store.write()?;
            for (c, why) in &unfit {
                refuse(&tx, c, &format!("not sent: {why}"))?;
            }
            tx.commit()?;
            continue;
        }
        let entities: HashMap<Uuid, (Entity, String)> = batch
            .iter()
            .map(|c| (c.id, (c.entity, c.entity_id.clone())))
            .collect();
        let body = Push { changes: batch };
        let pushed: Pushed = match client.post("/push", &body) {
            Ok(pushed) => pushed,
            // Refused for what a change holds: it would be refused at every retry
            // and hold every later change back. The one the server names (or the
            // only one sent) is parked; else they go one at a time to find it.
            Err(Error::Desk {
                code: "invalid" | "conflict" | "too_large",
                message,
            }) => {
                let named = body
                    .changes
                    .iter()
                    .find(|c| message.contains(&c.id.to_string()))
                    .or(match body.changes.as_slice() {
                        [only] => Some(only),
                        _ => None,
                    });
                match named {
                    Some(c) => {
                        let tx = store.write()?;
                        refuse(&tx, c, &message)?;
                        tx.commit()?;
                        most = MAX_PUSH;
                    }
                    None => most = 1,
                }
                continue;
            }
            Err(e) => return Err(e),
        };
        let tx = store.write()?;
        for result in &pushed.results {
            let Some((entity, id)) = entities.get(&result.id) else {
                continue;
            };
            if result.outcome == Outcome::Locked {
                held.insert((*entity, id.clone()));
                report.locked += 1;
                continue;
            }
            tx.prepare_cached("DELETE FROM desk_outbox WHERE id = ?1")?
                .execute([result.id.to_string()])?;
            if advances(store, result.outcome, *entity, id)? {
                tx.prepare_cached(
                    "INSERT INTO desk_entity (entity, entity_id, server_revision)
                     VALUES (?1, ?2, ?3)
                     ON CONFLICT (entity, entity_id) DO UPDATE
                     SET server_revision = max(server_revision, excluded.server_revision)",
                )?
                .execute(params![entity.as_str(), id, result.revision])?;
            }
            match result.outcome {
                Outcome::Applied => report.applied += 1,
                Outcome::Merged => report.merged += 1,
                Outcome::Conflicted => report.conflicted += 1,
                Outcome::Duplicate => report.duplicate += 1,
                Outcome::Locked => {}
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

/// Whether a push result's revision is the entity's server revision here. A
/// conflicted change made none (a whole-entity conflict answers a revision this
/// member never saw, and counting it as seen would make its next edit a silent
/// restore), nor does a duplicate's say anything new. A person no longer live here
/// was merged away: the server answered for the person kept, whose revision is not
/// this id's. The pull that follows sets the rest.
fn advances(store: &Store, outcome: Outcome, entity: Entity, id: &str) -> Result<bool> {
    Ok(match outcome {
        Outcome::Applied | Outcome::Merged => {
            entity != Entity::Person || live_revision(store, entity, id)?.is_some()
        }
        Outcome::Conflicted | Outcome::Duplicate | Outcome::Locked => false,
    })
}

fn why_unfit(c: &PushedChange) -> Option<String> {
    unfit(
        c.entity,
        &c.entity_id,
        c.before.as_ref(),
        c.after.as_ref(),
        c.merged_into.as_deref(),
    )
}

/// Takes `c` out of the queue, parked with `why`.
fn refuse(tx: &Write<'_>, c: &PushedChange, why: &str) -> Result<()> {
    let id = c.id.to_string();
    park(
        tx,
        "pushed",
        None,
        (&id, c.entity.as_str(), &c.entity_id),
        why,
        c,
    )?;
    tx.prepare_cached("DELETE FROM desk_outbox WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// The oldest queued changes, at most `most`, as pushed; none of the entities `held`.
pub(crate) fn next_batch(
    store: &Store,
    most: usize,
    held: &HashSet<(Entity, String)>,
) -> Result<Vec<PushedChange>> {
    let mut st = store.conn.prepare_cached(
        "SELECT id, client_op, entity, entity_id, revision, base_revision, operation, author,
                at, before, after, merged_into
         FROM desk_outbox ORDER BY seq",
    )?;
    let rows = st.query_map([], |r| {
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
        if out.len() >= most {
            break;
        }
        let entity: Entity = entity.parse()?;
        if held.contains(&(entity, entity_id.clone())) {
            continue;
        }
        let (before, after) = whole(
            store,
            entity,
            &entity_id,
            revision,
            json(before)?,
            json(after)?,
        )?;
        let change = PushedChange {
            id: uuid(&id)?,
            client_op: uuid(&op)?,
            entity,
            entity_id,
            base_revision: base,
            operation: operation.parse()?,
            author,
            at: DateTime::from_timestamp_millis(at).unwrap_or_default(),
            before,
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

/// A recorded state; `None`: none (a creation's before, a deletion's after).
type State = Option<Map<String, Value>>;

/// The states of a change as the desk needs them: whole. A creation recorded
/// without its state (a guest added by name, a listing imported) and an update that
/// names only the fields it changed (an affiliation filled in) get the whole state
/// they made, rebuilt from the change records (the live state when nothing changed it
/// since); such an update's `before` is that state with its recorded fields put back.
/// A partial `before` under a whole `after` would read, in a three-way merge, as
/// every other field set by this change: another member's edits to them undone.
pub(crate) fn whole(
    store: &Store,
    entity: Entity,
    id: &str,
    revision: i64,
    before: State,
    after: State,
) -> Result<(State, State)> {
    let key = match entity {
        Entity::Programme => "title",
        Entity::Person => "name",
        Entity::SeriesFormat => "series",
        Entity::Setting => "value",
    };
    let partial = |s: &State| s.as_ref().is_some_and(|s| !s.contains_key(key));
    if !partial(&after) && !partial(&before) {
        return Ok((before, after));
    }
    let live = live_state(store, entity, id)?;
    let made = match rebuild(&store.conn, entity, id, revision, live.clone()) {
        Ok(s) => Some(s),
        Err(_) => live,
    };
    let after = match (after, &made) {
        (Some(a), Some(made)) if !a.contains_key(key) => Some(made.clone()),
        (after, _) => after,
    };
    let before = match (before, &after) {
        (Some(b), Some(a)) if !b.contains_key(key) && a.contains_key(key) => {
            let mut whole = a.clone();
            for (field, value) in b {
                delta::put(&mut whole, &field, value);
            }
            Some(whole)
        }
        (before, _) => before,
    };
    Ok((before, after))
}
