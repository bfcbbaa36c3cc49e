use serde_json::json;

use crate::api::{create, delete, update, Served};
use crate::support::{invite, with_desk};

const EMAIL: &str = "bob.private@example.org";
const PHONE: &str = "+44 20 7946 0999";

#[test]
fn a_viewer_never_receives_contact_details_in_any_answer() {
    let (db, desk) = with_desk();
    let editors = Served::start(&db, &[]);
    let sam = editors.join(&invite(&db, &desk, "Sam", "editor"));
    let ana = editors.join(&invite(&db, &desk, "Ana", "editor"));
    // The viewer's answers come from an instance of their own, to grep all of them.
    let seen = Served::start(&db, &[]);
    let viewer = seen.join(&invite(&db, &desk, "Vic", "viewer"));

    let bob = uuid::Uuid::now_v7().to_string();
    let blank = json!({"id": bob, "name": "Bob", "email": null, "phone": null, "notes": ""});
    let mut full = blank.clone();
    full["email"] = json!(EMAIL);
    full["phone"] = json!(PHONE);
    editors.push(&sam, &[create("person", &bob, full.clone())]);
    // A contact detail changed, and in conflict.
    let mut sams = full.clone();
    sams["phone"] = json!(format!("{PHONE}1"));
    let mut anas = full.clone();
    anas["phone"] = json!(format!("{PHONE}2"));
    anas["email"] = json!(format!("new.{EMAIL}"));
    editors.push(&sam, &[update("person", &bob, 1, full.clone(), sams)]);
    editors.push(
        &ana,
        &[update("person", &bob, 1, full.clone(), anas.clone())],
    );
    // A whole-person conflict: Bob deleted, then edited by someone who had not seen it.
    let cy = uuid::Uuid::now_v7().to_string();
    let mut cys = full.clone();
    cys["id"] = json!(cy);
    editors.push(&sam, &[create("person", &cy, cys.clone())]);
    editors.push(&sam, &[delete("person", &cy, 1, cys.clone())]);
    let mut cy_edit = cys.clone();
    cy_edit["notes"] = json!("met at the conference");
    editors.push(&ana, &[update("person", &cy, 1, cys, cy_edit)]);
    assert!(
        editors.conflicts(&sam).len() >= 2,
        "the editors see the conflicts"
    );
    let editor_pull = editors.pull_all(&sam, 0);
    assert!(
        editor_pull.iter().any(|c| c.to_string().contains(EMAIL)),
        "editors get contacts"
    );

    let pulled = seen.pull_all(&viewer, 0);
    assert_eq!(
        pulled.len(),
        editor_pull.len(),
        "the viewer gets every change"
    );
    assert_eq!(
        pulled.iter().find(|c| c["entityId"] == json!(bob)).unwrap()["after"]["name"],
        json!("Bob")
    );
    let conflicts = seen.conflicts(&viewer);
    assert!(
        conflicts.iter().any(|c| c["field"] == json!("")),
        "{conflicts:?}"
    );
    assert!(conflicts
        .iter()
        .all(|c| c["field"] != json!("phone") && c["field"] != json!("email")));
    // Paged one at a time, the viewer gets the same conflicts, each once: a page that
    // says more is never empty, its last id leads on.
    let mut paged = Vec::new();
    let mut path = "/v1/conflicts?limit=1".to_string();
    loop {
        let (status, page) = seen.get(&path, Some(&viewer.token));
        assert_eq!(status, 200, "{page}");
        let got = page["conflicts"].as_array().unwrap();
        paged.extend(got.iter().cloned());
        if page["more"] != json!(true) {
            break;
        }
        let last = got.last().expect("a page that says more holds one");
        path = format!(
            "/v1/conflicts?limit=1&after={}",
            last["id"].as_str().unwrap()
        );
    }
    assert_eq!(paged, conflicts);
    seen.get("/v1/desk", Some(&viewer.token));
    for (i, change) in seen.pull_all(&viewer, 0).iter().enumerate() {
        seen.get(
            &format!(
                "/v1/pull?after={}&limit=1",
                change["seq"].as_i64().unwrap() - 1
            ),
            Some(&viewer.token),
        );
        let _ = i;
    }

    let answers = seen.answers.lock().unwrap();
    assert!(answers.len() > 5);
    for (status, body) in answers.iter() {
        for secret in ["email", "phone", EMAIL, PHONE, "7946"] {
            assert!(!body.contains(secret), "{status} {body} holds {secret}");
        }
    }
}
