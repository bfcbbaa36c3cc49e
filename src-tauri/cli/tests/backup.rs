//! `src/backup.rs`: `backup`, `backup list`, `restore`, and what a damaged database
//! makes the CLI say.

use std::fs;
use std::path::Path;

use super::{run, temp_db};

fn add(db: &Path, title: &str) {
    run(db, &["programme", "add", "--title", title]).ok();
}

fn titles(db: &Path) -> Vec<String> {
    let list = run(db, &["programme", "list", "--json"]).json();
    let mut t: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_string())
        .collect();
    t.sort();
    t
}

/// Garbage over the middle pages of a closed database (the CLI closes it after every
/// command, which checkpoints its WAL): SQLite then reports it malformed.
fn corrupt(db: &Path) -> Vec<u8> {
    let mut bytes = fs::read(db).unwrap();
    let pages = bytes.len() / 4096;
    assert!(pages > 4);
    for (i, b) in bytes[4096 * 2..4096 * (pages - 1)].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(31) ^ 0xA5;
    }
    fs::write(db, &bytes).unwrap();
    bytes
}

#[test]
fn backup_out_writes_a_copy_that_restores() {
    let (dir, db) = temp_db();
    add(&db, "In the backup");
    let out = dir.path().join("copy.db");
    fs::write(&out, b"an older file, replaced whole").unwrap();
    let printed = run(&db, &["backup", "--out", out.to_str().unwrap()]).ok();
    assert_eq!(printed.trim(), out.display().to_string());
    let c = rusqlite::Connection::open_with_flags(&out, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let title: String = c
        .query_row("SELECT title FROM programme", [], |r| r.get(0))
        .unwrap();
    assert_eq!(title, "In the backup");
    drop(c);

    run(&db, &["backup", "--out", db.to_str().unwrap()]).fails(2, "the database itself");
    assert_eq!(titles(&db), ["In the backup"]);
}

#[test]
fn backup_into_the_folder_and_list_it() {
    let (dir, db) = temp_db();
    assert!(run(&db, &["backup", "list"]).ok().contains("no backups in"));
    add(&db, "Programme");
    let path = run(&db, &["backup"]).ok();
    let path = Path::new(path.trim());
    assert_eq!(path.parent().unwrap(), dir.path().join("backups"));
    let list = run(&db, &["backup", "list", "--json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["path"], path.display().to_string());
    assert_eq!(list[0]["ok"], true);
    assert!(list[0]["size"].as_u64().unwrap() > 0);
    assert!(list[0]["takenAt"].as_str().unwrap().ends_with('Z'));
    let text = run(&db, &["backup", "list"]).ok();
    assert!(
        text.contains(&path.display().to_string()) && text.contains("ok"),
        "{text}"
    );

    run(&db, &["settings", "set", "backup.keep", "0"]).fails(2, "from 1 to 1000");
    run(&db, &["settings", "set", "backup.keep", "2"]).ok();
    assert_eq!(
        run(&db, &["settings", "show", "--json"]).json()["backupKeep"],
        2
    );
}

#[test]
fn restore_replaces_the_database_and_keeps_the_old_one() {
    let (dir, db) = temp_db();
    add(&db, "Before");
    let file = dir.path().join("before.db");
    run(&db, &["backup", "--out", file.to_str().unwrap()]).ok();
    add(&db, "After");

    let said = run(&db, &["restore", file.to_str().unwrap()]).ok();
    assert!(said.contains("restored"), "{said}");
    assert!(said.contains("-before-restore.db"), "{said}");
    assert_eq!(titles(&db), ["Before"]);
    let list = run(&db, &["backup", "list", "--json"]).json();
    assert_eq!(list[0]["label"], "before-restore");
    let kept = list[0]["path"].as_str().unwrap();
    let c = rusqlite::Connection::open_with_flags(kept, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM programme", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2, "the kept copy is the database as it was");
}

#[test]
fn restore_refuses_a_file_that_is_not_a_greenroom_database() {
    let (dir, db) = temp_db();
    add(&db, "Live");
    let live = fs::read(&db).unwrap();
    let notes = dir.path().join("notes.db");
    fs::write(&notes, b"just notes\n".repeat(1000)).unwrap();
    run(&db, &["restore", notes.to_str().unwrap()]).fails(1, "not a Greenroom database");
    assert_eq!(fs::read(&db).unwrap(), live);
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn a_damaged_database_says_where_the_newest_good_backup_is_and_how_to_restore_it() {
    let (dir, db) = temp_db();
    add(&db, "Safe in the backup");
    let backup = run(&db, &["backup"]).ok();
    let backup = backup.trim();
    add(&db, "Lost with the damage");
    let damaged = corrupt(&db);

    let r = run(&db, &["programme", "list"]).fails(1, "is damaged");
    assert!(r.stderr.contains(&db.display().to_string()), "{}", r.stderr);
    assert!(
        r.stderr
            .contains(&format!("The newest good backup is {backup}")),
        "{}",
        r.stderr
    );
    let command = format!("greenroom --db {} restore {backup}", db.display());
    assert!(r.stderr.contains(&command), "{}", r.stderr);
    assert_eq!(
        fs::read(&db).unwrap(),
        damaged,
        "the damaged file is left as it was"
    );

    // The command it suggests works, and keeps the damaged file byte for byte.
    let said = run(&db, &["restore", backup]).ok();
    assert_eq!(titles(&db), ["Safe in the backup"]);
    let kept = said
        .lines()
        .find_map(|l| l.strip_prefix("the database it replaced was kept as "))
        .unwrap();
    assert_eq!(fs::read(kept).unwrap(), damaged);
    assert!(Path::new(kept).starts_with(dir.path().join("backups")));
}

#[test]
fn a_damaged_database_without_backups_says_so() {
    let (_dir, db) = temp_db();
    add(&db, "One");
    add(&db, "Two");
    corrupt(&db);
    run(&db, &["programme", "list"]).fails(1, "No good backup was found");
}

/// The recovery hint is for a damaged database only: restoring a damaged backup over a
/// healthy database must not suggest replacing it with an older backup.
#[test]
fn a_damaged_file_to_restore_is_refused_without_the_recovery_hint() {
    let (dir, db) = temp_db();
    add(&db, "Older, in the backup");
    run(&db, &["backup"]).ok();
    add(&db, "Newer, only in the database");
    add(&db, "And more");
    let damaged = dir.path().join("damaged.db");
    run(&db, &["backup", "--out", damaged.to_str().unwrap()]).ok();
    corrupt(&damaged);
    let live = fs::read(&db).unwrap();

    let r = run(&db, &["restore", damaged.to_str().unwrap()]).fails(1, "is damaged");
    assert!(
        r.stderr.contains(&damaged.display().to_string()),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("newest good backup"), "{}", r.stderr);
    assert!(!r.stderr.contains("restore "), "{}", r.stderr);
    assert_eq!(fs::read(&db).unwrap(), live);
}
