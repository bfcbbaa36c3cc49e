use serde_json::{json, Value};

use crate::api::{answered, code, create, delete, desk_with, update};

#[test]
fn pages_follow_the_desks_order_and_say_when_more_wait() {
    let (_db, _, served, m) = desk_with(&["editor"]);
    let changes: Vec<Value> = (0..5)
        .map(|i| {
            let id = uuid::Uuid::now_v7().to_string();
            create("series_format", &id, json!({"name": format!("F{i}")}))
        })
        .collect();
    served.push(&m[0], &changes);
    let (status, first) = served.get("/v1/pull?after=0&limit=2", Some(&m[0].token));
    assert_eq!(status, 200);
    assert_eq!(first["changes"].as_array().unwrap().len(), 2);
    assert_eq!(first["more"], json!(true));
    let after = first["changes"][1]["seq"].as_i64().unwrap();
    let (_, rest) = served.get(
        &format!("/v1/pull?after={after}&limit=3"),
        Some(&m[0].token),
    );
    let names: Vec<&str> = rest["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["after"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["F2", "F3", "F4"]);
    assert_eq!(rest["more"], json!(false));
    assert_eq!(rest["head"], rest["changes"][2]["seq"]);
    let (_, none) = served.get(
        &format!("/v1/pull?after={}", rest["head"]),
        Some(&m[0].token),
    );
    assert_eq!(
        (none["changes"].clone(), none["more"].clone()),
        (json!([]), json!(false))
    );
}

#[test]
fn a_limit_out_of_bounds_or_a_bad_after_is_invalid() {
    let (_db, _, served, m) = desk_with(&["editor"]);
    for query in ["limit=0", "limit=1001", "after=-1", "after=x", "limit=-5"] {
        let (status, body) = served.get(&format!("/v1/pull?{query}"), Some(&m[0].token));
        assert_eq!((status, code(&body)), (400, "invalid"), "{query}");
    }
}

#[test]
fn a_page_of_large_states_stops_near_eight_mib_and_says_more_wait() {
    let (_db, _, served, m) = desk_with(&["editor"]);
    let notes = "n".repeat(900 << 10);
    for _ in 0..2 {
        let changes: Vec<Value> = (0..6)
            .map(|_| {
                let id = uuid::Uuid::now_v7().to_string();
                create("programme", &id, json!({"title": "Big", "notes": notes}))
            })
            .collect();
        served.push(&m[0], &changes);
    }
    let (status, page) = served.get("/v1/pull?after=0&limit=1000", Some(&m[0].token));
    assert_eq!(status, 200);
    let got = page["changes"].as_array().unwrap();
    // 900 KiB each: nine fit in 8 MiB.
    assert!((8..12).contains(&got.len()), "{} of 12", got.len());
    assert!(
        page["changes"].to_string().len() <= 8 << 20,
        "at most 8 MiB of changes"
    );
    assert_eq!(page["more"], json!(true));
    assert_eq!(
        served.pull_all(&m[0], 0).len(),
        12,
        "the rest on later pages"
    );
}

/// A desk setting (a booking-warning threshold) is an entity like the others: pushed,
/// merged on its value, pulled by every member, a viewer too; a value too long for
/// every member to keep is refused, and a viewer cannot change it.
#[test]
fn a_desk_setting_is_pushed_merged_and_pulled_by_every_member_a_viewer_too() {
    let (_db, _, served, m) = desk_with(&["editor", "editor", "viewer"]);
    let key = "warn.recent-days";
    let value = |v: &str| json!({ "value": v });
    let first = served.push_one(&m[0], create("setting", key, value("21")));
    assert_eq!(answered(&first), ("applied", 1));
    let moved = served.push_one(&m[1], update("setting", key, 1, value("21"), value("30")));
    assert_eq!(answered(&moved), ("applied", 2));
    // Made on revision 1 too: the desk keeps its value and both members see the conflict.
    let late = served.push_one(&m[0], update("setting", key, 1, value("21"), value("10")));
    assert_eq!(answered(&late).0, "conflicted");
    let conflicts = served.conflicts(&m[2]);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        (
            &conflicts[0]["entity"],
            &conflicts[0]["field"],
            &conflicts[0]["mine"]
        ),
        (&json!("setting"), &json!("value"), &json!("10"))
    );
    let pulled = served.pull_all(&m[2], 0);
    assert_eq!(pulled.len(), 2);
    assert!(pulled.iter().all(|c| c["entity"] == json!("setting")));
    assert_eq!(served.state_of(&m[2], key), value("30"));
    let cleared = served.push_one(&m[1], delete("setting", key, 2, value("30")));
    assert_eq!(answered(&cleared), ("applied", 3));
    assert_eq!(served.state_of(&m[2], key), Value::Null);

    let long = create("setting", "warn.max-in-90-days", value(&"9".repeat(101)));
    let (status, body) = served.post("/v1/push", Some(&m[0].token), &json!({"changes": [long]}));
    assert_eq!((status, code(&body)), (400, "invalid"), "{body}");
    let viewer = create("setting", "warn.max-in-90-days", value("5"));
    let (status, body) = served.post("/v1/push", Some(&m[2].token), &json!({"changes": [viewer]}));
    assert_eq!((status, code(&body)), (403, "forbidden"), "{body}");
    assert_eq!(
        served.pull_all(&m[0], 0).len(),
        3,
        "nothing written by either"
    );
}
