//! Who last changed an entity, and when: its newest change record here. On a desk the
//! records of other members' changes carry their names (as the desk recorded them),
//! so a programme's header says who it was.

use chrono::{DateTime, Utc};
use greenroom_protocol::Entity;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::error::Result;
use crate::store::db::Store;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastChange {
    pub author: String,
    /// The recording machine's clock: shown, never compared.
    pub at: DateTime<Utc>,
    pub revision: i64,
}

impl Store {
    /// The newest change of `entity` `id` recorded here; `None` when there is none
    /// (made before change records, or unknown).
    pub fn last_change(&self, entity: Entity, id: &str) -> Result<Option<LastChange>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT author, at, revision FROM change WHERE entity = ?1 AND entity_id = ?2
                 ORDER BY revision DESC LIMIT 1",
            )?
            .query_row(params![entity.as_str(), id], |r| {
                Ok(LastChange {
                    author: r.get(0)?,
                    at: DateTime::from_timestamp_millis(r.get(1)?).unwrap_or_default(),
                    revision: r.get(2)?,
                })
            })
            .optional()?)
    }
}
