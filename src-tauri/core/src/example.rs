//! The example programme offered on first run: invented people and a topic in the
//! shape of a real panel listing, with a right-to-left and a Turkish name in the line-up.

use crate::model::{PersonInput, ProgrammeInput, Status};

pub fn example_programme() -> ProgrammeInput {
    let person = |name: &str, affiliation: Option<&str>| PersonInput {
        person_id: None,
        name: name.into(),
        affiliation: affiliation.map(Into::into),
    };
    ProgrammeInput {
        series: Some("The Panel Hour".into()),
        title: "Can the Nile's states share its water without a conflict?".into(),
        framing: vec![
            "A new dam is filling on the Blue Nile, and the talks between the three \
             states that depend on the river have stalled again."
                .into(),
            "Upstream, it promises electricity for millions; downstream, farmers fear \
             for the water they have always counted on."
                .into(),
            "Is a binding agreement on drought years still within reach?".into(),
            "And who could broker it, now that the last round of mediation has failed?".into(),
        ],
        presenter: Some(person("Miriam Okafor", None)),
        guests: vec![
            person(
                "Selam Tesfaye",
                Some("Senior fellow at the Horn of Africa Water Policy Centre"),
            ),
            person(
                "هناء المصري",
                Some("Professor of international water law, Cairo"),
            ),
            person(
                "Tarık Ağaoğlu",
                Some("Independent analyst of transboundary river disputes"),
            ),
        ],
        air: Some("2025-06-02T19:30".into()),
        time_zone: Some("Asia/Qatar".into()),
        slot: Some("25m".into()),
        status: Status::Planned,
        notes: "Example programme: edit or delete it freely.".into(),
    }
}
