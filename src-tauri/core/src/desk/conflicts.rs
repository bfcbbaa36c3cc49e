//! The desk's open conflicts: cached at each sync (so `conflicts list` works
//! offline), resolved through the server.

use greenroom_protocol::wire::{Conflict, Conflicts, Keep, Resolve, Resolved, MAX_CONFLICTS};
use rusqlite::params;

use crate::desk::client::Client;
use crate::error::{Error, Result};
use crate::store::change::unrecordable;
use crate::store::db::Store;

/// Replaces the cache with the server's open conflicts; returns how many there are.
pub(crate) fn refresh(store: &Store, client: &Client) -> Result<usize> {
    // In pages: a desk may hold more open conflicts than one answer should carry.
    let mut open: Vec<Conflict> = Vec::new();
    loop {
        let path = match open.last() {
            None => format!("/conflicts?limit={MAX_CONFLICTS}"),
            Some(c) => format!("/conflicts?after={}&limit={MAX_CONFLICTS}", c.id),
        };
        let page: Conflicts = client.get(&path)?;
        let more = page.more && !page.conflicts.is_empty();
        open.extend(page.conflicts);
        if !more {
            break;
        }
    }
    let tx = store.write()?;
    tx.execute("DELETE FROM desk_conflict", [])?;
    for c in open.iter().filter(|c| !c.resolved) {
        tx.prepare_cached(
            "INSERT OR REPLACE INTO desk_conflict (id, entity, entity_id, field, body)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            c.id.to_string(),
            c.entity.as_str(),
            c.entity_id,
            c.field,
            serde_json::to_string(c).map_err(unrecordable)?
        ])?;
    }
    tx.commit()?;
    Ok(open.len())
}

impl Store {
    /// The desk's open conflicts as of the last sync, oldest first.
    pub fn desk_conflicts(&self) -> Result<Vec<Conflict>> {
        crate::desk::link::require_link(&self.conn)?;
        let mut st = self
            .conn
            .prepare_cached("SELECT body FROM desk_conflict ORDER BY id")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|body| {
            serde_json::from_str(&body?).map_err(|e| {
                Error::validation("conflict", format!("a cached conflict cannot be read: {e}"))
            })
        })
        .collect()
    }

    /// Resolves conflict `id` on the server, keeping `keep` (with [`Keep::Value`], the
    /// field's new `value`), then pulls so the resolution (a new revision unless the
    /// desk's value is kept) is here too.
    pub fn conflict_resolve(
        &mut self,
        id: &str,
        keep: Keep,
        value: Option<serde_json::Value>,
    ) -> Result<Conflict> {
        let link = crate::desk::link::require_link(&self.conn)?;
        match (keep, &value) {
            (Keep::Value, None) => {
                return Err(Error::validation(
                    "value",
                    "keep value needs the field's new value",
                ))
            }
            (Keep::Mine | Keep::Theirs, Some(_)) => {
                return Err(Error::validation("value", "goes with keep value only"))
            }
            _ => {}
        }
        let id: uuid::Uuid = id.trim().parse().map_err(|_| {
            Error::validation(
                "id",
                format!("{id:?} is not a conflict id (conflicts list)"),
            )
        })?;
        let client = crate::desk::link::client(&link)?;
        let resolved: Resolved = client.post(
            &format!("/conflicts/{id}/resolve"),
            &Resolve { keep, value },
        )?;
        crate::desk::pull::pull(self, &client, &mut |_| {}, &mut Default::default())?;
        refresh(self, &client)?;
        Ok(resolved.conflict)
    }
}
