//! A `greenroom-server serve` process: started on a database, stopped by drop, and,
//! for the fault proofs, killed (SIGKILL, as a crash) and started again on the same
//! address (the members' links name it).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};

use greenroom_testkit::postgres::Database;

/// The server binary, built beside this one (`cargo test --workspace` builds it;
/// alone, `cargo build -p greenroom-server` first).
pub fn server_binary() -> PathBuf {
    let path = Path::new(env!("CARGO_BIN_EXE_greenroom"))
        .with_file_name(format!("greenroom-server{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} is missing: `cargo build -p greenroom-server` first",
        path.display()
    );
    path
}

pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// What it prints after `listening on`: kept open so it never blocks.
    _stdout: BufReader<ChildStdout>,
}

impl Served {
    /// `serve --listen 127.0.0.1:0`: a free port.
    pub fn start(db: &Database) -> Served {
        Self::listen(db, "127.0.0.1:0")
    }

    /// `serve --listen ADDR`; waits until it listens.
    pub fn listen(db: &Database, addr: &str) -> Served {
        let mut child = Command::new(server_binary())
            .args(["serve", "--listen", addr, "--database-url", &db.url])
            // Five members join from one address within a minute in the proofs.
            .args(["--join-limit-per-address", "100"])
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
                panic!("the server did not say where it listens: {line:?}")
            }
        };
        Served {
            child,
            url,
            _stdout: stdout,
        }
    }

    /// SIGKILL, as a crash or a pulled plug: nothing of it runs after this.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// A new process on the same address, after [`Served::kill`].
    pub fn restart(&mut self, db: &Database) {
        let addr = self.url.trim_start_matches("http://").to_string();
        *self = Served::listen(db, &addr);
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.kill();
    }
}
