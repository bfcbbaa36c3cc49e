//! `exchange/import_archive.rs` on failing storage (`store/access.rs`): an archive
//! import whose storage fails under it: the database file deleted mid-run, the disk
//! full. Neither may look like a success.

use greenroom_core::Store;

use greenroom_testkit::disk;

use super::temp_store;

#[test]
fn an_import_into_a_database_whose_folder_was_deleted_fails_naming_the_file() {
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("shows");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("greenroom.db");
    let mut store = Store::open(&db).unwrap();
    // SQLite goes on writing to the unlinked file without an error.
    std::fs::remove_dir_all(&folder).unwrap();
    let e = store
        .import_archive(&disk::people_archive(20, 10))
        .unwrap_err();
    assert_eq!(e.code(), "vanished", "{e}");
    let message = e.to_string();
    assert!(message.contains(&db.display().to_string()), "{message}");
    assert!(message.contains("deleted or replaced"), "{message}");
}

#[test]
fn a_database_replaced_by_another_file_is_noticed_too() {
    let (dir, db, mut store) = temp_store();
    let other = dir.path().join("other.db");
    drop(Store::open(&other).unwrap());
    std::fs::rename(&other, &db).unwrap();
    assert_eq!(
        store
            .import_archive(&disk::people_archive(1, 1))
            .unwrap_err()
            .code(),
        "vanished"
    );
}

#[test]
fn an_import_stops_at_the_first_full_disk_and_says_what_was_saved() {
    let Some(disk) = disk::SmallDisk::mount("import_full_disk", 1024) else {
        return;
    };
    let db = disk.dir.join("greenroom.db");
    let mut store = Store::open(&db).unwrap();
    disk.fill();
    // Room for some people, not for 2,000 with 2 KB of notes each.
    disk.free(200 * 1024);
    let report = store
        .import_archive(&disk::people_archive(2000, 2000))
        .unwrap();
    let saved = report.created.people;
    assert!(saved > 0 && saved < 2000, "{saved} saved");
    // One stop, at the record after the last one saved; no failure per record.
    assert!(
        report.failed.is_empty(),
        "{:?}",
        &report.failed[..3.min(report.failed.len())]
    );
    let stopped = report.stopped.expect("the import stopped");
    assert!(
        stopped.starts_with(&format!("people[{saved}]: the disk is full")),
        "{stopped}"
    );
    assert!(stopped.contains(&db.display().to_string()), "{stopped}");
    drop(store);
    // What the report counts is what the file holds.
    let (store, _) = Store::open_for_reading(&db).unwrap();
    assert_eq!(store.list_people().unwrap().len(), saved);
}
