//! `POST /v1/push`: a member's changes applied to the desk, in order, in one
//! transaction that first locks the desk's row, so the desk's `seq` order is its
//! commit order. Each pushed record is answered once: pushed again, it gets the first
//! answer (`duplicate`) and writes nothing. No clock decides anything: a pushed edit
//! is merged into what the desk holds by what it changed since the revision it was
//! made on (DESK14.md, "What the server does with a pushed change").

mod check;
mod redirect;

use greenroom_protocol::merge::three_way;
use greenroom_protocol::wire::{Outcome, PushResult, Pushed};
use greenroom_protocol::{Entity, Operation, PushedChange};
use serde_json::Value;
use tokio_postgres::{Client, GenericClient};
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::Result;
use crate::revision::{self, By, Revision};
use crate::store::change;
use crate::store::conflict::{self, NewConflict};
use crate::store::entity::{self, Current, State};
use crate::{desk, events};

pub use check::check;

pub async fn push(
    client: &mut Client,
    caller: &Caller,
    changes: Vec<PushedChange>,
) -> Result<Pushed> {
    check(&changes)?;
    let desk_id = caller.desk_id();
    let tx = client.transaction().await?;
    desk::lock(&tx, desk_id).await?;
    let head_before = desk::head(&tx, desk_id).await?;
    let mut results = Vec::with_capacity(changes.len());
    for change in changes {
        results.push(apply(&tx, caller, change).await?);
    }
    let head = desk::head(&tx, desk_id).await?;
    if head != head_before {
        events::notify(&tx, desk_id, head).await?;
    }
    tx.commit().await?;
    Ok(Pushed { results, head })
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
    let id = redirect::entity_id(client, desk_id, kind, &c.entity_id).await?;
    let before = redirect::state(client, desk_id, kind, c.before).await?;
    let after = redirect::state(client, desk_id, kind, c.after).await?;
    let merged_into = match &c.merged_into {
        Some(kept) => Some(entity::kept_person(client, desk_id, kept).await?).filter(|k| *k != id),
        None => None,
    };
    let pushed = Pushed1 {
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
    let (outcome, revision, seq) = match (current, after) {
        (current, None) => pushed.gone(client, current, merged_into.as_deref()).await?,
        (None, Some(after)) => {
            let (revision, seq) = pushed.write(client, None, Some(&after), None).await?;
            (Outcome::Applied, revision, Some(seq))
        }
        (Some(current), Some(after)) => match &current.state {
            None => pushed.onto_gone(client, &current, before, after).await?,
            Some(theirs) => {
                let theirs = theirs.clone();
                pushed
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

/// A pushed record, its entity id redirected.
struct Pushed1<'a> {
    caller: &'a Caller,
    kind: Entity,
    id: &'a str,
    record: Uuid,
    base_revision: i64,
    /// Made on a person since merged away: its base is that person's revision, not
    /// the kept one's.
    redirected: bool,
    operation: Operation,
    by: By<'a>,
}

type Answer = (Outcome, i64, Option<i64>);

impl Pushed1<'_> {
    fn desk(&self) -> Uuid {
        self.caller.desk_id()
    }

    /// Whether the client had seen the entity's `revision` when it made its change.
    fn saw(&self, revision: i64) -> bool {
        !self.redirected && revision == self.base_revision
    }

    async fn write(
        &self,
        client: &impl GenericClient,
        previous: Option<&Current>,
        after: Option<&State>,
        merged_into: Option<&str>,
    ) -> Result<(i64, i64)> {
        // A creation of what the desk already has (the same example programme made
        // on two machines) is an update of it here.
        let operation = match (self.operation, previous) {
            (Operation::Create, Some(_)) => Operation::Update,
            (op, _) => op,
        };
        let revision = Revision {
            entity: self.kind,
            entity_id: self.id,
            id: self.record,
            operation,
            after,
            merged_into,
        };
        revision::write(client, self.desk(), previous, &revision, self.by).await
    }

    /// Deleted or merged away. A person merged away leaves a redirect, and every
    /// programme of the desk naming them names the person kept, each a new revision.
    async fn gone(
        &self,
        client: &impl GenericClient,
        current: Option<Current>,
        merged_into: Option<&str>,
    ) -> Result<Answer> {
        let already = current.as_ref().is_none_or(|c| c.state.is_none());
        let same_redirect = current.as_ref().and_then(|c| c.merged_into.as_deref()) == merged_into;
        if already && (merged_into.is_none() || same_redirect) {
            // Nothing here to delete: deleted already, or never pushed.
            let revision = current.map_or(0, |c| c.revision);
            return Ok((Outcome::Applied, revision, None));
        }
        let (revision, seq) = self
            .write(client, current.as_ref(), None, merged_into)
            .await?;
        if let Some(kept) = merged_into {
            self.follow_merge(client, kept).await?;
        }
        Ok((Outcome::Applied, revision, Some(seq)))
    }

    async fn follow_merge(&self, client: &impl GenericClient, kept: &str) -> Result<()> {
        for (programme, current) in entity::programmes_naming(client, self.desk(), self.id).await? {
            let Some(mut state) = current.state.clone() else {
                continue;
            };
            if !greenroom_protocol::state::redirect_person(
                Entity::Programme,
                &mut state,
                self.id,
                kept,
            ) {
                continue;
            }
            let revision = Revision {
                entity: Entity::Programme,
                entity_id: &programme,
                id: Uuid::now_v7(),
                operation: Operation::Merge,
                after: Some(&state),
                merged_into: None,
            };
            revision::write(client, self.desk(), Some(&current), &revision, self.by).await?;
        }
        Ok(())
    }

    /// An edit to something the desk deleted: a restore when the client saw the
    /// deletion, else a conflict over the whole entity, which stays deleted until a
    /// member resolves it.
    async fn onto_gone(
        &self,
        client: &impl GenericClient,
        current: &Current,
        before: Option<State>,
        after: State,
    ) -> Result<Answer> {
        if self.saw(current.revision) {
            let (revision, seq) = self
                .write(client, Some(current), Some(&after), None)
                .await?;
            return Ok((Outcome::Applied, revision, Some(seq)));
        }
        self.conflict(
            client,
            "",
            before.map_or(Value::Null, Value::Object),
            Value::Object(after),
            Value::Null,
            current.revision,
        )
        .await?;
        Ok((Outcome::Conflicted, current.revision, None))
    }

    async fn merge(
        &self,
        client: &impl GenericClient,
        current: &Current,
        theirs: &State,
        before: Option<State>,
        after: State,
    ) -> Result<Answer> {
        let base = before.unwrap_or_default();
        let merged = three_way(self.kind, &base, &after, theirs);
        let (revision, seq) = match merged.state == *theirs {
            true => (current.revision, None),
            false => {
                let (revision, seq) = self
                    .write(client, Some(current), Some(&merged.state), None)
                    .await?;
                (revision, Some(seq))
            }
        };
        for d in &merged.conflicts {
            self.conflict(
                client,
                &d.field,
                d.base.clone(),
                d.mine.clone(),
                d.theirs.clone(),
                revision,
            )
            .await?;
        }
        let outcome = if !merged.conflicts.is_empty() {
            Outcome::Conflicted
        } else if seq.is_some() && !self.saw(current.revision) {
            Outcome::Merged
        } else {
            Outcome::Applied
        };
        Ok((outcome, revision, seq))
    }

    async fn conflict(
        &self,
        client: &impl GenericClient,
        field: &str,
        base: Value,
        mine: Value,
        theirs: Value,
        revision: i64,
    ) -> Result<()> {
        let c = NewConflict {
            entity: self.kind,
            entity_id: self.id,
            field,
            base,
            mine,
            theirs,
            author: self.by.author,
            member: self.caller.member.id,
            change: self.record,
            revision,
        };
        conflict::insert(client, self.desk(), &c).await?;
        Ok(())
    }
}
