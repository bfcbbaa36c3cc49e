use serde_json::json;

use crate::api::{create, Member, Served};
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

/// Every row of the tables a v2 database has, as text, table by table.
fn rows(db: &greenroom_testkit::postgres::Database) -> Vec<String> {
    [
        "desk",
        "member",
        "invite",
        "join_attempt",
        "change",
        "entity",
        "pushed",
        "conflict",
    ]
    .iter()
    .map(|t| sql(db, &format!("SELECT {t}::text FROM {t} ORDER BY {t}::text")))
    .collect()
}

#[test]
fn a_v2_database_migrates_to_v3_keeping_everything_and_serves_it() {
    let db = empty();
    sql(&db, include_str!("../fixtures/schema-v2.sql"));
    let before = rows(&db);
    assert!(before.iter().all(|r| !r.is_empty()), "every table has rows");
    assert_eq!(ok(&server(&db, &["migrate"])), "schema version 3 (was 2)");
    assert_eq!(rows(&db), before, "no row changed");
    assert_eq!(
        sql(
            &db,
            "SELECT version, name FROM schema_migration ORDER BY version"
        ),
        "1|desk\n2|sync\n3|setting"
    );

    // Served as v3: Ann's token still works; the log, the merge and the open
    // conflict are as v2 left them; the sequence goes on after them; and a desk
    // setting (new in v3) is taken.
    let served = Served::start(&db, &[]);
    let ann = Member {
        token: "ANN".into(),
        id: "01900000-0000-7000-8000-0000000000a1".into(),
        desk: "01900000-0000-7000-8000-000000000001".into(),
    };
    let pulled = served.pull_all(&ann, 0);
    let seqs: Vec<i64> = pulled.iter().map(|c| c["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5, 6]);
    assert_eq!(pulled[4]["mergedInto"], "p-sam", "{}", pulled[4]);
    assert_eq!(served.state_of(&ann, "x-water")["title"], "Water wars");
    let open = served.conflicts(&ann);
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!(open[0]["mine"], "Who owns the river?");
    let set = served.push_one(
        &ann,
        create("setting", "warn.recent-days", json!({"value": "30"})),
    );
    assert_eq!(set["outcome"], "applied", "{set}");
    assert_eq!(set["seq"], 7, "{set}");
    let (status, _) = served.get("/v1/pull?after=0", Some("CY"));
    assert_eq!(status, 401, "a member revoked at v2 stays revoked");
}

#[test]
fn a_database_newer_than_this_binary_is_refused_untouched_by_migrate_and_serve() {
    let db = empty();
    sql(&db, include_str!("../fixtures/schema-v2.sql"));
    // A later binary's v4 on a schema this one would still have work to do on.
    sql(
        &db,
        "INSERT INTO schema_migration (version, name) VALUES (4, 'from_the_future')",
    );
    let before = rows(&db);
    let kinds_of = "SELECT pg_get_constraintdef(oid) FROM pg_constraint
                    WHERE conname = 'entity_kind_check'";
    let kinds = sql(&db, kinds_of);
    let err = fails(&server(&db, &["migrate"]), 1);
    assert!(err.contains("schema version 4, newer than"), "{err}");
    let err = fails(&server(&db, &["serve", "--listen", "127.0.0.1:0"]), 1);
    assert!(err.contains("upgrade greenroom-server"), "{err}");
    assert_eq!(rows(&db), before);
    assert_eq!(sql(&db, kinds_of), kinds, "migration 3 was not applied");
    assert!(!kinds.contains("setting"), "{kinds}");
}
