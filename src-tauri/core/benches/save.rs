//! Saving a programme (issue 13 budget: recording the change adds ≤ 0.5 ms, median):
//! a panel show of 4 guests, 4 framing questions and 30 segments, saved over and over
//! on a temp file. `cargo bench -p greenroom-core --bench save`; compare with the same
//! bench on a commit before change records (docs/PERFORMANCE.md, "Change records").

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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = bench
}
criterion_main!(benches);
