//! Gathering listings from files for a bulk import: every file of a folder, or the
//! files named; a file may hold several listings separated by a line of `---`.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::import::listing::{BulkItem, BulkSkipped, MAX_LISTING_BYTES};
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
/// is read: a typo should not import half of what was meant. Anything else that is
/// not a readable text file (a named pipe, a broken or looping link…) is listed as
/// skipped with the reason.
pub fn gather(paths: &[PathBuf]) -> Result<Gathered> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| unreadable(path, &e))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| !is_hidden(p) && !p.is_dir())
                .collect();
            inside.sort();
            files.extend(inside);
        } else if path.symlink_metadata().is_ok() {
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
    let too_big = |size: u64| {
        format!(
            "the file is too big ({} MB; at most {} MB)",
            size >> 20,
            MAX_FILE_BYTES >> 20
        )
    };
    // The type is checked before opening: opening a named pipe would wait for a
    // writer that may never come.
    match std::fs::metadata(file) {
        Ok(m) if !m.is_file() => return skip(out, not_regular(&m)),
        Ok(m) if m.len() > MAX_FILE_BYTES => return skip(out, too_big(m.len())),
        Err(e) => return skip(out, format!("cannot be read: {e}")),
        Ok(_) => {}
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(file).and_then(|f| {
        // A file that grows while it is read stops at the limit all the same.
        f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)
    });
    if let Err(e) = read {
        return skip(out, format!("cannot be read: {e}"));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return skip(out, too_big(bytes.len() as u64));
    }
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

fn not_regular(m: &std::fs::Metadata) -> String {
    format!("not a regular file ({}); not read", special_kind(m))
}

#[cfg(unix)]
fn special_kind(m: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = m.file_type();
    if t.is_fifo() {
        "a named pipe"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> &'static str {
    "not a file"
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
