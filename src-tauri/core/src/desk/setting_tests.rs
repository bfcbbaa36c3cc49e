//! The desk's settings: a booking-warning threshold changed here is recorded and
//! queued as a change of kind `setting`, one pulled is applied, and the settings that
//! stay on each machine are never queued nor taken from the desk. A pulled change
//! this build cannot read is parked, not a stop.

use chrono::Utc;
use greenroom_protocol::{Entity, Operation, ServerChange, FORMAT};
use serde_json::json;

use crate::desk::pull::{apply_page, apply_read, Page, RawPage};
use crate::desk::tests::{count, linked};
use crate::store::db::Store;

fn setting(seq: i64, key: &str, revision: i64, value: Option<&str>) -> ServerChange {
    ServerChange {
        seq,
        entity: Entity::Setting,
        entity_id: key.into(),
        revision,
        id: uuid::Uuid::now_v7(),
        operation: if value.is_some() {
            Operation::Update
        } else {
            Operation::Delete
        },
        author: "Bo".into(),
        at: Utc::now(),
        format: FORMAT,
        changes: Vec::new(),
        after: value.map(|v| json!({ "value": v }).as_object().cloned().unwrap()),
        merged_into: None,
    }
}

/// The queued changes: (entity, entity id, operation, author, after).
fn outbox(s: &Store) -> Vec<(String, String, String, String, Option<String>)> {
    let mut st = s
        .conn
        .prepare("SELECT entity, entity_id, operation, author, after FROM desk_outbox ORDER BY seq")
        .unwrap();
    let rows = st.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    });
    rows.unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_booking_threshold_changed_here_is_queued_for_the_desk_and_local_settings_are_not() {
    let mut s = linked();
    s.set_setting("trash.days", "60").unwrap();
    s.set_setting("backup.keep", "3").unwrap();
    s.set_setting("default.series", "Inside Story").unwrap();
    assert!(outbox(&s).is_empty(), "local settings stay here");
    s.set_setting("warn.recent-days", "21").unwrap();
    // Setting it to what it already is changes nothing and queues nothing.
    s.set_setting("warn.recent-days", " 21").unwrap();
    s.store_setting("warn.recent-days", None).unwrap();
    let after = |v: &str| Some(json!({ "value": v }).to_string());
    let queued = |op: &str, after: Option<String>| {
        let (e, k) = ("setting".to_string(), "warn.recent-days".to_string());
        (e, k, op.to_string(), "Ann".to_string(), after)
    };
    // No author.name here: changes are the member's, by the name the desk knows.
    assert_eq!(
        outbox(&s),
        vec![queued("create", after("21")), queued("delete", None)]
    );
    s.set_setting("author.name", "Ann Local").unwrap();
    s.set_setting("warn.max-in-90-days", "5").unwrap();
    let last = outbox(&s).pop().unwrap();
    assert_eq!(
        (last.1.as_str(), last.3.as_str()),
        ("warn.max-in-90-days", "Ann Local")
    );
    assert_eq!(
        count(&s, "SELECT count(*) FROM change WHERE entity = 'setting'"),
        3
    );
    // A cleared setting is gone, but it is nothing the trash offers back.
    assert!(s.trash_list().unwrap().is_empty());
}

#[test]
fn without_a_desk_a_threshold_change_is_recorded_and_nothing_is_queued() {
    let mut s = Store::open_in_memory().unwrap();
    s.set_setting("warn.recent-days", "21").unwrap();
    assert_eq!(count(&s, "SELECT count(*) FROM desk_outbox"), 0);
    assert_eq!(
        count(&s, "SELECT count(*) FROM change WHERE entity = 'setting'"),
        1
    );
}

#[test]
fn a_pulled_threshold_is_applied_and_a_pulled_local_or_bad_setting_is_parked() {
    let mut s = linked();
    s.set_setting("author.name", "Mine").unwrap();
    apply_page(
        &s,
        &[
            setting(1, "warn.max-in-90-days", 1, Some("5")),
            setting(2, "author.name", 1, Some("Theirs")),
            setting(3, "warn.recent-days", 1, Some("many")),
            setting(4, "warn.recent-days", 2, Some("30")),
        ],
    )
    .unwrap();
    let booking = s.booking_settings().unwrap();
    assert_eq!((booking.recent_days, booking.max_in_90_days), (30, 5));
    assert_eq!(s.settings().unwrap().author_name.as_deref(), Some("Mine"));
    assert_eq!(
        count(&s, "SELECT count(*) FROM desk_outbox"),
        0,
        "not sent back"
    );
    let parked: Vec<i64> = {
        let mut st = s
            .conn
            .prepare("SELECT seq FROM desk_rejected ORDER BY n")
            .unwrap();
        let rows = st.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(parked, [2, 3]);
    assert_eq!(count(&s, "SELECT pulled_seq FROM desk_link"), 4);
    // Cleared on the desk: the default again.
    apply_page(&s, &[setting(5, "warn.max-in-90-days", 2, None)]).unwrap();
    assert_eq!(s.booking_settings().unwrap().max_in_90_days, 3);
}

#[test]
fn a_threshold_edited_here_while_the_desk_changed_the_other_keeps_both() {
    let mut s = linked();
    apply_page(&s, &[setting(1, "warn.recent-days", 1, Some("30"))]).unwrap();
    s.set_setting("warn.max-in-90-days", "7").unwrap();
    apply_page(&s, &[setting(2, "warn.recent-days", 2, Some("10"))]).unwrap();
    let booking = s.booking_settings().unwrap();
    assert_eq!((booking.recent_days, booking.max_in_90_days), (10, 7));
    let queued = outbox(&s);
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].1, "warn.max-in-90-days");
}

/// What a client one version older does with a kind of entity it does not know
/// (as a build without `setting` did): parks it and moves on.
#[test]
fn a_pulled_change_of_a_kind_this_build_does_not_know_is_parked_and_passed() {
    let s = linked();
    let known = serde_json::to_value(setting(2, "warn.recent-days", 1, Some("9"))).unwrap();
    let mut unknown = known.clone();
    unknown["seq"] = json!(3);
    unknown["entity"] = json!("checklist");
    unknown["entityId"] = json!("c1");
    let raw: RawPage = serde_json::from_value(json!({
        "changes": [known, unknown], "head": 3, "more": false
    }))
    .unwrap();
    let page = Page::read(raw).unwrap();
    assert_eq!((page.changes.len(), page.unread.len()), (1, 1));
    apply_read(&s, &page.changes, &page.unread, 3).unwrap();
    assert_eq!(s.booking_settings().unwrap().recent_days, 9);
    assert_eq!(count(&s, "SELECT pulled_seq FROM desk_link"), 3);
    let (entity, id, reason): (String, String, String) = s
        .conn
        .query_row(
            "SELECT entity, entity_id, reason FROM desk_rejected WHERE seq = 3",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((entity.as_str(), id.as_str()), ("checklist", "c1"));
    assert!(reason.contains("cannot read"), "{reason}");
}
