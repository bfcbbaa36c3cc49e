use serde_json::{json, Value};

use crate::api::{change, code, create, delete, desk_with, update};
use crate::push::{new_id, programme};
use crate::support::sql;

#[test]
fn malformed_or_oversized_pushes_are_refused_whole_and_write_nothing() {
    let (db, _, served, m) = desk_with(&["editor"]);
    let id = new_id();
    let good = create("programme", &id, programme(&id, "Gaza"));
    let mut bad_entity = good.clone();
    bad_entity["entity"] = json!("segment");
    let mut bad_merge = delete("programme", &new_id(), 1, Value::Null);
    bad_merge["mergedInto"] = json!(new_id());
    let mut no_id = good.clone();
    no_id["entityId"] = json!("");
    let mut self_merge = change("person", &id, 1, "merge", Value::Null, Value::Null);
    self_merge["mergedInto"] = json!(id);
    for bad in [bad_entity, bad_merge, no_id, self_merge, json!({"id": "x"})] {
        let (status, body) = served.post(
            "/v1/push",
            Some(&m[0].token),
            &json!({ "changes": [good.clone(), bad.clone()] }),
        );
        assert_eq!((status, code(&body)), (400, "invalid"), "{bad}");
    }
    let many: Vec<Value> = (0..501)
        .map(|_| create("programme", &new_id(), json!({"title": "t"})))
        .collect();
    let (status, body) = served.post("/v1/push", Some(&m[0].token), &json!({ "changes": many }));
    assert_eq!((status, code(&body)), (413, "too_large"));
    let mut huge = good.clone();
    huge["after"]["notes"] = json!("x".repeat(17 << 20));
    let (status, body) = served.post("/v1/push", Some(&m[0].token), &json!({ "changes": [huge] }));
    assert_eq!((status, code(&body)), (413, "too_large"));
    for table in ["change", "entity", "pushed", "conflict"] {
        assert_eq!(
            sql(&db, &format!("SELECT count(*) FROM {table}")),
            "0",
            "{table}"
        );
    }
}

/// A push of `good` then `bad` as the only member: refused whole, 400 `invalid`, the
/// message naming `bad`'s id and `says`.
fn refused(served: &crate::api::Served, token: &str, good: &Value, bad: Value, says: &str) {
    let (status, body) = served.post(
        "/v1/push",
        Some(token),
        &json!({ "changes": [good.clone(), bad.clone()] }),
    );
    assert_eq!((status, code(&body)), (400, "invalid"), "{bad}: {body}");
    let message = body["message"].as_str().unwrap();
    let id = bad["id"].as_str().unwrap_or_default();
    assert!(message.contains(id), "names the change: {message}");
    assert!(message.contains(says), "says {says:?}: {message}");
}

#[test]
fn a_change_no_member_could_apply_is_refused_naming_it_and_its_field_and_nothing_is_written() {
    let (db, _, served, m) = desk_with(&["editor"]);
    let t = &m[0].token;
    let id = new_id();
    let good = create("programme", &id, programme(&id, "Gaza"));
    let state = programme(&id, "Gaza");
    let with = |pointer: &str, value: Value| {
        let mut s = state.clone();
        match s.pointer_mut(pointer) {
            Some(at) => *at = value,
            None => s[pointer.trim_start_matches('/')] = value,
        }
        create("programme", &new_id(), s)
    };
    let person = new_id();
    let cases = [
        (
            create("programme", "show-1", state.clone()),
            "entityId must be a UUID",
        ),
        (
            create("person", "bob", json!({"name": "Bob"})),
            "entityId must be a UUID",
        ),
        (create("series_format", "", json!({})), "entityId"),
        (with("/title", json!(7)), "title must be text"),
        (with("/segments", json!("Intro")), "segments must be a list"),
        (
            with("/segments/1", json!("Panel")),
            "segments[1] must be an object",
        ),
        (
            with("/segments/0/id", json!(1)),
            "segments[0].id must be a segment's id",
        ),
        (
            with("/segments/0/id", json!("s1")),
            "segments[0].id must be a segment's id",
        ),
        (
            with("/guests", json!([{"personId": "bob"}])),
            "guests[0].personId must be a person's id",
        ),
        (
            with("/presenter", json!({"id": 3})),
            "presenter.id must be a person's id",
        ),
        (with("/status", json!("done")), "status must be one of"),
        (
            create("person", &person, json!({"notes": ""})),
            "name must be text",
        ),
        (with("/title", json!("Ga\u{0}za")), "title has a NUL"),
        (with("/notes", json!("x".repeat(1 << 20))), "bytes; at most"),
    ];
    for (bad, says) in cases {
        refused(&served, t, &good, bad, says);
    }
    let mut nul_before = update("programme", &id, 1, state.clone(), state.clone());
    nul_before["before"]["framing"] = json!("\u{0}");
    refused(&served, t, &good, nul_before, "before: framing has a NUL");
    let mut nul_author = good.clone();
    nul_author["id"] = json!(new_id());
    nul_author["author"] = json!("Sam\u{0}");
    refused(&served, t, &good, nul_author, "author has a NUL");
    for at in ["1800-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"] {
        let mut early = create("programme", &new_id(), state.clone());
        early["at"] = json!(at);
        let (status, body) = served.post("/v1/push", Some(t), &json!({ "changes": [early] }));
        assert_eq!((status, code(&body)), (400, "invalid"), "{at}: {body}");
    }
    let mut merged = change("person", &person, 1, "merge", Value::Null, Value::Null);
    merged["mergedInto"] = json!("bob");
    refused(
        &served,
        t,
        &good,
        merged,
        "mergedInto must be a person's id",
    );
    for table in ["change", "entity", "pushed", "conflict"] {
        assert_eq!(
            sql(&db, &format!("SELECT count(*) FROM {table}")),
            "0",
            "{table}"
        );
    }
}

#[test]
fn a_base_revision_newer_than_the_desks_is_invalid_never_an_internal_error() {
    let (db, _, served, m) = desk_with(&["editor"]);
    let id = new_id();
    let state = programme(&id, "Gaza");
    served.push(&m[0], &[create("programme", &id, state.clone())]);
    let other = new_id();
    let good = create("programme", &other, programme(&other, "Other"));
    let ahead = update("programme", &id, 5, state.clone(), state);
    refused(
        &served,
        &m[0].token,
        &good,
        ahead,
        "baseRevision 5 is newer than the desk's revision 1",
    );
    assert_eq!(
        sql(&db, "SELECT count(*) FROM change"),
        "1",
        "nothing of that push"
    );
}
