//! Gathering listings from files for a bulk import: every file of a folder, or the
//! files named; a file may hold several listings separated by a line of `---`.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::import::{BulkItem, BulkSkipped, MAX_LISTING_BYTES};
use crate::listing;

/// Files bigger than this are not read at all: even split by `---` they would be
/// thousands of listings, which is not what a producer means to import in one go.
const MAX_FILE_BYTES: u64 = 64 << 20;

/// The listings found, and the files (or parts) that were passed over and why.
#[derive(Debug, Default)]
pub struct Gathered {
    pub items: Vec<BulkItem>,
    pub skipped: Vec<BulkSkipped>,
    /// Read anyway, with a caveat (invalid UTF-8 decoded lossily…).
    pub warnings: Vec<String>,
}

/// Reads `paths` (files, or folders whose files are read in name order, hidden files
/// and subfolders left out). A path that does not exist is an error before anything
/// is read: a typo should not import half of what was meant.
pub fn gather(paths: &[PathBuf]) -> Result<Gathered> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| unreadable(path, &e))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && !is_hidden(p))
                .collect();
            inside.sort();
            files.extend(inside);
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
            return Err(Error::file("read", path.display().to_string(), &missing));
        }
    }
    let mut out = Gathered::default();
    for file in files {
        read_file(&file, &mut out);
    }
    Ok(out)
}

fn read_file(file: &Path, out: &mut Gathered) {
    let shown = file.display().to_string();
    let skip = |out: &mut Gathered, reason: String| {
        out.skipped.push(BulkSkipped {
            source: shown.clone(),
            reason,
        })
    };
    match std::fs::metadata(file) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            return skip(
                out,
                format!(
                    "the file is too big ({} MB; at most {} MB)",
                    m.len() >> 20,
                    MAX_FILE_BYTES >> 20
                ),
            )
        }
        Err(e) => return skip(out, format!("cannot be read: {e}")),
        Ok(_) => {}
    }
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return skip(out, format!("cannot be read: {e}")),
    };
    if looks_binary(&bytes) {
        return skip(out, "it is a binary file, not text".into());
    }
    let (text, warning) = listing::decode(&bytes);
    if let Some(w) = warning {
        out.warnings.push(format!("{shown}: {w}"));
    }
    let parts = listing::split_listings(&text);
    let several = parts.len() > 1;
    for (i, part) in parts.into_iter().enumerate() {
        let source = if several {
            format!("{shown}#{}", i + 1)
        } else {
            shown.clone()
        };
        if part.len() > MAX_LISTING_BYTES {
            out.skipped.push(BulkSkipped {
                source,
                reason: format!(
                    "too long to be a listing ({} KB; at most {} KB)",
                    part.len() >> 10,
                    MAX_LISTING_BYTES >> 10
                ),
            });
            continue;
        }
        out.items.push(BulkItem {
            source,
            text: part.to_string(),
        });
    }
}

/// Text files have no NUL bytes; images, PDFs and databases have them early on.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|b| *b == 0)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn unreadable(path: &Path, e: &std::io::Error) -> Error {
    Error::file("read", path.display().to_string(), e)
}
