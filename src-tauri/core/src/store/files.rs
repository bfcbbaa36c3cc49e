//! Writing files whole, and the temporary files that makes: the one place that
//! decides what `--out` (and a save dialog's choice) may replace.
//!
//! - Only a regular file is replaced. A symbolic link is written *through* (the file it
//!   leads to is replaced, the link stays), as `cp` and editors do; a link to nothing,
//!   a folder, a device, a FIFO or a socket is refused, so even as root `--out
//!   /dev/stdout` never replaces the system's node. A file with other names (hard
//!   links) is refused: a rename would leave those names on the old contents.
//! - A replaced file keeps its permission bits; a new one is 0644, or 0600 when it
//!   holds contact details (`Access::Private`, which also narrows an existing file).
//! - Temporary files are ours by name, `.greenroom-<what>-XXXXXX.tmp`, and held with
//!   an exclusive lock while in use. A run that was killed leaves one unlocked: the
//!   next write into that folder (and the next open of a database beside it) removes
//!   it and its SQLite journal. The lock, not the age, says it is abandoned, so a slow
//!   live write is never disturbed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

/// Who may read a file written here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// An ordinary document: a replaced file keeps its mode, a new one is 0644.
    Document,
    /// Holds contact details: 0600, whatever the file it replaces allowed.
    Private,
}

impl Access {
    /// `Private` when what is written includes contact details.
    pub fn with_contacts(included: bool) -> Access {
        if included {
            Access::Private
        } else {
            Access::Document
        }
    }
}

const OURS: &str = ".greenroom-";
const TEMP_SUFFIX: &str = ".tmp";
/// SQLite's companions of a temporary database being written.
const JOURNALS: &[&str] = &["-journal", "-wal", "-shm"];

/// Writes `bytes` to a temporary file beside `path`, syncs it, then renames it over
/// `path`: readers see the old file or the whole new one, never half of it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file(path, bytes, Access::Document)
}

/// `write_atomic` with the given access (`Access::Private` for contact details).
pub fn write_file(path: &Path, bytes: &[u8], access: Access) -> Result<()> {
    let fail = |what: &str, e: io::Error| {
        if e.raw_os_error() == Some(28) {
            return Error::DiskFull {
                path: Some(path.to_path_buf()),
            };
        }
        Error::Export {
            message: format!("{what} {}: {e}", path.display()),
        }
    };
    let target = target(path).map_err(|message| Error::Export { message })?;
    let dir = parent_dir(&target.path);
    let mut tmp = temp_in(dir, "export").map_err(|e| fail("cannot create a file next to", e))?;
    set_mode(tmp.as_file(), target.mode_for(access)).map_err(|e| fail("cannot write", e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| fail("cannot write", e))?;
    // On error the temporary file is removed when `tmp` drops.
    tmp.persist(&target.path)
        .map_err(|e| fail("cannot replace", e.error))?;
    Ok(())
}

/// Where a write to a path lands, once checked.
#[derive(Debug)]
pub struct Target {
    /// The path itself, or the regular file a symbolic link at it leads to.
    pub path: PathBuf,
    /// The permission bits of the file being replaced; `None` for a new file.
    pub mode: Option<u32>,
}

impl Target {
    /// The mode to give the new file.
    pub fn mode_for(&self, access: Access) -> u32 {
        match access {
            Access::Private => 0o600,
            Access::Document => self.mode.unwrap_or(0o644),
        }
    }
}

/// Checks that `path` may be replaced (see the module's rules) and resolves a
/// symbolic link; the error is a sentence naming the path.
pub fn target(path: &Path) -> std::result::Result<Target, String> {
    let shown = path.display();
    let link = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(Target {
                path: path.to_path_buf(),
                mode: None,
            })
        }
        Err(e) => return Err(format!("{shown} cannot be looked at: {e}")),
        Ok(m) => m,
    };
    let meta = if link.file_type().is_symlink() {
        fs::metadata(path).map_err(|_| {
            format!("{shown} is a symbolic link to a file that does not exist; choose a file name")
        })?
    } else {
        link.clone()
    };
    if meta.is_dir() {
        return Err(format!("{shown} is a folder; choose a file name"));
    }
    if !meta.is_file() {
        return Err(format!(
            "{shown} is not a regular file (a device, pipe or socket); Greenroom only replaces regular files"
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(format!(
                "{shown} has other names (hard links), which replacing it would leave on the old contents; choose another file name"
            ));
        }
    }
    let path = if link.file_type().is_symlink() {
        fs::canonicalize(path).map_err(|e| format!("{shown} cannot be followed: {e}"))?
    } else {
        path.to_path_buf()
    };
    Ok(Target {
        path,
        mode: Some(permission_bits(&meta)),
    })
}

/// A new temporary file of ours in `dir`, `.greenroom-<what>-XXXXXX.tmp`, locked
/// until it is dropped or persisted and closed. Stale ones in `dir` go first.
pub fn temp_in(dir: &Path, what: &str) -> io::Result<NamedTempFile> {
    remove_stale(dir);
    for _ in 0..8 {
        let tmp = tempfile::Builder::new()
            .prefix(&format!("{OURS}{what}-"))
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)?;
        tmp.as_file().lock()?;
        // Between its creation and the lock, another run may have taken it for an
        // abandoned one and removed it: then make another.
        if same_inode(tmp.as_file(), tmp.path()) {
            return Ok(tmp);
        }
    }
    Err(io::Error::other(
        "temporary files kept disappearing from the folder",
    ))
}

/// Removes temporary files of ours in `dir` that no live run holds (and their SQLite
/// journals, and journals whose file is gone). Best effort; returns what went.
pub fn remove_stale(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    let mut journals = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str().filter(|n| n.starts_with(OURS)) else {
            continue;
        };
        let path = entry.path();
        if name.ends_with(TEMP_SUFFIX) {
            if abandoned(&path) && fs::remove_file(&path).is_ok() {
                removed.push(path);
            }
        } else if JOURNALS.iter().any(|j| {
            name.strip_suffix(j)
                .is_some_and(|b| b.ends_with(TEMP_SUFFIX))
        }) {
            journals.push(path);
        }
    }
    // After the files: a journal goes once the file it belongs to is gone.
    for journal in journals {
        let name = journal.file_name().unwrap_or_default().to_string_lossy();
        let base = JOURNALS
            .iter()
            .find_map(|j| name.strip_suffix(j))
            .map(|b| journal.with_file_name(b));
        if base.is_some_and(|b| !b.exists()) && fs::remove_file(&journal).is_ok() {
            removed.push(journal);
        }
    }
    removed
}

/// No one holds its lock: the run that made it has ended.
fn abandoned(path: &Path) -> bool {
    match fs::File::open(path) {
        Ok(f) => f.try_lock().is_ok(),
        Err(_) => false,
    }
}

fn same_inode(file: &fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

#[cfg(unix)]
fn permission_bits(meta: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o777
}

#[cfg(not(unix))]
fn permission_bits(_meta: &fs::Metadata) -> u32 {
    0o644
}

/// Gives a file the mode (a temporary file starts private, 0600).
pub fn set_mode(file: &fs::File, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (file, mode);
        Ok(())
    }
}

pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests;
