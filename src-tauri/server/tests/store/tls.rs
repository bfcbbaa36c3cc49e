use crate::support::{empty, fails, ok, server};
use greenroom_testkit::postgres::Database;

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
