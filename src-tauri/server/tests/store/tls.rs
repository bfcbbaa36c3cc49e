use greenroom_testkit::postgres::{Cluster, Database};
use greenroom_testkit::tls::Authority;

use crate::api::Served;
use crate::support::{empty, fails, ok, server};

fn with_url(db: &Database, url: String) -> Database {
    Database {
        url,
        name: db.name.clone(),
    }
}

#[test]
fn tls_to_the_database_is_what_the_url_asks_for() {
    let db = empty();
    // Asked for, TLS is required: this loopback server has none, and says so.
    let require = with_url(&db, format!("{}?sslmode=require", db.url));
    let err = fails(&server(&require, &["migrate"]), 1);
    assert!(
        err.contains("TLS") || err.contains("SSL") || err.contains("tls"),
        "{err}"
    );
    // Preferred, it is tried and the clear connection taken when none is offered;
    // not said, or disabled, it is never tried.
    for mode in ["?sslmode=prefer", "?sslmode=disable", ""] {
        let url = with_url(&db, format!("{}{mode}", db.url));
        ok(&server(&url, &["migrate"]));
    }
}

/// A CA, and a certificate for 127.0.0.1 it signed with its key: the CA's PEM, the
/// certificate's and the key's.
fn signed_by_a_ca() -> (String, String, String) {
    let ca = Authority::new("Greenroom test CA");
    let (cert, key) = ca.issue("127.0.0.1");
    (ca.pem(), cert, key)
}

#[test]
fn tls_to_a_database_with_a_ca_of_its_own_works_with_that_ca_and_only_with_it() {
    let (ca, cert, key) = signed_by_a_ca();
    // A cluster of its own: turning TLS on restarts it.
    let cluster = Cluster::start();
    cluster.enable_tls(&cert, &key);
    let db = cluster.database();
    let require = with_url(&db, format!("{}?sslmode=require", db.url));
    let dir = tempfile::tempdir().unwrap();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, ca).unwrap();
    let ca_file = ca_file.to_str().unwrap();

    // The Mozilla roots do not know this CA: refused, saying what to give.
    let err = fails(&server(&require, &["migrate"]), 1);
    assert!(
        err.contains("certificate") && err.contains("--database-ca FILE"),
        "{err}"
    );
    // Another CA is no better.
    let other = dir.path().join("other.pem");
    std::fs::write(&other, signed_by_a_ca().0).unwrap();
    let err = fails(
        &server(
            &require,
            &["migrate", "--database-ca", other.to_str().unwrap()],
        ),
        1,
    );
    assert!(err.contains("certificate"), "{err}");
    // A file that is not one is refused before connecting, naming it.
    let err = fails(
        &server(&require, &["migrate", "--database-ca", "/nonexistent.pem"]),
        2,
    );
    assert!(
        err.contains("--database-ca") && err.contains("/nonexistent.pem"),
        "{err}"
    );

    ok(&server(&require, &["migrate", "--database-ca", ca_file]));
    // The environment's form, as GREENROOM_DATABASE_URL's.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_greenroom-server"))
        .args([
            "desk",
            "create",
            "Inside Story",
            "--database-url",
            &require.url,
        ])
        .env("GREENROOM_DATABASE_CA", ca_file)
        .output()
        .unwrap();
    let desk = ok(&out);

    // Serving over it: a member joins, and PostgreSQL saw only TLS connections from
    // the server.
    let served = Served::start(&require, &["--database-ca", ca_file]);
    let code = ok(&server(
        &require,
        &[
            "invite",
            &desk,
            "--name",
            "Ann",
            "--role",
            "editor",
            "--database-ca",
            ca_file,
        ],
    ));
    served.join(&code);
    let seen = cluster.psql(
        &db.name,
        "SELECT count(*) FILTER (WHERE s.ssl) || '|' || count(*) FILTER (WHERE NOT s.ssl)
         FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
         WHERE a.application_name = 'greenroom-server'",
    );
    let (tls, clear) = seen.split_once('|').unwrap();
    assert!(tls.parse::<i64>().unwrap() >= 1, "{seen}");
    assert_eq!(clear, "0", "{seen}");
}
