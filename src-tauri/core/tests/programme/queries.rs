//! `programme/queries.rs`: create, read, list, update and delete through the file;
//! the list's filter and paging in `queries/`.

use greenroom_core::{Error, ListQuery, PersonInput, ProgrammeInput, Status};

use super::{person, programme, temp_store};

mod list_filter;
mod list_paging;

fn panel() -> ProgrammeInput {
    ProgrammeInput {
        series: Some("Inside Story".into()),
        title: "How to achieve a lasting ceasefire?".into(),
        framing: vec!["Talks ended in 90 minutes.".into(), "What now?".into()],
        presenter: Some(PersonInput {
            name: "Dareen Abughaida".into(),
            ..Default::default()
        }),
        guests: vec![
            person("Peter Zalmayev", Some("Eurasia Democracy Initiative")),
            person("Pavel Felgenhauer", Some("Independent defence analyst")),
        ],
        air: Some("2025-05-16T19:30:00+03:00".into()),
        time_zone: Some("Asia/Qatar".into()),
        slot: Some("25m".into()),
        status: Status::Planned,
        notes: "Book a studio in Moscow.".into(),
        segments: None,
    }
}

#[test]
fn a_programme_round_trips_through_the_file() {
    let (_d, _, mut s) = temp_store();
    let p = s.create_programme(&panel()).unwrap();
    let back = s.get_programme(p.id).unwrap();
    assert_eq!(back, p);
    assert_eq!(back.series.as_deref(), Some("Inside Story"));
    assert_eq!(
        back.framing,
        vec!["Talks ended in 90 minutes.", "What now?"]
    );
    assert_eq!(back.presenter.as_ref().unwrap().name, "Dareen Abughaida");
    let names: Vec<_> = back.guests.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Peter Zalmayev", "Pavel Felgenhauer"]);
    assert_eq!(
        back.air_at.unwrap().to_rfc3339(),
        "2025-05-16T16:30:00+00:00"
    );
    assert_eq!(back.slot_seconds, Some(1500));
    assert_eq!(back.status, Status::Planned);
    assert_eq!(back.revision, 1);
    assert_eq!(s.list_people().unwrap().len(), 3);
}

#[test]
fn a_name_already_in_the_directory_is_reused_whatever_its_case() {
    let (_d, _, mut s) = temp_store();
    let a = s.create_programme(&panel()).unwrap();
    let mut second = programme("Second show");
    second.guests = vec![person(
        "  PAVEL   felgenhauer ",
        Some("Now at a think tank"),
    )];
    let b = s.create_programme(&second).unwrap();
    assert_eq!(b.guests[0].person_id, a.guests[1].person_id);
    // The billing is per programme; the first programme keeps its own.
    assert_eq!(
        b.guests[0].affiliation.as_deref(),
        Some("Now at a think tank")
    );
    let a = s.get_programme(a.id).unwrap();
    assert_eq!(
        a.guests[1].affiliation.as_deref(),
        Some("Independent defence analyst")
    );
    assert_eq!(s.list_people().unwrap().len(), 3);
}

#[test]
fn a_person_twice_on_one_programme_is_refused() {
    let (_d, _, mut s) = temp_store();
    let mut input = panel();
    input
        .guests
        .push(person("dareen abughaida", Some("Presenter")));
    let e = s.create_programme(&input).unwrap_err();
    assert_eq!(e.field(), Some("guests"));
    assert!(s.list_programmes(&ListQuery::default()).unwrap().is_empty());
    assert!(
        s.list_people().unwrap().is_empty(),
        "a refused save left people behind"
    );
}

#[test]
fn a_stale_revision_is_a_conflict_and_changes_nothing() {
    let (_d, _, mut s) = temp_store();
    let p = s.create_programme(&panel()).unwrap();
    let mut mine = p.to_input();
    mine.title = "Mine".into();
    let theirs = s.update_programme(p.id, 1, &{
        let mut t = p.to_input();
        t.title = "Theirs".into();
        t
    });
    assert_eq!(theirs.unwrap().revision, 2);
    let e = s.update_programme(p.id, 1, &mine).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Conflict {
                expected: 1,
                actual: 2,
                ..
            }
        ),
        "{e:?}"
    );
    let now = s.get_programme(p.id).unwrap();
    assert_eq!(now.title, "Theirs");
    assert_eq!(now.revision, 2);
    assert_eq!(now.guests.len(), 2);
    assert_eq!(
        s.delete_programme(p.id, Some(1)).unwrap_err().code(),
        "conflict"
    );
    assert!(s.get_programme(p.id).is_ok());
}

#[test]
fn an_edit_replaces_the_line_up_and_framing_in_order() {
    let (_d, _, mut s) = temp_store();
    let p = s.create_programme(&panel()).unwrap();
    let mut input = p.to_input();
    input.guests.reverse();
    input
        .guests
        .push(person("Anatol Lieven", Some("Quincy Institute")));
    input.framing = vec!["Only one question now".into()];
    input.presenter = None;
    input.air = None;
    let q = s.update_programme(p.id, p.revision, &input).unwrap();
    let names: Vec<_> = q.guests.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        names,
        ["Pavel Felgenhauer", "Peter Zalmayev", "Anatol Lieven"]
    );
    assert_eq!(
        q.guests[0].affiliation.as_deref(),
        Some("Independent defence analyst")
    );
    assert_eq!(q.framing.len(), 1);
    assert!(q.presenter.is_none());
    assert!(q.air_at.is_none());
    assert_eq!(q.time_zone, "Asia/Qatar");
    assert_eq!(q.revision, 2);
}

#[test]
fn deleting_a_programme_keeps_its_people() {
    let (_d, _, mut s) = temp_store();
    let p = s.create_programme(&panel()).unwrap();
    s.delete_programme(p.id, Some(p.revision)).unwrap();
    assert_eq!(s.get_programme(p.id).unwrap_err().code(), "not_found");
    assert_eq!(s.list_people().unwrap().len(), 3);
    assert_eq!(
        s.delete_programme(p.id, None).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn the_list_is_newest_air_first_with_undated_last_and_filters() {
    let (_d, _, mut s) = temp_store();
    let mut mk = |title: &str, air: Option<&str>| {
        let mut i = programme(title);
        i.air = air.map(Into::into);
        i.guests = vec![person(&format!("Guest of {title}"), Some("X"))];
        s.create_programme(&i).unwrap();
    };
    mk("undated one", None);
    mk("old", Some("2020-01-01T10:00:00Z"));
    mk("new", Some("2025-01-01T10:00:00Z"));
    mk("undated two", None);
    mk("middle", Some("2023-06-01T10:00:00+02:00"));
    let titles = |q: &ListQuery| -> Vec<String> {
        s.list_programmes(q)
            .unwrap()
            .into_iter()
            .map(|r| r.title)
            .collect()
    };
    assert_eq!(
        titles(&ListQuery::default()),
        ["new", "middle", "old", "undated two", "undated one"]
    );
    let limited = ListQuery {
        limit: Some(2),
        ..Default::default()
    };
    assert_eq!(titles(&limited), ["new", "middle"]);
    let by_guest = ListQuery {
        text: Some("GUEST OF OLD".into()),
        ..Default::default()
    };
    assert_eq!(titles(&by_guest), ["old"]);
    let wildcard = ListQuery {
        text: Some("%".into()),
        ..Default::default()
    };
    assert!(titles(&wildcard).is_empty(), "% must match literally");
}

#[test]
fn bad_input_is_refused_with_the_field_named_and_nothing_saved() {
    let (_d, _, mut s) = temp_store();
    type Spoil = Box<dyn Fn(&mut ProgrammeInput)>;
    let cases: Vec<(&str, Spoil)> = vec![
        ("title", Box::new(|i| i.title = "   ".into())),
        ("title", Box::new(|i| i.title = "x".repeat(1 << 20))),
        ("title", Box::new(|i| i.title = "bell\u{7}".into())),
        (
            "guests[1].name",
            Box::new(|i| i.guests[1].name = "Nul\0Byte".into()),
        ),
        (
            "air",
            Box::new(|i| i.air = Some("16/05/2025 7:30pm".into())),
        ),
        ("timeZone", Box::new(|i| i.time_zone = Some("Doha".into()))),
        ("slot", Box::new(|i| i.slot = Some("-5".into()))),
        ("slot", Box::new(|i| i.slot = Some("99:99:99".into()))),
    ];
    for (field, spoil) in cases {
        let mut input = panel();
        spoil(&mut input);
        let e = s.create_programme(&input).unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
    }
    assert!(s.list_programmes(&ListQuery::default()).unwrap().is_empty());
    assert!(s.list_people().unwrap().is_empty());
}

#[test]
fn right_to_left_and_unusual_unicode_is_stored_exactly() {
    let (_d, _, mut s) = temp_store();
    let mut input = panel();
    input.guests = vec![
        person("مروان بشارة", Some("محلل سياسي أول في الجزيرة")),
        person("Tarık Oğuzlu", Some("Antalya Bilim Üniversitesi")),
        person(
            "王毅\u{200d}👩‍💻",
            Some("<script>alert(1)</script> | *bold* #tag"),
        ),
    ];
    input.title = "Is \u{202e}this\u{202c} a question? 🤔".into();
    let p = s.create_programme(&input).unwrap();
    let back = s.get_programme(p.id).unwrap();
    assert_eq!(back.title, input.title);
    for (g, want) in back.guests.iter().zip(&input.guests) {
        assert_eq!(g.name, want.name);
        assert_eq!(g.affiliation, want.affiliation);
    }
}
