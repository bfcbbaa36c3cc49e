//! A first pull: a desk's whole archive applied in pages of 500, as `desk join` does
//! after the download (issue 14 budget: joining a desk of 100,000 programmes is a
//! usable local archive in ≤ 60 s on a 2-core machine; the server's side is measured
//! in `greenroom-server`). `cargo bench -p greenroom-core --bench desk`
//!
//! The archive is the generator's (people with profiles, programmes with line-ups and
//! running orders), each entity a creation at revision 1, as the server sends it.

use std::time::{Duration, Instant};

use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion};
use greenroom_core::generate::GenerateOptions;
use greenroom_core::ListQuery;
use greenroom_protocol::{Entity, Operation, ServerChange, FORMAT};
use greenroom_testkit::temp_store;

const PROGRAMMES: usize = 10_000;
const PEOPLE: usize = 4_000;
const PAGE: usize = 500;

fn desk_archive() -> Vec<ServerChange> {
    let (_dir, _, mut source) = temp_store();
    source
        .generate_archive(
            &GenerateOptions {
                programmes: PROGRAMMES,
                people: PEOPLE,
                seed: 14,
            },
            &mut |_| {},
        )
        .unwrap();
    let people = source
        .list_people()
        .unwrap()
        .into_iter()
        .map(|p| (Entity::Person, p.id.to_string()));
    let programmes = source
        .list_programmes(&ListQuery::default())
        .unwrap()
        .into_iter()
        .map(|p| (Entity::Programme, p.id.to_string()));
    people
        .chain(programmes)
        .enumerate()
        .map(|(i, (entity, id))| ServerChange {
            seq: i as i64 + 1,
            after: source.desk_state_of(entity, &id).unwrap(),
            entity,
            entity_id: id,
            revision: 1,
            id: uuid::Uuid::now_v7(),
            operation: Operation::Create,
            author: "Desk".into(),
            at: Utc::now(),
            format: FORMAT,
            changes: Vec::new(),
            merged_into: None,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let changes = desk_archive();
    let mut group = c.benchmark_group("desk");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.bench_function("first pull: 10k programmes and 4k people", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (_dir, _, store) = temp_store();
                let start = Instant::now();
                store.desk_apply_pulled(&changes, PAGE).unwrap();
                total += start.elapsed();
                assert_eq!(store.count_programmes().unwrap(), PROGRAMMES as i64);
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
