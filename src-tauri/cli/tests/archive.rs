//! `src/archive.rs`: `archive export|import|csv` and `export-calendar` through the
//! binary, with the files read back by real readers (serde_json, ical).

use std::path::Path;

use serde_json::Value;

use super::{run, temp_db};

const EMAIL: &str = "pavel@example.org";

/// The example programme plus one with a guest who has contact details.
fn seeded(db: &Path) {
    run(db, &["programme", "example"]).ok();
    run(
        db,
        &[
            "programme",
            "add",
            "--title",
            "=HYPERLINK(\"http://x\",\"y\")",
            "--series",
            "Inside Story",
            "--presenter",
            "Dareen Abughaida",
            "--guest",
            "Pavel Felgenhauer – Independent defence analyst, Moscow",
            "--framing",
            "Why now; and who pays?",
            "--air",
            "2025-05-16T19:30",
            "--tz",
            "Asia/Qatar",
            "--slot",
            "25m",
            "--status",
            "confirmed",
        ],
    )
    .ok();
    run(
        db,
        &["person", "edit", "Pavel Felgenhauer", "--email", EMAIL],
    )
    .ok();
}

fn without_exported_at(json: &str) -> Value {
    let mut v: Value = serde_json::from_str(json).unwrap();
    v.as_object_mut().unwrap().remove("exportedAt");
    v
}

#[test]
fn an_archive_goes_through_export_and_import_unchanged() {
    let (dir, a) = temp_db();
    seeded(&a);
    let file = dir.path().join("archive.json");
    let file_arg = file.to_str().unwrap();
    let wrote = run(
        &a,
        &["archive", "export", "--out", file_arg, "--include-contacts"],
    );
    assert!(
        wrote.stderr.contains("6 people, 2 programmes"),
        "{}",
        wrote.stderr
    );
    wrote.ok();
    let exported = std::fs::read_to_string(&file).unwrap();
    assert!(exported.contains(EMAIL));

    let b = dir.path().join("other.db");
    let out = run(&b, &["archive", "import", file_arg]).ok();
    assert!(
        out.contains("people: 6 created, 0 updated, 0 unchanged"),
        "{out}"
    );
    assert!(out.contains("programmes: 2 created"), "{out}");
    let again = run(
        &b,
        &["archive", "export", "--out", "-", "--include-contacts"],
    )
    .ok();
    assert_eq!(without_exported_at(&exported), without_exported_at(&again));

    // A second import changes nothing; --json is the report.
    let report = run(&b, &["archive", "import", file_arg, "--json"]).json();
    assert_eq!(report["created"]["programmes"], 0);
    assert_eq!(report["updated"]["people"], 0);
    assert_eq!(report["unchanged"]["people"], 6);
    assert_eq!(report["unchanged"]["programmes"], 2);
    assert_eq!(report["failed"], Value::Array(vec![]));

    // Contacts only when asked for.
    let plain = run(&a, &["archive", "export", "--out", "-"]).ok();
    assert!(!plain.contains(EMAIL));
    assert!(plain.contains("\"includesContacts\": false"));
}

#[test]
fn import_reports_bad_records_and_refuses_bad_files() {
    let (dir, db) = temp_db();
    seeded(&db);
    let file = dir.path().join("archive.json");
    let mut doc: Value =
        serde_json::from_str(&run(&db, &["archive", "export", "--out", "-"]).ok()).unwrap();
    // The second programme (no segments): its guest is nobody known.
    doc["programmes"][1]["appearances"][1]["personId"] =
        "00000000-0000-0000-0000-000000000099".into();
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    let other = dir.path().join("other.db");
    let r = run(&other, &["archive", "import", file.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r
        .stderr
        .contains("not imported: programmes[1].appearances[1].personId"));
    assert!(r.stderr.contains("00000000-0000-0000-0000-000000000099"));
    assert!(
        r.stderr.contains("1 of 9 records were not imported"),
        "{}",
        r.stderr
    );
    // The rest did import, and the report says so.
    assert!(r.stdout.contains("programmes: 1 created"), "{}", r.stdout);

    doc["version"] = 7.into();
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    let before = run(&other, &["archive", "export", "--out", "-"]).ok();
    run(&other, &["archive", "import", file.to_str().unwrap()])
        .fails(2, "archive is version 7")
        .fails(2, "versions up to 1");
    let after = run(&other, &["archive", "export", "--out", "-"]).ok();
    assert_eq!(without_exported_at(&before), without_exported_at(&after));

    std::fs::write(&file, "{\"format\": ").unwrap();
    run(&other, &["archive", "import", file.to_str().unwrap()]).fails(2, "line 1 column 11");
    run(&other, &["archive", "import", "/nonexistent/archive.json"]).fails(1, "archive.json");
}

#[test]
fn csv_files_are_written_into_a_folder() {
    let (dir, db) = temp_db();
    seeded(&db);
    let out = dir.path().join("sheets");
    let printed = run(&db, &["archive", "csv", "--out", out.to_str().unwrap()]).ok();
    assert_eq!(printed.lines().count(), 3);
    for (name, header) in [
        ("programmes.csv", "id,series,title,status,air_at_utc,"),
        ("people.csv", "id,name,honorific,affiliation,"),
        (
            "appearances.csv",
            "programme_id,programme_title,air_at_utc,person_id,",
        ),
    ] {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        assert!(
            text.starts_with(&format!("\u{feff}{header}")),
            "{name}: {text}"
        );
        assert!(!text.contains(EMAIL));
    }
    let programmes = std::fs::read_to_string(out.join("programmes.csv")).unwrap();
    assert!(
        programmes.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        "{programmes}"
    );
    run(
        &db,
        &[
            "archive",
            "csv",
            "--out",
            out.to_str().unwrap(),
            "--include-contacts",
        ],
    )
    .ok();
    let people = std::fs::read_to_string(out.join("people.csv")).unwrap();
    assert!(people.contains(",email,phone\r\n") && people.contains(EMAIL));
}

#[test]
fn the_calendar_is_read_back_by_an_ical_reader() {
    let (dir, db) = temp_db();
    seeded(&db);
    let ics = run(&db, &["export-calendar", "--out", "-"]).ok();
    let events = |ics: &str| -> Vec<Vec<(String, String)>> {
        let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
        let calendar = parser.next().unwrap().unwrap();
        calendar
            .events
            .into_iter()
            .map(|e| {
                e.properties
                    .into_iter()
                    .map(|p| (p.name, p.value.unwrap_or_default()))
                    .collect()
            })
            .collect()
    };
    let all = events(&ics);
    assert_eq!(all.len(), 2);
    let first = &all[0];
    let get = |name: &str| {
        first
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap()
    };
    assert_eq!(get("DTSTART"), "20250516T163000Z");
    assert_eq!(get("DTEND"), "20250516T165500Z");
    assert_eq!(get("STATUS"), "CONFIRMED");
    assert_eq!(
        get("SUMMARY"),
        "Inside Story: =HYPERLINK(\"http://x\"\\,\"y\")"
    );
    assert!(get("DESCRIPTION")
        .contains("Guest: Pavel Felgenhauer – Independent defence analyst\\, Moscow"));
    assert!(get("DESCRIPTION").contains("1. Why now\\; and who pays?"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
    }

    let file = dir.path().join("shows.ics");
    run(
        &db,
        &[
            "export-calendar",
            "--out",
            file.to_str().unwrap(),
            "--from",
            "2025-06-01",
            "--to",
            "2025-06-30",
        ],
    )
    .ok();
    assert_eq!(events(&std::fs::read_to_string(&file).unwrap()).len(), 1);
    run(&db, &["export-calendar", "--out", "-", "--from", "1 June"]).fails(2, "not a date");
}

#[test]
fn an_endless_standard_input_is_refused_at_the_limit() {
    let (_d, db) = temp_db();
    // Room for the limit's 256 MB twice over (the buffer doubles as it grows), not more.
    super::run_on_endless_input(&db, &["archive", "import", "-"], 2048).fails(
        2,
        "standard input is too long: larger than 256 MB, the most an archive can be",
    );
}

/// The case through the binary: an archive from a machine whose clock runs far
/// ahead (or behind), a programme edited here, the same file again: the edit stays.
#[test]
fn importing_the_same_file_again_keeps_an_edit_made_here_whatever_the_clocks() {
    for stamp in ["2999-12-31T00:00:00Z", "1971-01-01T00:00:00Z"] {
        let (dir, a) = temp_db();
        seeded(&a);
        let mut doc: Value =
            serde_json::from_str(&run(&a, &["archive", "export", "--out", "-"]).ok()).unwrap();
        for p in doc["programmes"].as_array_mut().unwrap() {
            p["createdAt"] = stamp.into();
            p["updatedAt"] = stamp.into();
        }
        let id = doc["programmes"][0]["id"].as_str().unwrap().to_string();
        let file = dir.path().join("archive.json");
        std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
        let b = dir.path().join("b.db");
        run(&b, &["archive", "import", file.to_str().unwrap()]).ok();
        run(&b, &["programme", "edit", &id, "--title", "Edited here"]).ok();
        let again = run(&b, &["archive", "import", file.to_str().unwrap()]);
        assert!(
            again.stderr.contains("already had and has changed since"),
            "{}",
            again.stderr
        );
        let out = again.ok();
        assert!(
            out.contains("programmes: 0 created, 0 updated, 2 unchanged"),
            "stamps {stamp}: {out}"
        );
        let shown = run(&b, &["programme", "show", &id, "--json"]).json();
        assert_eq!(shown["title"], "Edited here", "stamps {stamp}");
    }
}
