//! The desk's open conflicts, and resolving one: keeping `mine` (the edit that did not
//! win) puts it on the entity as a new revision; keeping `theirs` changes nothing.

use chrono::Utc;
use deadpool_postgres::{Client, GenericClient};
use greenroom_protocol::merge;
use greenroom_protocol::wire::{Conflicts, Keep, Resolved};
use greenroom_protocol::{Operation, Role};
use serde_json::Value;
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::revision::{self, By, Revision};
use crate::store::{change, conflict, entity};
use crate::{desk, events, viewer};

pub async fn list(client: &impl GenericClient, caller: &Caller) -> Result<Conflicts> {
    let mut conflicts = conflict::open(client, caller.desk_id()).await?;
    if caller.role() == Role::Viewer {
        conflicts = viewer::conflicts(conflicts);
    }
    Ok(Conflicts { conflicts })
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
        Keep::Theirs => None,
        Keep::Mine => keep_mine(&tx, caller, &found).await?,
    };
    conflict::resolve(&tx, desk_id, id, caller.member.id, keep).await?;
    let change = match seq {
        Some(seq) => {
            events::notify(&tx, desk_id, seq).await?;
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

/// Puts the conflict's `mine` on the entity now; the new revision's `seq`, or None
/// when the entity already holds it.
async fn keep_mine(
    client: &impl GenericClient,
    caller: &Caller,
    c: &greenroom_protocol::wire::Conflict,
) -> Result<Option<i64>> {
    let current = entity::current(client, caller.desk_id(), c.entity, &c.entity_id).await?;
    let live = current.as_ref().and_then(|e| e.state.as_ref());
    let (after, operation) = if c.field.is_empty() {
        let Value::Object(mine) = &c.mine else {
            return Err(Error::Database(format!(
                "conflict {}: mine is not a state",
                c.id
            )));
        };
        let operation = match live {
            Some(_) => Operation::Update,
            None => Operation::Restore,
        };
        (mine.clone(), operation)
    } else {
        let Some(live) = live else {
            return Err(Error::Conflict(format!(
                "the {} was deleted after this conflict: restore it first",
                c.entity.as_str().replace('_', " ")
            )));
        };
        let mut state = live.clone();
        merge::put(c.entity, &mut state, &c.field, c.mine.clone());
        (state, Operation::Update)
    };
    if live == Some(&after) {
        return Ok(None);
    }
    let revision = Revision {
        entity: c.entity,
        entity_id: &c.entity_id,
        id: Uuid::now_v7(),
        operation,
        after: Some(&after),
        merged_into: None,
    };
    let by = By {
        member: caller.member.id,
        author: &caller.member.name,
        client_op: Uuid::now_v7(),
        at: Utc::now(),
    };
    let (_, seq) =
        revision::write(client, caller.desk_id(), current.as_ref(), &revision, by).await?;
    Ok(Some(seq))
}
