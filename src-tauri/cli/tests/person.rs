//! `src/person.rs`: the directory record of a person via the CLI.

use super::{book, run, temp_db};

#[test]
fn a_person_record_keeps_contacts_private_unless_asked() {
    let (_d, db) = temp_db();
    book(
        &db,
        "First",
        "2025-05-20T19:30:00Z",
        &["Anatol Lieven – Quincy"],
    );
    run(
        &db,
        &[
            "person",
            "edit",
            "Anatol Lieven",
            "--honorific",
            "Dr",
            "--expertise",
            "Russia",
            "--expertise",
            "NATO",
            "--language",
            "English",
            "--city",
            "Washington",
            "--tz",
            "America/New_York",
            "--email",
            "al@example.org",
            "--phone",
            "+1 555 0100",
        ],
    )
    .ok();
    let shown = run(&db, &["person", "show", "Anatol Lieven", "--json"]).json();
    assert_eq!(shown["honorific"], "Dr");
    assert_eq!(shown["expertise"], serde_json::json!(["Russia", "NATO"]));
    assert_eq!(
        shown["email"],
        serde_json::Value::Null,
        "contacts only with --contacts"
    );
    let with = run(
        &db,
        &["person", "show", "Anatol Lieven", "--json", "--contacts"],
    )
    .json();
    assert_eq!(with["email"], "al@example.org");
    assert_eq!(with["phone"], "+1 555 0100");
    let list = run(&db, &["programme", "list", "--json"]).json();
    let id = list[0]["id"].as_str().unwrap();
    let md = run(&db, &["export", id, "--format", "md", "--out", "-"]).ok();
    assert!(
        !md.contains("al@example.org") && !md.contains("555 0100"),
        "{md}"
    );
    run(
        &db,
        &["person", "edit", "Anatol Lieven", "--tz", "Mars/Base"],
    )
    .fails(2, "baseTimeZone");
}
