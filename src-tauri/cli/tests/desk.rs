//! `desk`, `sync` and `conflicts` against a real `greenroom-server serve` process on
//! loopback, with a throwaway PostgreSQL cluster (the testkit's): members on their
//! own databases and config folders, joined to one desk.

mod conflicts;
mod convergence;
mod faults;
mod join;
mod lock;
mod people;
mod served;
mod settings;

use std::path::{Path, PathBuf};
use std::process::Command;

use greenroom_testkit::postgres::{Cluster, Database};
use serde_json::Value;

use super::{greenroom, programme_count, Run};
use served::{server_binary, Served};

/// One desk on its own PostgreSQL database, served on loopback until dropped.
struct Desk {
    db: Database,
    id: String,
    url: String,
    served: Served,
}

impl Desk {
    fn start() -> Desk {
        Desk::on(Cluster::shared())
    }

    fn on(cluster: &Cluster) -> Desk {
        let db = cluster.database();
        admin(&db, &["migrate"]);
        let id = admin(&db, &["desk", "create", "Inside Story"]);
        let served = Served::start(&db);
        Desk {
            url: served.url.clone(),
            db,
            id,
            served,
        }
    }

    fn invite(&self, name: &str, role: &str) -> String {
        admin(
            &self.db,
            &["invite", &self.id, "--name", name, "--role", role],
        )
    }

    /// A member with a new database and config folder, joined (`extra`: options of
    /// `desk join`) and synced.
    fn member(&self, name: &str, extra: &[&str]) -> Member {
        let m = Member::new();
        self.join(&m, name, extra).ok();
        m
    }

    fn join(&self, m: &Member, name: &str, extra: &[&str]) -> Run {
        self.join_as(m, name, "editor", extra)
    }

    fn join_as(&self, m: &Member, name: &str, role: &str, extra: &[&str]) -> Run {
        self.join_at(&self.url, m, name, role, extra)
    }

    /// Joins through the server at `url` (another instance on the desk's database).
    fn join_at(&self, url: &str, m: &Member, name: &str, role: &str, extra: &[&str]) -> Run {
        let code = self.invite(name, role);
        let mut args = vec!["desk", "join", url, &code];
        args.extend_from_slice(extra);
        m.run(&args)
    }
}

/// `greenroom-server ARGS --database-url DB`: what it printed.
fn admin(db: &Database, args: &[&str]) -> String {
    let out = Command::new(server_binary())
        .args(args)
        .args(["--database-url", &db.url])
        .env_remove("GREENROOM_DATABASE_URL")
        .output()
        .expect("greenroom-server runs");
    assert!(
        out.status.success(),
        "greenroom-server {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A producer's machine: a database and a config folder (where the token goes).
struct Member {
    dir: tempfile::TempDir,
}

impl Member {
    fn new() -> Member {
        Member {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("greenroom.db")
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = greenroom();
        c.arg("--db")
            .arg(self.db())
            .args(args)
            .env("XDG_CONFIG_HOME", self.config())
            .env("GREENROOM_AUTHOR", "tester");
        c
    }

    fn run(&self, args: &[&str]) -> Run {
        self.command(args).output().unwrap().into()
    }

    fn json(&self, args: &[&str]) -> Value {
        self.run(args).json()
    }

    fn sync(&self) -> Value {
        self.json(&["sync", "--json"])
    }

    fn show(&self, id: &str) -> Value {
        self.json(&["programme", "show", id, "--json"])
    }

    fn add(&self, title: &str) -> String {
        let out = self.run(&[
            "programme",
            "add",
            "--title",
            title,
            "--presenter",
            "Dareen Abughaida",
            "--guest",
            "Pavel Felgenhauer – Independent analyst",
        ]);
        out.ok().trim().to_string()
    }

    fn edit(&self, id: &str, args: &[&str]) {
        let mut all = vec!["programme", "edit", id];
        all.extend_from_slice(args);
        self.run(&all).ok();
    }
}

/// A desk whose members Ann and Bo both hold Ann's programme "Water" (its id).
fn two_with_water() -> (Desk, Member, Member, String) {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let bo = desk.member("Bo", &[]);
    let id = ann.add("Water");
    ann.sync();
    bo.sync();
    (desk, ann, bo, id)
}

#[test]
fn an_edit_on_one_member_reaches_the_other_after_sync() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let bo = desk.member("Bo", &[]);
    let id = ann.add("Water");
    let s = ann.sync();
    assert_eq!(
        s["pushed"]["applied"], 3,
        "two people and the programme: {s}"
    );
    let s = bo.sync();
    // What the pull changed here, each once: the two people and the programme.
    let changed = s["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 3, "{s}");
    assert!(changed.contains(&serde_json::json!({"entity": "programme", "entityId": id})));
    assert_eq!(s["changedMore"], false);
    let seen = bo.show(&id);
    assert_eq!(seen["title"], "Water");
    assert_eq!(seen["guests"][0]["name"], "Pavel Felgenhauer");
    assert_eq!(
        seen["segments"],
        ann.show(&id)["segments"],
        "the same running order, segment ids and all"
    );

    // The token is the member's own file, readable by them alone; the database
    // never holds it.
    let status = bo.json(&["desk", "status", "--json"]);
    assert_eq!(status["desk"]["name"], "Inside Story");
    assert_eq!(status["member"]["name"], "Bo");
    assert_eq!(status["role"], "editor");
    assert_eq!(
        (status["pending"].as_i64(), status["conflicts"].as_i64()),
        (Some(0), Some(0))
    );
    assert!(status["lastSync"].is_string());
    let token = bo.config().join("greenroom/desk").join(format!(
        "{}.token",
        status["member"]["id"].as_str().unwrap()
    ));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&token).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let secret = std::fs::read_to_string(&token).unwrap();
    for tail in ["", "-wal"] {
        let path = format!("{}{tail}", bo.db().display());
        // The log may be checkpointed away; the database itself must be there.
        let file = match tail {
            "" => std::fs::read(path).unwrap(),
            _ => std::fs::read(path).unwrap_or_default(),
        };
        assert!(!file
            .windows(secret.trim().len())
            .any(|w| w == secret.trim().as_bytes()));
    }

    // Leaving keeps the archive, and takes the token; the desk still takes it until
    // the admin revokes the member, which leave says how.
    let left = bo.run(&["desk", "leave"]).ok();
    let revoke = format!(
        "greenroom-server revoke {} {}",
        status["desk"]["id"].as_str().unwrap(),
        status["member"]["id"].as_str().unwrap()
    );
    assert!(left.contains(&revoke), "{left}");
    assert!(!token.exists());
    assert_eq!(bo.show(&id)["title"], "Water");
    assert!(bo.json(&["desk", "status", "--json"]).is_null());
    bo.run(&["sync"]).fails(1, "not linked");
}

#[test]
fn edits_to_different_fields_both_land_and_the_same_field_is_a_conflict_both_see() {
    let (_desk, ann, bo, id) = two_with_water();

    // Concurrent edits to different fields: both land everywhere.
    ann.edit(&id, &["--status", "confirmed"]);
    bo.edit(&id, &["--series", "Inside Story"]);
    ann.sync();
    let s = bo.sync();
    assert_eq!(s["pushed"]["merged"], 1, "{s}");
    ann.sync();
    for m in [&ann, &bo] {
        let p = m.show(&id);
        assert_eq!(
            (p["status"].as_str(), p["series"].as_str()),
            (Some("confirmed"), Some("Inside Story"))
        );
    }

    // Local revision numbers were provisional: both now hold the desk's.
    assert_eq!(ann.show(&id)["revision"], bo.show(&id)["revision"]);
    let history = |m: &Member| m.json(&["programme", "history", &id, "--json"]);
    assert_eq!(history(&ann), history(&bo));

    // The same field: the desk keeps the first, and both see the conflict.
    ann.edit(&id, &["--title", "Water wars"]);
    bo.edit(&id, &["--title", "Water peace"]);
    ann.sync();
    let s = bo.sync();
    assert_eq!(
        (s["pushed"]["conflicted"].as_i64(), s["conflicts"].as_i64()),
        (Some(1), Some(1)),
        "{s}"
    );
    ann.sync();
    let listed = ann.json(&["conflicts", "list", "--json"]);
    assert_eq!(listed, bo.json(&["conflicts", "list", "--json"]));
    let c = &listed[0];
    assert_eq!(
        (
            c["field"].as_str(),
            c["mine"].as_str(),
            c["theirs"].as_str()
        ),
        (Some("title"), Some("Water peace"), Some("Water wars"))
    );
    assert_eq!(
        bo.show(&id)["title"],
        "Water wars",
        "the desk's value until resolved"
    );

    // Bo keeps his own edit, the one that did not win, and everyone gets it.
    let out = bo
        .run(&[
            "conflicts",
            "resolve",
            c["id"].as_str().unwrap(),
            "--keep",
            "mine",
        ])
        .ok();
    assert!(out.contains("Water peace"), "{out}");
    ann.sync();
    for m in [&ann, &bo] {
        assert_eq!(m.show(&id)["title"], "Water peace");
        assert_eq!(
            m.json(&["conflicts", "list", "--json"]),
            serde_json::json!([])
        );
    }
    ann.run(&[
        "conflicts",
        "resolve",
        c["id"].as_str().unwrap(),
        "--keep",
        "theirs",
    ])
    .fails(3, "is already resolved");
}

#[test]
fn joining_with_upload_local_matches_the_example_and_formats_and_refuses_without() {
    let desk = Desk::start();
    let ann = Member::new();
    ann.run(&["programme", "example"]).ok();
    let refused = desk.join(&ann, "Ann", &[]);
    let refused = refused.fails(2, "--upload-local");
    assert!(refused.stderr.contains("1 programme"), "{}", refused.stderr);
    assert!(
        ann.json(&["desk", "status", "--json"]).is_null(),
        "not linked"
    );
    desk.join(&ann, "Ann", &["--upload-local"]).ok();

    let bo = Member::new();
    bo.run(&["programme", "example"]).ok();
    bo.add("Oil");
    desk.join(&bo, "Bo", &["--upload-local"]).ok();
    ann.sync();
    bo.sync();
    let fresh = Member::new();
    fresh.run(&["programme", "list"]).ok();
    // A new database joining plainly already holds the shipped format: matched too.
    let cy = desk.member("Cy", &[]);
    for m in [&ann, &bo, &cy] {
        assert_eq!(programme_count(&m.db()), 2, "the example once, and Oil");
        let people = m.json(&["person", "list", "--json"]);
        let names: Vec<_> = people
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].clone())
            .collect();
        let miriam = names.iter().filter(|n| *n == "Miriam Okafor").count();
        assert_eq!(miriam, 1, "{names:?}");
        assert_eq!(
            formats(&m.db()),
            formats(&fresh.db()),
            "every shipped format once, as a new database has them"
        );
    }
}

/// Every series format of the database: (key, name, segments).
fn formats(db: &Path) -> Vec<(String, String, Value)> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut q = c
        .prepare("SELECT series_key, series, segments FROM series_format ORDER BY series_key")
        .unwrap();
    let rows = q
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))
        .unwrap();
    rows.map(Result::unwrap)
        .map(|(key, name, segments)| (key, name, serde_json::from_str(&segments).unwrap()))
        .collect()
}

#[test]
fn a_push_retried_after_a_lost_answer_does_not_double() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let bo = desk.member("Bo", &[]);
    ann.add("Water");
    // The answer to this push is "lost": the queued rows are put back as they were.
    let queued = outbox(&ann.db());
    assert!(!queued.is_empty());
    ann.sync();
    restore_outbox(&ann.db(), &queued);
    let again = ann.sync();
    assert_eq!(
        again["pushed"]["duplicate"].as_u64(),
        Some(queued.len() as u64),
        "{again}"
    );
    assert_eq!(again["pushed"]["applied"], 0);
    bo.sync();
    assert_eq!(programme_count(&bo.db()), 1);
    assert_eq!(
        bo.json(&["person", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(ann.json(&["desk", "status", "--json"])["pending"], 0);
}

type OutboxRow = Vec<rusqlite::types::Value>;

fn outbox(db: &Path) -> Vec<OutboxRow> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut st = c.prepare("SELECT * FROM desk_outbox ORDER BY seq").unwrap();
    let n = st.column_count();
    st.query_map([], |r| (0..n).map(|i| r.get(i)).collect())
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn restore_outbox(db: &Path, rows: &[OutboxRow]) {
    let c = rusqlite::Connection::open(db).unwrap();
    for row in rows {
        let marks = vec!["?"; row.len()].join(", ");
        c.execute(
            &format!("INSERT INTO desk_outbox VALUES ({marks})"),
            rusqlite::params_from_iter(row.iter()),
        )
        .unwrap();
    }
}

/// The id of the person named `name` in `m`'s directory.
fn person_id(m: &Member, name: &str) -> String {
    super::person_id(&m.db(), name)
}

/// Ann's "Oil" with "P. Felgenhauer", whom the directory also has as "Pavel
/// Felgenhauer" (from "Water"): the programme's id, and the two people's (kept, dropped
/// when merged).
fn oil_with_a_duplicate(ann: &Member) -> (String, String, String) {
    let oil = ann
        .run(&[
            "programme",
            "add",
            "--title",
            "Oil",
            "--guest",
            "P. Felgenhauer – Analyst",
            "--new-person",
            "P. Felgenhauer",
        ])
        .ok()
        .trim()
        .to_string();
    let keep = person_id(ann, "Pavel Felgenhauer");
    (oil, keep, person_id(ann, "P. Felgenhauer"))
}

#[test]
fn a_merge_of_two_people_reaches_the_other_member_and_their_offline_edit_follows_it() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let bo = desk.member("Bo", &[]);
    let water = ann.add("Water");
    let (oil, keep, drop) = oil_with_a_duplicate(&ann);
    ann.sync();
    bo.sync();
    // Bo, offline, edits the programme naming the person Ann is about to merge away.
    bo.edit(&oil, &["--status", "confirmed"]);
    ann.run(&["guest", "merge", &keep, &drop]).ok();
    ann.sync();
    bo.sync();
    ann.sync();
    for m in [&ann, &bo] {
        let people = m.json(&["person", "list", "--json"]);
        assert!(
            people.as_array().unwrap().iter().all(|p| p["id"] != drop),
            "{people}"
        );
        let p = m.show(&oil);
        assert_eq!(p["guests"][0]["personId"], keep.as_str());
        assert_eq!(p["status"], "confirmed");
        assert_eq!(m.show(&water)["guests"][0]["personId"], keep.as_str());
    }
    assert_eq!(archive(&ann), archive(&bo), "both archives are the desk's");
}

#[test]
fn an_edit_to_a_programme_deleted_meanwhile_is_a_conflict_restored_by_keeping_mine() {
    let (_desk, ann, bo, id) = two_with_water();
    ann.run(&["programme", "delete", &id]).ok();
    bo.edit(&id, &["--title", "Water, still"]);
    ann.sync();
    let s = bo.sync();
    assert_eq!(s["pushed"]["conflicted"], 1, "{s}");
    // Never a silent resurrection: deleted until someone resolves it.
    bo.run(&["programme", "show", &id]).fails(4, "no programme");
    let listed = bo.json(&["conflicts", "list", "--json"]);
    assert_eq!(listed[0]["field"], "");
    assert_eq!(listed[0]["mine"]["title"], "Water, still");
    bo.run(&[
        "conflicts",
        "resolve",
        listed[0]["id"].as_str().unwrap(),
        "--keep",
        "mine",
    ])
    .ok();
    ann.sync();
    for m in [&ann, &bo] {
        assert_eq!(m.show(&id)["title"], "Water, still");
    }
}

#[test]
fn an_edit_to_a_programme_deleted_meanwhile_kept_deleted_stays_deleted_everywhere() {
    let (_desk, ann, bo, id) = two_with_water();
    ann.run(&["programme", "delete", &id]).ok();
    bo.edit(&id, &["--title", "Water, still"]);
    ann.sync();
    bo.sync();
    let listed = bo.json(&["conflicts", "list", "--json"]);
    bo.run(&[
        "conflicts",
        "resolve",
        listed[0]["id"].as_str().unwrap(),
        "--keep",
        "theirs",
    ])
    .ok();
    // Later syncs on both sides bring nothing back.
    for _ in 0..2 {
        ann.sync();
        bo.sync();
    }
    for m in [&ann, &bo] {
        m.run(&["programme", "show", &id]).fails(4, "no programme");
        assert_eq!(
            m.json(&["conflicts", "list", "--json"]),
            serde_json::json!([])
        );
        let status = m.json(&["desk", "status", "--json"]);
        assert_eq!(
            (status["pending"].as_i64(), status["conflicts"].as_i64()),
            (Some(0), Some(0))
        );
    }
    assert_eq!(archive(&ann), archive(&bo));
}

#[test]
fn a_server_that_is_not_there_is_said_and_nothing_is_lost() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    ann.add("Water");
    let url = desk.url.clone();
    drop(desk);
    let out = ann
        .run(&["sync"])
        .fails(1, "cannot reach the desk's server");
    assert!(
        out.stderr.contains(url.trim_start_matches("http://")),
        "{}",
        out.stderr
    );
    let status = ann.json(&["desk", "status", "--json"]);
    assert_eq!(status["pending"], 3, "still queued: {status}");
}

/// `archive export`'s programmes and people, the part every member must agree on.
fn archive(m: &Member) -> (Value, Value) {
    let out = m.dir.path().join("archive.json");
    m.run(&["archive", "export", "--out", out.to_str().unwrap()])
        .ok();
    let a: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let strip = |v: &Value| {
        let mut v = v.clone();
        for item in v.as_array_mut().into_iter().flatten() {
            if let Some(o) = item.as_object_mut() {
                o.remove("updatedAt");
                o.remove("createdAt");
            }
        }
        v
    };
    (strip(&a["programmes"]), strip(&a["people"]))
}

#[test]
fn a_viewer_reads_the_desk_without_contact_details_and_queues_nothing() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let id = ann.add("Water");
    let pavel = person_id(&ann, "Pavel Felgenhauer");
    ann.run(&[
        "person",
        "edit",
        &pavel,
        "--email",
        "pavel@example.org",
        "--phone",
        "+7 495 000",
    ])
    .ok();
    ann.sync();
    let vi = Member::new();
    desk.join_as(&vi, "Vi", "viewer", &[]).ok();
    assert_eq!(vi.show(&id)["title"], "Water");
    let seen = vi.json(&["person", "show", &pavel, "--json"]);
    assert_eq!(seen["name"], "Pavel Felgenhauer");
    assert!(seen["email"].is_null() && seen["phone"].is_null(), "{seen}");
    let holds = |m: &Member| {
        ["", "-wal"].iter().any(|tail| {
            let path = format!("{}{tail}", m.db().display());
            std::fs::read(path)
                .unwrap_or_default()
                .windows(17)
                .any(|w| w == b"pavel@example.org")
        })
    };
    assert!(
        holds(&ann) && !holds(&vi),
        "the viewer's files never hold the email"
    );
    // Read only: an edit is refused before it is made, the archive stays the desk's.
    vi.run(&["programme", "edit", &id, "--notes", "mine only"])
        .fails(1, "You are a viewer on this desk");
    let before = programme_count(&vi.db());
    vi.run(&["programme", "add", "--title", "Mine"]).fails(
        1,
        "You are a viewer on this desk: Greenroom shows programmes",
    );
    assert_eq!(programme_count(&vi.db()), before, "nothing added");
    vi.run(&["lock", &id])
        .fails(1, "You are a viewer on this desk");
    // Who is on the desk, as every member may see.
    let members = vi.json(&["desk", "members", "--json"]);
    let names: Vec<_> = members
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["name"].as_str().unwrap(), m["role"].as_str().unwrap()))
        .collect();
    assert_eq!(names, [("Ann", "editor"), ("Vi", "viewer")]);
    assert_ne!(vi.show(&id)["notes"], "mine only");
    ann.edit(&id, &["--notes", "the desk's"]);
    ann.sync();
    vi.sync();
    assert_eq!(vi.show(&id)["notes"], "the desk's", "pulls still apply");
    let status = vi.json(&["desk", "status", "--json"]);
    assert_eq!(
        (status["role"].as_str(), status["pending"].as_i64()),
        (Some("viewer"), Some(0))
    );
    let s = vi.sync();
    assert_eq!(s["pushed"]["applied"], 0, "{s}");
}

#[test]
fn two_members_adding_the_same_name_offline_get_two_people_proposed_for_merging() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let bo = desk.member("Bo", &[]);
    for (m, title) in [(&ann, "Water"), (&bo, "Oil")] {
        m.run(&[
            "programme",
            "add",
            "--title",
            title,
            "--guest",
            "Jane Doe – Analyst",
        ])
        .ok();
    }
    ann.sync();
    bo.sync();
    ann.sync();
    for m in [&ann, &bo] {
        let people = m.json(&["person", "list", "--json"]);
        let janes = people
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["name"] == "Jane Doe")
            .count();
        assert_eq!(janes, 2, "nothing merged silently: {people}");
        let mut both: Vec<&str> = people
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["name"] == "Jane Doe")
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        both.sort();
        let proposed = m.json(&["guest", "duplicates", "--json"]);
        let pairs: Vec<Vec<&str>> = proposed
            .as_array()
            .unwrap()
            .iter()
            .map(|pair| {
                let mut ids = vec![
                    pair["keep"]["id"].as_str().unwrap(),
                    pair["drop"]["id"].as_str().unwrap(),
                ];
                ids.sort();
                ids
            })
            .collect();
        assert_eq!(pairs, [both], "the two Janes, proposed as one pair");
    }
}

#[test]
fn a_merge_undone_on_one_member_is_undone_on_the_other() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let bo = desk.member("Bo", &[]);
    ann.add("Water");
    let (oil, keep, drop) = oil_with_a_duplicate(&ann);
    ann.sync();
    let merge = ann.run(&["guest", "merge", &keep, &drop]).ok();
    ann.sync();
    bo.sync();
    assert_eq!(bo.show(&oil)["guests"][0]["personId"], keep.as_str());
    // Undone on Ann's side after her own merge came back from the desk: the person
    // it dropped is restored from what that record kept.
    ann.run(&["guest", "unmerge", merge.trim()]).ok();
    ann.sync();
    bo.sync();
    for m in [&ann, &bo] {
        assert_eq!(person_id(m, "P. Felgenhauer"), drop);
        assert_eq!(m.show(&oil)["guests"][0]["personId"], drop.as_str());
    }
    assert_eq!(archive(&ann), archive(&bo));
}

/// Each segment's (title, id), in order.
fn running_order(m: &Member, id: &str) -> Vec<(String, String)> {
    m.show(id)["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["title"].as_str().unwrap().to_string(),
                s["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_reordered_running_order_and_an_edited_segment_merge_by_segment_id() {
    let (_desk, ann, bo, id) = two_with_water();
    for (title, duration) in [("One", "1m"), ("Two", "2m"), ("Three", "3m")] {
        ann.run(&[
            "segment",
            "add",
            &id,
            "--title",
            title,
            "--duration",
            duration,
        ])
        .ok();
    }
    ann.sync();
    bo.sync();
    let ids: Vec<String> = running_order(&bo, &id).into_iter().map(|s| s.1).collect();
    // Ann moves the first segment last while Bo retitles it and adds one of his own.
    ann.run(&["segment", "move", &id, "1", "--to", "3"]).ok();
    bo.run(&["segment", "edit", &id, "1", "--title", "Uno"])
        .ok();
    bo.run(&["segment", "add", &id, "--title", "Four", "--duration", "4m"])
        .ok();
    ann.sync();
    bo.sync();
    ann.sync();
    let order = running_order(&ann, &id);
    assert_eq!(order, running_order(&bo, &id));
    let titles: Vec<&str> = order.iter().map(|s| s.0.as_str()).collect();
    // Bo's new segment goes after the one before it in his order (Three).
    assert_eq!(titles, ["Two", "Three", "Four", "Uno"]);
    let kept: Vec<String> = [0, 1, 3].iter().map(|&i| order[i].1.clone()).collect();
    assert_eq!(
        kept,
        [ids[1].clone(), ids[2].clone(), ids[0].clone()],
        "the same segments, moved"
    );
    assert!(!ids.contains(&order[2].1));
}

#[test]
fn formats_profiles_and_trash_restores_are_the_desks() {
    let (_desk, ann, bo, id) = two_with_water();
    ann.run(&["segment", "add", &id, "--title", "Open", "--duration", "1m"])
        .ok();
    ann.run(&["series", "format", "save", "Inside Story", "--from", &id])
        .ok();
    let pavel = person_id(&ann, "Pavel Felgenhauer");
    ann.run(&["person", "edit", &pavel, "--city", "Moscow"])
        .ok();
    ann.run(&["programme", "delete", &id]).ok();
    ann.sync();
    bo.sync();
    let format = bo.json(&["series", "format", "show", "Inside Story", "--json"]);
    assert_eq!(format["segments"][0]["title"], "Open");
    let person = bo.json(&["person", "show", &pavel, "--json"]);
    assert_eq!(person["baseCity"], "Moscow");
    bo.run(&["programme", "show", &id]).fails(4, "no programme");

    // Bo brings the programme back from his trash; it is back for Ann too.
    bo.run(&["trash", "restore", &id]).ok();
    bo.sync();
    ann.sync();
    assert_eq!(ann.show(&id)["title"], "Water");
    assert_eq!(archive(&ann), archive(&bo));
}

#[test]
fn an_archive_larger_than_a_page_and_a_push_reaches_a_new_member_whole() {
    let desk = Desk::start();
    let ann = Member::new();
    // 400 programmes and 250 people: two pushes of at most 500, two pages of 500.
    ann.run(&["dev", "generate", "--programmes", "400", "--people", "250"])
        .ok();
    let out = desk.join(&ann, "Ann", &["--upload-local"]).ok();
    assert!(out.contains("pushed"), "{out}");
    let bo = desk.member("Bo", &[]);
    assert_eq!(programme_count(&bo.db()), 400);
    let status = bo.json(&["desk", "status", "--json"]);
    assert_eq!(status["pending"], 0);
    assert_eq!(archive(&ann), archive(&bo));
    assert!(bo.sync()["pulled"].as_u64() == Some(0), "nothing new");
}

/// An affiliation filled in by billing a guest records only that field; pushed, it
/// goes whole with the state it was made on, so another member's edits to the
/// person's other fields are neither undone nor in conflict.
#[test]
fn an_affiliation_filled_in_keeps_another_members_edits_to_the_person() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let bo = desk.member("Bo", &[]);
    ann.run(&[
        "programme",
        "add",
        "--title",
        "Water",
        "--guest",
        "Selam Tesfaye",
    ])
    .ok();
    let selam = person_id(&ann, "Selam Tesfaye");
    ann.run(&["person", "edit", &selam, "--email", "selam@example.org"])
        .ok();
    ann.sync();
    bo.sync();
    bo.run(&["person", "edit", &selam, "--no-email"]).ok();
    bo.run(&["person", "edit", &selam, "--name", "Selam T. Tesfaye"])
        .ok();
    ann.run(&[
        "programme",
        "add",
        "--title",
        "Oil",
        "--guest",
        "Selam Tesfaye – Water Policy Centre",
    ])
    .ok();
    bo.sync();
    let s = ann.sync();
    assert_eq!(s["conflicts"], 0, "{s}");
    bo.sync();
    for m in [&ann, &bo] {
        let p = m.json(&["person", "show", &selam, "--json", "--contacts"]);
        assert_eq!(p["affiliation"], "Water Policy Centre", "{p}");
        assert_eq!(p["name"], "Selam T. Tesfaye", "{p}");
        assert!(p["email"].is_null(), "the clear is not undone: {p}");
    }
}

/// A change the desk refuses as malformed (here a clock read as 1779) is parked and
/// reported, not retried at every sync, and the changes after it go.
#[test]
fn a_change_the_desk_refuses_is_parked_reported_and_the_rest_go() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let bo = desk.member("Bo", &[]);
    ann.add("Water");
    {
        let c = rusqlite::Connection::open(ann.db()).unwrap();
        c.execute(
            "UPDATE desk_outbox SET at = -6000000000000
             WHERE seq = (SELECT min(seq) FROM desk_outbox WHERE entity = 'person')",
            [],
        )
        .unwrap();
    }
    let said = ann.run(&["sync"]).ok();
    assert!(said.contains("pushed 2 changes"), "{said}");
    assert!(
        said.lines().any(
            |l| l.starts_with("refused by the desk: this change to person") && l.contains("1900")
        ),
        "{said}"
    );
    let status = ann.json(&["desk", "status", "--json"]);
    assert_eq!(
        (status["pending"].as_i64(), status["rejected"].as_i64()),
        (Some(0), Some(1))
    );
    assert!(ann.run(&["desk", "status"]).ok().contains("rejected: 1"));
    let again = ann.sync();
    assert_eq!(again["pushed"]["applied"], 0, "not retried: {again}");
    assert_eq!(again["rejected"], serde_json::json!([]));
    bo.sync();
    assert_eq!(programme_count(&bo.db()), 1, "the programme went");
}

/// A viewer cannot share a database's archive: joining with --upload-local on a
/// viewer's invite leaves the database unlinked, no token kept, and says how to go on.
#[test]
fn a_viewer_joining_with_upload_local_is_refused_and_nothing_is_linked() {
    let desk = Desk::start();
    let vi = Member::new();
    vi.run(&["programme", "add", "--title", "Mine"]).ok();
    let out = desk
        .join_as(&vi, "Vi", "viewer", &["--upload-local"])
        .fails(1, "viewer of desk Inside Story: a viewer cannot upload");
    assert!(
        out.stderr.contains("greenroom-server revoke"),
        "{}",
        out.stderr
    );
    assert!(vi.json(&["desk", "status", "--json"]).is_null());
    let tokens = vi.config().join("greenroom/desk");
    assert_eq!(std::fs::read_dir(&tokens).map_or(0, |d| d.count()), 0);
    assert_eq!(programme_count(&vi.db()), 1, "Mine, as it was");
}

/// Plain http carries the token in clear: refused for another machine unless said
/// (and then remembered); loopback is fine.
#[test]
fn plain_http_to_another_machine_needs_allow_insecure_http() {
    let desk = Desk::start();
    let ann = Member::new();
    let code = desk.invite("Ann", "editor");
    ann.run(&["desk", "join", "http://192.0.2.7:8080", &code])
        .fails(2, "--allow-insecure-http");
    assert!(ann.json(&["desk", "status", "--json"]).is_null());
    // The code was not spent: it still joins, over loopback; said insecure, it is
    // remembered for every sync.
    ann.run(&["desk", "join", &desk.url, &code, "--allow-insecure-http"])
        .ok();
    let c = rusqlite::Connection::open(ann.db()).unwrap();
    let insecure: bool = c
        .query_row("SELECT insecure_http FROM desk_link", [], |r| r.get(0))
        .unwrap();
    assert!(insecure);
    ann.sync();
    // What the join said is what later syncs go by: the same link to another machine
    // is tried with the flag, and refused before any connection without it.
    c.execute("UPDATE desk_link SET server = 'http://192.0.2.7:9'", [])
        .unwrap();
    let tried = ann.run(&["sync"]).fails(1, "192.0.2.7");
    assert!(
        !tried.stderr.contains("--allow-insecure-http"),
        "{}",
        tried.stderr
    );
    c.execute("UPDATE desk_link SET insecure_http = 0", [])
        .unwrap();
    ann.run(&["sync"]).fails(2, "--allow-insecure-http");
}

/// The token's folder is tried before the invite is redeemed: a join that could not
/// keep the token leaves the code unspent.
#[test]
fn a_token_folder_that_cannot_be_written_leaves_the_code_unspent() {
    let desk = Desk::start();
    let ann = Member::new();
    let code = desk.invite("Ann", "editor");
    std::fs::create_dir_all(ann.config().join("greenroom")).unwrap();
    std::fs::write(ann.config().join("greenroom/desk"), "not a folder").unwrap();
    ann.run(&["desk", "join", &desk.url, &code])
        .fails(1, "greenroom/desk");
    assert!(ann.json(&["desk", "status", "--json"]).is_null());
    std::fs::remove_file(ann.config().join("greenroom/desk")).unwrap();
    ann.run(&["desk", "join", &desk.url, &code]).ok();
    assert_eq!(
        ann.json(&["desk", "status", "--json"])["member"]["name"],
        "Ann"
    );
}

/// `sync --watch` keeps a member up to date by itself: an edit another member syncs
/// reaches this one's database without a sync of its own (the desk's events, not the
/// minute's fallback, bring it: the wait is bounded well under a minute).
#[test]
fn sync_watch_brings_another_members_edit_by_itself() {
    let (_desk, ann, bo, id) = two_with_water();
    let mut watching = bo
        .command(&["sync", "--watch"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = watching.stdout.take().unwrap();
    let (lines, printed) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = lines.send(line);
        }
    });
    // The watch's first sync and its events stream, then Ann's edit.
    std::thread::sleep(std::time::Duration::from_secs(2));
    ann.edit(&id, &["--title", "Water, live"]);
    ann.sync();
    let synced = std::time::Instant::now();
    let mut seen = None;
    while synced.elapsed() < std::time::Duration::from_secs(30) {
        if bo.show(&id)["title"] == "Water, live" {
            seen = Some(synced.elapsed());
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // What it moved is printed once that sync ends.
    let said = printed.recv_timeout(std::time::Duration::from_secs(30));
    let _ = watching.kill();
    let _ = watching.wait();
    let seen = seen.expect("the edit reached the watching member");
    eprintln!("edit synced on one member, in the other's database {seen:?} later");
    let said = said.expect("the watch printed what it moved");
    assert!(said.contains("pulled 1 change"), "{said}");
}

/// Offline, `sync --watch` waits longer after each failure (1 s, 2 s, 4 s…) instead
/// of spinning, says so once, and keeps watching: a server that hangs up on every
/// connection sees a handful of them in four seconds, not hundreds.
#[test]
fn sync_watch_offline_backs_off_and_keeps_watching() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let refusing = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", refusing.local_addr().unwrap());
    {
        let c = rusqlite::Connection::open(ann.db()).unwrap();
        c.execute("UPDATE desk_link SET server = ?1", [&url])
            .unwrap();
    }
    let tries = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = tries.clone();
    std::thread::spawn(move || {
        for stream in refusing.incoming() {
            counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            drop(stream);
        }
    });
    let mut watching = ann
        .command(&["sync", "--watch"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_secs(4));
    let still_watching = watching.try_wait().unwrap().is_none();
    let _ = watching.kill();
    let out = watching.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(still_watching, "{said}");
    assert_eq!(said.matches("trying again").count(), 1, "{said}");
    // Syncs at about 0, 1 and 3 s and the events stream's as many: each a connection
    // or two; a busy loop would make hundreds.
    let tries = tries.load(std::sync::atomic::Ordering::Relaxed);
    assert!((2..=16).contains(&tries), "{tries} connections");
}
