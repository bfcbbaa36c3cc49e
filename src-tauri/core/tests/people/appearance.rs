//! `people/appearance.rs`: only aired programmes are appearances, in every place
//! that counts them.

use greenroom_core::{Programme, Status, Store};

use super::{at, book, temp_store};

fn set_status(s: &mut Store, p: &Programme, status: Status) {
    let mut input = p.to_input();
    input.status = status;
    s.update_programme(p.id, p.revision, &input).unwrap();
}

/// Issue 11, item 25: one answer to "when did we last have them". Two aired
/// programmes, and a planned one in December 2026 (billed anew), a past one still a
/// draft and a cancelled one: every place that counts says 2, last 25 May 2025, and
/// the planned one is the next booking, not an appearance.
#[test]
fn only_aired_programmes_are_appearances_everywhere() {
    let (_d, _, mut s) = temp_store();
    let aired = [
        ("Sanctions", "2025-04-20T19:30:00Z", "Quincy Institute"),
        ("Black Sea", "2025-05-25T19:30:00Z", "Eurasia Program"),
    ];
    for (title, air, billed) in aired {
        book(&mut s, title, air, &[("Anatol Lieven", billed)]);
    }
    for (title, air, status) in [
        ("Planned", "2026-12-09T19:30:00Z", Status::Planned),
        ("Never marked", "2025-06-01T19:30:00Z", Status::Draft),
        ("Called off", "2025-05-30T19:30:00Z", Status::Cancelled),
    ] {
        let p = book(
            &mut s,
            title,
            air,
            &[("Anatol Lieven", "Brand New Billing")],
        );
        set_status(&mut s, &p, status);
    }
    // A second entry for him, to see the count "possible duplicates" shows.
    book(
        &mut s,
        "Other",
        "2025-01-05T19:30:00Z",
        &[("Anatol Liéven", "Q")],
    );
    let now = at("2026-12-01T12:00:00Z");
    let id = s.find_person("Anatol Lieven").unwrap().id;

    let h = s.guest_history(id, now).unwrap();
    assert_eq!(h.timeline.len(), 5, "every programme is listed");
    assert_eq!(h.totals.appearances, 2);
    assert_eq!(h.totals.last, Some(at("2025-05-25T19:30:00Z")));
    assert_eq!(h.totals.upcoming, 1);
    let next = h.totals.next.as_ref().expect("a next booking");
    assert_eq!(
        (next.air_at, next.status),
        (at("2026-12-09T19:30:00Z"), Status::Planned)
    );
    assert_eq!(h.last_billed.as_deref(), Some("Eurasia Program"));
    let billed: Vec<&str> = h
        .affiliations
        .iter()
        .map(|a| a.affiliation.as_str())
        .collect();
    assert_eq!(billed, ["Eurasia Program", "Quincy Institute"]);

    let guests = s.list_guests(now).unwrap();
    let g = guests.iter().find(|g| g.id == id).unwrap();
    assert_eq!(g.appearances, 2);
    assert_eq!(g.last_air_at, Some(at("2025-05-25T19:30:00Z")));
    assert_eq!(g.next.as_ref().map(|n| n.air_at), Some(next.air_at));

    let found = s.search("anatol lieven", 10).unwrap();
    let hit = found.people.iter().find(|p| p.id == id).unwrap();
    assert_eq!(hit.appearances, 2);

    let suggested = s.suggest_people("Anatol Li", 5).unwrap();
    let sug = suggested.iter().find(|p| p.id == id).unwrap();
    assert_eq!(sug.appearances, 2);
    assert_eq!(sug.last_billed.as_deref(), Some("Eurasia Program"));

    let pairs = s.possible_duplicates().unwrap();
    let pair = pairs
        .iter()
        .find(|p| p.keep.id == id || p.drop.id == id)
        .expect("Lieven and Liéven are proposed");
    let side = if pair.keep.id == id {
        &pair.keep
    } else {
        &pair.drop
    };
    assert_eq!(side.appearances, 2);
}
