//! `store/outbox.rs`: a change to a database linked to a desk is queued in the
//! transaction that makes it, with the states the desk merges by; without a link
//! nothing is queued at all.

use greenroom_core::{ProgrammeInput, Store};
use rusqlite::Connection;
use serde_json::Value;

use greenroom_core::programme::segment::SegmentKind;
use greenroom_testkit::input::seg;

use super::{person, programme};

/// Links the database at `path` to a desk as `desk join` would, without a server.
pub fn link(path: &std::path::Path) {
    Connection::open(path)
        .unwrap()
        .execute(
            "INSERT INTO desk_link (one, server, desk_id, desk_name, member_id, member_name, role)
             VALUES (1, 'http://127.0.0.1:9', ?1, 'Desk', ?2, 'Ann', 'editor')",
            [
                uuid::Uuid::now_v7().to_string(),
                uuid::Uuid::now_v7().to_string(),
            ],
        )
        .unwrap();
}

/// The queued rows: (id, client_op, entity, operation, base_revision, before, after,
/// merged_into), in order.
type Row = (
    String,
    String,
    String,
    String,
    i64,
    Option<Value>,
    Option<Value>,
    Option<String>,
);

fn outbox(path: &std::path::Path) -> Vec<Row> {
    let c = Connection::open(path).unwrap();
    let json = |s: Option<String>| s.map(|s| serde_json::from_str::<Value>(&s).unwrap());
    let mut st = c
        .prepare(
            "SELECT id, client_op, entity, operation, base_revision, before, after, merged_into
             FROM desk_outbox ORDER BY seq",
        )
        .unwrap();
    st.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            json(r.get(5)?),
            json(r.get(6)?),
            r.get(7)?,
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

fn record_ids(path: &std::path::Path) -> Vec<String> {
    let c = Connection::open(path).unwrap();
    let mut st = c.prepare("SELECT id FROM change ORDER BY id").unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn with_guests(title: &str, guests: &[&str]) -> ProgrammeInput {
    ProgrammeInput {
        guests: guests.iter().map(|g| person(g, None)).collect(),
        segments: Some(vec![
            seg(SegmentKind::Intro, "Set-up", "1m", &[]),
            seg(SegmentKind::Discussion, "Talk", "10m", &[]),
        ]),
        ..programme(title)
    }
}

#[test]
fn without_a_desk_nothing_is_queued() {
    let (_d, path, mut s) = greenroom_testkit::temp_store();
    let p = s.create_programme(&with_guests("A", &["Ann Lee"])).unwrap();
    let mut input = p.to_input();
    input.title = "B".into();
    s.update_programme(p.id, p.revision, &input).unwrap();
    s.delete_programme(p.id, None).unwrap();
    assert!(!record_ids(&path).is_empty());
    assert!(outbox(&path).is_empty());
}

#[test]
fn a_linked_database_queues_each_record_with_its_states_in_the_same_write() {
    let (_d, path, s) = greenroom_testkit::temp_store();
    drop(s);
    link(&path);
    let mut s = Store::open(&path).unwrap();

    let p = s
        .create_programme(&with_guests("Water", &["Ann Lee", "Bo Yu"]))
        .unwrap();
    let rows = outbox(&path);
    let kinds: Vec<_> = rows.iter().map(|r| (r.2.as_str(), r.3.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("person", "create"),
            ("person", "create"),
            ("programme", "create")
        ]
    );
    assert!(
        rows.iter().all(|r| r.1 == rows[0].1),
        "one write, one client op"
    );
    let created = &rows[2];
    assert_eq!((created.4, &created.5), (0, &None));
    assert_eq!(created.6.as_ref().unwrap()["title"], "Water");
    let mut ids: Vec<_> = rows.iter().map(|r| r.0.clone()).collect();
    ids.sort();
    assert_eq!(ids, record_ids(&path), "queued under the records' own ids");

    let mut input = p.to_input();
    input.title = "Water, again".into();
    let saved = s.update_programme(p.id, p.revision, &input).unwrap();
    // A write that fails (a stale revision) queues nothing.
    assert!(s.update_programme(p.id, p.revision, &input).is_err());
    let rows = outbox(&path);
    assert_eq!(rows.len(), 4);
    let update = &rows[3];
    assert_ne!(update.1, rows[0].1, "another write, another op");
    assert_eq!(update.5.as_ref().unwrap()["title"], "Water");
    assert_eq!(update.6.as_ref().unwrap()["title"], "Water, again");
    // The recorded state: segments by id, without the computed fields.
    let segments = update.6.as_ref().unwrap()["segments"].as_array().unwrap();
    let ids: Vec<_> = segments.iter().map(|s| s["id"].to_string()).collect();
    let saved_ids: Vec<_> = saved
        .segments
        .iter()
        .map(|s| format!("{:?}", s.id.to_string()))
        .collect();
    assert_eq!((ids.len(), ids), (2, saved_ids));
    assert!(segments.iter().all(|s| s.get("start").is_none()));

    // A person merged away is gone, and says where to.
    s.create_programme(&with_guests("Oil", &["B. Yu"])).unwrap();
    let ann = s.find_people_by_name("Ann Lee").unwrap()[0].id;
    let bo = s.find_people_by_name("B. Yu").unwrap()[0].id;
    s.merge_people(ann, bo).unwrap();
    let rows = outbox(&path);
    let dropped = rows
        .iter()
        .find(|r| r.2 == "person" && r.6.is_none())
        .unwrap();
    assert_eq!(dropped.3, "merge");
    assert_eq!(dropped.7.as_deref(), Some(ann.to_string().as_str()));
    assert_eq!(dropped.5.as_ref().unwrap()["name"], "B. Yu");
    assert_eq!(s.writes_outside_helper(), 0);
}
