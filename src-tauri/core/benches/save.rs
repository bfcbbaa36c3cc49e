//! Saving a programme and reading its revisions (issue 13 budgets: recording the change
//! adds ≤ 0.5 ms to a save, median; with 500 revisions the history lists in ≤ 5 ms and
//! any revision rebuilds in ≤ 2 ms): a panel show of 4 guests, 4 framing questions and
//! 30 segments on a temp file. `cargo bench -p greenroom-core --bench save`; the save is
//! compared with the same bench on a commit before change records
//! (docs/PERFORMANCE.md, "Change records").

use criterion::{criterion_group, criterion_main, Criterion};
use greenroom_core::programme::segment::{SegmentInput, SegmentKind};
use greenroom_core::{PersonInput, ProgrammeInput, Store};

fn show() -> ProgrammeInput {
    let guest = |name: &str, affiliation: &str| PersonInput {
        name: name.into(),
        affiliation: Some(affiliation.into()),
        ..Default::default()
    };
    ProgrammeInput {
        title: "How to achieve a lasting ceasefire?".into(),
        series: Some("Inside Story".into()),
        presenter: Some(guest("Dareen Abughaida", "Al Jazeera")),
        guests: vec![
            guest("Anatol Lieven", "Quincy Institute"),
            guest("Pavel Felgenhauer", "Independent defence analyst"),
            guest("Peter Zalmayev", "Eurasia Democracy Initiative"),
            guest("Tarık Oğuzlu", "Antalya Bilim University"),
        ],
        framing: (1..=4)
            .map(|i| format!("Framing question {i}: what would it take to hold?"))
            .collect(),
        air: Some("2025-05-16T19:30".into()),
        time_zone: Some("Asia/Qatar".into()),
        slot: Some("25m".into()),
        segments: Some(
            (1..=30)
                .map(|i| SegmentInput {
                    id: None,
                    kind: SegmentKind::Discussion,
                    title: format!("Part {i}"),
                    duration: "50s".into(),
                    ..Default::default()
                })
                .collect(),
        ),
        ..Default::default()
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("greenroom.db")).unwrap();
    let mut input = show();
    let mut p = store.create_programme(&input).unwrap();
    let mut n = 0;
    c.bench_function("save/update_programme (4 guests, 30 segments)", |b| {
        b.iter(|| {
            n += 1;
            input.notes = format!("Edit {n}");
            p = store.update_programme(p.id, p.revision, &input).unwrap();
        })
    });
}

/// A programme saved 500 times, each edit a different field, as a running order is.
fn revisions(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("greenroom.db")).unwrap();
    let mut input = show();
    let mut p = store.create_programme(&input).unwrap();
    for n in 1..500 {
        match n % 3 {
            0 => input.notes = format!("Edit {n}"),
            1 => input.title = format!("How to achieve a lasting ceasefire? (take {n})"),
            _ => {
                if let Some(segments) = input.segments.as_mut() {
                    segments[n % 30].title = format!("Part {n}");
                }
            }
        }
        p = store.update_programme(p.id, p.revision, &input).unwrap();
    }
    assert_eq!(p.revision, 500);
    c.bench_function("revisions/history of 500", |b| {
        b.iter(|| store.programme_history(p.id).unwrap())
    });
    // The oldest revision is the furthest walk back from the live rows.
    c.bench_function("revisions/rebuild revision 1 of 500", |b| {
        b.iter(|| store.programme_as_of(p.id, 1).unwrap())
    });
    c.bench_function("revisions/rebuild revision 250 of 500", |b| {
        b.iter(|| store.programme_as_of(p.id, 250).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = bench, revisions
}
criterion_main!(benches);
