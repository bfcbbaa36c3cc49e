//! A desk for the window's end-to-end tests: a `greenroom-server serve` process on
//! loopback over a database of the testkit's throwaway PostgreSQL cluster, invite
//! codes from `greenroom-server invite`, and joining it through Settings → Desk.

use std::path::{Path, PathBuf};
use std::process::Command;

use greenroom_testkit::postgres::{Cluster, Database};
use greenroom_testkit::server::Server;

use crate::harness::App;

/// The server binary, built beside the window (`cargo build -p greenroom-server`).
fn server_binary() -> PathBuf {
    let path =
        Path::new(env!("CARGO_BIN_EXE_greenroom-desktop")).with_file_name("greenroom-server");
    assert!(
        path.is_file(),
        "{} is missing: run `cargo build -p greenroom-server` first",
        path.display()
    );
    path
}

pub struct DeskServer {
    db: Database,
    id: String,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    served: Server,
}

impl DeskServer {
    /// The desk "Inside Story" on a new database, served on a free port.
    pub fn start() -> DeskServer {
        let db = Cluster::shared().database();
        admin(&db, &["migrate"]);
        let id = admin(&db, &["desk", "create", "Inside Story"]);
        let served = Server::serve(&server_binary(), &db, "127.0.0.1:0", &[]);
        DeskServer {
            url: served.url.clone(),
            db,
            id,
            served,
        }
    }

    /// Serves the desk over https with `cert` and `key` (PEM files) instead, on a new
    /// port; `url` names it.
    pub fn serve_tls(&mut self, cert: &Path, key: &Path) {
        self.served.kill();
        let (cert, key) = (cert.to_str().unwrap(), key.to_str().unwrap());
        self.served = Server::serve(
            &server_binary(),
            &self.db,
            "127.0.0.1:0",
            &["--tls-cert", cert, "--tls-key", key],
        );
        self.url = self.served.url.clone();
    }

    /// Runs `sql` on the desk's database (to age an invite, say).
    pub fn psql(&self, sql: &str) {
        Cluster::shared().psql(&self.db.name, sql);
    }

    /// Stops the server (SIGKILL: a pulled plug): its members are offline.
    pub fn stop(&mut self) {
        self.served.kill();
    }

    /// Serves the desk again on the same address (the members' links name it).
    pub fn restart(&mut self) {
        let addr = self.served.addr().to_string();
        self.served = Server::serve(&server_binary(), &self.db, &addr, &[]);
    }

    /// A one-time invite code for `name` as `role`.
    pub fn invite(&self, name: &str, role: &str) -> String {
        admin(
            &self.db,
            &["invite", &self.id, "--name", name, "--role", role],
        )
    }
}

/// `greenroom-server ARGS --database-url DB`: what it printed.
fn admin(db: &Database, args: &[&str]) -> String {
    let out = Command::new(server_binary())
        .args(args)
        .args(["--database-url", &db.url])
        .env_remove("GREENROOM_DATABASE_URL")
        .output()
        .expect("greenroom-server runs");
    assert!(
        out.status.success(),
        "greenroom-server {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Opens Settings → Desk in `app`.
pub async fn open_desk_page(app: &App) {
    app.click("#nav-settings").await;
    app.click("#open-desk").await;
    app.el("#desk-page").await;
}

/// Joins `desk` through Settings → Desk as `name` (an editor), and waits until the
/// first sync is done.
pub async fn join_in_window(app: &App, desk: &DeskServer, name: &str) {
    let code = desk.invite(name, "editor");
    open_desk_page(app).await;
    app.type_into("#desk-url", &desk.url).await;
    app.type_into("#desk-code", &code).await;
    app.type_into("#desk-name", name).await;
    app.click("#desk-join").await;
    app.wait_text("#desk-member", name).await;
    app.wait_text("#desk-status-button", "Synced").await;
}
