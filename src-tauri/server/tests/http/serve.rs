use std::sync::Arc;

use serde_json::json;

use crate::api::{code, Served};
use crate::support::{fails, migrated, server, sql, unreachable, with_desk};

#[test]
fn plain_http_off_loopback_is_refused_before_touching_the_database() {
    // No database answers: a refusal that came after connecting would be that failure.
    let db = unreachable();
    let err = fails(&server(&db, &["serve", "--listen", "127.0.0.1:0"]), 1);
    assert!(err.contains("cannot connect to the database"), "{err}");
    let err = fails(&server(&db, &["serve", "--listen", "0.0.0.0:0"]), 2);
    assert!(
        err.contains("--tls-cert") && err.contains("--allow-insecure-http"),
        "{err}"
    );
    let err = fails(
        &server(
            &db,
            &["serve", "--listen", "0.0.0.0:0", "--tls-cert", "c.pem"],
        ),
        2,
    );
    assert!(err.contains("--tls-key"), "{err}");
}

#[test]
fn an_old_schema_is_refused_at_start_not_at_the_first_request() {
    let db = crate::support::empty();
    let err = fails(&server(&db, &["serve", "--listen", "127.0.0.1:0"]), 1);
    assert!(err.contains("greenroom-server migrate"), "{err}");
}

#[test]
fn serves_https_with_the_certificate_it_is_given() {
    let (db, desk) = with_desk();
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    let root = ureq::tls::Certificate::from_der(made.cert.der()).to_owned();
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::Specific(Arc::new(vec![root])))
        .build();
    let served = Served::start_with(
        &db,
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ],
        ureq::Agent::config_builder().tls_config(tls),
    );
    assert!(
        served.url.starts_with("https://127.0.0.1:"),
        "{}",
        served.url
    );
    let code_ = crate::support::invite(&db, &desk, "Sam", "editor");
    let sam = served.join(&code_);
    let (status, body) = served.get("/v1/desk", Some(&sam.token));
    assert_eq!(
        (status, body["desk"]["name"].clone()),
        (200, json!("Inside Story"))
    );

    // Plain HTTP to the TLS port gets no answer it could mistake for the API's.
    let plain = served.url.replace("https://", "http://");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let said = agent.get(format!("{plain}/v1/desk")).call();
    assert!(said.map(|r| r.status().as_u16() >= 400).unwrap_or(true));
}

#[test]
fn a_bad_certificate_file_is_one_line_naming_it() {
    // Read before connecting: no database needs to answer to say so.
    let db = unreachable();
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("cert.pem");
    std::fs::write(&cert, "not a certificate").unwrap();
    let err = fails(
        &server(
            &db,
            &[
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--tls-cert",
                cert.to_str().unwrap(),
                "--tls-key",
                cert.to_str().unwrap(),
            ],
        ),
        2,
    );
    assert!(err.contains("cert.pem"), "{err}");
}

#[test]
fn unknown_calls_and_bad_bodies_are_json_errors_and_write_nothing() {
    let (db, desk) = with_desk();
    let served = Served::start(&db, &[]);
    let (status, body) = served.get("/v1/nothing", None);
    assert_eq!((status, code(&body)), (404, "not_found"));

    for (bytes, kind) in [
        (&b"{\"code\": "[..], "application/json"),
        (&b"[1, 2]"[..], "application/json"),
        (&b"{}"[..], "application/json"),
        (&b"{\"code\": \"x\"}"[..], "text/plain"),
    ] {
        let (status, body) = served.post_raw("/v1/join", None, bytes, kind);
        assert_eq!((status, code(&body)), (400, "invalid"), "{body}");
    }
    // An invite code is short: a join body past 1 KiB is not read.
    let huge = format!("{{\"code\": \"{}\"}}", "A".repeat(2048));
    let (status, body) = served.post_raw("/v1/join", None, huge.as_bytes(), "application/json");
    assert_eq!((status, code(&body)), (413, "too_large"));
    assert_eq!(sql(&db, "SELECT count(*) FROM member"), "0");
    let _ = desk;
}

#[test]
fn sigterm_stops_it_cleanly() {
    let db = migrated();
    let served = Served::start(&db, &[]);
    let (status, _) = served.get("/v1/desk", None);
    assert_eq!(status, 401);
    let exit = served.stop();
    assert!(exit.success(), "{exit:?}");
}
