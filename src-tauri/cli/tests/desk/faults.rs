//! Faults between a member and the desk: the server killed while a sync pushes, the
//! answer to a push lost after the server committed it, PostgreSQL restarted while a
//! sync runs, the client killed while it pulls. In each, nothing is lost, nothing is
//! applied twice, the local database stays whole and its sync position is never past
//! what it holds.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use greenroom_testkit::postgres::Cluster;
use serde_json::{json, Value};

use super::{archive, programme_count, Desk, Member};

/// Programmes enough for four pushes (500 a batch) and four pages of a pull.
const MANY: usize = 2000;

/// Queues `n` new programmes on `m` (eight segments each) with one `archive import`.
fn queue_many(m: &Member, n: usize) {
    let programmes: Vec<Value> = (0..n)
        .map(|i| {
            let segments: Vec<Value> = (0..8)
                .map(|s| {
                    json!({"id": format!("01a25000-0000-7000-9000-{:012x}", i * 8 + s),
                           "kind": "discussion", "title": format!("Segment {s}"),
                           "durationSeconds": 300, "people": [], "question": null,
                           "notes": "s".repeat(60)})
                })
                .collect();
            json!({"id": format!("01a25000-0000-7000-8000-{i:012x}"), "series": null,
                   "title": format!("Programme {i}"), "framing": ["Why now?"],
                   "appearances": [], "airAt": null, "timeZone": "UTC",
                   "slotSeconds": null, "status": "planned", "notes": "n".repeat(200),
                   "segments": segments, "createdAt": "2026-01-01T00:00:00.000Z",
                   "updatedAt": "2026-01-01T00:00:00.000Z"})
        })
        .collect();
    let file = m.dir.path().join("many.json");
    let archive = json!({"format": "greenroom-archive", "version": 1,
                         "exportedAt": "2026-01-01T00:00:00.000Z", "includesContacts": false,
                         "people": [], "programmes": programmes, "seriesFormats": []});
    std::fs::write(&file, archive.to_string()).unwrap();
    m.run(&["archive", "import", file.to_str().unwrap()]).ok();
    assert_eq!(pending(m), n as i64);
}

fn pending(m: &Member) -> i64 {
    m.json(&["desk", "status", "--json"])["pending"]
        .as_i64()
        .unwrap()
}

/// `greenroom sync` running on `m`, its output kept for [`finish`].
fn spawn_sync(m: &Member) -> Child {
    m.command(&["sync"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for `child`; its exit code and what it said on standard error.
fn finish(mut child: Child) -> (Option<i32>, String) {
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

/// Polls `what` until it holds (every 20 ms, at most 60 s).
fn wait_for(what: &str, mut holds: impl FnMut() -> bool) {
    let started = Instant::now();
    while !holds() {
        assert!(started.elapsed() < Duration::from_secs(60), "never: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// One number from `sql` on the desk's database.
fn count(cluster: &Cluster, desk: &Desk, sql: &str) -> i64 {
    cluster.psql(&desk.db.name, sql).parse().unwrap()
}

/// Every change of the desk is there once: as many records as distinct ids, and
/// the programmes `n`, each at revision 1.
fn once_each(cluster: &Cluster, desk: &Desk, n: usize) {
    let changes = cluster.psql(
        &desk.db.name,
        "SELECT count(*) || '|' || count(DISTINCT id) || '|' || count(DISTINCT entity_id)
         FROM change WHERE entity = 'programme'",
    );
    assert_eq!(changes, format!("{n}|{n}|{n}"), "records|ids|programmes");
    assert_eq!(
        count(
            cluster,
            desk,
            "SELECT count(*) FROM entity WHERE kind = 'programme' AND revision = 1"
        ),
        n as i64
    );
}

#[test]
fn a_server_killed_while_a_sync_pushes_loses_nothing_and_doubles_nothing() {
    let cluster = Cluster::shared();
    let mut desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    queue_many(&ann, MANY);
    let sync = spawn_sync(&ann);
    // Killed once the first batch is in PostgreSQL, while the others are on the way.
    wait_for("a first batch committed", || {
        count(cluster, &desk, "SELECT count(*) FROM change") > 0
    });
    desk.served.kill();
    let (code, err) = finish(sync);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("cannot reach the desk's server"), "{err}");
    assert!(pending(&ann) > 0, "what was not answered is still queued");

    desk.served.restart(&desk.db);
    let s = ann.sync();
    assert_eq!(pending(&ann), 0, "{s}");
    once_each(cluster, &desk, MANY);
    let bo = desk.member("Bo", &[]);
    assert_eq!(programme_count(&bo.db()), MANY);
    assert_eq!(archive(&ann), archive(&bo));
}

/// A loopback proxy in front of a server that, once armed, lets the next
/// `POST /v1/push` through and cuts the connection when the answer comes: the server
/// has committed, the client never hears it.
struct Proxy {
    url: String,
    armed: Arc<AtomicBool>,
}

impl Proxy {
    fn start(upstream: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let upstream = upstream.trim_start_matches("http://").to_string();
        let armed = Arc::new(AtomicBool::new(false));
        let armed_ = armed.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let server = TcpStream::connect(&upstream).unwrap();
                let armed = armed_.clone();
                std::thread::spawn(move || relay(client, server, armed));
            }
        });
        Proxy { url, armed }
    }
}

fn relay(client: TcpStream, server: TcpStream, armed: Arc<AtomicBool>) {
    let pushing = Arc::new(AtomicBool::new(false));
    let (mut from_client, mut to_server) =
        (client.try_clone().unwrap(), server.try_clone().unwrap());
    let (armed_, pushing_) = (armed.clone(), pushing.clone());
    std::thread::spawn(move || {
        let mut buf = vec![0; 1 << 16];
        while let Ok(n @ 1..) = from_client.read(&mut buf) {
            // HTTP/1.1 without pipelining: a request starts a read once the previous
            // answer is in.
            if armed_.load(Ordering::SeqCst) && buf[..n].starts_with(b"POST /v1/push") {
                pushing_.store(true, Ordering::SeqCst);
            }
            if to_server.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = to_server.shutdown(Shutdown::Write);
    });
    let (mut from_server, mut to_client) = (server, client);
    let mut buf = vec![0; 1 << 16];
    while let Ok(n @ 1..) = from_server.read(&mut buf) {
        if pushing.load(Ordering::SeqCst) && armed.swap(false, Ordering::SeqCst) {
            break;
        }
        if to_client.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to_client.shutdown(Shutdown::Both);
    let _ = from_server.shutdown(Shutdown::Both);
}

#[test]
fn an_answer_lost_after_the_commit_is_retried_as_a_duplicate_and_applied_once() {
    let cluster = Cluster::shared();
    let desk = Desk::start();
    let proxy = Proxy::start(&desk.url);
    let ann = Member::new();
    desk.join_at(&proxy.url, &ann, "Ann", "editor", &[]).ok();
    let id = ann.add("Water");
    let queued = pending(&ann);
    assert_eq!(queued, 3, "two people and the programme");

    proxy.armed.store(true, Ordering::SeqCst);
    let lost = ann.run(&["sync"]);
    assert!(!proxy.armed.load(Ordering::SeqCst), "the push went through");
    assert_eq!(lost.code, 1, "{}", lost.stderr);
    assert!(lost.stderr.contains("the desk's server"), "{}", lost.stderr);
    assert_eq!(count(cluster, &desk, "SELECT count(*) FROM change"), 3);
    assert_eq!(pending(&ann), queued, "unanswered, so still queued");

    let again = ann.sync();
    assert_eq!(
        (
            again["pushed"]["duplicate"].as_i64(),
            again["pushed"]["applied"].as_i64()
        ),
        (Some(queued), Some(0)),
        "{again}"
    );
    assert_eq!(count(cluster, &desk, "SELECT count(*) FROM change"), 3);
    let bo = desk.member("Bo", &[]);
    assert_eq!(bo.show(&id)["title"], "Water");
    assert_eq!(archive(&ann), archive(&bo));
}

#[test]
fn postgresql_restarted_during_a_sync_fails_it_clearly_and_the_next_completes() {
    // A cluster of its own: restarting the shared one would cut the other tests.
    let cluster = Cluster::start();
    let desk = Desk::on(&cluster);
    let ann = desk.member("Ann", &[]);
    queue_many(&ann, MANY);
    let sync = spawn_sync(&ann);
    wait_for("a first batch committed", || {
        count(&cluster, &desk, "SELECT count(*) FROM change") > 0
    });
    // The next batch is held inside its transaction (answers to pushed records wait
    // behind this lock), so the restart cuts a batch under way rather than falling
    // between two, which the server's pool would ride out.
    let held = cluster.hold(&desk.db.name, "LOCK TABLE pushed IN SHARE MODE");
    cluster.wait_until(
        &desk.db.name,
        "a batch waits inside its transaction",
        "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() \
         AND application_name = 'greenroom-server' AND wait_event_type = 'Lock')",
    );
    cluster.restart();
    drop(held);
    let (code, err) = finish(sync);
    assert_eq!(code, Some(1), "the cut batch fails the sync: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("the desk's server"), "{err}");
    println!("the sync said: {err}");
    let left = pending(&ann);
    assert!(
        left > 0 && left < MANY as i64,
        "the batches before the cut went, the rest stayed queued: {left}"
    );
    let s = ann.sync();
    assert_eq!(pending(&ann), 0, "{s}");
    once_each(&cluster, &desk, MANY);
    let bo = desk.member("Bo", &[]);
    assert_eq!(programme_count(&bo.db()), MANY);
    assert_eq!(archive(&ann), archive(&bo));
}

fn pulled_seq(db: &Path) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.busy_timeout(Duration::from_secs(5)).unwrap();
    c.query_row("SELECT pulled_seq FROM desk_link", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_client_killed_while_it_pulls_stays_whole_and_never_past_what_it_applied() {
    let cluster = Cluster::shared();
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let bo = desk.member("Bo", &[]);
    queue_many(&ann, MANY);
    ann.sync();
    let head = count(cluster, &desk, "SELECT max(seq) FROM change");

    let mut sync = spawn_sync(&bo);
    // Killed once a first page is in, while the others are on the way.
    wait_for("a first page applied", || pulled_seq(&bo.db()) > 0);
    sync.kill().unwrap();
    sync.wait().unwrap();

    let c = rusqlite::Connection::open(bo.db()).unwrap();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(c);
    let at = pulled_seq(&bo.db());
    assert!(at < head, "killed before the end ({at} of {head})");
    // Every change up to the position is here, and none after it.
    let applied = count(
        cluster,
        &desk,
        &format!("SELECT count(*) FROM change WHERE entity = 'programme' AND seq <= {at}"),
    );
    assert_eq!(programme_count(&bo.db()) as i64, applied);

    let s = bo.sync();
    assert_eq!(s["seq"].as_i64(), Some(head), "{s}");
    assert_eq!(programme_count(&bo.db()), MANY);
    assert_eq!(archive(&ann), archive(&bo));
}

#[test]
fn a_server_without_its_database_says_so_and_the_next_sync_sends_what_was_kept() {
    // A cluster of its own: stopping the shared one would cut the other tests.
    let cluster = Cluster::start();
    let desk = Desk::on(&cluster);
    let ann = desk.member("Ann", &[]);
    let id = ann.add("Water");
    cluster.stop();
    let run = ann.run(&["sync"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot reach its database") && run.stderr.contains("changes are kept"),
        "{}",
        run.stderr
    );
    assert_eq!(pending(&ann), 3, "the programme and its two people, queued");

    cluster.resume();
    let s = ann.sync();
    assert_eq!(s["pushed"]["applied"], 3, "{s}");
    assert_eq!(pending(&ann), 0);
    assert_eq!(desk.member("Bo", &[]).show(&id)["title"], "Water");
}
