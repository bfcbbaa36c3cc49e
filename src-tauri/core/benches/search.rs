//! Full-text search over a large archive (issue 4 budget: median ≤ 10 ms with 40k
//! people and 300k appearances). `cargo bench -p greenroom-core --bench search`
//!
//! The archive is `benches/common/archive.rs` (generated once, cached under target/).

#[path = "common/archive.rs"]
mod archive;

use criterion::{criterion_group, criterion_main, Criterion};
use greenroom_core::Store;

use archive::archive;

fn bench(c: &mut Criterion) {
    let store = Store::open(archive()).unwrap();
    let mut group = c.benchmark_group("search");
    for q in [
        "oguzlu",    // a rare name
        "tar",       // three letters typed: a prefix of thousands of words
        "ceasefire", // a topic word in a tenth of all programmes
        "ceasef",    // the same word half-typed: only the prefix can match
        "sudan drought",
        "مروان",
    ] {
        group.bench_function(q, |b| b.iter(|| store.search(q, 20).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
