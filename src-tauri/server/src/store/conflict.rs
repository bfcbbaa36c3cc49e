//! The `conflict` table: fields two members changed differently, open until a
//! member keeps one side.

use chrono::{DateTime, Utc};
use deadpool_postgres::GenericClient;
use greenroom_protocol::wire::{Conflict, Keep};
use greenroom_protocol::Entity;
use serde_json::Value;
use tokio_postgres::Row;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::store::sql;

/// A conflict about to be stored.
#[derive(Debug)]
pub struct NewConflict<'a> {
    pub entity: Entity,
    pub entity_id: &'a str,
    pub field: &'a str,
    pub base: Value,
    pub mine: Value,
    pub theirs: Value,
    pub author: &'a str,
    pub member: Uuid,
    /// The pushed record that raised it.
    pub change: Uuid,
    pub revision: i64,
}

pub async fn insert(client: &impl GenericClient, desk: Uuid, c: &NewConflict<'_>) -> Result<Uuid> {
    let id = Uuid::now_v7();
    sql::execute(
        client,
        "INSERT INTO conflict (id, desk_id, kind, entity_id, field, base, mine, theirs,
                                   author, member_id, change_id, revision)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        &[
            &id,
            &desk,
            &c.entity.as_str(),
            &c.entity_id,
            &c.field,
            &c.base,
            &c.mine,
            &c.theirs,
            &c.author,
            &c.member,
            &c.change,
            &c.revision,
        ],
    )
    .await?;
    Ok(id)
}

const COLUMNS: &str = "id, kind, entity_id, field, base, mine, theirs, author, member_id, \
                       revision, at, resolved_at IS NOT NULL";

/// Leaves out a person's conflicts over the fields `$N` names (by the path's top
/// field, as `protocol::state::is_contact_field` reads it), so a page and its cursor
/// hold only what is sent.
fn hiding(n: usize) -> String {
    format!(
        "NOT (kind = 'person'
              AND split_part(translate(field, '[{{#', '...'), '.', 1) = ANY(${n}::text[]))"
    )
}

/// The desk's open conflicts after conflict `after` (None: from the first), oldest
/// first, at most `limit`, without a person's conflicts over the fields `hidden` (a
/// viewer's contact details): in the order of the index of open conflicts (`at`, then
/// id for those raised by one push). An `after` not of this desk is invalid.
pub async fn open(
    client: &impl GenericClient,
    desk: Uuid,
    after: Option<Uuid>,
    limit: i64,
    hidden: &[&str],
) -> Result<Vec<Conflict>> {
    let rows = match after {
        None => {
            sql::query(
                client,
                &format!(
                    "SELECT {COLUMNS} FROM conflict WHERE desk_id = $1 AND resolved_at IS NULL
                         AND {} ORDER BY at, id LIMIT $2",
                    hiding(3)
                ),
                &[&desk, &limit, &hidden],
            )
            .await?
        }
        Some(after) => {
            let at: DateTime<Utc> = sql::query_opt(
                client,
                "SELECT at FROM conflict WHERE desk_id = $1 AND id = $2",
                &[&desk, &after],
            )
            .await?
            .ok_or_else(|| Error::validation("after", "is not a conflict of this desk"))?
            .get(0);
            sql::query(
                client,
                &format!(
                    "SELECT {COLUMNS} FROM conflict
                         WHERE desk_id = $1 AND resolved_at IS NULL AND (at, id) > ($2, $3)
                         AND {} ORDER BY at, id LIMIT $4",
                    hiding(5)
                ),
                &[&desk, &at, &after, &limit, &hidden],
            )
            .await?
        }
    };
    rows.iter().map(conflict).collect()
}

/// Conflict `id` of the desk, locked until the transaction ends; another desk's is
/// not found, as one that does not exist.
pub async fn get(client: &impl GenericClient, desk: Uuid, id: Uuid) -> Result<Conflict> {
    let row = sql::query_opt(
        client,
        &format!("SELECT {COLUMNS} FROM conflict WHERE desk_id = $1 AND id = $2 FOR UPDATE"),
        &[&desk, &id],
    )
    .await?
    .ok_or_else(|| Error::NotFound {
        what: "conflict",
        id: id.to_string(),
    })?;
    conflict(&row)
}

pub async fn resolve(
    client: &impl GenericClient,
    desk: Uuid,
    id: Uuid,
    by: Uuid,
    keep: Keep,
) -> Result<()> {
    let kept = match keep {
        Keep::Mine => "mine",
        Keep::Theirs => "theirs",
        Keep::Value => "value",
    };
    sql::execute(
        client,
        "UPDATE conflict SET resolved_at = now(), resolved_by = $3, kept = $4
             WHERE desk_id = $1 AND id = $2",
        &[&desk, &id, &by, &kept],
    )
    .await?;
    Ok(())
}

fn conflict(r: &Row) -> Result<Conflict> {
    let kind: String = r.get(1);
    Ok(Conflict {
        id: r.get(0),
        entity: kind.parse().map_err(|e| Error::Database(format!("{e}")))?,
        entity_id: r.get(2),
        field: r.get(3),
        base: r.get(4),
        mine: r.get(5),
        theirs: r.get(6),
        author: r.get(7),
        member_id: r.get(8),
        revision: r.get(9),
        at: r.get(10),
        resolved: r.get(11),
    })
}
