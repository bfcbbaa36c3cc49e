//! Backups of the database, kept in a `backups` folder beside it and named
//! `greenroom-YYYYMMDDTHHMMSSZ[-label].db`.
//!
//! Copies are made with SQLite's online backup API: a consistent snapshot of a live
//! database (what is still in its WAL included) while other connections keep
//! writing. Each copy is written under a hidden temporary name, checked with
//! `PRAGMA quick_check` and only then renamed to its own name, so a half-written or
//! damaged copy never counts as the newest backup and rotation never keeps it in
//! place of a good one. Rotation only ever deletes files that carry our own name.
//!
//! When backups are taken:
//! - before every migration of a database that already holds a schema (see
//!   `db::Store::open_with_backups`), of the file exactly as it was;
//! - once a day by the desktop app, on a thread of its own (`daily_if_due`), so the
//!   window opens at once even on a large archive. The CLI skips the daily backup:
//!   its commands are short and scripted, and copying a 400 MB archive would add
//!   seconds to whichever command happened to be the first of the day. `greenroom
//!   backup` takes one on demand.
//!
//! A backup that cannot be written (full disk, read-only folder) is reported, never
//! fatal: the database opens all the same and the shell shows or logs the warning.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::db::Store;
use crate::store::files;

/// The folder beside the database that holds its backups.
pub const FOLDER: &str = "backups";
/// The label of the copy a restore keeps of the database it replaces.
pub const BEFORE_RESTORE: &str = "before-restore";

const PREFIX: &str = "greenroom-";
const STAMP: &str = "%Y%m%dT%H%M%SZ";
const STAMP_LEN: usize = "YYYYMMDDTHHMMSSZ".len();
/// SQLite's companions of a database file; they go wherever the file goes.
pub(crate) const SIDECARS: &[&str] = &["-wal", "-shm", "-journal"];

/// One backup file, as listed (from its name and a stat; never read).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub path: PathBuf,
    pub file_name: String,
    /// When it was taken (from its name).
    pub taken_at: DateTime<Utc>,
    /// Why, beyond the daily schedule: `before-v5`, `before-restore`; `None` otherwise.
    pub label: Option<String>,
    pub size: u64,
}

/// `<folder of the database>/backups`.
pub fn folder(db_path: &Path) -> PathBuf {
    parent_dir(db_path).join(FOLDER)
}

/// The backups of the database at `db_path`, newest first. Files that do not carry
/// our name are not listed (and so never rotated away).
pub fn list(db_path: &Path) -> Result<Vec<BackupFile>> {
    let dir = folder(db_path);
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Error::CannotOpen {
                path: dir,
                reason: format!("the backups folder cannot be read: {e}"),
            })
        }
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some((taken_at, label)) = name.to_str().and_then(parse_name) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        found.push((
            modified,
            BackupFile {
                path: entry.path(),
                file_name: name.to_string_lossy().into_owned(),
                taken_at,
                label,
                size: meta.len(),
            },
        ));
    }
    // Two backups in the same second: the file written last is the newer.
    found.sort_by(|(ma, a), (mb, b)| {
        (b.taken_at, mb, &b.file_name).cmp(&(a.taken_at, ma, &a.file_name))
    });
    Ok(found.into_iter().map(|(_, b)| b).collect())
}

/// Whether the daily backup is due: no backup taken in the last 24 hours. Only lists
/// the backups folder, so it costs nothing at start-up. A `before-restore` copy does
/// not count: it is of a database that was being thrown away, often a broken one.
pub fn daily_due(db_path: &Path) -> bool {
    let now = Utc::now();
    let Ok(entries) = fs::read_dir(folder(db_path)) else {
        return true;
    };
    !entries.flatten().any(|e| {
        e.file_name()
            .to_str()
            .and_then(parse_name)
            .is_some_and(|(taken, label)| {
                !label.is_some_and(|l| l.starts_with(BEFORE_RESTORE))
                    && taken <= now
                    && now - taken < chrono::Duration::days(1)
            })
    })
}

/// The daily backup, if it is due and the database holds anything to lose; then
/// rotation to `backup.keep`. Opens a connection of its own, so the app can run it on
/// a background thread while its store serves the window. `Ok(None)` when skipped.
pub fn daily_if_due(db_path: &Path) -> Result<Option<PathBuf>> {
    if !daily_due(db_path) {
        return Ok(None);
    }
    let fail = |e: rusqlite::Error| Error::Backup {
        path: folder(db_path),
        reason: format!("the database could not be read ({e})"),
    };
    let conn = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(fail)?;
    conn.busy_timeout(Duration::from_secs(5)).map_err(fail)?;
    let has_data: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM programme) OR EXISTS (SELECT 1 FROM person)",
            [],
            |r| r.get(0),
        )
        .map_err(fail)?;
    if !has_data {
        return Ok(None);
    }
    let path = take(&conn, db_path, None)?;
    rotate(db_path, keep(&conn));
    Ok(Some(path))
}

impl Store {
    /// Writes a verified online backup of this database to `dest`, replacing it
    /// atomically if it exists (`greenroom backup --out FILE`), under the rules of
    /// `files` for what may be replaced.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if let Some(own) = self.path() {
            if same_file(own, dest) {
                return Err(Error::validation(
                    "out",
                    "is the database itself; choose another file",
                ));
            }
        }
        // Only a regular file is replaced (a link is written through). The copy holds
        // contact details, so it stays private (0600) whatever the file it replaces.
        let target = files::target(dest).map_err(|reason| Error::validation("out", reason))?;
        write_copy(&self.conn, &target.path, true)
    }

    /// A backup into the backups folder now (`greenroom backup`), then rotation.
    pub fn backup_now(&self) -> Result<PathBuf> {
        let Some(db_path) = self.path() else {
            return Err(Error::validation(
                "database",
                "is in memory and has no backups folder",
            ));
        };
        let path = take(&self.conn, db_path, None)?;
        rotate(db_path, keep(&self.conn));
        Ok(path)
    }
}

/// The copy taken before migrating `conn` (still at its old version) to `to`.
pub(crate) fn before_migration(conn: &Connection, db_path: &Path, to: i64) -> Result<PathBuf> {
    let path = take(conn, db_path, Some(&format!("before-v{to}")))?;
    rotate(db_path, keep(conn));
    Ok(path)
}

/// A verified copy of `src` into the backups folder under a new name of ours.
pub(crate) fn take(src: &Connection, db_path: &Path, label: Option<&str>) -> Result<PathBuf> {
    let dir = folder(db_path);
    fs::create_dir_all(&dir).map_err(|e| Error::Backup {
        path: dir.clone(),
        reason: io_reason("cannot create the backups folder", &e),
    })?;
    let mut last = None;
    // A name already taken (two backups in one second) gets a counter; `persist_noclobber`
    // makes the check and the rename one step, so two processes cannot share a name.
    for n in 1..=20 {
        let path = dir.join(name_for(Utc::now(), label, n));
        if path.exists() {
            continue;
        }
        match write_copy(src, &path, false) {
            Err(Error::Backup { reason, .. }) if reason == NAME_TAKEN => last = Some(path),
            other => return other.map(|()| path),
        }
    }
    Err(Error::Backup {
        path: last.unwrap_or(dir),
        reason: "no free backup name".into(),
    })
}

/// Why a backup was taken, from its label. Each kind is rotated on its own, so routine
/// backups never push out the copy a restore or an upgrade kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Daily and on-demand backups: the newest `backup.keep` are kept.
    Routine,
    /// The database a restore replaced (`before-restore`).
    BeforeRestore,
    /// The database as it was before an upgrade (`before-v6`).
    BeforeMigration,
    /// A label this version does not know (a newer one wrote it): never deleted.
    Other,
}

impl Kind {
    pub fn of(label: Option<&str>) -> Kind {
        match label {
            None => Kind::Routine,
            Some(l) if l.bytes().all(|b| b.is_ascii_digit()) => Kind::Routine,
            Some(l) if l.starts_with(BEFORE_RESTORE) => Kind::BeforeRestore,
            Some(l) if l.starts_with("before-v") => Kind::BeforeMigration,
            Some(_) => Kind::Other,
        }
    }
}

/// A copy kept by a restore or an upgrade is deleted only when it is both older than
/// this and not among the newest `SAFETY_KEEP` of its kind: the only copy of a
/// replaced database must outlive any number of routine backups.
pub const SAFETY_DAYS: i64 = 90;
/// See `SAFETY_DAYS`.
pub const SAFETY_KEEP: usize = 5;

/// Deletes the routine backups beyond the newest `keep`, and the copies kept by a
/// restore or an upgrade beyond the newest `SAFETY_KEEP` of each kind that are also
/// older than `SAFETY_DAYS` (with their SQLite companions), then temporary files left
/// by a backup that was killed (`files::remove_stale`). Best effort: a file that cannot be removed stays, and
/// the next rotation tries again. Returns what was removed.
pub fn rotate(db_path: &Path, keep: u32) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let keep = keep.max(1) as usize;
    let now = Utc::now();
    let mut seen = [0usize; 3];
    let expired = list(db_path).unwrap_or_default().into_iter().filter(|b| {
        let old = now - b.taken_at > chrono::Duration::days(SAFETY_DAYS);
        let (slot, limit, may_go) = match Kind::of(b.label.as_deref()) {
            Kind::Routine => (0, keep, true),
            Kind::BeforeRestore => (1, SAFETY_KEEP, old),
            Kind::BeforeMigration => (2, SAFETY_KEEP, old),
            Kind::Other => return false,
        };
        seen[slot] += 1;
        seen[slot] > limit && may_go
    });
    for old in expired.collect::<Vec<_>>() {
        if remove_with_sidecars(&old.path) {
            removed.push(old.path);
        }
    }
    removed.extend(files::remove_stale(&folder(db_path)));
    removed
}

/// Removes a backup and its SQLite companions; whether the backup itself went.
pub(crate) fn remove_with_sidecars(path: &Path) -> bool {
    let gone = fs::remove_file(path).is_ok();
    if gone {
        for side in SIDECARS {
            let _ = fs::remove_file(sidecar(path, side));
        }
    }
    gone
}

const NAME_TAKEN: &str = "the name is taken";

/// The backup API from `src` into a temporary file beside `dest`, checked, then
/// renamed to `dest` (over an existing file only when `replace`).
pub(crate) fn write_copy(src: &Connection, dest: &Path, replace: bool) -> Result<()> {
    let fail = |reason: String| Error::Backup {
        path: dest.to_path_buf(),
        reason,
    };
    let dir = parent_dir(dest);
    let tmp = files::temp_in(dir, "backup")
        .map_err(|e| fail(io_reason("cannot create a file in the folder", &e)))?;
    {
        let mut out = Connection::open_with_flags(
            tmp.path(),
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| fail(sqlite_reason(&e)))?;
        copy_pages(src, &mut out).map_err(|e| fail(sqlite_reason(&e)))?;
        // The copy's header says WAL when its source is in WAL mode. A backup is one
        // self-contained file: in rollback mode, a read-only check of it (or a later
        // restore) leaves no -wal/-shm beside it.
        out.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))
            .map_err(|e| fail(sqlite_reason(&e)))?;
        if let Some(problem) = quick_check(&out) {
            return Err(fail(format!(
                "the copy failed its check ({problem}); the database itself may be damaged"
            )));
        }
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| fail(io_reason("cannot write", &e)))?;
    let persisted = if replace {
        tmp.persist(dest)
    } else {
        tmp.persist_noclobber(dest)
    };
    persisted.map_err(|e| match e.error.kind() {
        io::ErrorKind::AlreadyExists if !replace => fail(NAME_TAKEN.into()),
        _ => fail(io_reason("cannot rename the finished copy", &e.error)),
    })?;
    sync_dir(dir);
    Ok(())
}

/// Copies every page in one step: one read transaction on the source, so the copy is
/// a single consistent snapshot even while other connections write (in WAL mode a
/// reader does not block them). Retries while another connection holds a lock.
pub(crate) fn copy_pages(src: &Connection, dst: &mut Connection) -> rusqlite::Result<()> {
    let backup = Backup::new(src, dst)?;
    for _ in 0..50 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    Err(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some("the database stayed locked by another connection".into()),
    ))
}

/// `None` when `PRAGMA quick_check` says ok; otherwise what it found.
pub(crate) fn quick_check(conn: &Connection) -> Option<String> {
    check_pragma(conn, "quick_check")
}

/// `None` when `PRAGMA integrity_check` says ok; otherwise what it found.
pub(crate) fn integrity_check(conn: &Connection) -> Option<String> {
    check_pragma(conn, "integrity_check")
}

fn check_pragma(conn: &Connection, pragma: &str) -> Option<String> {
    let rows: rusqlite::Result<Vec<String>> = conn
        .prepare(&format!("PRAGMA {pragma}(5)"))
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect());
    match rows {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => None,
        Ok(rows) => Some(rows.join("; ")),
        Err(e) => Some(e.to_string()),
    }
}

/// A name of ours: the UTC time, the label, and a counter from the second backup in
/// the same second on.
pub(crate) fn name_for(at: DateTime<Utc>, label: Option<&str>, n: u32) -> String {
    let mut name = format!("{PREFIX}{}", at.format(STAMP));
    if let Some(label) = label {
        name.push('-');
        name.push_str(label);
    }
    if n > 1 {
        name.push_str(&format!("-{n}"));
    }
    name.push_str(".db");
    name
}

/// The time and label of a name of ours; `None` for any other file.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, Option<String>)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".db")?;
    let (stamp, label) = rest.split_at_checked(STAMP_LEN)?;
    let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    if taken.format(STAMP).to_string() != stamp {
        return None;
    }
    let label = match label {
        "" => None,
        l => {
            let l = l.strip_prefix('-')?;
            let ok = !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !ok {
                return None;
            }
            Some(l.to_string())
        }
    };
    Some((taken, label))
}

/// `X.db` → `X.db-wal` (how SQLite names a database's companions).
pub(crate) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

pub(crate) use crate::store::files::parent_dir;

/// The same file, whether or not the paths are spelled alike.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Makes a rename durable; a failure only weakens that, so it is not reported.
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

pub(crate) fn io_reason(what: &str, e: &io::Error) -> String {
    if e.raw_os_error() == Some(28) {
        return "the disk is full".into();
    }
    format!("{what}: {e}")
}

pub(crate) fn sqlite_reason(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => "the disk is full".into(),
        Some(rusqlite::ErrorCode::ReadOnly) | Some(rusqlite::ErrorCode::CannotOpen) => {
            format!("the folder is not writable ({e})")
        }
        _ => e.to_string(),
    }
}

/// How many automatic backups are kept when `backup.keep` was never set.
pub const DEFAULT_BACKUP_KEEP: u32 = 10;

/// `backup.keep` on any connection, falling back to the default: backups also run on
/// databases too old to have a setting table (before a migration) or too damaged to read it.
pub(crate) fn keep(conn: &rusqlite::Connection) -> u32 {
    crate::store::db::setting(conn, "backup.keep")
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(DEFAULT_BACKUP_KEEP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_foreign_names_are_not_ours() {
        let at = DateTime::parse_from_rfc3339("2025-05-16T19:30:05Z")
            .unwrap()
            .with_timezone(&Utc);
        let name = name_for(at, Some("before-v5"), 1);
        assert_eq!(name, "greenroom-20250516T193005Z-before-v5.db");
        assert_eq!(parse_name(&name), Some((at, Some("before-v5".to_string()))));
        assert_eq!(
            parse_name(&name_for(at, None, 2)),
            Some((at, Some("2".to_string())))
        );
        assert_eq!(
            parse_name("greenroom-20250516T193005Z.db"),
            Some((at, None))
        );
        for other in [
            "greenroom.db",
            "greenroom-20250516T193005Z.db-wal",
            "greenroom-20250516T193005Z.sqlite",
            "greenroom-20251316T193005Z.db",
            "greenroom-20250516T193005Z_copy.db",
            "greenroom-20250516T193005Z-My Copy.db",
            "greenroom-20250516T193005Z-.db",
            "my-greenroom-20250516T193005Z.db",
            ".greenroom-backup-abc.tmp",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
    }
}
