//! How much change records grow the archive (issue 13 budget: the 100k-programme
//! archive with 5 revisions per programme grows by ≤ 30 %). A bench binary, not
//! criterion: it saves 5 revisions of every 10th programme of a copy of the benchmark
//! archive (`benches/common/archive.rs`) and prints the file's growth, measured and
//! as it would be for all 100,000 (the records of one programme do not depend on the
//! others). `cargo bench -p greenroom-core --bench growth`

#[path = "common/archive.rs"]
#[allow(dead_code)]
mod archive;

use std::time::Instant;

use greenroom_core::{ListQuery, Status, Store};

/// Bytes the database's pages hold (free pages left out).
fn used(store_path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(store_path).unwrap();
    let pages: i64 = conn
        .query_row(
            "SELECT (SELECT page_count FROM pragma_page_count)
                  - (SELECT freelist_count FROM pragma_freelist_count)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    pages * size
}

fn main() {
    const EVERY: usize = 10;
    const REVISIONS: usize = 5;
    let source = archive::archive();
    let dir = tempfile::tempdir_in(source.parent().unwrap()).unwrap();
    let db = dir.path().join("growth.db");
    std::fs::copy(&source, &db).unwrap();
    let before = used(&db);
    let mut store = Store::open(&db).unwrap();
    store.set_author("Benchmark Producer").unwrap();
    let ids: Vec<_> = store
        .list_programmes(&ListQuery::default())
        .unwrap()
        .into_iter()
        .step_by(EVERY)
        .map(|p| p.id)
        .collect();
    let started = Instant::now();
    // A producer's day on a programme: the status, the slot, a segment's length, a
    // guest's billing, the notes.
    for (n, id) in ids.iter().enumerate() {
        for edit in 0..REVISIONS {
            let p = store.get_programme(*id).unwrap();
            let mut input = p.to_input();
            match edit {
                0 => input.status = Status::Confirmed,
                1 => input.slot = Some(format!("{}m", 25 + n % 30)),
                2 => {
                    if let Some(s) = input.segments.as_mut().and_then(|s| s.get_mut(n % 3)) {
                        s.duration = format!("{}s", 60 + n % 600);
                    } else {
                        input.title.push_str(" (revised)");
                    }
                }
                3 => {
                    if let Some(g) = input.guests.first_mut() {
                        g.affiliation = Some(format!("Visiting fellow, take {n}"));
                    } else {
                        input.notes = format!("Booked, take {n}");
                    }
                }
                _ => input.notes = format!("Call the studio at 18:00 ({n})"),
            }
            store.update_programme(*id, p.revision, &input).unwrap();
        }
    }
    let elapsed = started.elapsed();
    drop(store);
    let after = used(&db);
    let grown = after - before;
    let programmes = ids.len();
    let per_programme = grown as f64 / programmes as f64;
    let all = per_programme * archive::PROGRAMMES as f64;
    println!(
        "archive {:.1} MB; {programmes} programmes × {REVISIONS} revisions in {elapsed:.1?}: \
         +{:.1} MB ({:.0} bytes a programme); for all {}: +{:.1} MB = {:.1} %",
        before as f64 / 1e6,
        grown as f64 / 1e6,
        per_programme,
        archive::PROGRAMMES,
        all / 1e6,
        all / before as f64 * 100.0
    );
}
