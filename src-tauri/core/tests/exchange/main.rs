//! `exchange/`: the exchange formats against real database files: the JSON archive
//! (round trip, re-import, refusals and per-record errors), the CSV files and the
//! calendar.

mod archive;
mod csv;
mod ics;
mod import_archive;
mod injection;
mod seen;
mod storage;

use std::path::Path;

use greenroom_core::exchange::ArchiveOptions;
use greenroom_core::people::profile::{GenderSource, PersonProfile};
use greenroom_core::programme::segment::{SegmentInput, SegmentKind};
use greenroom_core::{PersonId, Programme, ProgrammeInput, Status, Store};
pub use greenroom_testkit::input::person;
pub use greenroom_testkit::temp_store;
use serde_json::Value;

pub const EMAIL: &str = "selam.tesfaye@example.org";
pub const INJECTION_TITLE: &str = r#"=HYPERLINK("http://x","y")"#;
pub const TRICKY_NOTES: &str =
    "Quotes \"here\", commas, semi;colons\nand a second line \\ backslash";

/// What a rich archive holds, for the tests to look things up by.
pub struct Seeded {
    pub example: Programme,
    pub tricky: Programme,
    pub undated: Programme,
    pub cancelled: Programme,
    pub selam: PersonId,
}

/// A database with the example programme (segments, people in segments, Arabic and
/// Turkish names), a full profile with contacts, a merge, a saved series format, text
/// that spreadsheets and calendars must not misread, an undated and a cancelled
/// programme, and a presenter billed with an affiliation.
pub fn seed(store: &mut Store) -> Seeded {
    let example = store
        .create_programme(&greenroom_core::programme::example::example_programme())
        .unwrap();
    let selam = example.guests[0].person_id;
    let profile = store.person_profile(selam).unwrap();
    store
        .update_person(
            selam,
            profile.revision,
            &PersonProfile {
                name: "Selam Tesfaye".into(),
                honorific: Some("Dr".into()),
                affiliation: Some("Horn of Africa Water Policy Centre".into()),
                expertise: vec!["Nile basin".into(), "water law".into()],
                languages: vec!["Amharic".into(), "English".into()],
                base_city: Some("Addis Ababa".into()),
                base_time_zone: Some("Africa/Addis_Ababa".into()),
                notes: "Prefers evening slots.".into(),
                email: Some(EMAIL.into()),
                phone: Some("+251 11 000 0000".into()),
                gender: Some("woman".into()),
                gender_source: Some(GenderSource::SelfIdentified),
            },
        )
        .unwrap();
    let tricky = store
        .create_programme(&ProgrammeInput {
            series: Some("Inside Story".into()),
            title: INJECTION_TITLE.into(),
            framing: vec![
                "-5 degrees, +3 metres: @everyone; is it \"fine\"?".into(),
                "Line one\nline two, with a comma".into(),
            ],
            presenter: Some(person("Dareen Abughaida", Some("Al Jazeera"))),
            guests: vec![
                person(
                    "@Anatol Lieven",
                    Some("-Quincy Institute, \"senior fellow\""),
                ),
                person("Tarık Ağaoğlu", Some("Independent analyst")),
            ],
            air: Some("2025-03-30T01:30:00+00:00".into()),
            time_zone: Some("Europe/London".into()),
            slot: Some("1h".into()),
            status: Status::Confirmed,
            notes: TRICKY_NOTES.into(),
            segments: Some(vec![SegmentInput {
                id: None,
                kind: SegmentKind::Discussion,
                title: "=cmd|' /C calc'!A0".into(),
                duration: "50m".into(),
                people: vec!["@Anatol Lieven".into(), "Dareen Abughaida".into()],
                question: Some(2),
                notes: String::new(),
            }]),
        })
        .unwrap();
    // A second record of one guest, merged into the first.
    let undated = store
        .create_programme(&ProgrammeInput {
            title: "Undated: a programme still being planned".into(),
            guests: vec![person("Anatol Lieven.", Some("Quincy Institute"))],
            ..Default::default()
        })
        .unwrap();
    store
        .merge_people(tricky.guests[0].person_id, undated.guests[0].person_id)
        .unwrap();
    let cancelled = store
        .create_programme(&ProgrammeInput {
            // A series with no format, so the programme keeps no slot.
            series: Some("Election Night".into()),
            title: "Cancelled: the election special".into(),
            presenter: Some(person("Miriam Okafor", None)),
            air: Some("2025-07-01T18:00".into()),
            time_zone: Some("Africa/Lagos".into()),
            status: Status::Cancelled,
            ..Default::default()
        })
        .unwrap();
    store
        .save_series_format_from("Inside Story", tricky.id)
        .unwrap();
    Seeded {
        example: store.get_programme(example.id).unwrap(),
        tricky: store.get_programme(tricky.id).unwrap(),
        undated: store.get_programme(undated.id).unwrap(),
        cancelled,
        selam,
    }
}

pub fn export(store: &Store, include_contacts: bool) -> String {
    store
        .export_archive(&ArchiveOptions { include_contacts })
        .unwrap()
        .to_json()
        .unwrap()
}

/// An archive as a JSON value without `exportedAt`, which differs on every export.
pub fn comparable(json: &str) -> Value {
    let mut v: Value = serde_json::from_str(json).unwrap();
    v.as_object_mut().unwrap().remove("exportedAt");
    v
}

pub fn sql(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}
