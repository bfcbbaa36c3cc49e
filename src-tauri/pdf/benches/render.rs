//! Warm render time of a 30-segment run-sheet (fonts scanned, library built). The
//! first render of a process is timed by `examples/first_render.rs` instead: criterion
//! can only ever see it once.

use criterion::{criterion_group, criterion_main, Criterion};
use greenroom_pdf::{render_pdf, Paper};

#[path = "../tests/common/sheet.rs"]
mod sheet;

fn render_30_segments(c: &mut Criterion) {
    let sheet = sheet::realistic(30);
    c.bench_function("render_pdf 30 segments (warm)", |b| {
        b.iter(|| render_pdf(std::hint::black_box(&sheet), Paper::A4).unwrap())
    });
    // Typst memoises: re-rendering an identical sheet reuses layout. A producer
    // exports after editing, so also time a sheet that differs on every render.
    let mut edits = 0u64;
    c.bench_function("render_pdf 30 segments (warm, edited)", |b| {
        b.iter_batched(
            || {
                edits += 1;
                let mut sheet = sheet.clone();
                sheet.segments[0].notes = format!("Edit {edits}: {}", sheet.segments[0].notes);
                sheet
            },
            |sheet| render_pdf(&sheet, Paper::A4).unwrap(),
            criterion::BatchSize::SmallInput,
        )
    });
}

criterion_group!(benches, render_30_segments);
criterion_main!(benches);
