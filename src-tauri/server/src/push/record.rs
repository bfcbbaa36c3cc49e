//! One pushed record against the entity as the desk holds it: created, gone (deleted
//! or merged away), brought back, or merged field by field.

use deadpool_postgres::GenericClient;
use greenroom_protocol::merge::three_way;
use greenroom_protocol::state::redirect_person;
use greenroom_protocol::wire::Outcome;
use greenroom_protocol::{Entity, Operation};
use serde_json::Value;
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::Result;
use crate::revision::{self, By, Revision};
use crate::store::conflict::{self, NewConflict};
use crate::store::entity::{self, Current, State};
use crate::store::sql;

/// A pushed record, its entity id redirected.
pub struct Record<'a> {
    pub caller: &'a Caller,
    pub kind: Entity,
    pub id: &'a str,
    pub record: Uuid,
    pub base_revision: i64,
    /// Made on a person since merged away: its base is that person's revision, not
    /// the kept one's.
    pub redirected: bool,
    pub operation: Operation,
    pub by: By<'a>,
}

/// The outcome, the entity's revision after it, and the new change's `seq`.
pub type Answer = (Outcome, i64, Option<i64>);

impl Record<'_> {
    fn desk(&self) -> Uuid {
        self.caller.desk_id()
    }

    /// Whether the client had seen the entity's `current` revision when it made its
    /// change: it is the revision the change was based on, or every revision since
    /// was this member's own, pushed before (offline, a client bases all its edits of
    /// an entity on the last server revision it saw, so its own delete and restore,
    /// or merge and unmerge, follow each other without a conflict), or changed
    /// nothing (`revision::restate`: a member's deletion of what they saw is no
    /// conflict because another member's conflict said that state again).
    async fn saw(&self, client: &impl GenericClient, current: i64) -> Result<bool> {
        // A base newer than the desk's revision saw nothing the desk holds.
        if self.redirected || self.base_revision > current {
            return Ok(false);
        }
        if current == self.base_revision {
            return Ok(true);
        }
        let others: bool = sql::query_one(
            client,
            "SELECT EXISTS (SELECT 1 FROM change c
                                LEFT JOIN change p
                                  ON p.desk_id = c.desk_id AND p.entity = c.entity
                                 AND p.entity_id = c.entity_id AND p.revision = c.revision - 1
                                WHERE c.desk_id = $1 AND c.entity = $2 AND c.entity_id = $3
                                  AND c.revision > $4 AND c.member_id <> $5
                                  AND (c.state IS DISTINCT FROM p.state
                                       OR c.merged_into IS DISTINCT FROM p.merged_into))",
            &[
                &self.desk(),
                &self.kind.as_str(),
                &self.id,
                &self.base_revision,
                &self.caller.member.id,
            ],
        )
        .await?
        .get(0);
        Ok(!others)
    }

    pub async fn write(
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
    pub async fn gone(
        &self,
        client: &impl GenericClient,
        current: Option<Current>,
        before: Option<State>,
        merged_into: Option<&str>,
    ) -> Result<Answer> {
        if let Some(answer) = self
            .unseen_delete(client, current.as_ref(), before, merged_into)
            .await?
        {
            return Ok(answer);
        }
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

    /// A deletion made on an older revision than another member's since: their edits
    /// are not thrown away unseen; a conflict over the whole entity (`mine` null: the
    /// deletion) holds it, and the entity stays until a member resolves it. A merge
    /// away is not held: the person lives on as the person kept.
    async fn unseen_delete(
        &self,
        client: &impl GenericClient,
        current: Option<&Current>,
        before: Option<State>,
        merged_into: Option<&str>,
    ) -> Result<Option<Answer>> {
        let Some((current, theirs)) = current.and_then(|c| Some((c, c.state.as_ref()?))) else {
            return Ok(None);
        };
        if merged_into.is_some() || self.saw(client, current.revision).await? {
            return Ok(None);
        }
        let base = before.map_or(Value::Null, Value::Object);
        let theirs = Value::Object(theirs.clone());
        // The desk keeps the entity, and says so in a new revision: the deleting
        // member's copy may be deleted for good already (their pull rebased the
        // deletion over the edit it conflicts with, which leaves it deleted there),
        // and only a revision past that edit brings it back. The deletion is not
        // lost: the conflict holds it.
        let restated =
            revision::restate(client, self.desk(), self.kind, self.id, current, self.by).await?;
        let (revision, seq) = restated.map_or((current.revision, None), |(r, s)| (r, Some(s)));
        self.conflict(client, "", base, Value::Null, theirs, revision)
            .await?;
        Ok(Some((Outcome::Conflicted, self.base_revision, seq)))
    }

    async fn follow_merge(&self, client: &impl GenericClient, kept: &str) -> Result<()> {
        let mut after = String::new();
        loop {
            let page = entity::programmes_naming(client, self.desk(), self.id, &after).await?;
            let Some((last, _)) = page.last() else {
                return Ok(());
            };
            after = last.clone();
            self.rewrite(client, kept, page).await?;
        }
    }

    async fn rewrite(
        &self,
        client: &impl GenericClient,
        kept: &str,
        page: Vec<(String, Current)>,
    ) -> Result<()> {
        for (programme, current) in page {
            let Some(mut state) = current.state.clone() else {
                continue;
            };
            if !redirect_person(Entity::Programme, &mut state, self.id, kept) {
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
    pub async fn onto_gone(
        &self,
        client: &impl GenericClient,
        current: &Current,
        before: Option<State>,
        after: State,
    ) -> Result<Answer> {
        if self.saw(client, current.revision).await? {
            let (revision, seq) = self
                .write(client, Some(current), Some(&after), None)
                .await?;
            return Ok((Outcome::Applied, revision, Some(seq)));
        }
        // No revision: the deletion the member's pull brings removes their copy.
        let base = before.map_or(Value::Null, Value::Object);
        self.conflict(
            client,
            "",
            base,
            Value::Object(after),
            Value::Null,
            current.revision,
        )
        .await?;
        // The client's own base: it did not see the deletion, and a later edit of its
        // must not pass for a restore.
        Ok((Outcome::Conflicted, self.base_revision, None))
    }

    /// Both sides have the entity: what the client changed since `before`, merged
    /// into `theirs`. The desk keeps its value of a field both changed, and the
    /// client's waits in a conflict.
    pub async fn merge(
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
            let (base, mine, theirs) = (d.base.clone(), d.mine.clone(), d.theirs.clone());
            self.conflict(client, &d.field, base, mine, theirs, revision)
                .await?;
        }
        let outcome = if !merged.conflicts.is_empty() {
            Outcome::Conflicted
        } else if seq.is_some() && !self.saw(client, current.revision).await? {
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
