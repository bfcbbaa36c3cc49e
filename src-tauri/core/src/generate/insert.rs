//! Writing a generated archive through the real schema, triggers and all.
//!
//! Everything goes in one transaction with foreign keys deferred, in the order that
//! makes the search triggers do each document once: a programme's framing before the
//! programme (so the programme is indexed with its framing, not re-indexed per item),
//! and people after all their appearances (so a guest is indexed once with every
//! affiliation they were billed with, not once per booking). The foreign keys are
//! still checked, at commit. What ends up in the index is exactly what the app's own
//! writes would leave there; a test compares it with the index views.

use rusqlite::{params, Transaction};
use uuid::Uuid;

use super::cast::{Cast, GenPerson, Kind};
use super::schedule::{GenProgramme, SERIES};
use crate::error::Result;
use crate::people::profile::tag_list;
use crate::text::names::match_key;
use crate::text::names::name_key;

pub(crate) fn begin(tx: &Transaction<'_>) -> Result<()> {
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    for s in SERIES {
        let segments: Vec<serde_json::Value> = s
            .format
            .iter()
            .map(|(kind, title, seconds)| {
                serde_json::json!({"kind": kind.as_str(), "title": title, "durationSeconds": seconds, "notes": ""})
            })
            .collect();
        // A format already in the file (The Panel Hour ships with every database) stays.
        tx.execute(
            "INSERT INTO series_format (series_key, series, segments, updated_at)
             VALUES (?1, ?2, ?3, 0) ON CONFLICT (series_key) DO NOTHING",
            params![
                name_key(s.name),
                s.name,
                serde_json::Value::from(segments).to_string()
            ],
        )?;
    }
    Ok(())
}

pub(crate) fn programme(tx: &Transaction<'_>, p: &GenProgramme, cast: &Cast) -> Result<()> {
    let id = text_id(p.id);
    let mut st = tx
        .prepare_cached("INSERT INTO framing (programme_id, position, text) VALUES (?1, ?2, ?3)")?;
    for (i, text) in p.framing.iter().enumerate() {
        st.execute(params![id, i as i64, text])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO appearance (id, programme_id, person_id, role, affiliation, position,
                                 programme_air_at, programme_status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let person_id = |i: usize| text_id(cast.people[i].id.expect("every booked person has an id"));
    st.execute(params![
        text_id(p.presenter.id),
        id,
        person_id(p.presenter.person),
        "presenter",
        None::<&str>,
        0,
        p.air_at,
        p.status.as_str()
    ])?;
    let at = p.air_at.unwrap_or(p.created_at);
    for (pos, g) in p.guests.iter().enumerate() {
        let billed = cast.people[g.person].billed_at(at);
        st.execute(params![
            text_id(g.id),
            id,
            person_id(g.person),
            "guest",
            billed,
            pos as i64,
            p.air_at,
            p.status.as_str()
        ])?;
    }
    let mut seg = tx.prepare_cached(
        "INSERT INTO segment (programme_id, position, kind, title, duration_seconds, question, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '')",
    )?;
    let mut seg_person = tx.prepare_cached(
        "INSERT INTO segment_person (programme_id, position, person_id, ordinal) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (pos, s) in p.segments.iter().enumerate() {
        seg.execute(params![
            id,
            pos as i64,
            s.kind.as_str(),
            s.title,
            s.duration_seconds,
            s.question
        ])?;
        for (ordinal, &person) in s.people.iter().enumerate() {
            seg_person.execute(params![id, pos as i64, person_id(person), ordinal as i64])?;
        }
    }
    tx.prepare_cached(
        "INSERT INTO programme (id, series, title, air_at, time_zone, slot_seconds, status,
                                notes, created_at, updated_at, revision)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        id,
        p.series.name,
        p.title,
        p.air_at,
        p.series.zone(),
        p.slot_seconds,
        p.status.as_str(),
        p.notes,
        p.created_at,
        p.updated_at,
        p.revision
    ])?;
    Ok(())
}

pub(crate) fn person(tx: &Transaction<'_>, p: &GenPerson) -> Result<()> {
    let id = text_id(p.id.expect("settled"));
    tx.prepare_cached(
        "INSERT INTO person (id, name, name_key, match_key, affiliation, honorific, expertise,
                             languages, base_city, base_time_zone, email, phone,
                             created_at, updated_at, revision)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, 1)",
    )?
    .execute(params![
        id,
        p.name,
        name_key(&p.name),
        match_key(&p.name),
        if p.kind == Kind::Presenter {
            None
        } else {
            p.current_affiliation()
        },
        p.honorific,
        tag_list(&p.expertise),
        tag_list(&p.languages),
        p.city.map(|c| c.0),
        p.city.map(|c| c.1),
        p.email,
        p.phone,
        p.created_at
    ])?;
    Ok(())
}

fn text_id(id: Uuid) -> String {
    id.hyphenated().to_string()
}
