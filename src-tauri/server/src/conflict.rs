//! The desk's open conflicts, and resolving one: keeping `mine` (the edit that did not
//! win) puts it on the entity as a new revision; keeping `theirs` changes nothing of a
//! field, and of a whole live entity says the desk's state again (`revision::restate`),
//! so the member whose deletion it was holds what the desk holds.

use chrono::Utc;
use deadpool_postgres::{Client, GenericClient};
use greenroom_protocol::merge;
use greenroom_protocol::state::CONTACT_FIELDS;
use greenroom_protocol::wire::{Conflicts, Keep, Resolved, DEFAULT_CONFLICTS, MAX_CONFLICTS};
use greenroom_protocol::{Operation, Role};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::push::redirect;
use crate::revision::{self, By, Revision};
use crate::store::{change, conflict, entity};
use crate::{desk, events, viewer};

/// A page of `GET /v1/conflicts`.
#[derive(Debug, Deserialize)]
pub struct Page {
    pub after: Option<Uuid>,
    pub limit: Option<usize>,
}

pub async fn list(client: &impl GenericClient, caller: &Caller, page: Page) -> Result<Conflicts> {
    let limit = page.limit.unwrap_or(DEFAULT_CONFLICTS);
    if !(1..=MAX_CONFLICTS).contains(&limit) {
        return Err(Error::validation(
            "limit",
            format!("must be 1 to {MAX_CONFLICTS}"),
        ));
    }
    // A viewer's conflicts over contact details are left out by the query, so a page
    // is as long as asked and its last id the next page's cursor.
    let viewing = caller.role() == Role::Viewer;
    let hidden: &[&str] = if viewing { &CONTACT_FIELDS } else { &[] };
    // One more than asked says whether more wait.
    let mut conflicts = conflict::open(
        client,
        caller.desk_id(),
        page.after,
        limit as i64 + 1,
        hidden,
    )
    .await?;
    let more = conflicts.len() > limit;
    conflicts.truncate(limit);
    if viewing {
        conflicts = viewer::conflicts(conflicts);
    }
    Ok(Conflicts { conflicts, more })
}

pub async fn resolve(
    client: &mut Client,
    caller: &Caller,
    id: Uuid,
    keep: Keep,
) -> Result<Resolved> {
    caller.must_write()?;
    let desk_id = caller.desk_id();
    let tx = client.transaction().await?;
    desk::lock(&tx, desk_id).await?;
    let mut found = conflict::get(&tx, desk_id, id).await?;
    if found.resolved {
        return Err(Error::Conflict(format!(
            "conflict {id} is already resolved"
        )));
    }
    let seq = match keep {
        Keep::Theirs => keep_theirs(&tx, caller, &found).await?,
        Keep::Mine => keep_mine(&tx, caller, &found).await?,
    };
    conflict::resolve(&tx, desk_id, id, caller.member.id, keep).await?;
    let change = match seq {
        Some(seq) => {
            events::notify(&tx, desk_id, seq, false).await?;
            Some(change::one(&tx, desk_id, seq).await?)
        }
        None => None,
    };
    tx.commit().await?;
    found.resolved = true;
    Ok(Resolved {
        conflict: found,
        change,
    })
}

/// A whole entity's conflict kept as the desk has it: that state as a new revision (a
/// field's conflict needs none: the member's push took the rest of their edit, and
/// the desk's value of the field reached them with it). None when the entity is gone
/// (see `revision::restate`) or the desk never had it.
async fn keep_theirs(
    client: &impl GenericClient,
    caller: &Caller,
    c: &greenroom_protocol::wire::Conflict,
) -> Result<Option<i64>> {
    if !c.field.is_empty() {
        return Ok(None);
    }
    let desk_id = caller.desk_id();
    let id = redirect::entity_id(client, desk_id, c.entity, &c.entity_id).await?;
    let Some(current) = entity::current(client, desk_id, c.entity, &id).await? else {
        return Ok(None);
    };
    let restated = revision::restate(client, desk_id, c.entity, &id, &current, by(caller)).await?;
    Ok(restated.map(|(_, seq)| seq))
}

/// A resolution is by the member resolving, now.
fn by(caller: &Caller) -> By<'_> {
    By {
        member: caller.member.id,
        author: &caller.member.name,
        client_op: Uuid::now_v7(),
        at: Utc::now(),
    }
}

/// Puts the conflict's `mine` on the entity now (a person merged away since is the
/// person kept, wherever `mine` names them); the new revision's `seq`, or None when
/// the entity already holds it. `mine` null over the whole entity is a deletion.
async fn keep_mine(
    client: &impl GenericClient,
    caller: &Caller,
    c: &greenroom_protocol::wire::Conflict,
) -> Result<Option<i64>> {
    let desk_id = caller.desk_id();
    let id = redirect::entity_id(client, desk_id, c.entity, &c.entity_id).await?;
    let current = entity::current(client, desk_id, c.entity, &id).await?;
    let live = current.as_ref().and_then(|e| e.state.as_ref());
    let what = c.entity.as_str().replace('_', " ");
    let (after, operation) = if c.field.is_empty() {
        match (&c.mine, live) {
            (Value::Null, None) => return Ok(None),
            (Value::Null, Some(_)) => (None, Operation::Delete),
            (Value::Object(mine), _) => {
                let operation = match live {
                    Some(_) => Operation::Update,
                    None => Operation::Restore,
                };
                (Some(mine.clone()), operation)
            }
            _ => {
                return Err(Error::Database(format!(
                    "conflict {}: mine is not a state",
                    c.id
                )))
            }
        }
    } else {
        let Some(live) = live else {
            return Err(Error::Conflict(format!(
                "the {what} was deleted after this conflict: restore it first"
            )));
        };
        if !merge::can_put(c.entity, live, &c.field) {
            return Err(Error::Conflict(format!(
                "{} is no longer on the {what} (removed since): this conflict stays open; \
                 keep theirs, or add it back first",
                c.field
            )));
        }
        let mut state = live.clone();
        merge::put(c.entity, &mut state, &c.field, c.mine.clone());
        (Some(state), Operation::Update)
    };
    let (_, after) = redirect::states(client, desk_id, c.entity, None, after).await?;
    if live == after.as_ref() {
        return Ok(None);
    }
    let revision = Revision {
        entity: c.entity,
        entity_id: &id,
        id: Uuid::now_v7(),
        operation,
        after: after.as_ref(),
        merged_into: None,
    };
    let (_, seq) =
        revision::write(client, desk_id, current.as_ref(), &revision, by(caller)).await?;
    Ok(Some(seq))
}
