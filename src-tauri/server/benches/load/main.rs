//! The desk's budgets (docs/PERFORMANCE.md, "Desk"), measured on loopback with real
//! `greenroom-server` processes on a throwaway PostgreSQL cluster; bounded loops, no
//! timing asserted, the figures printed:
//!
//! - `push`: 20 clients × 500 edits through two instances: throughput, push latency
//!   percentiles, each instance's resident memory sampled through the run;
//! - `live`: an edit pushed through one instance, seen by a client of the other that
//!   pulls on each `head` event of `/v1/events`: latency percentiles;
//! - `join`: `greenroom desk join` (the real client, built with
//!   `cargo build --release -p greenroom-cli`) on a desk of 100,000 programmes.
//!
//! `cargo bench -p greenroom-server --bench load [-- push|live|join]` (all three
//! when none is named).

// The server tests' helpers: a served instance, joining, pushing, the events stream.
#[allow(dead_code)]
#[path = "../../tests/api.rs"]
mod api;
#[allow(dead_code)]
#[path = "../../tests/support.rs"]
mod support;

mod join;
mod live;
mod push;

use std::time::Duration;

fn main() {
    let named: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| named.is_empty() || named.iter().any(|n| n == name);
    if wanted("push") {
        push::run();
    }
    if wanted("live") {
        live::run();
    }
    if wanted("join") {
        join::run();
    }
}

/// The `p`-th percentile of `sorted` (nearest rank).
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}
