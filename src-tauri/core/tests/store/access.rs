//! `store/access.rs`: reading a database that cannot be written — a read-only folder or
//! file, a full disk — and writing to one that can no longer be: with real file systems
//! (see `greenroom_testkit::disk`).

use greenroom_core::Store;

use super::{person, programme};
use greenroom_testkit::disk::{files_in, temp_dir_on_disk, Immutable, SmallDisk};

const TARGET_TMP: &str = env!("CARGO_TARGET_TMPDIR");

#[test]
fn a_read_only_folder_is_read_without_writing_anything() {
    let dir = temp_dir_on_disk(TARGET_TMP);
    let db = dir.path().join("g.db");
    let id = Store::open(&db)
        .unwrap()
        .create_programme(&programme("Kept"))
        .unwrap()
        .id;
    assert_eq!(files_in(dir.path()), ["g.db"]);
    let Some(_locked) = Immutable::set("read_only_folder", dir.path()) else {
        return;
    };
    let (store, _) = Store::open_for_reading(&db).unwrap();
    assert_eq!(store.get_programme(id).unwrap().title, "Kept");
    assert_eq!(store.list_programmes(&Default::default()).unwrap().len(), 1);
    drop(store);
    assert_eq!(files_in(dir.path()), ["g.db"]);
    // Opening to write says why it cannot, naming the file, and leaves nothing.
    let e = Store::open(&db).err().unwrap();
    assert_eq!(e.code(), "cannot_open", "{e}");
    let message = e.to_string();
    assert!(message.contains(&db.display().to_string()), "{message}");
    assert!(message.contains("is read-only"), "{message}");
    assert_eq!(files_in(dir.path()), ["g.db"]);
}

#[test]
fn a_read_only_file_is_read_and_leaves_no_log_that_would_block_later_writes() {
    let dir = temp_dir_on_disk(TARGET_TMP);
    let db = dir.path().join("g.db");
    Store::open(&db)
        .unwrap()
        .create_programme(&programme("Kept"))
        .unwrap();
    {
        let Some(_locked) = Immutable::set("read_only_file", &db) else {
            return;
        };
        let (store, _) = Store::open_for_reading(&db).unwrap();
        assert_eq!(store.list_programmes(&Default::default()).unwrap().len(), 1);
        let e = Store::open(&db).err().unwrap();
        assert!(e.to_string().contains("the file is read-only"), "{e}");
        drop(store);
        assert_eq!(files_in(dir.path()), ["g.db"]);
    }
    // Writable again: nothing left behind stands in the way of a save.
    let mut store = Store::open(&db).unwrap();
    store.create_programme(&programme("Added later")).unwrap();
    assert_eq!(store.list_programmes(&Default::default()).unwrap().len(), 2);
}

#[test]
fn a_full_disk_is_read_and_a_write_to_it_says_the_disk_is_full_naming_the_file() {
    let Some(disk) = SmallDisk::mount("full_disk", 2048) else {
        return;
    };
    let db = disk.dir.join("g.db");
    let id = Store::open(&db)
        .unwrap()
        .create_programme(&programme("Kept"))
        .unwrap()
        .id;
    let mut writer = Store::open(&db).unwrap();
    disk.fill();
    // A write meets the full disk: nothing saved, and the message says so. (The disk
    // may keep a few pages back from one file and give them to another: writes go on
    // until it is met.)
    let mut saved = 0;
    let e = loop {
        let title = format!("{saved} {}", "Long title ".repeat(40));
        match writer.create_programme(&programme(&title)) {
            Ok(_) if saved < 100 => saved += 1,
            Ok(_) => panic!("100 programmes saved on a full disk"),
            Err(e) => break e.on_database(&db),
        }
    };
    assert_eq!(e.code(), "disk_full", "{e}");
    assert!(e.to_string().contains("the disk is full"), "{e}");
    assert!(e.to_string().contains(&db.display().to_string()), "{e}");
    drop(writer);
    // Closing freed the log and its index: full again.
    disk.fill();
    // Reading a full disk works, from a fresh start (no log or index left).
    let (store, _) = Store::open_for_reading(&db).unwrap();
    assert_eq!(store.get_programme(id).unwrap().title, "Kept");
    assert_eq!(
        store.list_programmes(&Default::default()).unwrap().len(),
        1 + saved
    );
    drop(store);
    // Opening to write says the disk is full and names the file.
    let e = Store::open(&db).err().unwrap();
    assert_eq!(e.code(), "disk_full", "{e}");
    assert!(e.to_string().contains(&db.display().to_string()), "{e}");
}

/// Match keys are filled lazily (a rename by another tool clears one): a store that
/// can only read leaves them missing and still searches (and answers suggestions),
/// instead of failing on the write.
#[test]
fn a_read_only_folder_is_searched_with_match_keys_missing() {
    let dir = temp_dir_on_disk(TARGET_TMP);
    let db = dir.path().join("g.db");
    let mut p = programme("Can the ceasefire hold?");
    p.guests = vec![person("Tarık Oğuzlu", Some("Antalya Bilim University"))];
    Store::open(&db).unwrap().create_programme(&p).unwrap();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute("UPDATE person SET match_key = NULL", [])
            .unwrap();
    }
    let Some(_locked) = Immutable::set("read_only_keys", dir.path()) else {
        return;
    };
    let (store, _) = Store::open_for_reading(&db).unwrap();
    let found = store.search("ceasefire", 10).unwrap();
    assert_eq!(found.programmes.len(), 1);
    let found = store.search("Oğuzlu", 10).unwrap();
    assert_eq!(found.people.len(), 1, "{found:?}");
    // Suggestions match by key, so they find no one until the keys can be written.
    store.suggest_people("Tarık", 5).unwrap();
    drop(store);
    assert_eq!(files_in(dir.path()), ["g.db"]);
}
