//! Opening a database: configure every connection the same way, refuse what we
//! must not touch, then migrate.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::store::backup::sidecar;
use crate::store::write::Watch;
use crate::{store::access, store::migrate};

/// How long a write waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Prepared statements kept per connection (rusqlite's default is 16).
const STATEMENT_CACHE: usize = 128;

/// A handle on one Greenroom database. Not `Sync`: the shell wraps it in a mutex.
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    /// The file opened at `path` (device and inode), to notice it deleted or replaced.
    file: Option<(u64, u64)>,
    /// Commits that bypass [`Store::write`] (see `store/write.rs`).
    pub(crate) watch: Watch,
    /// Who this process's changes are recorded as, when the shell says (`--author`);
    /// else the `author.name` setting, else the OS account (`store/change.rs`).
    pub(crate) author: Option<String>,
}

impl Store {
    /// Opens (creating if needed) the database file at `path` and migrates it. A
    /// database that needs migrating is backed up first, as with `open_with_backups`;
    /// only a failure to write that backup goes unreported here.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        Self::open_with_backups(path).map(|(store, _)| store)
    }

    /// `open`, also returning the reason a pre-migration backup could not be
    /// written (full disk, read-only folder). That is a warning for the shell to show
    /// or log: the database still opens and migrates; each migration is one
    /// transaction, so the backup guards against a wrong migration, not a torn one.
    /// A damaged file is `Error::Corrupt`, and is left as it was.
    pub fn open_with_backups(path: impl AsRef<Path>) -> Result<(Self, Option<Error>)> {
        let path = path.as_ref();
        check_path(path)?;
        // Refused before SQLite runs: it would open the file read-only and leave a
        // log and index with the file's read-only mode behind, which block later writes.
        if let Some(reason) = access::read_only_reason(path) {
            return Err(Error::CannotOpen {
                path: path.to_path_buf(),
                reason: format!(
                    "{reason}, so nothing can be changed in it (reading works: programme \
                     show, list, search, export)"
                ),
            });
        }
        // Refused before SQLite creates its log and index, which a few KB left may
        // still hold, only to fail at the first save.
        if access::disk_full(path) {
            return Err(Error::DiskFull {
                path: Some(path.to_path_buf()),
            });
        }
        // What a killed restore or backup left beside the database (full-size copies)
        // goes at the next run; files a live run holds stay (see `files`).
        crate::store::files::remove_stale(crate::store::files::parent_dir(path));
        crate::store::files::remove_stale(&crate::store::backup::folder(path));
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| cannot_open(path, e))?;
        Self::configure(conn, Some(path.to_path_buf()))
            .map_err(|e| crate::store::restore::corrupt_or(e, path))
    }

    /// Opens an existing database to read it, writing nothing, when it cannot be
    /// written: the file or its folder is read-only, or the disk is full (SQLite's
    /// shared index of the log needs disk space before the first read). Otherwise the
    /// same as `open_with_backups`. A store opened read-only fails any write.
    pub fn open_for_reading(path: impl AsRef<Path>) -> Result<(Self, Option<Error>)> {
        let path = path.as_ref();
        check_path(path)?;
        if !path.is_file() {
            return Self::open_with_backups(path);
        }
        if access::read_only_reason(path).is_some() || access::disk_full(path) {
            return Self::open_read_only(path).map(|store| (store, None));
        }
        match Self::open_with_backups(path) {
            Err(Error::DiskFull { .. }) => Self::open_read_only(path).map(|store| (store, None)),
            result => result,
        }
    }

    /// A read-only connection that creates no file: with no log in use beside the
    /// database (so no other connection is open), as an immutable file; with one,
    /// reading the log through its existing index without writing to either.
    fn open_read_only(path: &Path) -> Result<Self> {
        let wal_len = std::fs::metadata(sidecar(path, "-wal")).map_or(0, |m| m.len());
        let shm = sidecar(path, "-shm").exists();
        let options = match (wal_len, shm) {
            (0, false) => "mode=ro&immutable=1",
            (_, true) => "mode=ro&readonly_shm=1",
            (_, false) => {
                return Err(Error::CannotOpen {
                    path: path.to_path_buf(),
                    reason: "it cannot be written, and its write-ahead log has no index \
                             beside it to read it by"
                        .into(),
                })
            }
        };
        let uri = format!("file:{}?{options}", access::uri_path(path));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(uri, flags).map_err(|e| cannot_open(path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        let version =
            migrate::check(&conn, path).map_err(|e| crate::store::restore::corrupt_or(e, path))?;
        if version != migrate::SCHEMA_VERSION {
            return Err(Error::CannotOpen {
                path: path.to_path_buf(),
                reason: format!(
                    "it needs upgrading to be read by this Greenroom (schema version {version} \
                     to {}), which writes to it",
                    migrate::SCHEMA_VERSION
                ),
            });
        }
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        Ok(Store {
            watch: Watch::install(&mut conn)?,
            author: None,
            conn,
            file: access::file_id(path),
            path: Some(path.to_path_buf()),
        })
    }

    /// A private database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Self> {
        Self::configure(Connection::open_in_memory()?, None).map(|(store, _)| store)
    }

    fn configure(mut conn: Connection, path: Option<PathBuf>) -> Result<(Self, Option<Error>)> {
        // The open step writes on its own; the store's writes start once it is done.
        match Self::prepare(&mut conn, path.as_deref())
            .and_then(|warning| Ok((warning, Watch::install(&mut conn)?)))
        {
            Ok((warning, watch)) => Ok((
                Store {
                    watch,
                    author: None,
                    conn,
                    file: path.as_deref().and_then(access::file_id),
                    path,
                },
                warning,
            )),
            Err(Error::Storage(_)) if path.as_deref().is_some_and(access::disk_full) => {
                Err(Error::DiskFull { path })
            }
            Err(e) => Err(match &path {
                Some(path) => e.on_database(path),
                None => e,
            }),
        }
    }

    /// Configures and migrates a new connection; the warning of a backup not taken.
    fn prepare(conn: &mut Connection, path: Option<&Path>) -> Result<Option<Error>> {
        let shown = path.map_or_else(|| PathBuf::from(":memory:"), Path::to_path_buf);
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Writes to programmes and people fire search-index triggers whose SQL (nested
        // views) costs more to compile than to run: the statements that fire them are
        // cached, and the cache must hold all of a save's statements at once.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Checked before any pragma that writes, so a foreign or newer file stays as it was.
        let version = migrate::check(conn, &shown)?;
        // Before the WAL pragma too: the copy is of the file exactly as it was found.
        let mut warning = None;
        if let Some(path) = path {
            if version > 0 && version < migrate::SCHEMA_VERSION {
                warning =
                    crate::store::backup::before_migration(conn, path, migrate::SCHEMA_VERSION)
                        .err();
            }
        }
        if path.is_some() {
            let mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::CannotOpen {
                    path: shown,
                    reason: format!("write-ahead logging is unavailable (journal mode {mode})"),
                });
            }
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Savepoints (one per listing in a bulk import) journal the pages they change;
        // in memory rather than a temporary file, which cost as much as the writes.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        migrate::apply(conn, version).map_err(|e| match e {
            Error::Storage(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) => {
                Error::CannotOpen {
                    path: shown.clone(),
                    reason: "the file is read-only".into(),
                }
            }
            e => e,
        })?;
        // A pause is committed only between the pages of a pull (`desk/pull.rs`), which
        // was stopped here, or by a bug; the index must not stay behind.
        if conn.query_row("SELECT EXISTS (SELECT 1 FROM search_paused)", [], |r| {
            r.get(0)
        })? {
            // One transaction, or another process's write between two of its
            // statements would be noted as paused and then forgotten.
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            crate::store::search_index::catch_up(&tx)?;
            tx.commit()?;
        }
        Ok(warning)
    }

    /// The file behind this store; `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Fails if the file this store opened is no longer at its path (its folder was
    /// deleted, or it was moved or replaced): SQLite would go on writing to the
    /// unlinked file, and every save would seem to succeed and be lost.
    pub fn ensure_in_place(&self) -> Result<()> {
        match (&self.path, self.file) {
            (Some(path), Some(file)) if access::file_id(path) != Some(file) => {
                Err(Error::Vanished { path: path.clone() })
            }
            _ => Ok(()),
        }
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

/// A setting's stored value, on any connection of the store (its own, or a write's):
/// the one lookup of the `setting` table.
pub(crate) fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// What no database path may be: empty, in a missing folder, or a folder.
fn check_path(path: &Path) -> Result<()> {
    let cannot_open = |reason: String| Error::CannotOpen {
        path: path.to_path_buf(),
        reason,
    };
    if path.as_os_str().is_empty() {
        // SQLite would open a throwaway temporary database for an empty name.
        return Err(cannot_open("no file name was given".into()));
    }
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
            return Err(cannot_open(format!(
                "the folder {} does not exist",
                dir.display()
            )));
        }
        _ => {}
    }
    if path.is_dir() {
        return Err(cannot_open("it is a folder, not a file".into()));
    }
    Ok(())
}

fn cannot_open(path: &Path, e: rusqlite::Error) -> Error {
    Error::CannotOpen {
        path: path.to_path_buf(),
        reason: match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::CannotOpen) => {
                "the file cannot be created or opened there (is the folder writable?)".into()
            }
            Some(rusqlite::ErrorCode::ReadOnly) => "the file is read-only".into(),
            _ => e.to_string(),
        },
    }
}

/// Where the desktop app and the CLI keep their database unless told otherwise:
/// the platform's app-data folder under the app identifier (what Tauri's `app_data_dir` is).
pub fn default_db_path() -> Result<PathBuf> {
    let base = dirs::data_dir().ok_or_else(|| Error::CannotOpen {
        path: PathBuf::from("greenroom.db"),
        reason: "this system reports no application-data folder; pass --db PATH".into(),
    })?;
    Ok(base.join(crate::APP_IDENTIFIER).join("greenroom.db"))
}

/// `--db`/`GREENROOM_DB` if given, else the app-data default (its folder created):
/// the window and the CLI find the same file the same way.
pub fn resolve_path(explicit: Option<PathBuf>) -> Result<PathBuf> {
    match explicit {
        Some(p) => Ok(p),
        None => {
            let p = default_db_path()?;
            ensure_parent_dir(&p)?;
            Ok(p)
        }
    }
}

/// Creates the default database's folder on first run.
pub fn ensure_parent_dir(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::CannotOpen {
            path: path.to_path_buf(),
            reason: format!("cannot create the folder {}: {e}", dir.display()),
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_memory_store_is_migrated_with_foreign_keys_on() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), migrate::SCHEMA_VERSION);
        let fk: bool = store
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert!(fk);
    }

    #[test]
    fn an_empty_path_is_refused_not_opened_as_a_temporary_database() {
        let e = Store::open("").err().unwrap();
        assert_eq!(e.code(), "cannot_open");
    }

    #[test]
    fn file_store_uses_wal_and_a_busy_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("g.db")).unwrap();
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let timeout: i64 = store
            .conn
            .pragma_query_value(None, "busy_timeout", |r| r.get(0))
            .unwrap();
        assert_eq!(timeout, 5000);
    }
}
