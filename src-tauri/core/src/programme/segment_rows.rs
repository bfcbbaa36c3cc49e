//! Storing a programme's running order and reading it back with its timing.

use crate::programme::zone::Zone;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};

use crate::error::{Error, Result};
use crate::ids::{PersonId, ProgrammeId, SegmentId};
use crate::programme::duration::format_duration;
use crate::programme::form::ValidSegment;
use crate::programme::model::PersonRef;
use crate::programme::segment::Segment;
use crate::programme::timing;
use crate::text::names::name_key;

/// Reads the segments in order, with start and end worked out from `air_at`.
pub(crate) fn load(
    conn: &Connection,
    id: ProgrammeId,
    air_at: Option<DateTime<Utc>>,
    zone: Zone,
) -> Result<Vec<Segment>> {
    let mut st = conn.prepare_cached(
        "SELECT position, kind, title, duration_seconds, question, notes, id
         FROM segment WHERE programme_id = ?1 ORDER BY position",
    )?;
    let rows = st.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, u32>(3)?,
            r.get::<_, Option<u32>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<SegmentId>>(6)?,
        ))
    })?;
    let mut people_st = conn.prepare_cached(
        "SELECT p.id, p.name FROM segment_person sp JOIN person p ON p.id = sp.person_id
         WHERE sp.programme_id = ?1 AND sp.position = ?2 ORDER BY sp.ordinal",
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (position, kind, title, duration_seconds, question, notes, segment_id) = row?;
        let people = people_st
            .query_map(params![id, position], |r| {
                Ok(PersonRef {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push(Segment {
            // Without one only in a file opened read-only since it was upgraded: the
            // id the next writable open stores.
            id: segment_id.unwrap_or_else(|| crate::store::segment_ids::backfill_id(id, position)),
            number: out.len() as u32 + 1,
            kind: kind.parse().unwrap_or_default(),
            title,
            duration_seconds,
            duration: format_duration(duration_seconds),
            people,
            question,
            notes,
            start_offset_seconds: 0,
            end_offset_seconds: 0,
            start_at: None,
            start: String::new(),
            end: String::new(),
        });
    }
    time(&mut out, air_at, zone);
    Ok(out)
}

/// Works out each segment's number, duration text and place in the timing from the
/// durations, the air time and the zone.
pub(crate) fn time(segments: &mut [Segment], air_at: Option<DateTime<Utc>>, zone: Zone) {
    let durations: Vec<u32> = segments.iter().map(|s| s.duration_seconds).collect();
    for (i, (s, (start, end))) in segments
        .iter_mut()
        .zip(timing::offsets(&durations))
        .enumerate()
    {
        s.number = i as u32 + 1;
        s.duration = format_duration(s.duration_seconds);
        s.start_offset_seconds = start;
        s.end_offset_seconds = end;
        s.start_at = air_at.map(|a| a + chrono::Duration::seconds(start.into()));
        s.start = timing::clock(air_at, zone, start);
        s.end = timing::clock(air_at, zone, end);
    }
}

/// Replaces the running order. People are named as typed and must be on the
/// programme's line-up (`lineup`: each person's id and name key).
pub(crate) fn replace(
    tx: &Connection,
    id: ProgrammeId,
    segments: &[ValidSegment],
    lineup: &[(PersonId, String)],
) -> Result<()> {
    tx.prepare_cached("DELETE FROM segment WHERE programme_id = ?1")?
        .execute([id])?;
    let mut seg_st = tx.prepare_cached(
        "INSERT INTO segment (programme_id, position, kind, title, duration_seconds, question,
                              notes, id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut person_st = tx.prepare_cached(
        "INSERT OR IGNORE INTO segment_person (programme_id, position, person_id, ordinal)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, s) in segments.iter().enumerate() {
        seg_st.execute(params![
            id,
            i as i64,
            s.kind.as_str(),
            s.title,
            s.duration_seconds,
            s.question,
            s.notes,
            s.id.unwrap_or_default()
        ])?;
        for (ordinal, name) in s.people.iter().enumerate() {
            let key = name_key(name);
            let person = lineup
                .iter()
                .find(|(_, k)| *k == key)
                .map(|(pid, _)| *pid)
                .ok_or_else(|| {
                    Error::validation(
                        format!("segments[{i}].people"),
                        format!(
                            "{name} is not on this programme; add them as presenter or guest first"
                        ),
                    )
                })?;
            person_st.execute(params![id, i as i64, person, ordinal as i64])?;
        }
    }
    Ok(())
}

/// After the line-up changed with the running order kept: a person no longer on the
/// programme cannot be in one of its segments.
pub(crate) fn drop_people_not_on(tx: &Transaction<'_>, id: ProgrammeId) -> Result<()> {
    tx.execute(
        "DELETE FROM segment_person WHERE programme_id = ?1 AND person_id NOT IN
            (SELECT person_id FROM appearance WHERE programme_id = ?1)",
        [id],
    )?;
    Ok(())
}
