//! `store/access.rs` through the CLI: the CLI on a database it cannot write: a full
//! disk, a read-only folder or file (real file systems: see `greenroom_testkit::disk`).
//! Reading works and leaves nothing behind; writing says why not, naming the file.

use super::{run, Run};

use greenroom_testkit::disk;

const TARGET_TMP: &str = env!("CARGO_TARGET_TMPDIR");

#[test]
fn on_a_full_disk_reading_commands_work_and_a_write_says_the_disk_is_full() {
    let Some(disk) = disk::SmallDisk::mount("cli_full_disk", 2048) else {
        return;
    };
    let db = disk.dir.join("greenroom.db");
    let id = run(
        &db,
        &[
            "programme",
            "add",
            "--title",
            "Can the ceasefire hold?",
            "--presenter",
            "Dareen Abughaida",
        ],
    )
    .ok();
    let id = id.trim();
    disk.fill();
    assert!(run(&db, &["programme", "show", id])
        .ok()
        .contains("Can the ceasefire hold?"));
    assert!(run(&db, &["programme", "list"])
        .ok()
        .contains("Can the ceasefire hold?"));
    assert!(run(&db, &["search", "ceasefire"])
        .ok()
        .contains("Can the ceasefire hold?"));
    run(&db, &["guest", "list"]).ok();
    // Exporting to another disk.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("runsheet.md");
    run(
        &db,
        &[
            "export",
            id,
            "--format",
            "md",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(std::fs::read_to_string(&out).unwrap().contains("ceasefire"));
    // A write: the disk is full, and which file could not be written.
    let r = run(&db, &["programme", "add", "--title", "Another question?"]);
    let r = r.fails(1, "the disk is full");
    assert!(r.stderr.contains(&db.display().to_string()), "{}", r.stderr);
}

#[test]
fn an_archive_import_on_a_full_disk_stops_once_and_says_what_was_saved() {
    let Some(disk) = disk::SmallDisk::mount("cli_import_full_disk", 2048) else {
        return;
    };
    let db = disk.dir.join("greenroom.db");
    run(&db, &["programme", "list"]).ok();
    let elsewhere = tempfile::tempdir().unwrap();
    let archive = elsewhere.path().join("archive.json");
    std::fs::write(&archive, disk::people_archive(7000, 1000)).unwrap();
    let r: Run = run(&db, &["archive", "import", archive.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    // One line for the stop, none per record.
    assert!(
        !r.stderr.contains("not imported:"),
        "{}",
        &r.stderr[..r.stderr.len().min(2000)]
    );
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("stopped at people["), "{}", r.stderr);
    assert!(r.stderr.contains("the disk is full"), "{}", r.stderr);
    assert!(r.stderr.contains(&db.display().to_string()), "{}", r.stderr);
    // What was saved is counted, and is what the database holds.
    let saved: usize = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("people: "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a count of people created");
    assert!(saved > 0 && saved < 7000, "{}", r.stdout);
    let people = run(&db, &["person", "list", "--json"]).json();
    assert_eq!(people.as_array().unwrap().len(), saved);
}

#[test]
fn a_read_only_folder_is_read_and_left_as_it_was() {
    let dir = disk::temp_dir_on_disk(TARGET_TMP);
    let db = dir.path().join("greenroom.db");
    let id = run(&db, &["programme", "add", "--title", "Kept"]).ok();
    let Some(_locked) = disk::Immutable::set("cli_read_only_folder", dir.path()) else {
        return;
    };
    assert!(run(&db, &["programme", "show", id.trim()])
        .ok()
        .contains("Kept"));
    assert!(run(&db, &["search", "Kept"]).ok().contains("Kept"));
    assert_eq!(disk::files_in(dir.path()), ["greenroom.db"]);
    let r = run(&db, &["programme", "add", "--title", "New"]).fails(1, "is read-only");
    assert!(r.stderr.contains(&db.display().to_string()), "{}", r.stderr);
    assert_eq!(disk::files_in(dir.path()), ["greenroom.db"]);
}

#[test]
fn reading_a_read_only_file_leaves_nothing_that_blocks_later_writes() {
    let dir = disk::temp_dir_on_disk(TARGET_TMP);
    let db = dir.path().join("greenroom.db");
    run(&db, &["programme", "add", "--title", "Kept"]).ok();
    {
        let Some(_locked) = disk::Immutable::set("cli_read_only_file", &db) else {
            return;
        };
        assert!(run(&db, &["programme", "list"]).ok().contains("Kept"));
        run(&db, &["programme", "add", "--title", "New"]).fails(1, "the file is read-only");
        assert_eq!(disk::files_in(dir.path()), ["greenroom.db"]);
    }
    run(&db, &["programme", "add", "--title", "Added once writable"]).ok();
    assert!(run(&db, &["programme", "list"])
        .ok()
        .contains("Added once writable"));
}

#[test]
fn an_archive_import_whose_folder_is_deleted_mid_run_fails_naming_the_file() {
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("shows");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("greenroom.db");
    run(&db, &["programme", "list"]).ok();
    let archive = parent.path().join("archive.json");
    std::fs::write(&archive, disk::people_archive(5_000, 10)).unwrap();
    let mut child = super::greenroom()
        .arg("--db")
        .arg(&db)
        .args(["archive", "import"])
        .arg(&archive)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once records are being written (the log has grown), the folder goes.
    let wal = folder.join("greenroom.db-wal");
    while !std::fs::metadata(&wal).is_ok_and(|m| m.len() >= 64 * 1024) {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import ended before writing much"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    std::fs::remove_dir_all(&folder).unwrap();
    let r: Run = child.wait_with_output().unwrap().into();
    let r = r.fails(1, "was deleted or replaced while Greenroom was using it");
    assert!(r.stderr.contains(&db.display().to_string()), "{}", r.stderr);
}

#[test]
fn an_import_of_listings_on_a_full_disk_stops_once_and_says_what_was_saved() {
    let Some(disk) = disk::SmallDisk::mount("cli_listings_full_disk", 2048) else {
        return;
    };
    let db = disk.dir.join("greenroom.db");
    run(&db, &["programme", "list"]).ok();
    disk.fill();
    // Room to open the database, not to import 300 listings.
    disk.free(100 * 1024);
    let elsewhere = tempfile::tempdir().unwrap();
    let listings: Vec<String> = (0..300)
        .map(|i| {
            format!(
                "Question {i}: can the ceasefire hold?\n{}\nPresenter: Dareen Abughaida\n\
                 Guests:\nGuest Number {i} – Analyst at the Centre for Policy\n",
                "Framing paragraph. ".repeat(50)
            )
        })
        .collect();
    let file = elsewhere.path().join("listings.txt");
    std::fs::write(&file, listings.join("---\n")).unwrap();
    let r: Run = run(&db, &["import", "listings", file.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("stopped at"), "{}", r.stderr);
    assert!(r.stderr.contains("the disk is full"), "{}", r.stderr);
    assert!(r.stderr.contains(&db.display().to_string()), "{}", r.stderr);
    // What was saved: the summary's count, and the database agrees.
    let saved: usize = r
        .stdout
        .strip_prefix("Created ")
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a count of programmes created");
    let list = run(&db, &["programme", "list", "--json"]).json();
    assert_eq!(list.as_array().unwrap().len(), saved);
}
