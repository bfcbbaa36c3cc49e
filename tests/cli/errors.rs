//! Bad input: a clear message on stderr, a non-zero exit, and nothing changed.

use std::fs;

use super::{run, temp_db};

#[test]
fn an_empty_title_is_refused() {
    let (_d, db) = temp_db();
    run(&db, &["programme", "add", "--title", "  "]).fails(2, "title: is required");
    assert_eq!(
        run(&db, &["programme", "list", "--json"]).json(),
        serde_json::json!([])
    );
}

#[test]
fn an_oversized_title_is_refused_quickly() {
    let (_d, db) = temp_db();
    // One argument can hold at most 128 KiB on Linux; the core is tested with 1 MiB.
    let title = "é".repeat(60_000);
    run(&db, &["programme", "add", "--title", &title]).fails(2, "at most 500");
}

#[test]
fn control_characters_in_names_are_refused_and_rtl_names_kept() {
    let (_d, db) = temp_db();
    run(
        &db,
        &[
            "programme",
            "add",
            "--title",
            "T",
            "--guest",
            "Bad\u{1b}[2JName – X",
        ],
    )
    .fails(2, "control character (U+001B)");
    let id = run(
        &db,
        &[
            "programme",
            "add",
            "--title",
            "T",
            "--guest",
            "هناء المصري – جامعة القاهرة",
        ],
    )
    .ok();
    let p = run(&db, &["programme", "show", id.trim(), "--json"]).json();
    assert_eq!(p["guests"][0]["name"], "هناء المصري");
    assert_eq!(p["guests"][0]["affiliation"], "جامعة القاهرة");
}

#[test]
fn unparseable_air_times_slots_zones_and_statuses_are_refused() {
    let (_d, db) = temp_db();
    for (flag, value, says) in [
        ("--air", "next friday", "not a date and time"),
        ("--air", "2025-02-30T10:00", "not a date and time"),
        ("--slot", "abc", "not a duration"),
        ("--slot", "0", "not a duration"),
        ("--slot", "0s", "longer than zero"),
        ("--tz", "Qatar/Doha", "not an IANA time zone"),
        ("--status", "maybe", "not a status"),
    ] {
        run(&db, &["programme", "add", "--title", "T", flag, value]).fails(2, says);
    }
    run(&db, &["programme", "show", "not-an-id"]).fails(2, "not a programme id");
}

#[test]
fn a_db_in_a_missing_folder_is_a_clear_error() {
    let (dir, _) = temp_db();
    let db = dir.path().join("missing/greenroom.db");
    run(&db, &["programme", "list"]).fails(1, "does not exist");
    assert!(!dir.path().join("missing").exists());
}

#[test]
fn an_empty_db_path_is_refused_rather_than_a_throwaway_database() {
    run(
        std::path::Path::new(""),
        &["programme", "add", "--title", "T"],
    )
    .fails(2, "a value is required for '--db <PATH>'");
}

#[test]
fn a_db_in_a_read_only_folder_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _) = temp_db();
    let ro = dir.path().join("read-only");
    fs::create_dir(&ro).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permission bits; /proc refuses new files to everyone.
    let db = if fs::write(ro.join("probe"), b"").is_ok() {
        std::path::PathBuf::from("/proc/greenroom-cli-test.db")
    } else {
        ro.join("greenroom.db")
    };
    run(&db, &["programme", "add", "--title", "T"]).fails(1, "cannot open the database");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_db_that_is_not_sqlite_is_refused_and_unchanged() {
    let (_d, db) = temp_db();
    let bytes = b"%PDF-1.7 definitely not a database".repeat(200);
    fs::write(&db, &bytes).unwrap();
    run(&db, &["programme", "add", "--title", "T"]).fails(1, "not a Greenroom database");
    assert_eq!(fs::read(&db).unwrap(), bytes);
}

#[test]
fn a_db_from_a_newer_greenroom_is_refused_and_unchanged() {
    let (_d, db) = temp_db();
    run(&db, &["programme", "add", "--title", "T"]).ok();
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let before = fs::read(&db).unwrap();
    run(&db, &["programme", "list"]).fails(1, "newer Greenroom");
    assert_eq!(fs::read(&db).unwrap(), before);
}
