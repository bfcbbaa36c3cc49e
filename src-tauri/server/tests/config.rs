//! `--config FILE`: the packaged service's options from TOML, the command line and the
//! environment winning over the file, and every mistake in it one line naming the file
//! and the key, never a value (the URL may hold a password).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::support::{fails, migrated, ok, sql};

const BIN: &str = env!("CARGO_BIN_EXE_greenroom-server");
/// A database no test can reach: a file that uses it was not overridden.
const NOWHERE: &str = "postgresql://nobody:s3cret-pw@127.0.0.1:1/nothing";

fn config(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("server.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("GREENROOM_DATABASE_URL")
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

/// `serve` with `args`: the address it said it listens on (then it is stopped).
fn serves(args: &[&str]) -> String {
    let mut child = Command::new(BIN)
        .args(args)
        .env_remove("GREENROOM_DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    line.trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("not serving: {}", String::from_utf8_lossy(&out.stderr)))
        .to_string()
}

#[test]
fn serve_takes_its_options_from_the_file() {
    let db = migrated();
    let dir = tempfile::tempdir().unwrap();
    let file = config(
        dir.path(),
        &format!(
            "database-url = \"{}\"\nlisten = \"127.0.0.1:0\"\npool-size = 2\ntrust-proxy = true\n\
             allow-insecure-http = false\n",
            db.url
        ),
    );
    let url = serves(&["serve", "--config", file.to_str().unwrap()]);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
}

#[test]
fn the_command_line_wins_over_the_file() {
    let db = migrated();
    let dir = tempfile::tempdir().unwrap();
    // Both would fail: plain HTTP off loopback is refused, and NOWHERE answers nothing.
    let file = config(
        dir.path(),
        &format!("database-url = \"{NOWHERE}\"\nlisten = \"0.0.0.0:0\"\n"),
    );
    let url = serves(&[
        "serve",
        &format!("--config={}", file.display()),
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        &db.url,
    ]);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
}

/// The admin commands read the same file: they take its database and pass over the
/// keys that are serve's alone; the environment wins over the file as well.
#[test]
fn the_admin_commands_read_the_same_file_and_the_environment_wins() {
    let db = migrated();
    let dir = tempfile::tempdir().unwrap();
    let file = config(
        dir.path(),
        &format!("database-url = \"{}\"\nlisten = \"0.0.0.0:8443\"\n", db.url),
    );
    let file = file.to_str().unwrap();
    let desk = ok(&run(
        &["desk", "create", "Inside Story", "--config", file],
        &[],
    ));
    assert_eq!(
        sql(&db, &format!("SELECT name FROM desk WHERE id = '{desk}'")).trim(),
        "Inside Story"
    );
    assert!(ok(&run(&["migrate", "--config", file], &[])).contains("up to date"));

    let elsewhere = config(dir.path(), &format!("database-url = \"{NOWHERE}\"\n"));
    let said = ok(&run(
        &["migrate", "--config", elsewhere.to_str().unwrap()],
        &[("GREENROOM_DATABASE_URL", &db.url)],
    ));
    assert!(said.contains("up to date"), "{said}");
}

#[test]
fn a_mistake_in_the_file_is_one_line_naming_it_and_never_a_value() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("database-url = \"{NOWHERE}\"\n");
    let cases = [
        ("databse-url = \"x\"\n", "unknown key `databse-url`"),
        ("config = \"other.toml\"\n", "unknown key `config`"),
        ("listen = [\"127.0.0.1:0\"]\n", "`listen` is a string"),
        ("trust-proxy = \"yes\"\n", "`trust-proxy` is true or false"),
        ("listen = \"127.0.0.1:0\n", "line 2: not TOML"),
        ("\n\nlisten = = 1\n", "line 4: not TOML"),
    ];
    for (text, said) in cases {
        let file = config(dir.path(), &format!("{url}{text}"));
        let err = fails(&run(&["serve", "--config", file.to_str().unwrap()], &[]), 2);
        assert!(err.contains(said), "{text:?}: {err}");
        assert!(err.contains(file.to_str().unwrap()), "{err}");
        assert!(!err.contains("s3cret-pw"), "{err}");
    }

    let missing = dir.path().join("absent.toml");
    let err = fails(
        &run(&["serve", "--config", missing.to_str().unwrap()], &[]),
        2,
    );
    assert!(err.contains("cannot read the config file"), "{err}");
    assert!(err.contains(missing.to_str().unwrap()), "{err}");

    // A value clap refuses is refused as if typed: the file's values go through the
    // same checks as the command line's.
    let file = config(dir.path(), &format!("{url}listen = \"nowhere\"\n"));
    let err = fails(&run(&["serve", "--config", file.to_str().unwrap()], &[]), 2);
    assert!(err.contains("--listen"), "{err}");
}
