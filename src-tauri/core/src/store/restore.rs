//! Checking a backup and putting it in place of the database.
//!
//! Nothing is replaced until the file to restore has passed every check, and nothing
//! is replaced without a copy of it first: the database being replaced goes into
//! the backups folder as `greenroom-…-before-restore.db`, whatever state it is in.
//!
//! How the file is replaced depends on whether SQLite can still use it:
//! - A database that passes `quick_check` is overwritten *through SQLite*, with the
//!   backup API writing into a connection on it. SQLite takes its write lock and
//!   writes the pages through its own WAL, so another connection on the file (a
//!   Greenroom window while `greenroom restore` runs) waits, then sees the restored
//!   data, never half of it; its -wal and -shm stay consistent with the file.
//! - A damaged or unreadable file is replaced by renaming a complete copy over it.
//!   Its -wal belongs to the old file: left in place, SQLite would replay those
//!   frames onto the restored one (frames are checked against the WAL's own header,
//!   not the database), so it is kept with the copy and removed, together with the
//!   -shm index of it, before the rename. Nothing may have the damaged file open at
//!   that moment: the app closes its own store before restoring, and `greenroom
//!   restore --help` asks for Greenroom windows on the file to be closed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::backup::{self, BackupFile, BEFORE_RESTORE, SIDECARS};
use crate::store::migrate::{self, APPLICATION_ID};

/// What a restore did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    /// The file restored from.
    pub from: PathBuf,
    /// The copy kept of the database it replaced; `None` when there was none.
    pub kept: Option<PathBuf>,
    /// The schema version of the restored file (migrated when the store next opens).
    pub schema_version: i64,
}

/// Checks that `path` can be restored: an SQLite file of Greenroom's, of a schema
/// this binary knows, that passes `PRAGMA integrity_check`. Opens it read-only and
/// changes nothing. Returns its schema version.
pub fn check(path: &Path) -> Result<i64> {
    let meta = fs::metadata(path).map_err(|e| Error::CannotOpen {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    if meta.is_dir() {
        return Err(Error::CannotOpen {
            path: path.to_path_buf(),
            reason: "it is a folder, not a file".into(),
        });
    }
    let conn = open_untouched(path).map_err(|e| Error::CannotOpen {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let version = migrate::check(&conn, path).map_err(|e| corrupt_or(e, path))?;
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| corrupt_or(e.into(), path))?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotADatabase {
            path: path.to_path_buf(),
            reason: "it holds no Greenroom data".into(),
        });
    }
    if let Some(problem) = backup::integrity_check(&conn) {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            reason: format!("SQLite's integrity check found: {problem}"),
        });
    }
    Ok(version)
}

/// The newest backup of the database at `db_path` that passes `check`, if any.
/// Reads backups (newest first) until one passes, so it is for when one is needed.
pub fn newest_good(db_path: &Path) -> Result<Option<BackupFile>> {
    Ok(backup::list(db_path)?
        .into_iter()
        .find(|b| check(&b.path).is_ok()))
}

/// Replaces the database at `db_path` with the backup `from`, after checking it and
/// keeping a copy of what it replaces. Any open `Store` on `db_path` in this process
/// should be dropped first. On an error nothing was replaced.
pub fn restore(db_path: &Path, from: &Path) -> Result<Restored> {
    if backup::same_file(db_path, from) {
        return Err(Error::validation(
            "file",
            "is the database itself; choose a backup",
        ));
    }
    let schema_version = check(from)?;
    let staged = stage(db_path, from, schema_version)?;
    let kept = match probe(db_path)? {
        Live::Absent => {
            install_by_rename(staged, db_path)?;
            None
        }
        Live::Readable(mut live) => {
            let kept = backup::take(&live, db_path, Some(BEFORE_RESTORE))?;
            let copied = open_rw(staged.path())
                .and_then(|src| backup::copy_pages(&src, &mut live))
                .map_err(|e| restore_failed(db_path, &e));
            if let Err(e) = copied {
                // The backup API writes in one transaction, rolled back on failure: the
                // database is as it was, so the copy of it would only crowd the folder.
                backup::remove_with_sidecars(&kept);
                return Err(e);
            }
            Some(kept)
        }
        Live::Unreadable => {
            let kept = keep_bytes(db_path)?;
            for side in SIDECARS {
                remove_if_exists(&backup::sidecar(db_path, side))
                    .map_err(|e| replace_failed(db_path, &e))?;
            }
            install_by_rename(staged, db_path)?;
            Some(kept)
        }
    };
    Ok(Restored {
        from: from.to_path_buf(),
        kept,
        schema_version,
    })
}

enum Live {
    /// No file, or an empty one: nothing to keep.
    Absent,
    /// SQLite can use it: replaced through SQLite.
    Readable(Connection),
    /// Damaged, not SQLite, or not ours to open: replaced by rename.
    Unreadable,
}

/// Looks at the database through a read-only connection: unlike a read-write one, its
/// closing never checkpoints a WAL into a damaged file or deletes that WAL, so the
/// copy kept of an unreadable database is of what was really there.
fn probe(db_path: &Path) -> Result<Live> {
    let wal_len = fs::metadata(backup::sidecar(db_path, "-wal")).map_or(0, |m| m.len());
    match fs::metadata(db_path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound && wal_len == 0 => return Ok(Live::Absent),
        Ok(m) if m.len() == 0 && wal_len == 0 => return Ok(Live::Absent),
        Ok(m) if m.is_dir() => {
            return Err(Error::CannotOpen {
                path: db_path.to_path_buf(),
                reason: "it is a folder, not a file".into(),
            })
        }
        _ => {}
    }
    let readable = {
        let Ok(look) = open_untouched(db_path) else {
            return Ok(Live::Unreadable);
        };
        look.busy_timeout(Duration::from_secs(5))
            .map_err(|e| restore_failed(db_path, &e))?;
        match look.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)) {
            Err(e) if is_busy(&e) => return Err(Error::Busy),
            Err(_) => false,
            Ok(_) => backup::quick_check(&look).is_none(),
        }
    };
    if !readable {
        return Ok(Live::Unreadable);
    }
    match open_rw(db_path) {
        Ok(conn) => Ok(Live::Readable(conn)),
        Err(_) => Ok(Live::Unreadable),
    }
}

/// The backup copied (backup API) into a temporary file beside the database, so
/// that it can be renamed into place; checked again, since that copy is what goes in.
fn stage(db_path: &Path, from: &Path, version: i64) -> Result<tempfile::NamedTempFile> {
    let dir = backup::parent_dir(db_path);
    let fail = |reason: String| Error::CannotOpen {
        path: db_path.to_path_buf(),
        reason: format!(
            "the backup could not be copied into its folder ({reason}); nothing was replaced"
        ),
    };
    let tmp = crate::store::files::temp_in(dir, "restore")
        .map_err(|e| fail(backup::io_reason("cannot create a file", &e)))?;
    let src = open_untouched(from).map_err(|e| fail(backup::sqlite_reason(&e)))?;
    let mut out = open_rw(tmp.path()).map_err(|e| fail(backup::sqlite_reason(&e)))?;
    backup::copy_pages(&src, &mut out).map_err(|e| fail(backup::sqlite_reason(&e)))?;
    out.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))
        .map_err(|e| fail(backup::sqlite_reason(&e)))?;
    let copied: i64 = out
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| fail(backup::sqlite_reason(&e)))?;
    if copied != version {
        return Err(fail("the backup changed while it was being copied".into()));
    }
    if let Some(problem) = backup::quick_check(&out) {
        return Err(fail(format!("the copy failed its check ({problem})")));
    }
    drop(out);
    tmp.as_file()
        .sync_all()
        .map_err(|e| fail(backup::io_reason("cannot write", &e)))?;
    Ok(tmp)
}

/// A byte-for-byte copy of a database SQLite cannot use (and of its -wal, as
/// `<copy>-wal`, so that opening the copy sees what the file held), for whoever
/// tries to rescue it later.
fn keep_bytes(db_path: &Path) -> Result<PathBuf> {
    let dir = backup::folder(db_path);
    let fail = |e: io::Error| Error::Backup {
        path: dir.clone(),
        reason: backup::io_reason(
            "the database to be replaced could not be kept, so it was not replaced",
            &e,
        ),
    };
    fs::create_dir_all(&dir).map_err(fail)?;
    for n in 1..=20 {
        let kept = dir.join(backup::name_for(
            chrono::Utc::now(),
            Some(BEFORE_RESTORE),
            n,
        ));
        if kept.exists() {
            continue;
        }
        let wal = backup::sidecar(db_path, "-wal");
        if fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            copy_atomic(&wal, &backup::sidecar(&kept, "-wal"), &dir).map_err(fail)?;
        }
        if db_path.exists() {
            copy_atomic(db_path, &kept, &dir).map_err(fail)?;
        }
        backup::sync_dir(&dir);
        return Ok(kept);
    }
    Err(Error::Backup {
        path: dir.clone(),
        reason: "no free backup name".into(),
    })
}

fn copy_atomic(from: &Path, to: &Path, dir: &Path) -> io::Result<()> {
    let tmp = crate::store::files::temp_in(dir, "backup")?;
    fs::copy(from, tmp.path())?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(to).map_err(|e| e.error)?;
    Ok(())
}

fn install_by_rename(staged: tempfile::NamedTempFile, db_path: &Path) -> Result<()> {
    staged
        .persist(db_path)
        .map_err(|e| replace_failed(db_path, &e.error))?;
    backup::sync_dir(backup::parent_dir(db_path));
    Ok(())
}

/// A read-only connection that leaves nothing behind. A database whose header says
/// WAL makes even a read-only connection create a -wal and -shm beside it, and only a
/// read-write connection removes them again. A file nobody has open (no -shm) and
/// with no WAL content is read alone with `immutable=1`, which creates nothing. A
/// database in use is read the usual way, with its locks, and its WAL content, which
/// is part of the data; its companions exist already.
fn open_untouched(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let wal_len = fs::metadata(backup::sidecar(path, "-wal")).map_or(0, |m| m.len());
    let in_use = wal_len > 0 || backup::sidecar(path, "-shm").exists();
    match path.to_str() {
        Some(p) if !in_use => {
            let mut uri = String::from("file:");
            for c in p.chars() {
                match c {
                    '%' => uri.push_str("%25"),
                    '?' => uri.push_str("%3f"),
                    '#' => uri.push_str("%23"),
                    c => uri.push(c),
                }
            }
            uri.push_str("?immutable=1");
            Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
        }
        _ => Connection::open_with_flags(path, flags),
    }
}

fn open_rw(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

fn remove_if_exists(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn restore_failed(db_path: &Path, e: &rusqlite::Error) -> Error {
    if is_busy(e) {
        return Error::Busy;
    }
    Error::CannotOpen {
        path: db_path.to_path_buf(),
        reason: format!(
            "the backup could not be written into it ({}); it was left as it was",
            backup::sqlite_reason(e)
        ),
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn replace_failed(db_path: &Path, e: &io::Error) -> Error {
    Error::CannotOpen {
        path: db_path.to_path_buf(),
        reason: backup::io_reason("the file could not be replaced", e),
    }
}

/// Open-time errors that mean "damaged", with the file they are about.
pub(crate) fn corrupt_or(e: Error, path: &Path) -> Error {
    match e {
        Error::Storage(ref s) => match s.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => Error::Corrupt {
                path: path.to_path_buf(),
                reason: format!("SQLite reports: {}", short_reason(s)),
            },
            Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase {
                path: path.to_path_buf(),
                reason: "it is not an SQLite file, or it is damaged".into(),
            },
            _ => e,
        },
        e => e,
    }
}

fn short_reason(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        e => e.to_string(),
    }
}
