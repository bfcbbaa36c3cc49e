//! Locks for air: an editor locks a programme (typically shortly before it airs), and
//! the desk refuses every other member's change to it (`push`: outcome `locked`,
//! nothing written) until the holder or an admin unlocks it. A lock guards editors'
//! hands, not the directory: a person merged away is still renamed in a locked
//! programme's line-up. Taking or dropping a lock is announced like a commit
//! (`event: locks`), in the desk's write order (the desk's row is locked first).

use chrono::{DateTime, Utc};
use deadpool_postgres::{Client, GenericClient};
use greenroom_protocol::wire::{Lock, LockRequest, Locks, LOCKABLE};
use greenroom_protocol::{Entity, Role};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::{Error, Result};
use crate::store::{entity, sql};
use crate::{desk, events};

const COLUMNS: &str = "l.entity, l.entity_id, l.member_id, m.name, l.since";

/// Every lock of the caller's desk, oldest first.
pub async fn list(client: &impl GenericClient, caller: &Caller) -> Result<Locks> {
    let rows = sql::query(
        client,
        &format!(
            "SELECT {COLUMNS} FROM lock l
                 JOIN member m ON m.desk_id = l.desk_id AND m.id = l.member_id
                 WHERE l.desk_id = $1 ORDER BY l.since, l.entity_id"
        ),
        &[&caller.desk_id()],
    )
    .await?;
    let locks = rows.iter().map(lock).collect::<Result<_>>()?;
    Ok(Locks { locks })
}

/// The lock on `entity` `id`, if any.
pub async fn find(
    client: &impl GenericClient,
    desk: Uuid,
    entity: Entity,
    id: &str,
) -> Result<Option<Lock>> {
    let row = sql::query_opt(
        client,
        &format!(
            "SELECT {COLUMNS} FROM lock l
                 JOIN member m ON m.desk_id = l.desk_id AND m.id = l.member_id
                 WHERE l.desk_id = $1 AND l.entity = $2 AND l.entity_id = $3"
        ),
        &[&desk, &entity.as_str(), &id],
    )
    .await?;
    row.as_ref().map(lock).transpose()
}

/// The lock another member than `member` holds on `entity` `id`: what refuses
/// `member`'s change to it.
pub async fn held_by_other(
    client: &impl GenericClient,
    desk: Uuid,
    entity: Entity,
    id: &str,
    member: Uuid,
) -> Result<Option<Lock>> {
    if !LOCKABLE.contains(&entity) {
        return Ok(None);
    }
    Ok(find(client, desk, entity, id)
        .await?
        .filter(|l| l.member_id != member))
}

/// The refusal of a change to what `lock` holds.
pub fn refusal(lock: &Lock) -> Error {
    Error::Locked(format!(
        "{} locked this {} for air at {} UTC; it cannot be changed until {} unlocks it",
        lock.member_name,
        lock.entity.as_str().replace('_', " "),
        lock.since.format("%H:%M"),
        lock.member_name
    ))
}

/// Locks `asked` for the caller: the same lock when they hold it already, refused
/// when another member does.
pub async fn take(client: &mut Client, caller: &Caller, asked: LockRequest) -> Result<Lock> {
    caller.must_write()?;
    lockable(asked.entity)?;
    let desk_id = caller.desk_id();
    let tx = client.transaction().await?;
    desk::lock(&tx, desk_id).await?;
    let live = entity::current(&tx, desk_id, asked.entity, &asked.entity_id)
        .await?
        .and_then(|e| e.state);
    if live.is_none() {
        return Err(Error::NotFound {
            what: "programme",
            id: asked.entity_id,
        });
    }
    let taken = sql::execute(
        &tx,
        "INSERT INTO lock (desk_id, entity, entity_id, member_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING",
        &[
            &desk_id,
            &asked.entity.as_str(),
            &asked.entity_id,
            &caller.member.id,
        ],
    )
    .await?;
    let held = find(&tx, desk_id, asked.entity, &asked.entity_id)
        .await?
        .ok_or_else(|| Error::Database("a lock just taken is not there".into()))?;
    if held.member_id != caller.member.id {
        return Err(refusal(&held));
    }
    if taken > 0 {
        events::notify_locks(&tx, desk_id).await?;
    }
    tx.commit().await?;
    Ok(held)
}

/// Unlocks `entity` `id`: its holder or an admin may.
pub async fn drop(client: &mut Client, caller: &Caller, entity: &str, id: &str) -> Result<()> {
    caller.must_write()?;
    let kind: Entity = entity.parse().map_err(|_| Error::NotFound {
        what: "lock",
        id: format!("{entity}/{id}"),
    })?;
    let desk_id = caller.desk_id();
    let tx = client.transaction().await?;
    desk::lock(&tx, desk_id).await?;
    let held = find(&tx, desk_id, kind, id)
        .await?
        .ok_or_else(|| Error::NotFound {
            what: "lock",
            id: format!("{entity}/{id}"),
        })?;
    if held.member_id != caller.member.id && caller.role() != Role::Admin {
        return Err(Error::Forbidden(format!(
            "{} holds this lock: only they or an admin of the desk unlock it",
            held.member_name
        )));
    }
    sql::execute(
        &tx,
        "DELETE FROM lock WHERE desk_id = $1 AND entity = $2 AND entity_id = $3",
        &[&desk_id, &kind.as_str(), &id],
    )
    .await?;
    events::notify_locks(&tx, desk_id).await?;
    tx.commit().await?;
    Ok(())
}

fn lockable(entity: Entity) -> Result<()> {
    match LOCKABLE.contains(&entity) {
        true => Ok(()),
        false => Err(Error::validation(
            "entity",
            format!(
                "only a programme is locked for air, not a {}",
                entity.as_str()
            ),
        )),
    }
}

fn lock(r: &Row) -> Result<Lock> {
    let entity: String = r.get(0);
    let since: DateTime<Utc> = r.get(4);
    Ok(Lock {
        entity: entity
            .parse()
            .map_err(|e| Error::Database(format!("lock: {e}")))?,
        entity_id: r.get(1),
        member_id: r.get(2),
        member_name: r.get(3),
        since,
    })
}
