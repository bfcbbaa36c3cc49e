//! `src/history.rs`: a guest's history and the next booking via the CLI, and the
//! booking warnings and name matching `programme add` applies to the same guests.

use super::{book, run, temp_db};

#[test]
fn guest_history_lists_appearances_newest_first_with_co_panelists() {
    let (_d, db) = temp_db();
    book(
        &db,
        "First",
        "2025-01-10T19:30:00Z",
        &["Anatol Lieven – King's College", "Peter Zalmayev – EDI"],
    );
    book(
        &db,
        "Second",
        "2025-03-02T19:30:00Z",
        &["anatol lieven – Quincy Institute"],
    );
    let h = run(&db, &["guest", "history", "Anatol Lieven", "--json"]).json();
    assert_eq!(h["person"]["name"], "Anatol Lieven");
    let apps = h["appearances"].as_array().unwrap();
    assert_eq!(apps.len(), 2);
    assert_eq!(apps[0]["title"], "Second");
    assert_eq!(apps[0]["affiliation"], "Quincy Institute");
    assert_eq!(
        apps[1]["coPanelists"],
        serde_json::json!(["Peter Zalmayev"])
    );
    assert_eq!(apps[1]["role"], "guest");
    assert!(apps[0]["programmeId"].is_string() && apps[0]["airAt"].is_string());
    assert_eq!(apps[0]["series"], serde_json::Value::Null);
    let id = h["person"]["id"].as_str().unwrap().to_string();
    let by_id = run(&db, &["guest", "history", &id]).ok();
    assert!(by_id.contains("Anatol Lieven — 2 appearances"), "{by_id}");
    run(&db, &["guest", "history", "Nobody"]).fails(4, "no person");
    let list = run(&db, &["guest", "list", "--json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["name"], "Anatol Lieven");
    assert_eq!(list[0]["appearances"], 2);
}

#[test]
fn booking_a_guest_again_too_soon_warns_but_saves() {
    let (_d, db) = temp_db();
    book(
        &db,
        "First",
        "2025-05-20T19:30:00Z",
        &["Anatol Lieven – Quincy"],
    );
    let out = super::greenroom()
        .arg("--db")
        .arg(&db)
        .args([
            "programme",
            "add",
            "--title",
            "Again",
            "--air",
            "2025-05-25T19:30:00Z",
            "--guest",
            "Anatol Lieven – Quincy",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: Anatol Lieven was on 5 days earlier, on 20 May 2025 (First)"),
        "{stderr}"
    );
    assert_eq!(
        run(&db, &["programme", "list", "--json"])
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    run(&db, &["settings", "set", "warn.recent-days", "3"]).ok();
    assert_eq!(
        run(&db, &["settings", "show", "--json"]).json()["recentDays"],
        3
    );
    run(&db, &["settings", "set", "warn.recent-days", "lots"]).fails(2, "whole number");
}

/// Issue 11, item 25: a planned programme is the next booking, never an appearance,
/// in `guest list` and `guest history` alike.
#[test]
fn a_planned_programme_is_the_next_booking_not_an_appearance() {
    let (_d, db) = temp_db();
    book(
        &db,
        "Aired",
        "2025-05-20T19:30:00Z",
        &["Anatol Lieven – Quincy"],
    );
    for (title, air, status) in [
        ("Planned", "2099-12-09T19:30:00Z", "planned"),
        ("Cancelled", "2025-06-20T19:30:00Z", "cancelled"),
    ] {
        run(
            &db,
            &[
                "programme",
                "add",
                "--title",
                title,
                "--air",
                air,
                "--status",
                status,
                "--guest",
                "Anatol Lieven – Somewhere New",
            ],
        )
        .ok();
    }
    let list = run(&db, &["guest", "list", "--json"]).json();
    assert_eq!(list[0]["appearances"], 1, "{list}");
    assert_eq!(list[0]["lastAirAt"], "2025-05-20T19:30:00Z");
    assert_eq!(list[0]["next"]["airAt"], "2099-12-09T19:30:00Z");
    assert_eq!(list[0]["next"]["status"], "planned");
    let text = run(&db, &["guest", "list"]).ok();
    assert!(
        text.contains("(1 ×, last 2025-05-20, next 2099-12-09 (planned))"),
        "{text}"
    );
    let h = run(&db, &["guest", "history", "Anatol Lieven"]).ok();
    assert!(h.contains("Anatol Lieven — 1 appearance,"), "{h}");
    assert!(h.contains("upcoming: 1, next 2099-12-09 (planned)"), "{h}");
    assert!(h.contains("last billed as Quincy"), "{h}");
}

/// Issue 11, item 27: a guest typed without the directory's accents is refused as a
/// possible duplicate (exit 5, the near match listed) until named as the directory
/// does, or confirmed new with --new-person.
#[test]
fn a_near_match_is_refused_until_named_exactly_or_confirmed_new() {
    let (_d, db) = temp_db();
    book(
        &db,
        "First",
        "2025-05-20T19:30:00Z",
        &["Tarık Oğuzlu – Bilkent"],
    );
    let add = |guest: &str, extra: &[&str]| {
        let mut args = vec!["programme", "add", "--title", "Again", "--guest", guest];
        args.extend_from_slice(extra);
        run(&db, &args)
    };
    let refused = add("Tarik Oguzlu – Bilkent", &[]).fails(5, "Tarık Oğuzlu – Bilkent");
    assert!(
        refused.stderr.contains("same person?"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("\"Tarik Oguzlu\""),
        "{}",
        refused.stderr
    );
    let people = || {
        run(&db, &["person", "list", "--json"])
            .json()
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(people(), 1, "nothing was added");
    add("Tarık Oğuzlu – Bilkent", &[]).ok();
    assert_eq!(people(), 1);
    add("Tarik Oguzlu – Ankara", &["--new-person", "Tarik Oguzlu"]).ok();
    assert_eq!(people(), 2, "confirmed as someone new");
}
