use std::os::unix::fs::{symlink, FileTypeExt, PermissionsExt};

use super::*;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn replaces_the_file_whole_and_leaves_no_temporary_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.md");
    write_atomic(&path, b"new contents").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"new contents");
    assert_eq!(mode(&path), 0o644);
    assert_eq!(names(dir.path()), ["sheet.md"]);
}

#[test]
fn a_replaced_file_keeps_its_mode_and_contacts_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.md");
    fs::write(&path, b"old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    write_atomic(&path, b"new").unwrap();
    assert_eq!(mode(&path), 0o640);

    let contacts = dir.path().join("archive.json");
    write_file(&contacts, b"{}", Access::Private).unwrap();
    assert_eq!(mode(&contacts), 0o600);
    fs::set_permissions(&contacts, fs::Permissions::from_mode(0o644)).unwrap();
    write_file(&contacts, b"{}", Access::Private).unwrap();
    assert_eq!(mode(&contacts), 0o600, "narrowed, not kept");
}

#[test]
fn a_symbolic_link_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    fs::write(&real, b"old").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o604)).unwrap();
    let link = dir.path().join("link.md");
    symlink(&real, &link).unwrap();
    write_atomic(&link, b"through the link").unwrap();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read(&real).unwrap(), b"through the link");
    assert_eq!(mode(&real), 0o604);
    assert_eq!(names(dir.path()), ["link.md", "real.md"]);
}

#[test]
fn only_regular_files_are_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let dangling = dir.path().join("dangling.md");
    symlink(dir.path().join("nowhere"), &dangling).unwrap();
    let linked = dir.path().join("linked.md");
    let other_name = dir.path().join("other-name.md");
    fs::write(&linked, b"two names").unwrap();
    fs::hard_link(&linked, &other_name).unwrap();
    // A node of the system's (/dev/null) would do as well, but a regression would
    // then replace it: the test makes its own.
    let socket = dir.path().join("socket");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let to_fifo = dir.path().join("to-fifo");
    symlink(&fifo, &to_fifo).unwrap();
    for (path, says) in [
        (fifo.as_path(), "not a regular file"),
        (socket.as_path(), "not a regular file"),
        (to_fifo.as_path(), "not a regular file"),
        (dangling.as_path(), "does not exist"),
        (linked.as_path(), "hard links"),
        (dir.path(), "is a folder"),
    ] {
        let e = write_atomic(path, b"x").unwrap_err();
        assert_eq!(e.code(), "export", "{}", path.display());
        assert!(e.to_string().contains(says), "{}: {e}", path.display());
    }
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(fs::symlink_metadata(&socket)
        .unwrap()
        .file_type()
        .is_socket());
    assert_eq!(fs::read(&other_name).unwrap(), b"two names");
    assert_eq!(
        names(dir.path()),
        [
            "dangling.md",
            "fifo",
            "linked.md",
            "other-name.md",
            "socket",
            "to-fifo"
        ]
    );
}

#[test]
fn an_unwritable_place_is_a_clear_error_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let e = write_atomic(&dir.path().join("missing/sheet.pdf"), b"x").unwrap_err();
    assert_eq!(e.code(), "export");
    assert!(e.to_string().contains("missing"), "{e}");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Leftovers of killed runs (unlocked temporaries of ours, their journals, journals
/// whose file is gone) are removed; a temporary a live run holds, and files that are
/// not ours, are not.
#[test]
fn stale_temporaries_go_and_live_ones_stay() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let live = temp_in(d, "backup").unwrap();
    let live_name = live
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    fs::write(d.join(format!("{live_name}-journal")), b"live journal").unwrap();
    for stale in [
        ".greenroom-backup-killed.tmp",
        ".greenroom-backup-killed.tmp-journal",
        ".greenroom-restore-killed.tmp",
        ".greenroom-export-killed.tmp",
        ".greenroom-backup-gone.tmp-journal",
    ] {
        fs::write(d.join(stale), b"left by a killed run").unwrap();
    }
    for foreign in [".greenroom-notes", "other.tmp", "greenroom-backup-x.tmp"] {
        fs::write(d.join(foreign), b"not ours").unwrap();
    }

    let removed = remove_stale(d);
    assert_eq!(removed.len(), 5, "{removed:?}");
    let mut expected = vec![
        ".greenroom-notes".to_string(),
        format!("{live_name}-journal"),
        live_name.clone(),
        "greenroom-backup-x.tmp".into(),
        "other.tmp".into(),
    ];
    expected.sort();
    assert_eq!(names(d), expected);
    drop(live);
    assert_eq!(remove_stale(d).len(), 1, "its journal, once it is gone");
}
