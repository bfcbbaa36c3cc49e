//! `src/desktop.rs`: the command line links no GUI library, and with no subcommand it
//! hands over to the window installed beside it.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use crate::Run;

#[test]
fn the_command_line_links_no_gui_library() {
    let out = Command::new("ldd")
        .arg(env!("CARGO_BIN_EXE_greenroom"))
        .output()
        .expect("ldd (Debian's libc-bin) is installed");
    let libraries = String::from_utf8_lossy(&out.stdout).to_lowercase();
    assert!(
        out.status.success() && libraries.contains("libc.so"),
        "{libraries}"
    );
    for gui in ["gtk", "webkit", "gdk", "soup", "javascriptcore", "glib"] {
        assert!(!libraries.contains(gui), "links {gui}:\n{libraries}");
    }
}

/// A copy of `greenroom` alone in a folder, as a package might leave it.
fn installed_alone() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("greenroom");
    std::fs::copy(env!("CARGO_BIN_EXE_greenroom"), &bin).unwrap();
    (dir, bin)
}

#[test]
fn with_no_subcommand_and_no_window_installed_it_says_what_is_missing() {
    let (dir, bin) = installed_alone();
    let run: Run = Command::new(&bin)
        .env_remove("GREENROOM_DB")
        .output()
        .unwrap()
        .into();
    let missing = dir.path().join("greenroom-desktop");
    run.fails(1, &format!("{} is missing", missing.display()))
        .fails(1, "greenroom --help");
}

/// Stands in for the window: writes the arguments it was started with.
fn fake_window(dir: &Path) {
    let window = dir.join("greenroom-desktop");
    let said = dir.join("started-with");
    std::fs::write(
        &window,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nexit 7\n",
            said.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&window, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn with_no_subcommand_it_becomes_the_window_on_the_same_database() {
    let (dir, bin) = installed_alone();
    fake_window(dir.path());
    // Relative, and starting with a dash: it must still reach the window as a path.
    let run: Run = Command::new(&bin)
        .current_dir(dir.path())
        .arg("--db=-show.db")
        .env_remove("GREENROOM_DB")
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 7, "the window's exit status is the command's");
    let said = std::fs::read_to_string(dir.path().join("started-with")).unwrap();
    assert_eq!(said, "--db=-show.db\n");
    let db = dir.path().join("-show.db");
    assert!(
        !db.exists(),
        "the window, not the command line, opens the database"
    );
}
