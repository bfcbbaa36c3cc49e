//! The backup taken before a migration: of the file as it was, and only when there
//! is something to migrate.

use std::fs;

use greenroom_core::store::migrate::SCHEMA_VERSION;
use greenroom_core::{store::backup, store::restore, Store};

use super::{backup_titles, block_backups, db_with, temp_db, v1_db};

#[test]
fn opening_a_v1_database_first_backs_it_up_as_the_v1_database_it_was() {
    let (dir, db) = temp_db();
    v1_db(&db);
    let before = fs::read(&db).unwrap();

    let (store, warning) = Store::open_with_backups(&db).unwrap();
    assert!(warning.is_none(), "{warning:?}");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);

    let listed = backup::list(&db).unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    let label = format!("before-v{SCHEMA_VERSION}");
    assert_eq!(listed[0].label.as_deref(), Some(label.as_str()));
    assert!(listed[0].file_name.ends_with(&format!("-{label}.db")));
    assert_eq!(listed[0].path.parent().unwrap(), dir.path().join("backups"));
    // A valid v1 database, with v1's data.
    assert_eq!(restore::check(&listed[0].path).unwrap(), 1);
    assert_eq!(
        backup_titles(&listed[0].path),
        [
            "An undated idea",
            "Is the Gulf ready for a world after oil?"
        ]
    );
    // Page for page what was on disk (the file's change counter and journal-mode
    // bytes are SQLite's own bookkeeping and may differ).
    let copy = fs::read(&listed[0].path).unwrap();
    assert_eq!(copy.len(), before.len());
    assert_eq!(copy[100..], before[100..]);

    drop(store);
    drop(Store::open(&db).unwrap());
    assert_eq!(
        backup::list(&db).unwrap().len(),
        1,
        "migrated once, backed up once"
    );
}

#[test]
fn new_and_current_databases_are_not_backed_up_on_open() {
    let (dir, db) = temp_db();
    db_with(&db, &["Current"]);
    drop(Store::open(&db).unwrap());
    assert!(!dir.path().join("backups").exists());
}

#[test]
fn a_failed_pre_migration_backup_is_a_warning_and_the_database_still_migrates() {
    let (_dir, db) = temp_db();
    v1_db(&db);
    block_backups(&db);
    let (store, warning) = Store::open_with_backups(&db).unwrap();
    let warning = warning.expect("a warning");
    assert_eq!(warning.code(), "backup");
    assert!(warning.to_string().contains("backups"), "{warning}");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.list_programmes(&Default::default()).unwrap().len(), 2);
}
