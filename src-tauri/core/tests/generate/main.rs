//! `generate/`: the archive generator on real files: reproducible, skewed like a real
//! archive, complete line-ups, scripts beyond Latin, and a search index in step with
//! the data.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use greenroom_core::generate::{self, Existing, GenerateOptions, GenerateSummary, AS_OF_MS};
use greenroom_core::Store;
use rusqlite::types::Value;
use rusqlite::Connection;

use greenroom_testkit::derived;

const SMALL: GenerateOptions = GenerateOptions {
    programmes: 500,
    people: 300,
    seed: 1,
};

fn build(dir: &Path, name: &str, opts: &GenerateOptions) -> (PathBuf, GenerateSummary) {
    let path = dir.join(name);
    let summary = generate::to_file(&path, opts, Existing::Refuse, &mut |_| {}).unwrap();
    (path, summary)
}

/// Every row of every table the generator writes, the search index included.
fn content_hash(path: &Path) -> u64 {
    let conn = Connection::open(path).unwrap();
    let mut h = DefaultHasher::new();
    for table in [
        "programme",
        "person",
        "appearance",
        "framing",
        "segment",
        "segment_person",
        "series_format",
        "search_key",
        "programme_fts",
        "person_fts",
    ] {
        let n = conn
            .prepare(&format!("SELECT rowid, * FROM {table}"))
            .unwrap()
            .column_count();
        let order: Vec<String> = (1..=n.min(4)).map(|i| i.to_string()).collect();
        let sql = format!("SELECT rowid, * FROM {table} ORDER BY {}", order.join(", "));
        let mut st = conn.prepare(&sql).unwrap();
        let mut rows = st.query([]).unwrap();
        let mut count = 0;
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                format!("{:?}", r.get::<_, Value>(i).unwrap()).hash(&mut h);
            }
            count += 1;
        }
        assert!(count > 0, "{table} is empty");
    }
    h.finish()
}

fn ints(conn: &Connection, sql: &str) -> Vec<i64> {
    let mut st = conn.prepare(sql).unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn strings(conn: &Connection, sql: &str) -> Vec<String> {
    let mut st = conn.prepare(sql).unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_archive_ids_included() {
    let dir = tempfile::tempdir().unwrap();
    let (a, sa) = build(dir.path(), "a.db", &SMALL);
    let (b, sb) = build(dir.path(), "b.db", &SMALL);
    let (c, _) = build(dir.path(), "c.db", &GenerateOptions { seed: 2, ..SMALL });
    assert_eq!(content_hash(&a), content_hash(&b));
    assert_ne!(content_hash(&a), content_hash(&c));
    assert_eq!(sa.busiest_guest, sb.busiest_guest);
    assert_eq!((sa.programmes, sa.people), (500, 300));
    let conn = Connection::open(&a).unwrap();
    let ids = strings(
        &conn,
        "SELECT id FROM programme UNION ALL SELECT id FROM person",
    );
    assert!(ids
        .iter()
        .all(|id| id.parse::<uuid::Uuid>().unwrap().get_version_num() == 7));
}

#[test]
fn bookings_are_skewed_and_every_line_up_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    let (path, summary) = build(dir.path(), "g.db", &SMALL);
    let conn = Connection::open(&path).unwrap();
    let counts = ints(
        &conn,
        "SELECT count(*) AS n FROM appearance WHERE role = 'guest' GROUP BY person_id ORDER BY n",
    );
    let median = counts[counts.len() / 2];
    let max = *counts.last().unwrap();
    assert!(max >= 8 * median, "max {max}, median {median}");
    assert!(
        counts.iter().filter(|&&n| n == 1).count() * 4 > counts.len(),
        "few one-off guests"
    );
    let (busiest, n) = summary.busiest_guest.unwrap();
    assert_eq!(n as i64, max);
    let top: i64 = conn
        .query_row(
            "SELECT count(*) FROM appearance WHERE person_id = ?1 AND role = 'guest'",
            [busiest.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(top, max);

    let line_ups = ints(
        &conn,
        "SELECT (SELECT count(*) FROM appearance a WHERE a.programme_id = p.id AND a.role = 'guest') * 10
              + (SELECT count(*) FROM appearance a WHERE a.programme_id = p.id AND a.role = 'presenter')
         FROM programme p",
    );
    assert_eq!(line_ups.len(), 500);
    assert!(line_ups.iter().all(|&n| n == 31 || n == 41), "{line_ups:?}");
    let presenters = ints(
        &conn,
        "SELECT count(DISTINCT person_id) FROM appearance WHERE role = 'presenter'",
    )[0];
    assert!((6..=18).contains(&presenters), "{presenters} presenters");
    let framing = ints(&conn, "SELECT count(*) FROM framing GROUP BY programme_id");
    assert!(framing.iter().all(|n| (2..=4).contains(n)));
    // Nobody twice on one programme, and segment people are on its line-up.
    assert_eq!(ints(&conn, "SELECT count(*) FROM (SELECT 1 FROM appearance GROUP BY programme_id, person_id HAVING count(*) > 1)")[0], 0);
    assert_eq!(
        ints(&conn, "SELECT count(*) FROM segment_person sp WHERE NOT EXISTS
                     (SELECT 1 FROM appearance a WHERE a.programme_id = sp.programme_id AND a.person_id = sp.person_id)")[0],
        0
    );
    assert!(ints(&conn, "SELECT count(*) FROM segment")[0] as usize == summary.segments);
    assert_eq!(
        ints(&conn, "SELECT count(*) FROM appearance")[0] as usize,
        summary.appearances
    );
    assert!(strings(&conn, "PRAGMA foreign_key_check").is_empty());
}

#[test]
fn names_statuses_and_careers_look_like_a_real_archive() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = build(dir.path(), "g.db", &SMALL);
    let conn = Connection::open(&path).unwrap();
    let names = strings(&conn, "SELECT name FROM person");
    let has = |range: std::ops::RangeInclusive<char>| {
        names.iter().any(|n| n.chars().any(|c| range.contains(&c)))
    };
    assert!(has('\u{0600}'..='\u{06FF}'), "no Arabic name");
    assert!(has('\u{0400}'..='\u{04FF}'), "no Cyrillic name");
    assert!(has('\u{4E00}'..='\u{9FFF}'), "no Chinese name");
    assert!(
        names
            .iter()
            .any(|n| n.contains(['ğ', 'ş', 'ı', 'İ', 'Ö', 'ç'])),
        "no Turkish name"
    );

    let statuses = strings(&conn, "SELECT DISTINCT status FROM programme ORDER BY 1");
    assert_eq!(
        statuses,
        ["aired", "cancelled", "confirmed", "draft", "planned"]
    );
    let future = ints(
        &conn,
        &format!("SELECT count(*) FROM programme WHERE air_at > {AS_OF_MS} AND status <> 'aired'"),
    )[0];
    assert!(future > 0);
    assert_eq!(
        ints(
            &conn,
            &format!(
                "SELECT count(*) FROM programme WHERE air_at > {AS_OF_MS} AND status = 'aired'"
            )
        )[0],
        0
    );
    let years =
        ints(&conn, "SELECT max(air_at) - min(air_at) FROM programme")[0] / (365 * 86_400_000);
    assert!(years >= 29, "{years} years");
    assert_eq!(
        strings(&conn, "SELECT DISTINCT series FROM programme").len(),
        6
    );
    // Someone was billed differently as their career moved on.
    let most = ints(&conn, "SELECT count(DISTINCT affiliation) AS n FROM appearance WHERE role = 'guest' GROUP BY person_id ORDER BY n DESC LIMIT 1")[0];
    assert!(most >= 2);
}

#[test]
fn the_search_index_matches_the_data_and_finds_generated_people() {
    let dir = tempfile::tempdir().unwrap();
    let (path, summary) = build(dir.path(), "g.db", &SMALL);
    let conn = Connection::open(&path).unwrap();
    derived::assert_derived_data_matches(&conn);
    let differs = |sql: &str| ints(&conn, sql)[0];
    assert_eq!(differs("SELECT count(*) FROM programme_fts"), 500);
    assert_eq!(differs("SELECT count(*) FROM person_fts"), 300);

    let store = Store::open(&path).unwrap();
    let (busiest, n) = summary.busiest_guest.unwrap();
    let person = store.get_person(busiest).unwrap();
    let found = store.search(&person.name, 20).unwrap();
    assert!(
        found.people.iter().any(|p| p.id == busiest),
        "{} not found",
        person.name
    );
    let history = store
        .guest_history(
            busiest,
            DateTime::<Utc>::from_timestamp_millis(AS_OF_MS).unwrap(),
        )
        .unwrap();
    assert_eq!(history.timeline.len(), n);
    assert_eq!(history.appearances.len(), n.min(50));
    assert!(!history.affiliations.is_empty());
}

#[test]
fn an_existing_file_is_refused_unless_replacing_and_left_alone_on_failure() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.db");
    std::fs::write(&path, b"precious").unwrap();
    let e = generate::to_file(&path, &SMALL, Existing::Refuse, &mut |_| {}).unwrap_err();
    assert_eq!(e.code(), "validation");
    assert!(e.to_string().contains("--force"), "{e}");
    let bad = GenerateOptions { people: 3, ..SMALL };
    assert!(generate::to_file(&path, &bad, Existing::Replace, &mut |_| {}).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), b"precious");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "a temporary file was left"
    );

    let mut seen = Vec::new();
    let small = GenerateOptions {
        programmes: 60,
        people: 80,
        seed: 3,
    };
    generate::to_file(&path, &small, Existing::Replace, &mut |p| seen.push(p)).unwrap();
    assert_eq!(Store::open(&path).unwrap().count_programmes().unwrap(), 60);
    assert!(seen.contains(&generate::Progress::Finishing));
    assert_eq!(
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".greenroom-generate")
            })
            .count(),
        0
    );

    let mut store = Store::open(&path).unwrap();
    let e = store.generate_archive(&small, &mut |_| {}).unwrap_err();
    assert_eq!(e.code(), "validation");
}
