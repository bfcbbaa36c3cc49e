//! The load figure of docs/PERFORMANCE.md: 20 clients × 500 edits through two
//! instances on one PostgreSQL, loopback only, bounded loops. It asserts what must
//! hold (every edit applied once, in one order) and prints the figures; it asserts
//! no time, so it is run by hand: `cargo test -p greenroom-server --test server
//! load -- --ignored --nocapture`.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::api::{create, update, Served};
use crate::support::{invite, sql, with_desk};

const CLIENTS: usize = 20;
const EDITS: usize = 500;

#[test]
#[ignore = "a measurement, run by hand"]
fn twenty_clients_push_500_edits_each_through_two_instances() {
    let (db, desk) = with_desk();
    // 20 joins from one address in a minute: more than a desk's default allows.
    let args = ["--join-limit-per-address", "100"];
    let instances = [Served::start(&db, &args), Served::start(&db, &args)];
    let members: Vec<_> = (0..CLIENTS)
        .map(|i| instances[i % 2].join(&invite(&db, &desk, &format!("Client {i}"), "editor")))
        .collect();
    let memory_before: Vec<u64> = instances.iter().map(Served::memory_kib).collect();
    let started = Instant::now();
    let mut latencies: Vec<Duration> = std::thread::scope(|s| {
        let threads: Vec<_> = members
            .iter()
            .enumerate()
            .map(|(i, member)| {
                let served = &instances[i % 2];
                s.spawn(move || {
                    let id = uuid::Uuid::now_v7().to_string();
                    let mut state =
                        json!({"title": "0", "framing": [], "segments": [], "guests": []});
                    let mut took = Vec::with_capacity(EDITS);
                    let t = Instant::now();
                    let mut seen = served.push_one(member, create("programme", &id, state.clone()))
                        ["revision"]
                        .as_i64()
                        .unwrap();
                    took.push(t.elapsed());
                    for n in 1..EDITS {
                        let mut after = state.clone();
                        after["title"] = json!(n.to_string());
                        let t = Instant::now();
                        let r = served
                            .push_one(member, update("programme", &id, seen, state, after.clone()));
                        took.push(t.elapsed());
                        assert_eq!(r["outcome"], json!("applied"));
                        (state, seen) = (after, r["revision"].as_i64().unwrap());
                    }
                    took
                })
            })
            .collect();
        threads
            .into_iter()
            .flat_map(|t| t.join().unwrap())
            .collect()
    });
    let elapsed = started.elapsed();
    let memory_after: Vec<u64> = instances.iter().map(Served::memory_kib).collect();
    assert_eq!(
        sql(&db, "SELECT count(*) FROM change"),
        (CLIENTS * EDITS).to_string()
    );
    latencies.sort();
    let at = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "{} pushes of one edit by {CLIENTS} clients through 2 instances in {:.1} s: {:.0} pushes/s; \
         latency p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms; server memory (KiB) \
         {memory_before:?} -> {memory_after:?}",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.50).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
    );
}

const PROGRAMMES: usize = 100_000;

#[test]
#[ignore = "a measurement, run by hand"]
fn a_new_member_pulls_an_archive_of_100k_programmes() {
    let (db, desk) = with_desk();
    let served = Served::start(&db, &[]);
    let sam = served.join(&invite(&db, &desk, "Sam", "editor"));
    // Written straight into the tables, as 100,000 pushes would leave them: a
    // programme of eight segments and three guests, about 2 KB of JSON.
    sql(
        &db,
        &format!(
            "INSERT INTO change (desk_id, entity, entity_id, revision, id, client_op, member_id,
                                 operation, author, at, format, changes, state)
             SELECT '{desk}', 'programme', gen_random_uuid()::text, 1, gen_random_uuid(),
                    gen_random_uuid(), '{member}', 'create', 'Sam', now(), 1, '[]',
                    jsonb_build_object(
                        'title', 'Programme ' || n, 'framing', jsonb_build_array('Why now?'),
                        'status', 'planned', 'notes', repeat('n', 200),
                        'guests', (SELECT jsonb_agg(jsonb_build_object(
                            'personId', gen_random_uuid(), 'name', 'Guest ' || g,
                            'affiliation', 'University of Somewhere')) FROM generate_series(1, 3) g),
                        'segments', (SELECT jsonb_agg(jsonb_build_object(
                            'id', gen_random_uuid(), 'title', 'Segment ' || s, 'seconds', 300,
                            'notes', repeat('s', 60), 'people', '[]'::jsonb))
                            FROM generate_series(1, 8) s))
             FROM generate_series(1, {PROGRAMMES}) n",
            member = sam.id
        ),
    );
    let started = Instant::now();
    let (mut after, mut pulled, mut bytes) = (0, 0, 0);
    loop {
        let (status, page) = served.get(
            &format!("/v1/pull?after={after}&limit=1000"),
            Some(&sam.token),
        );
        assert_eq!(status, 200);
        let changes = page["changes"].as_array().unwrap();
        pulled += changes.len();
        bytes += page.to_string().len();
        if let Some(last) = changes.last() {
            after = last["seq"].as_i64().unwrap();
        }
        if !page["more"].as_bool().unwrap() {
            break;
        }
    }
    assert_eq!(pulled, PROGRAMMES);
    println!(
        "pulled {pulled} programmes ({:.0} MB of JSON) in {:.1} s, pages of 1000",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
}
