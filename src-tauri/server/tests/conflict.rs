use greenroom_protocol::wire::MAX_RESOLVE_BYTES;
use serde_json::json;

use crate::api::{code, create, delete, desk_with, update, Member, Served};
use crate::push::redirect::person;
use crate::push::{deleted_before_an_edit, new_id, programme, with, S2};
use crate::support::{everything, sql};

/// A desk with one programme and one open conflict; its conflict's id.
pub fn with_a_conflict(served: &Served, a: &Member, b: &Member) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    let base = json!({"title": "Gaza"});
    served.push(a, &[create("programme", &id, base.clone())]);
    served.push(
        a,
        &[update(
            "programme",
            &id,
            1,
            base.clone(),
            json!({"title": "A"}),
        )],
    );
    served.push(
        b,
        &[update("programme", &id, 1, base, json!({"title": "B"}))],
    );
    served.conflicts(a)[0]["id"].as_str().unwrap().to_string()
}

/// Member 0 and member 1 give programme "Gaza" different titles, 0 first: the
/// programme's id and member 1's push result.
fn titles_changed_twice(
    served: &crate::api::Served,
    m: &[crate::api::Member],
) -> (String, serde_json::Value) {
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push(&m[0], &[create("programme", &id, base.clone())]);
    let sam = with(base.clone(), "title", json!("Gaza: the talks"));
    let ana = with(base.clone(), "title", json!("Gaza: a ceasefire?"));
    served.push(&m[0], &[update("programme", &id, 1, base.clone(), sam)]);
    let r = served.push_one(&m[1], update("programme", &id, 1, base, ana));
    (id, r)
}

#[test]
fn the_same_field_changed_twice_is_a_conflict_the_desk_keeps_its_value_and_resolves() {
    let (db, _, served, m) = desk_with(&["editor", "editor"]);
    let (id, r) = titles_changed_twice(&served, &m);
    assert_eq!(r["outcome"], json!("conflicted"));
    assert_eq!(
        r["revision"],
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
    served.push(&m[0], &[create("programme", &id, base.clone())]);
    served.push(
        &m[0],
        &[update(
            "programme",
            &id,
            1,
            base.clone(),
            with(base.clone(), "framing", json!("A")),
        )],
    );
    served.push(
        &m[1],
        &[update(
            "programme",
            &id,
            1,
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
fn keeping_theirs_of_a_whole_programme_says_a_live_one_again_and_leaves_a_deleted_one() {
    let (db, _, served, m) = desk_with(&["editor", "editor"]);
    // An edit to a programme deleted meanwhile: the deletion kept.
    let gone = new_id();
    let base = programme(&gone, "Gaza");
    served.push(&m[0], &[create("programme", &gone, base.clone())]);
    served.push_one(&m[0], delete("programme", &gone, 1, base.clone()));
    let edited = with(base.clone(), "title", json!("Gaza: the talks"));
    served.push_one(&m[1], update("programme", &gone, 1, base, edited));
    // A deletion made before another member's edit: the edit kept.
    let (kept, edited, _) = deleted_before_an_edit(&served, &m, "Sudan");

    let conflicts = served.conflicts(&m[0]);
    assert_eq!(conflicts.len(), 2);
    for c in &conflicts {
        let head = sql(&db, "SELECT max(seq) FROM change");
        let path = format!("/v1/conflicts/{}/resolve", c["id"].as_str().unwrap());
        let (status, body) = served.post(&path, Some(&m[1].token), &json!({"keep": "theirs"}));
        assert_eq!(status, 200, "{body}");
        let pulled = served.pull_all(&m[0], head.parse().unwrap());
        if c["entityId"] == json!(gone) {
            // Every member's pull of the deletion removed their copy already.
            assert!(body.get("change").is_none(), "{body}");
            assert!(pulled.is_empty(), "{pulled:?}");
            continue;
        }
        let change = &body["change"];
        assert_eq!(change["operation"], json!("update"));
        assert_eq!(
            change["revision"],
            json!(4),
            "after the raise's restate: {change}"
        );
        assert_eq!(change["changes"], json!([]), "{change}");
        assert_eq!(change["after"], edited);
        assert_eq!(pulled, vec![change.clone()], "every member pulls it");
    }
    assert_eq!(served.state_of(&m[0], &gone), serde_json::Value::Null);
    assert_eq!(served.state_of(&m[0], &kept), edited);
    assert!(served.conflicts(&m[0]).is_empty());
}

fn resolve(
    served: &crate::api::Served,
    member: &crate::api::Member,
    c: &serde_json::Value,
) -> (u16, serde_json::Value) {
    let path = format!("/v1/conflicts/{}/resolve", c["id"].as_str().unwrap());
    served.post(&path, Some(&member.token), &json!({"keep": "mine"}))
}

#[test]
fn keeping_mine_names_the_person_kept_when_mine_named_someone_merged_away_since() {
    let (_db, _, served, m) = desk_with(&["editor", "editor"]);
    let (ann, cy, dee, id) = (new_id(), new_id(), new_id(), new_id());
    let base = programme(&id, "Gaza");
    served.push(
        &m[0],
        &[
            create("person", &ann, person(&ann, "Ann")),
            create("person", &cy, person(&cy, "Cy")),
            create("person", &dee, person(&dee, "Dee")),
            create("programme", &id, base.clone()),
        ],
    );
    let sams = with(base.clone(), "presenter", json!({"id": ann, "name": "Ann"}));
    let anas = with(base.clone(), "presenter", json!({"id": cy, "name": "Cy"}));
    served.push(&m[0], &[update("programme", &id, 1, base.clone(), sams)]);
    served.push(&m[1], &[update("programme", &id, 1, base, anas)]);
    let mut merge = crate::api::change(
        "person",
        &cy,
        1,
        "merge",
        person(&cy, "Cy"),
        serde_json::Value::Null,
    );
    merge["mergedInto"] = json!(dee);
    served.push(&m[0], &[merge]);
    let c = served.conflicts(&m[1]).remove(0);
    assert_eq!(c["mine"]["id"], json!(cy));
    let (status, body) = resolve(&served, &m[1], &c);
    assert_eq!(status, 200, "{body}");
    assert_eq!(served.state_of(&m[0], &id)["presenter"]["id"], json!(dee));
}

#[test]
fn keeping_mine_for_a_segment_removed_since_is_refused_and_the_conflict_stays_open() {
    let (db, _, served, m) = desk_with(&["editor", "editor"]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push(&m[0], &[create("programme", &id, base.clone())]);
    let mut sams = base.clone();
    sams["segments"][1]["title"] = json!("Debate");
    let mut anas = base.clone();
    anas["segments"][1]["title"] = json!("Panel of three");
    served.push(
        &m[0],
        &[update("programme", &id, 1, base.clone(), sams.clone())],
    );
    served.push(&m[1], &[update("programme", &id, 1, base, anas)]);
    let mut cut = sams.clone();
    cut["segments"].as_array_mut().unwrap().pop();
    served.push(&m[0], &[update("programme", &id, 2, sams, cut.clone())]);
    let c = served.conflicts(&m[1]).remove(0);
    let field = format!("segments{{{S2}}}.title");
    assert_eq!(c["field"], json!(field));
    let head = sql(&db, "SELECT max(seq) FROM change");
    let (status, body) = resolve(&served, &m[1], &c);
    assert_eq!((status, code(&body)), (409, "conflict"));
    assert!(body["message"].as_str().unwrap().contains(&field), "{body}");
    assert_eq!(served.conflicts(&m[1]).len(), 1, "still open");
    assert_eq!(sql(&db, "SELECT max(seq) FROM change"), head);
    assert_eq!(served.state_of(&m[0], &id), cut);
}

#[test]
fn conflicts_come_in_pages_that_say_when_more_wait() {
    let (_db, _, served, m) = desk_with(&["editor", "editor"]);
    let ids: Vec<String> = (0..5).map(|_| new_id()).collect();
    let bases: Vec<_> = ids.iter().map(|id| programme(id, "Gaza")).collect();
    let each = |title: &str, base: i64| -> Vec<serde_json::Value> {
        ids.iter()
            .zip(&bases)
            .map(|(id, b)| {
                update(
                    "programme",
                    id,
                    base,
                    b.clone(),
                    with(b.clone(), "title", json!(title)),
                )
            })
            .collect()
    };
    let creations: Vec<_> = ids
        .iter()
        .zip(&bases)
        .map(|(id, b)| create("programme", id, b.clone()))
        .collect();
    served.push(&m[0], &creations);
    served.push(&m[0], &each("Sam's", 1));
    served.push(&m[1], &each("Ana's", 1));
    let all = served.conflicts(&m[0]);
    assert_eq!(all.len(), 5);
    let mut after = String::new();
    let mut paged = Vec::new();
    let mores = (0..3)
        .map(|_| {
            let (status, body) =
                served.get(&format!("/v1/conflicts?limit=2{after}"), Some(&m[0].token));
            assert_eq!(status, 200, "{body}");
            let page = body["conflicts"].as_array().unwrap().clone();
            after = format!("&after={}", page.last().unwrap()["id"].as_str().unwrap());
            paged.extend(page);
            body["more"].as_bool().unwrap()
        })
        .collect::<Vec<_>>();
    assert_eq!(mores, [true, true, false]);
    assert_eq!(paged, all, "the same conflicts in the same order");
    let elsewhere = uuid::Uuid::now_v7();
    for bad in [
        "limit=0",
        "limit=501",
        "after=x",
        &format!("after={elsewhere}"),
    ] {
        let (status, body) = served.get(&format!("/v1/conflicts?{bad}"), Some(&m[0].token));
        assert_eq!((status, code(&body)), (400, "invalid"), "{bad}");
    }
}

/// Two members' titles in conflict: (served, members, programme id, conflict).
fn titles_in_conflict() -> (
    crate::api::Served,
    Vec<crate::api::Member>,
    String,
    serde_json::Value,
) {
    let (_db, _, served, m) = desk_with(&["editor", "editor", "viewer"]);
    let (id, _) = titles_changed_twice(&served, &m);
    let c = served.conflicts(&m[0]).remove(0);
    (served, m, id, c)
}

#[test]
fn a_conflict_is_resolved_with_a_new_value_as_a_revision() {
    let (served, m, id, c) = titles_in_conflict();
    let path = format!("/v1/conflicts/{}/resolve", c["id"].as_str().unwrap());
    let body = json!({"keep": "value", "value": "Gaza: talks and a ceasefire?"});
    let (status, answer) = served.post(&path, Some(&m[0].token), &body);
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["conflict"]["resolved"], json!(true));
    assert_eq!(answer["change"]["revision"], json!(3));
    assert_eq!(answer["change"]["operation"], json!("update"));
    assert_eq!(
        served.state_of(&m[1], &id)["title"],
        json!("Gaza: talks and a ceasefire?")
    );
    assert!(served.conflicts(&m[1]).is_empty());
}

#[test]
fn a_new_value_must_be_there_be_valid_and_be_for_a_field() {
    let (served, m, id, c) = titles_in_conflict();
    let path = format!("/v1/conflicts/{}/resolve", c["id"].as_str().unwrap());
    let refused = [
        (json!({"keep": "value"}), "value"),
        (json!({"keep": "value", "value": 42}), "title"),
        (json!({"keep": "mine", "value": "x"}), "keep value only"),
    ];
    for (body, says) in refused {
        let (status, answer) = served.post(&path, Some(&m[0].token), &body);
        assert_eq!((status, code(&answer)), (400, "invalid"), "{body}");
        let message = answer["message"].as_str().unwrap();
        assert!(message.contains(says), "{body}: {message}");
    }
    // A viewer resolves nothing.
    let (status, answer) = served.post(
        &path,
        Some(&m[2].token),
        &json!({"keep": "value", "value": "x"}),
    );
    assert_eq!((status, code(&answer)), (403, "forbidden"));
    assert_eq!(served.conflicts(&m[0]).len(), 1, "still open");
    assert_eq!(
        served.state_of(&m[0], &id)["title"],
        json!("Gaza: the talks")
    );

    // A whole-entity conflict keeps mine or theirs, not a value.
    let (_, edited, r) = deleted_before_an_edit(&served, &m, "Oil");
    assert_eq!(r["outcome"], json!("conflicted"));
    let whole = served
        .conflicts(&m[0])
        .into_iter()
        .find(|c| c["field"] == json!(""))
        .unwrap();
    let path = format!("/v1/conflicts/{}/resolve", whole["id"].as_str().unwrap());
    let (status, answer) = served.post(
        &path,
        Some(&m[0].token),
        &json!({"keep": "value", "value": edited}),
    );
    assert_eq!((status, code(&answer)), (400, "invalid"), "{answer}");
    assert!(answer["message"].as_str().unwrap().contains("whole"));
}

/// A resolve body other than `{"keep": "mine" | "theirs"}` (not JSON, another word,
/// another shape, not said to be JSON, too large) is refused in the house's
/// `{code, message}` and writes nothing; so is a conflict the desk does not have.
#[test]
fn malformed_resolve_bodies_and_unknown_conflicts_are_refused_and_write_nothing() {
    let (db, _, served, m) = desk_with(&["editor", "editor"]);
    let conflict = with_a_conflict(&served, &m[0], &m[1]);
    let path = format!("/v1/conflicts/{conflict}/resolve");
    let token = Some(m[0].token.as_str());
    let before = everything(&db);
    for (body, what) in [
        (&b"{\"keep\": "[..], "cut short"),
        (b"keep=mine", "not JSON"),
        (b"", "empty"),
        (b"{\"keep\": \"both\"}", "another word"),
        (b"{\"keep\": \"Mine\"}", "another case"),
        (b"{\"keep\": null}", "null"),
        (b"{\"keep\": 1}", "a number"),
        (b"{\"keep\": [\"mine\"]}", "a list"),
        (b"{\"keep\": {\"mine\": true}}", "an object"),
        (b"{}", "no keep"),
        (b"\"mine\"", "a string for the body"),
    ] {
        let (status, answer) = served.post_raw(&path, token, body, "application/json");
        assert_eq!(
            (status, code(&answer)),
            (400, "invalid"),
            "{what}: {answer}"
        );
    }
    let (status, answer) = served.post_raw(&path, token, b"{\"keep\": \"mine\"}", "text/plain");
    assert_eq!((status, code(&answer)), (400, "invalid"), "{answer}");
    // A field the body should not have is refused, not carried along unread; a body
    // larger than any value could make is not read at all.
    let padded = format!("{{\"keep\": \"mine\", \"note\": \"{}\"}}", "x".repeat(4096));
    let (status, answer) = served.post_raw(&path, token, padded.as_bytes(), "application/json");
    assert_eq!((status, code(&answer)), (400, "invalid"), "{answer}");
    let huge = format!(
        "{{\"keep\": \"value\", \"value\": \"{}\"}}",
        "x".repeat(MAX_RESOLVE_BYTES)
    );
    let (status, answer) = served.post_raw(&path, token, huge.as_bytes(), "application/json");
    assert_eq!((status, code(&answer)), (413, "too_large"), "{answer}");
    for unknown in [new_id(), "not-a-conflict".to_string()] {
        let path = format!("/v1/conflicts/{unknown}/resolve");
        let (status, answer) = served.post(&path, token, &json!({"keep": "mine"}));
        assert_eq!((status, code(&answer)), (404, "not_found"), "{answer}");
    }
    assert_eq!(everything(&db), before);
    // Still open, and resolved by a body that says it right.
    let (status, answer) = served.post(&path, token, &json!({"keep": "theirs"}));
    assert_eq!(status, 200, "{answer}");
}
