//! `trash.rs`: what was deleted stays restorable for the days of `trash.days`, and
//! emptying the trash removes it for good.

use greenroom_testkit::input::{person, programme};
use greenroom_testkit::temp_store;
use rusqlite::Connection;

#[test]
fn the_trash_keeps_deletions_for_its_days_and_empties_by_age() {
    let (_d, db, mut store) = temp_store();
    let mut ids = Vec::new();
    for title in ["Old news", "Last week", "Today"] {
        let mut input = programme(title);
        input.guests = vec![person("Anatol Lieven", Some("Quincy Institute"))];
        let p = store.create_programme(&input).unwrap();
        store.delete_programme(p.id, Some(1)).unwrap();
        ids.push(p.id);
    }
    // Deleted 40 and 8 days ago: the clock of this machine, moved back by hand.
    let conn = Connection::open(&db).unwrap();
    for (id, days) in [(ids[0], 40), (ids[1], 8)] {
        conn.execute(
            "UPDATE change SET at = at - ?2 * 86400000 WHERE entity_id = ?1",
            rusqlite::params![id.to_string(), days],
        )
        .unwrap();
    }
    let names = |s: &greenroom_core::Store| -> Vec<String> {
        s.trash_list()
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect()
    };
    assert_eq!(names(&store), ["Today", "Last week"], "30 days unless set");
    assert_eq!(store.settings().unwrap().trash_days, 30);
    store.set_setting("trash.days", "7").unwrap();
    assert_eq!(names(&store), ["Today"]);
    assert_eq!(
        store.set_setting("trash.days", "0").unwrap_err().code(),
        "validation"
    );

    // What is past its days goes for good: no history left, no restore.
    assert_eq!(store.empty_expired_trash().unwrap(), 2);
    assert_eq!(
        store.programme_history(ids[1]).unwrap_err().code(),
        "not_found"
    );
    assert_eq!(
        store.trash_restore(&ids[1].to_string()).unwrap_err().code(),
        "not_found"
    );
    store.set_setting("trash.days", "30").unwrap();
    assert_eq!(names(&store), ["Today"]);
    assert_eq!(store.empty_trash(Some(1)).unwrap(), 0);
    assert_eq!(store.empty_trash(None).unwrap(), 1);
    assert!(store.trash_list().unwrap().is_empty());
}

#[test]
fn a_merged_away_person_is_in_the_trash_until_emptied_then_the_merge_stays() {
    let (_d, _, mut store) = temp_store();
    let mut a = programme("One");
    a.guests = vec![person("Anatol Lieven", None)];
    store.create_programme(&a).unwrap();
    let mut b = programme("Two");
    b.guests = vec![person("A. Lieven", Some("Quincy Institute"))];
    store.create_programme(&b).unwrap();
    let keep = store.find_person("Anatol Lieven").unwrap();
    let drop = store.find_person("A. Lieven").unwrap();
    let merge = store.merge_people(keep.id, drop.id).unwrap();
    let trash = store.trash_list().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].name, "A. Lieven");
    assert_eq!(trash[0].detail, "merged into Anatol Lieven");
    assert_eq!(store.empty_trash(None).unwrap(), 1);
    let e = store.undo_merge(merge.id).unwrap_err();
    assert!(e.to_string().contains("emptied from the trash"), "{e}");
    assert_eq!(store.find_person("Anatol Lieven").unwrap().id, keep.id);
}
