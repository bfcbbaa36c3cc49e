//! The PostgreSQL database that holds all of a desk server's state: connecting, and
//! the schema (`migrate`).

pub mod migrate;

use std::time::Duration;

use tokio_postgres::{Client, Config, NoTls};

use crate::error::{Error, Result};

/// A connection to the database at `url` (a `postgresql://` URL or `key=value`
/// pairs), without looking at its schema: what `migrate` starts from.
pub async fn connect(url: &str) -> Result<Client> {
    let mut config: Config = url.parse().map_err(|e| {
        Error::validation(
            "--database-url",
            format!("is not a PostgreSQL connection string: {e}"),
        )
    })?;
    config
        .application_name("greenroom-server")
        .connect_timeout(Duration::from_secs(10));
    let (client, connection) = config.connect(NoTls).await.map_err(Error::connect)?;
    // The connection does the I/O; it ends when the client is dropped.
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            eprintln!("greenroom-server: the database connection failed: {e}");
        }
    });
    Ok(client)
}

/// A connection to a database whose schema is the one this binary writes.
pub async fn open(url: &str) -> Result<Client> {
    let client = connect(url).await?;
    migrate::require_current(&client).await?;
    Ok(client)
}
