use sha2::{Digest, Sha256};

use greenroom_testkit::postgres::Cluster;

use crate::support::{fails, ok, server, sql, with_desk};

#[test]
fn an_invite_prints_a_code_that_is_stored_only_as_its_hash() {
    let (db, desk) = with_desk();
    let out = server(
        &db,
        &["invite", &desk, "--name", "Sam Booker", "--role", "editor"],
    );
    let code = ok(&out);
    assert_eq!(code.len(), 39, "eight groups of four: {code}");
    let err = crate::support::stderr(&out);
    assert!(
        err.contains("Sam Booker") && err.contains("works once"),
        "{err}"
    );

    let symbols = code.replace('-', "");
    let hash: String = Sha256::digest(symbols.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        sql(
            &db,
            "SELECT encode(code_hash, 'hex'), desk_id, name, role, used_at IS NULL,
                    round(extract(epoch FROM expires_at - created_at) / 86400)
             FROM invite"
        ),
        format!("{hash}|{desk}|Sam Booker|editor|t|7")
    );
    let everything = Cluster::shared().dump(&db.name);
    assert!(everything.contains(&hash), "the dump holds the hash");
    let lower = symbols.to_lowercase();
    for form in [&code[..], &symbols, &lower, &code[..14]] {
        assert!(!everything.contains(form), "{form} is in the database");
    }
}

#[test]
fn each_invite_has_its_own_code_and_role_and_expiry() {
    let (db, desk) = with_desk();
    let a = ok(&server(
        &db,
        &["invite", &desk, "--name", "Ana", "--role", "viewer"],
    ));
    let b = ok(&server(
        &db,
        &[
            "invite",
            &desk,
            "--name",
            "Ben",
            "--role",
            "admin",
            "--expires-days",
            "1",
        ],
    ));
    assert_ne!(a, b);
    assert_eq!(
        sql(
            &db,
            "SELECT name, role, round(extract(epoch FROM expires_at - created_at) / 86400)
             FROM invite ORDER BY name"
        ),
        "Ana|viewer|7\nBen|admin|1"
    );
}

#[test]
fn a_role_that_does_not_exist_is_refused_naming_the_roles() {
    let (db, desk) = with_desk();
    let err = fails(
        &server(&db, &["invite", &desk, "--name", "Sam", "--role", "owner"]),
        2,
    );
    assert!(err.contains("admin, editor or viewer"), "{err}");
    assert_eq!(sql(&db, "SELECT count(*) FROM invite"), "0");
}

#[test]
fn a_missing_name_a_bad_expiry_or_a_bad_desk_id_is_usage() {
    let (db, desk) = with_desk();
    let err = fails(&server(&db, &["invite", &desk, "--role", "editor"]), 2);
    assert!(err.contains("--name"), "{err}");
    for days in ["0", "91", "-1", "soon"] {
        let args = [
            "invite",
            &desk,
            "--name",
            "Sam",
            "--role",
            "editor",
            "--expires-days",
            days,
        ];
        fails(&server(&db, &args), 2);
    }
    fails(
        &server(
            &db,
            &[
                "invite",
                "inside-story",
                "--name",
                "Sam",
                "--role",
                "editor",
            ],
        ),
        2,
    );
    assert_eq!(sql(&db, "SELECT count(*) FROM invite"), "0");
}

#[test]
fn inviting_to_a_desk_that_does_not_exist_is_not_found() {
    let (db, _) = with_desk();
    let nobody = uuid::Uuid::now_v7().to_string();
    let err = fails(
        &server(
            &db,
            &["invite", &nobody, "--name", "Sam", "--role", "editor"],
        ),
        4,
    );
    assert!(err.contains(&nobody), "{err}");
    assert_eq!(sql(&db, "SELECT count(*) FROM invite"), "0");
}
