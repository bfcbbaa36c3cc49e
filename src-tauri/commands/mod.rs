//! Tauri commands: take arguments, call the core, return. Async so that database
//! work runs off the UI thread. Errors reach the UI as `{code, message, field?}`.

pub mod guests;
pub mod people;
pub mod programmes;
pub mod reports;
pub mod runsheet;
pub mod search;

use greenroom_core::Error;

type Reply<T> = Result<T, Error>;

/// Refuses oversized strings from the UI before they reach the core.
fn bounded(field: &str, text: Option<String>, max: usize) -> Reply<Option<String>> {
    match text {
        Some(t) if t.len() > max => Err(Error::validation(
            field,
            format!("is too long (at most {max} bytes)"),
        )),
        t => Ok(t),
    }
}
