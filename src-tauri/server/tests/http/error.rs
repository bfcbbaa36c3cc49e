//! A database that goes away under a serving instance: every call is refused as
//! `unavailable` (503, with Retry-After), in words that say to try again and nothing
//! of where the database is; once it is back, the same instance serves again.

use greenroom_testkit::postgres::Cluster;
use serde_json::json;

use crate::api::{create, Served};
use crate::push::new_id;
use crate::support::{invite, ok, server};

#[test]
fn a_stopped_database_is_unavailable_until_it_is_back() {
    // A cluster of its own: stopping the shared one would fail every other test.
    let cluster = Cluster::start();
    let db = cluster.database();
    ok(&server(&db, &["migrate"]));
    let desk = ok(&server(&db, &["desk", "create", "Inside Story"]));
    let served = Served::start(&db, &[]);
    let ann = served.join(&invite(&db, &desk, "Ann", "editor"));
    let id = new_id();

    cluster.stop();
    let pull = served.get("/v1/pull?after=0", Some(&ann.token));
    let push = served.post(
        "/v1/push",
        Some(&ann.token),
        &json!({"changes": [create("programme", &id, json!({"title": "Water"}))]}),
    );
    for (status, body) in [pull, push] {
        assert_eq!(status, 503, "{body}");
        assert_eq!(body["code"], "unavailable");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains("try again"), "{message}");
        assert!(
            !message.contains("127.0.0.1") && !message.contains(&db.name),
            "nothing of where the database is: {message}"
        );
    }

    cluster.resume();
    let results = served.push(&ann, &[create("programme", &id, json!({"title": "Water"}))]);
    assert_eq!(results[0]["outcome"], "applied", "{results:?}");
    let (status, page) = served.get("/v1/pull?after=0", Some(&ann.token));
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["changes"].as_array().unwrap().len(), 1);
}
