//! `POST /v1/push`: a member's changes applied to the desk, in order, in one
//! transaction that first locks the desk's row, so the desk's `seq` order is its
//! commit order. Each pushed record is answered once: pushed again, it gets the first
//! answer (`duplicate`) and writes nothing. No clock decides anything: a pushed edit
//! is merged into what the desk holds by what it changed since the state it was made
//! on (DESK14.md, "What the server does with a pushed change"; `record`).

mod check;
mod record;
pub(crate) mod redirect;

use deadpool_postgres::{Client, GenericClient};
use greenroom_protocol::wire::{Outcome, PushResult, Pushed};
use greenroom_protocol::{Entity, Operation, PushedChange};

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::revision::By;
use crate::store::{change, entity};
use crate::{desk, events, lock};

pub use check::check;
use record::Record;

pub async fn push(
    client: &mut Client,
    caller: &Caller,
    changes: Vec<PushedChange>,
) -> Result<Pushed> {
    check(&changes)?;
    let desk_id = caller.desk_id();
    let tx = client.transaction().await?;
    desk::lock(&tx, desk_id).await?;
    let mut results = Vec::with_capacity(changes.len());
    for change in changes {
        results.push(apply(&tx, caller, change).await?);
    }
    let head = desk::head(&tx, desk_id).await?;
    let wrote = results
        .iter()
        .any(|r| r.seq.is_some() && r.outcome != Outcome::Duplicate);
    // A conflict raised without a revision is news too: live clients look at conflicts.
    let conflicted = results.iter().any(|r| r.outcome == Outcome::Conflicted);
    if wrote || conflicted {
        events::notify(&tx, desk_id, head, conflicted).await?;
    }
    tx.commit().await?;
    Ok(Pushed { results, head })
}

/// A merge keeps a person every member has: one of this desk, there now.
async fn live_person(
    client: &impl GenericClient,
    desk: uuid::Uuid,
    change: uuid::Uuid,
    kept: &str,
) -> Result<()> {
    let found = entity::current(client, desk, Entity::Person, kept).await?;
    match found.and_then(|p| p.state) {
        Some(_) => Ok(()),
        None => Err(Error::Conflict(format!(
            "change {change}: mergedInto names person {kept}, who is not on this desk \
             (never pushed, or deleted): push them first, or merge into someone else"
        ))),
    }
}

/// One pushed record, answered.
async fn apply(
    client: &impl GenericClient,
    caller: &Caller,
    c: PushedChange,
) -> Result<PushResult> {
    let desk_id = caller.desk_id();
    if let Some(first) = change::pushed(client, desk_id, c.id).await? {
        return Ok(PushResult {
            outcome: Outcome::Duplicate,
            ..first
        });
    }
    let kind = c.entity;
    // Undoing a merge brings the person merged away back: that one, not the person kept.
    let unmerging = kind == Entity::Person && c.operation == Operation::Unmerge;
    let id = match unmerging {
        true => c.entity_id.clone(),
        false => redirect::entity_id(client, desk_id, kind, &c.entity_id).await?,
    };
    // Another member's lock for air: nothing written, nothing remembered; the client
    // sends it again once the lock is dropped.
    if lock::held_by_other(client, desk_id, kind, &id, caller.member.id)
        .await?
        .is_some()
    {
        let now = entity::current(client, desk_id, kind, &id).await?;
        return Ok(PushResult {
            id: c.id,
            outcome: Outcome::Locked,
            revision: now.map_or(0, |e| e.revision),
            seq: None,
        });
    }
    let (before, after) = redirect::states(client, desk_id, kind, c.before, c.after).await?;
    let merged_into = match &c.merged_into {
        // Merged into someone since merged back into this person: no redirect to itself.
        Some(kept) => Some(entity::kept_person(client, desk_id, kept).await?).filter(|k| *k != id),
        None => None,
    };
    if let Some(kept) = &merged_into {
        live_person(client, desk_id, c.id, kept).await?;
    }
    let record = Record {
        caller,
        kind,
        id: &id,
        record: c.id,
        base_revision: c.base_revision,
        redirected: id != c.entity_id,
        operation: c.operation,
        by: By {
            member: caller.member.id,
            author: &c.author,
            client_op: c.client_op,
            at: c.at,
        },
    };
    let current = entity::current(client, desk_id, kind, &id).await?;
    if let Some(now) = current.as_ref().filter(|_| !record.redirected) {
        if c.base_revision > now.revision {
            return Err(Error::validation(
                "changes",
                format!(
                    "change {}: baseRevision {} is newer than the desk's revision {} of this {}",
                    c.id,
                    c.base_revision,
                    now.revision,
                    kind.as_str().replace('_', " ")
                ),
            ));
        }
    }
    let (outcome, revision, seq) = match (current, after) {
        (current, None) => {
            record
                .gone(client, current, before, merged_into.as_deref())
                .await?
        }
        (None, Some(after)) => {
            let (revision, seq) = record.write(client, None, Some(&after), None).await?;
            (Outcome::Applied, revision, Some(seq))
        }
        (Some(current), Some(after)) => match current.state.clone() {
            None => record.onto_gone(client, &current, before, after).await?,
            Some(theirs) => {
                record
                    .merge(client, &current, &theirs, before, after)
                    .await?
            }
        },
    };
    let result = PushResult {
        id: c.id,
        outcome,
        revision,
        seq,
    };
    change::record_pushed(client, desk_id, &result).await?;
    Ok(result)
}
