//! The desk's HTTP client: JSON over ureq (blocking, rustls), with timeouts and a
//! limit on what it reads. A refusal comes back as the server's `ApiError`, turned
//! into [`Error::Desk`] with the server's message; a server that cannot be reached is
//! `offline`, said with the address tried.

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

/// The server's refusal words this build knows, as stable codes; others are `server`.
const CODES: [&str; 8] = [
    "invalid",
    "unauthorized",
    "forbidden",
    "not_found",
    "conflict",
    "too_large",
    "rate_limited",
    "internal",
];

pub(crate) struct Client {
    agent: ureq::Agent,
    /// `https://desk.example.org`, without a trailing slash or `/v1`.
    base: String,
    token: Option<String>,
}

impl Client {
    pub(crate) fn new(server: &str, token: Option<String>) -> Result<Client> {
        let base = server_url(server)?;
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(CALL_TIMEOUT))
            .http_status_as_error(false)
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

    fn answer<T: DeserializeOwned>(
        &self,
        response: std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<T> {
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
        serde_json::from_str(&text).map_err(|e| Error::Desk {
            code: "server",
            message: format!(
                "the desk's server at {} sent an answer this Greenroom cannot read: {e}",
                self.base
            ),
        })
    }

    fn unreachable(&self, e: ureq::Error) -> Error {
        Error::Desk {
            code: "offline",
            message: format!("cannot reach the desk's server at {}: {e}", self.base),
        }
    }
}

/// The server's base URL as given (`https://host:port`, a trailing `/` or `/v1`
/// allowed), or why it is not one.
pub(crate) fn server_url(server: &str) -> Result<String> {
    let s = server.trim().trim_end_matches('/');
    let s = s.strip_suffix("/v1").unwrap_or(s);
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(s.to_string()),
        _ => Err(Error::validation(
            "server",
            format!("{server:?} is not a server address (https://host:port)"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_address_is_its_base_url() {
        assert_eq!(
            server_url(" https://desk.example.org/v1/ ").unwrap(),
            "https://desk.example.org"
        );
        assert_eq!(
            server_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert!(server_url("desk.example.org").is_err());
        assert!(server_url("https://").is_err());
    }

    #[test]
    fn a_server_nobody_answers_at_is_offline_naming_it() {
        // Port 9 (discard) on loopback: nothing listens there on a test machine.
        let c = Client::new("http://127.0.0.1:9", None).unwrap();
        let e = c.get::<serde_json::Value>("/desk").unwrap_err();
        assert_eq!(e.code(), "offline");
        assert!(e.to_string().contains("127.0.0.1:9"), "{e}");
    }
}
