//! Parsing a pasted listing: the shared Inside Story sample (a listing plus its page,
//! with a second listing flattened onto one line), the dev half of the corpus of real
//! published listings (issue 16, `tests/corpus/{aj,wide}`, odd numbers), and 1 MB of
//! page-like junk.
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

/// The dev half of one corpus set: the listings with odd numbers.
fn dev_half(set: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(set);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p: &std::path::PathBuf| {
        let name = p.file_name().map(|n| n.to_string_lossy().to_string());
        p.extension().is_some_and(|e| e == "txt")
            && name
                .and_then(|n| n.get(..2)?.parse::<u32>().ok())
                .is_some_and(|n| n % 2 == 1)
    });
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn bench(c: &mut Criterion) {
    c.bench_function("listing_parse_sample", |b| b.iter(|| parse_listing(SAMPLE)));
    for set in ["aj", "wide"] {
        let texts = dev_half(set);
        c.bench_function(&format!("listing_parse_corpus_dev/{set}"), |b| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| parse_listing(t).guests.len())
                    .sum::<usize>()
            })
        });
    }
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
