//! Writing to stdout without panicking when the reader goes away (`| head`).

use std::io::{self, Write};

use greenroom_core::{Error, Result};
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

fn write_ok(r: io::Result<()>) -> Result<()> {
    match r {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::CannotOpen {
            path: "standard output".into(),
            reason: e.to_string(),
        }),
        _ => Ok(()),
    }
}
