//! Every refusal as the house's `ApiError {code, message}` with its HTTP status. What
//! went wrong inside (the database, a bug) is logged here and answered as `internal`,
//! whose message says nothing a client should not see; a database that cannot be
//! reached is `unavailable` (503), which a client tries again.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use greenroom_protocol::ApiError;
use serde::de::DeserializeOwned;

use crate::error::Error;

/// What a 503 tells a client to wait: about as long as PostgreSQL takes to restart.
const RETRY_AFTER_SECONDS: &str = "5";

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::Validation { .. } => StatusCode::BAD_REQUEST,
            Error::Unauthorized(_) | Error::Invite { .. } => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::NotFound { .. } => StatusCode::NOT_FOUND,
            Error::Conflict(_) | Error::Locked(_) => StatusCode::CONFLICT,
            Error::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            // Only the pool connects while serving: a refused connection, a full pool
            // that stays full, a database that went away mid-call.
            Error::Connect(_) | Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Error::SchemaTooNew { .. }
            | Error::SchemaTooOld { .. }
            | Error::Database(_)
            | Error::Random(_)
            | Error::Serve(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match status {
            StatusCode::INTERNAL_SERVER_ERROR => {
                eprintln!("greenroom-server: {self}");
                ApiError::new("internal", "the server could not do this; its log says why")
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                eprintln!("greenroom-server: {self}");
                ApiError::new(
                    "unavailable",
                    "the desk's database cannot be reached just now; try again shortly",
                )
            }
            _ => ApiError::from(&self),
        };
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static(RETRY_AFTER_SECONDS),
            );
        }
        response
    }
}

/// A JSON body, refused as `invalid` (400) or `too_large` (413) in the house's shape
/// rather than axum's plain text.
pub struct Body<T>(pub T);

impl<S, T> FromRequest<S> for Body<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Error> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Body(value)),
            Err(e) => Err(body_refused(e)),
        }
    }
}

fn body_refused(e: JsonRejection) -> Error {
    match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => {
            Error::TooLarge("the body is larger than this call takes".into())
        }
        _ => Error::validation("body", e.body_text()),
    }
}

/// A query string, refused as `invalid` in the house's shape.
pub struct Query<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Error> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Query(q.0))
            .map_err(|e: QueryRejection| Error::validation("query", e.body_text()))
    }
}

/// What answers a path no route has.
pub async fn no_route(uri: axum::http::Uri) -> Error {
    Error::NotFound {
        what: "call",
        id: uri.path().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_has_the_status_of_its_code() {
        let cases = [
            (Error::validation("body", "bad"), 400, "invalid"),
            (Error::Unauthorized("no".into()), 401, "unauthorized"),
            (Error::Forbidden("no".into()), 403, "forbidden"),
            (
                Error::NotFound {
                    what: "conflict",
                    id: "x".into(),
                },
                404,
                "not_found",
            ),
            (Error::Conflict("no".into()), 409, "conflict"),
            (Error::Locked("no".into()), 409, "locked"),
            (
                Error::Invite {
                    code: "invite_used",
                    message: "no".into(),
                },
                401,
                "invite_used",
            ),
            (Error::TooLarge("no".into()), 413, "too_large"),
            (Error::RateLimited("no".into()), 429, "rate_limited"),
        ];
        for (e, status, code) in cases {
            assert_eq!(e.status().as_u16(), status, "{e}");
            assert_eq!(ApiError::from(&e).code, code);
        }
        assert_eq!(Error::Database("secret".into()).status().as_u16(), 500);
    }

    /// What a client receives for `e`: the status, its Retry-After, the body.
    fn received(e: Error) -> (u16, Option<String>, ApiError) {
        let response = e.into_response();
        let status = response.status().as_u16();
        let retry = response
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap().to_string());
        let body = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(axum::body::to_bytes(response.into_body(), 1 << 16))
            .unwrap();
        (status, retry, serde_json::from_slice(&body).unwrap())
    }

    #[test]
    fn a_database_gone_away_is_unavailable_and_says_nothing_of_where_it_is() {
        let lost = Error::Connect("error connecting to server: db.internal:5432".into());
        let (status, retry, body) = received(lost);
        assert_eq!((status, retry.as_deref()), (503, Some(RETRY_AFTER_SECONDS)));
        assert_eq!(body.code, "unavailable");
        assert!(body.message.contains("try again"), "{}", body.message);
        assert!(!body.message.contains("db.internal"));
    }

    #[test]
    fn an_internal_error_says_nothing_of_what_went_wrong_inside() {
        let leak = Error::Database("password authentication failed for user \"desk\"".into());
        let (status, retry, body) = received(leak);
        assert_eq!((status, retry), (500, None));
        assert_eq!(body.code, "internal");
        assert!(!body.message.contains("password") && !body.message.contains("desk"));
    }
}
