//! Joining a desk whose archive holds 100,000 programmes, with the real client: from
//! `greenroom desk join` to a usable local archive.
//!
//! The desk is seeded straight in PostgreSQL, as pushes would leave its change
//! records: one programme and its people made by a real client and synced are the
//! pattern, copied under new ids (5,000 people; programmes of three guests from them
//! and eight segments, about 2 KB of JSON each).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use crate::api::Served;
use crate::support::{invite, sql, with_desk};

const PROGRAMMES: usize = 100_000;
/// Overrides [`PROGRAMMES`], to try the bench quickly (a debug build, a smaller desk).
const PROGRAMMES_ENV: &str = "GREENROOM_BENCH_PROGRAMMES";
const PEOPLE: usize = 5_000;
const GNU_TIME: &str = "/usr/bin/time";

/// The release client beside this bench (`target/release/greenroom`).
fn client() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let path = exe
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .join(format!("greenroom{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} is missing: `cargo build --release -p greenroom-cli` first",
        path.display()
    );
    path
}

/// `--db DIR/greenroom.db` added to `c` (the client, or what runs it), with DIR as
/// its config folder.
fn on<'a>(c: &'a mut Command, dir: &Path) -> &'a mut Command {
    c.arg("--db")
        .arg(dir.join("greenroom.db"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("GREENROOM_AUTHOR", "Bench")
        .env_remove("GREENROOM_DB")
}

/// `greenroom --db DIR/greenroom.db ARGS`; panics unless it worked.
fn greenroom(dir: &Path, args: &[&str]) -> Output {
    let out = on(&mut Command::new(client()), dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "greenroom {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn run() {
    let programmes: usize = std::env::var(PROGRAMMES_ENV)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(PROGRAMMES);
    let (db, desk) = with_desk();
    let served = Served::start(&db, &[]);

    let seeder = tempfile::tempdir().unwrap();
    let code = invite(&db, &desk, "Seeder", "editor");
    greenroom(seeder.path(), &["desk", "join", &served.url, &code]);
    let pattern = String::from_utf8(
        greenroom(
            seeder.path(),
            &[
                "programme",
                "add",
                "--title",
                "Pattern",
                "--framing",
                "Why now?",
                "--status",
                "planned",
                "--notes",
                &"n".repeat(200),
                "--guest",
                "Amara Okoye – University of Somewhere",
                "--guest",
                "Bruno Lindqvist – Institute of Elsewhere",
                "--guest",
                "Chen Wei – Independent analyst",
            ],
        )
        .stdout,
    )
    .unwrap()
    .trim()
    .to_string();
    for n in 1..=8 {
        let title = format!("Segment {n}");
        greenroom(
            seeder.path(),
            &[
                "segment",
                "add",
                &pattern,
                "--title",
                &title,
                "--duration",
                "5m",
                "--notes",
                &"s".repeat(60),
            ],
        );
    }
    greenroom(seeder.path(), &["sync"]);

    let started = Instant::now();
    let columns = "desk_id, entity, entity_id, revision, id, client_op, member_id, operation, \
                   author, at, format, changes, state";
    let person = |k: &str| format!("md5('bench person ' || {k})::uuid::text");
    sql(
        &db,
        &format!(
            "INSERT INTO change ({columns})
             SELECT c.desk_id, 'person', {id}, 1, gen_random_uuid(), gen_random_uuid(),
                    c.member_id, 'create', c.author, c.at, c.format, '[]',
                    c.state || jsonb_build_object('name', 'Person ' || k)
             FROM change c, generate_series(1, {PEOPLE}) k
             WHERE c.seq = (SELECT min(seq) FROM change WHERE entity = 'person')",
            id = person("k")
        ),
    );
    // Each programme: the pattern's last state, new segment ids, three different
    // people of the 5,000.
    let guest = "((n * 7 + o * 1013) % 5000 + 1)";
    sql(
        &db,
        &format!(
            "INSERT INTO change ({columns})
             SELECT c.desk_id, 'programme', gen_random_uuid()::text, 1, gen_random_uuid(),
                    gen_random_uuid(), c.member_id, 'create', c.author, c.at, c.format, '[]',
                    c.state || jsonb_build_object(
                        'title', 'Programme ' || n,
                        'segments', (SELECT jsonb_agg(s || jsonb_build_object('id',
                                            gen_random_uuid()::text) ORDER BY o)
                                     FROM jsonb_array_elements(c.state->'segments')
                                          WITH ORDINALITY AS e(s, o)),
                        'guests', (SELECT jsonb_agg(g || jsonb_build_object(
                                          'personId', {id}, 'name', 'Person ' || {guest})
                                          ORDER BY o)
                                   FROM jsonb_array_elements(c.state->'guests')
                                        WITH ORDINALITY AS e(g, o)))
             FROM change c, generate_series(1, {programmes}) n
             WHERE c.seq = (SELECT max(seq) FROM change WHERE entity_id = '{pattern}')",
            id = person(guest)
        ),
    );
    sql(&db, "ANALYZE change");
    let bytes = sql(
        &db,
        "SELECT pg_size_pretty(sum(pg_column_size(state))::bigint) FROM change",
    );
    println!(
        "join: seeded {programmes} programmes and {PEOPLE} people ({bytes} of state) in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // The server's part alone: every page pulled over HTTP and dropped.
    let reader = served.join(&invite(&db, &desk, "Reader", "viewer"));
    let started = Instant::now();
    let (mut after, mut pulled, mut bytes) = (0, 0, 0);
    loop {
        let (status, page) = served.get(&format!("/v1/pull?after={after}"), Some(&reader.token));
        assert_eq!(status, 200);
        let changes = page["changes"].as_array().unwrap();
        pulled += changes.len();
        bytes += page.to_string().len();
        served.answers.lock().unwrap().clear();
        if let Some(last) = changes.last() {
            after = last["seq"].as_i64().unwrap();
        }
        if !page["more"].as_bool().unwrap() {
            break;
        }
    }
    println!(
        "join: the desk's {pulled} changes ({:.0} MB of JSON) pulled over HTTP alone, in pages \
         of the client's size: {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    let member = tempfile::tempdir().unwrap();
    let code = invite(&db, &desk, "Newcomer", "editor");
    let started = Instant::now();
    greenroom(member.path(), &["desk", "join", &served.url, &code]);
    let joined = started.elapsed();
    // What the client itself used, from the kernel's account of it (GNU time): on a
    // shared machine the wall time says as much about the neighbours.
    let timed = member.path().join("time.txt");
    if Path::new(GNU_TIME).is_file() {
        // A second newcomer, on a database of their own.
        let again = member.path().join("again");
        std::fs::create_dir_all(&again).unwrap();
        let code = invite(&db, &desk, "Newcomer again", "editor");
        let mut time = Command::new(GNU_TIME);
        time.args([
            "-f",
            "%e s wall, %U s user, %S s system, %M KiB peak RSS",
            "-o",
        ])
        .arg(&timed)
        .arg(client());
        let out = on(&mut time, &again)
            .args(["desk", "join", &served.url, &code])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the second join: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        println!(
            "join: again, under {GNU_TIME}: {}",
            std::fs::read_to_string(&timed).unwrap().trim()
        );
    }
    let started = Instant::now();
    let list = greenroom(member.path(), &["programme", "list", "--json"]);
    let listed = started.elapsed();
    let count = serde_json::from_slice::<serde_json::Value>(&list.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    assert_eq!(count, programmes + 1, "every programme of the desk is here");
    let started = Instant::now();
    greenroom(member.path(), &["search", "Programme 99999"]);
    let searched = started.elapsed();
    let size = std::fs::metadata(member.path().join("greenroom.db"))
        .unwrap()
        .len();
    println!(
        "join: `greenroom desk join` on a desk of {} programmes: {:.1} s to a usable archive \
         ({:.0} MB database); then `programme list --json` {:.1} s, `search` {:.2} s",
        programmes + 1,
        joined.as_secs_f64(),
        size as f64 / 1e6,
        listed.as_secs_f64(),
        searched.as_secs_f64()
    );
}
