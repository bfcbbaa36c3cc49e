//! Locks for air: a member locks a programme on the desk (typically shortly before it
//! airs) and the desk refuses every other member's change to it until it is
//! unlocked. This database keeps the desk's locks as last heard (`desk_lock`,
//! refreshed by every sync and by the desk's `locks` event), so an edit to a
//! programme locked by someone else is refused here before it is made
//! (`store/outbox.rs`), offline too; the desk refuses the rest (a push answered
//! `locked` stays queued, `desk/push.rs`).

use chrono::{DateTime, Utc};
use greenroom_protocol::wire::{Lock, LockRequest, Locks};
use greenroom_protocol::Entity;
use rusqlite::params;
use serde::Serialize;
use uuid::Uuid;

use crate::desk::client::Client;
use crate::desk::link::{client, read_link, require_link};
use crate::error::{Error, Result};
use crate::ids::ProgrammeId;
use crate::store::db::Store;

/// A lock of the desk, as this database last heard of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskLock {
    pub entity: Entity,
    pub entity_id: String,
    pub member_id: Uuid,
    pub member_name: String,
    /// When it was taken (the server's clock): shown only.
    pub since: DateTime<Utc>,
    /// Held by this database's member.
    pub mine: bool,
}

const COLUMNS: &str = "entity, entity_id, member_id, member_name, since";

fn read(r: &rusqlite::Row<'_>, me: &str) -> rusqlite::Result<DeskLock> {
    let entity: String = r.get(0)?;
    let member: String = r.get(2)?;
    let damaged = |e: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    };
    Ok(DeskLock {
        entity: entity.parse().map_err(|e| damaged(format!("{e}")))?,
        entity_id: r.get(1)?,
        member_id: member.parse().map_err(|e| damaged(format!("{e}")))?,
        member_name: r.get(3)?,
        since: DateTime::from_timestamp_millis(r.get(4)?).unwrap_or_default(),
        mine: member == me,
    })
}

/// Replaces what this database knows of the desk's locks with what the desk says now;
/// whether that changed anything. A server older than locks has none.
pub(crate) fn refresh(store: &Store, client: &Client) -> Result<bool> {
    let locks = match client.get::<Locks>("/locks") {
        Ok(answer) => answer.locks,
        Err(Error::Desk {
            code: "not_found", ..
        }) => Vec::new(),
        Err(e) => return Err(e),
    };
    let mut now: Vec<(String, String, String, String, i64)> = locks
        .into_iter()
        .map(|l: Lock| {
            (
                l.entity.as_str().to_string(),
                l.entity_id,
                l.member_id.to_string(),
                l.member_name,
                l.since.timestamp_millis(),
            )
        })
        .collect();
    now.sort();
    let was: Vec<(String, String, String, String, i64)> = store
        .conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM desk_lock ORDER BY entity, entity_id"
        ))?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if was == now {
        return Ok(false);
    }
    let tx = store.write()?;
    tx.execute("DELETE FROM desk_lock", [])?;
    for l in &now {
        tx.prepare_cached(&format!(
            "INSERT OR REPLACE INTO desk_lock ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5)"
        ))?
        .execute(params![l.0, l.1, l.2, l.3, l.4])?;
    }
    tx.commit()?;
    Ok(true)
}

impl Store {
    /// The desk's locks for air as last heard (the last sync or `locks` event),
    /// oldest first; none without a desk.
    pub fn desk_locks(&self) -> Result<Vec<DeskLock>> {
        let Some(link) = read_link(&self.conn)? else {
            return Ok(Vec::new());
        };
        let me = link.member.id.to_string();
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM desk_lock ORDER BY since, entity_id"
        ))?;
        let rows = st.query_map([], |r| read(r, &me))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Locks programme `id` on the desk for air (online): what waits here is pushed
    /// first, so the desk holds the programme as this member sees it.
    pub fn desk_lock(&mut self, id: ProgrammeId) -> Result<DeskLock> {
        let (link, client) = self.editor_client()?;
        crate::desk::push::push(self, &client)?;
        let asked = LockRequest {
            entity: Entity::Programme,
            entity_id: id.to_string(),
        };
        let lock: Lock = client.post("/locks", &asked)?;
        refresh(self, &client)?;
        Ok(DeskLock {
            entity: lock.entity,
            entity_id: lock.entity_id,
            mine: lock.member_id == link.member.id,
            member_id: lock.member_id,
            member_name: lock.member_name,
            since: lock.since,
        })
    }

    /// Unlocks programme `id` on the desk (online): its holder or an admin may.
    pub fn desk_unlock(&mut self, id: ProgrammeId) -> Result<()> {
        let (_, client) = self.editor_client()?;
        client.delete(&format!("/locks/programme/{id}"))?;
        refresh(self, &client)?;
        Ok(())
    }

    /// The link and a client for a member who may change the desk.
    fn editor_client(&self) -> Result<(crate::desk::DeskLink, Client)> {
        let link = require_link(&self.conn)?;
        if !link.member.role.writes() {
            return Err(Error::ReadOnly);
        }
        let client = client(&link)?;
        Ok((link, client))
    }
}
