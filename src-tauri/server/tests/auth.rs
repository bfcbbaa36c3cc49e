use serde_json::json;

use crate::api::{code, Served};
use crate::support::{invite, ok, server, with_desk};

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
