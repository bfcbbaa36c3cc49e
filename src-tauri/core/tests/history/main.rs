//! Guest history and booking warnings: story tests on temp database files.

use chrono::{DateTime, Utc};
use greenroom_core::people::booking::{BookingCheck, GuestRef, WarningKind};
use greenroom_core::programme::model::Role;
use greenroom_core::{PersonInput, Programme, ProgrammeInput, Status, Store};

#[path = "../support/derived.rs"]
mod derived;

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("g.db")).unwrap();
    (dir, store)
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn book(s: &mut Store, title: &str, air: &str, guests: &[(&str, &str)]) -> Programme {
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
fn lieven_story(s: &mut Store) {
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

#[test]
fn a_guest_across_five_programmes_with_three_billings() {
    let (_d, mut s) = temp_store();
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
    let (_d, mut s) = temp_store();
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
    let (_d, mut s) = temp_store();
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

/// Issue 11, item 26: "3 days before 16 May" read as 13 May, and the count was of
/// 24-hour periods. The warning now names the date and counts calendar days.
#[test]
fn a_recent_warning_says_how_many_days_earlier_and_on_which_date() {
    let (_d, mut s) = temp_store();
    book(
        &mut s,
        "Late show",
        "2025-05-13T21:00:00Z",
        &[("Anatol Lieven", "Q")],
    );
    let w = check(&s, "2025-05-16T19:30:00Z", "Anatol Lieven");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(
        w[0].1,
        "Anatol Lieven was on 3 days earlier, on 13 May 2025 (Late show), within 14 days"
    );
    let w = check(&s, "2025-05-14T08:00:00Z", "Anatol Lieven");
    assert!(w[0].1.contains("the day before, on 13 May 2025"), "{w:?}");
    let w = check(&s, "2025-05-13T23:00:00Z", "Anatol Lieven");
    assert!(
        w[0].1.contains("earlier the same day, 13 May 2025"),
        "{w:?}"
    );
}

#[test]
fn a_name_shared_by_two_people_is_ambiguous() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.db");
    let mut s = Store::open(&path).unwrap();
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

fn check(s: &Store, air: &str, name: &str) -> Vec<(WarningKind, String)> {
    s.booking_warnings(
        &BookingCheck {
            programme_id: None,
            air_at: Some(at(air)),
            slot_seconds: Some(1500),
            guests: vec![GuestRef {
                person_id: None,
                name: name.into(),
            }],
        },
        at("2025-01-01T00:00:00Z"),
    )
    .unwrap()
    .into_iter()
    .map(|w| (w.kind, w.message))
    .collect()
}

#[test]
fn recent_warnings_fire_at_the_threshold_and_not_past_it() {
    let (_d, mut s) = temp_store();
    lieven_story(&mut s);
    // Last on 25 May 19:30; the default threshold is 14 days.
    let on_day_14 = check(&s, "2025-06-08T19:30:00Z", "Anatol Lieven");
    assert_eq!(on_day_14.len(), 1, "{on_day_14:?}");
    assert_eq!(on_day_14[0].0, WarningKind::Recent);
    assert!(on_day_14[0].1.contains("Black Sea"), "{}", on_day_14[0].1);
    assert!(check(&s, "2025-06-08T19:31:00Z", "Anatol Lieven").is_empty());
    s.set_setting("warn.recent-days", "30").unwrap();
    assert_eq!(check(&s, "2025-06-20T19:30:00Z", "anatol lieven").len(), 1);
    assert!(check(&s, "2025-06-20T19:30:00Z", "Someone New").is_empty());
}

#[test]
fn frequent_warnings_count_the_90_days_before() {
    let (_d, mut s) = temp_store();
    lieven_story(&mut s);
    s.set_setting("warn.recent-days", "0").unwrap();
    // 2 Mar, 20 Apr, 16 May, 25 May are within the 90 days before 31 May: 4 > 3.
    let w = check(&s, "2025-05-31T19:30:00Z", "Anatol Lieven");
    assert_eq!(
        w.iter()
            .filter(|(k, _)| *k == WarningKind::Frequent)
            .count(),
        1,
        "{w:?}"
    );
    assert!(w[0].1.contains("4 times"), "{w:?}");
    s.set_setting("warn.max-in-90-days", "4").unwrap();
    assert!(check(&s, "2025-05-31T19:30:00Z", "Anatol Lieven").is_empty());
    // A day later, 2 March has dropped out of the window: 3 is not more than 3.
    s.set_setting("warn.max-in-90-days", "3").unwrap();
    assert!(check(&s, "2025-06-01T19:30:00Z", "Anatol Lieven").is_empty());
    assert_eq!(
        s.set_setting("warn.max-in-90-days", "-1")
            .unwrap_err()
            .code(),
        "validation"
    );
    assert_eq!(
        s.set_setting("warn.bogus", "1").unwrap_err().code(),
        "validation"
    );
}

#[test]
fn overlapping_bookings_and_presenting_elsewhere_are_flagged() {
    let (_d, mut s) = temp_store();
    lieven_story(&mut s);
    s.set_setting("warn.recent-days", "0").unwrap();
    s.set_setting("warn.max-in-90-days", "100").unwrap();
    // Black Sea runs 19:30–19:55 on 25 May.
    let w = check(&s, "2025-05-25T19:50:00Z", "Anatol Lieven");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, WarningKind::DoubleBooked);
    assert!(check(&s, "2025-05-25T19:55:00Z", "Anatol Lieven").is_empty());
    assert!(check(&s, "2025-05-25T19:05:00Z", "Dareen Abughaida").is_empty());
    let w = check(&s, "2025-05-25T19:10:00Z", "Dareen Abughaida");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, WarningKind::PresentingElsewhere);
}

#[test]
fn a_programme_is_not_compared_with_itself() {
    let (_d, mut s) = temp_store();
    let p = book(
        &mut s,
        "Solo",
        "2025-05-25T19:30:00Z",
        &[("Anatol Lieven", "Q")],
    );
    let w = s
        .booking_warnings(
            &BookingCheck {
                programme_id: Some(p.id),
                air_at: p.air_at,
                slot_seconds: p.slot_seconds,
                guests: vec![GuestRef {
                    person_id: Some(p.guests[0].person_id),
                    name: String::new(),
                }],
            },
            at("2025-01-01T00:00:00Z"),
        )
        .unwrap();
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn a_profile_is_saved_whole_renames_keep_history_and_stale_edits_conflict() {
    use greenroom_core::people::profile::GenderSource;
    let (_d, mut s) = temp_store();
    lieven_story(&mut s);
    let id = s.find_person("Anatol Lieven").unwrap().id;
    let current = s.person_profile(id).unwrap();
    assert!(current.profile.expertise.is_empty());
    let mut p = current.profile.clone();
    p.name = "Anatol Lieven ".into();
    p.honorific = Some("Dr".into());
    p.expertise = vec!["Russia".into(), "russia".into(), "Ukraine".into()];
    p.languages = vec!["English".into(), "Russian".into()];
    p.base_city = Some("Washington".into());
    p.base_time_zone = Some("America/New_York".into());
    p.email = Some("al@example.org".into());
    p.gender = Some("man".into());
    p.gender_source = Some(GenderSource::Inferred);
    let saved = s.update_person(id, current.revision, &p).unwrap();
    assert_eq!(saved.profile.name, "Anatol Lieven");
    assert_eq!(
        saved.profile.expertise,
        ["Russia", "Ukraine"],
        "duplicate tags fold"
    );
    assert_eq!(saved.revision, current.revision + 1);
    assert_eq!(s.person_profile(id).unwrap(), saved);

    let e = s.update_person(id, current.revision, &p).unwrap_err();
    assert_eq!(e.code(), "conflict");

    p.name = "Anatol Lieven (Quincy)".into();
    s.update_person(id, saved.revision, &p).unwrap();
    let h = s.guest_history(id, at("2025-06-01T12:00:00Z")).unwrap();
    assert_eq!(h.appearances.len(), 5, "a rename keeps every appearance");
    assert_eq!(h.person.name, "Anatol Lieven (Quincy)");

    let mut bad = p.clone();
    bad.base_time_zone = Some("Quincy/Standard".into());
    assert_eq!(
        s.update_person(id, saved.revision + 1, &bad)
            .unwrap_err()
            .field(),
        Some("baseTimeZone")
    );
    let mut bad = p.clone();
    bad.email = Some("not an email".into());
    assert_eq!(
        s.update_person(id, saved.revision + 1, &bad)
            .unwrap_err()
            .field(),
        Some("email")
    );
}

mod balance {
    use super::*;
    use chrono::NaiveDate;
    use greenroom_core::people::balance::{parse_month, to_csv, BalanceRow};
    use greenroom_core::people::profile::GenderSource;

    fn set_gender(s: &mut Store, name: &str, gender: &str) {
        let id = s.find_person(name).unwrap().id;
        let cur = s.person_profile(id).unwrap();
        let mut p = cur.profile.clone();
        p.gender = Some(gender.into());
        p.gender_source = Some(GenderSource::SelfIdentified);
        s.update_person(id, cur.revision, &p).unwrap();
    }

    fn programme(
        s: &mut Store,
        series: &str,
        air: &str,
        zone: &str,
        guests: &[&str],
        status: Status,
    ) {
        s.create_programme(&ProgrammeInput {
            series: Some(series.into()),
            title: format!("{series} {air}"),
            presenter: Some(PersonInput {
                name: "Wendy Presenter".into(),
                ..Default::default()
            }),
            guests: guests
                .iter()
                .map(|g| PersonInput {
                    name: g.to_string(),
                    ..Default::default()
                })
                .collect(),
            air: Some(air.into()),
            time_zone: Some(zone.into()),
            status,
            ..Default::default()
        })
        .unwrap();
    }

    fn row<'a>(rows: &'a [BalanceRow], month: &str, series: &str) -> &'a BalanceRow {
        rows.iter()
            .find(|r| r.month == month && r.series == series)
            .unwrap_or_else(|| panic!("no row {month} {series} in {rows:?}"))
    }

    fn groups(r: &BalanceRow) -> Vec<(&str, u32, f64)> {
        r.groups
            .iter()
            .map(|g| (g.group.as_str(), g.count, g.share))
            .collect()
    }

    #[test]
    fn counts_match_a_hand_count() {
        let (_d, mut s) = temp_store();
        programme(
            &mut s,
            "Inside Story",
            "2025-01-10T19:30",
            "UTC",
            &["Xena", "Yusuf", "Zed"],
            Status::Aired,
        );
        programme(
            &mut s,
            "Inside Story",
            "2025-01-20T19:30",
            "UTC",
            &["xena", "Vera"],
            Status::Aired,
        );
        // 23:30 UTC on 31 Jan is 1 Feb in Doha: it counts for February.
        programme(
            &mut s,
            "The Stream",
            "2025-01-31T23:30:00Z",
            "Asia/Qatar",
            &["Yusuf", "Umar"],
            Status::Aired,
        );
        programme(
            &mut s,
            "Inside Story",
            "2025-01-25T19:30",
            "UTC",
            &["Tom"],
            Status::Cancelled,
        );
        set_gender(&mut s, "Xena", "Woman");
        set_gender(&mut s, "Vera", "woman");
        set_gender(&mut s, "Yusuf", "man");
        set_gender(&mut s, "Wendy Presenter", "woman");

        let rows = s
            .balance_report(
                parse_month("from", "2025-01").unwrap(),
                parse_month("to", "2025-02").unwrap(),
                None,
            )
            .unwrap();
        // January, Inside Story: Xena twice, Yusuf, Zed, Vera = 5; the presenter is not counted.
        let jan = row(&rows, "2025-01", "Inside Story");
        assert_eq!(jan.contributors, 5);
        assert_eq!(
            groups(jan),
            [("Woman", 3, 0.6), ("man", 1, 0.2), ("not recorded", 1, 0.2)]
        );
        assert_eq!(
            (jan.repeat_guests, jan.repeat_share),
            (1, 0.2),
            "Xena's second programme"
        );
        assert_eq!(row(&rows, "2025-01", "All series").contributors, 5);
        let feb = row(&rows, "2025-02", "The Stream");
        assert_eq!(feb.contributors, 2);
        assert_eq!(groups(feb), [("man", 1, 0.5), ("not recorded", 1, 0.5)]);
        assert_eq!(feb.repeat_guests, 1, "Yusuf was on in January");
        assert_eq!(rows.len(), 4);

        let only = s
            .balance_report(
                parse_month("from", "2025-01").unwrap(),
                parse_month("to", "2025-12").unwrap(),
                Some("inside story"),
            )
            .unwrap();
        assert_eq!(only.len(), 1);
        assert_eq!(only[0].series, "Inside Story");

        let csv = to_csv(&rows).unwrap();
        let first_lines: Vec<&str> = csv.lines().take(3).collect();
        assert_eq!(
            first_lines,
            [
                "month,series,contributors,group,count,share",
                "2025-01,All series,5,Woman,3,0.6000",
                "2025-01,All series,5,man,1,0.2000",
            ]
        );
        assert!(
            csv.contains("2025-01,Inside Story,5,repeat guests,1,0.2000"),
            "{csv}"
        );
    }

    /// Issue 11, item 29: an archive of last year's programmes opens on last year,
    /// not on this year's empty months, and only aired programmes are counted.
    #[test]
    fn the_report_opens_on_the_last_year_with_programmes_and_counts_aired_only() {
        let (_d, mut s) = temp_store();
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let nothing = s.balance_default_range(today).unwrap();
        assert_eq!(
            (nothing.from.as_str(), nothing.to.as_str()),
            ("2026-01", "2026-12")
        );
        programme(
            &mut s,
            "Inside Story",
            "2025-03-10T19:30",
            "UTC",
            &["Ann", "Bob"],
            Status::Aired,
        );
        // 23:30 UTC on 31 Aug is 1 September in Doha, in its own zone.
        programme(
            &mut s,
            "The Stream",
            "2025-08-31T23:30:00Z",
            "Asia/Qatar",
            &["Ann"],
            Status::Aired,
        );
        programme(
            &mut s,
            "Inside Story",
            "2026-12-20T19:30",
            "UTC",
            &["Cleo"],
            Status::Planned,
        );
        programme(
            &mut s,
            "Inside Story",
            "2025-04-10T19:30",
            "UTC",
            &["Dan"],
            Status::Confirmed,
        );
        let range = s.balance_default_range(today).unwrap();
        assert_eq!(
            (range.from.as_str(), range.to.as_str()),
            ("2024-10", "2025-09")
        );
        let (from, to) = range.dates().unwrap();
        let rows = s.balance_report(from, to, None).unwrap();
        let months: Vec<(&str, &str, u32)> = rows
            .iter()
            .map(|r| (r.month.as_str(), r.series.as_str(), r.contributors))
            .collect();
        assert_eq!(
            months,
            [
                ("2025-03", "All series", 2),
                ("2025-03", "Inside Story", 2),
                ("2025-09", "All series", 1),
                ("2025-09", "The Stream", 1),
            ]
        );
        assert_eq!(row(&rows, "2025-09", "The Stream").repeat_guests, 1);
        // The planned programme's month has no row even when asked for.
        let m = parse_month("from", "2026-12").unwrap();
        assert!(s.balance_report(m, m, None).unwrap().is_empty());
    }

    #[test]
    fn csv_cells_cannot_become_formulas_and_bad_months_are_refused() {
        let (_d, mut s) = temp_store();
        programme(
            &mut s,
            "=HYPERLINK(\"http://x\")",
            "2025-03-01T10:00",
            "UTC",
            &["A"],
            Status::Aired,
        );
        let id = s.find_person("A").unwrap().id;
        let cur = s.person_profile(id).unwrap();
        let mut p = cur.profile.clone();
        p.gender = Some("+cmd".into());
        s.update_person(id, cur.revision, &p).unwrap();
        let m = parse_month("from", "2025-03").unwrap();
        let csv = to_csv(&s.balance_report(m, m, None).unwrap()).unwrap();
        assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
        assert!(csv.contains(",'+cmd,"), "{csv}");
        assert_eq!(
            parse_month("from", "2025-13").unwrap_err().field(),
            Some("from")
        );
        assert_eq!(
            s.balance_report(m, parse_month("to", "2025-01").unwrap(), None)
                .unwrap_err()
                .field(),
            Some("to")
        );
    }
}

/// The history gives every appearance in brief and the first page in full; the pages
/// after it, cursor by cursor, continue in exactly the timeline's order (ties on air
/// time and undated programmes included) and end with no cursor.
#[test]
fn appearances_page_in_the_timeline_order_and_follow_air_time_edits() {
    let (dir, mut s) = temp_store();
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
    derived::assert_derived_data_matches(
        &rusqlite::Connection::open(dir.path().join("g.db")).unwrap(),
    );

    let unknown = "01900000-0000-7000-8000-000000000000".parse().unwrap();
    assert_eq!(
        s.guest_appearances(unknown, None, 3).unwrap_err().code(),
        "not_found"
    );
}
