//! `store/backup.rs`: the daily backup (taken when due and there is data, skipped
//! otherwise, rotated to `backup.keep`, a warning, never a failure to open, when it
//! cannot be written), and the backup taken before a migration (of the file as it was,
//! and only when there is something to migrate).

use std::fs;

use greenroom_core::store::migrate::SCHEMA_VERSION;
use greenroom_core::{store::backup, store::restore, Store};

use super::{backup_titles, block_backups, db_with, names, temp_db, v1_db};

#[test]
fn the_daily_backup_is_taken_when_there_is_data_and_not_again_the_same_day() {
    let (dir, db) = temp_db();
    drop(Store::open(&db).unwrap());
    assert_eq!(
        backup::daily_if_due(&db).unwrap(),
        None,
        "nothing to lose yet"
    );

    db_with(&db, &["Kept in the backup"]);
    assert!(backup::daily_due(&db));
    let taken = backup::daily_if_due(&db).unwrap().expect("a backup");
    assert_eq!(taken.parent().unwrap(), dir.path().join("backups"));
    let name = taken.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("greenroom-") && name.ends_with("Z.db") && name.len() == 29,
        "{name}"
    );
    assert_eq!(
        restore::check(&taken).unwrap(),
        greenroom_core::store::migrate::SCHEMA_VERSION
    );
    assert_eq!(backup_titles(&taken), ["Kept in the backup"]);
    // One self-contained file: no temporary, no -wal or -shm beside it.
    assert_eq!(names(&dir.path().join("backups")), [name]);

    assert!(!backup::daily_due(&db));
    assert_eq!(backup::daily_if_due(&db).unwrap(), None);
    let listed = backup::list(&db).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, taken);
    assert_eq!(listed[0].label, None);
    assert_eq!(listed[0].size, fs::metadata(&taken).unwrap().len());
}

#[test]
fn rotation_keeps_the_newest_n_of_ours_and_nothing_else_is_touched() {
    let (dir, db) = temp_db();
    db_with(&db, &["Programme"]);
    Store::open(&db)
        .unwrap()
        .set_setting("backup.keep", "3")
        .unwrap();
    let folder = dir.path().join("backups");
    fs::create_dir(&folder).unwrap();
    let ours = [
        "greenroom-20240101T000000Z.db",
        "greenroom-20240102T000000Z-before-v5.db",
        "greenroom-20240103T000000Z.db",
        "greenroom-20240104T000000Z-before-restore.db",
        "greenroom-20240105T000000Z.db",
    ];
    for n in ours {
        fs::write(folder.join(n), b"old backup").unwrap();
    }
    fs::write(folder.join("greenroom-20240101T000000Z.db-wal"), b"wal").unwrap();
    let foreign = [
        "greenroom-20240101T000000Z.db.bak",
        "greenroom.db",
        "my copy.db",
        "notes.txt",
        "greenroom-20230101T000000Z-My Copy.db",
    ];
    for n in foreign {
        fs::write(folder.join(n), b"not ours").unwrap();
    }
    assert!(backup::daily_due(&db), "the newest is years old");

    let taken = backup::daily_if_due(&db).unwrap().expect("a backup");

    let mut expected: Vec<String> = foreign.iter().map(|s| s.to_string()).collect();
    expected.push(taken.file_name().unwrap().to_string_lossy().into_owned());
    // The copies an upgrade and a restore kept are rotated apart from routine ones.
    expected.push("greenroom-20240102T000000Z-before-v5.db".into());
    expected.push("greenroom-20240104T000000Z-before-restore.db".into());
    expected.push("greenroom-20240103T000000Z.db".into());
    expected.push("greenroom-20240105T000000Z.db".into());
    expected.sort();
    assert_eq!(names(&folder), expected);
    let listed: Vec<_> = backup::list(&db).unwrap();
    assert_eq!(listed.len(), 5);
    assert_eq!(listed[0].path, taken, "newest first");
    assert_eq!(listed[2].label.as_deref(), Some("before-restore"));
}

/// With `backup.keep` 1, routine backups replace each other, and never the only copy
/// of a database a restore replaced or an upgrade changed. Those go only when older
/// than `SAFETY_DAYS` and not among the newest `SAFETY_KEEP` of their kind.
#[test]
fn rotation_never_deletes_what_a_restore_or_an_upgrade_kept() {
    let (dir, db) = temp_db();
    db_with(&db, &["Programme"]);
    let mut store = Store::open(&db).unwrap();
    store.set_setting("backup.keep", "1").unwrap();
    let folder = dir.path().join("backups");
    fs::create_dir(&folder).unwrap();
    let recent = chrono::Utc::now() - chrono::Duration::days(backup::SAFETY_DAYS - 1);
    let stamp = |at: chrono::DateTime<chrono::Utc>| at.format("%Y%m%dT%H%M%SZ").to_string();
    let mut safety = vec![
        format!("greenroom-{}-before-restore.db", stamp(recent)),
        format!("greenroom-{}-before-v6.db", stamp(recent)),
    ];
    // Old copies: the newest SAFETY_KEEP of each kind stay, older ones go.
    let mut old_ones = Vec::new();
    for day in 1..=backup::SAFETY_KEEP + 1 {
        for label in ["before-restore", "before-v6-2"] {
            let name = format!("greenroom-202401{day:02}T000000Z-{label}.db");
            fs::write(folder.join(&name), b"kept copy").unwrap();
            old_ones.push(name);
        }
    }
    for name in &safety {
        fs::write(folder.join(name), b"the only copy").unwrap();
    }
    for _ in 0..3 {
        store.backup_now().unwrap();
    }

    let left = names(&folder);
    let routine: Vec<&String> = left.iter().filter(|n| !n.contains("before")).collect();
    assert_eq!(routine.len(), 1, "{left:?}");
    for name in &safety {
        assert!(left.contains(name), "{name} was deleted: {left:?}");
    }
    // Of each kind the recent copy and the newest SAFETY_KEEP - 1 old ones stay: the
    // two oldest (days 1 and 2) went.
    safety.extend(
        old_ones
            .iter()
            .filter(|n| !n.contains("20240101T") && !n.contains("20240102T"))
            .cloned(),
    );
    safety.extend(routine.iter().map(|n| n.to_string()));
    safety.sort();
    assert_eq!(left, safety);
}

#[test]
fn a_before_restore_copy_does_not_count_as_todays_backup() {
    let (dir, db) = temp_db();
    db_with(&db, &["Programme"]);
    let folder = dir.path().join("backups");
    fs::create_dir(&folder).unwrap();
    let now = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    fs::write(
        folder.join(format!("greenroom-{now}-before-restore.db")),
        b"x",
    )
    .unwrap();
    assert!(backup::daily_due(&db));
    fs::write(folder.join(format!("greenroom-{now}-before-v9.db")), b"x").unwrap();
    assert!(!backup::daily_due(&db));
}

#[test]
fn an_unwritable_backups_folder_is_a_warning_and_the_database_still_opens() {
    let (_dir, db) = temp_db();
    db_with(&db, &["Still here"]);
    let blocker = block_backups(&db);

    let e = backup::daily_if_due(&db).unwrap_err();
    assert_eq!(e.code(), "backup");
    assert!(e.to_string().contains("backups"), "{e}");
    let (store, warning) = Store::open_with_backups(&db).unwrap();
    assert!(
        warning.is_none(),
        "no migration, so no backup was due at open"
    );
    assert_eq!(store.list_programmes(&Default::default()).unwrap().len(), 1);
    let e = store.backup_now().unwrap_err();
    assert_eq!(e.code(), "backup");
    assert_eq!(fs::read(&blocker).unwrap(), b"in the way");
}

#[test]
fn backup_to_a_file_writes_a_checked_copy_and_replaces_it_whole() {
    let (dir, db) = temp_db();
    db_with(&db, &["One"]);
    let out = dir.path().join("elsewhere.db");
    fs::write(&out, b"an older export").unwrap();
    let store = Store::open(&db).unwrap();
    store.backup_to(&out).unwrap();
    assert_eq!(
        restore::check(&out).unwrap(),
        greenroom_core::store::migrate::SCHEMA_VERSION
    );
    assert_eq!(backup_titles(&out), ["One"]);
    assert_eq!(
        names(dir.path()),
        [
            "elsewhere.db",
            "greenroom.db",
            "greenroom.db-shm",
            "greenroom.db-wal"
        ]
    );

    let e = store.backup_to(&db).unwrap_err();
    assert_eq!(e.code(), "validation");
    let e = store
        .backup_to(&dir.path().join("no/such/folder/x.db"))
        .unwrap_err();
    assert_eq!(e.code(), "backup");
}

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
