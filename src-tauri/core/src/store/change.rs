//! Change records: every change to the archive is written, in the transaction that
//! makes it, as one row of `change` (migration 0011) — entity, id, its new revision,
//! operation, author, when, and what changed: each field's value before and after.
//! The record is the unit the shared desk will exchange: ordered within its entity by
//! the revision counter, never by `at`.
//!
//! The live rows hold the newest state; a record keeps what changed, so any earlier
//! revision is rebuilt by walking back from the live state, putting back each change's
//! `from` (reverse deltas, as RCS keeps files). Only an entity that is gone (deleted,
//! merged away) has its whole last state recorded, to walk back from and to restore.
//! Values the reader computes from others (a segment's start, a programme's local air
//! time) are not recorded: `rebuild` returns the state without them.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::store::db::{setting, Store};
use crate::store::write::{now_ms, Write};
use crate::text;

/// The version of the recorded JSON; a reader refuses a newer one.
pub const FORMAT: i64 = 1;
/// The setting that names who changes are recorded as.
pub const AUTHOR_SETTING: &str = "author.name";
/// Longest author name, in characters.
pub const MAX_AUTHOR: usize = 100;
/// The setting: how many days the trash (`trash.rs`) keeps what was deleted.
pub const TRASH_DAYS_SETTING: &str = "trash.days";
pub const DEFAULT_TRASH_DAYS: u32 = 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Programme,
    Person,
    SeriesFormat,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Programme => "programme",
            Entity::Person => "person",
            Entity::SeriesFormat => "series_format",
        }
    }

    /// Fields the reader computes from the others, at the top and in each item of a
    /// list: never recorded.
    fn computed(
        self,
    ) -> (
        &'static [&'static str],
        &'static str,
        &'static [&'static str],
    ) {
        match self {
            Entity::Programme => (
                &["id", "revision", "airLocal", "airDisplay"],
                "segments",
                &[
                    "number",
                    "duration",
                    "startOffsetSeconds",
                    "endOffsetSeconds",
                    "startAt",
                    "start",
                    "end",
                ],
            ),
            Entity::Person => (&["id", "revision"], "", &[]),
            Entity::SeriesFormat => (&["total"], "", &[]),
        }
    }

    /// Recorded fields that are no one's edit (the time of the save): kept to rebuild
    /// a revision exactly, left out of what a history shows.
    pub fn bookkeeping(self) -> &'static [&'static str] {
        match self {
            Entity::Programme | Entity::Person => &["createdAt", "updatedAt"],
            Entity::SeriesFormat => &["updatedAt"],
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    Create,
    Update,
    Delete,
    /// An earlier revision made current again (or a deleted one brought back from
    /// the trash), as a new revision.
    Restore,
    /// Two records of a person made one: the kept person, the programmes that moved,
    /// and the dropped person (gone).
    Merge,
    Unmerge,
    /// Written by an import of listings or of an archive.
    Import,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "create",
            Operation::Update => "update",
            Operation::Delete => "delete",
            Operation::Restore => "restore",
            Operation::Merge => "merge",
            Operation::Unmerge => "unmerge",
            Operation::Import => "import",
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
            "merge" => Ok(Operation::Merge),
            "unmerge" => Ok(Operation::Unmerge),
            "import" => Ok(Operation::Import),
            other => Err(Error::validation(
                "operation",
                format!("{other:?} is not an operation this Greenroom reads"),
            )),
        }
    }
}

/// An entity's state as recorded: its JSON without the computed fields.
pub(crate) fn state_of(entity: Entity, value: &impl Serialize) -> Result<Map<String, Value>> {
    let mut map = as_object(serde_json::to_value(value).map_err(unrecordable)?);
    let (top, list, item) = entity.computed();
    for k in top {
        map.remove(*k);
    }
    if let Some(Value::Array(items)) = map.get_mut(list) {
        for i in items.iter_mut().filter_map(Value::as_object_mut) {
            for k in item {
                i.remove(*k);
            }
        }
    }
    Ok(map)
}

fn unrecordable(e: serde_json::Error) -> Error {
    Error::validation("state", format!("cannot be recorded: {e}"))
}

/// Who makes a change and as what: passed down to code that writes people as part of
/// a programme (a new guest added by a save or an import).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Origin<'a> {
    pub author: &'a str,
    pub operation: Operation,
}

impl Origin<'_> {
    /// What creating someone along the way is recorded as: an import, or a creation.
    pub(crate) fn creating(self) -> Operation {
        match self.operation {
            Operation::Import => Operation::Import,
            _ => Operation::Create,
        }
    }

    /// What changing someone along the way is recorded as.
    pub(crate) fn updating(self) -> Operation {
        match self.operation {
            Operation::Import => Operation::Import,
            _ => Operation::Update,
        }
    }
}

impl Write<'_> {
    /// Records that `entity` `id` is now at `revision`, in this transaction: the
    /// change and its record commit or roll back together. `before` is its state
    /// before (`None` when it is new), `after` its state now (`None` when it is gone);
    /// both as [`state_of`] makes them.
    pub(crate) fn record(
        &self,
        entity: Entity,
        id: &str,
        revision: i64,
        operation: Operation,
        before: Option<&Map<String, Value>>,
        after: Option<&Map<String, Value>>,
    ) -> Result<()> {
        let author = self.author_name()?;
        let origin = Origin {
            author: &author,
            operation,
        };
        record_on(self, origin, entity, id, revision, before, after)
    }

    /// Who this transaction's changes are recorded as: the shell's author, else the
    /// `author.name` setting, else the OS account.
    pub(crate) fn author_name(&self) -> Result<String> {
        match self.author {
            Some(a) => Ok(a.to_string()),
            None => default_author(self),
        }
    }
}

/// [`Write::record`] on a connection inside the write (a savepoint of it).
pub(crate) fn record_on(
    conn: &Connection,
    origin: Origin<'_>,
    entity: Entity,
    id: &str,
    revision: i64,
    before: Option<&Map<String, Value>>,
    after: Option<&Map<String, Value>>,
) -> Result<()> {
    let (changes, state) = match (before, after) {
        (Some(before), Some(after)) => (diff(before, after), None),
        (_, None) => (Vec::new(), before.map(|b| sorted(Value::Object(b.clone())))),
        (None, Some(_)) => (Vec::new(), None),
    };
    let changes = serde_json::to_string(&changes).map_err(unrecordable)?;
    let state = state
        .map(|s| serde_json::to_string(&s))
        .transpose()
        .map_err(unrecordable)?;
    conn.prepare_cached(
        "INSERT INTO change (entity, entity_id, revision, id, operation, author, at,
                             format, state, changes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        entity.as_str(),
        id,
        revision,
        uuid::Uuid::now_v7().to_string(),
        origin.operation.as_str(),
        origin.author,
        now_ms(),
        FORMAT,
        state,
        changes
    ])?;
    Ok(())
}

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

pub(crate) fn readable(revision: i64, format: i64) -> Result<()> {
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

/// Sets the value at `path` (`segments[3].title`, as [`diff`] names it) in `state`;
/// `null` removes an object's key (a field the state did not have).
fn put(state: &mut Map<String, Value>, path: &str, value: Value) {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let mut pieces = part.split('[');
        steps.push(Step::Key(pieces.next().unwrap_or_default().to_string()));
        steps.extend(
            pieces
                .filter_map(|i| i.trim_end_matches(']').parse().ok())
                .map(Step::Index),
        );
    }
    let mut root = Value::Object(std::mem::take(state));
    put_at(&mut root, &steps, value);
    *state = as_object(root);
}

fn put_at(here: &mut Value, steps: &[Step], value: Value) {
    match steps {
        [] => *here = value,
        [Step::Key(k)] => {
            if let Value::Object(map) = here {
                if value.is_null() {
                    map.remove(k);
                } else {
                    map.insert(k.clone(), value);
                }
            }
        }
        [Step::Key(k), rest @ ..] => {
            if let Some(next) = here.as_object_mut().and_then(|m| m.get_mut(k)) {
                put_at(next, rest, value);
            }
        }
        [Step::Index(i), rest @ ..] => {
            if let Some(next) = here.as_array_mut().and_then(|a| a.get_mut(*i)) {
                put_at(next, rest, value);
            }
        }
    }
}

enum Step {
    Key(String),
    Index(usize),
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

/// The fields of `after` that differ from `before`, by field name. Inside a list that
/// kept its length, and inside an object, only what changed is named
/// (`segments[3].title`), so a change to one segment of thirty records that segment's
/// field, not the running order twice.
fn diff(before: &Map<String, Value>, after: &Map<String, Value>) -> Vec<FieldChange> {
    let mut out = Vec::new();
    changed_in("", before, after, &mut out);
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
        (Value::Object(a), Value::Object(b)) => changed_in(&path, a, b, out),
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

fn changed_in(
    path: &str,
    a: &Map<String, Value>,
    b: &Map<String, Value>,
    out: &mut Vec<FieldChange>,
) {
    for (key, to) in b {
        changed(join(path, key), a.get(key).unwrap_or(&Value::Null), to, out);
    }
    for (key, from) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
        changed(join(path, key), from, &Value::Null, out);
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
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
