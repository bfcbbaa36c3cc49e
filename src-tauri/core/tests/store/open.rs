use std::fs;

use greenroom_core::store::migrate::SCHEMA_VERSION;
use greenroom_core::Store;

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
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.db");
    let id = {
        let mut s = Store::open(&path).unwrap();
        s.create_programme(&super::programme("Kept?")).unwrap().id
    };
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(s.get_programme(id).unwrap().title, "Kept?");
}
