//! `greenroom` with no subcommand: the window. It is a separate binary,
//! `greenroom-desktop`, installed beside this one, so that the command line never
//! loads GTK and WebKit; this hands the process over to it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The window's binary name; packages install it next to `greenroom`.
const DESKTOP: &str = "greenroom-desktop";

/// Starts the window on `db` (or its default) and returns its exit code; on Unix the
/// window replaces this process, so signals and the exit status are its own.
pub fn open(db: Option<&Path>) -> i32 {
    let binary = match beside_this_binary() {
        Ok(path) => path,
        Err(why) => {
            eprintln!("greenroom: cannot open the window: {why}");
            return 1;
        }
    };
    let mut command = Command::new(&binary);
    if let Some(db) = db {
        // One argument, so a path that starts with `-` is never read as an option.
        let mut arg = OsString::from("--db=");
        arg.push(db);
        command.arg(arg);
    }
    run(command, &binary)
}

fn beside_this_binary() -> Result<PathBuf, String> {
    let me = std::env::current_exe()
        .map_err(|e| format!("this program cannot tell where it is installed ({e})"))?;
    let path = me.with_file_name(format!("{DESKTOP}{}", std::env::consts::EXE_SUFFIX));
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "{} is missing (the window is installed with the greenroom package); \
             the command line works without it: greenroom --help",
            path.display()
        ))
    }
}

#[cfg(unix)]
fn run(mut command: Command, binary: &Path) -> i32 {
    use std::os::unix::process::CommandExt;
    // Only returns if the window could not be started.
    let e = command.exec();
    eprintln!("greenroom: cannot start {}: {e}", binary.display());
    1
}

#[cfg(not(unix))]
fn run(mut command: Command, binary: &Path) -> i32 {
    match command.status() {
        Ok(status) => status.code().unwrap_or(1),
        Err(e) => {
            eprintln!("greenroom: cannot start {}: {e}", binary.display());
            1
        }
    }
}
