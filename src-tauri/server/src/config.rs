//! `--config FILE`: the server's options in a TOML file, one `long-option = value` a
//! line (`database-url = "…"`, `listen = "0.0.0.0:8443"`, `trust-proxy = true`), so a
//! packaged server keeps its settings in /etc/greenroom/server.toml.
//!
//! The file's values become command-line arguments before clap reads them, so every
//! check clap makes (types, `requires`, ranges) applies to the file as it does to the
//! command line, and an option added to `serve` is a key of the file with no code here.
//! An option given on the command line or in its environment variable wins over the
//! file. The keys are `serve`'s options; the other commands that reach the database
//! take the ones they share with it (`database-url`) and pass over the rest, so the
//! admin commands read the same file.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::error::ErrorKind;
use clap::{Arg, ArgAction, Command};

const OPTION: &str = "config";

/// `command` with `--config FILE` on each command that takes `--database-url`.
pub fn with_option(mut command: Command) -> Command {
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in subcommands {
        command = command.mut_subcommand(name, with_option);
    }
    if find(&command, "database-url").is_none() {
        return command;
    }
    command.arg(
        Arg::new(OPTION)
            .long(OPTION)
            .value_name("FILE")
            .value_parser(clap::value_parser!(PathBuf))
            .help(
                "Read options from this TOML file, one `long-option = value` a line \
                 (database-url = \"…\", listen = \"0.0.0.0:8443\", trust-proxy = true); \
                 an option on the command line or in its environment variable wins",
            ),
    )
}

/// `args` (as the process got them) with the options the `--config` file gives that
/// are not set otherwise; unchanged without `--config`. `command` is the one
/// [`with_option`] returned.
pub fn args(command: &Command, mut args: Vec<OsString>) -> Result<Vec<OsString>, clap::Error> {
    let mut chosen = command;
    let mut at = 1;
    while let Some(sub) = args
        .get(at)
        .and_then(|a| a.to_str())
        .and_then(|a| chosen.find_subcommand(a))
    {
        chosen = sub;
        at += 1;
    }
    let Some(path) = file_named(&args[at..]) else {
        return Ok(args);
    };
    let serve = command
        .find_subcommand("serve")
        .expect("greenroom-server has a serve command");
    let mut added = Vec::new();
    for (key, value) in read(&path)? {
        if key == OPTION || find(serve, &key).is_none() {
            return Err(refused(format!(
                "{}: unknown key `{key}` (the keys are serve's options: {})",
                path.display(),
                keys(serve).join(", ")
            )));
        }
        let Some(arg) = find(chosen, &key) else {
            continue; // serve's alone, e.g. `listen` for migrate
        };
        let set_in_env = arg
            .get_env()
            .and_then(std::env::var_os)
            .is_some_and(|v| !v.is_empty());
        if given(&args[at..], &key) || set_in_env {
            continue;
        }
        added.extend(as_argument(&path, &key, arg, value)?);
    }
    args.extend(added);
    Ok(args)
}

fn find<'a>(command: &'a Command, long: &str) -> Option<&'a Arg> {
    command
        .get_arguments()
        .find(|a| a.get_long() == Some(long) && a.get_id() != "help")
}

fn keys(serve: &Command) -> Vec<&str> {
    serve
        .get_arguments()
        .filter(|a| !a.is_hide_set())
        .filter_map(|a| a.get_long())
        .filter(|&l| l != OPTION && l != "help")
        .collect()
}

/// The value of `--config FILE` or `--config=FILE`.
fn file_named(args: &[OsString]) -> Option<PathBuf> {
    let flag = format!("--{OPTION}");
    let prefix = format!("--{OPTION}=");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if *a == *flag {
            return it.next().map(PathBuf::from);
        }
        if let Some(v) = a.to_str().and_then(|a| a.strip_prefix(&prefix)) {
            return Some(PathBuf::from(v));
        }
    }
    None
}

fn given(args: &[OsString], long: &str) -> bool {
    let flag = format!("--{long}");
    let prefix = format!("--{long}=");
    args.iter()
        .filter_map(|a| a.to_str())
        .any(|a| a == flag || a.starts_with(&prefix))
}

/// The file's keys and values. Neither is ever repeated in an error: the database URL
/// may hold a password.
fn read(path: &Path) -> Result<toml::Table, clap::Error> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        refused(format!(
            "cannot read the config file {}: {e}",
            path.display()
        ))
    })?;
    text.parse::<toml::Table>().map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start].matches('\n').count() + 1)
            .unwrap_or(1);
        refused(format!(
            "{} line {line}: not TOML: {}",
            path.display(),
            e.message().trim()
        ))
    })
}

fn as_argument(
    path: &Path,
    key: &str,
    arg: &Arg,
    value: toml::Value,
) -> Result<Vec<OsString>, clap::Error> {
    let flag = matches!(arg.get_action(), ArgAction::SetTrue);
    let text = match (flag, value) {
        (true, toml::Value::Boolean(on)) => {
            return Ok(on.then(|| format!("--{key}").into()).into_iter().collect())
        }
        (false, toml::Value::String(s)) => s,
        (false, toml::Value::Integer(n)) => n.to_string(),
        (true, _) => {
            return Err(refused(format!(
                "{}: `{key}` is true or false",
                path.display()
            )))
        }
        (false, _) => {
            return Err(refused(format!(
                "{}: `{key}` is a string or a whole number",
                path.display()
            )))
        }
    };
    Ok(vec![format!("--{key}={text}").into()])
}

fn refused(message: String) -> clap::Error {
    clap::Error::raw(ErrorKind::InvalidValue, message)
}
