//! A `greenroom-server serve` process on a test's database: started, waited for
//! until it listens, and killed when dropped. The server tests, the CLI's desk tests
//! and the load bench all start it through here.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};

use crate::postgres::Database;

pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT` (or https), as the server printed it.
    pub url: String,
    /// What it prints after `listening on`: kept open so it never blocks.
    _stdout: BufReader<ChildStdout>,
}

impl Server {
    /// `BINARY serve --listen ADDR --database-url <db>` with `args` added; returns
    /// once it says where it listens (port 0 in ADDR: a free one).
    pub fn serve(binary: &Path, db: &Database, listen: &str, args: &[&str]) -> Server {
        let mut child = Command::new(binary)
            .args(["serve", "--listen", listen, "--database-url", &db.url])
            .args(args)
            // The test's database, not one the environment names.
            .env_remove("GREENROOM_DATABASE_URL")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("greenroom-server starts");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let url = match line.trim().strip_prefix("listening on ") {
            Some(url) => url.to_string(),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the server did not say where it listens: {line:?}")
            }
        };
        Server {
            child,
            url,
            _stdout: stdout,
        }
    }

    /// The address it listens on (`127.0.0.1:PORT`), to start another on it.
    pub fn addr(&self) -> &str {
        self.url
            .trim_start_matches("http://")
            .trim_start_matches("https://")
    }

    /// SIGKILL, as a crash or a pulled plug: nothing of it runs after this.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Asks it to stop as an admin's `kill` or systemd would (SIGTERM); its exit
    /// status.
    pub fn stop(mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(sent.success());
        self.child.wait().unwrap()
    }

    /// Its resident memory, in KiB (from /proc).
    pub fn memory_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}
