//! The client's side of a shared desk (issue 14, docs in DESK14): the link and the
//! member's token (`link`), the HTTP client (`client`), pushing the outbox that
//! `store/outbox.rs` fills (`push`), pulling and applying the desk's changes
//! (`pull`, `state`) and its conflicts (`conflicts`). A database without a link runs
//! none of this.

pub mod changed;
mod client;
pub mod conflicts;
#[cfg(test)]
mod fake;
pub mod last_change;
pub mod link;
pub mod live;
pub mod lock;
#[cfg(test)]
mod lock_tests;
mod members;
pub mod pull;
#[cfg(test)]
mod pull_tests;
pub mod push;
pub mod rejected;
#[cfg(test)]
mod setting_tests;
mod state;
#[cfg(test)]
mod tests;

use chrono::Utc;
use serde::Serialize;

pub use changed::EntityRef;
pub use greenroom_protocol::wire::Member;
pub use greenroom_protocol::wire::{Conflict, Keep};
pub use last_change::LastChange;
pub use link::{DeskLink, DeskState, JoinOptions};
pub use lock::DeskLock;
pub use pull::PullProgress;
pub use push::PushReport;
pub use rejected::Rejected;

use crate::error::Result;
use crate::store::db::Store;

/// What one sync moved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    pub pushed: PushReport,
    /// Changes of the desk applied here.
    pub pulled: usize,
    /// The desk's order this database is now at, and the desk's newest.
    pub seq: i64,
    pub head: i64,
    /// The desk's open conflicts.
    pub conflicts: usize,
    /// Changes parked by this sync: pulled ones not applicable here, pushed ones the
    /// desk refused.
    pub rejected: Vec<Rejected>,
    /// The entities whose live rows the pull changed, each once, at most
    /// [`changed::MAX_CHANGED`]; `changed_more`: more than those.
    pub changed: Vec<EntityRef>,
    pub changed_more: bool,
}

impl Store {
    /// The entity's state as a desk exchanges it (no computed fields); `None` when it
    /// is not in this database.
    pub fn desk_state_of(
        &self,
        entity: greenroom_protocol::Entity,
        id: &str,
    ) -> Result<Option<serde_json::Map<String, serde_json::Value>>> {
        state::live_state(self, entity, id)
    }

    /// Applies changes as a pull does in pages of `page`, without the download: for
    /// the desk's bench.
    #[doc(hidden)]
    pub fn desk_apply_pulled(
        &self,
        changes: &[greenroom_protocol::ServerChange],
        page: usize,
    ) -> Result<()> {
        pull::apply_as_pulled(self, changes, page)
    }

    /// Pushes what waits here, then pulls what the desk did, once; `progress` hears
    /// each page pulled.
    pub fn sync(&mut self, progress: &mut dyn FnMut(PullProgress)) -> Result<SyncReport> {
        let link = link::require_link(&self.conn)?;
        let client = link::client(&link)?;
        let mark = rejected::mark(&self.conn)?;
        let pushed = if link.member.role == greenroom_protocol::Role::Viewer {
            PushReport::default()
        } else {
            push::push(self, &client)?
        };
        let mut changed = changed::Changed::default();
        let pulled = pull::pull(self, &client, progress, &mut changed)?;
        let conflicts = conflicts::refresh(self, &client)?;
        lock::refresh(self, &client)?;
        let tx = self.write()?;
        tx.execute(
            "UPDATE desk_link SET last_sync_at = ?1",
            [Utc::now().timestamp_millis()],
        )?;
        tx.commit()?;
        Ok(SyncReport {
            pushed,
            pulled: pulled.applied,
            seq: pulled.seq,
            head: pulled.head,
            conflicts,
            rejected: rejected::since(&self.conn, mark)?,
            changed: changed.refs,
            changed_more: changed.more,
        })
    }
}
