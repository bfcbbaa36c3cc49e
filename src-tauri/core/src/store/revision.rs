//! Reading change records back (`store/change.rs`): an entity's history, newest
//! first, and its state at any revision, walked back from the live rows.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::store::change::{Entity, FieldChange, Operation, FORMAT};
use greenroom_protocol::delta::put;

/// The whole last state of an entity that is gone (its newest record keeps it), with
/// that record's revision; `None` when it is not gone or has no records.
pub(crate) fn gone_state(
    conn: &Connection,
    entity: Entity,
    id: &str,
) -> Result<Option<(i64, Map<String, Value>)>> {
    let row: Option<(i64, i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT revision, format, state FROM change WHERE entity = ?1 AND entity_id = ?2
             ORDER BY revision DESC LIMIT 1",
        )?
        .query_row(params![entity.as_str(), id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    match row {
        Some((revision, format, Some(state))) => {
            readable(revision, format)?;
            Ok(Some((revision, parse(entity, id, &state)?)))
        }
        _ => Ok(None),
    }
}

/// The entity's recorded state at `revision`: walked back from `live` (its state
/// now, as [`state_of`] makes it; `None` when it is gone) through every later record.
/// A revision that was never recorded, or that recorded its deletion, is `not_found`.
pub(crate) fn rebuild(
    conn: &Connection,
    entity: Entity,
    id: &str,
    revision: i64,
    live: Option<Map<String, Value>>,
) -> Result<Map<String, Value>> {
    let mut st = conn.prepare_cached(
        "SELECT revision, format, state, changes FROM change
         WHERE entity = ?1 AND entity_id = ?2 AND revision >= ?3 ORDER BY revision DESC",
    )?;
    let rows = st.query_map(params![entity.as_str(), id, revision], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let not_found = |why: &str| Error::NotFound {
        what: "revision",
        id: format!("{revision} of {} {id}{why}", entity.as_str()),
    };
    let mut state = live;
    let mut reached = false;
    for row in rows {
        let (r, format, gone, changes) = row?;
        readable(r, format)?;
        if r == revision {
            if gone.is_some() {
                return Err(not_found(" (it is the deletion)"));
            }
            reached = true;
            break;
        }
        match (gone, &mut state) {
            (Some(gone), None) => state = Some(parse(entity, id, &gone)?),
            (_, Some(state)) => {
                let changes: Vec<FieldChange> =
                    serde_json::from_str(&changes).map_err(|e| unreadable(entity, id, e))?;
                for c in changes.into_iter().rev() {
                    put(state, &c.field, c.from);
                }
            }
            (None, None) => return Err(not_found("")),
        }
    }
    match state {
        Some(state) if reached => Ok(state),
        _ => Err(not_found("")),
    }
}

/// One revision of an entity: `programme history --json` prints a list of these.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Revision {
    pub revision: i64,
    /// When it was recorded, on the recording machine's clock: shown, never compared.
    pub at: chrono::DateTime<chrono::Utc>,
    pub author: String,
    pub operation: Operation,
    /// The fields that differ from the revision before, by name; none for a creation
    /// or a deletion. Bookkeeping fields (the time of the save) are left out.
    pub changes: Vec<FieldChange>,
    /// What changed in words, as the entity's reader put it (see `summary`).
    #[serde(skip)]
    pub(crate) words: Vec<String>,
}

impl Revision {
    /// What changed in words, one phrase per change: "Slot 25:00 → 30:00".
    pub fn summary(&self) -> &[String] {
        &self.words
    }
}

/// Every recorded revision of the entity, newest first, walked back from `live` (its
/// state now; `None` when it is gone): `words` puts each revision's changes in words,
/// given the state they made.
pub(crate) fn history(
    conn: &Connection,
    entity: Entity,
    id: &str,
    live: Option<Map<String, Value>>,
    words: impl Fn(&[FieldChange], &Map<String, Value>) -> Vec<String>,
) -> Result<Vec<Revision>> {
    let mut st = conn.prepare_cached(
        "SELECT revision, at, author, operation, format, state, changes FROM change
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY revision DESC",
    )?;
    let rows = st.query_map(params![entity.as_str(), id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut state = live.unwrap_or_default();
    let mut out = Vec::new();
    for row in rows {
        let (revision, at, author, operation, format, gone, changes) = row?;
        readable(revision, format)?;
        if let Some(gone) = gone {
            state = parse(entity, id, &gone)?;
        }
        let changes: Vec<FieldChange> =
            serde_json::from_str(&changes).map_err(|e| unreadable(entity, id, e))?;
        let shown: Vec<FieldChange> = changes
            .iter()
            .filter(|c| !entity.bookkeeping().contains(&c.field.as_str()))
            .cloned()
            .collect();
        let words = words(&shown, &state);
        for c in changes.into_iter().rev() {
            put(&mut state, &c.field, c.from);
        }
        out.push(Revision {
            revision,
            at: chrono::DateTime::from_timestamp_millis(at).unwrap_or_default(),
            author,
            operation: operation.parse()?,
            changes: shown,
            words,
        });
    }
    Ok(out)
}

fn readable(revision: i64, format: i64) -> Result<()> {
    if format > FORMAT {
        return Err(Error::validation(
            "revision",
            format!(
                "revision {revision} was recorded by a newer Greenroom (format {format}); \
                 update to read it"
            ),
        ));
    }
    Ok(())
}

fn parse(entity: Entity, id: &str, state: &str) -> Result<Map<String, Value>> {
    serde_json::from_str(state).map_err(|e| unreadable(entity, id, e))
}

pub(crate) fn unreadable(entity: Entity, id: &str, e: impl std::fmt::Display) -> Error {
    Error::validation(
        "revision",
        format!(
            "a recorded revision of {} {id} cannot be read: {e}",
            entity.as_str()
        ),
    )
}
