//! 20 clients × 500 edits, through two instances on one PostgreSQL.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::api::{create, update, Served};
use crate::support::{invite, sql, with_desk};
use crate::{ms, percentile};

const CLIENTS: usize = 20;
const EDITS: usize = 500;

pub fn run() {
    let (db, desk) = with_desk();
    // 20 joins from one address in a minute: more than a desk's default allows.
    let args = ["--join-limit-per-address", "100"];
    let instances = [Served::start(&db, &args), Served::start(&db, &args)];
    let members: Vec<_> = (0..CLIENTS)
        .map(|i| instances[i % 2].join(&invite(&db, &desk, &format!("Client {i}"), "editor")))
        .collect();
    let done = AtomicBool::new(false);
    let started = Instant::now();
    let (mut latencies, memory) = std::thread::scope(|s| {
        // Each instance's resident memory, every 250 ms until the clients are done.
        let sampler = s.spawn(|| {
            let mut samples = Vec::new();
            while !done.load(Ordering::Relaxed) {
                samples.push([instances[0].memory_kib(), instances[1].memory_kib()]);
                std::thread::sleep(Duration::from_millis(250));
            }
            samples
        });
        let clients: Vec<_> = members
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
                    let first = served.push_one(member, create("programme", &id, state.clone()));
                    took.push(t.elapsed());
                    let mut seen = first["revision"].as_i64().unwrap();
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
        let latencies: Vec<Duration> = clients
            .into_iter()
            .flat_map(|t| t.join().unwrap())
            .collect();
        done.store(true, Ordering::Relaxed);
        (latencies, sampler.join().unwrap())
    });
    let elapsed = started.elapsed();
    assert_eq!(
        sql(&db, "SELECT count(*) FROM change"),
        (CLIENTS * EDITS).to_string(),
        "every edit applied once"
    );
    latencies.sort();
    let rss = |i: usize| {
        let mib = |kib: u64| kib as f64 / 1024.0;
        let all: Vec<u64> = memory.iter().map(|m| m[i]).collect();
        format!(
            "first {:.1}, max {:.1}, last {:.1} MiB ({} samples)",
            mib(all[0]),
            mib(*all.iter().max().unwrap()),
            mib(*all.last().unwrap()),
            all.len()
        )
    };
    println!(
        "push: {} pushes of one edit by {CLIENTS} clients through 2 instances in {:.1} s: \
         {:.0} pushes/s; latency p50 {}, p95 {}, p99 {}, max {}",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.95)),
        ms(percentile(&latencies, 0.99)),
        ms(*latencies.last().unwrap()),
    );
    println!("push: server memory, instance 1: {}", rss(0));
    println!("push: server memory, instance 2: {}", rss(1));
}
