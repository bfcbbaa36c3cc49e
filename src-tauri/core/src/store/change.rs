//! Change records: every change to the archive is written, in the transaction that
//! makes it, as one row of `change` (migration 0011) — entity, id, its new revision,
//! operation, author, when, and the entity's full new state as JSON. A revision of
//! an entity can then be rebuilt exactly, and the record is the unit the shared desk
//! will exchange: ordered within its entity by the revision counter, never by `at`.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::db::Store;
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
        let state = serde_json::to_string(state)
            .map_err(|e| Error::validation("state", format!("cannot be recorded: {e}")))?;
        let author = match self.author {
            Some(a) => a.to_string(),
            None => default_author(self)?,
        };
        self.prepare_cached(
            "INSERT INTO change (id, entity, entity_id, revision, operation, author, at,
                                 format, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
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
            state
        ])?;
        Ok(())
    }
}

/// The `author.name` setting, else the OS account's name, else "unknown".
fn default_author(conn: &rusqlite::Connection) -> Result<String> {
    let set: Option<String> = conn
        .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
        .query_row([AUTHOR_SETTING], |r| r.get(0))
        .optional()?;
    Ok(set
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
