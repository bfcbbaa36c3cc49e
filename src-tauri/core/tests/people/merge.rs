use greenroom_core::Programme;
use serde_json::Value;

use super::{id_of, show, sql, temp_store};

/// A programme as JSON without what any write changes (revision, updatedAt).
fn comparable(p: &Programme) -> Value {
    let mut v = serde_json::to_value(p).unwrap();
    let o = v.as_object_mut().unwrap();
    o.remove("revision");
    o.remove("updatedAt");
    v
}

fn appearances(path: &std::path::Path, id: greenroom_core::PersonId) -> i64 {
    sql(path)
        .query_row(
            "SELECT count(*) FROM appearance WHERE person_id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .unwrap()
}

/// Every person row except the kept person's revision and updated_at.
fn people_rows(path: &std::path::Path) -> Vec<String> {
    let db = sql(path);
    let mut st = db
        .prepare(
            "SELECT json_object('id', id, 'name', name, 'affiliation', affiliation,
                    'notes', notes, 'email', email, 'phone', phone, 'city', base_city,
                    'expertise', expertise, 'key', match_key, 'created', created_at)
             FROM person ORDER BY id",
        )
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn merge_keeps_every_appearance_fills_details_and_undo_restores_exactly() {
    let (_d, path, mut store) = temp_store();
    let a1 = show(&mut store, "A1", &["Tarık Oğuzlu"], Some("Tarık Oğuzlu"));
    let a2 = show(&mut store, "A2", &["Tarık Oğuzlu"], None);
    let b1 = show(&mut store, "B1", &["Tarik Oguzlu"], Some("Tarik Oguzlu"));
    let keep = id_of(&store, "Tarık Oğuzlu");
    let drop = id_of(&store, "Tarik Oguzlu");
    let db = sql(&path);
    db.execute(
        "UPDATE person SET email = 'keep@example.org', expertise = '[\"Turkey\"]'
         WHERE id = ?1",
        [keep.to_string()],
    )
    .unwrap();
    db.execute(
        "UPDATE person SET email = 'drop@example.org', phone = '+90 312 000 0000',
                base_city = 'Ankara', expertise = '[\"NATO\", \"Turkey\"]', notes = 'Prefers Zoom'
         WHERE id = ?1",
        [drop.to_string()],
    )
    .unwrap();
    let before: Vec<Value> = [&a1, &a2, &b1]
        .iter()
        .map(|p| comparable(&store.get_programme(p.id).unwrap()))
        .collect();
    let people_before = people_rows(&path);
    let list_before: Vec<_> = store
        .list_people()
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    assert_eq!((appearances(&path, keep), appearances(&path, drop)), (2, 1));

    let m = store.merge_people(keep, drop).unwrap();
    assert_eq!(m.programmes, vec![b1.id]);
    assert_eq!(m.drop_name, "Tarik Oguzlu");
    assert_eq!(m.filled, ["base_city", "expertise", "notes", "phone"]);
    assert_eq!(appearances(&path, keep), 3);
    let b1_merged = store.get_programme(b1.id).unwrap();
    assert_eq!(b1_merged.guests[0].person_id, keep);
    assert_eq!(b1_merged.segments[0].people[0].id, keep);
    assert_eq!(
        b1_merged.revision,
        b1.revision + 1,
        "open editors must conflict"
    );
    assert_eq!(store.get_programme(a1.id).unwrap().revision, a1.revision);
    assert!(store.get_person(drop).is_err());
    let (email, phone, city, expertise, notes): (String, String, String, String, String) = db
        .query_row(
            "SELECT email, phone, base_city, expertise, notes FROM person WHERE id = ?1",
            [keep.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(email, "keep@example.org", "never overwritten");
    assert_eq!(phone, "+90 312 000 0000");
    assert_eq!(city, "Ankara");
    assert_eq!(expertise, r#"["Turkey","NATO"]"#);
    // Notes are exported; contact details are not, so the other address is not
    // copied there (undo brings it back with the dropped person).
    assert!(!notes.contains("drop@example.org"), "{notes}");
    assert!(notes.contains("Prefers Zoom"), "{notes}");
    assert!(store.possible_duplicates().unwrap().is_empty());

    store.undo_merge(m.id).unwrap();
    let after: Vec<Value> = [&a1, &a2, &b1]
        .iter()
        .map(|p| comparable(&store.get_programme(p.id).unwrap()))
        .collect();
    assert_eq!(before, after);
    assert_eq!(people_rows(&path), people_before);
    let list_after: Vec<_> = store
        .list_people()
        .unwrap()
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    assert_eq!(list_before, list_after);
    assert_eq!((appearances(&path, keep), appearances(&path, drop)), (2, 1));
    assert!(store.get_programme(b1.id).unwrap().revision > b1_merged.revision);
    assert!(store.get_merge(m.id).unwrap().undone_at.is_some());

    let e = store.undo_merge(m.id).unwrap_err();
    assert_eq!(e.code(), "validation");
    assert!(e.to_string().contains("already been undone"), "{e}");
}

#[test]
fn refused_merges_change_nothing() {
    let (_d, _p, mut store) = temp_store();
    show(
        &mut store,
        "Together",
        &["Tarik Oguzlu", "Tarık Oğuzlu"],
        None,
    );
    let (a, b) = (id_of(&store, "Tarik Oguzlu"), id_of(&store, "Tarık Oğuzlu"));
    let e = store.merge_people(a, a).unwrap_err();
    assert_eq!(e.code(), "validation");
    assert!(e.to_string().contains("themselves"), "{e}");
    let e = store.merge_people(a, b).unwrap_err();
    assert_eq!(e.code(), "validation");
    assert!(e.to_string().contains("both appear on “Together”"), "{e}");
    assert_eq!(store.list_people().unwrap().len(), 3);
    let e = store
        .merge_people(a, greenroom_core::PersonId::new())
        .unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert_eq!(store.undo_merge(99).unwrap_err().code(), "not_found");
}

#[test]
fn undo_of_a_merge_whose_survivor_was_merged_away_asks_for_the_later_one_first() {
    let (_d, _p, mut store) = temp_store();
    show(&mut store, "1", &["Anatol Lieven"], None);
    show(&mut store, "2", &["Dr. Anatol Lieven"], None);
    show(&mut store, "3", &["A. Lieven"], None);
    let (x, y, z) = (
        id_of(&store, "Anatol Lieven"),
        id_of(&store, "Dr. Anatol Lieven"),
        id_of(&store, "A. Lieven"),
    );
    let first = store.merge_people(y, z).unwrap();
    let second = store.merge_people(x, y).unwrap();
    let e = store.undo_merge(first.id).unwrap_err();
    assert!(
        e.to_string().contains(&format!("undo merge {}", second.id)),
        "{e}"
    );
    store.undo_merge(second.id).unwrap();
    store.undo_merge(first.id).unwrap();
    assert_eq!(store.list_people().unwrap().len(), 4);
    assert_eq!(store.list_merges().unwrap().len(), 2);
}
