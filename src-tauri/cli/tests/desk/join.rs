//! `desk join` that cannot join says why, in words that say what to do: a code used
//! or expired, an address where no server answers, a plain-http server spoken to in
//! https, something that is not a desk server.

use greenroom_testkit::postgres::Cluster;

use super::{Desk, Member};

#[test]
fn a_used_or_expired_code_says_so_and_whom_to_ask() {
    let desk = Desk::start();
    let code = desk.invite("Ann", "editor");
    Member::new().run(&["desk", "join", &desk.url, &code]).ok();
    let late = Member::new();
    let used = late
        .run(&["desk", "join", &desk.url, &code])
        .fails(1, "already used");
    assert!(
        used.stderr.contains("ask your desk's admin"),
        "{}",
        used.stderr
    );
    let expired = desk.invite("Cy", "editor");
    Cluster::shared().psql(
        &desk.db.name,
        "UPDATE invite SET expires_at = now() - interval '1 second' WHERE name = 'Cy'",
    );
    late.run(&["desk", "join", &desk.url, &expired])
        .fails(1, "has expired: ask your desk's admin");
    assert!(late.json(&["desk", "status", "--json"]).is_null());
}

#[test]
fn a_wrong_address_or_https_to_a_plain_http_server_says_what_is_wrong() {
    let desk = Desk::start();
    let code = desk.invite("Ann", "editor");
    let ann = Member::new();
    // A port nothing listens on.
    let nobody = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = nobody.local_addr().unwrap().port();
    drop(nobody);
    let url = format!("http://127.0.0.1:{port}");
    ann.run(&["desk", "join", &url, &code])
        .fails(1, &format!("no Greenroom server answers at {url}"));
    // The desk's server is plain http: spoken to in https, it cannot answer.
    let https = desk.url.replace("http://", "https://");
    ann.run(&["desk", "join", &https, &code])
        .fails(1, "does not answer in https (TLS)");
    assert!(ann.json(&["desk", "status", "--json"]).is_null());
    // The code was never spent.
    ann.run(&["desk", "join", &desk.url, &code]).ok();
}
