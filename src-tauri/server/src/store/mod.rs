//! The PostgreSQL database that holds all of a desk server's state: connecting, the
//! pool a serving instance shares, the schema (`migrate`), and the tables of a desk's
//! archive: its entities now (`entity`), its log (`change`), its `conflict`s.

pub mod change;
pub mod conflict;
pub mod entity;
pub mod migrate;
pub mod sql;

use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::{Client, Config};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::error::{Error, Result};

/// How long to wait for the database, or for a free connection of the pool.
const WAIT: Duration = Duration::from_secs(10);

/// The connection settings `url` (a `postgresql://` URL or `key=value` pairs) gives.
pub fn config(url: &str) -> Result<Config> {
    let mut config: Config = url.parse().map_err(|e| {
        Error::validation(
            "--database-url",
            format!("is not a PostgreSQL connection string: {e}"),
        )
    })?;
    config
        .application_name("greenroom-server")
        .connect_timeout(WAIT);
    // Said nowhere, PostgreSQL's `prefer` would try TLS with any server offering it,
    // and a self-signed certificate (a distribution's default) would then refuse the
    // connection that worked in the clear before: TLS is what the URL asks for.
    if !url.contains("sslmode") {
        config.ssl_mode(tokio_postgres::config::SslMode::Disable);
    }
    Ok(config)
}

/// How connections to `url` speak TLS: as its `sslmode` says (`disable` or not said:
/// never; `prefer`: when the server offers it; `require`: always), checking the
/// server's certificate against the Mozilla roots.
pub fn tls(url: &str) -> Result<MakeRustlsConnect> {
    config(url)?;
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    // ring, as the API's own TLS (axum-server's): deprecated in rustls only for lacking
    // post-quantum key exchange, which aws-lc-rs (a C build) would bring.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Serve(format!("TLS to the database: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// A connection to the database at `url`, without looking at its schema: what
/// `migrate` starts from.
pub async fn connect(url: &str) -> Result<Client> {
    let (client, connection) = config(url)?
        .connect(tls(url)?)
        .await
        .map_err(Error::connect)?;
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

/// The connections a serving instance shares between its requests, made after the
/// schema was checked, so no request meets another one.
pub async fn pool(url: &str, size: usize) -> Result<Pool> {
    drop(open(url).await?);
    let manager = Manager::from_config(
        config(url)?,
        tls(url)?,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(manager)
        .max_size(size)
        .wait_timeout(Some(WAIT))
        .create_timeout(Some(WAIT))
        .runtime(Runtime::Tokio1)
        .build()
        .map_err(|e| Error::Serve(format!("cannot make the connection pool: {e}")))
}

/// One connection of `pool`.
pub async fn client(pool: &Pool) -> Result<deadpool_postgres::Object> {
    pool.get().await.map_err(|e| match e {
        deadpool_postgres::PoolError::Backend(e) => Error::connect(e),
        other => Error::Connect(other.to_string()),
    })
}
