use serde_json::json;

use crate::api::{code, Served};
use crate::support::{invite, sql, with_desk};

#[test]
fn a_code_makes_a_member_with_a_token_stored_only_as_its_hash() {
    let (db, desk) = with_desk();
    let served = Served::start(&db, &[]);
    let code_ = invite(&db, &desk, "Sam Booker", "editor");
    let (status, body) = served.post("/v1/join", None, &json!({ "code": code_.to_lowercase() }));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["desk"], json!({"id": desk, "name": "Inside Story"}));
    assert_eq!(body["member"]["name"], json!("Sam Booker"));
    assert_eq!(body["member"]["role"], json!("editor"));
    let token = body["token"].as_str().unwrap();
    assert!(token.len() >= 26, "at least 128 bits: {token}");
    let member = body["member"]["id"].as_str().unwrap();
    assert_eq!(
        sql(
            &db,
            &format!("SELECT name, role FROM member WHERE id = '{member}'")
        ),
        "Sam Booker|editor"
    );
    let dump = greenroom_testkit::postgres::Cluster::shared().dump(&db.name);
    assert!(!dump.contains(token), "the token itself is not stored");

    let (status, status_body) = served.get("/v1/desk", Some(token));
    assert_eq!(status, 200);
    assert_eq!(status_body["member"], body["member"]);
    assert_eq!(status_body["head"], json!(0));
}

#[test]
fn a_code_works_once_and_a_used_or_expired_or_wrong_one_is_refused() {
    let (db, desk) = with_desk();
    let served = Served::start(&db, &[]);
    let used = invite(&db, &desk, "Sam", "editor");
    served.join(&used);
    let expired = invite(&db, &desk, "Ana", "viewer");
    sql(
        &db,
        "UPDATE invite SET expires_at = now() - interval '1 second' WHERE name = 'Ana'",
    );
    // Each its own code, so a client says what to do; every one says whom to ask.
    for (code_, word, says) in [
        (used.as_str(), "invite_used", "already used"),
        (expired.as_str(), "invite_expired", "expired"),
        (
            "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789",
            "invite_unknown",
            "no invite",
        ),
    ] {
        let (status, body) = served.post("/v1/join", None, &json!({ "code": code_ }));
        assert_eq!((status, code(&body)), (401, word));
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(says), "{body}");
        assert!(message.contains("ask your desk's admin"), "{body}");
    }
    assert_eq!(sql(&db, "SELECT string_agg(name, ',') FROM member"), "Sam");
}

#[test]
fn two_instances_redeeming_one_code_at_once_make_one_member() {
    let (db, desk) = with_desk();
    let a = Served::start(&db, &[]);
    let b = Served::start(&db, &[]);
    for round in 0..5 {
        let code_ = invite(&db, &desk, &format!("Sam {round}"), "editor");
        let body = json!({ "code": code_ });
        let (ra, rb) = std::thread::scope(|s| {
            let ta = s.spawn(|| a.post("/v1/join", None, &body).0);
            let tb = s.spawn(|| b.post("/v1/join", None, &body).0);
            (ta.join().unwrap(), tb.join().unwrap())
        });
        let mut got = [ra, rb];
        got.sort();
        assert_eq!(got, [200, 401], "round {round}");
    }
    assert_eq!(sql(&db, "SELECT count(*) FROM member"), "5");
}

#[test]
fn join_attempts_are_limited_per_address_and_in_all_across_instances() {
    let (db, desk) = with_desk();
    let a = Served::start(&db, &["--join-limit-per-address", "3"]);
    let b = Served::start(&db, &["--join-limit-per-address", "3"]);
    let wrong = json!({ "code": "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789" });
    let statuses: Vec<u16> = (0..4)
        .map(|i| [&a, &b][i % 2].post("/v1/join", None, &wrong).0)
        .collect();
    assert_eq!(
        statuses,
        [401, 401, 401, 429],
        "counted in the database, not per instance"
    );
    let good = invite(&db, &desk, "Sam", "editor");
    let (status, body) = a.post("/v1/join", None, &json!({ "code": good }));
    assert_eq!((status, code(&body)), (429, "rate_limited"));
    assert!(body["message"].as_str().unwrap().contains("wait a minute"));
    assert_eq!(sql(&db, "SELECT count(*) FROM member"), "0");
    assert_eq!(
        sql(&db, "SELECT used_at IS NULL FROM invite"),
        "t",
        "the code still works later"
    );

    // A new minute starts afresh (the window moved back rather than waiting).
    sql(
        &db,
        "UPDATE join_attempt SET minute = minute - interval '1 minute'",
    );
    a.join(&good);

    let (db, _) = with_desk();
    let all = Served::start(&db, &["--join-limit-total", "2"]);
    let statuses: Vec<u16> = (0..3)
        .map(|_| all.post("/v1/join", None, &wrong).0)
        .collect();
    assert_eq!(statuses, [401, 401, 429]);
}

/// A join attempt with a wrong code, as forwarded by a proxy for `client`: its status.
fn join_via_proxy(served: &Served, client: &str) -> u16 {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    agent
        .post(format!("{}/v1/join", served.url))
        .header("X-Forwarded-For", format!("203.0.113.9, {client}"))
        .send_json(json!({ "code": "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789" }))
        .unwrap()
        .status()
        .as_u16()
}

#[test]
fn behind_a_trusted_proxy_join_attempts_count_per_forwarded_client_and_only_then() {
    let (db, _) = with_desk();
    let proxied = Served::start(&db, &["--join-limit-per-address", "2", "--trust-proxy"]);
    let statuses: Vec<u16> = [
        "198.51.100.1",
        "198.51.100.1",
        "198.51.100.1",
        "198.51.100.2",
    ]
    .iter()
    .map(|client| join_via_proxy(&proxied, client))
    .collect();
    assert_eq!(statuses, [401, 401, 429, 401], "the last hop is the client");

    // Not trusted, the header is the client's say: all one address, the socket's.
    let (db, _) = with_desk();
    let direct = Served::start(&db, &["--join-limit-per-address", "2"]);
    let statuses: Vec<u16> = ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
        .iter()
        .map(|client| join_via_proxy(&direct, client))
        .collect();
    assert_eq!(statuses, [401, 401, 429]);
}
