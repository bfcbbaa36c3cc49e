//! `settings/defaults.rs`: what a new programme takes when it leaves time zone or slot
//! blank.

use greenroom_core::programme::segment::SegmentInput;
use greenroom_core::ProgrammeInput;

use crate::{programme, temp_store};

#[test]
fn a_new_programme_takes_its_series_format_total_else_the_default_slot() {
    let (_dir, _, mut store) = temp_store();
    let first = store
        .create_programme(&ProgrammeInput {
            series: Some("Inside Story".into()),
            segments: Some(vec![
                SegmentInput {
                    id: None,
                    title: "Headlines".into(),
                    duration: "2m".into(),
                    ..Default::default()
                },
                SegmentInput {
                    id: None,
                    title: "Panel".into(),
                    duration: "23m".into(),
                    ..Default::default()
                },
            ]),
            ..programme("First")
        })
        .unwrap();
    assert_eq!(first.slot_seconds, None, "no format, no default yet");
    store
        .save_series_format_from("Inside Story", first.id)
        .unwrap();
    store.set_setting("default.slot", "30m").unwrap();
    store
        .set_setting("default.time-zone", "Asia/Qatar")
        .unwrap();

    let in_series = store
        .create_programme(&ProgrammeInput {
            series: Some("inside story".into()),
            air: Some("2025-05-16T19:30".into()),
            ..programme("Second")
        })
        .unwrap();
    assert_eq!(in_series.slot_seconds, Some(1500));
    assert_eq!(in_series.time_zone, "Asia/Qatar");
    assert_eq!(in_series.air_local.as_deref(), Some("2025-05-16T19:30"));

    let plain = store.create_programme(&programme("Third")).unwrap();
    assert_eq!(plain.slot_seconds, Some(1800));
    assert_eq!(
        plain.series, None,
        "the default series is the window's, not a rule"
    );

    // What is given wins; an offset names its own zone.
    let given = store
        .create_programme(&ProgrammeInput {
            slot: Some("10m".into()),
            air: Some("2025-05-16T19:30:00+05:30".into()),
            ..programme("Fourth")
        })
        .unwrap();
    assert_eq!(given.slot_seconds, Some(600));
    assert_ne!(given.time_zone, "Asia/Qatar");
}

#[test]
fn defaults_are_checked_and_a_blank_value_clears_them() {
    let (_dir, _, mut store) = temp_store();
    for (key, bad) in [
        ("default.time-zone", "Mars/Olympus"),
        ("default.slot", "soon"),
        ("default.slot", "0s"),
        ("default.series", &"s".repeat(201)),
    ] {
        let e = store.set_setting(key, bad).unwrap_err();
        assert_eq!(e.field(), Some(key), "{key} {bad}: {e}");
    }
    store
        .set_setting("default.series", "  Inside Story ")
        .unwrap();
    store.set_setting("default.slot", "25:00").unwrap();
    let d = store.settings().unwrap().defaults;
    assert_eq!(d.default_series.as_deref(), Some("Inside Story"));
    assert_eq!(d.default_slot_seconds, Some(1500));
    store.set_setting("default.series", "").unwrap();
    store.set_setting("default.slot", " ").unwrap();
    let d = store.settings().unwrap().defaults;
    assert_eq!((d.default_series, d.default_slot_seconds), (None, None));
}
