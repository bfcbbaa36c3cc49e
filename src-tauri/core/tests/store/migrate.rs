//! `store/migrate.rs`: migrating real files: an empty one, and a fixture written by the
//! previous schema.

use greenroom_core::store::migrate::{APPLICATION_ID, SCHEMA_VERSION};
use greenroom_core::{ListQuery, Store};

use super::V1_FIXTURE;

/// A database as schema v8 wrote it (the schema before 0009 `exchange_seen` and 0010
/// name keys in the search index), with an aired and a planned programme.
const V8_FIXTURE: &str = include_str!("../fixtures/schema-v8.sql");
const V10_FIXTURE: &str = include_str!("../fixtures/schema-v10.sql");

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
fn a_v8_database_upgrades_to_name_keys_in_search_and_exchange_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v8.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(V8_FIXTURE).unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    // 0010: people are found by their match key, spaced or accented as typed.
    for typed in ["dareen abu ghaida", "Tarik Oguzlu", "lieven"] {
        let found = s.search(typed, 10).unwrap();
        assert_eq!(found.people.len(), 1, "{typed}: {found:?}");
    }
    let list = s.list_programmes(&ListQuery::default()).unwrap();
    assert_eq!(list.len(), 2);
    // The copies 0008 made of each programme's status still count only what aired.
    let oguzlu = s.search("Tarik Oguzlu", 10).unwrap().people[0].clone();
    assert_eq!(oguzlu.appearances, 1);
    // 0009: an export is remembered, so importing it back changes nothing.
    let json = s
        .export_archive(&greenroom_core::exchange::ArchiveOptions::default())
        .unwrap()
        .to_json()
        .unwrap();
    let report = s.import_archive(json.as_bytes()).unwrap();
    assert_eq!(
        report.created.people + report.updated.people,
        0,
        "{report:?}"
    );
    assert_eq!(report.unchanged.programmes, 2, "{report:?}");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
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

/// 0011: a v10 archive gains change records. Its programmes keep every field; their
/// first save after the upgrade is their first recorded revision, listing what is set
/// (nothing before it was recorded), and rebuilds exactly.
#[test]
fn a_v10_database_upgrades_to_change_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v10.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(V10_FIXTURE).unwrap();
        let v: i64 = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 10);
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let list = s.list_programmes(&ListQuery::default()).unwrap();
    assert_eq!(list.len(), 2);
    let gulf = list
        .iter()
        .find(|p| p.title == "Is the Gulf ready for a world after oil?")
        .unwrap();
    let p = s.get_programme(gulf.id).unwrap();
    assert_eq!(p.guests.len(), 2);
    assert_eq!(p.framing, ["Oil pays for everything."]);
    assert_eq!(p.slot_seconds, Some(1500));
    // Nothing was recorded before 0011: an empty history, not an unknown programme.
    assert!(s.programme_history(p.id).unwrap().is_empty());
    let mut input = p.to_input();
    input.notes = "After the upgrade".into();
    let saved = s.update_programme(p.id, p.revision, &input).unwrap();
    let history = s.programme_history(p.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].revision, saved.revision);
    assert!(history[0].changes.iter().any(|c| c.field == "notes"));
    assert_eq!(s.programme_as_of(p.id, saved.revision).unwrap(), saved);
    assert_eq!(s.search("oguzlu", 10).unwrap().people.len(), 1);
}

/// 0012: segments stored before segments had ids get them at open, the same ids in
/// every copy of the archive (so two copies joining one desk match, not double), and
/// keep them from then on.
#[test]
fn a_v10_database_gives_its_segments_the_same_ids_in_every_copy() {
    let dir = tempfile::tempdir().unwrap();
    let ids = |name: &str| {
        let path = dir.path().join(name);
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(V10_FIXTURE).unwrap();
        c.execute_batch(
            "INSERT INTO segment (programme_id, position, kind, title, duration_seconds)
             SELECT id, 0, 'intro', 'Set-up', 60 FROM programme;
             INSERT INTO segment (programme_id, position, kind, title, duration_seconds)
             SELECT id, 1, 'discussion', 'Round one', 600 FROM programme;",
        )
        .unwrap();
        drop(c);
        let opened = || {
            let s = Store::open(&path).unwrap();
            let mut ids = Vec::new();
            for p in s.list_programmes(&ListQuery::default()).unwrap() {
                let p = s.get_programme(p.id).unwrap();
                ids.extend(p.segments.iter().map(|x| x.id));
            }
            ids
        };
        let ids = opened();
        assert_eq!(opened(), ids, "ids are stored, not made at each read");
        ids
    };
    let first = ids("a.db");
    assert!(!first.is_empty(), "the fixture has segments");
    assert!(first.iter().all(|id| id.as_uuid().get_version_num() == 7));
    assert_eq!(
        first.iter().collect::<std::collections::HashSet<_>>().len(),
        first.len()
    );
    assert_eq!(ids("b.db"), first);
}

/// A database as schema v11 wrote it (`sqlite3 .dump` of one v11's core made): two
/// programmes with running orders, line-ups and framing, a third deleted, people (one
/// edited), settings, and the change records of all of it by two authors.
const V11_FIXTURE: &str = include_str!("../fixtures/schema-v11.sql");

/// Every row of `table` in `columns`, each as one line of SQL literals, in order.
fn rows(c: &rusqlite::Connection, table: &str, columns: &[String]) -> Vec<String> {
    let quoted: Vec<String> = columns.iter().map(|c| format!("quote({c})")).collect();
    let sql = format!(
        "SELECT {} FROM {table} ORDER BY 1",
        quoted.join(" || ',' || ")
    );
    let mut st = c.prepare(&sql).unwrap();
    let lines = st.query_map([], |r| r.get(0)).unwrap();
    lines.collect::<rusqlite::Result<_>>().unwrap()
}

/// The archive's own tables in a v11 file and their columns (the search index, which
/// the open step may rebuild, apart).
fn tables(c: &rusqlite::Connection) -> Vec<(String, Vec<String>)> {
    let mut st = c
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
               AND name NOT LIKE '%fts%' AND name <> 'search_key' ORDER BY name",
        )
        .unwrap();
    let names: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    names
        .into_iter()
        .map(|t| {
            let mut st = c
                .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
                .unwrap();
            let columns = st
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            (t, columns)
        })
        .collect()
}

/// 0012–0015 on a v11 archive: every row of every table stays as it was (segments
/// gain ids, nothing else moves), and every recorded revision still reads — the
/// history of each programme and person, each revision rebuilt, the deleted programme
/// in the trash and restorable.
#[test]
fn a_v11_database_migrates_keeping_every_programme_person_record_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v11.db");
    let (tables, before, records) = {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(V11_FIXTURE).unwrap();
        let v: i64 = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 11);
        let tables = tables(&c);
        let before: Vec<Vec<String>> = tables.iter().map(|(t, cols)| rows(&c, t, cols)).collect();
        let mut st = c
            .prepare("SELECT entity, entity_id, revision, state IS NOT NULL FROM change ORDER BY 1, 2, 3")
            .unwrap();
        let records: Vec<(String, String, i64, bool)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        (tables, before, records)
    };
    for name in [
        "programme",
        "person",
        "segment",
        "appearance",
        "setting",
        "change",
    ] {
        let at = tables.iter().position(|(t, _)| t == name).unwrap();
        assert!(!before[at].is_empty(), "the fixture has rows of {name}");
    }

    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for ((table, columns), was) in tables.iter().zip(&before) {
            assert_eq!(&rows(&c, table, columns), was, "{table}");
        }
        let without: i64 = c
            .query_row("SELECT count(*) FROM segment WHERE id IS NULL", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(without, 0, "every segment has its id");
    }

    // Every recorded revision of every entity reads back, newest first.
    let mut ids: Vec<(String, String)> =
        records.iter().map(|r| (r.0.clone(), r.1.clone())).collect();
    ids.dedup();
    let mut gone = Vec::new();
    for (entity, id) in &ids {
        let recorded: Vec<&(String, String, i64, bool)> = records
            .iter()
            .filter(|r| (&r.0, &r.1) == (entity, id))
            .collect();
        let mut revisions: Vec<i64> = recorded.iter().map(|r| r.2).collect();
        revisions.reverse();
        let history = match entity.as_str() {
            "programme" => s.programme_history(id.parse().unwrap()).unwrap(),
            "person" => s.person_history(id.parse().unwrap()).unwrap(),
            other => panic!("a v11 record of {other}"),
        };
        let read: Vec<i64> = history.iter().map(|r| r.revision).collect();
        assert_eq!(read, revisions, "{entity} {id}");
        for r in recorded.iter().filter(|r| !r.3 && r.0 == "programme") {
            let p = s.programme_as_of(id.parse().unwrap(), r.2).unwrap();
            assert_eq!(p.revision, r.2);
        }
        if recorded.last().is_some_and(|r| r.3) {
            gone.push(id.clone());
        }
    }
    // The retitled programme reads as each author left it, and an edit after the
    // upgrade is one more revision over the old ones.
    let gulf = s
        .list_programmes(&ListQuery::default())
        .unwrap()
        .into_iter()
        .find(|p| p.title == "Is the Gulf ready for life after oil?")
        .unwrap()
        .id;
    let history = s.programme_history(gulf).unwrap();
    let authors: Vec<&str> = history.iter().map(|r| r.author.as_str()).collect();
    assert_eq!(authors, ["Omar Said", "Mira Haddad", "Mira Haddad"]);
    let first = s.programme_as_of(gulf, 1).unwrap();
    assert_eq!(first.title, "Is the Gulf ready for a world after oil?");
    let titles = |p: &greenroom_core::Programme| -> Vec<String> {
        p.segments.iter().map(|x| x.title.clone()).collect()
    };
    assert_eq!(
        titles(&first),
        ["Set-up", "Round one", "Round two", "Close"]
    );
    assert_eq!(
        s.programme_as_of(gulf, 2).unwrap().notes,
        "Lieven joins from London"
    );
    let now = s.get_programme(gulf).unwrap();
    assert_eq!(titles(&now), ["Set-up", "Round two", "Round one", "Close"]);
    assert_eq!(s.programme_as_of(gulf, 3).unwrap(), now);
    let mut input = now.to_input();
    input.slot = Some("30m".into());
    let saved = s.update_programme(gulf, now.revision, &input).unwrap();
    assert_eq!(s.programme_history(gulf).unwrap().len(), 4);
    assert_eq!(s.programme_as_of(gulf, 4).unwrap(), saved);
    assert_eq!(s.programme_as_of(gulf, 1).unwrap().title, first.title);

    let trash = s.trash_list().unwrap();
    assert_eq!(gone.len(), 1, "the fixture deleted one programme");
    assert!(trash.iter().any(|e| e.id == gone[0]), "{trash:?}");
    s.trash_restore(&gone[0]).unwrap();
    let back = s.get_programme(gone[0].parse().unwrap()).unwrap();
    assert_eq!(back.title, "Dropped: sport and politics");
}

/// A database as schema v14 wrote it while linked to a desk: programmes and people the
/// desk had (their server revisions), then edits, a new programme, a deletion and a
/// merge of two people, all queued for the desk; a change parked and a conflict cached.
const V14_FIXTURE: &str = include_str!("../fixtures/schema-v14.sql");

/// 0015 rebuilds `change` and `desk_outbox`: on a linked database every queued change
/// stays, in its order, with what the desk needs of it, and the queue goes on after it.
#[test]
fn a_linked_v14_database_migrates_keeping_its_queue_and_the_desks_bookkeeping() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v14.db");
    let (tables, before) = {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(V14_FIXTURE).unwrap();
        let v: i64 = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 14);
        let tables = tables(&c);
        let before: Vec<Vec<String>> = tables.iter().map(|(t, cols)| rows(&c, t, cols)).collect();
        (tables, before)
    };
    for name in [
        "desk_link",
        "desk_outbox",
        "desk_entity",
        "desk_rejected",
        "desk_conflict",
        "change",
    ] {
        let at = tables.iter().position(|(t, _)| t == name).unwrap();
        assert!(!before[at].is_empty(), "the fixture has rows of {name}");
    }

    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for ((table, columns), was) in tables.iter().zip(&before) {
            assert_eq!(&rows(&c, table, columns), was, "{table}");
        }
    }
    let desk = s.desk_state().unwrap().unwrap();
    assert_eq!(
        (desk.pending, desk.conflicts, desk.rejected),
        (11, 1, 1),
        "the queue, the cached conflict and the parked change"
    );

    // An edit after the upgrade is queued after the old ones, on the desk's revision.
    let grain = s
        .list_programmes(&ListQuery::default())
        .unwrap()
        .into_iter()
        .find(|p| p.title == "Can the Black Sea grain corridor survive?")
        .unwrap()
        .id;
    let now = s.get_programme(grain).unwrap();
    let mut input = now.to_input();
    input.slot = Some("30m".into());
    s.update_programme(grain, now.revision, &input).unwrap();
    let c = rusqlite::Connection::open(&path).unwrap();
    let last: (i64, i64, i64) = c
        .query_row(
            "SELECT seq, revision, base_revision FROM desk_outbox ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(last, (12, 4, 1));
}
