use crate::support::{empty, fails, migrated, ok, server, sql};

#[test]
fn migrating_twice_makes_the_schema_once_and_records_its_version() {
    let db = empty();
    assert_eq!(ok(&server(&db, &["migrate"])), "schema version 4 (was 0)");
    assert_eq!(
        ok(&server(&db, &["migrate"])),
        "schema version 4: up to date"
    );
    assert_eq!(
        sql(&db, "SELECT version, name FROM schema_migration"),
        "1|desk\n2|sync\n3|setting\n4|lock"
    );
    let tables = sql(
        &db,
        "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables
         WHERE table_schema = 'public'",
    );
    assert_eq!(
        tables,
        "change,conflict,desk,entity,invite,join_attempt,lock,member,pushed,schema_migration"
    );
}

#[test]
fn the_url_can_come_from_the_environment() {
    let db = empty();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_greenroom-server"))
        .arg("migrate")
        .env("GREENROOM_DATABASE_URL", &db.url)
        .output()
        .unwrap();
    assert_eq!(ok(&out), "schema version 4 (was 0)");
}

#[test]
fn a_database_of_a_newer_schema_is_refused_untouched_by_every_command() {
    let db = migrated();
    sql(
        &db,
        "INSERT INTO schema_migration (version, name) VALUES (5, 'from_the_future')",
    );
    let err = fails(&server(&db, &["migrate"]), 1);
    assert!(err.contains("schema version 5, newer than"), "{err}");
    assert!(err.contains("upgrade greenroom-server"), "{err}");
    let err = fails(&server(&db, &["desk", "create", "Inside Story"]), 1);
    assert!(err.contains("newer"), "{err}");
    assert_eq!(sql(&db, "SELECT count(*) FROM desk"), "0");
    assert_eq!(sql(&db, "SELECT max(version) FROM schema_migration"), "5");
}

#[test]
fn a_database_never_migrated_is_refused_with_what_to_run() {
    let db = empty();
    let err = fails(&server(&db, &["desk", "create", "Inside Story"]), 1);
    assert!(err.contains("run `greenroom-server migrate`"), "{err}");
}

#[test]
fn a_database_that_cannot_be_reached_or_a_bad_url_is_one_line() {
    let db = empty();
    let mut gone = db.clone();
    gone.url = db
        .url
        .replace(&format!("/{}", db.name), "/no_such_database");
    let err = fails(&server(&gone, &["migrate"]), 1);
    assert!(err.contains("cannot connect to the database"), "{err}");
    assert!(err.contains("no_such_database"), "{err}");
    gone.url = "postgresql://[broken".into();
    fails(&server(&gone, &["migrate"]), 2);
}
