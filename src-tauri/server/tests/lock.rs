use std::time::Duration;

use serde_json::{json, Value};

use crate::api::{code, create, desk_with, update, Member, Served};
use crate::push::{new_id, programme, with};
use crate::support::sql;

/// Long enough never to fail a working run; only a broken one waits this long.
const PATIENCE: Duration = Duration::from_secs(20);

fn lock(served: &Served, m: &Member, id: &str) -> (u16, Value) {
    served.post(
        "/v1/locks",
        Some(&m.token),
        &json!({"entity": "programme", "entityId": id}),
    )
}

fn unlock(served: &Served, m: &Member, id: &str) -> (u16, Value) {
    served.delete(&format!("/v1/locks/programme/{id}"), Some(&m.token))
}

fn locks(served: &Served, m: &Member) -> Vec<Value> {
    let (status, body) = served.get("/v1/locks", Some(&m.token));
    assert_eq!(status, 200, "{body}");
    body["locks"].as_array().unwrap().clone()
}

/// A desk (editor "Member 0", editor "Member 1", viewer, admin) holding one programme.
fn desk_with_programme() -> (Served, Vec<Member>, String, Value) {
    let (_db, _, served, m) = desk_with(&["editor", "editor", "viewer", "admin"]);
    let id = new_id();
    let state = programme(&id, "Gaza");
    served.push(&m[0], &[create("programme", &id, state.clone())]);
    (served, m, id, state)
}

#[test]
fn a_lock_names_its_holder_and_refuses_another_member_in_words() {
    let (served, m, id, _) = desk_with_programme();
    let (status, body) = lock(&served, &m[0], &id);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["memberName"], json!("Member 0"));
    assert_eq!(body["memberId"], json!(m[0].id));
    assert_eq!(body["entityId"], json!(id));

    // Again by the holder: the same lock.
    let (status, again) = lock(&served, &m[0], &id);
    assert_eq!((status, &again), (200, &body));

    let (status, refused) = lock(&served, &m[1], &id);
    assert_eq!((status, code(&refused)), (409, "locked"));
    let message = refused["message"].as_str().unwrap();
    assert!(
        message.starts_with("Member 0 locked this programme for air at "),
        "{message}"
    );
    assert!(message.contains("UTC"), "{message}");

    // Every member sees it, a viewer too; a viewer cannot lock.
    for member in &m {
        let all = locks(&served, member);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0]["memberName"], json!("Member 0"));
    }
    let (status, body) = lock(&served, &m[2], &id);
    assert_eq!((status, code(&body)), (403, "forbidden"));
}

#[test]
fn only_a_programme_on_the_desk_is_locked() {
    let (served, m, _, _) = desk_with_programme();
    let (status, body) = served.post(
        "/v1/locks",
        Some(&m[0].token),
        &json!({"entity": "person", "entityId": new_id()}),
    );
    assert_eq!((status, code(&body)), (400, "invalid"));
    let (status, body) = lock(&served, &m[0], &new_id());
    assert_eq!((status, code(&body)), (404, "not_found"));
    assert!(locks(&served, &m[0]).is_empty());
}

#[test]
fn the_holder_or_an_admin_unlocks_and_no_one_else() {
    let (served, m, id, _) = desk_with_programme();
    lock(&served, &m[0], &id);
    for other in [&m[1], &m[2]] {
        let (status, body) = unlock(&served, other, &id);
        assert_eq!((status, code(&body)), (403, "forbidden"), "{body}");
    }
    assert_eq!(locks(&served, &m[0]).len(), 1);
    let (status, _) = unlock(&served, &m[0], &id);
    assert_eq!(status, 204);
    let (status, body) = unlock(&served, &m[0], &id);
    assert_eq!((status, code(&body)), (404, "not_found"));

    // An admin drops another member's lock.
    lock(&served, &m[1], &id);
    let (status, _) = unlock(&served, &m[3], &id);
    assert_eq!(status, 204);
    assert!(locks(&served, &m[0]).is_empty());
}

#[test]
fn a_push_to_a_programme_another_member_locked_writes_nothing_and_goes_after_unlock() {
    let (served, m, id, state) = desk_with_programme();
    lock(&served, &m[0], &id);
    let edit = update(
        "programme",
        &id,
        1,
        state.clone(),
        with(state.clone(), "title", json!("Gaza: the talks")),
    );
    let second = update(
        "programme",
        &id,
        1,
        state.clone(),
        with(state.clone(), "framing", json!("Why now?")),
    );
    // A change of another entity in the same push goes on.
    let other = new_id();
    let results = served.push(
        &m[1],
        &[
            edit.clone(),
            second,
            create("programme", &other, programme(&other, "Oil")),
        ],
    );
    let outcomes: Vec<_> = results.iter().map(|r| r["outcome"].clone()).collect();
    assert_eq!(
        outcomes,
        [json!("locked"), json!("locked"), json!("applied")]
    );
    assert_eq!(results[0]["revision"], json!(1), "the desk's revision");
    assert!(results[0].get("seq").is_none());
    assert_eq!(served.state_of(&m[0], &id)["title"], json!("Gaza"));
    assert!(served.conflicts(&m[0]).is_empty(), "not a conflict");

    // The holder's own edit applies.
    let own = update(
        "programme",
        &id,
        1,
        state.clone(),
        with(state.clone(), "status", json!("confirmed")),
    );
    assert_eq!(served.push_one(&m[0], own)["outcome"], json!("applied"));

    // Unlocked, the same record goes: not answered as a duplicate of "locked".
    unlock(&served, &m[0], &id);
    let r = served.push_one(&m[1], edit);
    assert_eq!(r["outcome"], json!("merged"), "{r}");
    let now = served.state_of(&m[0], &id);
    assert_eq!(now["title"], json!("Gaza: the talks"));
    assert_eq!(now["status"], json!("confirmed"));
}

#[test]
fn a_conflict_on_a_locked_programme_keeps_theirs_but_not_mine() {
    let (served, m, id, state) = desk_with_programme();
    let sam = with(state.clone(), "title", json!("Gaza: the talks"));
    let ana = with(state.clone(), "title", json!("Gaza: a ceasefire?"));
    served.push(&m[0], &[update("programme", &id, 1, state.clone(), sam)]);
    served.push(&m[1], &[update("programme", &id, 1, state, ana)]);
    let conflict = served.conflicts(&m[1])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    lock(&served, &m[0], &id);
    let path = format!("/v1/conflicts/{conflict}/resolve");
    let (status, body) = served.post(&path, Some(&m[1].token), &json!({"keep": "mine"}));
    assert_eq!((status, code(&body)), (409, "locked"));
    assert_eq!(served.conflicts(&m[1]).len(), 1, "still open");
    let (status, body) = served.post(&path, Some(&m[1].token), &json!({"keep": "theirs"}));
    assert_eq!(status, 200, "{body}");
}

#[test]
fn taking_and_dropping_a_lock_is_an_event_of_the_desk() {
    let (served, m, id, _) = desk_with_programme();
    let said = served.said(&m[2].token);
    let (event, _) = said.recv_timeout(PATIENCE).unwrap();
    assert_eq!(event, "head", "the head now, first");
    lock(&served, &m[0], &id);
    assert_eq!(
        said.recv_timeout(PATIENCE).unwrap(),
        ("locks".to_string(), json!({}))
    );
    // Locking what one holds already says nothing new.
    lock(&served, &m[0], &id);
    unlock(&served, &m[0], &id);
    assert_eq!(
        said.recv_timeout(PATIENCE).unwrap(),
        ("locks".to_string(), json!({}))
    );
}

#[test]
fn a_lock_names_a_member_of_its_own_desk_only() {
    let (db, _, served, m) = desk_with(&["editor"]);
    let id = new_id();
    served.push(&m[0], &[create("programme", &id, programme(&id, "Gaza"))]);
    lock(&served, &m[0], &id);
    assert_eq!(
        sql(&db, "SELECT count(*) FROM lock WHERE member_id IS NOT NULL"),
        "1"
    );
    let other = crate::support::ok(&crate::support::server(
        &db,
        &["desk", "create", "The Stream"],
    ));
    let eve = served.join(&crate::support::invite(&db, &other, "Eve", "admin"));
    assert!(
        locks(&served, &eve).is_empty(),
        "another desk's lock is not seen"
    );
    let (status, _) = unlock(&served, &eve, &id);
    assert_eq!(status, 404, "nor dropped");
}

/// A lock guards editors' hands, not the directory: another member's merge of two
/// people still renames them in a locked programme's line-up.
#[test]
fn a_person_merge_still_moves_a_locked_programmes_line_up() {
    use crate::push::redirect::{merge_away, person};
    let (_db, _, served, m) = desk_with(&["editor", "editor"]);
    let (dropped, kept, show) = (new_id(), new_id(), new_id());
    let mut prog = programme(&show, "Gaza");
    prog["guests"] = json!([{"personId": dropped, "name": "Bob", "role": "guest"}]);
    served.push(
        &m[0],
        &[
            create("person", &dropped, person(&dropped, "Bob")),
            create("person", &kept, person(&kept, "Robert")),
            create("programme", &show, prog),
        ],
    );
    lock(&served, &m[0], &show);
    let r = served.push_one(
        &m[1],
        merge_away(&dropped, &kept, 1, person(&dropped, "Bob")),
    );
    assert_eq!(r["outcome"], json!("applied"));
    assert_eq!(
        served.state_of(&m[0], &show)["guests"][0]["personId"],
        json!(kept)
    );
}
