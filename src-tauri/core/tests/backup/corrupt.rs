//! A damaged database: a clear `corrupt` error naming the file, which stays as it was.

use std::fs;

use greenroom_core::Store;

use super::{corrupt, db_with, names, temp_db, wal};

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
