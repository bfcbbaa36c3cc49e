//! Writing one checked archive record, in its own transaction: created if its id is
//! new, otherwise as [`seen::decide`] says (by content and by what this database has
//! exchanged, never by the archive's clock). A replaced record gets a new revision,
//! so an editor that has it open gets a conflict on save instead of overwriting the
//! import, and `updatedAt` of when it changed here.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};

use super::archive::{ArchiveFormat, ArchivePerson, ArchiveProgramme};
use super::seen::{self, Outcome};
use super::to_archive;
use crate::error::{Error, Result};
use crate::people::profile::tag_list;
use crate::programme::form::ValidProgramme;
use crate::store::change::{self, state_of, Entity, Operation};
use crate::store::db::Store;
use crate::store::write::{now_ms, Write};
use crate::text::names::name_key;

/// Person and programme ids share the search index, so one id cannot be both.
fn id_taken(tx: &Connection, table: &str, id: &str, by: &str) -> Result<()> {
    let taken: bool = tx.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
        [id],
        |r| r.get(0),
    )?;
    match taken {
        true => Err(Error::validation("id", format!("already used by {by}"))),
        false => Ok(()),
    }
}

pub(crate) fn person(store: &Store, p: &ArchivePerson) -> Result<Outcome> {
    let tx = store.write()?;
    id_taken(
        &tx,
        "programme",
        &p.id.to_string(),
        "a programme in this database",
    )?;
    let ours = to_archive::people(&tx, Some(p.id), p.contacts.is_some())?.pop();
    let outcome = seen::decide(
        &tx,
        ours.as_ref().map(seen::person).as_ref(),
        &seen::person(p),
    )?;
    // A copy keeps its stamps; a replaced record changed here, now.
    let stamp = match outcome {
        Outcome::Created => p.updated_at.timestamp_millis(),
        _ => now_ms(),
    };
    let before = was(
        store,
        &tx,
        Entity::Person,
        &p.id.to_string(),
        outcome,
        |s| state_of(Entity::Person, &s.person_profile(p.id)?),
    )?;
    let contacts = p.contacts.clone().unwrap_or_default();
    let values = params![
        p.id,
        p.name,
        name_key(&p.name),
        p.honorific,
        p.affiliation,
        tag_list(&p.expertise),
        tag_list(&p.languages),
        p.base_city,
        p.base_time_zone,
        p.notes,
        p.gender,
        p.gender_source.map(|g| g.as_str()),
        p.contacts.is_some(),
        contacts.email,
        contacts.phone,
        p.created_at.timestamp_millis(),
        stamp,
    ];
    match outcome {
        Outcome::Created => {
            tx.execute(
                "INSERT INTO person (id, name, name_key, honorific, affiliation, expertise,
                        languages, base_city, base_time_zone, notes, gender, gender_source,
                        email, phone, created_at, updated_at, revision)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
                         iif(?13, ?14, NULL), iif(?13, ?15, NULL), ?16, ?17, 1)",
                values,
            )?;
        }
        Outcome::Updated => {
            // Without contacts in the archive, the ones here stay as they are.
            tx.execute(
                "UPDATE person SET name = ?2, name_key = ?3, honorific = ?4, affiliation = ?5,
                        expertise = ?6, languages = ?7, base_city = ?8, base_time_zone = ?9,
                        notes = ?10, gender = ?11, gender_source = ?12,
                        email = iif(?13, ?14, email), phone = iif(?13, ?15, phone),
                        updated_at = ?17, revision = revision + 1
                 WHERE id = ?1",
                values,
            )?;
        }
        Outcome::Unchanged => {}
        Outcome::KeptNewer | Outcome::KeptOurs => return Ok(outcome),
    }
    if outcome != Outcome::Unchanged {
        crate::store::name_keys::store_key(&tx, p.id, &p.name)?;
        let now = store.person_profile(p.id)?;
        let after = state_of(Entity::Person, &now)?;
        imported(
            &tx,
            Entity::Person,
            &p.id.to_string(),
            "person",
            &before,
            &after,
        )?;
    }
    seen::remember_person(&tx, p)?;
    tx.commit()?;
    Ok(outcome)
}

/// `valid` is `p` as the form validation returns it; its segments carry no people
/// (the archive names them by id, and they are written from `p`).
pub(crate) fn programme(
    store: &Store,
    p: &ArchiveProgramme,
    valid: &ValidProgramme,
) -> Result<Outcome> {
    let tx = store.write()?;
    id_taken(
        &tx,
        "person",
        &p.id.to_string(),
        "a person in this database",
    )?;
    let ours = to_archive::programmes(&tx, Some(p.id))?.pop();
    let theirs = seen::programme(p);
    let outcome = seen::decide(&tx, ours.as_ref().map(seen::programme).as_ref(), &theirs)?;
    // A copy keeps its stamps; a replaced record changed here, now.
    let now = match outcome {
        Outcome::Created => p.updated_at.timestamp_millis(),
        _ => now_ms(),
    };
    let before = was(
        store,
        &tx,
        Entity::Programme,
        &p.id.to_string(),
        outcome,
        |s| state_of(Entity::Programme, &s.get_programme(p.id)?),
    )?;
    let values = params![
        p.id,
        p.series,
        p.title,
        p.air_at.map(|a| a.timestamp_millis()),
        p.time_zone,
        p.slot_seconds,
        p.status.as_str(),
        p.notes,
        p.created_at.timestamp_millis(),
        now,
    ];
    match outcome {
        Outcome::Created => {
            tx.execute(
                "INSERT INTO programme (id, series, title, air_at, time_zone, slot_seconds,
                        status, notes, created_at, updated_at, revision)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)",
                values,
            )?;
        }
        Outcome::Updated => {
            tx.execute(
                "UPDATE programme SET series = ?2, title = ?3, air_at = ?4, time_zone = ?5,
                        slot_seconds = ?6, status = ?7, notes = ?8,
                        updated_at = ?10, revision = revision + 1
                 WHERE id = ?1",
                values,
            )?;
            // Deleting the segments takes their people with them (ON DELETE CASCADE).
            for table in ["segment", "framing", "appearance"] {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE programme_id = ?1"),
                    [p.id],
                )?;
            }
        }
        Outcome::Unchanged => {
            seen::remember(&tx, &theirs)?;
            tx.commit()?;
            return Ok(outcome);
        }
        Outcome::KeptNewer | Outcome::KeptOurs => return Ok(outcome),
    }
    let author = tx.author_name()?;
    let origin = tx.origin(&author, Operation::Import);
    let lineup = crate::programme::queries::write_children(&tx, p.id, valid, now, origin)?;
    if let Some(segments) = &valid.segments {
        crate::programme::segment_rows::replace(&tx, p.id, segments, &lineup)?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO segment_person (programme_id, position, person_id, ordinal)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, s) in p.segments.iter().enumerate() {
        for (ordinal, person) in s.people.iter().enumerate() {
            st.execute(params![p.id, position as i64, person, ordinal as i64])?;
        }
    }
    drop(st);
    let after = state_of(Entity::Programme, &store.get_programme(p.id)?)?;
    imported(
        &tx,
        Entity::Programme,
        &p.id.to_string(),
        "programme",
        &before,
        &after,
    )?;
    seen::remember(&tx, &theirs)?;
    tx.commit()?;
    Ok(outcome)
}

/// The state before an import replaces a record (`Updated`), or the last state of one
/// this database has recorded as gone that the archive brings back (`Created` under a
/// deleted or merged-away id): its history goes on from there.
fn was(
    store: &Store,
    tx: &Connection,
    entity: Entity,
    id: &str,
    outcome: Outcome,
    now: impl Fn(&Store) -> Result<Map<String, Value>>,
) -> Result<Option<(i64, Map<String, Value>)>> {
    match outcome {
        Outcome::Updated => Ok(Some((0, now(store)?))),
        Outcome::Created => change::gone_state(tx, entity, id),
        _ => Ok(None),
    }
}

/// Records what an import wrote. A record brought back under a gone id continues
/// that id's revisions (its row starts at the revision after the one that recorded
/// it gone).
fn imported(
    tx: &Write<'_>,
    entity: Entity,
    id: &str,
    table: &str,
    before: &Option<(i64, Map<String, Value>)>,
    after: &Map<String, Value>,
) -> Result<()> {
    if let Some((gone, _)) = before.as_ref().filter(|(gone, _)| *gone > 0) {
        tx.execute(
            &format!("UPDATE {table} SET revision = ?2 WHERE id = ?1"),
            params![id, gone + 1],
        )?;
    }
    let revision: i64 = tx.query_row(
        &format!("SELECT revision FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get(0),
    )?;
    let before = before.as_ref().map(|(_, state)| state);
    tx.record(entity, id, revision, Operation::Import, before, Some(after))
}

pub(crate) fn format(store: &Store, f: &ArchiveFormat) -> Result<Outcome> {
    let key = name_key(&f.series);
    let tx = store.write()?;
    let ours = to_archive::formats(&tx)?
        .into_iter()
        .find(|o| name_key(&o.series) == key);
    let theirs = seen::format(f);
    let outcome = seen::decide(&tx, ours.as_ref().map(seen::format).as_ref(), &theirs)?;
    let stamp = match outcome {
        Outcome::Created => f.updated_at.timestamp_millis(),
        _ => now_ms(),
    };
    let before = crate::programme::series_format::load(&tx, &f.series)?;
    if matches!(outcome, Outcome::Created | Outcome::Updated) {
        let json = serde_json::to_string(&f.segments)
            .map_err(|e| Error::validation("segments", e.to_string()))?;
        tx.execute(
            "INSERT INTO series_format (series_key, series, segments, updated_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (series_key) DO UPDATE SET series = excluded.series,
                 segments = excluded.segments, updated_at = excluded.updated_at",
            params![key, f.series, json, stamp],
        )?;
        let series = &f.series;
        crate::programme::series_format::record(&tx, series, before.as_ref(), Operation::Import)?;
    }
    if matches!(
        outcome,
        Outcome::Created | Outcome::Updated | Outcome::Unchanged
    ) {
        seen::remember(&tx, &theirs)?;
        tx.commit()?;
    }
    Ok(outcome)
}

/// Which of `ids` are not in the database.
pub(crate) fn missing_people(
    conn: &Connection,
    ids: impl IntoIterator<Item = crate::PersonId>,
) -> Result<Vec<crate::PersonId>> {
    let mut st = conn.prepare_cached("SELECT 1 FROM person WHERE id = ?1")?;
    let mut missing = Vec::new();
    for id in ids {
        if st.query_row([id], |_| Ok(())).optional()?.is_none() && !missing.contains(&id) {
            missing.push(id);
        }
    }
    Ok(missing)
}

/// The merge that took `id` out of this database, if one did and stands.
pub(crate) fn merged_away(conn: &Connection, id: crate::PersonId) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM person_merge WHERE drop_id = ?1 AND undone_at IS NULL
             ORDER BY id DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}
