//! `programme history` and `programme show --as-of` (`src/revisions.rs`,
//! `src/programme.rs`): every save a revision with its author, each shown as it was.

use super::{greenroom, run, temp_db};

#[test]
fn history_lists_each_save_with_its_author_and_as_of_shows_it_as_it_was() {
    let (_d, db) = temp_db();
    let id = greenroom()
        .args(["--author", "Dareen Abughaida", "--db"])
        .arg(&db)
        .args([
            "programme",
            "add",
            "--title",
            "How to achieve a lasting ceasefire?",
            "--guest",
            "Anatol Lieven – Quincy Institute",
            "--slot",
            "25m",
        ])
        .output()
        .unwrap();
    let id = String::from_utf8(id.stdout).unwrap().trim().to_string();
    let first = run(&db, &["programme", "show", &id, "--json"]).json();
    run(&db, &["settings", "set", "author.name", "Sami Zeidan"]).ok();
    run(
        &db,
        &[
            "programme",
            "edit",
            &id,
            "--slot",
            "30m",
            "--title",
            "Can it hold?",
        ],
    )
    .ok();

    let history = run(&db, &["programme", "history", &id, "--json"]).json();
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["revision"], 2);
    assert_eq!(history[0]["operation"], "update");
    assert_eq!(history[0]["author"], "Sami Zeidan");
    assert_eq!(history[1]["author"], "Dareen Abughaida");
    assert_eq!(history[1]["operation"], "create");
    let changes = &history[0]["changes"];
    assert_eq!(changes[0]["field"], "slotSeconds");
    assert_eq!(
        (changes[0]["from"].clone(), changes[0]["to"].clone()),
        (1500.into(), 1800.into())
    );
    assert_eq!(changes[1]["to"], "Can it hold?");

    assert_eq!(
        run(&db, &["programme", "show", &id, "--as-of", "1", "--json"]).json(),
        first
    );
    let text = run(&db, &["programme", "history", &id]).ok();
    assert!(
        text.contains("revision 2  update  by Sami Zeidan")
            && text.contains("  Title 'How to achieve a lasting ceasefire?' → 'Can it hold?'")
            && text.contains("  Slot 25:00 → 30:00")
            && text.contains("revision 1  create  by Dareen Abughaida"),
        "{text}"
    );
    run(&db, &["programme", "show", &id, "--as-of", "3"]).fails(4, "no revision");
    run(
        &db,
        &[
            "programme",
            "history",
            "0190a0a0-0000-7000-8000-000000000000",
        ],
    )
    .fails(4, "no programme");
    run(&db, &["--author", " ", "programme", "delete", &id]).fails(2, "author");
}

#[test]
fn restore_brings_a_revision_back_as_a_new_one_and_keeps_its_contract() {
    let (_d, db) = temp_db();
    let id = run(
        &db,
        &["programme", "add", "--title", "First", "--slot", "25m"],
    )
    .ok();
    let id = id.trim();
    run(
        &db,
        &["programme", "edit", id, "--title", "Second", "--no-slot"],
    )
    .ok();
    run(
        &db,
        &["programme", "restore", id, "--to", "1", "--revision", "1"],
    )
    .fails(3, "changed elsewhere");
    run(&db, &["programme", "restore", id, "--to", "9"]).fails(4, "no revision");
    let out = run(
        &db,
        &["programme", "restore", id, "--to", "1", "--revision", "2"],
    )
    .ok();
    assert_eq!(out.trim(), format!("{id} revision 3"));
    let now = run(&db, &["programme", "show", id, "--json"]).json();
    assert_eq!(
        (now["title"].as_str(), now["slotSeconds"].as_u64()),
        (Some("First"), Some(1500))
    );
    let history = run(&db, &["programme", "history", id, "--json"]).json();
    assert_eq!(history[0]["operation"], "restore");
    assert_eq!(history[1]["changes"][1]["to"], "Second", "{history}");
}

#[test]
fn a_deleted_programme_comes_back_from_the_trash_and_the_trash_empties() {
    let (_d, db) = temp_db();
    let add = |title: &str| {
        run(
            &db,
            &[
                "programme",
                "add",
                "--title",
                title,
                "--guest",
                "Anatol Lieven – Quincy Institute",
            ],
        )
        .ok()
        .trim()
        .to_string()
    };
    let (kept, gone) = (add("Can the ceasefire hold?"), add("Who pays for the war?"));
    let before = run(&db, &["programme", "show", &kept, "--json"]).json();
    assert_eq!(
        run(&db, &["trash", "list"]).ok().trim(),
        "the trash is empty"
    );
    let said = run(&db, &["programme", "delete", &kept]).ok();
    assert!(said.contains(&format!("trash restore {kept}")), "{said}");
    run(&db, &["programme", "delete", &gone]).ok();
    let trash = run(&db, &["trash", "list", "--json"]).json();
    let ids: Vec<&str> = trash
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&kept.as_str()) && ids.contains(&gone.as_str()));
    assert_eq!(trash[0]["kind"], "programme");
    assert!(run(&db, &["trash", "list"])
        .ok()
        .contains("Who pays for the war?"));

    let said = run(&db, &["trash", "restore", &kept]).ok();
    assert!(said.contains("restored programme"), "{said}");
    let mut after = run(&db, &["programme", "show", &kept, "--json"]).json();
    assert_eq!(after["revision"], 3, "created, deleted, restored");
    // Only the revision and the time of the save differ.
    after["revision"] = before["revision"].clone();
    after["updatedAt"] = before["updatedAt"].clone();
    assert_eq!(after, before, "exactly what was deleted");
    let history = run(&db, &["programme", "history", &kept, "--json"]).json();
    let ops: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["operation"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["restore", "delete", "create"]);
    run(&db, &["trash", "restore", &kept]).fails(4, "trash entry");

    // Recent entries stay when only older ones are emptied.
    assert!(run(&db, &["trash", "empty", "--older-than", "1"])
        .ok()
        .contains("emptied 0"));
    assert!(run(&db, &["trash", "empty"])
        .ok()
        .contains("emptied 1 entry"));
    assert_eq!(
        run(&db, &["trash", "list"]).ok().trim(),
        "the trash is empty"
    );
    run(&db, &["trash", "restore", &gone]).fails(4, "trash entry");
}

#[test]
fn person_history_has_profile_edits_and_merges() {
    let (_d, db) = temp_db();
    for (title, guest) in [("One", "Anatol Lieven"), ("Two", "A. Lieven")] {
        run(
            &db,
            &[
                "programme",
                "add",
                "--title",
                title,
                "--guest",
                guest,
                "--new-person",
                guest,
            ],
        )
        .ok();
    }
    run(
        &db,
        &[
            "person",
            "edit",
            "Anatol Lieven",
            "--affiliation",
            "Quincy Institute",
        ],
    )
    .ok();
    let keep = run(&db, &["person", "show", "Anatol Lieven", "--json"]).json();
    let drop = run(&db, &["person", "show", "A. Lieven", "--json"]).json();
    let (keep_id, drop_id) = (keep["id"].as_str().unwrap(), drop["id"].as_str().unwrap());
    run(&db, &["guest", "merge", keep_id, drop_id]).ok();

    let history = run(&db, &["person", "history", "Anatol Lieven", "--json"]).json();
    let ops: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["operation"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["merge", "update", "create"], "{history}");
    assert_eq!(history[1]["changes"][0]["field"], "affiliation");
    assert_eq!(history[1]["changes"][0]["to"], "Quincy Institute");
    let text = run(&db, &["person", "history", keep_id]).ok();
    assert!(
        text.contains("Affiliation (none) → Quincy Institute"),
        "{text}"
    );

    // The dropped person is in the trash; restoring them undoes the merge.
    let trash = run(&db, &["trash", "list", "--json"]).json();
    assert_eq!(trash[0]["kind"], "person");
    assert_eq!(trash[0]["name"], "A. Lieven");
    let dropped = run(&db, &["person", "history", drop_id, "--json"]).json();
    assert_eq!(dropped[0]["operation"], "merge");
    run(&db, &["trash", "restore", drop_id]).ok();
    assert_eq!(
        run(&db, &["person", "show", drop_id, "--json"]).json()["name"],
        "A. Lieven"
    );
    let history = run(&db, &["person", "history", drop_id, "--json"]).json();
    assert_eq!(history[0]["operation"], "unmerge");
}
