//! Checking one archive record with the same rules as the forms (programme/form.rs, people/profile.rs,
//! text/mod.rs), and bringing it to the form the database would give back, so that
//! "identical" means identical after import too.

use chrono::{DateTime, Utc};

use super::archive::{
    ArchiveAppearance, ArchiveFormat, ArchivePerson, ArchiveProgramme, ArchiveSegment, Contacts,
};
use crate::error::{Error, Result};
use crate::people::profile::PersonProfile;
use crate::programme::duration::MAX_SECONDS;
use crate::programme::form::ValidProgramme;
use crate::programme::model::{PersonInput, ProgrammeInput, Role};
use crate::programme::segment::SegmentInput;
use crate::programme::series_format::FormatSegment;
use crate::store::segment_ids::backfill_id;
use crate::text::{self, limits};

pub(crate) fn person(p: &ArchivePerson) -> Result<ArchivePerson> {
    let contacts = p.contacts.clone().unwrap_or_default();
    let valid = PersonProfile {
        name: p.name.clone(),
        honorific: p.honorific.clone(),
        affiliation: p.affiliation.clone(),
        expertise: p.expertise.clone(),
        languages: p.languages.clone(),
        base_city: p.base_city.clone(),
        base_time_zone: p.base_time_zone.clone(),
        notes: p.notes.clone(),
        email: contacts.email,
        phone: contacts.phone,
        gender: p.gender.clone(),
        gender_source: p.gender_source,
    }
    .validate()?;
    Ok(ArchivePerson {
        id: p.id,
        name: valid.name,
        honorific: valid.honorific,
        affiliation: valid.affiliation,
        expertise: valid.expertise,
        languages: valid.languages,
        base_city: valid.base_city,
        base_time_zone: valid.base_time_zone,
        notes: valid.notes,
        gender: valid.gender,
        gender_source: valid.gender_source,
        contacts: p.contacts.as_ref().map(|_| Contacts {
            email: valid.email,
            phone: valid.phone,
        }),
        created_at: to_ms(p.created_at),
        updated_at: to_ms(p.updated_at),
    })
}

/// The programme as the database would store it, and the validated form the
/// programme writer takes.
pub(crate) fn programme(p: &ArchiveProgramme) -> Result<(ArchiveProgramme, ValidProgramme)> {
    if let Some(i) = p.framing.iter().position(|f| f.trim().is_empty()) {
        // Blank items would be dropped, and segments' question numbers would then
        // point at the wrong item.
        return Err(Error::validation(format!("framing[{i}]"), "is empty"));
    }
    // The line-up as the database orders it: the presenter, then the guests.
    let mut lineup: Vec<ArchiveAppearance> = Vec::with_capacity(p.appearances.len());
    for (i, a) in p.appearances.iter().enumerate() {
        let billed = ArchiveAppearance {
            person_id: a.person_id,
            role: a.role,
            affiliation: text::optional_line(
                &format!("appearances[{i}].affiliation"),
                a.affiliation.as_deref(),
                limits::AFFILIATION,
            )?,
        };
        match a.role {
            Role::Presenter if lineup.first().is_some_and(|f| f.role == Role::Presenter) => {
                return Err(Error::validation(
                    format!("appearances[{i}].role"),
                    "a programme has one presenter; this is the second",
                ))
            }
            Role::Presenter => lineup.insert(0, billed),
            Role::Guest => lineup.push(billed),
        }
    }
    let form_person = |a: &ArchiveAppearance| PersonInput {
        person_id: Some(a.person_id),
        name: String::new(),
        affiliation: a.affiliation.clone(),
    };
    match p.slot_seconds {
        Some(0) => return Err(Error::validation("slotSeconds", "must be more than zero")),
        Some(s) if s > MAX_SECONDS => {
            return Err(Error::validation(
                "slotSeconds",
                format!("is {s}; at most {MAX_SECONDS} (a day)"),
            ))
        }
        _ => {}
    }
    for (i, s) in p.segments.iter().enumerate() {
        if s.duration_seconds > MAX_SECONDS {
            return Err(Error::validation(
                format!("segments[{i}].durationSeconds"),
                format!("is {}; at most {MAX_SECONDS} (a day)", s.duration_seconds),
            ));
        }
        if let Some(pos) = s
            .people
            .iter()
            .position(|id| !p.appearances.iter().any(|a| a.person_id == *id))
        {
            return Err(Error::validation(
                format!("segments[{i}].people[{pos}]"),
                format!(
                    "person {} is not on this programme's line-up",
                    s.people[pos]
                ),
            ));
        }
    }
    let air_at = p.air_at.map(to_ms);
    let input = ProgrammeInput {
        series: p.series.clone(),
        title: p.title.clone(),
        framing: p.framing.clone(),
        presenter: lineup
            .iter()
            .find(|a| a.role == Role::Presenter)
            .map(form_person),
        guests: lineup
            .iter()
            .filter(|a| a.role == Role::Guest)
            .map(form_person)
            .collect(),
        air: air_at.map(|a| a.to_rfc3339()),
        time_zone: Some(p.time_zone.clone()),
        slot: p.slot_seconds.map(|s| format!("{s}s")),
        status: p.status,
        notes: p.notes.clone(),
        // People are matched by id below, not by name as the form does.
        segments: Some(
            p.segments
                .iter()
                .enumerate()
                .map(|(i, s)| SegmentInput {
                    id: s.id.or_else(|| Some(backfill_id(p.id, i as i64))),
                    kind: s.kind,
                    title: s.title.clone(),
                    duration: format!("{}s", s.duration_seconds),
                    people: Vec::new(),
                    question: s.question,
                    notes: s.notes.clone(),
                })
                .collect(),
        ),
    };
    let valid = input.validate()?;
    let normal = ArchiveProgramme {
        id: p.id,
        series: valid.series.clone(),
        title: valid.title.clone(),
        framing: valid.framing.clone(),
        appearances: lineup,
        air_at,
        time_zone: valid.time_zone.name().to_string(),
        slot_seconds: valid.slot_seconds,
        status: valid.status,
        notes: valid.notes.clone(),
        segments: p
            .segments
            .iter()
            .zip(valid.segments.iter().flatten())
            .map(|(s, v)| {
                let mut people = s.people.clone();
                dedup_keep_order(&mut people);
                ArchiveSegment {
                    id: v.id,
                    kind: v.kind,
                    title: v.title.clone(),
                    duration_seconds: v.duration_seconds,
                    people,
                    question: v.question,
                    notes: v.notes.clone(),
                }
            })
            .collect(),
        created_at: to_ms(p.created_at),
        updated_at: to_ms(p.updated_at),
    };
    Ok((normal, valid))
}

pub(crate) fn format(f: &ArchiveFormat) -> Result<ArchiveFormat> {
    let series = text::required_line("series", &f.series, limits::SERIES)?;
    if f.segments.is_empty() {
        return Err(Error::validation(
            "segments",
            "a format has at least one segment",
        ));
    }
    if f.segments.len() > limits::SEGMENTS {
        return Err(Error::validation(
            "segments",
            format!(
                "has {} segments; at most {}",
                f.segments.len(),
                limits::SEGMENTS
            ),
        ));
    }
    let mut segments = Vec::with_capacity(f.segments.len());
    for (i, s) in f.segments.iter().enumerate() {
        let field = |name: &str| format!("segments[{i}].{name}");
        if s.duration_seconds > MAX_SECONDS {
            return Err(Error::validation(
                field("durationSeconds"),
                format!("is {}; at most {MAX_SECONDS} (a day)", s.duration_seconds),
            ));
        }
        segments.push(FormatSegment {
            kind: s.kind,
            title: text::optional_line(&field("title"), Some(&s.title), limits::SEGMENT_TITLE)?
                .unwrap_or_default(),
            duration_seconds: s.duration_seconds,
            notes: text::multi_line(&field("notes"), &s.notes, limits::NOTES)?,
        });
    }
    Ok(ArchiveFormat {
        series,
        segments,
        updated_at: to_ms(f.updated_at),
    })
}

/// The database keeps milliseconds; finer digits in a file would make every import
/// look like a change.
fn to_ms(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

fn dedup_keep_order<T: PartialEq + Copy>(v: &mut Vec<T>) {
    let mut out: Vec<T> = Vec::with_capacity(v.len());
    for x in v.iter() {
        if !out.contains(x) {
            out.push(*x);
        }
    }
    *v = out;
}
