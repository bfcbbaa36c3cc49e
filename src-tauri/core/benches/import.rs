//! Parsing and storing 10,000 listings into an empty database (issue 5 budget: ≤ 3 s
//! on a 2-core machine). `cargo bench -p greenroom-core --bench import`
//!
//! Each listing is one transaction, as in `greenroom import listings`. Guests are
//! drawn from a pool of 4,000 names, so most of them are matched to people an earlier
//! listing created, as in a real archive.

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use greenroom_core::import::listing::{BulkItem, ListingOptions};
use greenroom_testkit::temp_store;

const LISTINGS: usize = 10_000;

const FIRST: &[&str] = &[
    "Amal", "Pavel", "Tarık", "Hélène", "Kwame", "Mei", "Omar", "Sofia", "Dmitri", "Aisha",
    "Jonas", "Priya", "Hassan", "Ingrid", "Mateus", "Yuki", "Leila", "Tomás", "Nadia", "Femi",
];
const LAST: &[&str] = &[
    "Haddad",
    "Novak",
    "Oğuzlu",
    "Dubois",
    "Mensah",
    "Lin",
    "Farouk",
    "Costa",
    "Berg",
    "Iqbal",
    "Moreau",
    "El-Kikhia",
    "van Dijk",
    "Abu Ghaida",
    "Petrova",
    "Okafor",
    "Nakamura",
    "Rossi",
    "Schmidt",
    "Kaya",
];
const AFFILIATIONS: &[&str] = &[
    "Senior fellow at the Middle East Institute",
    "Professor of international relations, University of Leeds",
    "Former ambassador to Egypt",
    "Director of the Eurasia Program at Quincy Institute",
    "Independent defence analyst",
];

fn name(i: usize) -> String {
    let suffix = i / (FIRST.len() * LAST.len());
    let base = format!(
        "{} {}",
        FIRST[i % FIRST.len()],
        LAST[(i / FIRST.len()) % LAST.len()]
    );
    // 400 base names; a middle initial makes 4,000 distinct people.
    match suffix {
        0 => base,
        s => {
            let (first, last) = base.split_once(' ').unwrap();
            format!("{first} {}. {last}", (b'A' + s as u8) as char)
        }
    }
}

fn listings() -> Vec<BulkItem> {
    (0..LISTINGS)
        .map(|n| {
            let g = |k: usize| (n * 7 + k * 1_303) % 4_000;
            let text = format!(
                "Episode {n}: can talks end the war in Sudan? | Inside Story\n\
                 The army and the RSF have fought for two years.\n\
                 Millions have fled their homes.\n\
                 What would bring both sides to the table?\n\
                 Presenter: Dareen Abughaida\n\
                 Guests:\n\
                 {} – {}\n{} – {}\n{} – {}\n\
                 Hashtags\nComments\nNo comments yet...\nRelated Articles\n",
                name(g(0)),
                AFFILIATIONS[n % 5],
                name(g(1)),
                AFFILIATIONS[(n + 1) % 5],
                name(g(2)),
                AFFILIATIONS[(n + 2) % 5],
            );
            BulkItem {
                source: format!("listing-{n}.txt"),
                text,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let items = listings();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(60));
    group.bench_function("10k listings into an empty database", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (_dir, _, mut store) = temp_store();
                let start = Instant::now();
                let summary = store.import_listings(&items, &ListingOptions::default(), |_, _| {});
                total += start.elapsed();
                assert_eq!(
                    summary.created.len(),
                    LISTINGS,
                    "{:?}",
                    summary.skipped.first()
                );
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
