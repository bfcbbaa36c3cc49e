//! Versioned SQL migrations (`../migrations/NNNN_name.sql`). Each runs in its own
//! transaction with the row of `schema_migration` that records it, so a failure
//! leaves the schema at a known version. Every transaction first takes one advisory
//! lock: instances started together migrate one after the other, and the second
//! finds the work done. A database of a newer schema is refused untouched.

use tokio_postgres::{Client, GenericClient};

use crate::error::{Error, Result};

/// The schema, in order; migration N (1-based) moves the version from N-1 to N.
const MIGRATIONS: &[(&str, &str)] = &[
    ("desk", include_str!("../../migrations/0001_desk.sql")),
    ("sync", include_str!("../../migrations/0002_sync.sql")),
    ("setting", include_str!("../../migrations/0003_setting.sql")),
    ("lock", include_str!("../../migrations/0004_lock.sql")),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// The advisory lock migrations hold ("GrRm", as the core's application id).
const LOCK: i64 = 0x4772_526d;

/// The schema version before and after [`migrate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Migrated {
    pub from: i32,
    pub to: i32,
}

/// Brings the schema to [`SCHEMA_VERSION`]; running it again changes nothing.
pub async fn migrate(client: &mut Client) -> Result<Migrated> {
    let mut from = None;
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate() {
        let target = i as i32 + 1;
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK])
            .await?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migration (
                 version    integer PRIMARY KEY,
                 name       text NOT NULL,
                 applied_at timestamptz NOT NULL DEFAULT now()
             )",
        )
        .await?;
        let found = refuse_newer(&tx).await?;
        from.get_or_insert(found);
        if found < target {
            tx.batch_execute(sql).await?;
            tx.execute(
                "INSERT INTO schema_migration (version, name) VALUES ($1, $2)",
                &[&target, name],
            )
            .await?;
        }
        tx.commit().await?;
    }
    Ok(Migrated {
        from: from.unwrap_or(SCHEMA_VERSION),
        to: SCHEMA_VERSION,
    })
}

/// Refuses a schema other than [`SCHEMA_VERSION`]: a newer one is another binary's,
/// an older one needs `migrate`.
pub async fn require_current(client: &impl GenericClient) -> Result<()> {
    let found = refuse_newer(client).await?;
    if found < SCHEMA_VERSION {
        return Err(Error::SchemaTooOld {
            found,
            needed: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// The schema version recorded (0 for a database never migrated), unless it is newer
/// than this binary's.
async fn refuse_newer(client: &impl GenericClient) -> Result<i32> {
    // Two queries: a query naming a table that does not exist fails even unevaluated.
    let exists: bool = client
        .query_one("SELECT to_regclass('schema_migration') IS NOT NULL", &[])
        .await?
        .get(0);
    let found: i32 = match exists {
        false => 0,
        true => client
            .query_one(
                "SELECT coalesce(max(version), 0) FROM schema_migration",
                &[],
            )
            .await?
            .get(0),
    };
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(found)
}
