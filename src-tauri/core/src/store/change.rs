//! Change records: every change to the archive is written, in the transaction that
//! makes it, as one row of `change` (migration 0011) — entity, id, its new revision,
//! operation, author, when, and the entity's full new state as JSON. A revision of
//! an entity can then be rebuilt exactly, and the record is the unit the shared desk
//! will exchange: ordered within its entity by the revision counter, never by `at`.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::store::db::{setting, Store};
use crate::store::write::{now_ms, Write};
use crate::text;

/// The version of `state`'s JSON; a reader refuses a newer one.
pub const FORMAT: i64 = 1;
/// The setting that names who changes are recorded as.
pub const AUTHOR_SETTING: &str = "author.name";
/// Longest author name, in characters.
pub const MAX_AUTHOR: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entity {
    Programme,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Programme => "programme",
        }
    }

    /// Fields of the state that follow from others or from the revision itself, not
    /// from an edit: never listed as changed.
    fn derived(self) -> &'static [&'static str] {
        match self {
            Entity::Programme => &[
                "id",
                "revision",
                "createdAt",
                "updatedAt",
                "airLocal",
                "airDisplay",
            ],
        }
    }
}

/// One field a change changed, as `programme history --json` shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub from: Value,
    pub to: Value,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    Create,
    Update,
    Delete,
    /// An earlier revision made current again, as a new revision.
    Restore,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "create",
            Operation::Update => "update",
            Operation::Delete => "delete",
            Operation::Restore => "restore",
        }
    }
}

impl std::str::FromStr for Operation {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "create" => Ok(Operation::Create),
            "update" => Ok(Operation::Update),
            "delete" => Ok(Operation::Delete),
            "restore" => Ok(Operation::Restore),
            other => Err(Error::validation(
                "operation",
                format!("{other:?} is not an operation this Greenroom reads"),
            )),
        }
    }
}

impl Write<'_> {
    /// Records that `entity` `id` is now at `revision`, as `state`, in this
    /// transaction: the change and its record commit or roll back together.
    pub(crate) fn record(
        &self,
        entity: Entity,
        id: &str,
        revision: i64,
        operation: Operation,
        state: &impl Serialize,
    ) -> Result<()> {
        let unrecordable =
            |e: serde_json::Error| Error::validation("state", format!("cannot be recorded: {e}"));
        let changes = match operation {
            Operation::Delete => Vec::new(),
            _ => {
                let before = self.last_state(entity, id)?;
                let after = serde_json::to_value(state).map_err(unrecordable)?;
                diff(entity, before.as_ref(), &as_object(after))
            }
        };
        let changes = serde_json::to_string(&changes).map_err(unrecordable)?;
        let state = serde_json::to_string(state).map_err(unrecordable)?;
        let author = match self.author {
            Some(a) => a.to_string(),
            None => default_author(self)?,
        };
        self.prepare_cached(
            "INSERT INTO change (id, entity, entity_id, revision, operation, author, at,
                                 format, state, changes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            uuid::Uuid::now_v7().to_string(),
            entity.as_str(),
            id,
            revision,
            operation.as_str(),
            author,
            now_ms(),
            FORMAT,
            state,
            changes
        ])?;
        Ok(())
    }

    /// The entity's newest recorded state, keys in name order; `None` before its first.
    fn last_state(&self, entity: Entity, id: &str) -> Result<Option<Map<String, Value>>> {
        let state: Option<String> = self
            .prepare_cached(
                "SELECT state FROM change WHERE entity = ?1 AND entity_id = ?2
                 ORDER BY revision DESC LIMIT 1",
            )?
            .query_row(params![entity.as_str(), id], |r| r.get(0))
            .optional()?;
        Ok(state
            .and_then(|s| serde_json::from_str(&s).ok())
            .map(as_object))
    }
}

fn as_object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// `v` with every object's keys in name order. serde_json keeps the order it was given
/// when a crate in the build turns on its `preserve_order`, and sorts otherwise; the
/// record must read the same from every build, so what it stores is put in order.
fn sorted(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The fields of `after` that differ from `before`, by field name; with nothing
/// before, the fields that are set. Inside a list that kept its length, and inside an
/// object, only what changed is named (`segments[3].title`), so a change to one
/// segment of thirty records that segment's field, not the running order twice.
fn diff(
    entity: Entity,
    before: Option<&Map<String, Value>>,
    after: &Map<String, Value>,
) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for (field, to) in after {
        if entity.derived().contains(&field.as_str()) {
            continue;
        }
        match before {
            None if is_empty(to) => {}
            None => out.push(FieldChange {
                field: field.clone(),
                from: Value::Null,
                to: sorted(to.clone()),
            }),
            Some(before) => {
                let from = before.get(field).unwrap_or(&Value::Null);
                changed(field.clone(), from, to, &mut out);
            }
        }
    }
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

/// Adds to `out` what differs between `from` and `to` at `path`, as deep as both
/// keep the same shape.
fn changed(path: String, from: &Value, to: &Value, out: &mut Vec<FieldChange>) {
    if from == to {
        return;
    }
    match (from, to) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, to) in b {
                changed(
                    format!("{path}.{key}"),
                    a.get(key).unwrap_or(&Value::Null),
                    to,
                    out,
                );
            }
            for (key, from) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
                changed(format!("{path}.{key}"), from, &Value::Null, out);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (from, to)) in a.iter().zip(b).enumerate() {
                changed(format!("{path}[{i}]"), from, to, out);
            }
        }
        _ => out.push(FieldChange {
            field: path,
            from: sorted(from.clone()),
            to: sorted(to.clone()),
        }),
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// The `author.name` setting, else the OS account's name, else "unknown".
fn default_author(conn: &rusqlite::Connection) -> Result<String> {
    Ok(setting(conn, AUTHOR_SETTING)?
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .map(|a| a.trim().chars().take(MAX_AUTHOR).collect::<String>())
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| "unknown".into()))
}

impl Store {
    /// Records this process's changes as `name` (the CLI's `--author`), over the
    /// `author.name` setting.
    pub fn set_author(&mut self, name: &str) -> Result<()> {
        self.author = Some(text::required_line("author", name, MAX_AUTHOR)?);
        Ok(())
    }
}
