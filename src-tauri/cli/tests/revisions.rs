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
            && text.contains("title: How to achieve a lasting ceasefire? → Can it hold?")
            && text.contains("guests: (none) → Anatol Lieven"),
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
