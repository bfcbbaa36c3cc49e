//! `src/dev.rs`: `dev generate`, the reproducible archive for measurements.

use super::{greenroom, run, temp_db};

const SMALL: &[&str] = &[
    "dev",
    "generate",
    "--programmes",
    "60",
    "--people",
    "80",
    "--seed",
    "7",
];

#[test]
fn generate_writes_a_reproducible_archive() {
    let (dir, db) = temp_db();
    let out = run(&db, SMALL).ok();
    assert!(out.contains("60 programmes, 80 people"), "{out}");
    assert!(out.contains("busiest guest"), "{out}");
    let list = run(&db, &["programme", "list", "--json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 60);
    assert!(
        list[0]["guests"].as_array().unwrap().len() >= 3,
        "{}",
        list[0]
    );
    assert!(!run(&db, &["guest", "list", "--json"])
        .json()
        .as_array()
        .unwrap()
        .is_empty());

    // Same options, another file: the same archive, ids and all.
    let again = dir.path().join("again.db");
    run(&again, SMALL).ok();
    assert_eq!(list, run(&again, &["programme", "list", "--json"]).json());
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let (_d, db) = temp_db();
    std::fs::write(&db, b"not mine to overwrite").unwrap();
    run(&db, SMALL).fails(2, "--force");
    assert_eq!(std::fs::read(&db).unwrap(), b"not mine to overwrite");
    let mut forced = SMALL.to_vec();
    forced.push("--force");
    run(&db, &forced).ok();
    assert_eq!(
        run(&db, &["programme", "list", "--json"])
            .json()
            .as_array()
            .unwrap()
            .len(),
        60
    );
}

#[test]
fn bad_sizes_and_the_default_database_are_refused() {
    let (_d, db) = temp_db();
    run(&db, &["dev", "generate", "--people", "3"]).fails(2, "people");
    assert!(!db.exists());
    // No --db: the app's own database, which generating must never touch.
    let home = tempfile::tempdir().unwrap();
    let r: super::Run = greenroom()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .args(SMALL)
        .output()
        .unwrap()
        .into();
    r.fails(2, "--db");
    assert!(!home
        .path()
        .join("app.greenroom.desktop/greenroom.db")
        .exists());
}
