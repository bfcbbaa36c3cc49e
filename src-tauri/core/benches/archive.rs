//! The big archive (issue 6): opening it, paging the programme list, filtering it, and
//! guest history for the busiest people, on what `greenroom dev generate --programmes
//! 100000 --people 40000 --seed 1` writes. `cargo bench -p greenroom-core --bench archive`
//!
//! Budgets (docs/PERFORMANCE.md): open + migrate ≤ 50 ms; a 50-row list page ≤ 2 ms at
//! any depth; guest history of the busiest guest ≤ 1 ms.

#[path = "common/archive.rs"]
mod archive;

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use greenroom_core::generate::AS_OF_MS;
use greenroom_core::people::history::{HISTORY_PAGE, HISTORY_PAGE_SQL, HISTORY_TIMELINE_SQL};
use greenroom_core::{ListQuery, PersonId, Store};
use rusqlite::{params, Connection};

const PAGE: u32 = 50;

/// The person with the most appearances in `role`, and how many.
fn busiest(conn: &Connection, role: &str) -> (PersonId, i64) {
    conn.query_row(
        "SELECT person_id, count(*) AS n FROM appearance WHERE role = ?1
         GROUP BY person_id ORDER BY n DESC, person_id LIMIT 1",
        [role],
        |r| Ok((r.get::<_, String>(0)?.parse().unwrap(), r.get(1)?)),
    )
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let path = archive::archive();
    let store = Store::open(&path).unwrap();
    let conn = Connection::open(&path).unwrap();

    let mut group = c.benchmark_group("archive");
    group.bench_function("open + migrate", |b| {
        b.iter(|| black_box(Store::open(&path).unwrap()))
    });

    let count = store.count_programmes().unwrap() as u32;
    for (name, offset) in [
        ("list page at offset 0", 0),
        ("list page at offset 50000", 50_000),
        ("list page, the last", count - PAGE),
    ] {
        let q = ListQuery {
            limit: Some(PAGE),
            offset,
            ..Default::default()
        };
        assert_eq!(store.list_programmes(&q).unwrap().len(), PAGE as usize);
        group.bench_function(name, |b| b.iter(|| store.list_programmes(&q).unwrap()));
    }

    // The same pages as the window's "Show more" asks for them: after the last row shown.
    for (name, offset) in [
        ("list page after row 50000", 50_000),
        ("list page after row 99950 (the last page)", count - PAGE),
    ] {
        let before = store
            .list_programmes(&ListQuery {
                limit: Some(1),
                offset: offset - 1,
                ..Default::default()
            })
            .unwrap();
        let q = ListQuery {
            limit: Some(PAGE),
            after: Some(before[0].id),
            ..Default::default()
        };
        let by_offset = ListQuery {
            limit: Some(PAGE),
            offset,
            ..Default::default()
        };
        let ids = |q: &ListQuery| -> Vec<_> {
            store
                .list_programmes(q)
                .unwrap()
                .into_iter()
                .map(|p| p.id)
                .collect()
        };
        assert_eq!(ids(&q), ids(&by_offset));
        group.bench_function(name, |b| b.iter(|| store.list_programmes(&q).unwrap()));
    }

    let now = DateTime::<Utc>::from_timestamp_millis(AS_OF_MS).unwrap();
    let (guest, guest_n) = busiest(&conn, "guest");
    let (presenter, presenter_n) = busiest(&conn, "presenter");
    group.bench_function(
        format!("guest history, busiest guest ({guest_n} appearances)"),
        |b| b.iter(|| store.guest_history(guest, now).unwrap()),
    );
    // The same SQL with no Rust-side work: what SQLite alone takes.
    let id = guest.to_string();
    group.bench_function(
        format!("history SQL alone, busiest guest ({guest_n} rows + first page)"),
        |b| {
            let mut timeline = conn.prepare_cached(HISTORY_TIMELINE_SQL).unwrap();
            let mut page = conn.prepare_cached(HISTORY_PAGE_SQL).unwrap();
            b.iter(|| {
                let mut n = 0;
                let mut rows = timeline.query([&id]).unwrap();
                while let Some(r) = rows.next().unwrap() {
                    for i in 0..5 {
                        black_box(r.get_ref(i).unwrap());
                    }
                    n += 1;
                }
                let mut rows = page.query(params![id, HISTORY_PAGE]).unwrap();
                while let Some(r) = rows.next().unwrap() {
                    for i in 0..11 {
                        black_box(r.get_ref(i).unwrap());
                    }
                    n += 1;
                }
                n
            })
        },
    );
    group.sample_size(20);
    group.bench_function(
        format!("guest history, busiest presenter ({presenter_n} appearances)"),
        |b| b.iter(|| store.guest_history(presenter, now).unwrap()),
    );
    group.finish();

    // Filtering scans the list; each filter is one keypress in the window.
    let mut group = c.benchmark_group("archive filter");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for text in ["ceasefire", "Oğuzlu", "مروان", "zzzz"] {
        let q = ListQuery {
            text: Some(text.into()),
            limit: Some(PAGE),
            ..Default::default()
        };
        let found = store.list_programmes(&q).unwrap().len();
        group.bench_function(format!("{text} ({found} on the first page)"), |b| {
            b.iter(|| store.list_programmes(&q).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
