//! Typed ids: a `PersonId` can never be passed where a `ProgrammeId` is expected.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::Error;

macro_rules! typed_id {
    ($name:ident, $what:literal) => {
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered (v7) id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// A fixed id for tests and fixtures.
            pub fn from_u128(n: u128) -> Self {
                Self(Uuid::from_u128(n))
            }

            pub fn as_uuid(&self) -> &Uuid {
                &self.0
            }

            pub fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                // An id is 36 characters; anything far longer is refused without
                // being echoed back (it may be megabytes sent over IPC).
                if s.len() > 100 {
                    return Err(Error::validation(
                        "id",
                        format!("is not a {} id ({} bytes long)", $what, s.len()),
                    ));
                }
                Uuid::parse_str(s.trim())
                    .map(Self)
                    .map_err(|_| Error::validation("id", format!("{:?} is not a {} id", s, $what)))
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.0.to_string().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                v: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                Uuid::parse_str(s)
                    .map(Self)
                    .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }
    };
}

typed_id!(ProgrammeId, "programme");
typed_id!(PersonId, "person");
typed_id!(AppearanceId, "appearance");
typed_id!(SegmentId, "segment");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_v7_and_ordered() {
        let a = ProgrammeId::new();
        let b = ProgrammeId::new();
        assert_eq!(a.as_uuid().get_version_num(), 7);
        assert!(a < b);
    }

    #[test]
    fn parse_rejects_garbage_with_a_clear_error() {
        let e = "not-an-id".parse::<PersonId>().unwrap_err();
        assert_eq!(e.code(), "validation");
        assert!(e.to_string().contains("person id"));
        let id = PersonId::from_u128(7);
        assert_eq!(id.to_string().parse::<PersonId>().unwrap(), id);
        let e = "x".repeat(1 << 20).parse::<ProgrammeId>().unwrap_err();
        assert_eq!(e.code(), "validation");
        assert!(
            e.to_string().len() < 100,
            "echoed: {} bytes",
            e.to_string().len()
        );
    }
}
