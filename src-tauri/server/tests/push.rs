use serde_json::{json, Value};

use crate::api::{change, code, desk_with, Served};
use crate::support::sql;

fn programme(id: &str, title: &str) -> Value {
    json!({
        "id": id,
        "title": title,
        "framing": "Why now?",
        "segments": [
            {"id": "s1", "title": "Intro", "people": []},
            {"id": "s2", "title": "Panel", "people": []}
        ],
        "guests": [],
        "updatedAt": "2026-03-01T09:00:00Z"
    })
}

fn with(mut state: Value, field: &str, value: Value) -> Value {
    state[field] = value;
    state
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[test]
fn a_creation_is_applied_at_revision_one_and_pulled_with_its_state() {
    let (_db, _, served, m) = desk_with(&["editor"]);
    let id = new_id();
    let results = served.push(
        &m[0],
        &[change(
            "programme",
            &id,
            0,
            "create",
            Value::Null,
            programme(&id, "Gaza"),
        )],
    );
    assert_eq!(results[0]["outcome"], json!("applied"));
    assert_eq!(results[0]["revision"], json!(1));
    let seq = results[0]["seq"].as_i64().unwrap();
    let pulled = served.pull_all(&m[0], 0);
    assert_eq!(pulled.len(), 1);
    assert_eq!(pulled[0]["seq"], json!(seq));
    assert_eq!(pulled[0]["after"]["title"], json!("Gaza"));
    assert_eq!(pulled[0]["changes"], json!([]));
    assert_eq!(pulled[0]["format"], json!(1));
    let (_, status) = served.get("/v1/desk", Some(&m[0].token));
    assert_eq!(status["head"], json!(seq));
}

#[test]
fn the_same_push_twice_is_applied_once_even_through_another_instance() {
    let (db, _, a, m) = desk_with(&["editor"]);
    let b = Served::start(&db, &[]);
    let id = new_id();
    let create = change(
        "programme",
        &id,
        0,
        "create",
        Value::Null,
        programme(&id, "Gaza"),
    );
    let update = change(
        "programme",
        &id,
        1,
        "update",
        programme(&id, "Gaza"),
        programme(&id, "Gaza: the talks"),
    );
    let first = a.push(&m[0], &[create.clone(), update.clone()]);
    let again = b.push(&m[0], &[create, update]);
    for (f, g) in first.iter().zip(&again) {
        assert_eq!(g["outcome"], json!("duplicate"));
        assert_eq!(
            (&g["id"], &g["revision"], &g["seq"]),
            (&f["id"], &f["revision"], &f["seq"])
        );
    }
    assert_eq!(sql(&db, "SELECT count(*) FROM change"), "2");
    assert_eq!(a.state_of(&m[0], &id)["title"], json!("Gaza: the talks"));
}

#[test]
fn edits_to_different_fields_on_one_revision_merge() {
    let (_db, _, served, m) = desk_with(&["editor", "editor"]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push(
        &m[0],
        &[change(
            "programme",
            &id,
            0,
            "create",
            Value::Null,
            base.clone(),
        )],
    );
    let sam = with(base.clone(), "title", json!("Gaza: the talks"));
    let mut ana = with(base.clone(), "framing", json!("Who pays?"));
    ana["segments"][1]["title"] = json!("Debate");
    let r = served.push(
        &m[0],
        &[change("programme", &id, 1, "update", base.clone(), sam)],
    );
    assert_eq!(
        (r[0]["outcome"].clone(), r[0]["revision"].clone()),
        (json!("applied"), json!(2))
    );
    let r = served.push(&m[1], &[change("programme", &id, 1, "update", base, ana)]);
    assert_eq!(
        (r[0]["outcome"].clone(), r[0]["revision"].clone()),
        (json!("merged"), json!(3))
    );
    let now = served.state_of(&m[0], &id);
    assert_eq!(now["title"], json!("Gaza: the talks"));
    assert_eq!(now["framing"], json!("Who pays?"));
    assert_eq!(now["segments"][1]["title"], json!("Debate"));
    assert!(served.conflicts(&m[0]).is_empty());
    let last = served.pull_all(&m[0], 0).pop().unwrap();
    let fields: Vec<&str> = last["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["framing", "segments[1].title"],
        "the delta from the desk's state before"
    );
}

#[test]
fn the_same_field_changed_twice_is_a_conflict_the_desk_keeps_its_value_and_resolves() {
    let (db, _, served, m) = desk_with(&["editor", "editor"]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push(
        &m[0],
        &[change(
            "programme",
            &id,
            0,
            "create",
            Value::Null,
            base.clone(),
        )],
    );
    let sam = with(base.clone(), "title", json!("Gaza: the talks"));
    let ana = with(base.clone(), "title", json!("Gaza: a ceasefire?"));
    served.push(
        &m[0],
        &[change("programme", &id, 1, "update", base.clone(), sam)],
    );
    let r = served.push(&m[1], &[change("programme", &id, 1, "update", base, ana)]);
    assert_eq!(r[0]["outcome"], json!("conflicted"));
    assert_eq!(
        r[0]["revision"],
        json!(2),
        "nothing new: the desk's value stays"
    );
    assert_eq!(
        served.state_of(&m[0], &id)["title"],
        json!("Gaza: the talks")
    );

    let open = served.conflicts(&m[0]);
    assert_eq!(open.len(), 1, "{open:?}");
    let c = &open[0];
    assert_eq!(c["field"], json!("title"));
    assert_eq!(c["base"], json!("Gaza"));
    assert_eq!(c["mine"], json!("Gaza: a ceasefire?"));
    assert_eq!(c["theirs"], json!("Gaza: the talks"));
    assert_eq!(c["memberId"], json!(m[1].id));
    assert_eq!(c["entityId"], json!(id));
    assert_eq!(c["revision"], json!(2));
    assert_eq!(c["resolved"], json!(false));

    let path = format!("/v1/conflicts/{}/resolve", c["id"].as_str().unwrap());
    let (status, body) = served.post(&path, Some(&m[0].token), &json!({"keep": "mine"}));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["conflict"]["resolved"], json!(true));
    assert_eq!(body["change"]["revision"], json!(3));
    assert_eq!(body["change"]["operation"], json!("update"));
    assert_eq!(
        body["change"]["changes"][0]["to"],
        json!("Gaza: a ceasefire?")
    );
    assert_eq!(
        served.state_of(&m[0], &id)["title"],
        json!("Gaza: a ceasefire?")
    );
    assert!(served.conflicts(&m[1]).is_empty());

    let (status, body) = served.post(&path, Some(&m[0].token), &json!({"keep": "theirs"}));
    assert_eq!((status, code(&body)), (409, "conflict"));
    assert_eq!(sql(&db, "SELECT kept FROM conflict"), "mine");
}

#[test]
fn keeping_theirs_resolves_without_a_change() {
    let (db, _, served, m) = desk_with(&["editor", "editor"]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push(
        &m[0],
        &[change(
            "programme",
            &id,
            0,
            "create",
            Value::Null,
            base.clone(),
        )],
    );
    served.push(
        &m[0],
        &[change(
            "programme",
            &id,
            1,
            "update",
            base.clone(),
            with(base.clone(), "framing", json!("A")),
        )],
    );
    served.push(
        &m[1],
        &[change(
            "programme",
            &id,
            1,
            "update",
            base.clone(),
            with(base, "framing", json!("B")),
        )],
    );
    let c = served.conflicts(&m[0]).remove(0);
    let head = sql(&db, "SELECT max(seq) FROM change");
    let path = format!("/v1/conflicts/{}/resolve", c["id"].as_str().unwrap());
    let (status, body) = served.post(&path, Some(&m[1].token), &json!({"keep": "theirs"}));
    assert_eq!(status, 200, "{body}");
    assert!(body.get("change").is_none(), "{body}");
    assert_eq!(sql(&db, "SELECT max(seq) FROM change"), head);
    assert_eq!(served.state_of(&m[0], &id)["framing"], json!("A"));
    assert!(served.conflicts(&m[0]).is_empty());
}

#[test]
fn an_edit_to_a_programme_deleted_meanwhile_is_a_whole_conflict_never_a_resurrection() {
    let (db, _, served, m) = desk_with(&["editor", "editor"]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push(
        &m[0],
        &[change(
            "programme",
            &id,
            0,
            "create",
            Value::Null,
            base.clone(),
        )],
    );
    let r = served.push(
        &m[0],
        &[change(
            "programme",
            &id,
            1,
            "delete",
            base.clone(),
            Value::Null,
        )],
    );
    assert_eq!(
        (r[0]["outcome"].clone(), r[0]["revision"].clone()),
        (json!("applied"), json!(2))
    );
    let edited = with(base.clone(), "title", json!("Gaza: the talks"));
    let r = served.push(
        &m[1],
        &[change(
            "programme",
            &id,
            1,
            "update",
            base.clone(),
            edited.clone(),
        )],
    );
    assert_eq!(r[0]["outcome"], json!("conflicted"));
    assert!(r[0].get("seq").is_none());
    assert_eq!(served.state_of(&m[0], &id), Value::Null, "still deleted");

    let c = served.conflicts(&m[0]).remove(0);
    assert_eq!(c["field"], json!(""));
    assert_eq!(c["mine"], edited);
    assert_eq!(c["theirs"], Value::Null);
    assert_eq!(c["base"], base);
    let path = format!("/v1/conflicts/{}/resolve", c["id"].as_str().unwrap());
    let (status, body) = served.post(&path, Some(&m[0].token), &json!({"keep": "mine"}));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["change"]["operation"], json!("restore"));
    assert_eq!(body["change"]["revision"], json!(3));
    assert_eq!(served.state_of(&m[0], &id), edited);
    assert_eq!(sql(&db, "SELECT count(*) FROM change"), "3");
}

#[test]
fn a_restore_by_someone_who_saw_the_deletion_is_applied() {
    let (_db, _, served, m) = desk_with(&["editor", "editor"]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push(
        &m[0],
        &[change(
            "programme",
            &id,
            0,
            "create",
            Value::Null,
            base.clone(),
        )],
    );
    served.push(
        &m[0],
        &[change(
            "programme",
            &id,
            1,
            "delete",
            base.clone(),
            Value::Null,
        )],
    );
    let r = served.push(
        &m[1],
        &[change(
            "programme",
            &id,
            2,
            "restore",
            Value::Null,
            base.clone(),
        )],
    );
    assert_eq!(
        (r[0]["outcome"].clone(), r[0]["revision"].clone()),
        (json!("applied"), json!(3))
    );
    assert_eq!(served.state_of(&m[0], &id), base);
    assert!(served.conflicts(&m[0]).is_empty());
}

#[test]
fn deleting_what_is_already_deleted_or_never_pushed_writes_nothing() {
    let (db, _, served, m) = desk_with(&["editor", "editor"]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push(
        &m[0],
        &[change(
            "programme",
            &id,
            0,
            "create",
            Value::Null,
            base.clone(),
        )],
    );
    served.push(
        &m[0],
        &[change(
            "programme",
            &id,
            1,
            "delete",
            base.clone(),
            Value::Null,
        )],
    );
    let r = served.push(
        &m[1],
        &[change(
            "programme",
            &id,
            1,
            "delete",
            base.clone(),
            Value::Null,
        )],
    );
    assert_eq!(
        (r[0]["outcome"].clone(), r[0]["revision"].clone()),
        (json!("applied"), json!(2))
    );
    let never = new_id();
    let r = served.push(
        &m[1],
        &[change(
            "programme",
            &never,
            0,
            "delete",
            programme(&never, "x"),
            Value::Null,
        )],
    );
    assert_eq!(
        (r[0]["outcome"].clone(), r[0]["revision"].clone()),
        (json!("applied"), json!(0))
    );
    assert_eq!(sql(&db, "SELECT count(*) FROM change"), "2");
}

fn person(id: &str, name: &str) -> Value {
    json!({"id": id, "name": name, "email": null, "phone": null, "notes": ""})
}

#[test]
fn a_person_merged_away_redirects_programmes_and_later_edits_to_the_person_kept() {
    let (_db, _, served, m) = desk_with(&["editor", "editor"]);
    let (dropped, kept, show) = (new_id(), new_id(), new_id());
    let mut prog = programme(&show, "Gaza");
    prog["guests"] = json!([{"personId": dropped, "name": "Bob", "role": "guest"}]);
    prog["presenter"] = json!({"id": dropped, "name": "Bob"});
    served.push(
        &m[0],
        &[
            change(
                "person",
                &dropped,
                0,
                "create",
                Value::Null,
                person(&dropped, "Bob"),
            ),
            change(
                "person",
                &kept,
                0,
                "create",
                Value::Null,
                person(&kept, "Robert"),
            ),
            change("programme", &show, 0, "create", Value::Null, prog.clone()),
        ],
    );
    // Sam merges Bob into Robert.
    let mut merge = change(
        "person",
        &dropped,
        1,
        "merge",
        person(&dropped, "Bob"),
        Value::Null,
    );
    merge["mergedInto"] = json!(kept);
    let r = served.push(&m[0], &[merge]);
    assert_eq!(r[0]["outcome"], json!("applied"));
    let pulled = served.pull_all(&m[0], 0);
    let last = pulled.last().unwrap();
    assert_eq!(
        (last["entityId"].clone(), last["operation"].clone()),
        (json!(show), json!("merge"))
    );
    assert_eq!(last["after"]["guests"][0]["personId"], json!(kept));
    assert_eq!(last["after"]["presenter"]["id"], json!(kept));
    let gone = &pulled[pulled.len() - 2];
    assert_eq!(
        (gone["entityId"].clone(), gone["mergedInto"].clone()),
        (json!(dropped), json!(kept))
    );
    assert!(gone.get("after").is_none());

    // Ana, offline, gave Bob a phone number and put Bob in a segment.
    let ana_person = with(person(&dropped, "Bob"), "phone", json!("+44 20 7946 0000"));
    let mut ana_prog = prog.clone();
    ana_prog["segments"][0]["people"] = json!([{"id": dropped, "name": "Bob"}]);
    let r = served.push(
        &m[1],
        &[
            change(
                "person",
                &dropped,
                1,
                "update",
                person(&dropped, "Bob"),
                ana_person,
            ),
            change("programme", &show, 1, "update", prog, ana_prog),
        ],
    );
    assert_eq!(r[0]["outcome"], json!("merged"), "{r:?}");
    assert_eq!(r[1]["outcome"], json!("merged"), "{r:?}");
    let robert = served.state_of(&m[0], &kept);
    assert_eq!(robert["phone"], json!("+44 20 7946 0000"));
    assert_eq!(robert["name"], json!("Robert"));
    assert_eq!(served.state_of(&m[0], &dropped), Value::Null);
    let now = served.state_of(&m[0], &show);
    assert_eq!(now["segments"][0]["people"][0]["id"], json!(kept));
    assert_eq!(now["guests"].as_array().unwrap().len(), 1);
    assert!(
        served.conflicts(&m[0]).is_empty(),
        "{:?}",
        served.conflicts(&m[0])
    );
}

#[test]
fn malformed_or_oversized_pushes_are_refused_whole_and_write_nothing() {
    let (db, _, served, m) = desk_with(&["editor"]);
    let id = new_id();
    let good = change(
        "programme",
        &id,
        0,
        "create",
        Value::Null,
        programme(&id, "Gaza"),
    );
    let mut bad_entity = good.clone();
    bad_entity["entity"] = json!("segment");
    let mut bad_merge = change(
        "programme",
        &new_id(),
        1,
        "delete",
        Value::Null,
        Value::Null,
    );
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
        .map(|_| {
            change(
                "programme",
                &new_id(),
                0,
                "create",
                Value::Null,
                json!({"title": "t"}),
            )
        })
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
