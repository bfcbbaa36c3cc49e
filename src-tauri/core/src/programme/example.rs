//! The example programme offered on first run: invented people and a topic in the
//! shape of a real panel listing, with a right-to-left and a Turkish name in the line-up.

use crate::error::Result;
use crate::ids::{PersonId, ProgrammeId, SegmentId};
use crate::programme::form::ValidPerson;
use crate::programme::lineup::add_person;
use crate::programme::model::{PersonInput, Programme, ProgrammeInput, Status};
use crate::programme::queries::{insert_programme_as, ChildrenOrder};
use crate::programme::segment::{SegmentInput, SegmentKind};
use crate::store::change::Operation;
use crate::store::db::Store;
use crate::store::write::now_ms;

/// The example's fixed ids: every database that loads it holds the same programme,
/// people and segments, so databases joining one desk match it instead of doubling it.
const EXAMPLE_PROGRAMME: u128 = 0x0197_0000_0000_7000_8000_6772_6d00_0001;
const EXAMPLE_PERSON: u128 = 0x0197_0000_0000_7000_8000_6772_6d00_0100;
const EXAMPLE_SEGMENT: u128 = 0x0197_0000_0000_7000_8000_6772_6d00_0200;

impl Store {
    /// Adds the example programme under its fixed ids (its people too, unless the
    /// directory already has someone of that name). Loaded a second time, or after
    /// the first was deleted, it is a programme of its own with new ids.
    pub fn create_example_programme(&mut self) -> Result<Programme> {
        let id = ProgrammeId::from_u128(EXAMPLE_PROGRAMME);
        let known: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM programme WHERE id = ?1)
                 OR EXISTS (SELECT 1 FROM change WHERE entity = 'programme' AND entity_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if known {
            return self.create_programme(&example_programme());
        }
        let mut input = example_programme();
        for (i, s) in input.segments.iter_mut().flatten().enumerate() {
            s.id = Some(SegmentId::from_u128(EXAMPLE_SEGMENT + i as u128));
        }
        input.validate()?;
        let tx = self.write()?;
        let author = tx.author_name()?;
        let origin = tx.origin(&author, Operation::Create);
        let now = now_ms();
        let people = input.presenter.iter_mut().chain(input.guests.iter_mut());
        for (i, person) in people.enumerate() {
            let fixed = PersonId::from_u128(EXAMPLE_PERSON + i as u128);
            let by_name: Option<PersonId> = self.find_person_id(&person.name)?;
            let existing: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)",
                [fixed],
                |r| r.get(0),
            )?;
            person.person_id = Some(match (existing, by_name) {
                (true, _) => fixed,
                (false, Some(theirs)) => theirs,
                (false, None) => {
                    let valid = ValidPerson {
                        person_id: None,
                        name: person.name.clone(),
                        affiliation: person.affiliation.clone(),
                    };
                    add_person(&tx, fixed, &valid, now, origin)?;
                    fixed
                }
            });
        }
        let valid = input.validate()?;
        insert_programme_as(&tx, id, &valid, None, ChildrenOrder::After, origin)?;
        self.commit_created(tx, id)
    }

    fn find_person_id(&self, name: &str) -> Result<Option<PersonId>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM person WHERE name_key = ?1 ORDER BY id LIMIT 1")?
            .query_row([crate::text::names::name_key(name)], |r| r.get(0))
            .optional()?)
    }
}

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
