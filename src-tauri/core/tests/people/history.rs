//! `people/history.rs`: a guest's history across programmes (appearances, billings,
//! co-panelists, paging in the timeline's order) and finding a person by name or id.

use greenroom_core::programme::model::Role;
use greenroom_core::{PersonInput, ProgrammeInput, Status};
use greenroom_testkit::derived;

use super::{at, book, lieven_story, temp_store};

#[test]
fn a_guest_across_five_programmes_with_three_billings() {
    let (_d, _, mut s) = temp_store();
    lieven_story(&mut s);
    let person = s.find_person("ANATOL LIEVEN").unwrap();
    let h = s
        .guest_history(person.id, at("2025-06-01T12:00:00Z"))
        .unwrap();
    let titles: Vec<_> = h.appearances.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Black Sea",
            "Ceasefire",
            "Sanctions",
            "NATO summit",
            "Ukraine talks"
        ]
    );
    assert_eq!(
        h.appearances[1].co_panelists,
        ["Peter Zalmayev", "Pavel Felgenhauer"]
    );
    assert!(h.appearances[0].co_panelists.is_empty());
    assert_eq!(
        h.appearances[1].presenter.as_deref(),
        Some("Dareen Abughaida")
    );
    assert_eq!(
        h.appearances[3].affiliation.as_deref(),
        Some("Quincy Institute")
    );
    assert_eq!(h.appearances[4].role, Role::Guest);
    let billed: Vec<(&str, u32)> = h
        .affiliations
        .iter()
        .map(|a| (a.affiliation.as_str(), a.appearances))
        .collect();
    assert_eq!(
        billed,
        [
            ("Eurasia Program, Quincy Institute", 2),
            ("Quincy Institute", 2),
            ("King's College London", 1)
        ]
    );
    let t = &h.totals;
    assert_eq!(t.appearances, 5);
    assert_eq!(t.first, Some(at("2025-01-10T19:30:00Z")));
    assert_eq!(t.last, Some(at("2025-05-25T19:30:00Z")));
    assert_eq!(t.days_since_last, Some(6));
    assert_eq!((t.last_30_days, t.last_90_days, t.last_365_days), (2, 3, 5));
    let guests = s.list_guests(at("2025-06-01T12:00:00Z")).unwrap();
    let lieven = guests.iter().find(|g| g.name == "Anatol Lieven").unwrap();
    assert_eq!(lieven.appearances, 5);
    assert_eq!(guests.len(), 3, "the presenter is not a guest");
}

#[test]
fn cancelled_and_future_programmes_are_listed_but_not_counted() {
    let (_d, _, mut s) = temp_store();
    lieven_story(&mut s);
    let p = book(
        &mut s,
        "Called off",
        "2025-05-30T19:30:00Z",
        &[("Anatol Lieven", "Quincy")],
    );
    let mut input = p.to_input();
    input.status = Status::Cancelled;
    s.update_programme(p.id, p.revision, &input).unwrap();
    let p = book(
        &mut s,
        "Next month",
        "2025-07-01T19:30:00Z",
        &[("Anatol Lieven", "Quincy")],
    );
    let mut input = p.to_input();
    input.status = Status::Planned;
    s.update_programme(p.id, p.revision, &input).unwrap();
    let id = s.find_person("Anatol Lieven").unwrap().id;
    let h = s.guest_history(id, at("2025-06-01T12:00:00Z")).unwrap();
    assert_eq!(h.appearances.len(), 7);
    assert_eq!(h.totals.appearances, 5);
    assert_eq!(h.totals.upcoming, 1);
}

#[test]
fn a_name_shared_by_two_people_is_ambiguous() {
    let (_dir, path, mut s) = temp_store();
    assert_eq!(
        s.find_person("Nobody Known").unwrap_err().code(),
        "not_found"
    );
    let p = book(
        &mut s,
        "X",
        "2025-08-01T10:00:00Z",
        &[("Sam Lee", "Reuters")],
    );
    // Two entries with one name arise from imports and undone merges; make one here.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "INSERT INTO person (id, name, name_key, affiliation, created_at, updated_at)
             VALUES ('01900000-0000-7000-8000-00000000beef', 'Sam Lee', 'sam lee', 'BBC', 0, 0)",
            [],
        )
        .unwrap();
    let e = s.find_person("sam lee").unwrap_err();
    assert_eq!(e.code(), "ambiguous");
    assert!(
        e.to_string().contains("Reuters") && e.to_string().contains("BBC"),
        "{e}"
    );
    let by_id = s.find_person(&p.guests[0].person_id.to_string()).unwrap();
    assert_eq!(by_id.affiliation.as_deref(), Some("Reuters"));
}

/// The history gives every appearance in brief and the first page in full; the pages
/// after it, cursor by cursor, continue in exactly the timeline's order (ties on air
/// time and undated programmes included) and end with no cursor.
#[test]
fn appearances_page_in_the_timeline_order_and_follow_air_time_edits() {
    let (_dir, path, mut s) = temp_store();
    let mut made = Vec::new();
    for i in 0..7 {
        // Two pairs share an air time; two programmes are undated.
        let air = [
            "2025-01-10T19:30:00Z",
            "2025-01-10T19:30:00Z",
            "2025-03-01T19:30:00Z",
            "2025-03-01T19:30:00Z",
            "2025-04-01T19:30:00Z",
        ];
        let p = match air.get(i) {
            Some(a) => book(
                &mut s,
                &format!("Show {i}"),
                a,
                &[("Marwan Bishara", "Analyst")],
            ),
            None => s
                .create_programme(&ProgrammeInput {
                    title: format!("Show {i}"),
                    guests: vec![PersonInput {
                        name: "Marwan Bishara".into(),
                        ..Default::default()
                    }],
                    ..Default::default()
                })
                .unwrap(),
        };
        made.push(p);
    }
    let person = s.find_person("Marwan Bishara").unwrap().id;
    let now = at("2025-06-01T12:00:00Z");
    let h = s.guest_history(person, now).unwrap();
    let order: Vec<_> = h.timeline.iter().map(|e| e.programme_id).collect();
    assert_eq!(order.len(), 7);
    // Newest first; ties and undated ones newest created first; undated last.
    let expected: Vec<_> = [4, 3, 2, 1, 0, 6, 5].iter().map(|&i| made[i].id).collect();
    assert_eq!(order, expected);
    assert_eq!(h.appearances.len(), 7, "one page holds them all");
    assert!(h.next.is_none());

    // Every page size, so that pages end before, on and after the last dated one.
    for size in 1..=8 {
        let mut paged = Vec::new();
        let mut after = None;
        loop {
            let page = s.guest_appearances(person, after.as_ref(), size).unwrap();
            assert!(page.appearances.len() <= size as usize);
            paged.extend(page.appearances.iter().map(|a| a.programme_id));
            match page.next {
                Some(c) => after = Some(c),
                None => break,
            }
        }
        assert_eq!(paged, expected, "pages of {size}");
    }
    let complete = s.complete_guest_history(person, now).unwrap();
    let all: Vec<_> = complete
        .appearances
        .iter()
        .map(|a| a.programme_id)
        .collect();
    assert_eq!(all, expected);
    assert!(complete.next.is_none());
    assert_eq!(h.totals.appearances, 5);

    // Moving a programme's air time (and cancelling one) moves it in the history.
    let mut input = made[0].to_input();
    input.air = Some("2025-05-01T19:30".into());
    input.time_zone = Some("UTC".into());
    s.update_programme(made[0].id, made[0].revision, &input)
        .unwrap();
    let mut input = made[4].to_input();
    input.status = Status::Cancelled;
    s.update_programme(made[4].id, made[4].revision, &input)
        .unwrap();
    let h = s.guest_history(person, now).unwrap();
    assert_eq!(h.timeline[0].programme_id, made[0].id);
    assert_eq!(h.appearances[0].programme_id, made[0].id);
    assert_eq!(h.timeline[1].status, Status::Cancelled);
    assert_eq!(h.totals.appearances, 4);
    derived::assert_derived_data_matches(&rusqlite::Connection::open(&path).unwrap());

    let unknown = "01900000-0000-7000-8000-000000000000".parse().unwrap();
    assert_eq!(
        s.guest_appearances(unknown, None, 3).unwrap_err().code(),
        "not_found"
    );
}
