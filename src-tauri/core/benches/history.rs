//! Guest history on a large archive (issue 4 budget: median ≤ 1 ms with 40k people and
//! 100k programmes). `cargo bench -p greenroom-core --bench history`
//! The archive is `benches/common/archive.rs` (generated once, cached under target/).

#[path = "common/archive.rs"]
#[allow(dead_code)]
mod archive;

use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion};
use greenroom_core::{PersonId, Store};

/// The guest with the most appearances, and one with a typical number (presenters,
/// on thousands of programmes each, are in `benches/archive.rs`).
fn guests(store_path: &std::path::Path) -> (PersonId, i64, PersonId, i64) {
    let conn = rusqlite::Connection::open(store_path).unwrap();
    let mut st = conn
        .prepare(
            "SELECT person_id, count(*) AS n FROM appearance WHERE role = 'guest'
             GROUP BY person_id ORDER BY n DESC, person_id",
        )
        .unwrap();
    let rows: Vec<(String, i64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let (top, top_n) = rows[0].clone();
    let (mid, mid_n) = rows[rows.len() / 2].clone();
    (top.parse().unwrap(), top_n, mid.parse().unwrap(), mid_n)
}

fn bench(c: &mut Criterion) {
    let path = archive::archive();
    let store = Store::open(&path).unwrap();
    let (top, top_n, mid, mid_n) = guests(&path);
    let now = Utc::now();
    let mut group = c.benchmark_group("guest_history");
    group.bench_function(format!("most frequent guest ({top_n} appearances)"), |b| {
        b.iter(|| store.guest_history(top, now).unwrap())
    });
    group.bench_function(format!("typical guest ({mid_n} appearances)"), |b| {
        b.iter(|| store.guest_history(mid, now).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
