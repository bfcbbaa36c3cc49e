//! The desk's open conflicts, and resolving one: keeping `mine` (the edit that did not
//! win), or a new value the member resolving writes, puts it on the entity as a new
//! revision (a value checked as a pushed state is: every member must apply it); keeping `theirs` changes nothing of a
//! field, and of a whole live entity says the desk's state again (`revision::restate`),
//! so the member whose deletion it was holds what the desk holds.

use chrono::Utc;
use deadpool_postgres::{Client, GenericClient};
use greenroom_protocol::merge;
use greenroom_protocol::state::{self, CONTACT_FIELDS};
use greenroom_protocol::wire::{
    Conflicts, Keep, Resolve, Resolved, DEFAULT_CONFLICTS, MAX_CONFLICTS,
};
use greenroom_protocol::{Operation, Role};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::push::redirect;
use crate::revision::{self, By, Revision};
use crate::store::{change, conflict, entity};
use crate::{desk, events, lock, viewer};

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
    asked: Resolve,
) -> Result<Resolved> {
    caller.must_write()?;
    let Resolve { keep, value } = asked;
    let value = match (keep, value) {
        (Keep::Value, None) => {
            return Err(Error::validation(
                "value",
                "is required with keep value: the field's new value",
            ))
        }
        (Keep::Mine | Keep::Theirs, Some(_)) => {
            return Err(Error::validation(
                "value",
                "goes with keep value only (mine and theirs are the conflict's own)",
            ))
        }
        (_, value) => value,
    };
    let desk_id = caller.desk_id();
    let tx = client.transaction().await?;
    desk::lock(&tx, desk_id).await?;
    let mut found = conflict::get(&tx, desk_id, id).await?;
    if found.resolved {
        return Err(Error::Conflict(format!(
            "conflict {id} is already resolved"
        )));
    }
    if keep == Keep::Value && found.field.is_empty() {
        return Err(Error::validation(
            "keep",
            "this conflict is over the whole entity (an edit to something deleted \
             meanwhile): keep mine or theirs",
        ));
    }
    let seq = match (keep, value) {
        (Keep::Theirs, _) => keep_theirs(&tx, caller, &found).await?,
        (Keep::Value, Some(value)) => put(&tx, caller, &found, value, true).await?,
        (_, _) => put(&tx, caller, &found, found.mine.clone(), false).await?,
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

/// Puts `mine` (the conflict's, or a new value: `check`ed as a pushed state is) on the
/// entity now (a person merged away since is the person kept, wherever it names
/// them); the new revision's `seq`, or None when the entity already holds it. `mine`
/// null over the whole entity is a deletion. Refused on a programme another member
/// locked for air.
async fn put(
    client: &impl GenericClient,
    caller: &Caller,
    c: &greenroom_protocol::wire::Conflict,
    mine: Value,
    check: bool,
) -> Result<Option<i64>> {
    let desk_id = caller.desk_id();
    let id = redirect::entity_id(client, desk_id, c.entity, &c.entity_id).await?;
    if let Some(held) =
        lock::held_by_other(client, desk_id, c.entity, &id, caller.member.id).await?
    {
        return Err(lock::refusal(&held));
    }
    let current = entity::current(client, desk_id, c.entity, &id).await?;
    let live = current.as_ref().and_then(|e| e.state.as_ref());
    let what = c.entity.as_str().replace('_', " ");
    let (after, operation) = if c.field.is_empty() {
        match (&mine, live) {
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
        merge::put(c.entity, &mut state, &c.field, mine);
        if check {
            state::check(c.entity, &state)
                .map_err(|e| Error::validation("value", format!("cannot be {}: {e}", c.field)))?;
        }
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
