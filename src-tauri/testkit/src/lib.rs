//! Support for the integration tests, benches and E2E tests of every crate, written
//! once: a store on a temp file, form inputs (`input`), real file-system conditions
//! (`disk`), the injection corpus (`injection`), the check of derived data
//! (`derived`), a throwaway PostgreSQL for the desk server (`postgres`) and the
//! server's process on it (`server`), and, with the `tls` feature, certificates made in
//! the test (`tls`).
//!
//! A dev-dependency only. Core's unit tests (`#[cfg(test)]` in `src`) cannot use it:
//! they see the core under test, whose types differ from the core this crate links.

pub mod derived;
pub mod disk;
pub mod injection;
pub mod input;
pub mod postgres;
pub mod server;
#[cfg(feature = "tls")]
pub mod tls;

use std::path::PathBuf;

use greenroom_core::Store;
use tempfile::TempDir;

/// A database path in a temp dir of its own (the file is not created); the dir is
/// removed when the returned guard drops.
pub fn temp_db() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("greenroom.db");
    (dir, db)
}

/// A new database opened at [`temp_db`]'s path.
pub fn temp_store() -> (TempDir, PathBuf, Store) {
    let (dir, db) = temp_db();
    let store = Store::open(&db).unwrap();
    (dir, db, store)
}
