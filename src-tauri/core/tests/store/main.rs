//! `store/`: opening, migrating, backing up and restoring real SQLite files in temp
//! dirs, what the file system refuses, and crash safety with real processes. One test
//! binary, a module per source file.

mod access;
mod backup;
mod change;
mod db;
mod durability;
mod migrate;
mod outbox;
mod restore;
mod write;

use std::fs;
use std::path::{Path, PathBuf};

use greenroom_core::{ProgrammeInput, Store};
pub use greenroom_testkit::input::{person, programme};
pub use greenroom_testkit::temp_db;

/// A database as schema v1 wrote it, with data; later migrations must carry it forward.
pub const V1_FIXTURE: &str = include_str!("../fixtures/schema-v1.sql");
/// A current database at `db` holding programmes with these titles; closed, so its
/// WAL is checkpointed into the file.
pub fn db_with(db: &Path, titles: &[&str]) {
    let mut s = Store::open(db).unwrap();
    for t in titles {
        s.create_programme(&ProgrammeInput {
            title: t.to_string(),
            ..Default::default()
        })
        .unwrap();
    }
}

pub fn titles(db: &Path) -> Vec<String> {
    let s = Store::open(db).unwrap();
    let mut t: Vec<String> = s
        .list_programmes(&Default::default())
        .unwrap()
        .into_iter()
        .map(|p| p.title)
        .collect();
    t.sort();
    t
}

/// The titles in a backup, read without changing it (read-only, no migration).
pub fn backup_titles(path: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    let mut st = c
        .prepare("SELECT title FROM programme ORDER BY title")
        .unwrap();
    let t = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<String>>>()
        .unwrap();
    t
}

/// A v1 database (the frozen fixture) at `path`, in rollback-journal mode as v1 left it.
pub fn v1_db(path: &Path) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch(V1_FIXTURE).unwrap();
}

/// Damages a closed database the way a bad disk does: garbage over its middle pages,
/// so that SQLite reports "database disk image is malformed".
pub fn corrupt(db: &Path) -> Vec<u8> {
    assert!(
        !wal(db).exists(),
        "close the database first, so its WAL is checkpointed"
    );
    let mut bytes = fs::read(db).unwrap();
    let page = 4096;
    let pages = bytes.len() / page;
    assert!(pages > 4, "too small a database to damage: {pages} pages");
    for (i, b) in bytes[page * 2..page * (pages - 1)].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(31) ^ 0xA5;
    }
    fs::write(db, &bytes).unwrap();
    bytes
}

pub fn wal(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push("-wal");
    s.into()
}

/// The names of the files in `dir`, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = match fs::read_dir(dir) {
        Ok(rd) => rd
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    n.sort();
    n
}

/// Makes `<db dir>/backups` impossible to create or write: a file sits where the
/// folder would go (permission bits would not stop the root user tests may run as).
pub fn block_backups(db: &Path) -> PathBuf {
    let blocker = db.parent().unwrap().join("backups");
    fs::write(&blocker, b"in the way").unwrap();
    blocker
}
