//! `src/programme.rs`: `programme add|show|list|edit|delete` and the global `--db`.

use super::{greenroom, run, temp_db};

fn add_panel(db: &std::path::Path) -> String {
    let out = run(
        db,
        &[
            "programme",
            "add",
            "--title",
            "How to achieve a lasting ceasefire between Russia and Ukraine?",
            "--series",
            "Inside Story",
            "--presenter",
            "Dareen Abughaida",
            "--guest",
            "Peter Zalmayev – Executive director at Eurasia Democracy Initiative",
            "--guest",
            "Pavel Felgenhauer — Independent defence and Russian foreign policy analyst",
            "--guest",
            "Anatol Lieven - Director of the Eurasia Program at Quincy Institute",
            "--framing",
            "It took three years to get officials in the same room.",
            "--framing",
            "Is President Putin agreeing to further talks to avoid more sanctions?",
            "--air",
            "2025-05-16T19:30:00+03:00",
            "--tz",
            "Asia/Qatar",
            "--slot",
            "25:00",
            "--status",
            "planned",
        ],
    )
    .ok();
    let id = out.trim().to_string();
    assert_eq!(id.len(), 36, "add prints only the id: {out:?}");
    id
}

#[test]
fn add_then_show_json_has_the_documented_shape() {
    let (_d, db) = temp_db();
    let id = add_panel(&db);
    let p = run(&db, &["programme", "show", &id, "--json"]).json();
    assert_eq!(p["id"], id.as_str());
    assert_eq!(p["series"], "Inside Story");
    assert_eq!(
        p["title"],
        "How to achieve a lasting ceasefire between Russia and Ukraine?"
    );
    assert_eq!(p["framing"].as_array().unwrap().len(), 2);
    assert_eq!(p["presenter"]["name"], "Dareen Abughaida");
    assert!(p["presenter"]["id"].is_string());
    let guests = p["guests"].as_array().unwrap();
    let billed: Vec<(&str, &str)> = guests
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap(),
                g["affiliation"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        billed,
        [
            (
                "Peter Zalmayev",
                "Executive director at Eurasia Democracy Initiative"
            ),
            (
                "Pavel Felgenhauer",
                "Independent defence and Russian foreign policy analyst"
            ),
            (
                "Anatol Lieven",
                "Director of the Eurasia Program at Quincy Institute"
            ),
        ]
    );
    assert!(guests[0]["personId"].is_string());
    assert_eq!(p["airAt"], "2025-05-16T16:30:00Z");
    assert_eq!(p["timeZone"], "Asia/Qatar");
    assert_eq!(p["slotSeconds"], 1500);
    assert_eq!(p["status"], "planned");
    assert_eq!(p["revision"], 1);

    let text = run(&db, &["programme", "show", &id]).ok();
    assert!(
        text.contains("Fri 16 May 2025 19:30 +03 (Asia/Qatar)"),
        "{text}"
    );
    assert!(
        text.contains("Pavel Felgenhauer – Independent defence"),
        "{text}"
    );
}

#[test]
fn db_is_global_and_can_come_from_the_environment() {
    let (_d, db) = temp_db();
    let id = add_panel(&db);
    let after = greenroom()
        .args(["programme", "show", &id, "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(after.status.success());
    let env = greenroom()
        .env("GREENROOM_DB", &db)
        .args(["programme", "list", "--json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&env.stdout).unwrap();
    assert_eq!(list[0]["id"], id.as_str());
}

#[test]
fn list_is_newest_first_undated_last_and_limited() {
    let (_d, db) = temp_db();
    for (title, air) in [
        ("undated", None),
        ("2019", Some("2019-03-01T18:00:00Z")),
        ("2024", Some("2024-03-01T18:00:00Z")),
    ] {
        let mut args = vec![
            "programme",
            "add",
            "--title",
            title,
            "--guest",
            "A Guest – X",
        ];
        if let Some(a) = air {
            args.extend(["--air", a]);
        }
        run(&db, &args).ok();
    }
    let list = run(&db, &["programme", "list", "--json"]).json();
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["2024", "2019", "undated"]);
    for key in ["id", "title", "series", "airAt", "status", "guests"] {
        assert!(list[0].get(key).is_some(), "list row lacks {key}");
    }
    assert_eq!(list[0]["guests"], serde_json::json!(["A Guest"]));
    assert_eq!(list[2]["airAt"], serde_json::Value::Null);
    let one = run(&db, &["programme", "list", "--json", "--limit", "1"]).json();
    assert_eq!(one.as_array().unwrap().len(), 1);
    let people = run(&db, &["person", "list", "--json"]).json();
    assert_eq!(
        people.as_array().unwrap().len(),
        1,
        "the same guest was stored twice"
    );
}

#[test]
fn edit_changes_only_what_is_given_and_detects_stale_revisions() {
    let (_d, db) = temp_db();
    let id = add_panel(&db);
    run(
        &db,
        &[
            "programme",
            "edit",
            &id,
            "--status",
            "confirmed",
            "--slot",
            "30m",
        ],
    )
    .ok();
    let p = run(&db, &["programme", "show", &id, "--json"]).json();
    assert_eq!(p["status"], "confirmed");
    assert_eq!(p["slotSeconds"], 1800);
    assert_eq!(p["guests"].as_array().unwrap().len(), 3);
    assert_eq!(p["revision"], 2);

    run(
        &db,
        &[
            "programme",
            "edit",
            &id,
            "--revision",
            "1",
            "--title",
            "Lost update?",
        ],
    )
    .fails(3, "changed elsewhere");
    let p = run(&db, &["programme", "show", &id, "--json"]).json();
    assert_eq!(
        p["title"],
        "How to achieve a lasting ceasefire between Russia and Ukraine?"
    );
    assert_eq!(p["revision"], 2);

    run(
        &db,
        &[
            "programme",
            "edit",
            &id,
            "--guest",
            "peter zalmayev – Now elsewhere",
            "--no-air",
        ],
    )
    .ok();
    let p = run(&db, &["programme", "show", &id, "--json"]).json();
    assert_eq!(p["guests"].as_array().unwrap().len(), 1);
    assert_eq!(p["guests"][0]["affiliation"], "Now elsewhere");
    assert_eq!(p["airAt"], serde_json::Value::Null);
    let people = run(&db, &["person", "list", "--json"]).json();
    assert_eq!(
        people.as_array().unwrap().len(),
        4,
        "an exact name must reuse the person"
    );
}

#[test]
fn delete_removes_the_programme_but_not_its_people() {
    let (_d, db) = temp_db();
    let id = add_panel(&db);
    run(&db, &["programme", "delete", &id]).ok();
    run(&db, &["programme", "show", &id]).fails(4, "no programme");
    assert_eq!(
        run(&db, &["programme", "list", "--json"]).json(),
        serde_json::json!([])
    );
    let people = run(&db, &["person", "list", "--json"]).json();
    let names: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Anatol Lieven",
            "Dareen Abughaida",
            "Pavel Felgenhauer",
            "Peter Zalmayev"
        ]
    );
    assert!(people[0]["id"].is_string() && people[0].get("affiliation").is_some());
}
