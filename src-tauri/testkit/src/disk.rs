//! Real file-system conditions for storage tests, shared by the core and CLI tests:
//! a small disk that fills up (a tmpfs), and a folder or file that cannot be
//! written even by root (the immutable flag; permission bits do not stop root).
//!
//! Mounting and `chattr` need root. CI runs as root, so there these tests run; as
//! another user they print why they are skipped and pass.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `None`, with the reason printed, when this test cannot run as this user.
fn root_or_skip(test: &str) -> Option<()> {
    if is_root() {
        return Some(());
    }
    eprintln!("{test}: skipped: needs root (to mount a small disk or set the immutable flag)");
    None
}

/// A tmpfs of a few hundred KB, unmounted when dropped.
pub struct SmallDisk {
    pub dir: PathBuf,
    _parent: TempDir,
}

impl SmallDisk {
    /// A new tmpfs of `kb` KiB; `None` when not root.
    pub fn mount(test: &str, kb: u64) -> Option<SmallDisk> {
        root_or_skip(test)?;
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("disk");
        std::fs::create_dir(&dir).unwrap();
        let status = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={kb}k,mode=0755"),
                "tmpfs",
            ])
            .arg(&dir)
            .status()
            .unwrap();
        assert!(
            status.success(),
            "as root, mounting a tmpfs failed: {status}"
        );
        Some(SmallDisk {
            dir,
            _parent: parent,
        })
    }

    /// Takes every free byte of the disk (again, after files were deleted). The
    /// first filler takes the most; more fillers follow until a new file cannot take
    /// one byte: tmpfs may grow a file in large blocks, refusing one while smaller
    /// blocks are still free for other files (which SQLite's log index would take).
    pub fn fill(&self) {
        for n in 0.. {
            let name = if n == 0 {
                "filler".to_string()
            } else {
                format!("filler-{n}")
            };
            let taken = fill_file(&self.dir.join(name));
            if n > 0 && taken == 0 {
                break;
            }
        }
    }

    /// Gives `bytes` of a filled disk back (the end of the filler file).
    pub fn free(&self, bytes: u64) {
        let filler = std::fs::OpenOptions::new()
            .write(true)
            .open(self.dir.join("filler"))
            .unwrap();
        let len = filler.metadata().unwrap().len();
        filler.set_len(len.saturating_sub(bytes)).unwrap();
    }
}

/// Appends to the file at `path` until the disk refuses a byte; the bytes taken.
fn fill_file(path: &Path) -> u64 {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .unwrap();
    let mut taken = 0;
    let block = vec![0u8; 4096];
    for chunk in [&block[..], &block[..1]] {
        loop {
            match f.write_all(chunk).and_then(|()| f.sync_all()) {
                Ok(()) => taken += chunk.len() as u64,
                Err(e) => {
                    assert_eq!(e.raw_os_error(), Some(28), "filling the disk: {e}");
                    break;
                }
            }
        }
    }
    taken
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
    }
}

/// A file or folder made unwritable for root too (`chattr +i`), made writable
/// again when dropped.
pub struct Immutable(PathBuf);

impl Immutable {
    /// `None` when not root.
    pub fn set(test: &str, path: &Path) -> Option<Immutable> {
        root_or_skip(test)?;
        let status = Command::new("chattr").arg("+i").arg(path).status().unwrap();
        assert!(
            status.success(),
            "chattr +i {} failed (a file system without the immutable flag?)",
            path.display()
        );
        Some(Immutable(path.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

/// A temp folder on the build's own disk (the target folder), where `chattr` works;
/// /tmp may be a tmpfs without the immutable flag.
pub fn temp_dir_on_disk(target_tmp: &str) -> TempDir {
    tempfile::tempdir_in(target_tmp).unwrap()
}

/// The names of the files in `dir`, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// An archive of `n` people with `notes_len` characters of notes each: enough,
/// with a large `n`, to fill a small disk.
pub fn people_archive(n: usize, notes_len: usize) -> Vec<u8> {
    let people: Vec<_> = (0..n)
        .map(|i| {
            serde_json::json!({
                "id": format!("0190a000-0000-7000-8000-{i:012x}"),
                "name": format!("Guest Number {i}"),
                "notes": "n".repeat(notes_len),
                "createdAt": "2025-01-01T00:00:00Z",
                "updatedAt": "2025-01-01T00:00:00Z",
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "format": "greenroom-archive", "version": 1, "people": people,
    }))
    .unwrap()
}
