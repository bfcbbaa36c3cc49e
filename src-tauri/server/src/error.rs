//! The server's one error type. Each variant has the stable `code` of the house's
//! error shape ([`ApiError`]) and the exit code its command ends with.

use greenroom_protocol::ApiError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{field}: {message}")]
    Validation {
        field: &'static str,
        message: String,
    },

    #[error("no {what} {id:?}")]
    NotFound { what: &'static str, id: String },

    #[error(
        "the database is at schema version {found}, newer than this greenroom-server knows \
         (up to {supported}); it was left untouched — upgrade greenroom-server"
    )]
    SchemaTooNew { found: i32, supported: i32 },

    #[error(
        "the database is at schema version {found}; this greenroom-server needs {needed}: \
         run `greenroom-server migrate` first"
    )]
    SchemaTooOld { found: i32, needed: i32 },

    #[error("cannot connect to the database: {0}")]
    Connect(String),

    #[error("database error: {0}")]
    Database(String),

    /// The database went away while serving (stopped, restarted, unreachable): a
    /// client may try again shortly.
    #[error("the database cannot be reached: {0}")]
    Unavailable(String),

    /// The operating system's random source failed: no secret can be made.
    #[error("no random numbers from the system: {0}")]
    Random(String),

    /// No token, or one that is unknown or revoked; an invite code that is not usable.
    #[error("{0}")]
    Unauthorized(String),

    /// A member whose role does not allow what they asked.
    #[error("{0}")]
    Forbidden(String),

    /// What was asked contradicts the desk's state (a conflict already resolved).
    #[error("{0}")]
    Conflict(String),

    #[error("{0}")]
    TooLarge(String),

    /// Another member locked for air what was asked to change; the message names them.
    #[error("{0}")]
    Locked(String),

    /// An invite code that cannot be redeemed; `code` says why: `invite_unknown`,
    /// `invite_used`, `invite_expired`.
    #[error("{message}")]
    Invite { code: &'static str, message: String },

    #[error("{0}")]
    RateLimited(String),

    /// Serving failed (a port, a certificate): said at start, not to a client.
    #[error("{0}")]
    Serve(String),
}

impl Error {
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Error::Validation {
            field,
            message: message.into(),
        }
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::SchemaTooOld { .. } => "schema_too_old",
            Error::Connect(_) => "cannot_connect",
            Error::Database(_) => "database",
            Error::Unavailable(_) => "unavailable",
            Error::Random(_) => "random",
            Error::Unauthorized(_) => "unauthorized",
            Error::Forbidden(_) => "forbidden",
            Error::Conflict(_) => "conflict",
            Error::TooLarge(_) => "too_large",
            Error::Locked(_) => "locked",
            Error::Invite { code, .. } => code,
            Error::RateLimited(_) => "rate_limited",
            Error::Serve(_) => "serve",
        }
    }

    /// What a command exits with: 2 for what the caller got wrong, 4 for what is not
    /// there, 1 for the rest.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Validation { .. } => 2,
            Error::NotFound { .. } => 4,
            _ => 1,
        }
    }

    pub(crate) fn connect(e: tokio_postgres::Error) -> Self {
        match untrusted(&e) {
            true => Error::Connect(format!(
                "{}; if the database's certificate is signed by a CA of its own, give that \
                 CA's certificate with --database-ca FILE",
                words(&e)
            )),
            false => Error::Connect(words(&e)),
        }
    }
}

impl From<tokio_postgres::Error> for Error {
    fn from(e: tokio_postgres::Error) -> Self {
        match lost(&e) {
            true => Error::Unavailable(words(&e)),
            false => Error::Database(words(&e)),
        }
    }
}

/// Whether `e` says the database went away rather than refused the statement: the
/// connection closed or broke, PostgreSQL shutting down or not yet accepting
/// connections (SQLSTATE 57P01-57P03), or any connection exception (class 08).
fn lost(e: &tokio_postgres::Error) -> bool {
    use tokio_postgres::error::SqlState;
    if e.is_closed() {
        return true;
    }
    if let Some(code) = e.code() {
        return code.code().starts_with("08")
            || [
                SqlState::ADMIN_SHUTDOWN,
                SqlState::CRASH_SHUTDOWN,
                SqlState::CANNOT_CONNECT_NOW,
            ]
            .contains(code);
    }
    std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>())
}

impl From<&Error> for ApiError {
    fn from(e: &Error) -> Self {
        ApiError::new(e.code(), e.to_string())
    }
}

/// Whether TLS to the database failed on its certificate (rustls's own error, which
/// an `io::Error` carries without giving it as a source).
fn untrusted(e: &tokio_postgres::Error) -> bool {
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let inner = cause
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
            .and_then(|inner| inner.downcast_ref::<rustls::Error>());
        if let Some(rustls::Error::InvalidCertificate(_)) = inner {
            return true;
        }
        source = cause.source();
    }
    false
}

/// PostgreSQL's own message (and detail) where it sent one, on one line.
fn words(e: &tokio_postgres::Error) -> String {
    let text = match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_string(),
        },
        // The kind ("error connecting to server") and then why (its sources).
        None => {
            let mut text = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(cause) = source {
                let said = cause.to_string();
                if !text.contains(&said) {
                    text = format!("{text}: {said}");
                }
                source = cause.source();
            }
            text
        }
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crosses_as_code_and_message_with_its_exit_code() {
        let e = Error::NotFound {
            what: "member",
            id: "Sam".into(),
        };
        let api = ApiError::from(&e);
        assert_eq!(api.code, "not_found");
        assert_eq!(api.message, "no member \"Sam\"");
        assert_eq!(e.exit_code(), 4);
        assert_eq!(Error::validation("name", "is empty").exit_code(), 2);
        let newer = Error::SchemaTooNew {
            found: 9,
            supported: 1,
        };
        assert_eq!((newer.code(), newer.exit_code()), ("schema_too_new", 1));
    }
}
