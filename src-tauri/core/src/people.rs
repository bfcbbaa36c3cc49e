//! The people directory: each person stored once, referenced by their appearances.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::Store;
use crate::error::{Error, Result};
use crate::form::ValidPerson;
use crate::ids::PersonId;
use crate::model::Person;
use crate::text::name_key;

const PERSON_COLUMNS: &str = "id, name, affiliation, notes, revision";

fn person_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        affiliation: r.get(2)?,
        notes: r.get(3)?,
        revision: r.get(4)?,
    })
}

impl Store {
    /// Everyone in the directory, by name.
    pub fn list_people(&self) -> Result<Vec<Person>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {PERSON_COLUMNS} FROM person ORDER BY name_key, id"
        ))?;
        let rows = st.query_map([], person_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn get_person(&self, id: PersonId) -> Result<Person> {
        self.conn
            .query_row(
                &format!("SELECT {PERSON_COLUMNS} FROM person WHERE id = ?1"),
                [id],
                person_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "person",
                id: id.to_string(),
            })
    }

    /// People whose name matches exactly, ignoring case and spacing.
    pub fn find_people_by_name(&self, name: &str) -> Result<Vec<Person>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {PERSON_COLUMNS} FROM person WHERE name_key = ?1 ORDER BY id"
        ))?;
        let rows = st.query_map([name_key(name)], person_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The person a form row means: the given id, else the first person with that exact
/// name, else a new person whose current affiliation is the one billed. Returns the
/// person and their name key (what segment people are matched by).
pub(crate) fn resolve(tx: &Connection, p: &ValidPerson, now: i64) -> Result<(PersonId, String)> {
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
        tx.prepare_cached(
            "UPDATE person SET affiliation = ?2, updated_at = ?3, revision = revision + 1
             WHERE id = ?1 AND affiliation IS NULL AND ?2 IS NOT NULL",
        )?
        .execute(params![id, p.affiliation, now])?;
        return Ok((id, key));
    }
    let id = PersonId::new();
    tx.prepare_cached(
        "INSERT INTO person (id, name, name_key, affiliation, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![id, p.name, key, p.affiliation, now])?;
    crate::suggest::store_key(tx, id, &p.name)?;
    Ok((id, key))
}
