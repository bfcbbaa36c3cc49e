mod check;
pub mod redirect;

use serde_json::{json, Value};

use crate::api::{answered, change, create, delete, desk_with, update, Served};
use crate::support::sql;

/// The segments of every test programme: a segment's id is a UUID, the same in every
/// copy of the programme.
pub const S1: &str = "0190c2a8-7d1e-7c3a-9f00-00000000a001";
pub const S2: &str = "0190c2a8-7d1e-7c3a-9f00-00000000a002";

pub fn programme(id: &str, title: &str) -> Value {
    json!({
        "id": id,
        "title": title,
        "framing": "Why now?",
        "segments": [
            {"id": S1, "title": "Intro", "people": []},
            {"id": S2, "title": "Panel", "people": []}
        ],
        "guests": [],
        "updatedAt": "2026-03-01T09:00:00Z"
    })
}

pub fn with(mut state: Value, field: &str, value: Value) -> Value {
    state[field] = value;
    state
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
#[test]
fn a_creation_is_applied_at_revision_one_and_pulled_with_its_state() {
    let (_db, _, served, m) = desk_with(&["editor"]);
    let id = new_id();
    let results = served.push(&m[0], &[create("programme", &id, programme(&id, "Gaza"))]);
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
    let create = create("programme", &id, programme(&id, "Gaza"));
    let update = update(
        "programme",
        &id,
        1,
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
    served.push(&m[0], &[create("programme", &id, base.clone())]);
    let sam = with(base.clone(), "title", json!("Gaza: the talks"));
    let mut ana = with(base.clone(), "framing", json!("Who pays?"));
    ana["segments"][1]["title"] = json!("Debate");
    let r = served.push_one(&m[0], update("programme", &id, 1, base.clone(), sam));
    assert_eq!(answered(&r), ("applied", 2));
    let r = served.push_one(&m[1], update("programme", &id, 1, base, ana));
    assert_eq!(answered(&r), ("merged", 3));
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

/// The change a whole-entity conflict wrote: the desk's state said again, pulled by
/// every member after `head`.
fn restated(served: &Served, member: &crate::api::Member, head: &str, id: &str) -> Value {
    let pulled = served.pull_all(member, head.parse().unwrap());
    assert_eq!(pulled.len(), 1, "{pulled:?}");
    let c = pulled.into_iter().next().unwrap();
    assert_eq!(c["entityId"], json!(id));
    assert_eq!(c["changes"], json!([]), "nothing changed: {c}");
    c
}

#[test]
fn an_edit_to_a_programme_deleted_meanwhile_is_a_whole_conflict_never_a_resurrection() {
    let (db, _, served, m) = desk_with(&["editor", "editor"]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push(&m[0], &[create("programme", &id, base.clone())]);
    let r = served.push_one(&m[0], delete("programme", &id, 1, base.clone()));
    assert_eq!(answered(&r), ("applied", 2));
    let head = sql(&db, "SELECT max(seq) FROM change");
    let edited = with(base.clone(), "title", json!("Gaza: the talks"));
    let edit = update("programme", &id, 1, base.clone(), edited.clone());
    let r = served.push_one(&m[1], edit.clone());
    assert_eq!(answered(&r), ("conflicted", 1));
    assert_eq!(served.state_of(&m[0], &id), Value::Null, "still deleted");
    // No revision: pulling the deletion removes the member's copy, edited or not, and
    // a second deletion in a row would hide the state the trash restores.
    assert!(r.get("seq").is_none(), "{r}");
    assert_eq!(sql(&db, "SELECT max(seq) FROM change"), head);
    // Pushed again (its answer lost), it is the same answer and nothing more.
    let twice = served.push_one(&m[1], edit);
    assert_eq!(answered(&twice), ("duplicate", 1));
    assert_eq!(served.conflicts(&m[0]).len(), 1);

    let c = served.conflicts(&m[0]).remove(0);
    assert_eq!(c["field"], json!(""));
    assert_eq!(c["mine"], edited);
    assert_eq!(c["theirs"], Value::Null);
    assert_eq!(c["base"], base);
    assert_eq!(c["revision"], json!(2));
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
    served.push(&m[0], &[create("programme", &id, base.clone())]);
    served.push(&m[0], &[delete("programme", &id, 1, base.clone())]);
    let r = served.push_one(
        &m[1],
        change("programme", &id, 2, "restore", Value::Null, base.clone()),
    );
    assert_eq!(answered(&r), ("applied", 3));
    assert_eq!(served.state_of(&m[0], &id), base);
    assert!(served.conflicts(&m[0]).is_empty());
}

/// A programme `m[1]` edited (title), then `m[0]` deleted on the revision before that
/// edit: a conflict. Its id, the edited state, and the deletion's push result.
pub fn deleted_before_an_edit(
    served: &Served,
    m: &[crate::api::Member],
    title: &str,
) -> (String, Value, Value) {
    let id = new_id();
    let base = programme(&id, title);
    served.push(&m[0], &[create("programme", &id, base.clone())]);
    let edited = with(base.clone(), "title", json!(format!("{title}, edited")));
    served.push_one(
        &m[1],
        update("programme", &id, 1, base.clone(), edited.clone()),
    );
    let r = served.push_one(&m[0], delete("programme", &id, 1, base));
    assert_eq!(answered(&r), ("conflicted", 1));
    (id, edited, r)
}

#[test]
fn a_deletion_by_someone_who_saw_the_edit_is_applied_though_a_conflict_said_it_again() {
    let (_db, _, served, m) = desk_with(&["editor", "editor", "editor"]);
    let (id, edited, _) = deleted_before_an_edit(&served, &m, "Gaza");
    // The restate (revision 3) changed nothing this member had not seen at 2.
    let r = served.push_one(&m[2], delete("programme", &id, 2, edited));
    assert_eq!(answered(&r), ("applied", 4));
    assert_eq!(served.state_of(&m[0], &id), Value::Null);
    assert_eq!(
        served.conflicts(&m[0]).len(),
        1,
        "the first deletion still waits"
    );
}

#[test]
fn deleting_what_is_already_deleted_or_never_pushed_writes_nothing() {
    let (db, _, served, m) = desk_with(&["editor", "editor"]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push(&m[0], &[create("programme", &id, base.clone())]);
    served.push(&m[0], &[delete("programme", &id, 1, base.clone())]);
    let r = served.push_one(&m[1], delete("programme", &id, 1, base.clone()));
    assert_eq!(answered(&r), ("applied", 2));
    let never = new_id();
    let r = served.push_one(
        &m[1],
        delete("programme", &never, 0, programme(&never, "x")),
    );
    assert_eq!(answered(&r), ("applied", 0));
    assert_eq!(sql(&db, "SELECT count(*) FROM change"), "2");
}

#[test]
fn concurrent_pushes_through_two_instances_get_one_order() {
    let (db, _, a, m) = desk_with(&["editor", "editor", "editor", "editor"]);
    let b = Served::start(&db, &[]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    a.push(&m[0], &[create("programme", &id, base.clone())]);
    // Each member sets a field of their own 10 times, each edit made on the state and
    // revision their previous push left them (the others' pushes interleave).
    let id = &id;
    std::thread::scope(|s| {
        for (i, member) in m.iter().enumerate() {
            let (served, mut before, mut seen) = ([&a, &b][i % 2], base.clone(), 1);
            s.spawn(move || {
                for n in 0..10 {
                    let after = with(before.clone(), &format!("field{i}"), json!(n));
                    let c = update("programme", id, seen, before, after.clone());
                    let r = served.push(member, &[c]);
                    assert_ne!(r[0]["outcome"], json!("conflicted"), "{r:?}");
                    (before, seen) = (after, r[0]["revision"].as_i64().unwrap());
                }
            });
        }
    });
    let pulled = a.pull_all(&m[0], 0);
    let revisions: Vec<i64> = pulled
        .iter()
        .map(|c| c["revision"].as_i64().unwrap())
        .collect();
    assert_eq!(
        revisions,
        (1..=41).collect::<Vec<_>>(),
        "seq order is revision order"
    );
    let last = &pulled[40]["after"];
    for i in 0..4 {
        assert_eq!(last[format!("field{i}")], json!(9), "{last}");
    }
    assert_eq!(sql(&db, "SELECT count(DISTINCT seq) FROM change"), "41");
}

#[test]
fn a_delete_and_its_undo_made_offline_by_one_member_are_no_conflict() {
    let (_db, _, served, m) = desk_with(&["editor", "editor"]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push_one(&m[0], create("programme", &id, base.clone()));
    let restored = with(base.clone(), "title", json!("Gaza, again"));
    let r = served.push(
        &m[0],
        &[
            delete("programme", &id, 1, base.clone()),
            change(
                "programme",
                &id,
                1,
                "restore",
                base.clone(),
                restored.clone(),
            ),
        ],
    );
    assert_eq!(
        (answered(&r[0]), answered(&r[1])),
        (("applied", 2), ("applied", 3))
    );
    assert_eq!(served.state_of(&m[0], &id), restored);
    // Someone else's delete in between is another matter.
    served.push_one(&m[1], delete("programme", &id, 3, restored.clone()));
    let r = served.push_one(
        &m[0],
        change("programme", &id, 3, "restore", restored.clone(), restored),
    );
    assert_eq!(
        answered(&r),
        ("conflicted", 3),
        "the client's base: it has not seen the deletion"
    );
}

#[test]
fn a_push_cut_by_a_crash_mid_transaction_leaves_nothing_and_pushed_again_applies_once() {
    let (db, _, mut a, m) = desk_with(&["editor"]);
    let b = Served::start(&db, &[]);
    let cluster = greenroom_testkit::postgres::Cluster::shared();
    let changes: Vec<Value> = (0..500)
        .map(|i| {
            let id = new_id();
            create("programme", &id, programme(&id, &format!("Show {i}")))
        })
        .collect();
    let body = json!({ "changes": changes });
    // Answers to pushed records wait behind another transaction: the push writes its
    // first programme and change, then stops there, its transaction open.
    let answers = cluster.hold(&db.name, "LOCK TABLE pushed IN SHARE MODE");
    let (url, token, sent_body) = (a.url.clone(), m[0].token.clone(), body.clone());
    let sent = std::thread::spawn(move || {
        ureq::post(format!("{url}/v1/push"))
            .header("Authorization", format!("Bearer {token}"))
            .send_json(sent_body)
            .map(|r| r.status().as_u16())
    });
    let pushing = "FROM pg_stat_activity a WHERE a.datname = current_database() \
                   AND a.application_name = 'greenroom-server' AND a.xact_start IS NOT NULL";
    cluster.wait_until(
        &db.name,
        "the push's transaction has written a change and waits",
        &format!(
            "SELECT EXISTS (SELECT 1 {pushing} AND a.wait_event_type = 'Lock' AND EXISTS \
             (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted \
              AND l.relation = 'change'::regclass AND l.mode = 'RowExclusiveLock'))"
        ),
    );
    // The crash comes in the middle of the push's transaction.
    a.kill();
    assert!(
        sent.join().unwrap().is_err(),
        "no answer from a dead server"
    );
    drop(answers);
    // Its client gone, PostgreSQL rolls the push's transaction back.
    cluster.wait_until(
        &db.name,
        "the cut push's transaction ended",
        &format!("SELECT NOT EXISTS (SELECT 1 {pushing})"),
    );
    assert_eq!(
        sql(&db, "SELECT count(*) FROM change"),
        "0",
        "nothing of it"
    );
    // The client, not knowing, pushes the same again, elsewhere: all of it applies,
    // once.
    let r = b.push(&m[0], body["changes"].as_array().unwrap());
    let fresh = r
        .iter()
        .filter(|r| r["outcome"] == json!("applied"))
        .count();
    assert_eq!(fresh, 500);
    assert_eq!(sql(&db, "SELECT count(*) FROM change"), "500");
    let again = b.push(&m[0], body["changes"].as_array().unwrap());
    assert!(again.iter().all(|r| r["outcome"] == json!("duplicate")));
    assert_eq!(sql(&db, "SELECT count(*) FROM change"), "500");
}

#[test]
fn after_a_conflict_over_a_deletion_the_clients_next_edit_is_a_conflict_again_not_a_restore() {
    let (_db, _, served, m) = desk_with(&["editor", "editor"]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push(&m[0], &[create("programme", &id, base.clone())]);
    served.push_one(&m[0], delete("programme", &id, 1, base.clone()));
    let edited = with(base.clone(), "title", json!("Gaza: the talks"));
    let r = served.push_one(
        &m[1],
        update("programme", &id, 1, base.clone(), edited.clone()),
    );
    assert_eq!(
        answered(&r),
        ("conflicted", 1),
        "the revision it was based on, not the deletion's"
    );
    // The client takes the answer's revision as the one it saw, and edits on.
    let again = with(edited.clone(), "framing", json!("Who pays?"));
    let r = served.push_one(&m[1], update("programme", &id, 1, edited, again));
    assert_eq!(answered(&r), ("conflicted", 1));
    assert_eq!(served.state_of(&m[0], &id), Value::Null, "still deleted");
    assert_eq!(served.conflicts(&m[0]).len(), 2);
}

#[test]
fn a_deletion_made_before_another_members_edit_is_a_conflict_and_the_edit_stays() {
    let (db, _, served, m) = desk_with(&["editor", "editor"]);
    let id = new_id();
    let base = programme(&id, "Gaza");
    served.push(&m[0], &[create("programme", &id, base.clone())]);
    let edited = with(base.clone(), "title", json!("Gaza: the talks"));
    served.push_one(
        &m[1],
        update("programme", &id, 1, base.clone(), edited.clone()),
    );
    let head = sql(&db, "SELECT max(seq) FROM change");
    let r = served.push_one(&m[0], delete("programme", &id, 1, base.clone()));
    assert_eq!(answered(&r), ("conflicted", 1));
    assert_eq!(served.state_of(&m[0], &id), edited);
    // The programme said again as it is: the deleting member's copy, deleted (their
    // pull had rebased the deletion over the edit), comes back at the next pull.
    let again = restated(&served, &m[0], &head, &id);
    assert_eq!(again["seq"], r["seq"], "{r}");
    assert_eq!(again["operation"], json!("update"));
    assert_eq!(again["revision"], json!(3));
    assert_eq!(again["after"], edited);
    let c = served.conflicts(&m[1]).remove(0);
    assert_eq!(c["field"], json!(""));
    assert_eq!(c["mine"], Value::Null, "mine: the deletion");
    assert_eq!(c["theirs"], edited);
    assert_eq!(c["memberId"], json!(m[0].id));

    // Kept, the deletion happens.
    let path = format!("/v1/conflicts/{}/resolve", c["id"].as_str().unwrap());
    let (status, body) = served.post(&path, Some(&m[0].token), &json!({"keep": "mine"}));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["change"]["operation"], json!("delete"));
    assert_eq!(body["change"]["revision"], json!(4));
    assert_eq!(served.state_of(&m[0], &id), Value::Null);

    // Once the member has pulled the restate, their deletion is of what they saw.
    let (other, edited, _) = deleted_before_an_edit(&served, &m, "Other");
    let r = served.push_one(&m[0], delete("programme", &other, 3, edited));
    assert_eq!(answered(&r), ("applied", 4));

    // A member's deletion after only their own edits is no conflict.
    let own = new_id();
    let base = programme(&own, "Mine");
    served.push(&m[0], &[create("programme", &own, base.clone())]);
    let edited = with(base.clone(), "title", json!("Mine, edited"));
    served.push_one(&m[0], update("programme", &own, 1, base.clone(), edited));
    let r = served.push_one(&m[0], delete("programme", &own, 1, base));
    assert_eq!(answered(&r), ("applied", 3));
}

/// Two desks on one server are two archives: the same programme id and the same
/// record id pushed to each are each desk's own. The record's answer is kept per desk
/// (the second desk's is applied, not a duplicate of the first's), each desk's
/// members pull only their own, and an edit on one desk leaves the other's alone.
#[test]
fn the_same_ids_pushed_to_two_desks_stay_each_desks_own() {
    let (db, _, served, m) = desk_with(&["editor"]);
    let other = crate::support::ok(&crate::support::server(
        &db,
        &["desk", "create", "The Stream"],
    ));
    let eve = served.join(&crate::support::invite(&db, &other, "Eve", "editor"));
    let id = new_id();
    let ours = create("programme", &id, programme(&id, "Gaza"));
    let mut theirs = ours.clone();
    theirs["after"] = programme(&id, "Sudan");

    let first = served.push_one(&m[0], ours.clone());
    let second = served.push_one(&eve, theirs.clone());
    assert_eq!(answered(&first), ("applied", 1));
    assert_eq!(
        answered(&second),
        ("applied", 1),
        "not the other desk's answer"
    );
    for (who, title) in [(&m[0], "Gaza"), (&eve, "Sudan")] {
        let pulled = served.pull_all(who, 0);
        assert_eq!(pulled.len(), 1, "{pulled:?}");
        assert_eq!(pulled[0]["id"], ours["id"]);
        assert_eq!(pulled[0]["after"]["title"], json!(title));
    }
    // Pushed again, each is a duplicate on its own desk, answered as it was there.
    for (who, pushed, answer) in [(&m[0], &ours, &first), (&eve, &theirs, &second)] {
        let again = served.push_one(who, pushed.clone());
        assert_eq!(again["outcome"], json!("duplicate"));
        assert_eq!(again["seq"], answer["seq"]);
    }
    let edited = with(programme(&id, "Sudan"), "title", json!("Sudan: the talks"));
    let r = served.push_one(
        &eve,
        update("programme", &id, 1, programme(&id, "Sudan"), edited.clone()),
    );
    assert_eq!(answered(&r), ("applied", 2));
    assert_eq!(served.state_of(&eve, &id), edited);
    assert_eq!(served.state_of(&m[0], &id), programme(&id, "Gaza"));
    assert!(served.conflicts(&m[0]).is_empty() && served.conflicts(&eve).is_empty());
    assert_eq!(
        sql(
            &db,
            &format!(
                "SELECT count(DISTINCT desk_id) || '|' || count(*) FROM change WHERE id = '{}'",
                ours["id"].as_str().unwrap()
            )
        ),
        "2|2"
    );
}
