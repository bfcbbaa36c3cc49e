//! Core `programme/airtime.rs` and `zone.rs` through `programme add|show|list`: air
//! times and zones through the CLI: offsets of part hours keep their own zone, an hour
//! the clocks pass twice is asked about, and years a file cannot hold are refused.

use super::{programme_count, run, temp_db};

fn add(db: &std::path::Path, args: &[&str]) -> super::Run {
    let mut all = vec!["programme", "add", "--title", "T", "--slot", "25m"];
    all.extend(args);
    run(db, &all)
}

#[test]
fn an_offset_of_part_hours_is_shown_in_that_offset_everywhere() {
    let (dir, db) = temp_db();
    for (air, zone, shown) in [
        (
            "2025-05-16T19:30:00+05:30",
            "UTC+05:30",
            "Fri 16 May 2025 19:30 +05:30 (UTC+05:30)",
        ),
        (
            "2025-05-16T19:30:00+05:45",
            "UTC+05:45",
            "Fri 16 May 2025 19:30 +05:45 (UTC+05:45)",
        ),
        (
            "2025-05-16T19:30:00-03:30",
            "UTC-03:30",
            "Fri 16 May 2025 19:30 -03:30 (UTC-03:30)",
        ),
        (
            "2025-05-16T19:30:00+03:00",
            "Etc/GMT-3",
            "Fri 16 May 2025 19:30 +03 (Etc/GMT-3)",
        ),
    ] {
        let id = add(&db, &["--air", air]).ok();
        let id = id.trim();
        let p = run(&db, &["programme", "show", id, "--json"]).json();
        assert_eq!(p["timeZone"], zone, "{air}");
        assert_eq!(p["airDisplay"], shown, "{air}");
        assert_eq!(p["airLocal"], "2025-05-16T19:30", "{air}");
        // Editing something else keeps the time and the zone.
        run(&db, &["programme", "edit", id, "--notes", "edited"]).ok();
        let again = run(&db, &["programme", "show", id, "--json"]).json();
        assert_eq!(
            (&again["airAt"], &again["timeZone"]),
            (&p["airAt"], &p["timeZone"])
        );
        // A local time given in that zone is read in its offset.
        run(
            &db,
            &[
                "programme",
                "edit",
                id,
                "--air",
                "2025-05-16 20:30",
                "--tz",
                zone,
            ],
        )
        .ok();
        let moved = run(&db, &["programme", "show", id, "--json"]).json();
        assert_eq!(moved["airLocal"], "2025-05-16T20:30", "{air}");
        let md = run(&db, &["export", id, "--format", "md", "--out", "-"]).ok();
        assert!(md.contains(zone), "{md}");
    }
    let ics = run(&db, &["export-calendar", "--out", "-"])
        .ok()
        .replace("\r\n ", "");
    assert!(ics.contains("DTSTART:20250516T150000Z"), "{ics}");
    assert!(ics.contains("(UTC+05:30)"), "{ics}");

    // The archive carries the zone by name, and an import into an empty file keeps it.
    let file = dir.path().join("a.json");
    run(&db, &["archive", "export", "--out", file.to_str().unwrap()]).ok();
    let (_d2, other) = temp_db();
    run(&other, &["archive", "import", file.to_str().unwrap()]).ok();
    let zones: Vec<String> = run(&other, &["programme", "list", "--json"])
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["timeZone"].as_str().unwrap().to_string())
        .collect();
    for zone in ["UTC+05:30", "UTC+05:45", "UTC-03:30", "Etc/GMT-3"] {
        assert!(zones.iter().any(|z| z == zone), "{zone} lost: {zones:?}");
    }
    // Zones are checked wherever they are taken.
    add(&db, &["--tz", "UTC+05:99"]).fails(2, "not a time zone");
    add(&db, &["--air", "2025-05-16T19:30:00+15:00"]).fails(2, "not in use");
}

#[test]
fn an_hour_the_clocks_pass_twice_is_refused_with_both_readings() {
    let (_d, db) = temp_db();
    let r =
        add(&db, &["--air", "2025-10-26T01:30", "--tz", "Europe/London"]).fails(2, "happens twice");
    assert!(r.stderr.contains("2025-10-26T01:30+01:00"), "{}", r.stderr);
    assert!(r.stderr.contains("2025-10-26T01:30+00:00"), "{}", r.stderr);
    assert!(r.stderr.contains("give the offset"), "{}", r.stderr);
    assert_eq!(
        run(&db, &["programme", "list", "--json"]).json(),
        serde_json::json!([])
    );
    // Giving one of the readings chooses it; the zone stays the one named.
    let id = add(
        &db,
        &["--air", "2025-10-26T01:30+00:00", "--tz", "Europe/London"],
    )
    .ok();
    let p = run(&db, &["programme", "show", id.trim(), "--json"]).json();
    assert_eq!(p["airAt"], "2025-10-26T01:30:00Z");
    assert_eq!(p["timeZone"], "Europe/London");
    assert_eq!(p["airDisplay"], "Sun 26 Oct 2025 01:30 GMT (Europe/London)");
    // and later edits of other fields do not ask again.
    run(&db, &["programme", "edit", id.trim(), "--notes", "n"]).ok();
}

#[test]
fn an_hour_the_clocks_skip_is_refused() {
    let (_d, db) = temp_db();
    add(&db, &["--air", "2025-03-30 01:30", "--tz", "Europe/London"])
        .fails(2, "does not exist in Europe/London");
}

#[test]
fn air_times_outside_the_years_1900_to_9999_are_refused() {
    let (dir, db) = temp_db();
    for air in [
        "9999-12-31T23:30:00-05:00",
        "9999-12-31T23:00:00+00:00",
        "1899-12-31T12:00:00Z",
    ] {
        let tz = if air.ends_with("+00:00") {
            "Asia/Tokyo"
        } else {
            "UTC"
        };
        add(&db, &["--air", air, "--tz", tz]).fails(2, "outside the years 1900 to 9999");
    }
    let id = add(&db, &["--air", "9999-12-31T23:30:00Z"]).ok();
    run(
        &db,
        &["programme", "edit", id.trim(), "--notes", "still editable"],
    )
    .ok();
    let file = dir.path().join("a.json");
    run(&db, &["archive", "export", "--out", file.to_str().unwrap()]).ok();
    let (_d2, other) = temp_db();
    run(&other, &["archive", "import", file.to_str().unwrap()]).ok();
    assert_eq!(programme_count(&other), 1);
}
