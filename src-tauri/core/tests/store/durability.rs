//! Crash safety of `store/` (the write path, `store/write.rs`, and opening) and
//! concurrency with real processes on one database file.
//!
//! The writers are this test binary run again as a child (`child_process`, selected by
//! the GREENROOM_CHILD environment variable), so a kill stops a real process mid-write
//! and two writers really are two SQLite connections in two processes.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use greenroom_core::import::listing::{BulkItem, Imported};
use greenroom_core::{Error, PersonInput, ProgrammeId, ProgrammeInput, Store};

use greenroom_testkit::{derived, temp_db};

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
            "durability::child_process",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, role)
        .env(DB, db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
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
/// one line per commit once it has returned: `@ bulk ID…` (one commit for four
/// listings), `@ single ID`, `@ edited ID REVISION N` (the edit that added `edit N;`).
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
        let ids: Vec<String> = summary.created.iter().map(|c| c.id.to_string()).collect();
        made.extend(summary.created.iter().map(|c| c.id));
        writeln!(out.lock(), "@ bulk {}", ids.join(" ")).unwrap();
        // …then one listing on its own, and an edit that touches every part of a
        // programme: a half-applied one would show as framing and notes out of step,
        // or a line-up not of three.
        match store
            .import_listing(&listing(n + 4), &Default::default())
            .unwrap()
        {
            Imported::Created { id, .. } => {
                made.push(id);
                writeln!(out.lock(), "@ single {id}").unwrap();
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
        writeln!(out.lock(), "@ edited {id} {} {n}", p.revision + 1).unwrap();
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

/// A commit the importer reported.
#[derive(Debug)]
enum Commit {
    Bulk(Vec<ProgrammeId>),
    Single(ProgrammeId),
    Edited {
        id: ProgrammeId,
        revision: i64,
        n: u64,
    },
}

fn commit(line: &str) -> Commit {
    let parts: Vec<&str> = line.split(' ').collect();
    match parts[..] {
        ["@", "bulk", ref ids @ ..] => {
            Commit::Bulk(ids.iter().map(|id| id.parse().unwrap()).collect())
        }
        ["@", "single", id] => Commit::Single(id.parse().unwrap()),
        ["@", "edited", id, revision, n] => Commit::Edited {
            id: id.parse().unwrap(),
            revision: revision.parse().unwrap(),
            n: n.parse().unwrap(),
        },
        _ => panic!("unexpected child output {line:?}"),
    }
}

/// Collects a child's stderr, to show why it died if it was not by our kill.
fn drain(stream: impl std::io::Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = BufReader::new(stream).read_to_string(&mut text);
        text
    })
}

#[test]
fn killing_an_import_at_random_moments_loses_nothing_committed() {
    let (_dir, db) = temp_db();
    drop(Store::open(&db).unwrap());
    let mut rng = Lcg(0x6772_6565_6e72_6f6f);
    let mut commits: Vec<Commit> = Vec::new();
    let mut kills_mid_work = 0;
    for _ in 0..KILLS {
        let mut child = spawn("importer", &db, None);
        let stdout = child.stdout.take().unwrap();
        let stderr = drain(child.stderr.take().unwrap());
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
            match rx.recv_timeout(Duration::from_secs(60)) {
                Ok(line) if line.starts_with("@ ") => break line,
                Ok(_) => {}
                Err(e) => panic!(
                    "the child reported no commit ({e}); its stderr:\n{}",
                    stderr.join().unwrap()
                ),
            }
        };
        std::thread::sleep(Duration::from_millis(rng.next(120)));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        reader.join().unwrap();
        // A child that panicked or exited on its own was not killed mid-write: that
        // run proves nothing, and its reason is in its stderr.
        assert_eq!(
            status.signal(),
            Some(9),
            "the child was not killed by SIGKILL ({status}); its stderr:\n{}",
            stderr.join().unwrap()
        );
        // The test harness prints its own lines; the child's start with "@ ".
        let before = commits.len();
        commits.extend(
            std::iter::once(first)
                .chain(rx.try_iter())
                .filter(|l| l.starts_with("@ "))
                .map(|l| commit(&l)),
        );
        if commits.len() - before > 1 {
            kills_mid_work += 1;
        }
        check(&db, &commits);
    }
    let bulk = commits
        .iter()
        .filter(|c| matches!(c, Commit::Bulk(_)))
        .count();
    let single = commits
        .iter()
        .filter(|c| matches!(c, Commit::Single(_)))
        .count();
    let edits = commits.len() - bulk - single;
    // Every kind of commit was killed around, and most kills came after more than one
    // commit of that run (so not only while opening).
    assert!(
        kills_mid_work > KILLS / 2,
        "kills after more than one commit: {kills_mid_work} of {KILLS}"
    );
    assert!(
        bulk >= KILLS && single > KILLS / 2 && edits > KILLS / 2,
        "{bulk} bulk imports, {single} single imports, {edits} edits"
    );
    eprintln!(
        "{KILLS} kills, {kills_mid_work} after more than one commit; {} commits reported: \
         {bulk} bulk imports, {single} single imports, {edits} edits",
        commits.len()
    );
}

/// After a kill: the file is sound, every programme is whole, and every commit the
/// child reported is there.
fn check(db: &Path, commits: &[Commit]) {
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
    for c in commits {
        match c {
            Commit::Bulk(ids) => {
                for id in ids {
                    store
                        .get_programme(*id)
                        .expect("a reported import is there");
                }
            }
            Commit::Single(id) => {
                store
                    .get_programme(*id)
                    .expect("a reported import is there");
            }
            Commit::Edited { id, revision, n } => {
                let p = store.get_programme(*id).unwrap();
                assert!(p.revision >= *revision, "reported edit of {id} lost");
                // The edit itself, not only a revision number as high as it made.
                assert!(
                    p.notes.contains(&format!("edit {n};")),
                    "edit {n} of {id} lost: notes {:?}",
                    p.notes
                );
                assert!(
                    p.framing.contains(&format!("Edit {n}")),
                    "edit {n} of {id} lost: framing {:?}",
                    p.framing
                );
            }
        }
    }
}

/// Edits one programme's notes in a loop, always from what it last read; prints each
/// edit's outcome. It starts when told to (a line on stdin), so that two editors
/// start together. Any error other than a conflict fails the child.
fn editor(db: &Path) {
    let mut store = Store::open(db).unwrap();
    let id: ProgrammeId = std::env::var("GREENROOM_CHILD_PROGRAMME")
        .unwrap()
        .parse()
        .unwrap();
    let me = std::process::id();
    let out = std::io::stdout();
    writeln!(out.lock(), "@ ready").unwrap();
    out.lock().flush().unwrap();
    std::io::stdin().read_line(&mut String::new()).unwrap();
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
        // A moment between edits, as a person takes: without it a writer that just
        // committed takes the lock again before SQLite's busy handler wakes the other
        // (it sleeps 1–100 ms), and on a busy machine the two hardly interleave.
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// How many times the writer changes from one landed edit to the next, in revision
/// order: 1 if one writer's edits all came before the other's.
const MIN_ALTERNATIONS: usize = 20;

#[test]
fn two_processes_editing_one_programme_never_lose_an_update() {
    let (_dir, db) = temp_db();
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
    let mut writers: Vec<_> = (0..2).map(|_| spawn("editor", &db, Some(id))).collect();
    // Both have opened the database before either starts editing.
    let mut outputs: Vec<BufReader<std::process::ChildStdout>> = writers
        .iter_mut()
        .map(|w| BufReader::new(w.stdout.take().unwrap()))
        .collect();
    for out in &mut outputs {
        let mut line = String::new();
        while !line.starts_with("@ ready") {
            line.clear();
            assert!(
                out.read_line(&mut line).unwrap() > 0,
                "an editor ended before starting"
            );
        }
    }
    for w in &mut writers {
        writeln!(w.stdin.as_mut().unwrap(), "go").unwrap();
    }
    let mut landed: Vec<(String, i64)> = Vec::new();
    let mut conflicts = [0; 2];
    for (k, (mut w, mut out)) in writers.into_iter().zip(outputs).enumerate() {
        let mut stdout = String::new();
        out.read_to_string(&mut stdout).unwrap();
        let mut stderr = String::new();
        w.stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = w.wait().unwrap();
        assert!(status.success(), "an editor failed ({status}):\n{stderr}");
        for line in stdout.lines().filter_map(|l| l.strip_prefix("@ ")) {
            let parts: Vec<&str> = line.splitn(3, ' ').collect();
            match parts[..] {
                ["landed", token, revision] => {
                    landed.push((token.into(), revision.parse().unwrap()))
                }
                ["conflict", _] => conflicts[k] += 1,
                _ => panic!("{line}"),
            }
        }
    }
    // Every one of the 1,000 edits either landed or was reported as a conflict.
    assert_eq!(
        landed.len() + conflicts[0] + conflicts[1],
        2 * EDITS_PER_WRITER
    );
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
    // The writers really overlapped: their edits interleave, and each one lost a race
    // at least once. (Run one after the other, this test would see no conflict and
    // one alternation.)
    let writer = |token: &str| token.split(':').next().unwrap().to_string();
    let alternations = landed
        .windows(2)
        .filter(|w| writer(&w[0].0) != writer(&w[1].0))
        .count();
    assert!(
        alternations >= MIN_ALTERNATIONS && conflicts.iter().all(|c| *c > 0),
        "the writers hardly overlapped: {alternations} alternations, conflicts {conflicts:?}"
    );
    eprintln!(
        "{} landed, conflicts {conflicts:?}, {alternations} alternations",
        landed.len()
    );
}
