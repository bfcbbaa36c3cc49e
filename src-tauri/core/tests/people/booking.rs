//! `people/booking.rs`: booking warnings (recent, frequent, on air elsewhere), never
//! comparing a programme with itself.

use greenroom_core::people::booking::{BookingCheck, GuestRef, WarningKind};
use greenroom_core::Store;

use super::{at, book, lieven_story, temp_store};

/// Issue 11, item 26: "3 days before 16 May" read as 13 May, and the count was of
/// 24-hour periods. The warning now names the date and counts calendar days.
#[test]
fn a_recent_warning_says_how_many_days_earlier_and_on_which_date() {
    let (_d, _, mut s) = temp_store();
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
    let (_d, _, mut s) = temp_store();
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
    let (_d, _, mut s) = temp_store();
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
    let (_d, _, mut s) = temp_store();
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
    let (_d, _, mut s) = temp_store();
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
