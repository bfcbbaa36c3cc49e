//! `programme/series_format.rs`: a format saved from a programme starts the next one
//! in the series; the shipped example has one.

use greenroom_core::programme::segment::SegmentKind::*;

use super::{seg, show, temp_store};

#[test]
fn a_series_format_is_saved_from_a_programme_and_starts_the_next_one() {
    let (_d, _, mut s) = temp_store();
    let p = s
        .create_programme(&show(vec![
            seg(Intro, "Top", "1m", &["Dareen Abughaida"]),
            seg(Discussion, "Main", "20m", &[]),
            seg(Close, "Out", "4m", &[]),
        ]))
        .unwrap();
    assert_eq!(s.save_series_format_from("inside story", p.id).unwrap(), 3);
    let f = s.series_format("INSIDE STORY").unwrap().unwrap();
    assert_eq!(f.total, "25:00");
    let mut next = show(vec![]);
    next.segments = None;
    next.title = "Next week".into();
    let n = s.create_programme(&next).unwrap();
    let titles: Vec<_> = n.segments.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["Top", "Main", "Out"]);
    assert!(
        n.segments[0].people.is_empty(),
        "a format carries no people"
    );
    // An explicit empty running order is respected.
    let mut empty = show(vec![]);
    empty.title = "Deliberately empty".into();
    assert!(s.create_programme(&empty).unwrap().segments.is_empty());
}

#[test]
fn the_shipped_example_format_is_a_25_minute_three_guest_discussion() {
    let (_d, _, s) = temp_store();
    let f = s.series_format("The Panel Hour").unwrap().unwrap();
    assert_eq!(f.total, "25:00");
    assert!(f.segments.iter().any(|x| x.kind == GuestIntro));
}
