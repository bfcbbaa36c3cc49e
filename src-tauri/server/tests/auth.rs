use serde_json::json;

use crate::api::{code, create, Served};
use crate::conflict::with_a_conflict;
use crate::support::{everything, invite, ok, server, with_desk};

#[test]
fn no_bad_malformed_or_revoked_tokens_are_unauthorized() {
    let (db, desk) = with_desk();
    let served = Served::start(&db, &[]);
    let sam = served.join(&invite(&db, &desk, "Sam", "editor"));
    assert_eq!(served.get("/v1/desk", Some(&sam.token)).0, 200);

    let (status, body) = served.get("/v1/desk", None);
    assert_eq!((status, code(&body)), (401, "unauthorized"));
    for bad in [
        "".to_string(),
        "nonsense".to_string(),
        sam.token.to_lowercase(),
        format!("{}A", sam.token),
    ] {
        let (status, body) = served.get("/v1/desk", Some(&bad));
        assert_eq!((status, code(&body)), (401, "unauthorized"), "{bad:?}");
    }

    ok(&server(&db, &["revoke", &desk, &sam.id]));
    let (status, body) = served.get("/v1/desk", Some(&sam.token));
    assert_eq!((status, code(&body)), (401, "unauthorized"));
    assert!(
        body["message"].as_str().unwrap().contains("revoked"),
        "{body}"
    );
}

#[test]
fn a_token_answers_for_its_own_desk_only() {
    let (db, desk) = with_desk();
    let other = ok(&server(&db, &["desk", "create", "The Stream"]));
    let served = Served::start(&db, &[]);
    let sam = served.join(&invite(&db, &desk, "Sam", "editor"));
    let ana = served.join(&invite(&db, &other, "Ana", "admin"));
    assert_eq!(
        (sam.desk.as_str(), ana.desk.as_str()),
        (desk.as_str(), other.as_str())
    );
    let (_, mine) = served.get("/v1/desk", Some(&sam.token));
    let (_, theirs) = served.get("/v1/desk", Some(&ana.token));
    assert_eq!(mine["desk"], json!({"id": desk, "name": "Inside Story"}));
    assert_eq!(theirs["desk"], json!({"id": other, "name": "The Stream"}));
}

/// Every call after join, with a body where it takes one.
fn calls(conflict: &str) -> Vec<(&'static str, String, Option<serde_json::Value>)> {
    let id = uuid::Uuid::now_v7().to_string();
    let push = json!({"changes": [create("programme", &id, json!({"title": "Sneaked in"}))]});
    vec![
        ("GET", "/v1/desk".into(), None),
        ("GET", "/v1/pull?after=0".into(), None),
        ("GET", "/v1/conflicts".into(), None),
        ("GET", "/v1/events".into(), None),
        ("POST", "/v1/push".into(), Some(push)),
        (
            "POST",
            format!("/v1/conflicts/{conflict}/resolve"),
            Some(json!({"keep": "mine"})),
        ),
    ]
}

fn call(
    served: &Served,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    match (method, body) {
        ("GET", _) => served.get(path, token),
        (_, Some(body)) => served.post(path, token, body),
        _ => unreachable!(),
    }
}

#[test]
fn every_call_refuses_no_bad_or_revoked_tokens_and_changes_nothing() {
    let (db, desk, served, m) = crate::api::desk_with(&["editor", "editor", "editor"]);
    let conflict = with_a_conflict(&served, &m[0], &m[1]);
    ok(&server(&db, &["revoke", &desk, &m[2].id]));
    let before = everything(&db);
    let bad = "0000000000000000000000000000000000000000000000000000";
    for (method, path, body) in calls(&conflict) {
        for token in [None, Some(bad), Some(m[2].token.as_str())] {
            let (status, answer) = call(&served, method, &path, token, &body);
            assert_eq!(
                (status, code(&answer)),
                (401, "unauthorized"),
                "{method} {path} {token:?}"
            );
        }
    }
    assert_eq!(everything(&db), before);
}

#[test]
fn another_desks_token_sees_and_touches_nothing_of_this_desk() {
    let (db, desk, served, m) = crate::api::desk_with(&["editor", "editor"]);
    let conflict = with_a_conflict(&served, &m[0], &m[1]);
    let other = ok(&server(&db, &["desk", "create", "The Stream"]));
    let stranger = served.join(&invite(&db, &other, "Eve", "admin"));
    let before = everything(&db);
    let (_, pulled) = served.get("/v1/pull?after=0", Some(&stranger.token));
    assert_eq!(
        (pulled["changes"].clone(), pulled["head"].clone()),
        (json!([]), json!(0))
    );
    assert!(served.conflicts(&stranger).is_empty());
    let path = format!("/v1/conflicts/{conflict}/resolve");
    for keep in ["mine", "theirs"] {
        let (status, body) = served.post(&path, Some(&stranger.token), &json!({"keep": keep}));
        assert_eq!(
            (status, code(&body)),
            (404, "not_found"),
            "no oracle: as if it did not exist"
        );
    }
    let (status, _) = served.post(
        "/v1/conflicts/not-a-uuid/resolve",
        Some(&m[0].token),
        &json!({"keep": "mine"}),
    );
    assert_eq!(status, 404);
    assert_eq!(everything(&db), before);
    let _ = desk;
}

#[test]
fn a_viewer_reads_but_every_write_is_forbidden_and_changes_nothing() {
    let (db, _, served, m) = crate::api::desk_with(&["editor", "editor", "viewer"]);
    let conflict = with_a_conflict(&served, &m[0], &m[1]);
    let before = everything(&db);
    for (method, path, body) in calls(&conflict) {
        if path == "/v1/events" {
            continue;
        }
        let (status, answer) = call(&served, method, &path, Some(&m[2].token), &body);
        match method {
            "GET" => assert_eq!(status, 200, "{path}: {answer}"),
            _ => assert_eq!((status, code(&answer)), (403, "forbidden"), "{path}"),
        }
    }
    // Refused before the body is read: a malformed body changes nothing of that.
    let (status, _) = served.post_raw("/v1/push", Some(&m[2].token), b"{", "application/json");
    assert_eq!(status, 403);
    assert_eq!(everything(&db), before);
}
