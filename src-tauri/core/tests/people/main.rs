//! `people/`: the directory, name matching, duplicates, merging and undo, guest
//! history, booking warnings, profiles and the balance report against real database
//! files. One test binary, a module per source file.

mod appearance;
mod balance;
mod booking;
mod duplicates;
mod folding;
mod history;
mod merge;
mod profile;
mod suggest;

use chrono::{DateTime, Utc};
use greenroom_core::programme::segment::{SegmentInput, SegmentKind};
use greenroom_core::{PersonId, PersonInput, Programme, ProgrammeInput, Status, Store};
pub use greenroom_testkit::input::person;
pub use greenroom_testkit::temp_store;

/// A programme with `guests` (names, no billing) and, when `segment_with` names one of
/// them, a discussion segment with that guest in it.
pub fn show(
    store: &mut Store,
    title: &str,
    guests: &[&str],
    segment_with: Option<&str>,
) -> Programme {
    let input = ProgrammeInput {
        title: title.into(),
        presenter: Some(person("Dareen Abughaida", None)),
        guests: guests.iter().map(|g| person(g, Some("Analyst"))).collect(),
        segments: Some(
            segment_with
                .map(|p| SegmentInput {
                    id: None,
                    kind: SegmentKind::Discussion,
                    title: "Main".into(),
                    duration: "10m".into(),
                    people: vec![p.to_string()],
                    question: None,
                    notes: String::new(),
                })
                .into_iter()
                .collect(),
        ),
        // Aired: these people have been on (an appearance; see core people/appearance.rs).
        status: greenroom_core::Status::Aired,
        ..Default::default()
    };
    store.create_programme(&input).unwrap()
}

pub fn id_of(store: &Store, name: &str) -> PersonId {
    let found = store.find_people_by_name(name).unwrap();
    assert_eq!(found.len(), 1, "{name}: {found:?}");
    found[0].id
}

/// Raw SQL on the same file, for fields the core has no API for yet.
pub fn sql(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

pub fn book(s: &mut Store, title: &str, air: &str, guests: &[(&str, &str)]) -> Programme {
    s.create_programme(&ProgrammeInput {
        series: Some("Inside Story".into()),
        title: title.into(),
        presenter: Some(PersonInput {
            name: "Dareen Abughaida".into(),
            ..Default::default()
        }),
        guests: guests
            .iter()
            .map(|(n, a)| PersonInput {
                name: n.to_string(),
                affiliation: Some(a.to_string()),
                ..Default::default()
            })
            .collect(),
        air: Some(air.into()),
        slot: Some("25m".into()),
        status: Status::Aired,
        ..Default::default()
    })
    .unwrap()
}

/// Anatol Lieven on five programmes, billed three ways as his job changed.
pub fn lieven_story(s: &mut Store) {
    book(
        s,
        "Ukraine talks",
        "2025-01-10T19:30:00Z",
        &[
            ("Anatol Lieven", "King's College London"),
            ("Peter Zalmayev", "EDI"),
        ],
    );
    book(
        s,
        "NATO summit",
        "2025-03-02T19:30:00Z",
        &[
            ("Anatol Lieven", "Quincy Institute"),
            ("Pavel Felgenhauer", "Analyst"),
        ],
    );
    book(
        s,
        "Sanctions",
        "2025-04-20T19:30:00Z",
        &[
            ("anatol lieven", "Quincy Institute"),
            ("Peter Zalmayev", "EDI"),
        ],
    );
    book(
        s,
        "Ceasefire",
        "2025-05-16T19:30:00Z",
        &[
            ("Peter Zalmayev", "EDI"),
            ("Anatol Lieven", "Eurasia Program, Quincy Institute"),
            ("Pavel Felgenhauer", "Analyst"),
        ],
    );
    book(
        s,
        "Black Sea",
        "2025-05-25T19:30:00Z",
        &[("Anatol Lieven", "Eurasia Program, Quincy Institute")],
    );
}
