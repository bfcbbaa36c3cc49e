//! Serving the API: on loopback over plain HTTP, anywhere else over TLS (rustls),
//! unless the admin says a proxy in front does TLS (`--allow-insecure-http`). Ends
//! on SIGTERM or Ctrl-C, letting the requests under way finish.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum_server::tls_rustls::RustlsConfig;
use axum_server::Handle;

use crate::error::{Error, Result};
use crate::events::{Event, Hub};
use crate::http::{router, AppState};

/// How long requests under way may take to finish after a stop was asked.
const GRACE: Duration = Duration::from_secs(10);
/// How long a new connection may take to send its first request: an idle one is not
/// left holding a socket.
const FIRST_REQUEST: Duration = Duration::from_secs(30);

#[derive(Clone, Debug)]
pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Where and how to listen.
#[derive(Clone, Debug)]
pub struct Listen {
    pub addr: SocketAddr,
    pub tls: Option<Tls>,
    pub allow_insecure_http: bool,
}

impl Listen {
    /// Refuses plain HTTP where others could read the tokens on the wire.
    pub fn check(&self) -> Result<()> {
        if self.tls.is_none() && !self.addr.ip().is_loopback() && !self.allow_insecure_http {
            return Err(Error::validation(
                "--listen",
                format!(
                    "{} is not a loopback address, and plain HTTP would carry the members' \
                     tokens in the clear: give --tls-cert and --tls-key, or \
                     --allow-insecure-http when a proxy in front of this server does TLS",
                    self.addr
                ),
            ));
        }
        Ok(())
    }

    /// Checks the address and reads the certificate: everything that can refuse to
    /// serve does so here, before the server connects to anything or starts anything.
    pub async fn prepare(self) -> Result<Ready> {
        self.check()?;
        let tls = match &self.tls {
            None => None,
            Some(tls) => Some(
                RustlsConfig::from_pem_file(&tls.cert, &tls.key)
                    .await
                    .map_err(|e| {
                        Error::validation(
                            "--tls-cert",
                            format!(
                                "cannot use {} and {} as a PEM certificate chain and key: {e}",
                                tls.cert.display(),
                                tls.key.display()
                            ),
                        )
                    })?,
            ),
        };
        Ok(Ready {
            addr: self.addr,
            tls,
        })
    }
}

/// A checked address, with its TLS configuration read ([`Listen::prepare`]).
pub struct Ready {
    addr: SocketAddr,
    tls: Option<RustlsConfig>,
}

/// Serves until a stop signal. Prints `listening on URL` on standard output once the
/// socket is bound (with the port the system chose for port 0).
pub async fn serve(listen: Ready, state: AppState) -> Result<()> {
    let hub = state.events.clone();
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let handle = Handle::new();
    tokio::spawn(stop_on_signal(handle.clone(), hub));
    let announce = tokio::spawn(announce(handle.clone(), listen.tls.is_some()));
    let served = match listen.tls {
        Some(config) => {
            axum_server::bind_rustls(listen.addr, config)
                .handle(handle)
                .first_request_timeout(FIRST_REQUEST)
                .serve(app)
                .await
        }
        None => {
            axum_server::bind(listen.addr)
                .handle(handle)
                .serve(app)
                .await
        }
    };
    announce.abort();
    served.map_err(|e| Error::Serve(format!("cannot serve on {}: {e}", listen.addr)))
}

async fn announce(handle: Handle<SocketAddr>, tls: bool) {
    if let Some(addr) = handle.listening().await {
        let scheme = if tls { "https" } else { "http" };
        let mut out = std::io::stdout();
        let _ = writeln!(out, "listening on {scheme}://{addr}");
        let _ = out.flush();
    }
}

async fn stop_on_signal(handle: Handle<SocketAddr>, hub: Hub) {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(term) => term,
        Err(e) => {
            eprintln!("greenroom-server: cannot watch for SIGTERM: {e}");
            let _ = ctrl_c.await;
            handle.graceful_shutdown(Some(GRACE));
            return;
        }
    };
    tokio::select! {
        _ = ctrl_c => {}
        _ = term.recv() => {}
    }
    eprintln!("greenroom-server: stopping");
    // Live streams never end by themselves; ended now, they do not hold the stop up.
    hub.send(Event::Closing);
    handle.graceful_shutdown(Some(GRACE));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listen(addr: &str, tls: bool, insecure: bool) -> Listen {
        Listen {
            addr: addr.parse().unwrap(),
            tls: tls.then(|| Tls {
                cert: "c.pem".into(),
                key: "k.pem".into(),
            }),
            allow_insecure_http: insecure,
        }
    }

    #[test]
    fn plain_http_is_for_loopback_unless_the_admin_says_otherwise() {
        for ok in ["127.0.0.1:8443", "[::1]:8443", "127.0.0.2:0"] {
            listen(ok, false, false).check().unwrap();
        }
        for open in ["0.0.0.0:8443", "[::]:8443", "192.168.1.10:80"] {
            let e = listen(open, false, false).check().unwrap_err();
            assert!(e.to_string().contains("--allow-insecure-http"), "{e}");
            listen(open, true, false).check().unwrap();
            listen(open, false, true).check().unwrap();
        }
    }
}
