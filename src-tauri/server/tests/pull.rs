use serde_json::{json, Value};

use crate::api::{code, create, desk_with};

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
    assert!((1..12).contains(&got.len()), "{} of 12", got.len());
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
