//! The PostgreSQL database that holds all of a desk server's state: connecting, the
//! pool a serving instance shares, the schema (`migrate`), and the tables of a desk's
//! archive: its entities now (`entity`), its log (`change`), its `conflict`s.

pub mod change;
pub mod conflict;
pub mod entity;
pub mod migrate;
pub mod sql;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
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

/// Where the database is (`--database-url`) and, when its certificate is signed by
/// a CA of its own rather than a public one, that CA (`--database-ca`).
#[derive(Clone, Debug)]
pub struct Target {
    pub url: String,
    pub ca: Option<PathBuf>,
}

/// How connections to `target` speak TLS: as its URL's `sslmode` says (`disable` or
/// not said: never; `prefer`: when the server offers it; `require`: always),
/// checking the server's certificate and name against the CA given, or else the
/// Mozilla roots.
pub fn tls(target: &Target) -> Result<MakeRustlsConnect> {
    config(&target.url)?;
    let roots = match &target.ca {
        None => rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        },
        Some(file) => ca_roots(file)?,
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

/// The certificates of the PEM file `file`, as the only CAs trusted (as libpq's
/// `sslrootcert`): a private CA's database needs no public one.
fn ca_roots(file: &Path) -> Result<rustls::RootCertStore> {
    let refused =
        |why: String| Error::validation("--database-ca", format!("{}: {why}", file.display()));
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(file).map_err(|e| refused(pem_words(e)))? {
        let cert = cert.map_err(|e| refused(pem_words(e)))?;
        roots
            .add(cert)
            .map_err(|e| refused(format!("not a CA certificate: {e}")))?;
    }
    if roots.is_empty() {
        return Err(refused("holds no PEM certificate".into()));
    }
    Ok(roots)
}

fn pem_words(e: rustls::pki_types::pem::Error) -> String {
    match e {
        rustls::pki_types::pem::Error::Io(e) => e.to_string(),
        e => format!("not PEM: {e}"),
    }
}

/// A connection to the database at `target`, without looking at its schema: what
/// `migrate` starts from.
pub async fn connect(target: &Target) -> Result<Client> {
    let (client, connection) = config(&target.url)?
        .connect(tls(target)?)
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
pub async fn open(target: &Target) -> Result<Client> {
    let client = connect(target).await?;
    migrate::require_current(&client).await?;
    Ok(client)
}

/// The connections a serving instance shares between its requests, made after the
/// schema was checked, so no request meets another one.
pub async fn pool(target: &Target, size: usize) -> Result<Pool> {
    drop(open(target).await?);
    let manager = Manager::from_config(
        config(&target.url)?,
        tls(target)?,
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
