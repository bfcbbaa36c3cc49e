//! The desk's HTTP client: JSON over ureq (blocking, rustls), with timeouts and a
//! limit on what it reads. A refusal comes back as the server's `ApiError`, turned
//! into [`Error::Desk`] with the server's message; a server that cannot be reached is
//! `offline`, said with the address tried, and one that cannot reach its database is
//! `unavailable`, said as what happens to the member's changes.

use std::time::Duration;

use greenroom_protocol::{wire, ApiError};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, Result};

/// Most bytes read from one answer: a pull page of the largest changes, with room.
const MAX_ANSWER: u64 = 4 * wire::MAX_BODY_BYTES as u64;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A whole call, answer read: a full pull page on a slow line fits.
const CALL_TIMEOUT: Duration = Duration::from_secs(120);
/// The events stream's longest silence: three of the server's 15 s keep-alives.
const EVENTS_SILENCE: Duration = Duration::from_secs(45);

/// The server's refusal words this build knows, as stable codes; others are `server`.
const CODES: [&str; 13] = [
    "invalid",
    "unauthorized",
    "forbidden",
    "not_found",
    "conflict",
    "too_large",
    "rate_limited",
    "internal",
    "unavailable",
    "locked",
    "invite_unknown",
    "invite_used",
    "invite_expired",
];

/// What the desk's events stream said: a head, that its locks changed, or something
/// else (a keep-alive, an event this build does not know).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Heard {
    Head(i64),
    Locks,
    Other,
}

pub(crate) struct Client {
    agent: ureq::Agent,
    /// `https://desk.example.org`, without a trailing slash or `/v1`.
    base: String,
    token: Option<String>,
}

impl Client {
    /// A client of the server at `server`; plain http only as [`server_url`] allows.
    pub(crate) fn new(server: &str, insecure: bool, token: Option<String>) -> Result<Client> {
        let base = server_url(server, insecure)?;
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(CALL_TIMEOUT))
            .http_status_as_error(false)
            .tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(ureq::tls::RootCerts::PlatformVerifier)
                    .build(),
            )
            .build()
            .into();
        Ok(Client { agent, base, token })
    }

    pub(crate) fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        let mut request = self.agent.get(format!("{}/v1{path}", self.base));
        if let Some(t) = &self.token {
            request = request.header("Authorization", format!("Bearer {t}"));
        }
        self.answer(request.call())
    }

    pub(crate) fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T> {
        let mut request = self.agent.post(format!("{}/v1{path}", self.base));
        if let Some(t) = &self.token {
            request = request.header("Authorization", format!("Bearer {t}"));
        }
        let body =
            serde_json::to_vec(body).map_err(|e| Error::validation("push", e.to_string()))?;
        self.answer(
            request
                .header("Content-Type", "application/json")
                .send(&body[..]),
        )
    }

    /// `DELETE /v1/PATH`: done when the server says so (204).
    pub(crate) fn delete(&self, path: &str) -> Result<()> {
        let mut request = self.agent.delete(format!("{}/v1{path}", self.base));
        if let Some(t) = &self.token {
            request = request.header("Authorization", format!("Bearer {t}"));
        }
        self.text(request.call()).map(drop)
    }

    /// `GET /v1/events`: each line of the stream goes to `on` (what it said, see
    /// [`Heard`]), which says whether to go on listening, until the stream ends. The
    /// server sends a comment every 15 s, so a line silent for [`EVENTS_SILENCE`] is
    /// taken as gone.
    pub(crate) fn heads(&self, on: &mut dyn FnMut(Heard) -> bool) -> Result<()> {
        use std::io::BufRead;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_per_read(Some(EVENTS_SILENCE))
            .http_status_as_error(false)
            .tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(ureq::tls::RootCerts::PlatformVerifier)
                    .build(),
            )
            .build()
            .into();
        let mut request = agent
            .get(format!("{}/v1/events", self.base))
            .header("Accept", "text/event-stream");
        if let Some(t) = &self.token {
            request = request.header("Authorization", format!("Bearer {t}"));
        }
        let response = request.call().map_err(|e| self.unreachable(e))?;
        if !response.status().is_success() {
            return self.answer::<serde_json::Value>(Ok(response)).map(|_| ());
        }
        let reader = response
            .into_body()
            .into_with_config()
            .limit(u64::MAX)
            .reader();
        let mut event = String::new();
        for line in std::io::BufReader::new(reader).lines() {
            let line = line.map_err(|e| Error::Desk {
                code: "offline",
                message: format!("the desk's server at {} stopped talking: {e}", self.base),
            })?;
            if let Some(name) = line.strip_prefix("event:") {
                event = name.trim().to_string();
                continue;
            }
            let heard = match line.strip_prefix("data:") {
                Some(_) if event == wire::EVENT_LOCKS => Heard::Locks,
                Some(data) if event.is_empty() || event == wire::EVENT_HEAD => {
                    serde_json::from_str::<serde_json::Value>(data.trim())
                        .ok()
                        .and_then(|v| v.get("head").and_then(serde_json::Value::as_i64))
                        .map_or(Heard::Other, Heard::Head)
                }
                _ => Heard::Other,
            };
            if line.is_empty() {
                event.clear();
            }
            if !on(heard) {
                return Ok(());
            }
        }
        Ok(())
    }

    fn answer<T: DeserializeOwned>(
        &self,
        response: std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<T> {
        let text = self.text(response)?;
        serde_json::from_str(&text).map_err(|e| Error::Desk {
            code: "server",
            message: format!(
                "the desk's server at {} sent an answer this Greenroom cannot read: {e}",
                self.base
            ),
        })
    }

    /// The body of a successful answer; a refusal as the server's code and words.
    fn text(
        &self,
        response: std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<String> {
        let mut response = response.map_err(|e| self.unreachable(e))?;
        let status = response.status();
        let text = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_string()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(limit) => Error::Desk {
                    code: "too_large",
                    message: format!(
                        "the desk's server at {} sent more than {} MB in one answer",
                        self.base,
                        limit / 1_000_000
                    ),
                },
                e => self.unreachable(e),
            })?;
        if !status.is_success() {
            return Err(match serde_json::from_str::<ApiError>(&text) {
                // Its database away is not the producer's to fix: nothing is lost.
                Ok(api) if api.code == "unavailable" => Error::Desk {
                    code: "unavailable",
                    message: format!(
                        "the desk's server at {} cannot reach its database just now; your \
                         changes are kept here and will be sent at the next sync",
                        self.base
                    ),
                },
                Ok(api) => Error::Desk {
                    code: CODES
                        .into_iter()
                        .find(|c| *c == api.code)
                        .unwrap_or("server"),
                    message: format!("the desk's server says: {}", api.message),
                },
                Err(_) => Error::Desk {
                    code: "server",
                    message: format!(
                        "the desk's server at {} answered {status} without saying why",
                        self.base
                    ),
                },
            });
        }
        Ok(text)
    }

    /// `POST /v1/join`: what went wrong said so a producer knows what to do — no
    /// server there, a certificate not for this address or not trusted, something
    /// other than a Greenroom desk server, the invite code's own words.
    pub(crate) fn join(&self, join: &wire::Join) -> Result<wire::Joined> {
        let body =
            serde_json::to_vec(join).map_err(|e| Error::validation("code", e.to_string()))?;
        let sent = self
            .agent
            .post(format!("{}/v1/join", self.base))
            .header("Content-Type", "application/json")
            .send(&body[..])
            .map_err(|e| self.join_failed(e))?;
        let not_server = || Error::Desk {
            code: "desk_not_server",
            message: format!("{} is not a Greenroom desk server", self.base),
        };
        if sent.status().as_u16() == 404 {
            return Err(not_server());
        }
        match self.answer(Ok(sent)) {
            Err(Error::Desk { code: "server", .. }) => Err(not_server()),
            answered => answered,
        }
    }

    fn join_failed(&self, e: ureq::Error) -> Error {
        let host = self
            .base
            .split_once("://")
            .map_or(self.base.as_str(), |(_, h)| h);
        let tls = match &e {
            ureq::Error::Rustls(t) => Some(t),
            ureq::Error::Io(io) => io.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()),
            _ => None,
        };
        let (code, message) = match tls {
            Some(rustls::Error::InvalidCertificate(
                rustls::CertificateError::NotValidForName
                | rustls::CertificateError::NotValidForNameContext { .. },
            )) => (
                "desk_certificate",
                format!("the server's certificate is not for {host}: check the address"),
            ),
            Some(rustls::Error::InvalidCertificate(why)) => (
                "desk_certificate",
                format!(
                    "the server's certificate at {host} is not trusted ({}); ask your \
                     desk's admin",
                    untrusted(why)
                ),
            ),
            // The verifier's own failure: no store to check against at all.
            Some(rustls::Error::General(why)) => (
                "desk_certificate",
                format!(
                    "this computer has no certificate authorities to check {host} against \
                     ({why}): install the ca-certificates package"
                ),
            ),
            Some(_) => (
                "desk_not_server",
                format!(
                    "{} does not answer in https (TLS): if its admin says it is plain \
                     http, use http://{host}",
                    self.base
                ),
            ),
            None => (
                "desk_unreachable",
                format!("no Greenroom server answers at {} ({e})", self.base),
            ),
        };
        Error::Desk { code, message }
    }

    fn unreachable(&self, e: ureq::Error) -> Error {
        Error::Desk {
            code: "offline",
            message: format!("cannot reach the desk's server at {}: {e}", self.base),
        }
    }
}

/// The server's base URL as given (`https://host:port`, a trailing `/` or `/v1`
/// allowed), or why it is not one. Plain `http://` carries the member's token in
/// clear: only to this machine (loopback), unless `insecure` (a TLS-terminating proxy
/// on a trusted network, said at join).
pub(crate) fn server_url(server: &str, insecure: bool) -> Result<String> {
    let s = server.trim().trim_end_matches('/');
    let s = s.strip_suffix("/v1").unwrap_or(s);
    let (rest, plain) = match (s.strip_prefix("https://"), s.strip_prefix("http://")) {
        (Some(rest), _) => (Some(rest), false),
        (None, rest) => (rest, true),
    };
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => {
            if plain && !insecure && !loopback(host) {
                return Err(Error::validation(
                    "server",
                    format!(
                        "{s} is plain http: the desk's token would cross the network \
                         unencrypted; use https://, or, behind a TLS-terminating proxy on a \
                         network you trust, join with --allow-insecure-http"
                    ),
                ));
            }
            Ok(s.to_string())
        }
        _ => Err(Error::validation(
            "server",
            format!("{server:?} is not a server address (https://host:port)"),
        )),
    }
}

/// Whether `authority` (`host[:port][/path]`) names this machine.
fn loopback(authority: &str) -> bool {
    let authority = authority.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Why a certificate is not trusted, in a producer's words where rustls has a common
/// reason; its own name for the rest.
fn untrusted(why: &rustls::CertificateError) -> String {
    use rustls::CertificateError as C;
    match why {
        C::UnknownIssuer => "signed by an authority this computer does not trust".into(),
        C::Expired | C::ExpiredContext { .. } => "it has expired".into(),
        C::NotValidYet | C::NotValidYetContext { .. } => "it is not valid yet".into(),
        C::Revoked => "it was revoked".into(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_address_is_its_base_url() {
        assert_eq!(
            server_url(" https://desk.example.org/v1/ ", false).unwrap(),
            "https://desk.example.org"
        );
        assert!(server_url("desk.example.org", false).is_err());
        assert!(server_url("https://", false).is_err());
    }

    #[test]
    fn plain_http_is_for_loopback_unless_allowed() {
        for here in [
            "http://127.0.0.1:8080",
            "http://localhost:8080/v1",
            "http://[::1]:8080",
            "http://127.0.0.2",
        ] {
            assert!(server_url(here, false).is_ok(), "{here}");
        }
        for away in [
            "http://desk.example.org",
            "http://10.0.0.5:8080",
            "http://127.0.0.1.example.org",
            "http://localhost.example.org:80",
            "http://[::2]:80",
        ] {
            let e = server_url(away, false).unwrap_err();
            assert!(
                e.to_string().contains("--allow-insecure-http"),
                "{away}: {e}"
            );
            assert!(server_url(away, true).is_ok(), "{away}");
        }
    }

    #[test]
    fn a_join_says_whether_anything_answers_and_whether_it_is_a_desk_server() {
        let join = wire::Join { code: "x".into() };
        let c = Client::new("http://127.0.0.1:9", false, None).unwrap();
        let e = c.join(&join).unwrap_err();
        assert_eq!(e.code(), "desk_unreachable");
        assert!(
            e.to_string()
                .starts_with("no Greenroom server answers at http://127.0.0.1:9"),
            "{e}"
        );
        let elsewhere = crate::desk::fake::serve(|_, _| (404, "<html>no</html>".into()));
        let e = Client::new(&elsewhere, false, None)
            .unwrap()
            .join(&join)
            .unwrap_err();
        assert_eq!(e.code(), "desk_not_server");
        assert_eq!(
            e.to_string(),
            format!("{elsewhere} is not a Greenroom desk server")
        );
        let used = crate::desk::fake::serve(|_, _| {
            (
                401,
                r#"{"code":"invite_used","message":"already used"}"#.into(),
            )
        });
        let e = Client::new(&used, false, None)
            .unwrap()
            .join(&join)
            .unwrap_err();
        assert_eq!(e.code(), "invite_used");
    }

    #[test]
    fn a_server_nobody_answers_at_is_offline_naming_it() {
        // Port 9 (discard) on loopback: nothing listens there on a test machine.
        let c = Client::new("http://127.0.0.1:9", false, None).unwrap();
        let e = c.get::<serde_json::Value>("/desk").unwrap_err();
        assert_eq!(e.code(), "offline");
        assert!(e.to_string().contains("127.0.0.1:9"), "{e}");
    }
}
