//! Every refusal as the house's `ApiError {code, message}` with its HTTP status. What
//! went wrong inside (the database, a bug) is logged here and answered as `internal`,
//! whose message says nothing a client should not see.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use greenroom_protocol::ApiError;
use serde::de::DeserializeOwned;

use crate::error::Error;

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
            Error::SchemaTooNew { .. }
            | Error::SchemaTooOld { .. }
            | Error::Connect(_)
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
            _ => ApiError::from(&self),
        };
        (status, Json(body)).into_response()
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

    #[test]
    fn an_internal_error_says_nothing_of_what_went_wrong_inside() {
        let leak = Error::Database("password authentication failed for user \"desk\"".into());
        let response = leak.into_response();
        assert_eq!(response.status().as_u16(), 500);
        let body = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(axum::body::to_bytes(response.into_body(), 1 << 16))
            .unwrap();
        let body: ApiError = serde_json::from_slice(&body).unwrap();
        assert_eq!(body.code, "internal");
        assert!(!body.message.contains("password") && !body.message.contains("desk"));
    }
}
