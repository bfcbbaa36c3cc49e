//! A database linked to a desk refuses, before it is made, a change to a programme
//! another member locked for air (as last heard), and a viewer's refuses every change;
//! changes pulled from the desk and a person merge still go.

use crate::desk::tests::{count, linked};
use crate::error::Error;
use crate::programme::model::{PersonInput, ProgrammeInput};
use crate::store::db::Store;

/// Records in `s`'s lock table that `holder` (a member id) locked `programme`.
fn heard_lock(s: &Store, programme: &str, holder: &str, name: &str) {
    let tx = s.write().unwrap();
    tx.execute(
        "INSERT INTO desk_lock (entity, entity_id, member_id, member_name, since)
         VALUES ('programme', ?1, ?2, ?3, 1767272520000)",
        [programme, holder, name],
    )
    .unwrap();
    tx.commit().unwrap();
}

fn me(s: &Store) -> String {
    s.conn
        .query_row("SELECT member_id FROM desk_link", [], |r| r.get(0))
        .unwrap()
}

fn input(title: &str, guests: &[&str]) -> ProgrammeInput {
    ProgrammeInput {
        title: title.into(),
        guests: guests
            .iter()
            .map(|g| PersonInput {
                name: (*g).into(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

#[test]
fn an_edit_to_a_programme_another_member_locked_is_refused_naming_them() {
    let mut s = linked();
    let p = s.create_programme(&input("Water", &[])).unwrap();
    let queued = count(&s, "SELECT count(*) FROM desk_outbox");
    heard_lock(
        &s,
        &p.id.to_string(),
        &uuid::Uuid::now_v7().to_string(),
        "Maria Lopez",
    );

    let e = s
        .update_programme(p.id, p.revision, &input("Water, live", &[]))
        .unwrap_err();
    assert!(matches!(e, Error::Locked { .. }), "{e:?}");
    assert_eq!(e.code(), "locked");
    assert_eq!(
        e.to_string(),
        "Maria Lopez locked this programme for air at 13:02 UTC; it cannot be changed until \
         Maria Lopez unlocks it"
    );
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["code"], "locked");
    assert!(s.delete_programme(p.id, None).is_err());
    assert_eq!(s.get_programme(p.id).unwrap().title, "Water");
    assert_eq!(count(&s, "SELECT count(*) FROM desk_outbox"), queued);

    let locks = s.desk_locks().unwrap();
    assert_eq!(locks.len(), 1);
    assert!(!locks[0].mine);
    assert_eq!(locks[0].member_name, "Maria Lopez");

    // Another programme is not locked.
    s.create_programme(&input("Oil", &[])).unwrap();
}

#[test]
fn my_own_lock_leaves_my_edits_alone() {
    let mut s = linked();
    let p = s.create_programme(&input("Water", &[])).unwrap();
    let mine = me(&s);
    heard_lock(&s, &p.id.to_string(), &mine, "Ann");
    assert!(s.desk_locks().unwrap()[0].mine);
    let p = s
        .update_programme(p.id, p.revision, &input("Water, live", &[]))
        .unwrap();
    assert_eq!(p.title, "Water, live");
}

#[test]
fn a_person_merge_still_moves_a_locked_programmes_line_up() {
    let mut s = linked();
    let keep = s
        .create_programme(&input("Water", &["Selam Tesfaye"]))
        .unwrap();
    let p = s
        .create_programme(&input("Oil", &["Selam Tesfay"]))
        .unwrap();
    heard_lock(
        &s,
        &p.id.to_string(),
        &uuid::Uuid::now_v7().to_string(),
        "Maria Lopez",
    );
    let (keep, drop) = (keep.guests[0].person_id, p.guests[0].person_id);
    s.merge_people(keep, drop).unwrap();
    let after = s.get_programme(p.id).unwrap();
    assert!(
        after.guests.iter().all(|g| g.person_id == keep),
        "{after:?}"
    );
}

#[test]
fn a_viewers_database_refuses_every_change_but_keeps_local_settings() {
    let mut s = linked();
    let tx = s.write().unwrap();
    tx.execute("UPDATE desk_link SET role = 'viewer'", [])
        .unwrap();
    tx.commit().unwrap();
    let e = s.create_programme(&input("Water", &[])).unwrap_err();
    assert_eq!(e.code(), "read_only");
    assert!(
        e.to_string().starts_with("You are a viewer on this desk"),
        "{e}"
    );
    assert_eq!(count(&s, "SELECT count(*) FROM programme"), 0);
    assert_eq!(count(&s, "SELECT count(*) FROM desk_outbox"), 0);
    // What stays on this machine is this machine's to set.
    s.set_setting("author.name", "Vi").unwrap();
    assert!(matches!(
        s.desk_lock(crate::ids::ProgrammeId::new()),
        Err(Error::ReadOnly)
    ));
}

#[test]
fn the_last_change_names_its_author_and_revision() {
    let mut s = linked();
    s.set_author("Ann").unwrap();
    let p = s.create_programme(&input("Water", &[])).unwrap();
    s.set_author("Bo").unwrap();
    let p = s
        .update_programme(p.id, p.revision, &input("Water, live", &[]))
        .unwrap();
    let last = s
        .last_change(greenroom_protocol::Entity::Programme, &p.id.to_string())
        .unwrap()
        .unwrap();
    assert_eq!((last.author.as_str(), last.revision), ("Bo", p.revision));
    assert!(s
        .last_change(greenroom_protocol::Entity::Person, "nobody")
        .unwrap()
        .is_none());
}
