//! A programme's presenter and guests as rows of the people directory: each billing
//! line is matched to the person it names, or adds them.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::ids::PersonId;
use crate::programme::form::ValidPerson;
use crate::store::change::{record_on, Entity, Origin};
use crate::text::names::name_key;

/// The person a form row means: the given id, else the first person with that exact
/// name, else a new person whose current affiliation is the one billed. Returns the
/// person and their name key (what segment people are matched by).
/// A person added, or given an affiliation, is recorded as `origin` says.
pub(crate) fn resolve(
    tx: &Connection,
    p: &ValidPerson,
    now: i64,
    origin: Origin<'_>,
) -> Result<(PersonId, String)> {
    if let Some(id) = p.person_id {
        let key: Option<String> = tx
            .prepare_cached("SELECT name_key FROM person WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        return key.map(|k| (id, k)).ok_or_else(|| Error::NotFound {
            what: "person",
            id: id.to_string(),
        });
    }
    let key = name_key(&p.name);
    let existing: Option<PersonId> = tx
        .prepare_cached("SELECT id FROM person WHERE name_key = ?1 ORDER BY id LIMIT 1")?
        .query_row([&key], |r| r.get(0))
        .optional()?;
    if let Some(id) = existing {
        // Someone first entered without an affiliation gets the one they are billed with now.
        let filled: Option<i64> = tx
            .prepare_cached(
                "UPDATE person SET affiliation = ?2, updated_at = ?3, revision = revision + 1
                 WHERE id = ?1 AND affiliation IS NULL AND ?2 IS NOT NULL RETURNING revision",
            )?
            .query_row(params![id, p.affiliation, now], |r| r.get(0))
            .optional()?;
        if let Some(revision) = filled {
            let field = |v: Value| Map::from_iter([("affiliation".to_string(), v)]);
            record_on(
                tx,
                origin.updating(),
                Entity::Person,
                &id.to_string(),
                revision,
                Some(&field(Value::Null)),
                Some(&field(p.affiliation.clone().into())),
            )?;
        }
        return Ok((id, key));
    }
    let id = PersonId::new();
    add_person(tx, id, p, now, origin)?;
    Ok((id, key))
}

/// Adds `p` to the directory as `id`, recorded as a creation.
pub(crate) fn add_person(
    tx: &Connection,
    id: PersonId,
    p: &ValidPerson,
    now: i64,
    origin: Origin<'_>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO person (id, name, name_key, affiliation, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![id, p.name, name_key(&p.name), p.affiliation, now])?;
    crate::store::name_keys::store_key(tx, id, &p.name)?;
    record_on(
        tx,
        origin.creating(),
        Entity::Person,
        &id.to_string(),
        1,
        None,
        Some(&Map::new()),
    )
}
