//! An entity's live rows as a recorded state (`store::change::state_of`), and a
//! state pulled from the desk made the live rows: a programme with its line-up and
//! running order, a person, a series format.

use chrono::Utc;
use rusqlite::params;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::ids::{PersonId, ProgrammeId};
use crate::people::profile::{put_profile, PersonProfile};
use crate::programme::model::Programme;
use crate::programme::queries::{write_children, write_programme_row, ProgrammeRow, RowWrite};
use crate::programme::segment_rows;
use crate::store::change::{state_of, unreadable, Entity, Origin};
use crate::store::db::Store;
use crate::store::write::now_ms;
use crate::text::names::name_key;

/// The entity's state in the live rows; `None` when it is not here.
pub(crate) fn live_state(
    store: &Store,
    entity: Entity,
    id: &str,
) -> Result<Option<Map<String, Value>>> {
    let found = match entity {
        Entity::Programme => store
            .get_programme(id.parse()?)
            .and_then(|p| state_of(entity, &p)),
        Entity::Person => store
            .person_profile(id.parse()?)
            .and_then(|p| state_of(entity, &p)),
        Entity::SeriesFormat => match store.series_format(id)? {
            Some(f) => state_of(entity, &f),
            None => return Ok(None),
        },
        Entity::Setting => return store.desk_setting_state(id),
    };
    match found {
        Ok(state) => Ok(Some(state)),
        Err(Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The entity's revision in the live rows (a format's is its newest record's).
pub(crate) fn live_revision(store: &Store, entity: Entity, id: &str) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    let sql = match entity {
        Entity::Programme => "SELECT revision FROM programme WHERE id = ?1",
        Entity::Person => "SELECT revision FROM person WHERE id = ?1",
        Entity::SeriesFormat => {
            "SELECT (SELECT coalesce(max(revision), 0) FROM change
                      WHERE entity = 'series_format' AND entity_id = ?1)
             FROM series_format WHERE series_key = ?1"
        }
        Entity::Setting => {
            "SELECT (SELECT coalesce(max(revision), 0) FROM change
                      WHERE entity = 'setting' AND entity_id = ?1)
             FROM setting WHERE key = ?1"
        }
    };
    Ok(store
        .conn
        .prepare_cached(sql)?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Makes the live rows hold `state` at `revision` (`None`: the entity is gone; a
/// person merged away leaves their programmes to `merged_into`). Runs inside the
/// applying write whose `origin` it is.
pub(crate) fn put_state(
    store: &Store,
    origin: Origin<'_>,
    entity: Entity,
    id: &str,
    state: Option<&Map<String, Value>>,
    revision: i64,
    merged_into: Option<&str>,
) -> Result<()> {
    let conn = &store.conn;
    match (entity, state) {
        (Entity::Programme, None) => {
            conn.execute("DELETE FROM programme WHERE id = ?1", [id])?;
        }
        (Entity::Programme, Some(state)) => put_programme(store, origin, id, state, revision)?,
        (Entity::Person, None) => {
            let dropped: PersonId = id.parse()?;
            if let Some(kept) = merged_into {
                let kept: PersonId = kept.parse()?;
                ensure_person(store, kept, "")?;
                redirect(store, dropped, kept)?;
            }
            let named: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM appearance WHERE person_id = ?1)
                     OR EXISTS (SELECT 1 FROM segment_person WHERE person_id = ?1)",
                [dropped],
                |r| r.get(0),
            )?;
            // Someone the desk deleted while a programme here still names them stays
            // until that programme's next pulled state lets them go.
            if !named {
                conn.execute("DELETE FROM person WHERE id = ?1", [dropped])?;
            }
        }
        (Entity::Person, Some(state)) => {
            let profile: PersonProfile = serde_json::from_value(Value::Object(state.clone()))
                .map_err(|e| unreadable(entity, id, e))?;
            // A state recorded before people's states carried their times has none:
            // the row keeps its own then.
            let time = |field: &str| {
                state
                    .get(field)
                    .and_then(Value::as_str)
                    .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                    .map(|t| t.timestamp_millis())
            };
            let times = (time("createdAt"), time("updatedAt").unwrap_or_else(now_ms));
            put_profile(conn, id.parse()?, &profile, revision, times)?;
        }
        (Entity::SeriesFormat, None) => {
            conn.execute("DELETE FROM series_format WHERE series_key = ?1", [id])?;
        }
        (Entity::SeriesFormat, Some(state)) => {
            let series = state
                .get("series")
                .and_then(Value::as_str)
                .ok_or_else(|| unreadable(entity, id, "no series"))?;
            let segments = state
                .get("segments")
                .cloned()
                .unwrap_or(Value::Array(vec![]));
            conn.execute(
                "INSERT INTO series_format (series_key, series, segments, updated_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (series_key) DO UPDATE SET series = excluded.series,
                     segments = excluded.segments, updated_at = excluded.updated_at",
                params![id, series, segments.to_string(), now_ms()],
            )?;
        }
        (Entity::Setting, state) => store.put_desk_setting(id, state)?,
    }
    Ok(())
}

fn put_programme(
    store: &Store,
    origin: Origin<'_>,
    id: &str,
    state: &Map<String, Value>,
    revision: i64,
) -> Result<()> {
    let conn = &store.conn;
    let mut whole = state.clone();
    whole.insert("id".into(), Value::String(id.to_string()));
    whole.insert("revision".into(), revision.into());
    let p: Programme = serde_json::from_value(Value::Object(whole))
        .map_err(|e| unreadable(Entity::Programme, id, e))?;
    let pid: ProgrammeId = p.id;
    // Everyone it names is in the directory before it: normally pulled first, but a
    // person this member never received (a desk's order is per entity) is added by name.
    let mut named = std::collections::HashSet::new();
    for (person, name) in p
        .presenter
        .iter()
        .map(|r| (r.id, &r.name))
        .chain(p.guests.iter().map(|g| (g.person_id, &g.name)))
        .chain(
            p.segments
                .iter()
                .flat_map(|s| s.people.iter().map(|r| (r.id, &r.name))),
        )
    {
        if named.insert(person) {
            ensure_person(store, person, name)?;
        }
    }
    let mut input = p.to_input();
    for (s, stored) in input.segments.iter_mut().flatten().zip(&p.segments) {
        // The duration text is computed, not recorded.
        s.duration = format!("{}s", stored.duration_seconds);
        // Segment people are put by id below: a state's names may be older than a rename.
        s.people.clear();
    }
    let valid = input.validate()?;
    let (created, updated) = (
        p.created_at.timestamp_millis(),
        p.updated_at.timestamp_millis(),
    );
    let new = !conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM programme WHERE id = ?1)")?
        .query_row([pid], |r| r.get::<_, bool>(0))?;
    let row = ProgrammeRow {
        id: pid,
        valid: &valid,
        created,
        updated,
        revision,
    };
    let how = match new {
        true => RowWrite::Insert { import_key: None },
        false => RowWrite::Overwrite,
    };
    write_programme_row(conn, &row, how)?;
    // Cached: the appearance's search triggers cost more to compile than to run.
    // A programme new here has nothing to clear (a first pull is all new ones).
    let clear = [
        "DELETE FROM framing WHERE programme_id = ?1",
        "DELETE FROM appearance WHERE programme_id = ?1",
        "DELETE FROM segment WHERE programme_id = ?1",
    ];
    for sql in clear.iter().filter(|_| !new) {
        conn.prepare_cached(sql)?.execute([pid])?;
    }
    let lineup = write_children(conn, pid, &valid, updated, origin)?;
    segment_rows::replace(conn, pid, valid.segments.as_deref().unwrap_or(&[]), &lineup)?;
    let mut st = conn.prepare_cached(
        "INSERT OR IGNORE INTO segment_person (programme_id, position, person_id, ordinal)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, s) in p.segments.iter().enumerate() {
        let on_lineup = s
            .people
            .iter()
            .filter(|person| lineup.iter().any(|(id, _)| *id == person.id));
        for (ordinal, person) in on_lineup.enumerate() {
            st.execute(params![pid, position as i64, person.id, ordinal as i64])?;
        }
    }
    Ok(())
}

/// Adds a person this database does not have, under their id, by name.
fn ensure_person(store: &Store, id: PersonId, name: &str) -> Result<()> {
    let name = if name.trim().is_empty() {
        "(unnamed)"
    } else {
        name
    };
    let now = Utc::now().timestamp_millis();
    store
        .conn
        .prepare_cached(
            "INSERT OR IGNORE INTO person (id, name, name_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        )?
        .execute(params![id, name, name_key(name), now])?;
    Ok(())
}

/// Points every appearance and segment place of `dropped` at `kept`; a programme
/// naming both keeps the one of `kept`.
fn redirect(store: &Store, dropped: PersonId, kept: PersonId) -> Result<()> {
    let conn = &store.conn;
    conn.execute(
        "DELETE FROM appearance WHERE person_id = ?1 AND programme_id IN
            (SELECT programme_id FROM appearance WHERE person_id = ?2)",
        params![dropped, kept],
    )?;
    conn.execute(
        "UPDATE appearance SET person_id = ?2 WHERE person_id = ?1",
        params![dropped, kept],
    )?;
    conn.execute(
        "DELETE FROM segment_person WHERE person_id = ?1 AND (programme_id, position) IN
            (SELECT programme_id, position FROM segment_person WHERE person_id = ?2)",
        params![dropped, kept],
    )?;
    conn.execute(
        "UPDATE segment_person SET person_id = ?2 WHERE person_id = ?1",
        params![dropped, kept],
    )?;
    Ok(())
}
