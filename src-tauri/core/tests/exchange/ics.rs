//! `exchange/ics.rs`: the calendar, read back by a real reader.

use std::collections::HashMap;

use greenroom_core::exchange::ics::CalendarRange;

use super::{seed, temp_store, EMAIL, INJECTION_TITLE};

/// Each event's properties as a reader sees them (unfolded by `ical`, then unescaped).
fn events(ics: &str) -> Vec<HashMap<String, String>> {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let calendar = calendars.next().expect("a calendar").expect("parses");
    assert!(calendars.next().is_none());
    let props: HashMap<_, _> = calendar
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
        .collect();
    assert_eq!(props["VERSION"], "2.0");
    assert!(props["PRODID"].contains("Greenroom"));
    calendar
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| {
                    (
                        p.name.clone(),
                        unescape(p.value.as_deref().unwrap_or_default()),
                    )
                })
                .collect()
        })
        .collect()
}

/// RFC 5545 3.3.11, the reader's side.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {s:?}"),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// Every line ends in CRLF and is at most 75 octets.
fn well_formed(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "a bare CR or LF"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

#[test]
fn one_event_per_programme_with_an_air_time_read_back_by_a_real_reader() {
    let (_d, _p, mut store) = temp_store();
    let s = seed(&mut store);
    let ics = store.export_calendar(&CalendarRange::default()).unwrap();
    well_formed(&ics);
    assert!(!ics.contains(EMAIL));
    // The long Arabic and Turkish lines are folded, and fold back whole.
    assert!(ics.contains("\r\n "), "nothing was folded");
    let events = events(&ics);
    let uids: Vec<&str> = events.iter().map(|e| e["UID"].as_str()).collect();
    assert_eq!(
        uids,
        [
            format!("{}@greenroom", s.tricky.id),
            format!("{}@greenroom", s.example.id),
            format!("{}@greenroom", s.cancelled.id),
        ]
    );

    let tricky = &events[0];
    assert_eq!(tricky["DTSTART"], "20250330T013000Z");
    assert_eq!(tricky["DTEND"], "20250330T023000Z");
    assert_eq!(
        tricky["SUMMARY"],
        format!("Inside Story: {INJECTION_TITLE}")
    );
    assert_eq!(tricky["STATUS"], "CONFIRMED");
    assert_eq!(tricky["CATEGORIES"], "Inside Story");
    assert_eq!(
        tricky["DTSTAMP"],
        s.tricky.updated_at.format("%Y%m%dT%H%M%SZ").to_string()
    );
    let d = &tricky["DESCRIPTION"];
    for part in [
        "Sun 30 Mar 2025 02:30 BST (Europe/London), 1:00:00",
        "Presenter: Dareen Abughaida – Al Jazeera",
        "Guest: @Anatol Lieven – -Quincy Institute, \"senior fellow\"",
        "Guest: Tarık Ağaoğlu – Independent analyst",
        "1. -5 degrees, +3 metres: @everyone; is it \"fine\"?",
        "2. Line one\nline two, with a comma",
    ] {
        assert!(d.contains(part), "{d:?} lacks {part:?}");
    }
    assert!(!d.contains("Quotes"), "notes are not in the calendar");

    let example = &events[1];
    assert_eq!(example["DTSTART"], "20250602T163000Z");
    assert_eq!(example["DTEND"], "20250602T165500Z");
    assert_eq!(example["STATUS"], "TENTATIVE");
    assert!(example["DESCRIPTION"]
        .contains("Guest: هناء المصري – Professor of international water law, Cairo"));

    let cancelled = &events[2];
    assert_eq!(cancelled["STATUS"], "CANCELLED");
    // No slot: half an hour, as booking warnings assume.
    assert_eq!(cancelled["DTSTART"], "20250701T170000Z");
    assert_eq!(cancelled["DTEND"], "20250701T173000Z");
}

#[test]
fn the_range_is_of_air_dates_in_each_programmes_own_zone() {
    let (_d, _p, mut store) = temp_store();
    let s = seed(&mut store);
    let in_range = |from: Option<&str>, to: Option<&str>| -> Vec<String> {
        let range = CalendarRange::parse(from, to).unwrap();
        let ics = store.export_calendar(&range).unwrap();
        well_formed(&ics);
        events(&ics).into_iter().map(|e| e["UID"].clone()).collect()
    };
    let uid = |id: greenroom_core::ProgrammeId| format!("{id}@greenroom");
    assert_eq!(
        in_range(Some("2025-06-02"), Some("2025-06-02")),
        [uid(s.example.id)]
    );
    assert_eq!(
        in_range(Some("2025-06-01"), None),
        [uid(s.example.id), uid(s.cancelled.id)]
    );
    assert_eq!(in_range(None, Some("2025-03-30")), [uid(s.tricky.id)]);
    assert!(in_range(Some("2026-01-01"), None).is_empty());
    let e = CalendarRange::parse(Some("2025-06-02"), Some("2025-06-01")).unwrap_err();
    assert_eq!(e.field(), Some("to"));
    let e = CalendarRange::parse(Some("June"), None).unwrap_err();
    assert_eq!(e.field(), Some("from"));
}
