//! The example programme offered on first run: invented people and a topic in the
//! shape of a real panel listing, with a right-to-left and a Turkish name in the line-up.

use crate::programme::model::{PersonInput, ProgrammeInput, Status};
use crate::programme::segment::{SegmentInput, SegmentKind};

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
        segments: Some(example_running_order()),
    }
}

/// The example programme's running order: the shipped format (migration 0002),
/// with people and questions filled in.
fn example_running_order() -> Vec<SegmentInput> {
    let seg =
        |kind, title: &str, duration: &str, people: &[&str], question, notes: &str| SegmentInput {
            id: None,
            kind,
            title: title.into(),
            duration: duration.into(),
            people: people.iter().map(|p| p.to_string()).collect(),
            question,
            notes: notes.into(),
        };
    let all = [
        "Miriam Okafor",
        "Selam Tesfaye",
        "هناء المصري",
        "Tarık Ağaoğlu",
    ];
    vec![
        seg(
            SegmentKind::ColdOpen,
            "Pictures of the dam filling",
            "0:45",
            &[],
            None,
            "Drone footage, no voice-over.",
        ),
        seg(
            SegmentKind::Intro,
            "The question tonight",
            "1:15",
            &["Miriam Okafor"],
            Some(1),
            "",
        ),
        seg(
            SegmentKind::GuestIntro,
            "Introduce the panel",
            "1:00",
            &all,
            None,
            "Cairo guest down the line.",
        ),
        seg(
            SegmentKind::Video,
            "Report from the Blue Nile",
            "1:30",
            &[],
            None,
            "VT 2, runs 1:28.",
        ),
        seg(
            SegmentKind::Discussion,
            "Electricity against water",
            "7:00",
            &all,
            Some(2),
            "",
        ),
        seg(
            SegmentKind::Discussion,
            "Drought years",
            "7:00",
            &all,
            Some(3),
            "",
        ),
        seg(
            SegmentKind::QuestionBlock,
            "Who could broker a deal?",
            "5:00",
            &all,
            Some(4),
            "",
        ),
        seg(
            SegmentKind::Close,
            "Last word to each guest",
            "1:30",
            &all,
            None,
            "Hard out at 25:00.",
        ),
    ]
}
