use serde_json::{json, Value};

use crate::api::{change, code, create, delete, desk_with};
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
