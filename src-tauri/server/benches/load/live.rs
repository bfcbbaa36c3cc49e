//! An edit pushed through one instance, visible to a client of the other: the
//! client listens to `/v1/events` and pulls on each `head` event, as the app does.

use std::collections::HashMap;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::api::{create, update, Served};
use crate::support::{invite, with_desk};
use crate::{ms, percentile};

const EDITS: usize = 200;

pub fn run() {
    let (db, desk) = with_desk();
    let (one, other) = (Served::start(&db, &[]), Served::start(&db, &[]));
    let writer = one.join(&invite(&db, &desk, "Writer", "editor"));
    let reader = other.join(&invite(&db, &desk, "Reader", "editor"));
    let heads = other.events(&reader.token);
    let (seen_tx, seen) = mpsc::channel::<(i64, Instant)>();
    std::thread::scope(|s| {
        let other = &other;
        let token = reader.token.clone();
        // The reader: on each head past what it has, pulls, and notes when each
        // change arrived.
        s.spawn(move || {
            let mut after = 0;
            for head in heads {
                while after < head {
                    let (status, page) =
                        other.get(&format!("/v1/pull?after={after}"), Some(&token));
                    assert_eq!(status, 200);
                    let arrived = Instant::now();
                    for change in page["changes"].as_array().unwrap() {
                        after = change["seq"].as_i64().unwrap();
                        if seen_tx.send((after, arrived)).is_err() {
                            return;
                        }
                    }
                    if !page["more"].as_bool().unwrap() {
                        break;
                    }
                }
            }
        });

        let id = uuid::Uuid::now_v7().to_string();
        let mut state = json!({"title": "0", "framing": [], "segments": [], "guests": []});
        let mut sent: HashMap<i64, Instant> = HashMap::new();
        let t = Instant::now();
        let r = one.push_one(&writer, create("programme", &id, state.clone()));
        sent.insert(r["seq"].as_i64().unwrap(), t);
        let mut revision = r["revision"].as_i64().unwrap();
        for n in 1..EDITS {
            // Edits a person might make in a hurry, not a flood: 20 to 60 ms apart.
            std::thread::sleep(Duration::from_millis(20 + (n as u64 * 37) % 40));
            let mut after = state.clone();
            after["title"] = json!(n.to_string());
            let t = Instant::now();
            let r = one.push_one(
                &writer,
                update("programme", &id, revision, state, after.clone()),
            );
            sent.insert(r["seq"].as_i64().unwrap(), t);
            (state, revision) = (after, r["revision"].as_i64().unwrap());
        }
        let mut latencies = Vec::with_capacity(EDITS);
        while latencies.len() < EDITS {
            let (seq, arrived) = seen
                .recv_timeout(Duration::from_secs(10))
                .expect("every edit reaches the other instance's client");
            latencies.push(arrived - sent[&seq]);
        }
        drop(seen);
        latencies.sort();
        println!(
            "live: {EDITS} edits pushed through one instance, pulled by a client of the other \
             on its head event: p50 {}, p95 {}, p99 {}, max {}",
            ms(percentile(&latencies, 0.50)),
            ms(percentile(&latencies, 0.95)),
            ms(percentile(&latencies, 0.99)),
            ms(*latencies.last().unwrap()),
        );
        // One more edit wakes the reader, which finds no one listening and ends.
        let mut after = state.clone();
        after["title"] = json!("last");
        one.push_one(&writer, update("programme", &id, revision, state, after));
    });
}
