//! The database file and everything about keeping it: opening and migrating it,
//! backups and restores, the files it writes, and the derived tables (search index,
//! name keys) it keeps in step.

pub(crate) mod access;
pub mod backup;
pub mod change;
pub mod db;
pub mod files;
pub mod input;
pub mod migrate;
pub(crate) mod name_keys;
pub mod restore;
pub mod revision;
pub(crate) mod search_index;
pub mod write;
