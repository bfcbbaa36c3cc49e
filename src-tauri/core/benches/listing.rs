//! Parsing a pasted listing: the shared Inside Story sample (a listing plus its page,
//! with a second listing flattened onto one line), and 1 MB of page-like junk.
//! `cargo bench -p greenroom-core --bench listing`

use criterion::{criterion_group, criterion_main, Criterion};
use greenroom_core::listing::parse_listing;

const SAMPLE: &str = include_str!("../tests/listings/01-inside-story-sample.txt");

/// 1 MB mixing everything the parser looks at: labels, dashes, capitalised pairs,
/// junk lines, long lines and blank runs, from a fixed-seed generator.
fn junk_megabyte() -> String {
    const WORDS: &[&str] = &[
        "Presenter:",
        "Guests:",
        "–",
        "-",
        "Peter",
        "Zalmayev",
        "professor",
        "of",
        "University",
        "El",
        "bin",
        "Dr.",
        "(Ret.)",
        "Share",
        "4 hours ago",
        "#Gaza",
        "?",
        "Why",
        "the",
        "Al Jazeera",
        "Tarık",
        "Oğuzlu",
        "مروان",
        "Сергей",
        ",",
        "(",
        ")",
        "Related Articles",
        "and",
        "Host:",
        "With:",
        "Presented by",
        "|",
        "Inside Story",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out = String::with_capacity(1 << 20);
    while out.len() < 1 << 20 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.push_str(WORDS[(seed % WORDS.len() as u64) as usize]);
        out.push(match (seed >> 32) % 23 {
            0 => '\n',
            1 => '.',
            _ => ' ',
        });
    }
    out
}

fn bench(c: &mut Criterion) {
    c.bench_function("listing_parse_sample", |b| b.iter(|| parse_listing(SAMPLE)));
    let big = junk_megabyte();
    let mut group = c.benchmark_group("listing_parse_1mb");
    group.sample_size(20);
    group.bench_function("junk", |b| b.iter(|| parse_listing(&big)));
    let one_line = big.replace('\n', " ");
    group.bench_function("junk_one_line", |b| b.iter(|| parse_listing(&one_line)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
