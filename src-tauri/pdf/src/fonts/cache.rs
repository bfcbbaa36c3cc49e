//! The system's font index kept on disk between runs, so a process that prints one
//! run-sheet does not open every font file first.
//!
//! The index is trusted only while the font folders look exactly as when it was
//! written: every folder and font file under them, with its size and modification
//! time (fontconfig's own cache trusts folder times alone). Installing, removing or
//! replacing a font, or editing fontconfig's folder list, changes that fingerprint.
//! Any doubt (another version, a different fingerprint, a file too large, unreadable
//! or corrupt) means scanning as before and writing the index again; a cache that
//! cannot be written costs the next run a scan, never an export.

use std::collections::HashSet;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use greenroom_core::store::input::read_limited;
use serde::{Deserialize, Serialize};

use super::scan::{self, Face};

/// The cache file's name; the number changes with its layout.
const FILE_NAME: &str = "fonts-v1.json";
/// Far above a desktop's index (about a megabyte for 300 faces with CJK): the file is
/// input like any other, and reading it must not take more than it can be worth.
pub(crate) const MOST: usize = 32 << 20;

/// Where the cache lives: the user's cache folder (`$XDG_CACHE_HOME` on Linux).
pub(crate) fn location() -> Option<PathBuf> {
    Some(
        dirs::cache_dir()?
            .join(greenroom_core::APP_IDENTIFIER)
            .join(FILE_NAME),
    )
}

/// The faces under `dirs`, from the cache at `cache` while it matches them, else
/// scanned (and the cache rewritten).
pub(crate) fn faces(dirs: &[PathBuf], cache: Option<&Path>) -> Vec<Face> {
    // Taken before the scan: a font installed during it makes the next run scan again.
    let now = Fingerprint::of(dirs);
    if let Some(faces) = cache.and_then(|path| read(path, &now)) {
        return faces;
    }
    let faces = scan::faces(dirs);
    if let Some(path) = cache {
        // Failing to write only means the next run scans again.
        let _ = write(path, now, faces.clone());
    }
    faces
}

#[derive(Serialize, Deserialize)]
struct Index {
    /// Typst derives what it knows of a face; another Typst may derive it otherwise.
    typst: String,
    fingerprint: Fingerprint,
    faces: Vec<Face>,
}

/// What the font folders look like: each folder and font file under them, in the
/// order a scan meets them.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Fingerprint(Vec<Stamp>);

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Stamp {
    path: PathBuf,
    /// `None` for a folder that does not exist (yet: fonts may be added to it).
    modified: Option<u128>,
    len: u64,
}

impl Fingerprint {
    /// Walks `dirs` as `fontdb` does: recursively, following links, each real folder
    /// once, considering only the file types it loads.
    pub(crate) fn of(dirs: &[PathBuf]) -> Fingerprint {
        let mut stamps = Vec::new();
        let mut seen = HashSet::new();
        for dir in dirs {
            match fs::metadata(dir) {
                Ok(meta) => {
                    stamps.push(Stamp::new(dir.clone(), &meta));
                    walk(dir, &mut seen, &mut stamps);
                }
                Err(_) => stamps.push(Stamp {
                    path: dir.clone(),
                    modified: None,
                    len: 0,
                }),
            }
        }
        Fingerprint(stamps)
    }
}

impl Stamp {
    fn new(path: PathBuf, meta: &fs::Metadata) -> Stamp {
        let modified = meta
            .modified()
            .ok()
            .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
            .map(|since| since.as_nanos());
        Stamp {
            path,
            modified,
            len: if meta.is_dir() { 0 } else { meta.len() },
        }
    }
}

fn walk(dir: &Path, seen: &mut HashSet<PathBuf>, stamps: &mut Vec<Stamp>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let mut path = entry.path();
        let meta = if kind.is_symlink() {
            // A link can lead back up the tree: its target is visited once.
            let Ok(target) = fs::canonicalize(&path) else {
                continue;
            };
            if !seen.insert(target.clone()) {
                continue;
            }
            path = target;
            fs::metadata(&path)
        } else {
            entry.metadata()
        };
        let Ok(meta) = meta else {
            continue;
        };
        if meta.is_dir() {
            stamps.push(Stamp::new(path.clone(), &meta));
            walk(&path, seen, stamps);
        } else if meta.is_file() && is_font(&path) {
            stamps.push(Stamp::new(path, &meta));
        }
    }
}

/// The extensions `fontdb` loads.
fn is_font(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("ttf" | "ttc" | "otf" | "otc" | "TTF" | "TTC" | "OTF" | "OTC")
    )
}

/// The cached faces, if the cache was written by this Typst for folders that still
/// look like `now`.
pub(crate) fn read(path: &Path, now: &Fingerprint) -> Option<Vec<Face>> {
    // Opening a FIFO would wait for a writer that never comes.
    if !fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let file = File::open(path).ok()?;
    let bytes = read_limited(file, MOST, &path.display().to_string(), "a font cache").ok()?;
    let index: Index = serde_json::from_slice(&bytes).ok()?;
    if index.typst != typst_version() || index.fingerprint != *now {
        return None;
    }
    // Every face must come from a font file the folders hold now.
    let files: HashSet<&Path> = now.0.iter().map(|stamp| stamp.path.as_path()).collect();
    let known = index
        .faces
        .iter()
        .all(|face| files.contains(face.path.as_path()));
    known.then_some(index.faces)
}

pub(crate) fn write(path: &Path, now: Fingerprint, faces: Vec<Face>) -> Option<()> {
    let index = Index {
        typst: typst_version().to_owned(),
        fingerprint: now,
        faces,
    };
    let bytes = serde_json::to_vec(&index).ok()?;
    if bytes.len() > MOST {
        return None;
    }
    fs::create_dir_all(path.parent()?).ok()?;
    greenroom_core::store::files::write_atomic(path, &bytes).ok()
}

fn typst_version() -> &'static str {
    typst::utils::version().raw()
}
