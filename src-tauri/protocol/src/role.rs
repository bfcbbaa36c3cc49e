//! What a member of a desk may do. Spelled the same on the command line, in the
//! server's database and on the wire.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Invites and revokes members, and edits.
    Admin,
    /// Reads and writes the desk's archive.
    Editor,
    /// Reads only, and never receives people's contact details.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Editor, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Viewer => "viewer",
        }
    }

    /// Whether this role may change the desk's archive.
    pub fn writes(self) -> bool {
        self != Role::Viewer
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A word that names no role; its message lists the ones that exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseRoleError(String);

impl fmt::Display for ParseRoleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a role: admin, editor or viewer", self.0)
    }
}

impl std::error::Error for ParseRoleError {}

impl FromStr for Role {
    type Err = ParseRoleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| ParseRoleError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_reads_back_from_its_word_and_its_json() {
        for role in Role::ALL {
            assert_eq!(role.to_string().parse::<Role>(), Ok(role));
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{role}\""));
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), role);
        }
    }

    #[test]
    fn an_unknown_or_differently_cased_word_is_refused_naming_the_roles() {
        for word in ["owner", "Admin", " editor", ""] {
            let e = word.parse::<Role>().unwrap_err();
            assert!(e.to_string().contains("admin, editor or viewer"), "{e}");
        }
        assert!(serde_json::from_str::<Role>("\"owner\"").is_err());
    }

    #[test]
    fn only_a_viewer_cannot_write() {
        assert!(Role::Admin.writes() && Role::Editor.writes());
        assert!(!Role::Viewer.writes());
    }
}
