//! A desk: the programme team that shares one archive. Every other row belongs to one.

use tokio_postgres::GenericClient;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::store::sql;
use crate::text;

pub const MAX_NAME: usize = 200;

/// Makes a desk named `name`; returns its id (UUID v7).
pub async fn create(client: &impl GenericClient, name: &str) -> Result<Uuid> {
    let name = text::line("name", name, MAX_NAME)?;
    let id = Uuid::now_v7();
    client
        .execute("INSERT INTO desk (id, name) VALUES ($1, $2)", &[&id, &name])
        .await?;
    Ok(id)
}

/// The name of desk `id`, which must exist.
pub async fn name(client: &impl GenericClient, id: Uuid) -> Result<String> {
    let row = client
        .query_opt("SELECT name FROM desk WHERE id = $1", &[&id])
        .await?;
    row.map(|r| r.get(0)).ok_or_else(|| Error::NotFound {
        what: "desk",
        id: id.to_string(),
    })
}

/// The desk's newest `seq`: what a client that pulled everything has seen (0 before
/// any change).
pub async fn head(client: &impl deadpool_postgres::GenericClient, id: Uuid) -> Result<i64> {
    let row = sql::query_one(
        client,
        "SELECT coalesce(max(seq), 0) FROM change WHERE desk_id = $1",
        &[&id],
    )
    .await?;
    Ok(row.get(0))
}

/// Locks desk `id` until the transaction ends: every write to a desk takes this first,
/// so its changes get their `seq` in the order they commit.
pub async fn lock(client: &impl deadpool_postgres::GenericClient, id: Uuid) -> Result<()> {
    sql::query_opt(
        client,
        "SELECT 1 FROM desk WHERE id = $1 FOR UPDATE",
        &[&id],
    )
    .await?
    .ok_or_else(|| Error::NotFound {
        what: "desk",
        id: id.to_string(),
    })?;
    Ok(())
}
