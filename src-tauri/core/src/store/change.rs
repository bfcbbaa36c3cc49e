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

use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::store::db::{setting, Store};
use crate::store::outbox::{Access, Linked};
pub use crate::store::revision::Revision;
pub(crate) use crate::store::revision::{gone_state, history, rebuild, unreadable};
use crate::store::write::{now_ms, Write};
use crate::text;
use greenroom_protocol::delta::{as_object, diff, sorted};
pub use greenroom_protocol::{Entity, FieldChange, Operation, FORMAT};

/// The setting that names who changes are recorded as.
pub const AUTHOR_SETTING: &str = "author.name";
/// Longest author name, in characters.
pub const MAX_AUTHOR: usize = 100;
/// The setting: how many days the trash (`trash.rs`) keeps what was deleted.
pub const TRASH_DAYS_SETTING: &str = "trash.days";
pub const DEFAULT_TRASH_DAYS: u32 = 30;

/// Fields the reader computes from the others, at the top and in each item of a list:
/// never recorded.
fn computed(
    entity: Entity,
) -> (
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
) {
    match entity {
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
        Entity::Setting => (&[], "", &[]),
    }
}

/// An entity's state as recorded: its JSON without the computed fields.
pub(crate) fn state_of(entity: Entity, value: &impl Serialize) -> Result<Map<String, Value>> {
    let mut map = as_object(serde_json::to_value(value).map_err(unrecordable)?);
    let (top, list, item) = computed(entity);
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

pub(crate) fn unrecordable(e: serde_json::Error) -> Error {
    Error::validation("state", format!("cannot be recorded: {e}"))
}

/// Who makes a change and as what: passed down to code that writes people as part of
/// a programme (a new guest added by a save or an import). Made by [`Write::origin`],
/// so it also carries what the write says about the desk.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Origin<'a> {
    pub author: &'a str,
    pub operation: Operation,
    /// The write it is part of: the records of one write share it (`client_op`).
    pub op: uuid::Uuid,
    /// Whether a linked desk queues it; false only while applying pulled changes.
    pub queue: bool,
    /// What the desk this database is linked to (as the write opened) takes of it;
    /// `None`: no desk.
    pub desk: Option<Access>,
}

impl Origin<'_> {
    /// The same author, creating someone along the way: an import, or a creation.
    pub(crate) fn creating(self) -> Self {
        let operation = match self.operation {
            Operation::Import => Operation::Import,
            _ => Operation::Create,
        };
        Origin { operation, ..self }
    }

    /// The same author, changing someone along the way: an import, or an update.
    pub(crate) fn updating(self) -> Self {
        let operation = match self.operation {
            Operation::Import => Operation::Import,
            _ => Operation::Update,
        };
        Origin { operation, ..self }
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
        let origin = self.origin(&author, operation);
        record_on(self, origin, entity, id, revision, before, after)
    }

    /// [`Write::record`] of a person merged into `kept`: gone, and where to. A desk
    /// redirects the person's other members' edits to the one kept.
    pub(crate) fn record_merged_away(
        &self,
        id: &str,
        revision: i64,
        before: &Map<String, Value>,
        kept: &str,
    ) -> Result<()> {
        let author = self.author_name()?;
        let origin = self.origin(&author, Operation::Merge);
        let record = Record {
            entity: Entity::Person,
            id,
            revision,
            before: Some(before),
            after: None,
            merged_into: Some(kept),
        };
        record_with(self, origin, &record)
    }

    /// Who makes this write's changes (`author`, from [`Write::author_name`]) and as
    /// what.
    pub(crate) fn origin<'s>(&self, author: &'s str, operation: Operation) -> Origin<'s> {
        Origin {
            author,
            operation,
            op: self.op,
            queue: !self.applying,
            desk: self.desk.as_ref().map(|d| d.access),
        }
    }

    /// Who this transaction's changes are recorded as: the shell's author, else the
    /// `author.name` setting, else the OS account.
    pub(crate) fn author_name(&self) -> Result<String> {
        match self.author {
            Some(a) => Ok(a.to_string()),
            None => default_author(self, self.desk.as_ref()),
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
    let record = Record {
        entity,
        id,
        revision,
        before,
        after,
        merged_into: None,
    };
    record_with(conn, origin, &record)
}

/// One change as the code that made it describes it.
pub(crate) struct Record<'a> {
    pub entity: Entity,
    pub id: &'a str,
    pub revision: i64,
    pub before: Option<&'a Map<String, Value>>,
    pub after: Option<&'a Map<String, Value>>,
    pub merged_into: Option<&'a str>,
}

/// Writes the change record and, when the database is linked to a desk and the
/// change is not one pulled from it, queues it for the desk (`store/outbox.rs`).
fn record_with(conn: &Connection, origin: Origin<'_>, r: &Record<'_>) -> Result<()> {
    let Record {
        entity,
        id,
        revision,
        before,
        after,
        ..
    } = *r;
    let (changes, state) = match (before, after) {
        (Some(before), Some(after)) => (diff(before, after), None),
        (_, None) => (Vec::new(), before.map(|b| sorted(Value::Object(b.clone())))),
        (None, Some(_)) => (Vec::new(), None),
    };
    let changes = serde_json::to_string(&changes).map_err(unrecordable)?;
    let (record_id, at) = (uuid::Uuid::now_v7(), now_ms());
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
        record_id.to_string(),
        origin.operation.as_str(),
        origin.author,
        at,
        FORMAT,
        state,
        changes
    ])?;
    if origin.queue {
        crate::store::outbox::queue(conn, origin, record_id, at, r)?;
    }
    Ok(())
}

/// The `author.name` setting, else the member's name on the linked desk (what the
/// others know this producer as), else the OS account's name, else "unknown".
fn default_author(conn: &rusqlite::Connection, desk: Option<&Linked>) -> Result<String> {
    let member = desk.map(|d| d.member_name.clone());
    let clean = |a: String| Some(a.trim().chars().take(MAX_AUTHOR).collect::<String>());
    let named = |a: Option<String>| a.and_then(clean).filter(|a| !a.is_empty());
    Ok(match named(setting(conn, AUTHOR_SETTING)?) {
        Some(a) => a,
        None => named(member)
            .or_else(os_account)
            .unwrap_or_else(|| "unknown".into()),
    })
}

/// The name of the computer's account ($USER, or $USERNAME on Windows): what changes
/// are recorded as until a name is set, and what the window offers on first run.
pub fn os_account() -> Option<String> {
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|a| a.trim().chars().take(MAX_AUTHOR).collect::<String>())
        .find(|a| !a.is_empty())
}

impl Store {
    /// Records this process's changes as `name` (the CLI's `--author`), over the
    /// `author.name` setting.
    pub fn set_author(&mut self, name: &str) -> Result<()> {
        self.author = Some(text::required_line("author", name, MAX_AUTHOR)?);
        Ok(())
    }
}
