//! A `greenroom-server serve` process (the testkit's): started on a database, stopped
//! by drop, and, for the fault proofs, killed (SIGKILL, as a crash) and started again
//! on the same address (the members' links name it).

use std::path::{Path, PathBuf};

use greenroom_testkit::postgres::Database;
use greenroom_testkit::server::Server;

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
    server: Server,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Served {
    /// `serve --listen 127.0.0.1:0`: a free port.
    pub fn start(db: &Database) -> Served {
        Self::listen(db, "127.0.0.1:0")
    }

    /// `serve --listen ADDR`; waits until it listens.
    pub fn listen(db: &Database, addr: &str) -> Served {
        // Five members join from one address within a minute in the proofs.
        let args = ["--join-limit-per-address", "100"];
        let server = Server::serve(&server_binary(), db, addr, &args);
        Served {
            url: server.url.clone(),
            server,
        }
    }

    /// SIGKILL, as a crash or a pulled plug: nothing of it runs after this.
    pub fn kill(&mut self) {
        self.server.kill();
    }

    /// A new process on the same address, after [`Served::kill`].
    pub fn restart(&mut self, db: &Database) {
        let addr = self.server.addr().to_string();
        *self = Served::listen(db, &addr);
    }
}
