//! Queries on a pooled connection or its transaction, each statement prepared once per
//! connection and then run in one round trip: what a push does under its desk's lock
//! takes half the round trips of preparing every time.

use deadpool_postgres::GenericClient;
use tokio_postgres::types::ToSql;
use tokio_postgres::Row;

use crate::error::Result;

type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

pub async fn query(client: &impl GenericClient, sql: &str, params: Params<'_>) -> Result<Vec<Row>> {
    let statement = client.prepare_cached(sql).await?;
    Ok(client.query(&statement, params).await?)
}

pub async fn query_one(client: &impl GenericClient, sql: &str, params: Params<'_>) -> Result<Row> {
    let statement = client.prepare_cached(sql).await?;
    Ok(client.query_one(&statement, params).await?)
}

pub async fn query_opt(
    client: &impl GenericClient,
    sql: &str,
    params: Params<'_>,
) -> Result<Option<Row>> {
    let statement = client.prepare_cached(sql).await?;
    Ok(client.query_opt(&statement, params).await?)
}

pub async fn execute(client: &impl GenericClient, sql: &str, params: Params<'_>) -> Result<u64> {
    let statement = client.prepare_cached(sql).await?;
    Ok(client.execute(&statement, params).await?)
}
