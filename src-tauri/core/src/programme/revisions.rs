//! A programme's revisions, from its change records (`store/change.rs`): the history
//! newest first, each with who, when and which fields changed, the programme as it
//! was at any revision, rebuilt exactly from the state recorded then, and a restore.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::ids::ProgrammeId;
use crate::programme::model::Programme;
use crate::store::change::{self, Entity, FieldChange, Operation};
use crate::store::db::Store;

/// One revision of a programme: `programme history --json` prints a list of these.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Revision {
    pub revision: i64,
    /// When it was recorded, on the recording machine's clock: shown, never compared.
    pub at: DateTime<Utc>,
    pub author: String,
    pub operation: Operation,
    /// The fields that differ from the revision before, by name (all that are set,
    /// for a creation); none for a deletion, which keeps the last state.
    pub changes: Vec<FieldChange>,
}

impl Store {
    /// Every revision of the programme, newest first; none for a programme not saved
    /// since its database was upgraded to record them. An id that is neither a
    /// programme nor a recorded one is `not_found`. Reads only what changed, never the
    /// states.
    pub fn programme_history(&self, id: ProgrammeId) -> Result<Vec<Revision>> {
        let mut st = self.conn.prepare_cached(
            "SELECT revision, at, author, operation, format, changes FROM change
             WHERE entity = ?1 AND entity_id = ?2 ORDER BY revision DESC",
        )?;
        let rows = st.query_map(
            rusqlite::params![Entity::Programme.as_str(), id.to_string()],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (revision, at, author, operation, format, changes) = row?;
            readable(revision, format)?;
            out.push(Revision {
                revision,
                at: DateTime::from_timestamp_millis(at).unwrap_or_default(),
                author,
                operation: operation.parse()?,
                changes: serde_json::from_str(&changes).map_err(|e| corrupt(id, e))?,
            });
        }
        if out.is_empty() && !self.programme_exists(id)? {
            return Err(Error::NotFound {
                what: "programme",
                id: id.to_string(),
            });
        }
        Ok(out)
    }

    fn programme_exists(&self, id: ProgrammeId) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM programme WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?)
    }

    /// The programme exactly as it was at `revision`; `not_found` if it never had it.
    pub fn programme_as_of(&self, id: ProgrammeId, revision: i64) -> Result<Programme> {
        let (format, state): (i64, String) = self
            .conn
            .prepare_cached(
                "SELECT format, state FROM change
                 WHERE entity = ?1 AND entity_id = ?2 AND revision = ?3",
            )?
            .query_row(
                rusqlite::params![Entity::Programme.as_str(), id.to_string(), revision],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Error::NotFound {
                    what: "revision",
                    id: format!("{revision} (programme {id})"),
                },
                e => e.into(),
            })?;
        readable(revision, format)?;
        serde_json::from_str(&state).map_err(|e| corrupt(id, e))
    }

    /// Makes revision `to` current again, as a new revision recorded as a restore:
    /// history is never rewritten. With `expected_revision`, a programme changed
    /// meanwhile is a conflict; a revision it never had is `not_found`.
    pub fn restore_programme(
        &mut self,
        id: ProgrammeId,
        to: i64,
        expected_revision: Option<i64>,
    ) -> Result<Programme> {
        let then = self.programme_as_of(id, to)?;
        let now = self.get_programme(id)?;
        let expected = expected_revision.unwrap_or(now.revision);
        self.save_over(id, expected, &then.to_input(), Operation::Restore)
    }
}

fn readable(revision: i64, format: i64) -> Result<()> {
    if format > change::FORMAT {
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

fn corrupt(id: ProgrammeId, e: serde_json::Error) -> Error {
    Error::validation(
        "revision",
        format!("a recorded revision of programme {id} cannot be read: {e}"),
    )
}
