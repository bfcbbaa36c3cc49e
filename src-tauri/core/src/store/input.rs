//! Reading input whose size nobody knows beforehand (standard input, a pipe, a file
//! that grows while it is read) without ever holding more than a limit of it.

use std::io::Read;

use crate::error::{Error, Result};

/// All of `reader`, or an error naming `source` and the limit as soon as more than
/// `limit` bytes have come: at most `limit` + 1 bytes are read.
pub fn read_limited(reader: impl Read, limit: usize, source: &str, what: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::file("read", source, &e))?;
    if bytes.len() > limit {
        return Err(Error::validation(
            "file",
            format!(
                "{source} is too long: larger than {}, the most {what} can be; nothing was read",
                size(limit)
            ),
        ));
    }
    Ok(bytes)
}

/// `1 MB`, `256 MB`; `… KB` below a megabyte.
pub fn size(bytes: usize) -> String {
    match bytes >> 20 {
        0 => format!("{} KB", bytes >> 10),
        mb => format!("{mb} MB"),
    }
}
