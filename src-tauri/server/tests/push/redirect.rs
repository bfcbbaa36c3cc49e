use serde_json::{json, Value};

use crate::api::{change, code, create, delete, desk_with, update};
use crate::push::{new_id, programme, with};
use crate::support::sql;

pub fn person(id: &str, name: &str) -> Value {
    json!({"id": id, "name": name, "email": null, "phone": null, "notes": ""})
}

/// `dropped` (which was `was`, at server revision `base`) merged into `kept`.
pub fn merge_away(dropped: &str, kept: &str, base: i64, was: Value) -> Value {
    let mut merge = change("person", dropped, base, "merge", was, Value::Null);
    merge["mergedInto"] = json!(kept);
    merge
}

#[test]
fn a_person_merged_away_redirects_programmes_and_later_edits_to_the_person_kept() {
    let (_db, _, served, m) = desk_with(&["editor", "editor"]);
    let (dropped, kept, show) = (new_id(), new_id(), new_id());
    let mut prog = programme(&show, "Gaza");
    // Bob presents and Robert is his guest: once one person, they present.
    prog["guests"] = json!([{"personId": kept, "name": "Robert", "role": "guest"}]);
    prog["presenter"] = json!({"id": dropped, "name": "Bob"});
    served.push(
        &m[0],
        &[
            create("person", &dropped, person(&dropped, "Bob")),
            create("person", &kept, person(&kept, "Robert")),
            create("programme", &show, prog.clone()),
        ],
    );
    // Sam merges Bob into Robert.
    let r = served.push_one(
        &m[0],
        merge_away(&dropped, &kept, 1, person(&dropped, "Bob")),
    );
    assert_eq!(r["outcome"], json!("applied"));
    let pulled = served.pull_all(&m[0], 0);
    let last = pulled.last().unwrap();
    assert_eq!(
        (last["entityId"].clone(), last["operation"].clone()),
        (json!(show), json!("merge"))
    );
    assert_eq!(
        last["after"]["guests"],
        json!([]),
        "the presenter is no guest"
    );
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
            update("person", &dropped, 1, person(&dropped, "Bob"), ana_person),
            update("programme", &show, 1, prog, ana_prog),
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
    assert_eq!(now["presenter"]["id"], json!(kept));
    assert_eq!(now["guests"], json!([]));
    assert!(
        served.conflicts(&m[0]).is_empty(),
        "{:?}",
        served.conflicts(&m[0])
    );
}

#[test]
fn a_merge_undone_offline_by_the_same_member_brings_the_person_and_programme_back() {
    let (db, _, served, m) = desk_with(&["editor"]);
    let (dropped, kept, show) = (new_id(), new_id(), new_id());
    let bob = person(&dropped, "Bob");
    let with_bob = with(
        programme(&show, "Gaza"),
        "guests",
        json!([{"personId": dropped, "name": "Bob"}]),
    );
    let with_robert = with(
        with_bob.clone(),
        "guests",
        json!([{"personId": kept, "name": "Bob"}]),
    );
    served.push(
        &m[0],
        &[
            create("person", &dropped, bob.clone()),
            create("person", &kept, person(&kept, "Robert")),
            create("programme", &show, with_bob.clone()),
        ],
    );
    // Offline, as the core records a merge and its undoing: each record made on the
    // last server revision the client saw (1).
    let r = served.push(
        &m[0],
        &[
            merge_away(&dropped, &kept, 1, bob.clone()),
            change(
                "programme",
                &show,
                1,
                "merge",
                with_bob.clone(),
                with_robert.clone(),
            ),
            change("person", &dropped, 1, "unmerge", bob.clone(), bob.clone()),
            change(
                "programme",
                &show,
                1,
                "unmerge",
                with_robert,
                with_bob.clone(),
            ),
        ],
    );
    let outcomes: Vec<&str> = r.iter().map(|r| r["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["applied"; 4], "{r:?}");
    assert_eq!(served.state_of(&m[0], &dropped), bob);
    assert_eq!(served.state_of(&m[0], &show), with_bob);
    assert!(served.conflicts(&m[0]).is_empty());
    assert_eq!(
        crate::support::sql(
            &db,
            &format!("SELECT revision, merged_into IS NULL FROM entity WHERE id = '{dropped}'")
        ),
        "3|t",
        "back, no longer redirected"
    );
}

#[test]
fn a_merge_into_someone_not_on_the_desk_is_refused_and_writes_nothing() {
    let (db, _, served, m) = desk_with(&["editor"]);
    let (bob, gone, show) = (new_id(), new_id(), new_id());
    let mut prog = programme(&show, "Gaza");
    prog["guests"] = json!([{"personId": bob, "name": "Bob"}]);
    served.push(
        &m[0],
        &[
            create("person", &bob, person(&bob, "Bob")),
            create("person", &gone, person(&gone, "Gone")),
            create("programme", &show, prog),
        ],
    );
    served.push_one(&m[0], delete("person", &gone, 1, person(&gone, "Gone")));
    let head = sql(&db, "SELECT max(seq) FROM change");
    for kept in [new_id(), gone] {
        let (status, body) = served.post(
            "/v1/push",
            Some(&m[0].token),
            &json!({"changes": [merge_away(&bob, &kept, 1, person(&bob, "Bob"))]}),
        );
        assert_eq!((status, code(&body)), (409, "conflict"), "{body}");
        assert!(body["message"].as_str().unwrap().contains(&kept), "{body}");
    }
    assert_eq!(sql(&db, "SELECT max(seq) FROM change"), head);
    assert_eq!(
        served.state_of(&m[0], &show)["guests"][0]["personId"],
        json!(bob)
    );
}

#[test]
fn a_merge_rewrites_every_programme_naming_the_person_however_many() {
    let (db, _, served, m) = desk_with(&["editor"]);
    let (bob, rob) = (new_id(), new_id());
    served.push(
        &m[0],
        &[
            create("person", &bob, person(&bob, "Bob")),
            create("person", &rob, person(&rob, "Robert")),
        ],
    );
    // More than one page of the rewrite (store::entity::PAGE, 200).
    let shows: Vec<Value> = (0..450)
        .map(|i| {
            let id = new_id();
            let mut p = programme(&id, &format!("Show {i}"));
            p["guests"] = json!([{"personId": bob, "name": "Bob"}]);
            create("programme", &id, p)
        })
        .collect();
    served.push(&m[0], &shows);
    served.push_one(&m[0], merge_away(&bob, &rob, 1, person(&bob, "Bob")));
    assert_eq!(
        sql(
            &db,
            &format!(
                "SELECT count(*) FROM entity WHERE kind = 'programme' AND revision = 2
                     AND state->'guests'->0->>'personId' = '{rob}'"
            )
        ),
        "450"
    );
    assert_eq!(
        sql(&db, "SELECT count(*) FROM change WHERE operation = 'merge'"),
        "451",
        "each programme once, and Bob"
    );
}
