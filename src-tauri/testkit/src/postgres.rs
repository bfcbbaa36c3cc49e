//! A throwaway PostgreSQL cluster for tests, from the distribution's own binaries
//! (Debian's `postgresql` package, which `scripts/setup.sh test` installs): no Docker,
//! nothing downloaded. `initdb` in a temp folder, the server on a free loopback port
//! with its socket in that folder, a fresh database per test.
//!
//! PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres`
//! account (through `runuser`), otherwise as the caller.
//!
//! A watchdog shell holds the read end of a pipe whose write end is this process's:
//! when this process ends, however it ends, the watchdog stops the cluster and
//! removes the folder. So the cluster of [`Cluster::shared`], a static that is never
//! dropped, goes away with its test binary too.

use std::fs;
use std::io::Write;
use std::net::TcpListener;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// Where Debian puts each major version's binaries.
const DEBIAN_BINARIES: &str = "/usr/lib/postgresql";
/// Overrides the search: a folder holding `initdb`, `pg_ctl`, `psql` and `pg_dump`.
pub const BINARIES_ENV: &str = "GREENROOM_POSTGRES_BIN";

pub struct Cluster {
    bin: PathBuf,
    /// The temp folder: the data folder `data/`, the socket and the log.
    dir: PathBuf,
    port: u16,
    /// `runuser -u postgres --` when this process is root.
    as_owner: Vec<String>,
    watchdog: Mutex<Option<Child>>,
    databases: AtomicUsize,
}

/// One database of a [`Cluster`], made for one test.
#[derive(Clone, Debug)]
pub struct Database {
    pub name: String,
    /// `postgresql://postgres@127.0.0.1:PORT/NAME`: trust authentication on loopback.
    pub url: String,
}

impl Cluster {
    /// The test binary's one cluster, started on first use.
    pub fn shared() -> &'static Cluster {
        static CLUSTER: OnceLock<Cluster> = OnceLock::new();
        CLUSTER.get_or_init(Cluster::start)
    }

    /// Starts a new cluster; panics with what to do when PostgreSQL is not installed.
    pub fn start() -> Cluster {
        let bin = binaries();
        let dir = tempfile::Builder::new()
            .prefix("greenroom-pg-")
            .tempdir()
            .expect("a temp folder for PostgreSQL")
            .keep();
        let as_owner = owner_prefix(&dir);
        let mut cluster = Cluster {
            bin,
            dir,
            port: 0,
            as_owner,
            watchdog: Mutex::new(None),
            databases: AtomicUsize::new(0),
        };
        cluster.watch();
        cluster.init();
        // The port was free a moment ago; another process may have taken it since.
        for attempt in 1.. {
            cluster.port = free_port();
            cluster.configure();
            let started = cluster
                .as_postgres("pg_ctl")
                .args(["start", "-w", "-s"])
                .arg("-D")
                .arg(cluster.data())
                .arg("-l")
                .arg(cluster.log())
                .output()
                .expect("pg_ctl runs");
            if started.status.success() {
                break;
            }
            if attempt == 3 {
                panic!(
                    "PostgreSQL did not start:\n{}\n{}",
                    said(&started),
                    cluster.log_text()
                );
            }
        }
        cluster
    }

    /// A new, empty database.
    pub fn database(&self) -> Database {
        let n = self.databases.fetch_add(1, Ordering::Relaxed);
        let name = format!("test_{n}");
        self.psql("postgres", &format!("CREATE DATABASE {name}"));
        Database {
            url: self.url(&name),
            name,
        }
    }

    pub fn url(&self, database: &str) -> String {
        format!("postgresql://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// Runs `sql` in `database` through `psql`; returns its rows, one a line, fields
    /// separated by `|`. Panics when it fails.
    pub fn psql(&self, database: &str, sql: &str) -> String {
        let out = self
            .client("psql", database)
            .args(["-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql])
            .output()
            .expect("psql runs");
        assert!(out.status.success(), "psql {sql:?}: {}", said(&out));
        String::from_utf8(out.stdout)
            .unwrap()
            .trim_end()
            .to_string()
    }

    /// Opens a transaction in `database` (its own `psql` session), runs `sql` in it and
    /// keeps it open, holding whatever `sql` locked, until the [`Held`] is dropped;
    /// returns once the lock is held.
    pub fn hold(&self, database: &str, sql: &str) -> Held {
        static HOLDERS: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "greenroom-test-hold-{}",
            HOLDERS.fetch_add(1, Ordering::Relaxed)
        );
        let mut child = self
            .client("psql", database)
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1"])
            .env("PGAPPNAME", &name)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("psql runs");
        let stdin = child.stdin.as_mut().unwrap();
        writeln!(stdin, "BEGIN;\n{sql};").expect("psql reads its input");
        stdin.flush().unwrap();
        self.wait_until(
            database,
            &format!("{name} holds {sql:?}"),
            &format!(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE application_name = '{name}' \
                 AND state = 'idle in transaction')"
            ),
        );
        Held { child }
    }

    /// Runs `sql` (one boolean) in `database` every 20 ms until it answers true;
    /// panics naming `what` after 30 s.
    pub fn wait_until(&self, database: &str, what: &str, sql: &str) {
        let started = std::time::Instant::now();
        while self.psql(database, sql) != "t" {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(30),
                "never: {what}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// Restarts the server as an admin would (`pg_ctl restart -m fast`): every
    /// connection is cut; the data stays.
    pub fn restart(&self) {
        self.pg_ctl(&["restart", "-w", "-s", "-m", "fast"], "restart");
    }

    /// Stops the server as an admin would (`pg_ctl stop -m fast`): every connection
    /// is cut, and none is accepted until [`Cluster::resume`].
    pub fn stop(&self) {
        self.pg_ctl(&["stop", "-w", "-s", "-m", "fast"], "stop");
    }

    /// Starts the server again after [`Cluster::stop`], on the same port and data.
    pub fn resume(&self) {
        self.pg_ctl(&["start", "-w", "-s"], "start again");
    }

    fn pg_ctl(&self, args: &[&str], what: &str) {
        let out = self
            .as_postgres("pg_ctl")
            .args(args)
            .arg("-D")
            .arg(self.data())
            .arg("-l")
            .arg(self.log())
            .output()
            .expect("pg_ctl runs");
        assert!(
            out.status.success(),
            "PostgreSQL did not {what}:\n{}\n{}",
            said(&out),
            self.log_text()
        );
    }

    /// Turns TLS on with `cert` (PEM, the chain) and its `key` (PEM), and restarts:
    /// clients may then ask for TLS (`sslmode=require`); those that do not still
    /// connect in the clear.
    pub fn enable_tls(&self, cert: &str, key: &str) {
        use std::os::unix::fs::OpenOptionsExt;
        for (name, pem) in [("server.crt", cert), ("server.key", key)] {
            let path = self.dir.join(name);
            // PostgreSQL refuses a key others can read.
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path)
                .expect("a new file in the cluster's folder");
            file.write_all(pem.as_bytes()).unwrap();
            if !self.as_owner.is_empty() {
                let out = Command::new("chown")
                    .args(["postgres:", &path.display().to_string()])
                    .output()
                    .expect("chown runs");
                assert!(out.status.success(), "chown: {}", said(&out));
            }
        }
        let mut conf = fs::OpenOptions::new()
            .append(true)
            .open(self.data().join("postgresql.conf"))
            .unwrap();
        writeln!(
            conf,
            "ssl = on\nssl_cert_file = '{0}/server.crt'\nssl_key_file = '{0}/server.key'",
            self.dir.display()
        )
        .unwrap();
        self.restart();
    }

    /// Everything in `database` (schema and rows) as `pg_dump` writes it.
    pub fn dump(&self, database: &str) -> String {
        let out = self
            .client("pg_dump", database)
            .output()
            .expect("pg_dump runs");
        assert!(out.status.success(), "pg_dump: {}", said(&out));
        String::from_utf8(out.stdout).unwrap()
    }

    fn client(&self, tool: &str, database: &str) -> Command {
        let mut c = Command::new(self.bin.join(tool));
        c.arg("-h").arg(&self.dir);
        c.args([
            "-p",
            &self.port.to_string(),
            "-U",
            "postgres",
            "-d",
            database,
        ]);
        c
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn log(&self) -> PathBuf {
        self.dir.join("log")
    }

    fn log_text(&self) -> String {
        fs::read_to_string(self.log()).unwrap_or_default()
    }

    /// `tool` of the cluster's binaries, run as the cluster's owner.
    fn as_postgres(&self, tool: &str) -> Command {
        let mut words = self.as_owner.iter();
        let mut c = match words.next() {
            Some(first) => Command::new(first),
            None => return Command::new(self.bin.join(tool)),
        };
        c.args(words).arg(self.bin.join(tool));
        c
    }

    fn init(&self) {
        let out = self
            .as_postgres("initdb")
            .arg("-D")
            .arg(self.data())
            .args([
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ])
            .output()
            .expect("initdb runs");
        assert!(out.status.success(), "initdb: {}", said(&out));
    }

    /// The server's settings, appended to what initdb wrote (the last one wins). No
    /// fsync: the cluster is thrown away.
    fn configure(&self) {
        let mut conf = fs::OpenOptions::new()
            .append(true)
            .open(self.data().join("postgresql.conf"))
            .expect("initdb wrote postgresql.conf");
        writeln!(
            conf,
            "port = {}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{}'\n\
             fsync = off\nsynchronous_commit = off\nfull_page_writes = off",
            self.port,
            self.dir.display()
        )
        .unwrap();
    }

    /// Starts the watchdog that stops the cluster and removes its folder when this
    /// process lets go of the pipe (at its end, or when the cluster drops).
    fn watch(&self) {
        let mut stop = self.as_postgres("pg_ctl");
        stop.args(["stop", "-m", "immediate", "-s", "-D"])
            .arg(self.data());
        let child = Command::new("sh")
            .arg("-c")
            // Signals meant for the test run (Ctrl-C) must not kill it before it cleans up.
            .arg("trap '' INT HUP TERM; read -r _; \"$@\" >/dev/null 2>&1; rm -rf \"$0\"")
            .arg(&self.dir)
            .arg(stop.get_program())
            .args(stop.get_args())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("sh starts");
        *self.watchdog.lock().unwrap() = Some(child);
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Some(mut child) = self.watchdog.lock().unwrap().take() {
            drop(child.stdin.take());
            let _ = child.wait();
        }
    }
}

/// A transaction [`Cluster::hold`] keeps open: ended (rolled back, its locks let go)
/// when dropped.
pub struct Held {
    child: Child,
}

impl Drop for Held {
    fn drop(&mut self) {
        // Its input closed, psql quits, and PostgreSQL rolls the transaction back.
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// The newest PostgreSQL's binaries, or a panic that says how to install them: a test
/// of the server without a server would prove nothing, so it fails rather than skip.
fn binaries() -> PathBuf {
    if let Some(dir) = std::env::var_os(BINARIES_ENV) {
        return PathBuf::from(dir);
    }
    let newest = fs::read_dir(DEBIAN_BINARIES)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("pg_ctl").is_file().then_some((version, bin))
        })
        .max();
    match newest {
        Some((_, bin)) => bin,
        None => panic!(
            "no PostgreSQL server binaries in {DEBIAN_BINARIES}/*/bin: run `scripts/setup.sh \
             test` (it installs Debian's postgresql package), or set {BINARIES_ENV} to the \
             folder holding initdb and pg_ctl"
        ),
    }
}

/// As root: hands `dir` to the `postgres` account and runs the cluster's tools as it.
fn owner_prefix(dir: &Path) -> Vec<String> {
    if fs::metadata(dir).expect("the temp folder").uid() != 0 {
        return Vec::new();
    }
    let out = Command::new("chown")
        .args(["postgres:", &dir.display().to_string()])
        .output()
        .expect("chown runs");
    assert!(
        out.status.success(),
        "running as root, the cluster must belong to the postgres account: {}",
        said(&out)
    );
    ["runuser", "-u", "postgres", "--"]
        .map(String::from)
        .to_vec()
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.local_addr().unwrap().port()
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
