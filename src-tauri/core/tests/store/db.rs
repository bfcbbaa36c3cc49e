//! `store/db.rs`: opening refuses what it must not touch (not SQLite, another
//! application's database, a newer schema, a damaged file) with a clear error and
//! leaves it byte for byte; a missing or unwritable folder is a clear error.

use std::fs;

use greenroom_core::store::migrate::SCHEMA_VERSION;
use greenroom_core::Store;

use super::{corrupt, db_with, names, temp_db, wal};

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let bytes: Vec<u8> = b"These are my show notes, not a database.\n"
        .iter()
        .copied()
        .cycle()
        .take(8192)
        .collect();
    fs::write(&path, &bytes).unwrap();
    let e = Store::open(&path).err().unwrap();
    assert_eq!(e.code(), "not_a_database", "{e}");
    assert!(e.to_string().contains("left untouched"));
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(!dir.path().join("notes.db-wal").exists());
}

#[test]
fn another_applications_sqlite_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices DEFAULT VALUES;",
        )
        .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let e = Store::open(&path).err().unwrap();
    assert_eq!(e.code(), "not_a_database");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    }
    let before = fs::read(&path).unwrap();
    let e = Store::open(&path).err().unwrap();
    assert_eq!(e.code(), "schema_too_new");
    assert!(e.to_string().contains("newer Greenroom"), "{e}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_missing_folder_is_a_clear_error_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/folder/g.db");
    let e = Store::open(&path).err().unwrap();
    assert_eq!(e.code(), "cannot_open");
    assert!(e.to_string().contains("does not exist"), "{e}");
    assert!(!dir.path().join("no").exists());
}

#[test]
fn a_folder_we_cannot_write_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("read-only");
    fs::create_dir(&ro).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permission bits; /proc refuses new files to everyone.
    let target = if fs::write(ro.join("probe"), b"").is_ok() {
        std::path::PathBuf::from("/proc/greenroom-test.db")
    } else {
        ro.join("g.db")
    };
    let e = Store::open(&target).err().unwrap();
    assert_eq!(e.code(), "cannot_open", "{e}");
    assert!(!ro.join("g.db").exists());
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn reopening_keeps_data_and_version() {
    let (_dir, path) = temp_db();
    let id = {
        let mut s = Store::open(&path).unwrap();
        s.create_programme(&super::programme("Kept?")).unwrap().id
    };
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(s.get_programme(id).unwrap().title, "Kept?");
}

#[test]
fn a_damaged_database_is_a_clear_error_and_its_bytes_are_unchanged() {
    let (dir, db) = temp_db();
    db_with(&db, &["One", "Two", "Three"]);
    let damaged = corrupt(&db);

    let e = Store::open(&db).err().expect("refused");
    assert_eq!(e.code(), "corrupt", "{e}");
    let msg = e.to_string();
    assert!(msg.contains(&db.display().to_string()), "{msg}");
    assert!(
        msg.contains("damaged") && msg.contains("malformed"),
        "{msg}"
    );
    let ipc = serde_json::to_value(&e).unwrap();
    assert_eq!(ipc["code"], "corrupt");
    assert_eq!(fs::read(&db).unwrap(), damaged);
    assert!(!wal(&db).exists());
    assert_eq!(names(dir.path()), ["greenroom.db"]);
}

#[test]
fn a_truncated_database_is_corrupt_and_an_empty_file_is_a_new_database() {
    let (dir, db) = temp_db();
    db_with(&db, &["One"]);
    let bytes = fs::read(&db).unwrap();
    let cut = &bytes[..bytes.len() / 2];
    fs::write(&db, cut).unwrap();
    let e = Store::open(&db).err().expect("refused");
    assert_eq!(e.code(), "corrupt", "{e}");
    assert_eq!(fs::read(&db).unwrap(), cut);

    let header_only = dir.path().join("header.db");
    fs::write(&header_only, &bytes[..50]).unwrap();
    let e = Store::open(&header_only).err().expect("refused");
    assert!(
        ["corrupt", "not_a_database"].contains(&e.code()),
        "{}: {e}",
        e.code()
    );
    assert_eq!(fs::read(&header_only).unwrap(), &bytes[..50]);

    let empty = dir.path().join("empty.db");
    fs::write(&empty, b"").unwrap();
    assert!(
        Store::open(&empty).is_ok(),
        "an empty file is a new database"
    );
}
