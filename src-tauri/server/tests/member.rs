use greenroom_testkit::postgres::Database;

use crate::support::{fails, ok, server, sql, with_desk};

/// A member as redeeming an invite will make one (the next step of the desk).
fn add_member(db: &Database, desk: &str, name: &str) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    sql(
        db,
        &format!(
            "INSERT INTO member (id, desk_id, name, role, token_hash)
             VALUES ('{id}', '{desk}', '{name}', 'editor', sha256('{id}'::bytea))"
        ),
    );
    id
}

fn revoked_at(db: &Database, id: &str) -> String {
    sql(
        db,
        &format!("SELECT revoked_at FROM member WHERE id = '{id}'"),
    )
}

#[test]
fn revoking_by_id_marks_only_that_member_and_again_changes_nothing() {
    let (db, desk) = with_desk();
    let sam = add_member(&db, &desk, "Sam");
    let ana = add_member(&db, &desk, "Ana");
    let said = ok(&server(&db, &["revoke", &desk, &sam]));
    assert!(said.starts_with(&format!("revoked Sam ({sam})")), "{said}");
    let at = revoked_at(&db, &sam);
    assert!(!at.is_empty());
    assert_eq!(revoked_at(&db, &ana), "");

    let again = ok(&server(&db, &["revoke", &desk, &sam]));
    assert!(again.contains("was already revoked"), "{again}");
    assert_eq!(
        revoked_at(&db, &sam),
        at,
        "the first revocation's time stays"
    );
}

#[test]
fn a_member_can_be_named_unless_the_name_is_shared() {
    let (db, desk) = with_desk();
    let ana = add_member(&db, &desk, "Ana");
    ok(&server(&db, &["revoke", &desk, "Ana"]));
    assert!(!revoked_at(&db, &ana).is_empty());

    let first = add_member(&db, &desk, "Sam");
    let second = add_member(&db, &desk, "Sam");
    let err = fails(&server(&db, &["revoke", &desk, "Sam"]), 2);
    assert!(err.contains(&first) && err.contains(&second), "{err}");
    assert_eq!(revoked_at(&db, &first), "");
    assert_eq!(revoked_at(&db, &second), "");
}

#[test]
fn an_unknown_member_or_desk_or_another_desks_member_is_not_found() {
    let (db, desk) = with_desk();
    let other_desk = ok(&server(&db, &["desk", "create", "The Stream"]));
    let theirs = add_member(&db, &other_desk, "Sam");
    for member in [
        uuid::Uuid::now_v7().to_string(),
        "Nobody".into(),
        theirs.clone(),
    ] {
        let err = fails(&server(&db, &["revoke", &desk, &member]), 4);
        assert!(err.contains("no member"), "{err}");
    }
    let nowhere = uuid::Uuid::now_v7().to_string();
    let err = fails(&server(&db, &["revoke", &nowhere, &theirs]), 4);
    assert!(err.contains("no desk"), "{err}");
    assert_eq!(revoked_at(&db, &theirs), "");
}

#[test]
fn every_member_sees_the_desks_members_and_nothing_secret() {
    let (db, _, served, m) = crate::api::desk_with(&["admin", "editor", "viewer"]);
    ok(&server(&db, &["revoke", &m[1].desk, &m[1].id]));
    let (status, body) = served.get("/v1/members", Some(&m[2].token));
    assert_eq!(status, 200, "{body}");
    let members = body["members"].as_array().unwrap();
    let seen: Vec<_> = members
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap(),
                p["role"].as_str().unwrap(),
                p["revoked"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Member 0", "admin", false),
            ("Member 1", "editor", true),
            ("Member 2", "viewer", false)
        ]
    );
    assert_eq!(members[2]["id"], serde_json::json!(m[2].id));
    // Sorted: a workspace build turns on serde_json's preserve_order (through Tauri),
    // which keeps the server's order instead.
    let mut keys: Vec<_> = members[0].as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["id", "name", "revoked", "role"]);
    // The revoked member's token no longer reads them.
    let (status, _) = served.get("/v1/members", Some(&m[1].token));
    assert_eq!(status, 401);
}
