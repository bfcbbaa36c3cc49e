//! The people directory: each person stored once, referenced by their appearances.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::PersonId;
use crate::store::db::Store;
use crate::text::names::name_key;

/// One person of the directory, stored once whatever they appear on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    /// Current affiliation; what a guest was billed as lives on each appearance.
    pub affiliation: Option<String>,
    pub notes: String,
    pub revision: i64,
}

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
