//! `src/import.rs`: `greenroom import listing|listings` through the binary.

use std::io::Write;
use std::process::Stdio;

use super::{greenroom, programme_count, run, temp_db};

const SAMPLE: &str = include_str!("../../core/tests/listings/01-inside-story-sample.txt");

#[test]
fn a_dry_run_prints_the_draft_and_writes_nothing() {
    let (dir, db) = temp_db();
    let file = dir.path().join("listing.txt");
    std::fs::write(&file, SAMPLE).unwrap();
    let d = run(
        &db,
        &[
            "import",
            "listing",
            file.to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    )
    .json();
    assert_eq!(
        d["title"],
        "How to achieve a lasting ceasefire between Russia and Ukraine?"
    );
    assert_eq!(d["framing"].as_array().unwrap().len(), 6);
    assert_eq!(d["presenter"]["name"], "Dareen Abughaida");
    let guests = d["guests"].as_array().unwrap();
    assert_eq!(guests.len(), 3);
    assert_eq!(guests[1]["name"], "Pavel Felgenhauer");
    assert_eq!(
        guests[1]["affiliation"],
        "Independent defence and Russian foreign policy analyst"
    );
    assert!(guests.iter().all(|g| g["matchedPersonId"].is_null()));
    assert!(d["warnings"].is_array());
    assert_eq!(
        d["otherListings"][0],
        "Why did the US block a resolution demanding an end to Israel's war on Gaza?"
    );
    assert_eq!(programme_count(&db), 0);
    assert_eq!(
        run(&db, &["person", "list", "--json"])
            .json()
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn a_listing_from_standard_input_is_imported_once() {
    let (_d, db) = temp_db();
    let import = || {
        run_with_input(
            &db,
            &[
                "import",
                "listing",
                "-",
                "--series",
                "Inside Story",
                "--air",
                "2025-05-16T19:30",
                "--tz",
                "Asia/Qatar",
                "--json",
            ],
            SAMPLE.as_bytes(),
        )
        .json()
    };
    let first = import();
    assert_eq!(first["outcome"], "created");
    assert_eq!(first["newPeople"], 4);
    let id = first["id"].as_str().unwrap().to_string();
    let p = run(&db, &["programme", "show", &id, "--json"]).json();
    assert_eq!(p["series"], "Inside Story");
    assert_eq!(p["status"], "aired");
    assert_eq!(p["airLocal"], "2025-05-16T19:30");
    assert_eq!(p["guests"][2]["name"], "Anatol Lieven");

    let again = import();
    assert_eq!(again["outcome"], "alreadyImported");
    assert_eq!(again["id"], id.as_str());
    assert_eq!(programme_count(&db), 1);
}

/// A folder `listings` in `dir` with the sample listing as `a.txt`.
fn listings_folder(dir: &std::path::Path) -> std::path::PathBuf {
    let folder = dir.join("listings");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), SAMPLE).unwrap();
    folder
}

/// `source reason` of each skipped item of a bulk import's JSON summary.
fn skipped(summary: &serde_json::Value) -> Vec<String> {
    summary["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| format!("{} {}", k["source"], k["reason"]))
        .collect()
}

#[test]
fn a_bulk_import_summarises_and_a_rerun_duplicates_nothing() {
    let (dir, db) = temp_db();
    let folder = listings_folder(dir.path());
    std::fs::write(
        folder.join("b.txt"),
        "Is the euro in danger?\nPresenter: Adrian Finighan\nGuests:\nAnn Pettifor – economist\n\
         ---\nJust some notes for Monday\nCall the embassy.\n",
    )
    .unwrap();
    std::fs::write(folder.join("c.pdf"), b"%PDF-1.7\n\0\0binary").unwrap();
    let mut bad = b"Caf\xe9 politics?\nPresenter: Jane Doe\nGuests:\n".to_vec();
    bad.extend_from_slice("Jean Dupont – Le Monde\n".as_bytes());
    std::fs::write(folder.join("d.txt"), bad).unwrap();

    let r = run(
        &db,
        &["import", "listings", folder.to_str().unwrap(), "--json"],
    );
    assert!(
        r.stderr.contains("d.txt") && r.stderr.contains("offset 3"),
        "{}",
        r.stderr
    );
    let s = r.json();
    assert_eq!(s["created"].as_array().unwrap().len(), 3, "{s}");
    let skipped = skipped(&s);
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped
        .iter()
        .any(|k| k.contains("c.pdf") && k.contains("binary")));
    assert!(skipped
        .iter()
        .any(|k| k.contains("b.txt#2") && k.contains("no presenter or guests")));
    assert_eq!(s["newPeople"], 8);
    let people = run(&db, &["person", "list", "--json"]).json();

    let s = run(
        &db,
        &["import", "listings", folder.to_str().unwrap(), "--json"],
    )
    .json();
    assert_eq!(s["created"].as_array().unwrap().len(), 0);
    assert_eq!(s["alreadyImported"].as_array().unwrap().len(), 3);
    assert_eq!(programme_count(&db), 3);
    assert_eq!(run(&db, &["person", "list", "--json"]).json(), people);

    let human = run(&db, &["import", "listings", folder.to_str().unwrap()]).ok();
    assert!(
        human.starts_with("Created 0 programmes; 3 already imported; 2 skipped."),
        "{human}"
    );
}

#[test]
fn an_oversized_paste_is_refused_with_nothing_written() {
    let (dir, db) = temp_db();
    let file = dir.path().join("huge.txt");
    std::fs::write(&file, "Guests: ".repeat(6_600_000)).unwrap();
    run(&db, &["import", "listing", file.to_str().unwrap()]).fails(2, "too long");
    assert_eq!(programme_count(&db), 0);
    run(
        &db,
        &[
            "import",
            "listings",
            dir.path().join("nope").to_str().unwrap(),
        ],
    )
    .fails(1, "cannot read");
}

/// A first line too long to be a title is reported as that, with the limit: the import
/// refuses it, the dry run prints the draft with that check first (not as "title: is
/// required").
#[test]
fn a_title_over_the_limit_is_reported_as_too_long() {
    let (dir, db) = temp_db();
    let file = dir.path().join("long.txt");
    let title = format!("A {} long title", "very ".repeat(120));
    std::fs::write(
        &file,
        format!("{title}\nPresenter: Ann Lee\nGuests:\nBo Roe – X\n"),
    )
    .unwrap();
    let says = format!(
        "title: is too long ({} characters; at most 500)",
        title.chars().count()
    );
    run(&db, &["import", "listing", file.to_str().unwrap()]).fails(2, &says);
    let d = run(
        &db,
        &[
            "import",
            "listing",
            file.to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    )
    .json();
    assert_eq!(d["title"], "");
    let first = d["warnings"][0].as_str().unwrap();
    assert!(
        first.starts_with("title too long") && first.contains(&says),
        "{first}"
    );
    assert_eq!(programme_count(&db), 0);
}

#[test]
fn an_endless_standard_input_is_refused_at_the_limit() {
    let (_d, db) = temp_db();
    super::run_on_endless_input(&db, &["import", "listing", "-"], 1024).fails(
        2,
        "standard input is too long: larger than 1 MB, the most a listing can be",
    );
    assert_eq!(programme_count(&db), 0);
}

/// A named pipe would block the import if it were opened, and a link that loops can't
/// be read: both are listed as skipped with the reason, and the rest imports.
#[test]
fn a_named_pipe_and_a_looping_link_in_the_folder_are_listed_as_skipped() {
    let (dir, db) = temp_db();
    let folder = listings_folder(dir.path());
    let pipe = folder.join("b-pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("c-loop.txt", folder.join("c-loop.txt")).unwrap();
    let s = run(
        &db,
        &["import", "listings", folder.to_str().unwrap(), "--json"],
    )
    .json();
    assert_eq!(s["created"].as_array().unwrap().len(), 1, "{s}");
    let skipped = skipped(&s);
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].contains("b-pipe.txt") && skipped[0].contains("a named pipe"),
        "{skipped:?}"
    );
    assert!(
        skipped[1].contains("c-loop.txt") && skipped[1].contains("cannot be read"),
        "{skipped:?}"
    );
}

/// The most corpus listings (issue 16: `core/tests/corpus/{aj,wide}`) whose dry run may
/// fail, per set: none (a missing title is a check on the draft, not a failure).
const DRY_RUN_FAILURES_TODAY: [(&str, usize); 2] = [("aj", 0), ("wide", 0)];

/// Every real listing of the corpus goes through `import listing - --dry-run --json` as
/// a user's paste would: a dry run that succeeds prints a draft, one that fails says why
/// on stderr and prints nothing, and no more fail than today.
#[test]
fn the_dry_run_of_every_corpus_listing_prints_a_draft_or_says_why() {
    let (_dir, db) = temp_db();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/corpus");
    for (set, most) in DRY_RUN_FAILURES_TODAY {
        let mut files: Vec<_> = std::fs::read_dir(corpus.join(set))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no listings in {set}");
        let mut failed = Vec::new();
        for file in &files {
            let run = run_with_input(
                &db,
                &["import", "listing", "-", "--dry-run", "--json"],
                &std::fs::read(file).unwrap(),
            );
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            if run.code == 0 {
                let draft: serde_json::Value = serde_json::from_str(&run.stdout)
                    .unwrap_or_else(|e| panic!("{set}/{name}: not JSON: {e}"));
                assert!(draft["title"].is_string(), "{set}/{name}: {draft}");
                assert!(draft["guests"].is_array(), "{set}/{name}: {draft}");
            } else {
                assert!(run.stdout.is_empty(), "{set}/{name} printed on failure");
                assert!(
                    !run.stderr.trim().is_empty(),
                    "{set}/{name} failed silently"
                );
                failed.push(format!("{set}/{name}: {}", run.stderr.trim()));
            }
        }
        println!(
            "corpus {set}: {} listings, {} dry runs fail",
            files.len(),
            failed.len()
        );
        for f in &failed {
            println!("  {f}");
        }
        assert!(failed.len() <= most, "{failed:#?}");
    }
    assert_eq!(programme_count(&db), 0);
}

/// `greenroom --db DB ARGS...` with `input` on its standard input, as a paste would be.
fn run_with_input(db: &std::path::Path, args: &[&str], input: &[u8]) -> super::Run {
    let mut child = greenroom()
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    super::Run::from(child.wait_with_output().unwrap())
}
