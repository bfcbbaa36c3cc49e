//! Core `store/files.rs` through every `--out` writer: what every `--out` writer may
//! replace, the modes it leaves, and the leftovers of killed runs (core `files`):
//! through the real binary.

use std::fs;
use std::os::unix::fs::{symlink, FileTypeExt, PermissionsExt};
use std::path::Path;

use super::{run, temp_db};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

fn programme(db: &Path) -> String {
    run(db, &["programme", "add", "--title", "Out"])
        .ok()
        .trim()
        .to_string()
}

/// A FIFO, a link to one (as /dev/stdout is to a pipe or terminal), a file with two names
/// and a link to nothing are refused by each writer and left as they were; a symbolic
/// link to a regular file is written through.
#[test]
fn every_out_writer_replaces_only_regular_files() {
    let (dir, db) = temp_db();
    let id = programme(&db);
    let d = dir.path();
    let fifo = d.join("fifo");
    mkfifo(&fifo);
    let twice = d.join("twice.txt");
    fs::write(&twice, b"two names").unwrap();
    fs::hard_link(&twice, d.join("second-name.txt")).unwrap();
    // Like /dev/stdout, a link to a node; the system's own nodes are not used, so that
    // a regression could not replace them.
    let to_fifo = d.join("to-fifo");
    symlink(&fifo, &to_fifo).unwrap();
    let dangling = d.join("dangling.txt");
    symlink(d.join("nowhere"), &dangling).unwrap();

    let writers: Vec<Vec<&str>> = vec![
        vec!["export", &id, "--format", "md", "--out"],
        vec!["archive", "export", "--out"],
        vec!["export-calendar", "--out"],
        vec!["backup", "--out"],
    ];
    for writer in &writers {
        for (target, says) in [
            (fifo.as_path(), "not a regular file"),
            (to_fifo.as_path(), "not a regular file"),
            (twice.as_path(), "hard links"),
            (dangling.as_path(), "does not exist"),
        ] {
            let mut args = writer.clone();
            args.push(target.to_str().unwrap());
            let r = run(&db, &args);
            assert_ne!(r.code, 0, "{args:?}");
            assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
        }
    }
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(fs::symlink_metadata(&to_fifo).unwrap().is_symlink());
    assert_eq!(fs::read(d.join("second-name.txt")).unwrap(), b"two names");
    assert!(fs::symlink_metadata(&dangling).unwrap().is_symlink());

    // Through a link: the file it leads to is replaced and keeps its mode.
    let real = d.join("real.md");
    fs::write(&real, b"old").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
    let link = d.join("link.md");
    symlink(&real, &link).unwrap();
    run(
        &db,
        &[
            "export",
            &id,
            "--format",
            "md",
            "--out",
            link.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(fs::read_to_string(&real).unwrap().contains("Out"));
    assert_eq!(mode(&real), 0o640);
}

/// Exports with contact details are private (0600), even over a file others could
/// read; a backup is too, since the database holds them.
#[test]
fn exports_with_contacts_are_written_private() {
    let (dir, db) = temp_db();
    programme(&db);
    let d = dir.path();
    let archive = d.join("archive.json");
    fs::write(&archive, b"older").unwrap();
    fs::set_permissions(&archive, fs::Permissions::from_mode(0o644)).unwrap();
    let out = archive.to_str().unwrap();
    run(&db, &["archive", "export", "--out", out]).ok();
    assert_eq!(mode(&archive), 0o644, "no contacts: its mode is kept");
    run(
        &db,
        &["archive", "export", "--out", out, "--include-contacts"],
    )
    .ok();
    assert_eq!(mode(&archive), 0o600);

    let csv = d.join("csv");
    run(
        &db,
        &[
            "archive",
            "csv",
            "--out",
            csv.to_str().unwrap(),
            "--include-contacts",
        ],
    )
    .ok();
    assert_eq!(mode(&csv.join("people.csv")), 0o600);
    assert_eq!(mode(&csv.join("programmes.csv")), 0o644);

    let copy = d.join("copy.db");
    run(&db, &["backup", "--out", copy.to_str().unwrap()]).ok();
    assert_eq!(mode(&copy), 0o600);
}

/// A killed `backup --out` or `restore` leaves full-size temporaries (and journals)
/// named like ours; the next run removes those no live run holds (the lock a live run
/// takes is what tells them apart), and never one that is held or not ours.
#[test]
fn leftovers_of_killed_runs_are_removed_at_the_next_run() {
    let (dir, db) = temp_db();
    programme(&db);
    let d = dir.path();
    let backups = d.join("backups");
    let out_dir = d.join("out");
    fs::create_dir_all(&backups).unwrap();
    fs::create_dir_all(&out_dir).unwrap();
    let big = vec![7u8; 1 << 20];
    let stale = [
        d.join(".greenroom-restore-k1ll3d.tmp"),
        d.join(".greenroom-restore-k1ll3d.tmp-journal"),
        backups.join(".greenroom-backup-k1ll3d.tmp"),
        out_dir.join(".greenroom-backup-k1ll3d.tmp"),
        out_dir.join(".greenroom-backup-k1ll3d.tmp-journal"),
    ];
    for f in &stale {
        fs::write(f, &big).unwrap();
    }
    // A run still writing holds its temporary locked.
    let live = d.join(".greenroom-backup-l1v3.tmp");
    fs::write(&live, &big).unwrap();
    let held = fs::File::open(&live).unwrap();
    held.lock().unwrap();
    let foreign = d.join(".greenroom-notes.tmp.txt");
    fs::write(&foreign, b"not ours").unwrap();

    run(&db, &["programme", "list"]).ok();
    for f in &stale[..3] {
        assert!(!f.exists(), "{} is left", f.display());
    }
    assert!(live.exists() && foreign.exists());

    let copy = out_dir.join("copy.db");
    run(&db, &["backup", "--out", copy.to_str().unwrap()]).ok();
    assert_eq!(
        fs::read_dir(&out_dir).unwrap().count(),
        1,
        "only the backup is left"
    );
    drop(held);
    run(&db, &["programme", "list"]).ok();
    assert!(!live.exists(), "released, so abandoned");
}
