//! Markdown run-sheet of a 30-segment programme (issue budget: median ≤ 1 ms).
//! `cargo bench -p greenroom-core --bench markdown`

use criterion::{criterion_group, criterion_main, Criterion};
use greenroom_core::programme::segment::{SegmentInput, SegmentKind};
use greenroom_core::runsheet::markdown::render_markdown;
use greenroom_core::runsheet::sheet::RunSheet;
use greenroom_core::{PersonInput, ProgrammeInput, Status, Store};

fn thirty_segment_sheet() -> RunSheet {
    let mut store = Store::open_in_memory().unwrap();
    let guests = ["Peter Zalmayev", "هناء المصري", "Tarık Oğuzlu", "王毅"];
    let input = ProgrammeInput {
        series: Some("Inside Story".into()),
        title: "How to achieve a lasting ceasefire between Russia and Ukraine?".into(),
        framing: (1..=4)
            .map(|i| format!("Framing question {i} | with *markup*?"))
            .collect(),
        presenter: Some(PersonInput {
            name: "Dareen Abughaida".into(),
            ..Default::default()
        }),
        guests: guests
            .iter()
            .map(|g| PersonInput {
                name: g.to_string(),
                affiliation: Some("Some institute <of> things".into()),
                ..Default::default()
            })
            .collect(),
        air: Some("2025-05-16T19:30".into()),
        time_zone: Some("Asia/Qatar".into()),
        slot: Some("25m".into()),
        status: Status::Planned,
        notes: String::new(),
        segments: Some(
            (0..30)
                .map(|i| SegmentInput {
                    id: None,
                    kind: SegmentKind::ALL[i % 9],
                    title: format!("Segment {i}: the # part | of *it*"),
                    duration: "0:50".into(),
                    people: guests
                        .iter()
                        .take(1 + i % 4)
                        .map(|g| g.to_string())
                        .collect(),
                    question: Some(1 + (i % 4) as u32),
                    notes: "Roll VT.\nCue the Doha studio; watch the clock.".into(),
                })
                .collect(),
        ),
    };
    let p = store.create_programme(&input).unwrap();
    RunSheet::from_programme(&p)
}

fn bench(c: &mut Criterion) {
    let sheet = thirty_segment_sheet();
    c.bench_function("markdown_30_segments", |b| {
        b.iter(|| render_markdown(&sheet))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
