//! `store/restore.rs`: restoring is refused (with the live database untouched) unless
//! the file is a sound Greenroom database this binary can open; otherwise the old one
//! is kept first.

use std::fs;
use std::path::Path;

use greenroom_core::store::migrate::SCHEMA_VERSION;
use greenroom_core::{store::backup, store::restore, Store};

use super::{backup_titles, corrupt, db_with, names, temp_db, titles, v1_db, wal};

/// A backup file of a database holding `titles`, outside the backups folder.
fn backup_file(dir: &Path, titles: &[&str]) -> std::path::PathBuf {
    let src = dir.join("source.db");
    db_with(&src, titles);
    let out = dir.join("backup-to-restore.db");
    Store::open(&src).unwrap().backup_to(&out).unwrap();
    fs::remove_file(&src).unwrap();
    out
}

#[test]
fn a_restore_replaces_the_database_and_keeps_the_one_it_replaced() {
    let (dir, db) = temp_db();
    let file = backup_file(dir.path(), &["From the backup"]);
    db_with(&db, &["Live, about to be replaced"]);

    let done = restore::restore(&db, &file).unwrap();
    assert_eq!(done.schema_version, SCHEMA_VERSION);
    let kept = done.kept.expect("a copy of the replaced database");
    assert!(kept
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .ends_with("-before-restore.db"));
    assert_eq!(kept.parent().unwrap(), dir.path().join("backups"));
    assert_eq!(backup_titles(&kept), ["Live, about to be replaced"]);
    assert_eq!(titles(&db), ["From the backup"]);
    assert_eq!(
        backup_titles(&file),
        ["From the backup"],
        "the file restored from is unchanged"
    );
    // No temporary files left beside the database.
    assert!(
        names(dir.path()).iter().all(|n| !n.starts_with('.')),
        "{:?}",
        names(dir.path())
    );
}

#[test]
fn a_window_open_on_the_database_sees_the_restored_data() {
    let (dir, db) = temp_db();
    let file = backup_file(dir.path(), &["Restored"]);
    db_with(&db, &["Before"]);
    let open = Store::open(&db).unwrap();
    restore::restore(&db, &file).unwrap();
    let seen: Vec<String> = open
        .list_programmes(&Default::default())
        .unwrap()
        .into_iter()
        .map(|p| p.title)
        .collect();
    assert_eq!(seen, ["Restored"]);
}

#[test]
fn a_restore_over_a_corrupt_database_keeps_its_exact_bytes() {
    let (dir, db) = temp_db();
    let file = backup_file(dir.path(), &["Good"]);
    db_with(&db, &["Damaged", "Also damaged", "And this"]);
    let damaged = corrupt(&db);
    // A stale WAL of the damaged file must not be replayed onto the restored one.
    fs::write(wal(&db), b"stale frames of the damaged file").unwrap();

    let done = restore::restore(&db, &file).unwrap();
    let kept = done.kept.unwrap();
    assert_eq!(fs::read(&kept).unwrap(), damaged);
    assert_eq!(
        fs::read(wal(&kept)).unwrap(),
        b"stale frames of the damaged file"
    );
    assert_eq!(titles(&db), ["Good"]);
    assert!(restore::check(&kept).is_err());
}

#[test]
fn a_restore_into_a_missing_database_keeps_nothing() {
    let (dir, db) = temp_db();
    let file = backup_file(dir.path(), &["Only"]);
    let done = restore::restore(&db, &file).unwrap();
    assert_eq!(done.kept, None);
    assert_eq!(titles(&db), ["Only"]);
}

#[test]
fn an_older_backup_is_restored_and_migrated_when_next_opened() {
    let (dir, db) = temp_db();
    let file = dir.path().join("v1.db");
    v1_db(&file);
    db_with(&db, &["Current"]);
    assert_eq!(restore::restore(&db, &file).unwrap().schema_version, 1);
    let (store, warning) = Store::open_with_backups(&db).unwrap();
    assert!(warning.is_none());
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.list_programmes(&Default::default()).unwrap().len(), 2);
}

#[test]
fn unusable_files_are_refused_and_the_database_is_left_byte_for_byte() {
    let (dir, db) = temp_db();
    db_with(&db, &["Live"]);
    let live = fs::read(&db).unwrap();

    let not_sqlite = dir.path().join("notes.db");
    fs::write(&not_sqlite, b"These are my notes.\n".repeat(500)).unwrap();

    let foreign = dir.path().join("invoices.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch(
            "CREATE TABLE invoice (id INTEGER PRIMARY KEY); INSERT INTO invoice DEFAULT VALUES;",
        )
        .unwrap();

    let empty_sqlite = dir.path().join("empty.db");
    rusqlite::Connection::open(&empty_sqlite)
        .unwrap()
        .pragma_update(None, "user_version", 0)
        .unwrap();

    let newer = dir.path().join("newer.db");
    db_with(&newer, &["From the future"]);
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }

    let damaged = dir.path().join("damaged.db");
    db_with(&damaged, &["A", "B", "C"]);
    corrupt(&damaged);

    for (file, code) in [
        (&not_sqlite, "not_a_database"),
        (&foreign, "not_a_database"),
        (&empty_sqlite, "not_a_database"),
        (&newer, "schema_too_new"),
        (&damaged, "corrupt"),
        (&dir.path().join("missing.db"), "cannot_open"),
        (&db, "validation"),
    ] {
        let e = restore::restore(&db, file).unwrap_err();
        assert_eq!(e.code(), code, "{}: {e}", file.display());
        assert_eq!(fs::read(&db).unwrap(), live, "{}", file.display());
    }
    assert!(
        backup::list(&db).unwrap().is_empty(),
        "nothing was replaced, so nothing kept"
    );
    // Checking opened each file read-only: no temporary, -wal or -shm was left anywhere.
    assert_eq!(
        names(dir.path()),
        [
            "damaged.db",
            "empty.db",
            "greenroom.db",
            "invoices.db",
            "newer.db",
            "notes.db"
        ]
    );
}

#[test]
fn the_newest_good_backup_skips_damaged_ones() {
    let (dir, db) = temp_db();
    db_with(&db, &["Programme"]);
    let store = Store::open(&db).unwrap();
    let good = store.backup_now().unwrap();
    let folder = dir.path().join("backups");
    // Newer by name, but damaged.
    let bad = folder.join("greenroom-29990101T000000Z.db");
    fs::copy(&good, &bad).unwrap();
    corrupt(&bad);
    let newest = restore::newest_good(&db).unwrap().unwrap();
    assert_eq!(newest.path, good);
    assert_eq!(backup::list(&db).unwrap()[0].path, bad);
}

#[test]
fn no_restore_without_a_copy_of_what_it_replaces() {
    let (dir, db) = temp_db();
    let file = backup_file(dir.path(), &["Backup"]);
    db_with(&db, &["Live"]);
    let live = fs::read(&db).unwrap();
    super::block_backups(&db);
    let e = restore::restore(&db, &file).unwrap_err();
    assert_eq!(e.code(), "backup", "{e}");
    assert_eq!(fs::read(&db).unwrap(), live);

    db_with(&db, &["Damaged", "too"]);
    let damaged = corrupt(&db);
    let e = restore::restore(&db, &file).unwrap_err();
    assert_eq!(e.code(), "backup", "{e}");
    assert!(e.to_string().contains("not replaced"), "{e}");
    assert_eq!(fs::read(&db).unwrap(), damaged);
}

/// A restore that cannot take the database's write lock (another process is writing)
/// fails as busy and leaves neither a changed database nor a new copy behind.
#[test]
fn a_busy_restore_leaves_no_copy_behind() {
    let (dir, db) = temp_db();
    let file = backup_file(dir.path(), &["From the backup"]);
    db_with(&db, &["Live"]);
    let writer = rusqlite::Connection::open(&db).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; UPDATE programme SET title = 'Being edited';")
        .unwrap();

    let e = restore::restore(&db, &file).unwrap_err();
    assert_eq!(e.code(), "busy", "{e}");
    writer.execute_batch("ROLLBACK").unwrap();
    drop(writer);
    assert_eq!(titles(&db), ["Live"]);
    assert!(
        backup::list(&db).unwrap().is_empty(),
        "{:?}",
        names(&dir.path().join("backups"))
    );
}
