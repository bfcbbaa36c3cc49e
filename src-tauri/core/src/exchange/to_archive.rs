//! Reading rows into archive records, in the archive's order. Export uses it for
//! everything; import uses it for one record, to compare with what the file holds.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

use super::archive::{
    ArchiveAppearance, ArchiveFormat, ArchivePerson, ArchiveProgramme, ArchiveSegment, Contacts,
};
use crate::error::{Error, Result};
use crate::ids::{PersonId, ProgrammeId};
use crate::programme::model::Role;
use crate::programme::series_format::FormatSegment;
use crate::store::segment_ids::backfill_id;

/// Everyone (`only` = `None`) or one person, by id.
pub(crate) fn people(
    conn: &Connection,
    only: Option<PersonId>,
    with_contacts: bool,
) -> Result<Vec<ArchivePerson>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT id, name, honorific, affiliation, expertise, languages, base_city,
                base_time_zone, notes, gender, gender_source, email, phone, created_at,
                updated_at
         FROM person {}",
        by_id(only.is_some())
    ))?;
    let rows = st.query_map(rusqlite::params_from_iter(only), |r| {
        let list = |i: usize| -> rusqlite::Result<Vec<String>> {
            let s: String = r.get(i)?;
            Ok(serde_json::from_str(&s).unwrap_or_default())
        };
        let source: Option<String> = r.get(10)?;
        Ok(ArchivePerson {
            id: r.get(0)?,
            name: r.get(1)?,
            honorific: r.get(2)?,
            affiliation: r.get(3)?,
            expertise: list(4)?,
            languages: list(5)?,
            base_city: r.get(6)?,
            base_time_zone: r.get(7)?,
            notes: r.get(8)?,
            gender: r.get(9)?,
            gender_source: source.and_then(|s| s.parse().ok()),
            contacts: match with_contacts {
                true => Some(Contacts {
                    email: r.get(11)?,
                    phone: r.get(12)?,
                }),
                false => None,
            },
            created_at: instant(r.get(13)?),
            updated_at: instant(r.get(14)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every programme (`only` = `None`) or one, by id, with line-up, framing and segments.
pub(crate) fn programmes(
    conn: &Connection,
    only: Option<ProgrammeId>,
) -> Result<Vec<ArchiveProgramme>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT id, series, title, air_at, time_zone, slot_seconds, status, notes,
                created_at, updated_at
         FROM programme {}",
        by_id(only.is_some())
    ))?;
    let rows = st.query_map(rusqlite::params_from_iter(only), |r| {
        let status: String = r.get(6)?;
        Ok(ArchiveProgramme {
            id: r.get(0)?,
            series: r.get(1)?,
            title: r.get(2)?,
            framing: Vec::new(),
            appearances: Vec::new(),
            air_at: r.get::<_, Option<i64>>(3)?.map(instant),
            time_zone: r.get(4)?,
            slot_seconds: r.get(5)?,
            status: status.parse().unwrap_or_default(),
            notes: r.get(7)?,
            segments: Vec::new(),
            created_at: instant(r.get(8)?),
            updated_at: instant(r.get(9)?),
        })
    })?;
    let mut out: Vec<ArchiveProgramme> = rows.collect::<rusqlite::Result<_>>()?;
    for p in &mut out {
        children(conn, p)?;
    }
    Ok(out)
}

fn children(conn: &Connection, p: &mut ArchiveProgramme) -> Result<()> {
    let mut st =
        conn.prepare_cached("SELECT text FROM framing WHERE programme_id = ?1 ORDER BY position")?;
    p.framing = st
        .query_map([p.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT person_id, role, affiliation FROM appearance
         WHERE programme_id = ?1 ORDER BY role = 'guest', position",
    )?;
    p.appearances = st
        .query_map([p.id], |r| {
            let role: String = r.get(1)?;
            Ok(ArchiveAppearance {
                person_id: r.get(0)?,
                role: match role.as_str() {
                    "presenter" => Role::Presenter,
                    _ => Role::Guest,
                },
                affiliation: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT position, kind, title, duration_seconds, question, notes, id
         FROM segment WHERE programme_id = ?1 ORDER BY position",
    )?;
    let segments: Vec<(i64, ArchiveSegment)> = st
        .query_map([p.id], |r| {
            let kind: String = r.get(1)?;
            let position: i64 = r.get(0)?;
            Ok((
                position,
                ArchiveSegment {
                    id: Some(
                        r.get::<_, Option<_>>(6)?
                            .unwrap_or_else(|| backfill_id(p.id, position)),
                    ),
                    kind: kind.parse().unwrap_or_default(),
                    title: r.get(2)?,
                    duration_seconds: r.get(3)?,
                    people: Vec::new(),
                    question: r.get(4)?,
                    notes: r.get(5)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT person_id FROM segment_person
         WHERE programme_id = ?1 AND position = ?2 ORDER BY ordinal",
    )?;
    p.segments = Vec::with_capacity(segments.len());
    for (position, mut segment) in segments {
        segment.people = st
            .query_map(params![p.id, position], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        p.segments.push(segment);
    }
    Ok(())
}

/// Every series format, by series key.
pub(crate) fn formats(conn: &Connection) -> Result<Vec<ArchiveFormat>> {
    let mut st = conn.prepare_cached(
        "SELECT series, segments, updated_at FROM series_format ORDER BY series_key",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (series, json, updated_at) = row?;
        let segments: Vec<FormatSegment> = serde_json::from_str(&json).map_err(|e| {
            Error::validation(
                "format",
                format!("the stored format of {series} is damaged: {e}"),
            )
        })?;
        out.push(ArchiveFormat {
            series,
            segments,
            updated_at: instant(updated_at),
        });
    }
    Ok(out)
}

/// One row by primary key, or all in id order. Two statements, not `?1 IS NULL OR
/// id = ?1`, which SQLite can only answer by scanning the table.
fn by_id(one: bool) -> &'static str {
    match one {
        true => "WHERE id = ?1",
        false => "ORDER BY id",
    }
}

pub(crate) fn instant(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}
