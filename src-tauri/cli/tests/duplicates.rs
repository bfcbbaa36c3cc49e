//! `src/duplicates.rs`: `guest duplicates`, `guest merge` and `guest unmerge`.

use super::{run, temp_db};

/// Adds a programme with `guest`, a new person even if their name nearly matches
/// someone in the directory (the duplicates these tests are about).
fn add(db: &std::path::Path, title: &str, guest: &str) -> String {
    let name = guest.split(" – ").next().unwrap();
    run(
        db,
        &[
            "programme",
            "add",
            "--title",
            title,
            "--guest",
            guest,
            "--new-person",
            name,
        ],
    )
    .ok()
    .trim()
    .to_string()
}

#[test]
fn duplicates_are_listed_merged_and_unmerged() {
    let (_d, db) = temp_db();
    add(&db, "One", "Tarık Oğuzlu – Bilkent University");
    let two = add(&db, "Two", "Tarik Oguzlu – Bilkent University");
    add(&db, "Three", "Mohammed Jamjoom – CNN");
    add(&db, "Four", "Mohammed Ali – Analyst");

    let pairs = run(&db, &["guest", "duplicates", "--json"]).json();
    let pairs = pairs.as_array().unwrap();
    assert_eq!(pairs.len(), 1, "{pairs:#?}");
    let pair = &pairs[0];
    let evidence: Vec<&str> = pair["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(
        evidence,
        [
            "same name ignoring accents and case",
            "same affiliation (Bilkent University)",
            "never on the same programme"
        ]
    );
    let keep = pair["keep"]["id"].as_str().unwrap().to_string();
    let drop = pair["drop"]["id"].as_str().unwrap().to_string();
    let text = run(&db, &["guest", "duplicates"]).ok();
    assert!(
        text.contains(&format!("greenroom guest merge {keep} {drop}")),
        "{text}"
    );

    let merge_id = run(&db, &["guest", "merge", &keep, &drop])
        .ok()
        .trim()
        .to_string();
    assert!(merge_id.parse::<i64>().is_ok(), "{merge_id}");
    let shown = run(&db, &["programme", "show", &two, "--json"]).json();
    assert_eq!(shown["guests"][0]["personId"], keep.as_str());
    assert_eq!(
        run(&db, &["guest", "duplicates"]).ok().trim(),
        "No likely duplicates."
    );

    run(&db, &["guest", "unmerge", &merge_id]).ok();
    let shown = run(&db, &["programme", "show", &two, "--json"]).json();
    assert_eq!(shown["guests"][0]["personId"], drop.as_str());
    assert_eq!(shown["guests"][0]["name"], "Tarik Oguzlu");
    run(&db, &["guest", "unmerge", &merge_id]).fails(2, "already been undone");
}

#[test]
fn bad_merges_are_refused_with_clear_errors() {
    let (_d, db) = temp_db();
    add(&db, "One", "Anatol Lieven – Quincy Institute");
    let people = run(&db, &["person", "list", "--json"]).json();
    let id = people[0]["id"].as_str().unwrap().to_string();
    run(&db, &["guest", "merge", &id, &id]).fails(2, "themselves");
    run(&db, &["guest", "merge", &id, "nonsense"]).fails(2, "is not a person id");
    let unknown = "019a0000-0000-7000-8000-000000000000";
    run(&db, &["guest", "merge", &id, unknown]).fails(4, "no person with id");
    run(&db, &["guest", "unmerge", "x"]).fails(2, "is not a merge id");
    run(&db, &["guest", "unmerge", "42"]).fails(4, "no merge with id 42");
}
