//! `src/values.rs`, `src/main.rs` and core `store/db.rs` on bad input and bad
//! databases: bad input: a clear message on stderr, a non-zero exit, and nothing
//! changed.

use std::fs;

use super::{programme_count, run, temp_db};

#[test]
fn an_empty_title_is_refused() {
    let (_d, db) = temp_db();
    run(&db, &["programme", "add", "--title", "  "]).fails(2, "--title");
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
        ("--tz", "Qatar/Doha", "not a time zone"),
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

/// A script with an unset variable (`--guest "$G"`) must not wipe a field: a blank
/// value is refused with the option named, and clearing has its own flag.
#[test]
fn blank_values_are_refused_and_clearing_is_explicit() {
    let (_d, db) = temp_db();
    let id = run(
        &db,
        &[
            "programme",
            "add",
            "--title",
            "T",
            "--series",
            "S",
            "--presenter",
            "Pat Host",
            "--guest",
            "Ann Lee – A",
            "--framing",
            "Q?",
            "--notes",
            "N",
            "--air",
            "2025-05-16T19:30:00Z",
            "--slot",
            "25m",
        ],
    )
    .ok();
    let id = id.trim();
    let before = run(&db, &["programme", "show", id, "--json"]).json();
    for option in [
        "--title",
        "--series",
        "--presenter",
        "--guest",
        "--framing",
        "--air",
        "--tz",
        "--slot",
        "--status",
        "--notes",
    ] {
        for blank in ["", "  "] {
            run(&db, &["programme", "edit", id, option, blank]).fails(2, option);
            run(&db, &["programme", "add", "--title", "U", option, blank]).fails(2, option);
        }
    }
    for nameless in ["– Independent analyst", "– –", "—"] {
        run(&db, &["programme", "edit", id, "--guest", nameless]).fails(2, "has no name");
        run(
            &db,
            &["programme", "add", "--title", "U", "--guest", nameless],
        )
        .fails(2, "has no name");
    }
    for option in ["--kind", "--title", "--duration", "--person", "--notes"] {
        run(
            &db,
            &["segment", "add", id, "--duration", "1m", option, " "],
        )
        .fails(2, option);
    }
    for option in [
        "--name",
        "--honorific",
        "--affiliation",
        "--expertise",
        "--language",
        "--city",
        "--tz",
        "--email",
        "--phone",
        "--notes",
    ] {
        run(&db, &["person", "edit", "Ann Lee", option, ""]).fails(2, option);
    }
    for option in ["--series", "--air", "--tz", "--slot", "--status"] {
        run(&db, &["import", "listing", "-", "--dry-run", option, ""]).fails(2, option);
    }
    assert_eq!(
        run(&db, &["programme", "show", id, "--json"]).json(),
        before
    );
    assert_eq!(programme_count(&db), 1);

    run(
        &db,
        &[
            "programme",
            "edit",
            id,
            "--no-presenter",
            "--clear-guests",
            "--clear-framing",
            "--no-series",
            "--no-notes",
        ],
    )
    .ok();
    let p = run(&db, &["programme", "show", id, "--json"]).json();
    assert!(p["presenter"].is_null() && p["series"].is_null(), "{p}");
    assert_eq!(
        (p["guests"].as_array().unwrap().len(), p["notes"].as_str()),
        (0, Some(""))
    );
    run(
        &db,
        &[
            "person",
            "edit",
            "Ann Lee",
            "--city",
            "Doha",
            "--tz",
            "Asia/Qatar",
        ],
    )
    .ok();
    run(
        &db,
        &[
            "person",
            "edit",
            "Ann Lee",
            "--no-city",
            "--no-tz",
            "--no-affiliation",
        ],
    )
    .ok();
    let a = run(&db, &["person", "show", "Ann Lee", "--json"]).json();
    assert!(
        a["baseCity"].is_null() && a["baseTimeZone"].is_null() && a["affiliation"].is_null(),
        "{a}"
    );
}

#[test]
fn a_gender_needs_its_source_and_a_zone_must_be_one() {
    let (_d, db) = temp_db();
    run(
        &db,
        &["programme", "add", "--title", "T", "--guest", "Ann Lee – A"],
    )
    .ok();
    run(&db, &["person", "edit", "Ann Lee", "--gender", "woman"]).fails(2, "--gender-source");
    run(
        &db,
        &["person", "edit", "Ann Lee", "--gender-source", "self"],
    )
    .fails(2, "--gender");
    run(
        &db,
        &[
            "person",
            "edit",
            "Ann Lee",
            "--gender",
            "woman",
            "--gender-source",
            "self",
        ],
    )
    .ok();
    let a = run(&db, &["person", "show", "Ann Lee", "--json"]).json();
    assert_eq!(
        (a["gender"].as_str(), a["genderSource"].as_str()),
        (Some("woman"), Some("self"))
    );
    run(&db, &["person", "edit", "Ann Lee", "--no-gender"]).ok();
    let a = run(&db, &["person", "show", "Ann Lee", "--json"]).json();
    assert!(a["gender"].is_null() && a["genderSource"].is_null(), "{a}");
    run(&db, &["programme", "add", "--title", "T", "--tz", ""]).fails(2, "--tz");
    run(&db, &["person", "edit", "Ann Lee", "--tz", "UTC+15:00"]).fails(2, "not an offset in use");
}

#[test]
fn a_full_disk_on_standard_output_is_said_in_words() {
    let (_d, db) = temp_db();
    run(&db, &["programme", "add", "--title", "T"]).ok();
    let out = super::greenroom()
        .arg("--db")
        .arg(&db)
        .args(["programme", "list"])
        .stdout(fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot write to standard output: the disk is full"),
        "{stderr}"
    );
    assert!(!stderr.contains("database"), "{stderr}");
}
