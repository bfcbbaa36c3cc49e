//! Running `greenroom-server` on a test's own database.

use std::process::{Command, Output};

use greenroom_testkit::postgres::{Cluster, Database};

/// A fresh database, not migrated.
pub fn empty() -> Database {
    Cluster::shared().database()
}

/// A database URL nothing answers at (a loopback port no server listens on): what
/// must be refused before the server connects is refused with it too.
pub fn unreachable() -> Database {
    Database {
        name: "nowhere".into(),
        url: "postgresql://postgres@127.0.0.1:1/nowhere".into(),
    }
}

/// A fresh database at the current schema.
pub fn migrated() -> Database {
    let db = empty();
    ok(&server(&db, &["migrate"]));
    db
}

/// A migrated database with one desk; returns the desk's id.
pub fn with_desk() -> (Database, String) {
    let db = migrated();
    let id = ok(&server(&db, &["desk", "create", "Inside Story"]));
    (db, id)
}

/// `greenroom-server ARGS --database-url <db>`, run to its end.
pub fn server(db: &Database, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_greenroom-server"))
        .args(args)
        .args(["--database-url", &db.url])
        .env_remove("GREENROOM_DATABASE_URL")
        .output()
        .expect("greenroom-server runs")
}

/// What a successful run printed on standard output, trimmed.
pub fn ok(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", stderr(out));
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .trim()
        .to_string()
}

/// A run that failed with `code`: what it said on standard error, which is one line.
pub fn fails(out: &Output, code: i32) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "stderr: {err}");
    assert!(out.stdout.is_empty(), "nothing on stdout when it fails");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `sql`'s rows in `db`, one a line, fields separated by `|`.
pub fn sql(db: &Database, sql: &str) -> String {
    Cluster::shared().psql(&db.name, sql)
}

/// `greenroom-server invite DESK --name NAME --role ROLE`: the code it printed.
pub fn invite(db: &Database, desk: &str, name: &str, role: &str) -> String {
    ok(&server(
        db,
        &["invite", desk, "--name", name, "--role", role],
    ))
}

/// Every row of every table a call could write, as one digest a table: a change to
/// any row (not only to how many there are) shows.
pub fn everything(db: &Database) -> String {
    let digests: Vec<String> = ["change", "entity", "conflict", "pushed", "member", "invite"]
        .iter()
        .map(|table| {
            format!(
                "(SELECT '{table} ' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '-') \
                 FROM {table} t)"
            )
        })
        .collect();
    sql(db, &format!("SELECT {}", digests.join(" || ' ' || ")))
}
