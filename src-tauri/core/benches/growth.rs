//! How much change records grow the archive (issue 13 budget: the 100k-programme
//! archive with 5 revisions per programme grows by ≤ 30 %). A bench binary, not
//! criterion: it saves 5 revisions of every 10th programme of a copy of the benchmark
//! archive (`benches/common/archive.rs`) and prints the file's growth, measured and
//! as it would be for all 100,000 (the records of one programme do not depend on the
//! others). `cargo bench -p greenroom-core --bench growth`

#[path = "common/archive.rs"]
#[allow(dead_code)]
mod archive;

use std::collections::BTreeMap;
use std::time::Instant;

use greenroom_core::{ListQuery, Status, Store};

/// Bytes of pages each table and index holds (SQLite's `dbstat`), free pages left out.
fn used(store_path: &std::path::Path) -> BTreeMap<String, i64> {
    let conn = rusqlite::Connection::open(store_path).unwrap();
    let mut st = conn
        .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn total(sizes: &BTreeMap<String, i64>) -> i64 {
    sizes.values().sum()
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
    let programmes = ids.len();
    let scale = archive::PROGRAMMES as f64 / programmes as f64;
    let base = total(&before) as f64;
    let grown = |names: &[&str]| -> f64 {
        names
            .iter()
            .map(|n| (after.get(*n).unwrap_or(&0) - before.get(*n).unwrap_or(&0)) as f64)
            .sum()
    };
    let records = grown(&["change", "change_gone"]);
    let all = (total(&after) - total(&before)) as f64;
    println!(
        "archive {:.1} MB; {programmes} programmes × {REVISIONS} revisions saved in \
         {elapsed:.1?}",
        base / 1e6
    );
    println!(
        "change records: +{:.1} MB ({:.0} bytes a programme); for all {}: +{:.1} MB = {:.1} %",
        records / 1e6,
        records / programmes as f64,
        archive::PROGRAMMES,
        records * scale / 1e6,
        records * scale / base * 100.0
    );
    println!(
        "the whole file (the saves themselves too): +{:.1} MB; for all: +{:.1} MB = {:.1} %",
        all / 1e6,
        all * scale / 1e6,
        all * scale / base * 100.0
    );
    // Rewriting a programme's rows (new appearance ids each save) leaves pages part
    // empty; a compacted copy shows what the file holds.
    let compact = |from: &std::path::Path, name: &str| {
        let to = dir.path().join(name);
        rusqlite::Connection::open(from)
            .unwrap()
            .execute("VACUUM INTO ?1", [to.to_str().unwrap()])
            .unwrap();
        total(&used(&to)) as f64
    };
    let (compact_before, compact_after) = (
        compact(&source, "compact-before.db"),
        compact(&db, "compact-after.db"),
    );
    let compacted = compact_after - compact_before;
    println!(
        "both compacted (VACUUM INTO): {:.1} MB → {:.1} MB: +{:.1} MB; for all: +{:.1} MB = \
         {:.1} %",
        compact_before / 1e6,
        compact_after / 1e6,
        compacted / 1e6,
        compacted * scale / 1e6,
        compacted * scale / compact_before * 100.0
    );
    let mut by_object: Vec<(f64, &String)> = after
        .keys()
        .map(|k| (grown(&[k.as_str()]), k))
        .filter(|(g, _)| *g != 0.0)
        .collect();
    by_object.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (g, name) in by_object.iter().take(8) {
        println!("  {name}: {:+.1} MB", g / 1e6);
    }
}
