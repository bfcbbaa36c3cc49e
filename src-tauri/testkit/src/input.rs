//! What the tests type into the core: people, programmes and segments.

use greenroom_core::programme::segment::{SegmentInput, SegmentKind};
use greenroom_core::{PersonInput, ProgrammeInput, Status};

/// A person on a line-up, matched by name (no id).
pub fn person(name: &str, affiliation: Option<&str>) -> PersonInput {
    PersonInput {
        person_id: None,
        name: name.into(),
        affiliation: affiliation.map(Into::into),
    }
}

/// A programme with only a title.
pub fn programme(title: &str) -> ProgrammeInput {
    ProgrammeInput {
        title: title.into(),
        ..Default::default()
    }
}

pub fn seg(kind: SegmentKind, title: &str, duration: &str, people: &[&str]) -> SegmentInput {
    SegmentInput {
        id: None,
        kind,
        title: title.into(),
        duration: duration.into(),
        people: people.iter().map(|p| p.to_string()).collect(),
        question: None,
        notes: String::new(),
    }
}

/// A three-guest show at 19:30 Doha time with a 25-minute slot.
pub fn panel_show(segments: Vec<SegmentInput>) -> ProgrammeInput {
    ProgrammeInput {
        series: Some("Inside Story".into()),
        title: "How to achieve a lasting ceasefire?".into(),
        framing: vec!["Why now?".into(), "Who pays?".into()],
        presenter: Some(person("Dareen Abughaida", None)),
        guests: vec![
            person("Peter Zalmayev", Some("Eurasia Democracy Initiative")),
            person("Pavel Felgenhauer", Some("Defence analyst")),
            person("Anatol Lieven", Some("Quincy Institute")),
        ],
        air: Some("2025-05-16T19:30".into()),
        time_zone: Some("Asia/Qatar".into()),
        slot: Some("25:00".into()),
        status: Status::Planned,
        notes: String::new(),
        segments: Some(segments),
    }
}
