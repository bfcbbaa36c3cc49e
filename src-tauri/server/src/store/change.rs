//! The `change` table, the desk's log in the order the server applied it (`seq`), and
//! `pushed`, the answer to each pushed record.

use chrono::{DateTime, Utc};
use deadpool_postgres::GenericClient;
use greenroom_protocol::wire::{Outcome, PushResult};
use greenroom_protocol::{Entity, FieldChange, Operation, ServerChange, FORMAT};
use serde_json::Value;
use tokio_postgres::Row;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::store::entity::{object, State};
use crate::store::sql;

/// A change about to be logged.
#[derive(Debug)]
pub struct NewChange<'a> {
    pub entity: Entity,
    pub entity_id: &'a str,
    pub revision: i64,
    pub id: Uuid,
    pub client_op: Uuid,
    pub member: Uuid,
    pub operation: Operation,
    pub author: &'a str,
    pub at: DateTime<Utc>,
    pub changes: Vec<FieldChange>,
    pub after: Option<&'a State>,
    pub merged_into: Option<&'a str>,
}

/// Logs `change`; returns its `seq`.
pub async fn insert(
    client: &impl GenericClient,
    desk: Uuid,
    change: &NewChange<'_>,
) -> Result<i64> {
    let changes = serde_json::to_value(&change.changes)
        .map_err(|e| Error::Database(format!("changes as JSON: {e}")))?;
    let after = change.after.map(|s| Value::Object(s.clone()));
    let row = sql::query_one(
        client,
        "INSERT INTO change (desk_id, entity, entity_id, revision, id, client_op, member_id,
                                 operation, author, at, format, changes, state, merged_into)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             RETURNING seq",
        &[
            &desk,
            &change.entity.as_str(),
            &change.entity_id,
            &change.revision,
            &change.id,
            &change.client_op,
            &change.member,
            &change.operation.as_str(),
            &change.author,
            &change.at,
            &(FORMAT as i32),
            &changes,
            &after,
            &change.merged_into,
        ],
    )
    .await?;
    Ok(row.get(0))
}

const COLUMNS: &str = "seq, entity, entity_id, revision, id, operation, author, at, format, \
                       changes, state, merged_into";

/// The desk's changes after `seq`, in order: at most `limit`.
pub async fn after(
    client: &impl GenericClient,
    desk: Uuid,
    seq: i64,
    limit: i64,
) -> Result<Vec<ServerChange>> {
    let rows = sql::query(
        client,
        &format!(
            "SELECT {COLUMNS} FROM change WHERE desk_id = $1 AND seq > $2
                 ORDER BY seq LIMIT $3"
        ),
        &[&desk, &seq, &limit],
    )
    .await?;
    rows.iter().map(server_change).collect()
}

/// The desk's change `seq`.
pub async fn one(client: &impl GenericClient, desk: Uuid, seq: i64) -> Result<ServerChange> {
    let row = sql::query_one(
        client,
        &format!("SELECT {COLUMNS} FROM change WHERE desk_id = $1 AND seq = $2"),
        &[&desk, &seq],
    )
    .await?;
    server_change(&row)
}

fn server_change(r: &Row) -> Result<ServerChange> {
    let word = |i: usize| -> String { r.get(i) };
    let changes: Value = r.get(9);
    Ok(ServerChange {
        seq: r.get(0),
        entity: word(1)
            .parse()
            .map_err(|e| Error::Database(format!("{e}")))?,
        entity_id: r.get(2),
        revision: r.get(3),
        id: r.get(4),
        operation: word(5)
            .parse()
            .map_err(|e| Error::Database(format!("{e}")))?,
        author: r.get(6),
        at: r.get(7),
        format: i64::from(r.get::<_, i32>(8)),
        changes: serde_json::from_value(changes)
            .map_err(|e| Error::Database(format!("stored changes: {e}")))?,
        after: object(r.get(10))?,
        merged_into: r.get(11),
    })
}

/// The answer given when record `id` was first pushed to the desk.
pub async fn pushed(
    client: &impl GenericClient,
    desk: Uuid,
    id: Uuid,
) -> Result<Option<PushResult>> {
    let row = sql::query_opt(
        client,
        "SELECT outcome, revision, seq FROM pushed WHERE desk_id = $1 AND id = $2",
        &[&desk, &id],
    )
    .await?;
    row.map(|r| {
        let outcome: String = r.get(0);
        Ok(PushResult {
            id,
            outcome: serde_json::from_value(Value::String(outcome))
                .map_err(|e| Error::Database(format!("stored outcome: {e}")))?,
            revision: r.get(1),
            seq: r.get(2),
        })
    })
    .transpose()
}

pub async fn record_pushed(
    client: &impl GenericClient,
    desk: Uuid,
    result: &PushResult,
) -> Result<()> {
    let outcome = match result.outcome {
        Outcome::Applied => "applied",
        Outcome::Merged => "merged",
        Outcome::Conflicted => "conflicted",
        // A duplicate's answer is stored already; a locked one is no answer: the same
        // record goes again once the lock is dropped.
        Outcome::Duplicate | Outcome::Locked => return Ok(()),
    };
    sql::execute(
        client,
        "INSERT INTO pushed (desk_id, id, outcome, revision, seq) VALUES ($1, $2, $3, $4, $5)",
        &[&desk, &result.id, &outcome, &result.revision, &result.seq],
    )
    .await?;
    Ok(())
}
