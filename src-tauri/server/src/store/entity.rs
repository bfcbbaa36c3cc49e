//! The `entity` table: each entity of a desk at its newest server revision, and the
//! people merged away (their `merged_into`, followed to the person kept).

use std::collections::HashSet;

use deadpool_postgres::GenericClient;
use greenroom_protocol::Entity;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::store::sql;

pub type State = Map<String, Value>;

/// An entity as the server holds it now.
#[derive(Clone, Debug, PartialEq)]
pub struct Current {
    pub revision: i64,
    /// None: gone (deleted, merged away).
    pub state: Option<State>,
    pub merged_into: Option<String>,
}

/// Merges chained longer than this are a loop (or damage): refused.
const MAX_HOPS: usize = 64;

pub async fn current(
    client: &impl GenericClient,
    desk: Uuid,
    kind: Entity,
    id: &str,
) -> Result<Option<Current>> {
    let row = sql::query_opt(
        client,
        "SELECT revision, state, merged_into FROM entity
             WHERE desk_id = $1 AND kind = $2 AND id = $3",
        &[&desk, &kind.as_str(), &id],
    )
    .await?;
    row.map(|r| {
        Ok(Current {
            revision: r.get(0),
            state: object(r.get(1))?,
            merged_into: r.get(2),
        })
    })
    .transpose()
}

/// Makes `revision` the entity's newest, with `state` (None: gone).
pub async fn save(
    client: &impl GenericClient,
    desk: Uuid,
    kind: Entity,
    id: &str,
    revision: i64,
    state: Option<&State>,
    merged_into: Option<&str>,
) -> Result<()> {
    let state = state.map(|s| Value::Object(s.clone()));
    sql::execute(
        client,
        "INSERT INTO entity (desk_id, kind, id, revision, state, merged_into)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (desk_id, kind, id) DO UPDATE
             SET revision = excluded.revision, state = excluded.state,
                 merged_into = excluded.merged_into",
        &[&desk, &kind.as_str(), &id, &revision, &state, &merged_into],
    )
    .await?;
    Ok(())
}

/// The person `id` stands for now: itself, or the person it was merged into, followed
/// through every later merge.
pub async fn kept_person(client: &impl GenericClient, desk: Uuid, id: &str) -> Result<String> {
    let mut seen = HashSet::new();
    let mut id = id.to_string();
    while seen.insert(id.clone()) {
        if seen.len() > MAX_HOPS {
            break;
        }
        let row = sql::query_opt(
            client,
            "SELECT merged_into FROM entity
                 WHERE desk_id = $1 AND kind = 'person' AND id = $2 AND merged_into IS NOT NULL",
            &[&desk, &id],
        )
        .await?;
        match row {
            Some(r) => id = r.get(0),
            None => return Ok(id),
        }
    }
    Err(Error::Database(format!(
        "the merges of person {id} go round in a loop"
    )))
}

/// Which of `people` were merged away.
pub async fn merged_away_in(
    client: &impl GenericClient,
    desk: Uuid,
    people: &[String],
) -> Result<Vec<String>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let rows = sql::query(
        client,
        "SELECT id FROM entity
             WHERE desk_id = $1 AND kind = 'person' AND id = ANY($2)
               AND merged_into IS NOT NULL",
        &[&desk, &people],
    )
    .await?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// Programmes read at a time when a merge rewrites them: memory stays bounded
/// however many programmes name the person.
pub const PAGE: i64 = 200;

/// The live programmes of the desk after id `after` that name `person` where
/// `greenroom_protocol::state::redirect_person` looks (presenter, guests, segment
/// people), in id order, at most [`PAGE`]. Containment queries, so the GIN index
/// finds them without a scan.
pub async fn programmes_naming(
    client: &impl GenericClient,
    desk: Uuid,
    person: &str,
    after: &str,
) -> Result<Vec<(String, Current)>> {
    let presenter = json!({ "presenter": { "id": person } });
    let guest = json!({ "guests": [{ "personId": person }] });
    let in_segment = json!({ "segments": [{ "people": [{ "id": person }] }] });
    let rows = sql::query(
        client,
        "SELECT id, revision, state FROM entity
             WHERE desk_id = $1 AND kind = 'programme' AND state IS NOT NULL
               AND (state @> $2 OR state @> $3 OR state @> $4) AND id > $5
             ORDER BY id LIMIT $6",
        &[&desk, &presenter, &guest, &in_segment, &after, &PAGE],
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.get(0),
                Current {
                    revision: r.get(1),
                    state: object(r.get(2))?,
                    merged_into: None,
                },
            ))
        })
        .collect()
}

/// A stored JSON object (or NULL).
pub fn object(value: Option<Value>) -> Result<Option<State>> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(other) => Err(Error::Database(format!(
            "a stored state is not a JSON object: {}",
            other.to_string().chars().take(40).collect::<String>()
        ))),
    }
}
