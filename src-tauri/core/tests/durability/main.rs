//! Crash safety and concurrency with real processes on one database file.
//!
//! The writers are this test binary run again as a child (`child_process`, selected by
//! the GREENROOM_CHILD environment variable), so a kill stops a real process mid-write
//! and two writers really are two SQLite connections in two processes.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use greenroom_core::import::{BulkItem, Imported};
use greenroom_core::{Error, PersonInput, ProgrammeId, ProgrammeInput, Store};

#[path = "../support/derived.rs"]
mod derived;

const CHILD: &str = "GREENROOM_CHILD";
const DB: &str = "GREENROOM_CHILD_DB";
const KILLS: usize = 50;
const EDITS_PER_WRITER: usize = 500;

/// Not a test of its own: the entry point of the child processes the tests below
/// start (ignored, so a plain test run does not count it as a passing test).
#[test]
#[ignore = "entry point of the child processes started by the tests in this file"]
fn child_process() {
    let role = std::env::var(CHILD).expect("run by the tests below, with GREENROOM_CHILD set");
    let db = std::env::var(DB).unwrap();
    // The harness has printed "test child_process ... " without a line end.
    println!();
    match role.as_str() {
        "importer" => importer(Path::new(&db)),
        "editor" => editor(Path::new(&db)),
        other => panic!("unknown child role {other}"),
    }
}

/// This binary again, running `child_process` as `role` on `db`.
fn spawn(role: &str, db: &Path, programme: Option<ProgrammeId>) -> std::process::Child {
    let mut child = Command::new(std::env::current_exe().unwrap());
    child
        .args([
            "child_process",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, role)
        .env(DB, db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(id) = programme {
        child.env("GREENROOM_CHILD_PROGRAMME", id.to_string());
    }
    child.spawn().unwrap()
}

const FIRST: &[&str] = &["Amal", "Pavel", "Tarık", "Hélène", "Kwame", "Mei", "Omar"];
const LAST: &[&str] = &[
    "Haddad", "Novak", "Oğuzlu", "Dubois", "Mensah", "Lin", "Farouk", "Costa", "Berg", "Iqbal",
    "Moreau",
];

fn person(n: u64, salt: u64) -> String {
    let n = n + salt;
    format!(
        "{} {}",
        FIRST[(n % 7) as usize],
        LAST[((n / 7 + salt) % 11) as usize]
    )
}

fn listing(n: u64) -> String {
    format!(
        "Episode {n}: can the ceasefire hold?\n\
         Talks resumed this week.\nWhat happens if they fail?\n\
         Presenter: Dareen Abughaida\nGuests:\n\
         {} – Analyst at the Centre for Policy\n\
         {} – Professor of politics at the University of Leeds\n\
         {} – Former ambassador to Egypt\n",
        person(n, 0),
        person(n, 3),
        person(n, 5),
    )
}

/// Imports listings and edits the programmes it made, one transaction each, printing
/// what each commit left behind once it has returned.
fn importer(db: &Path) {
    let mut store = Store::open(db).unwrap();
    let out = std::io::stdout();
    let mut n = store.count_programmes().unwrap() as u64;
    let mut made: Vec<ProgrammeId> = Vec::new();
    loop {
        // A bulk import of a few listings (one commit for the lot, a savepoint each),
        // reported once it has returned…
        let items: Vec<BulkItem> = (n..n + 4)
            .map(|k| BulkItem {
                source: k.to_string(),
                text: listing(k),
            })
            .collect();
        let summary = store.import_listings(&items, &Default::default(), |_, _| {});
        assert_eq!(summary.created.len(), 4, "{summary:?}");
        for c in summary.created {
            made.push(c.id);
            writeln!(out.lock(), "@ created {}", c.id).unwrap();
        }
        // …then one listing on its own, and an edit that touches every part of a
        // programme: a half-applied one would show as framing and notes out of step,
        // or a line-up not of three.
        match store
            .import_listing(&listing(n + 4), &Default::default())
            .unwrap()
        {
            Imported::Created { id, .. } => {
                made.push(id);
                writeln!(out.lock(), "@ created {id}").unwrap();
            }
            other => panic!("{other:?}"),
        }
        let id = made[(n as usize * 7) % made.len()];
        let p = store.get_programme(id).unwrap();
        let mut input = p.to_input();
        input.framing.push(format!("Edit {n}"));
        input.notes.push_str(&format!("edit {n};"));
        input.guests.reverse();
        store.update_programme(id, p.revision, &input).unwrap();
        writeln!(out.lock(), "@ edited {id} {}", p.revision + 1).unwrap();
        out.lock().flush().unwrap();
        n += 5;
    }
}

/// A tiny seeded generator: the kill moments differ from kill to kill but each run
/// of the test makes the same ones.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[test]
fn killing_an_import_at_random_moments_loses_nothing_committed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    drop(Store::open(&db).unwrap());
    let mut rng = Lcg(0x6772_6565_6e72_6f6f);
    let mut created: Vec<ProgrammeId> = Vec::new();
    let mut edited: Vec<(ProgrammeId, i64)> = Vec::new();
    let mut kills_mid_work = 0;
    for _ in 0..KILLS {
        let mut child = spawn("importer", &db, None);
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Wait for the first commit, so every kill lands while writing, then a bit more.
        let first = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("child wrote");
            if line.starts_with("@ ") {
                break line;
            }
        };
        std::thread::sleep(Duration::from_millis(rng.next(120)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        // The test harness prints its own lines; the child's start with "@ ".
        let lines: Vec<String> = std::iter::once(first)
            .chain(rx.try_iter())
            .filter(|l| l.starts_with("@ "))
            .collect();
        if lines.len() > 1 {
            kills_mid_work += 1;
        }
        for line in lines {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts[..] {
                ["@", "created", id] => created.push(id.parse().unwrap()),
                ["@", "edited", id, revision] => {
                    edited.push((id.parse().unwrap(), revision.parse().unwrap()))
                }
                _ => panic!("unexpected child output {line:?}"),
            }
        }
        check(&db, &created, &edited);
    }
    assert!(
        kills_mid_work > KILLS / 2,
        "kills landed mid-work: {kills_mid_work}"
    );
    assert!(created.len() > KILLS, "{} programmes", created.len());
    eprintln!(
        "{KILLS} kills, {kills_mid_work} after more than one commit; {} imports and {} edits reported",
        created.len(),
        edited.len()
    );
}

/// After a kill: the file is sound, every programme is whole, and every commit the
/// child reported is there.
fn check(db: &Path, created: &[ProgrammeId], edited: &[(ProgrammeId, i64)]) {
    // Before Store::open, which would catch up an index left paused.
    let conn = rusqlite::Connection::open(db).unwrap();
    derived::assert_derived_data_matches(&conn);
    let store = Store::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let fts: rusqlite::Result<()> = conn.execute_batch(
        "INSERT INTO programme_fts (programme_fts, rank) VALUES ('integrity-check', 1);",
    );
    assert!(fts.is_ok(), "search index out of step: {fts:?}");
    let all = store
        .list_programmes(&greenroom_core::ListQuery {
            limit: Some(100_000),
            ..Default::default()
        })
        .unwrap();
    for summary in &all {
        let p = store.get_programme(summary.id).unwrap();
        assert!(p.presenter.is_some(), "{} has no presenter", p.id);
        assert_eq!(p.guests.len(), 3, "{} half-saved", p.id);
        let edits = p.notes.matches(';').count();
        assert_eq!(p.framing.len(), 2 + edits, "{} half-saved", p.id);
        assert_eq!(p.revision, 1 + edits as i64, "{} half-saved", p.id);
    }
    for id in created {
        store
            .get_programme(*id)
            .expect("a reported import is there");
    }
    for (id, revision) in edited {
        let p = store.get_programme(*id).unwrap();
        assert!(p.revision >= *revision, "reported edit of {id} lost");
    }
}

/// Edits one programme's notes in a loop, always from what it last read; prints each
/// edit's outcome. Any error other than a conflict fails the child.
fn editor(db: &Path) {
    let mut store = Store::open(db).unwrap();
    let id: ProgrammeId = std::env::var("GREENROOM_CHILD_PROGRAMME")
        .unwrap()
        .parse()
        .unwrap();
    let me = std::process::id();
    let out = std::io::stdout();
    for n in 0..EDITS_PER_WRITER {
        let p = store.get_programme(id).unwrap();
        let mut input = p.to_input();
        let token = format!("[{me}:{n}]");
        input.notes.push_str(&token);
        match store.update_programme(id, p.revision, &input) {
            Ok(_) => writeln!(out.lock(), "@ landed {token} {}", p.revision + 1).unwrap(),
            Err(Error::Conflict { .. }) => writeln!(out.lock(), "@ conflict {token}").unwrap(),
            Err(e) => writeln!(out.lock(), "@ error {token} {e}").unwrap(),
        }
    }
}

#[test]
fn two_processes_editing_one_programme_never_lose_an_update() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("two.db");
    let id = Store::open(&db)
        .unwrap()
        .create_programme(&ProgrammeInput {
            title: "Shared".into(),
            presenter: Some(PersonInput {
                name: "Dareen Abughaida".into(),
                ..Default::default()
            }),
            ..Default::default()
        })
        .unwrap()
        .id;
    let writers: Vec<_> = (0..2).map(|_| spawn("editor", &db, Some(id))).collect();
    let mut landed: Vec<(String, i64)> = Vec::new();
    let mut conflicts = 0;
    for w in writers {
        let out = w.wait_with_output().unwrap();
        assert!(out.status.success());
        let stdout = String::from_utf8(out.stdout).unwrap();
        for line in stdout.lines().filter_map(|l| l.strip_prefix("@ ")) {
            let parts: Vec<&str> = line.splitn(3, ' ').collect();
            match parts[..] {
                ["landed", token, revision] => {
                    landed.push((token.into(), revision.parse().unwrap()))
                }
                ["conflict", _] => conflicts += 1,
                _ => panic!("{line}"),
            }
        }
    }
    // Every one of the 1,000 edits either landed or was reported as a conflict.
    assert_eq!(landed.len() + conflicts, 2 * EDITS_PER_WRITER);
    // Each landed edit made exactly one new revision, and its text is in the final
    // notes in the order of those revisions: no edit overwrote another.
    landed.sort_by_key(|(_, r)| *r);
    let revisions: Vec<i64> = landed.iter().map(|(_, r)| *r).collect();
    let expected: Vec<i64> = (2..2 + landed.len() as i64).collect();
    assert_eq!(revisions, expected);
    let p = Store::open(&db).unwrap().get_programme(id).unwrap();
    assert_eq!(p.revision, 1 + landed.len() as i64);
    let in_order: String = landed.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(p.notes, in_order);
    eprintln!("{} landed, {conflicts} conflicts", landed.len());
}
