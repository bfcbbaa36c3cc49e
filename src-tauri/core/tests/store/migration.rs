//! Migrating real files: an empty one, and a fixture written by the previous schema.

use greenroom_core::migrate::{APPLICATION_ID, SCHEMA_VERSION};
use greenroom_core::{ListQuery, Store};

/// A database as schema v1 wrote it, with data; later migrations must carry it forward.
const V1_FIXTURE: &str = include_str!("../fixtures/schema-v1.sql");

#[test]
fn an_empty_file_is_migrated_to_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let c = rusqlite::Connection::open(&path).unwrap();
    let app_id: i64 = c
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, APPLICATION_ID);
}

#[test]
fn a_v1_database_opens_with_its_data_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(V1_FIXTURE).unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let list = s.list_programmes(&ListQuery::default()).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].title, "Is the Gulf ready for a world after oil?");
    assert_eq!(list[0].guests, vec!["Jane Doe", "Ahmad Karimi"]);
    let p = s.get_programme(list[0].id).unwrap();
    assert_eq!(p.presenter.unwrap().name, "Sami Zeidan");
    assert_eq!(
        p.guests[0].affiliation.as_deref(),
        Some("Energy analyst, Vienna")
    );
    assert_eq!(p.framing, vec!["Prices are falling.", "Who pays?"]);
    assert_eq!(p.time_zone, "Asia/Qatar");
    assert_eq!(
        p.air_display.as_deref(),
        Some("Mon 5 Feb 2024 19:30 +03 (Asia/Qatar)")
    );
    assert_eq!(list[1].air_at, None);
}

#[test]
fn a_failed_migration_leaves_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clash.db");
    {
        // A v0 file that already has a table the first migration creates: the migration
        // fails, and its transaction must leave nothing of it behind.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        c.execute_batch("CREATE TABLE framing (x);").unwrap();
    }
    assert!(Store::open(&path).is_err());
    let c = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 0);
    let person_table: bool = c
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'person')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!person_table, "half a migration was left behind");
}
