use std::time::{Duration, Instant};

use greenroom_testkit::postgres::Database;
use serde_json::json;

use crate::api::{create, update, Served};
use crate::support::{invite, with_desk};

/// Long enough never to fail a working run; only a broken one waits this long.
const PATIENCE: Duration = Duration::from_secs(20);

#[test]
fn a_commit_through_one_instance_reaches_a_client_of_another() {
    let (db, desk) = with_desk();
    let a = Served::start(&db, &[]);
    let b = Served::start(&db, &[]);
    let sam = a.join(&invite(&db, &desk, "Sam", "editor"));
    let ana = b.join(&invite(&db, &desk, "Ana", "viewer"));
    let heads = b.events(&ana.token);
    assert_eq!(
        heads.recv_timeout(PATIENCE).unwrap(),
        0,
        "the head now, first"
    );

    // Another desk's commits are not announced here.
    let other = crate::support::ok(&crate::support::server(
        &db,
        &["desk", "create", "The Stream"],
    ));
    let eve = a.join(&invite(&db, &other, "Eve", "editor"));
    let x = uuid::Uuid::now_v7().to_string();
    a.push(&eve, &[create("programme", &x, json!({"title": "x"}))]);

    for round in 0..3 {
        let id = uuid::Uuid::now_v7().to_string();
        let r = a.push(
            &sam,
            &[create(
                "programme",
                &id,
                json!({"title": format!("Show {round}")}),
            )],
        );
        let seq = r[0]["seq"].as_i64().unwrap();
        assert_eq!(heads.recv_timeout(PATIENCE).unwrap(), seq, "round {round}");
    }
}

#[test]
fn a_push_that_changes_nothing_announces_nothing_and_stopping_ends_the_stream() {
    let (db, desk) = with_desk();
    let served = Served::start(&db, &[]);
    let sam = served.join(&invite(&db, &desk, "Sam", "editor"));
    let programme = |title: &str| {
        let id = uuid::Uuid::now_v7().to_string();
        create("programme", &id, json!({ "title": title }))
    };
    let first = programme("t");
    let seq = served.push(&sam, std::slice::from_ref(&first))[0]["seq"]
        .as_i64()
        .unwrap();
    let heads = served.events(&sam.token);
    assert_eq!(heads.recv_timeout(PATIENCE).unwrap(), seq);
    let again = served.push(&sam, &[first]);
    assert_eq!(again[0]["outcome"], json!("duplicate"));
    // Announcements come in commit order: had the duplicate been announced, its head
    // (`seq` again) would be heard before the next real change's.
    let next = served.push(&sam, &[programme("u")])[0]["seq"]
        .as_i64()
        .unwrap();
    assert_eq!(
        heads.recv_timeout(PATIENCE).unwrap(),
        next,
        "the next head heard is the next change's, not the duplicate's"
    );
    let exit = served.stop();
    assert!(exit.success());
    // The stream ended with the server, with nothing more heard.
    assert_eq!(
        heads.recv_timeout(PATIENCE),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected)
    );
}

#[test]
fn a_revoked_members_stream_ends_within_seconds() {
    let (db, desk) = with_desk();
    let served = Served::start(&db, &[]);
    let sam = served.join(&invite(&db, &desk, "Sam", "editor"));
    let ana = served.join(&invite(&db, &desk, "Ana", "editor"));
    let heads = served.events(&ana.token);
    assert_eq!(heads.recv_timeout(PATIENCE).unwrap(), 0);
    crate::support::ok(&crate::support::server(&db, &["revoke", &desk, &ana.id]));
    let id = uuid::Uuid::now_v7().to_string();
    served.push_one(&sam, create("programme", &id, json!({"title": "t"})));
    // Asked on a timer, not at each commit: a head may still come before the end.
    let end = loop {
        match heads.recv_timeout(PATIENCE) {
            Ok(_) => continue,
            Err(e) => break e,
        }
    };
    assert_eq!(end, std::sync::mpsc::RecvTimeoutError::Disconnected);
}

#[test]
fn after_postgresql_restarts_pushes_work_again_and_streams_hear_them() {
    // A cluster of its own: restarting the shared one would cut the other tests.
    let cluster = greenroom_testkit::postgres::Cluster::start();
    let db = cluster.database();
    crate::support::ok(&crate::support::server(&db, &["migrate"]));
    let desk = crate::support::ok(&crate::support::server(
        &db,
        &["desk", "create", "Inside Story"],
    ));
    let code = crate::support::ok(&crate::support::server(
        &db,
        &["invite", &desk, "--name", "Sam", "--role", "editor"],
    ));
    let served = Served::start(&db, &[]);
    let sam = served.join(&code);
    let heads = served.events(&sam.token);
    assert_eq!(heads.recv_timeout(PATIENCE).unwrap(), 0);

    cluster.restart();
    // The pool finds its connections cut and makes new ones; a request that meets a
    // cut one may fail once, as a 503 that says to try again.
    let id = uuid::Uuid::now_v7().to_string();
    let body = json!({"changes": [create("programme", &id, json!({"title": "t"}))]});
    let seq = (0..3)
        .find_map(|_| {
            let (status, answer) = served.post("/v1/push", Some(&sam.token), &body);
            match status {
                200 => Some(answer["results"][0]["seq"].as_i64().unwrap()),
                _ => {
                    assert_eq!(crate::api::code(&answer), "unavailable", "{answer}");
                    None
                }
            }
        })
        .expect("a push works again");
    // The listening connection comes back too, and the stream hears the push (or
    // re-reads the head on reconnecting, which is the same).
    assert_eq!(heads.recv_timeout(PATIENCE).unwrap(), seq);
}

#[test]
fn a_conflict_raised_without_a_new_revision_is_announced_with_the_same_head() {
    let (db, desk) = with_desk();
    let served = Served::start(&db, &[]);
    let sam = served.join(&invite(&db, &desk, "Sam", "editor"));
    let ana = served.join(&invite(&db, &desk, "Ana", "editor"));
    let id = uuid::Uuid::now_v7().to_string();
    let base = json!({"title": "Gaza"});
    served.push(&sam, &[create("programme", &id, base.clone())]);
    let r = served.push(
        &sam,
        &[update(
            "programme",
            &id,
            1,
            base.clone(),
            json!({"title": "A"}),
        )],
    );
    let head = r[0]["seq"].as_i64().unwrap();
    let heads = served.events(&sam.token);
    assert_eq!(heads.recv_timeout(PATIENCE).unwrap(), head);
    let r = served.push(
        &ana,
        &[update("programme", &id, 1, base, json!({"title": "B"}))],
    );
    assert_eq!(r[0]["outcome"], json!("conflicted"));
    assert!(r[0].get("seq").is_none(), "no new revision");
    assert_eq!(
        heads.recv_timeout(PATIENCE).unwrap(),
        head,
        "the same head again: look at the conflicts"
    );
}

#[test]
fn a_member_holds_a_few_live_streams_at_most() {
    let (db, desk) = with_desk();
    let served = Served::start(&db, &[]);
    let sam = served.join(&invite(&db, &desk, "Sam", "editor"));
    let ana = served.join(&invite(&db, &desk, "Ana", "viewer"));
    let open: Vec<_> = (0..4).map(|_| served.events(&sam.token)).collect();
    for heads in &open {
        assert_eq!(heads.recv_timeout(PATIENCE).unwrap(), 0);
    }
    let (status, body) = served.get("/v1/events", Some(&sam.token));
    assert_eq!((status, crate::api::code(&body)), (429, "rate_limited"));
    // Another member's are their own.
    assert_eq!(served.events(&ana.token).recv_timeout(PATIENCE).unwrap(), 0);
}

/// The pid of the server's listening connection to `db` other than `not`, once there
/// is one that has listened.
fn listener(db: &Database, not: Option<&str>) -> String {
    let sql = format!(
        "SELECT pid FROM pg_stat_activity WHERE datname = '{}' AND application_name = '{}' \
         AND query IN ('LISTEN {}', 'SELECT 1') AND pid::text <> '{}'",
        db.name,
        greenroom_server::events::LISTENER,
        greenroom_server::events::CHANNEL,
        not.unwrap_or("0"),
    );
    let started = Instant::now();
    loop {
        let pid = crate::support::sql(db, &sql);
        if !pid.is_empty() {
            return pid;
        }
        assert!(started.elapsed() < PATIENCE, "no listening connection");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A backend stopped (SIGSTOP) until dropped: its connection stays open and says
/// nothing, as a peer behind a vanished network would.
struct Stopped(String);

impl Stopped {
    fn new(pid: &str) -> Stopped {
        signal("-STOP", pid);
        Stopped(pid.to_string())
    }
}

impl Drop for Stopped {
    fn drop(&mut self) {
        signal("-CONT", &self.0);
    }
}

fn signal(which: &str, pid: &str) {
    let sent = std::process::Command::new("kill")
        .args([which, pid])
        .status()
        .unwrap();
    assert!(sent.success(), "kill {which} {pid}");
}

#[test]
fn a_listening_connection_cut_or_gone_silent_is_replaced_and_streams_hear_pushes_again() {
    let (db, desk) = with_desk();
    let served = Served::start(&db, &["--events-health-seconds", "1"]);
    let sam = served.join(&invite(&db, &desk, "Sam", "editor"));
    let heads = served.events(&sam.token);
    assert_eq!(heads.recv_timeout(PATIENCE).unwrap(), 0);
    let push = |title: &str| {
        let id = uuid::Uuid::now_v7().to_string();
        let r = served.push(&sam, &[create("programme", &id, json!({"title": title}))]);
        r[0]["seq"].as_i64().unwrap()
    };

    // Cut by PostgreSQL: the connection ends, and another listens.
    let first = listener(&db, None);
    crate::support::sql(&db, &format!("SELECT pg_terminate_backend({first})"));
    let second = listener(&db, Some(&first));
    let seq = push("After the cut");
    assert_eq!(heads.recv_timeout(PATIENCE).unwrap(), seq);

    // Gone silent: the connection stays open and hears nothing. Only the health
    // check finds it out; another listens, and the stream hears what was pushed
    // meanwhile and after.
    let silent = Stopped::new(&second);
    let meanwhile = push("While it was silent");
    listener(&db, Some(&second));
    assert_eq!(heads.recv_timeout(PATIENCE).unwrap(), meanwhile);
    let seq = push("After the silence");
    assert_eq!(heads.recv_timeout(PATIENCE).unwrap(), seq);
    drop(silent);
}
