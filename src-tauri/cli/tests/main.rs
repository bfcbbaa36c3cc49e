//! The `greenroom` binary's command line against temp database files.

// Named like the source file in src/ each tests; the others are about behaviour
// across commands and say what they cover in their first line.
mod access;
mod airtime;
mod archive;
mod backup;
mod contacts;
#[cfg(unix)]
mod desk;
#[cfg(unix)]
mod desktop;
mod dev;
mod duplicates;
mod errors;
mod exit_codes;
mod export;
mod files;
mod history;
mod import;
mod person;
mod programme;
mod report;
mod revisions;
mod search;
mod segment;
mod series;

use std::path::Path;
use std::process::{Command, Output};

pub use greenroom_testkit::temp_db;
use serde_json::Value;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        let run = Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "the CLI panicked: {}",
            run.stderr
        );
        run
    }
}

impl Run {
    #[track_caller]
    pub fn ok(self) -> String {
        assert_eq!(self.code, 0, "failed: {}", self.stderr);
        self.stdout
    }

    #[track_caller]
    pub fn json(self) -> Value {
        serde_json::from_str(&self.ok()).expect("valid JSON")
    }

    #[track_caller]
    pub fn fails(self, code: i32, says: &str) -> Self {
        assert_eq!(
            self.code, code,
            "stdout: {} stderr: {}",
            self.stdout, self.stderr
        );
        assert!(
            self.stderr.contains(says),
            "stderr {:?} lacks {says:?}",
            self.stderr
        );
        assert!(
            self.stdout.is_empty(),
            "printed on failure: {}",
            self.stdout
        );
        self
    }
}

pub fn greenroom() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_greenroom"));
    c.env_remove("GREENROOM_DB");
    c
}

/// `greenroom --db DB ARGS...`
pub fn run(db: &Path, args: &[&str]) -> Run {
    greenroom()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
        .into()
}

/// `greenroom --db DB ARGS... < /dev/zero`, an input that never ends, in a process
/// whose address space is capped at `megabytes`: a command that read its input without
/// a bound would run out of memory and abort instead of stopping with an error.
pub fn run_on_endless_input(db: &Path, args: &[&str], megabytes: u64) -> Run {
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {}; exec \"$@\" < /dev/zero",
            megabytes * 1024
        ))
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_greenroom"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("GREENROOM_DB")
        .output()
        .unwrap()
        .into()
}

/// The id of the person named `name` in the directory of `db`.
pub fn person_id(db: &Path, name: &str) -> String {
    let people = run(db, &["person", "list", "--json"]).json();
    people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {people}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// How many programmes `programme list` shows.
pub fn programme_count(db: &Path) -> usize {
    run(db, &["programme", "list", "--json"])
        .json()
        .as_array()
        .unwrap()
        .len()
}

/// A programme with a line-up and segments, for the run-sheet commands; its id.
pub fn panel(db: &Path) -> String {
    run(
        db,
        &[
            "programme",
            "add",
            "--title",
            "How to achieve a lasting ceasefire?",
            "--series",
            "Inside Story",
            "--presenter",
            "Dareen Abughaida",
            "--guest",
            "Pavel Felgenhauer – Independent analyst",
            "--guest",
            "هناء المصري – جامعة القاهرة",
            "--framing",
            "Why now?",
            "--framing",
            "Who pays?",
            "--air",
            "2025-05-16T19:30",
            "--tz",
            "Asia/Qatar",
            "--slot",
            "25m",
        ],
    )
    .ok()
    .trim()
    .to_string()
}

/// `segment add ID --kind KIND --title TITLE --duration DURATION`, which must succeed.
pub fn add_segment(db: &Path, id: &str, kind: &str, title: &str, duration: &str) {
    run(
        db,
        &[
            "segment",
            "add",
            id,
            "--kind",
            kind,
            "--title",
            title,
            "--duration",
            duration,
        ],
    )
    .ok();
}

/// Books `guests` on a programme aired at `air`; its id.
pub fn book(db: &Path, title: &str, air: &str, guests: &[&str]) -> String {
    let mut args = vec![
        "programme",
        "add",
        "--title",
        title,
        "--air",
        air,
        "--slot",
        "25m",
        "--status",
        "aired",
    ];
    for g in guests {
        args.extend(["--guest", g]);
    }
    run(db, &args).ok().trim().to_string()
}
