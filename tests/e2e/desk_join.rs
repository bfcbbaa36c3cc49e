//! Joining a desk through Settings → Desk (issue 15) when it cannot be done: a wrong
//! address, a code that is unknown, used or expired, a certificate that is not for the
//! address or not trusted. Each is said in the form in words that say what to do, and
//! nothing is linked; a certificate from an authority this computer trusts (a desk's
//! own CA, here through SSL_CERT_FILE) joins.

use std::path::PathBuf;

use greenroom_testkit::tls::Authority;

use crate::desk_server::{open_desk_page, DeskServer};
use crate::harness::{App, Sandbox};

/// Types the address, the code and a name into the join form, and joins.
async fn try_join(app: &App, url: &str, code: &str) {
    app.type_into("#desk-url", url).await;
    app.type_into("#desk-code", code).await;
    app.type_into("#desk-name", "Ann").await;
    app.click("#desk-join").await;
}

/// Nothing was linked: the form is still there, the header shows no desk, and the
/// database has no link.
async fn not_linked(app: &App, sandbox: &Sandbox) {
    app.el("#desk-join-form").await;
    let shown = app
        .js(
            "return !document.getElementById('desk-status').hidden;",
            vec![],
        )
        .await;
    assert_eq!(shown, false, "the header shows a desk");
    assert_eq!(
        sandbox.cli_json(&["desk", "status", "--json"]),
        serde_json::Value::Null
    );
}

#[tokio::test]
async fn a_wrong_address_or_code_is_said_and_nothing_is_linked() {
    let desk = DeskServer::start();
    let sandbox = Sandbox::new();
    let app = sandbox.launch().await;
    open_desk_page(&app).await;
    // Port 9 (discard) has no server on loopback.
    app.type_into("#desk-url", "http://127.0.0.1:9").await;
    app.type_into("#desk-code", "whatever").await;
    app.click("#desk-join").await;
    let said = app.wait_text("#desk-error", "Not joined").await;
    assert!(said.contains("127.0.0.1:9"), "names the address: {said}");

    app.type_into("#desk-url", "ftp://desk.example.org").await;
    app.click("#desk-join").await;
    app.wait_text("#desk-url-error", "not a server address")
        .await;

    app.type_into("#desk-url", &desk.url).await;
    app.type_into("#desk-code", "not-a-code").await;
    app.click("#desk-join").await;
    app.wait_text("#desk-error", "no invite has this code")
        .await;
    not_linked(&app, &sandbox).await;
    app.close().await;
}

#[tokio::test]
async fn a_used_or_expired_code_says_so_and_whom_to_ask() {
    let desk = DeskServer::start();
    let code = desk.invite("Ann", "editor");
    // Someone else joined with Ann's code first.
    Sandbox::new().cli(&["desk", "join", &desk.url, &code]);
    let sandbox = Sandbox::new();
    let app = sandbox.launch().await;
    open_desk_page(&app).await;
    try_join(&app, &desk.url, &code).await;
    let said = app.wait_text("#desk-error", "already used").await;
    assert!(said.contains("ask your desk's admin"), "{said}");

    let late = desk.invite("Ann", "editor");
    desk.psql("UPDATE invite SET expires_at = now() - interval '1 second' WHERE used_at IS NULL");
    try_join(&app, &desk.url, &late).await;
    app.wait_text("#desk-error", "has expired: ask your desk's admin")
        .await;
    not_linked(&app, &sandbox).await;

    // A new code, in the same form, joins.
    try_join(&app, &desk.url, &desk.invite("Ann", "editor")).await;
    app.wait_text("#desk-member", "Ann").await;
    app.wait_text("#desk-status-button", "Synced").await;
    app.close().await;
}

/// Certificates for `127.0.0.1` or another name, as files, and the authority that this
/// computer is told to trust.
struct Certs {
    dir: tempfile::TempDir,
    ca: Authority,
}

impl Certs {
    fn new() -> Certs {
        Certs {
            dir: tempfile::tempdir().unwrap(),
            ca: Authority::new("Greenroom desk test CA"),
        }
    }

    /// The authority's certificate (PEM) as a file.
    fn trusted(&self) -> PathBuf {
        let path = self.dir.path().join("trusted-ca.pem");
        std::fs::write(&path, self.ca.pem()).unwrap();
        path
    }

    /// A certificate for `name` signed by `by`, and its key, as files named `stem`.
    fn issue(&self, by: &Authority, name: &str, stem: &str) -> (PathBuf, PathBuf) {
        let (cert, key) = by.issue(name);
        let (c, k) = (
            self.dir.path().join(format!("{stem}.pem")),
            self.dir.path().join(format!("{stem}.key")),
        );
        std::fs::write(&c, cert).unwrap();
        std::fs::write(&k, key).unwrap();
        (c, k)
    }
}

fn serve(desk: &mut DeskServer, (cert, key): (PathBuf, PathBuf)) {
    desk.serve_tls(&cert, &key);
    assert!(desk.url.starts_with("https://127.0.0.1:"), "{}", desk.url);
}

#[tokio::test]
async fn a_certificate_not_for_the_address_or_not_trusted_is_said_and_a_trusted_one_joins() {
    let certs = Certs::new();
    let mut desk = DeskServer::start();
    let code = desk.invite("Ann", "editor");
    let sandbox = Sandbox::new();
    let trusted = certs.trusted();
    let app = sandbox
        .launch_with_env(&[("SSL_CERT_FILE", trusted.to_str().unwrap())])
        .await;
    open_desk_page(&app).await;

    // Signed by an authority this computer does not know.
    let stranger = Authority::new("Someone else's CA");
    serve(&mut desk, certs.issue(&stranger, "127.0.0.1", "stranger"));
    try_join(&app, &desk.url, &code).await;
    let said = app.wait_text("#desk-error", "is not trusted").await;
    assert!(
        said.contains("signed by an authority this computer does not trust")
            && said.contains("ask your desk's admin")
            && !said.contains("  "),
        "{said}"
    );
    not_linked(&app, &sandbox).await;

    // Trusted, but for another name than the address typed.
    serve(
        &mut desk,
        certs.issue(&certs.ca, "desk.example.org", "other-name"),
    );
    try_join(&app, &desk.url, &code).await;
    let said = app
        .wait_text("#desk-error", "certificate is not for 127.0.0.1")
        .await;
    assert!(said.contains("check the address"), "{said}");
    not_linked(&app, &sandbox).await;

    // Trusted and for this address: the same code joins (the refusals never reached
    // the server).
    serve(&mut desk, certs.issue(&certs.ca, "127.0.0.1", "right"));
    try_join(&app, &desk.url, &code).await;
    app.wait_text("#desk-member", "Ann").await;
    app.wait_text("#desk-status-button", "Synced").await;
    app.close().await;
}
