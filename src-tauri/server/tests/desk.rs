use crate::support::{fails, migrated, ok, server, sql};

#[test]
fn creating_a_desk_prints_its_new_uuid_v7_and_stores_it_once() {
    let db = migrated();
    let id = ok(&server(&db, &["desk", "create", "  Inside Story "]));
    let uuid = uuid::Uuid::parse_str(&id).expect("a UUID on stdout alone");
    assert_eq!(uuid.get_version_num(), 7);
    assert_eq!(
        sql(&db, "SELECT id, name FROM desk"),
        format!("{id}|Inside Story")
    );
    let other = ok(&server(&db, &["desk", "create", "Inside Story"]));
    assert_ne!(other, id, "a name is not an identity");
}

#[test]
fn an_empty_or_multiline_name_is_refused_as_usage() {
    let db = migrated();
    for bad in ["", "  ", "Inside\nStory"] {
        let err = fails(&server(&db, &["desk", "create", bad]), 2);
        assert!(err.contains("name"), "{err}");
    }
    assert_eq!(sql(&db, "SELECT count(*) FROM desk"), "0");
}
