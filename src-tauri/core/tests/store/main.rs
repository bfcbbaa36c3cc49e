//! The core against real SQLite files in temp dirs: one test binary, a module per area.

mod access;
mod defaults;
mod list_filter;
mod list_paging;
mod migration;
mod open;
mod programmes;
mod write;

// Shared with the exchange and CLI tests, which use all of it.
#[allow(dead_code)]
#[path = "../support/disk.rs"]
mod disk;

use greenroom_core::{PersonInput, ProgrammeInput, Store};
use tempfile::TempDir;

/// A fresh database file in its own temp dir (kept alive by the returned guard).
pub fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("greenroom.db")).unwrap();
    (dir, store)
}

pub fn guest(name: &str, affiliation: &str) -> PersonInput {
    PersonInput {
        person_id: None,
        name: name.into(),
        affiliation: Some(affiliation.into()),
    }
}

pub fn programme(title: &str) -> ProgrammeInput {
    ProgrammeInput {
        title: title.into(),
        ..Default::default()
    }
}
