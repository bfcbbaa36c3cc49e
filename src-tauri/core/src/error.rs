//! The one error type of the core. Every variant has a stable `code` that the CLI
//! prints and the UI branches on; the message is written for a producer, not a developer.

use std::path::PathBuf;

use serde::ser::SerializeStruct;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{field}: {message}")]
    Validation { field: String, message: String },

    /// A local time the clocks pass twice (when they go back): both readings, each
    /// with its offset, so the user can pick one.
    #[error(
        "{field}: {local} happens twice in {zone} (the clocks go back); give the offset to \
         say which: {} or {}", readings[0], readings[1]
    )]
    AmbiguousTime {
        field: String,
        local: String,
        zone: String,
        readings: [String; 2],
    },

    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: String },

    /// A name (not an id) that matches no one.
    #[error("no {what} named {name:?}")]
    NoneNamed { what: &'static str, name: String },

    /// A file (or standard input or output) that could not be read or written.
    #[error("cannot {action} {path}: {reason}")]
    File {
        action: &'static str,
        path: String,
        reason: String,
    },

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

    #[error("the disk is full{}; nothing was saved", on(path))]
    DiskFull { path: Option<PathBuf> },

    #[error(
        "the database {path} was deleted or replaced while Greenroom was using it; what was \
         written to it since it was opened is not in any file"
    )]
    Vanished { path: PathBuf },

    #[error("the database is busy in another Greenroom window or process; try again")]
    Busy,

    #[error("could not write the export: {message}")]
    Export { message: String },

    /// `reason` is the whole sentence, naming the file (the shell words it).
    #[error("{reason}")]
    OpenFailed { path: PathBuf, reason: String },

    /// Another member of the desk locked this programme for air (as last known here).
    #[error(
        "{by} locked this programme for air at {} UTC; it cannot be changed until {by} \
         unlocks it", since.format("%H:%M")
    )]
    Locked {
        by: String,
        since: chrono::DateTime<chrono::Utc>,
    },

    /// This database is a viewer's of a desk: it changes only by what the desk sends.
    #[error(
        "You are a viewer on this desk: Greenroom shows programmes and run-sheets, and \
         exports them, but does not change them"
    )]
    ReadOnly,

    /// The desk's server refused (its `code` and message, which is written for the
    /// producer), or could not be reached (`offline`), or there is no desk (`not_linked`).
    #[error("{message}")]
    Desk { code: &'static str, message: String },

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
            Error::AmbiguousTime { .. } => "ambiguous_time",
            Error::NotFound { .. } | Error::NoneNamed { .. } => "not_found",
            Error::File { .. } => "file",
            Error::Conflict { .. } => "conflict",
            Error::Ambiguous { .. } | Error::NearMatch { .. } => "ambiguous",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotADatabase { .. } => "not_a_database",
            Error::CannotOpen { .. } => "cannot_open",
            Error::Corrupt { .. } => "corrupt",
            Error::Backup { .. } => "backup",
            Error::DiskFull { .. } => "disk_full",
            Error::Vanished { .. } => "vanished",
            Error::Busy => "busy",
            Error::Export { .. } => "export",
            Error::OpenFailed { .. } => "open_failed",
            Error::Locked { .. } => "locked",
            Error::ReadOnly => "read_only",
            Error::Desk { code, .. } => code,
            Error::Storage(_) => "storage",
        }
    }

    /// This error as met on the database at `path`: a full disk names it.
    pub fn on_database(self, path: &std::path::Path) -> Self {
        match self {
            Error::DiskFull { path: None } => Error::DiskFull {
                path: Some(path.to_path_buf()),
            },
            e => e,
        }
    }

    /// `action` ("read", "write to") failed on `path`, in words a producer reads.
    pub fn file(action: &'static str, path: impl Into<String>, e: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        let reason = match e.kind() {
            ErrorKind::StorageFull => "the disk is full".to_string(),
            ErrorKind::PermissionDenied => "permission denied".to_string(),
            ErrorKind::NotFound => "there is no such file".to_string(),
            ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
            _ => e.to_string(),
        };
        Error::File {
            action,
            path: path.into(),
            reason,
        }
    }

    /// The field a validation error is about, so a form can point at it.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Validation { field, .. } | Error::AmbiguousTime { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull { path: None },
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Busy,
            _ => Error::Storage(e),
        }
    }
}

/// A stored word this build does not know: the archive was written by a newer Greenroom.
impl From<greenroom_protocol::UnknownWord> for Error {
    fn from(e: greenroom_protocol::UnknownWord) -> Self {
        Error::validation(e.what, e.to_string())
    }
}

/// " (writing PATH)" after "the disk is full", when the file is known.
fn on(path: &Option<PathBuf>) -> String {
    path.as_ref()
        .map(|p| format!(" (writing {})", p.display()))
        .unwrap_or_default()
}

/// Errors cross IPC (and `--json` CLI output) as `{code, message, field?}`; an
/// ambiguous time also carries its two `readings`.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let field = self.field();
        let readings = match self {
            Error::AmbiguousTime { readings, .. } => Some(readings),
            _ => None,
        };
        let len = 2 + usize::from(field.is_some()) + usize::from(readings.is_some());
        let mut st = s.serialize_struct("Error", len)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        if let Some(field) = field {
            st.serialize_field("field", field)?;
        }
        if let Some(readings) = readings {
            st.serialize_field("readings", readings)?;
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
    fn an_ambiguous_time_carries_both_readings() {
        let e = Error::AmbiguousTime {
            field: "air".into(),
            local: "2025-10-26 01:30".into(),
            zone: "Europe/London".into(),
            readings: [
                "2025-10-26T01:30+01:00".into(),
                "2025-10-26T01:30+00:00".into(),
            ],
        };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "ambiguous_time");
        assert_eq!(v["field"], "air");
        assert_eq!(
            v["readings"],
            serde_json::json!(["2025-10-26T01:30+01:00", "2025-10-26T01:30+00:00"])
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
