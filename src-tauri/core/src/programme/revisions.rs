//! A programme's revisions, from its change records (`store/change.rs`): the history
//! newest first, each with who, when and which fields changed, and the programme as it
//! was at any revision, rebuilt exactly from the state recorded then.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::ids::ProgrammeId;
use crate::programme::model::Programme;
use crate::store::change::{self, Entity, Operation};
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
    /// The fields that differ from the revision before (all that are set, for a
    /// creation); none for a deletion, which keeps the last state.
    pub changes: Vec<FieldChange>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub from: Value,
    pub to: Value,
}

/// Fields that follow from others or from the revision itself, not from an edit.
const DERIVED: &[&str] = &[
    "id",
    "revision",
    "createdAt",
    "updatedAt",
    "airLocal",
    "airDisplay",
];

struct Row {
    revision: i64,
    at: i64,
    author: String,
    operation: String,
    format: i64,
    state: String,
}

impl Store {
    /// Every revision of the programme, newest first. A programme never recorded (or
    /// an unknown id) is `not_found`.
    pub fn programme_history(&self, id: ProgrammeId) -> Result<Vec<Revision>> {
        let rows = self.change_rows(id, None)?;
        if rows.is_empty() {
            return Err(not_found(id));
        }
        let mut out = Vec::with_capacity(rows.len());
        let mut before: Option<Map<String, Value>> = None;
        for row in rows {
            let state = parse(&row)?;
            let operation: Operation = row.operation.parse()?;
            let changes = match operation {
                Operation::Delete => Vec::new(),
                _ => diff(before.as_ref(), &state),
            };
            out.push(Revision {
                revision: row.revision,
                at: DateTime::from_timestamp_millis(row.at).unwrap_or_default(),
                author: row.author,
                operation,
                changes,
            });
            before = Some(state);
        }
        out.reverse();
        Ok(out)
    }

    /// The programme exactly as it was at `revision`; `not_found` if it never had it.
    pub fn programme_as_of(&self, id: ProgrammeId, revision: i64) -> Result<Programme> {
        let row = self
            .change_rows(id, Some(revision))?
            .pop()
            .ok_or_else(|| Error::NotFound {
                what: "revision",
                id: format!("{revision} (programme {id})"),
            })?;
        parse(&row)?;
        serde_json::from_str(&row.state).map_err(|e| corrupt(id, e))
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

    fn change_rows(&self, id: ProgrammeId, revision: Option<i64>) -> Result<Vec<Row>> {
        let mut st = self.conn.prepare_cached(
            "SELECT revision, at, author, operation, format, state FROM change
             WHERE entity = ?1 AND entity_id = ?2 AND (?3 IS NULL OR revision = ?3)
             ORDER BY revision",
        )?;
        let rows = st.query_map(
            rusqlite::params![Entity::Programme.as_str(), id.to_string(), revision],
            |r| {
                Ok(Row {
                    revision: r.get(0)?,
                    at: r.get(1)?,
                    author: r.get(2)?,
                    operation: r.get(3)?,
                    format: r.get(4)?,
                    state: r.get(5)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn parse(row: &Row) -> Result<Map<String, Value>> {
    if row.format > change::FORMAT {
        return Err(Error::validation(
            "revision",
            format!(
                "revision {} was recorded by a newer Greenroom (format {}); update to read it",
                row.revision, row.format
            ),
        ));
    }
    match serde_json::from_str(&row.state) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Error::validation(
            "revision",
            format!("revision {} is not a recorded programme", row.revision),
        )),
    }
}

/// The fields of `after` that differ from `before`, by field name (a stable order);
/// with nothing before, the fields that are set.
fn diff(before: Option<&Map<String, Value>>, after: &Map<String, Value>) -> Vec<FieldChange> {
    after
        .iter()
        .filter(|(field, _)| !DERIVED.contains(&field.as_str()))
        .filter_map(|(field, to)| {
            let from = before
                .and_then(|b| b.get(field))
                .cloned()
                .unwrap_or(Value::Null);
            let unchanged = match before {
                Some(_) => &from == to,
                None => is_empty(to),
            };
            (!unchanged).then(|| FieldChange {
                field: field.clone(),
                from,
                to: to.clone(),
            })
        })
        .collect()
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn not_found(id: ProgrammeId) -> Error {
    Error::NotFound {
        what: "programme",
        id: id.to_string(),
    }
}

fn corrupt(id: ProgrammeId, e: serde_json::Error) -> Error {
    Error::validation(
        "revision",
        format!("a recorded state of programme {id} cannot be read: {e}"),
    )
}
