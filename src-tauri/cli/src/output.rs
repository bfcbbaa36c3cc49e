//! Writing to stdout without panicking when the reader goes away (`| head`), and
//! reading a file argument that may be `-` for standard input.

use std::io::{self, Write};
use std::path::Path;

use greenroom_core::{store::input, Error, Result};
use serde::Serialize;

pub fn text(s: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    write_ok(writeln!(out, "{s}"))
}

pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let s = serde_json::to_string_pretty(value)
        .map_err(|e| Error::validation("output", e.to_string()))?;
    text(&s)
}

/// A reader that went away (`| head`) is not an error; anything else (a full disk
/// behind `> file`) is, and says so.
fn write_ok(r: io::Result<()>) -> Result<()> {
    match r {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Error::file("write to", "standard output", &e))
        }
        _ => Ok(()),
    }
}

/// The bytes of `file`, or of standard input when it is `-`; more than `limit` is
/// refused while reading (standard input may never end).
pub fn read_input(file: &Path, limit: usize, what: &str) -> Result<Vec<u8>> {
    if file.as_os_str() == "-" {
        return input::read_limited(io::stdin().lock(), limit, "standard input", what);
    }
    let f = std::fs::File::open(file)
        .map_err(|e| Error::file("read", file.display().to_string(), &e))?;
    input::read_limited(f, limit, &file.display().to_string(), what)
}
