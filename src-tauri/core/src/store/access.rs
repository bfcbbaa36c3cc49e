//! What the file system lets us do with a database file, asked without writing:
//! whether it can be written, whether it is still the file we opened, and how to
//! name it to SQLite as a URI.

use std::path::Path;

use crate::store::backup::parent_dir as folder;

/// Why the database at `path` (or, for a new one, its folder) cannot be written by
/// this process, as the operating system decides it (read-only disk, permissions,
/// immutable flag; root included); `None` when it can.
pub(crate) fn read_only_reason(path: &Path) -> Option<String> {
    let dir = folder(path);
    if path.exists() {
        match writable(path) {
            Err(Denied::Disk) => return Some("the disk it is on is read-only".into()),
            Err(Denied::Permission) => return Some("the file is read-only".into()),
            Ok(()) => {}
        }
    }
    // The log and its index are created beside the file.
    match writable(dir) {
        Err(Denied::Disk) => Some("the disk it is on is read-only".into()),
        Err(Denied::Permission) => Some(format!("the folder {} is read-only", dir.display())),
        Ok(()) => None,
    }
}

/// Why writing is refused.
enum Denied {
    /// A read-only file system.
    Disk,
    /// Permissions or an immutable flag.
    Permission,
}

#[cfg(unix)]
fn writable(path: &Path) -> Result<(), Denied> {
    use rustix::fs::{access, Access};
    match access(path, Access::WRITE_OK) {
        Ok(()) => Ok(()),
        Err(rustix::io::Errno::ROFS) => Err(Denied::Disk),
        // Other failures (a name too long…) are SQLite's to report.
        Err(rustix::io::Errno::ACCESS | rustix::io::Errno::PERM) => Err(Denied::Permission),
        Err(_) => Ok(()),
    }
}

#[cfg(not(unix))]
fn writable(path: &Path) -> Result<(), Denied> {
    match std::fs::metadata(path).map(|m| m.permissions().readonly()) {
        Ok(true) => Err(Denied::Permission),
        _ => Ok(()),
    }
}

/// Whether the disk holding `path` has (next to) no room left: SQLite reports a full
/// disk met while growing the log's index as an I/O error, without the reason.
#[cfg(unix)]
pub(crate) fn disk_full(path: &Path) -> bool {
    // The index grows 32 KB at a time, the log a page at a time.
    const ROOM: u64 = 64 * 1024;
    rustix::fs::statvfs(folder(path))
        // A file system of no size (/proc) is not a disk that filled up.
        .map(|s| s.f_blocks > 0 && s.f_bavail.saturating_mul(s.f_frsize) < ROOM)
        .unwrap_or(false)
}

#[cfg(not(unix))]
pub(crate) fn disk_full(_path: &Path) -> bool {
    false
}

/// The file at `path` as (device, inode), or `None` if there is none.
#[cfg(unix)]
pub(crate) fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
pub(crate) fn file_id(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|_| (0, 0))
}

/// The path as the path part of an SQLite `file:` URI (percent-encoded).
pub(crate) fn uri_path(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uri_path_escapes_what_a_uri_would_read_as_syntax() {
        assert_eq!(uri_path(Path::new("/a b/g?#%.db")), "/a%20b/g%3F%23%25.db");
        assert_eq!(uri_path(Path::new("Tarık.db")), "Tar%C4%B1k.db");
    }
}
