//! Versioned SQL migrations. Each runs in its own transaction together with the
//! `user_version` bump that records it, so a crash leaves the schema at a known version.
//! Hand-rolled (about 40 lines) because `rusqlite_migration` pins an older rusqlite.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};

/// `PRAGMA application_id` of a Greenroom database ("GrRm").
pub const APPLICATION_ID: i64 = 0x4772_526d;

/// The schema, in order; migration N (1-based) moves `user_version` from N-1 to N.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_programmes.sql"),
    include_str!("../../migrations/0002_segments.sql"),
    include_str!("../../migrations/0003_people_profile.sql"),
    include_str!("../../migrations/0004_search.sql"),
    include_str!("../../migrations/0005_person_merge.sql"),
    include_str!("../../migrations/0006_import_key.sql"),
    include_str!("../../migrations/0007_search_pause.sql"),
    include_str!("../../migrations/0008_history_order.sql"),
    include_str!("../../migrations/0009_exchange_seen.sql"),
    include_str!("../../migrations/0010_search_name_keys.sql"),
    include_str!("../../migrations/0011_change.sql"),
    include_str!("../../migrations/0012_segment_ids.sql"),
    include_str!("../../migrations/0013_desk.sql"),
    include_str!("../../migrations/0014_desk_rejected.sql"),
    include_str!("../../migrations/0015_desk_setting.sql"),
    include_str!("../../migrations/0016_desk_lock.sql"),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Refuses a file that is not ours or is newer than this binary, before anything is written.
pub(crate) fn check(conn: &Connection, path: &Path) -> Result<i64> {
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| not_a_database(path, e))?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let has_tables: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table')",
        [],
        |r| r.get(0),
    )?;
    if app_id != APPLICATION_ID && (app_id != 0 || has_tables) {
        return Err(Error::NotADatabase {
            path: path.to_path_buf(),
            reason: "it is an SQLite database of another application".into(),
        });
    }
    Ok(version)
}

pub(crate) fn apply(conn: &mut Connection, from: i64) -> Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
    }
    // Match keys need deunicode's tables, which SQL lacks: computed here, not in 0005.
    crate::store::name_keys::fill_missing_keys_at_open(conn)?;
    // Segment ids likewise: UUIDs made from a hash, which SQL lacks (see 0012).
    crate::store::segment_ids::fill_missing_ids_at_open(conn)?;
    Ok(())
}

fn not_a_database(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.to_path_buf(),
            reason: "it is not an SQLite file, or it is damaged".into(),
        },
        _ => Error::from(e),
    }
}
