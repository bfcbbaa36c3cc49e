//! A new server revision of an entity: its row in `entity` moved on, and the change
//! logged in `change` with the delta from the state before. Pushes, the programmes a
//! merge rewrites, and resolved conflicts all write revisions this one way.

use chrono::{DateTime, Utc};
use greenroom_protocol::{delta, Entity, Operation};
use uuid::Uuid;

use crate::error::Result;
use crate::store::change::{self, NewChange};
use crate::store::entity::{self, Current, State};
use deadpool_postgres::GenericClient;

/// Who a revision is by: the member whose push or resolve made it.
#[derive(Clone, Copy, Debug)]
pub struct By<'a> {
    pub member: Uuid,
    pub author: &'a str,
    pub client_op: Uuid,
    pub at: DateTime<Utc>,
}

/// What a new revision is.
#[derive(Debug)]
pub struct Revision<'a> {
    pub entity: Entity,
    pub entity_id: &'a str,
    /// The change record's id: the pushed record's, or a new one the server makes.
    pub id: Uuid,
    pub operation: Operation,
    pub after: Option<&'a State>,
    pub merged_into: Option<&'a str>,
}

/// Writes `revision` over `previous` (None: the entity is new here); returns the new
/// revision number and its `seq`.
pub async fn write(
    client: &impl GenericClient,
    desk: Uuid,
    previous: Option<&Current>,
    revision: &Revision<'_>,
    by: By<'_>,
) -> Result<(i64, i64)> {
    let number = previous.map_or(1, |p| p.revision + 1);
    // A person brought back is no longer merged away.
    let merged_into = revision
        .after
        .is_none()
        .then_some(revision.merged_into)
        .flatten();
    entity::save(
        client,
        desk,
        revision.entity,
        revision.entity_id,
        number,
        revision.after,
        merged_into,
    )
    .await?;
    let changes = match (previous.and_then(|p| p.state.as_ref()), revision.after) {
        (Some(before), Some(after)) => delta::diff(before, after),
        _ => Vec::new(),
    };
    let seq = change::insert(
        client,
        desk,
        &NewChange {
            entity: revision.entity,
            entity_id: revision.entity_id,
            revision: number,
            id: revision.id,
            client_op: by.client_op,
            member: by.member,
            operation: revision.operation,
            author: by.author,
            at: by.at,
            changes,
            after: revision.after,
            merged_into,
        },
    )
    .await?;
    Ok((number, seq))
}

/// A new revision of `current` that changes nothing: the desk's state said again (an
/// `update` of the same state, no changes), so every member's pull puts it back, a
/// member whose copy went its own way included (a deletion the desk did not take,
/// held in a conflict). Returns the new revision number and its `seq`; None when the
/// entity is gone: a member's pull of a deletion removes their copy whatever waits
/// (`replace` or `rebase` in the core's desk/pull.rs), and a second deletion record
/// in a row would stand where the trash looks for the state before the deletion.
pub async fn restate(
    client: &impl GenericClient,
    desk: Uuid,
    entity: Entity,
    entity_id: &str,
    current: &Current,
    by: By<'_>,
) -> Result<Option<(i64, i64)>> {
    let Some(state) = current.state.as_ref() else {
        return Ok(None);
    };
    let revision = Revision {
        entity,
        entity_id,
        id: Uuid::now_v7(),
        operation: Operation::Update,
        after: Some(state),
        merged_into: None,
    };
    Ok(Some(
        write(client, desk, Some(current), &revision, by).await?,
    ))
}
