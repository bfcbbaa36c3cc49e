//! The one error type of the core. Every variant has a stable `code` that the CLI
//! prints and the UI branches on; the message is written for a producer, not a developer.

use std::path::PathBuf;

use serde::ser::SerializeStruct;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{field}: {message}")]
    Validation { field: String, message: String },

    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: String },

    #[error("several {what}s match; use an id:\n  {}", candidates.join("\n  "))]
    Ambiguous {
        what: &'static str,
        candidates: Vec<String>,
    },

    /// A new person would be added whose name nearly matches someone in the directory:
    /// the producer says whether it is the same person first.
    #[error(
        "{name:?} is not in the directory, but nearly matches:\n  {}\nsame person? Name \
         them as the directory does (or by id), or confirm {name:?} is someone new",
        candidates.join("\n  ")
    )]
    NearMatch {
        name: String,
        candidates: Vec<String>,
    },

    #[error(
        "this {what} was changed elsewhere since you opened it (you edited revision {expected}, \
         it is now at revision {actual}); reload it and apply your change again"
    )]
    Conflict {
        what: &'static str,
        expected: i64,
        actual: i64,
    },

    #[error(
        "the database {path} was written by a newer Greenroom (schema version {found}; this \
         binary knows up to {supported}); it was left untouched — upgrade Greenroom to open it"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("{path} is not a Greenroom database ({reason}); the file was left untouched")]
    NotADatabase { path: PathBuf, reason: String },

    #[error("cannot open the database at {path}: {reason}")]
    CannotOpen { path: PathBuf, reason: String },

    #[error("the database {path} is damaged ({reason}); the file was left untouched")]
    Corrupt { path: PathBuf, reason: String },

    #[error("no backup was written to {path}: {reason}")]
    Backup { path: PathBuf, reason: String },

    #[error("the disk is full; nothing was saved")]
    DiskFull,

    #[error("the database is busy in another Greenroom window or process; try again")]
    Busy,

    #[error("could not write the export: {message}")]
    Export { message: String },

    #[error("{path} could not be opened with the system's default program ({reason})")]
    OpenFailed { path: PathBuf, reason: String },

    #[error("storage error: {0}")]
    Storage(rusqlite::Error),
}

impl Error {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Stable machine-readable code; part of the CLI and IPC contract.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation { .. } => "validation",
            Error::NotFound { .. } => "not_found",
            Error::Conflict { .. } => "conflict",
            Error::Ambiguous { .. } | Error::NearMatch { .. } => "ambiguous",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotADatabase { .. } => "not_a_database",
            Error::CannotOpen { .. } => "cannot_open",
            Error::Corrupt { .. } => "corrupt",
            Error::Backup { .. } => "backup",
            Error::DiskFull => "disk_full",
            Error::Busy => "busy",
            Error::Export { .. } => "export",
            Error::OpenFailed { .. } => "open_failed",
            Error::Storage(_) => "storage",
        }
    }

    /// The field a validation error is about, so a form can point at it.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Validation { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Busy,
            _ => Error::Storage(e),
        }
    }
}

/// Errors cross IPC (and `--json` CLI output) as `{code, message, field?}`.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let field = self.field();
        let mut st = s.serialize_struct("Error", if field.is_some() { 3 } else { 2 })?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        if let Some(field) = field {
            st.serialize_field("field", field)?;
        }
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let e = Error::Conflict {
            what: "programme",
            expected: 3,
            actual: 4,
        };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "conflict");
        assert!(v["message"].as_str().unwrap().contains("revision 3"));
        assert!(v.get("field").is_none());
    }

    #[test]
    fn validation_carries_its_field() {
        let v = serde_json::to_value(Error::validation("title", "is required")).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"code": "validation", "message": "title: is required", "field": "title"})
        );
    }

    #[test]
    fn disk_full_from_sqlite_is_recognised() {
        let e = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        assert_eq!(Error::from(e).code(), "disk_full");
    }
}
