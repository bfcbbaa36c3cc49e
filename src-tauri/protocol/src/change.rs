//! A change record on the wire: the same record the core writes in the transaction
//! that makes a change (`greenroom-core`'s `store/change.rs`, table `change`), in
//! JSON, and what a client adds when it pushes one.
//!
//! `at` is the recording machine's clock: shown, never compared. What orders changes
//! is the entity's revision, and across a desk the order the server assigns.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

/// What a change is to; the words are the core's `change.entity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Programme,
    Person,
    SeriesFormat,
    /// One of the desk's settings (a booking-warning threshold), by its key: state
    /// `{"value": text}`, gone when cleared.
    Setting,
}

impl Entity {
    pub const ALL: [Entity; 4] = [
        Entity::Programme,
        Entity::Person,
        Entity::SeriesFormat,
        Entity::Setting,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Programme => "programme",
            Entity::Person => "person",
            Entity::SeriesFormat => "series_format",
            Entity::Setting => "setting",
        }
    }

    /// Recorded fields that are no one's edit (the time of the save): kept to rebuild
    /// a revision exactly, left out of what a history shows, never a conflict.
    pub fn bookkeeping(self) -> &'static [&'static str] {
        match self {
            Entity::Programme | Entity::Person => &["createdAt", "updatedAt"],
            Entity::SeriesFormat => &["updatedAt"],
            Entity::Setting => &[],
        }
    }
}

impl FromStr for Entity {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, UnknownWord> {
        Entity::ALL
            .into_iter()
            .find(|e| e.as_str() == s)
            .ok_or_else(|| UnknownWord::new("entity", s))
    }
}

/// What made the change; the words are the core's `change.operation`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    Create,
    Update,
    Delete,
    /// An earlier revision made current again (or a deleted one brought back from
    /// the trash), as a new revision.
    Restore,
    /// Two records of a person made one: the kept person, the programmes that moved,
    /// and the dropped person (gone).
    Merge,
    Unmerge,
    /// Written by an import of listings or of an archive.
    Import,
}

impl Operation {
    pub const ALL: [Operation; 7] = [
        Operation::Create,
        Operation::Update,
        Operation::Delete,
        Operation::Restore,
        Operation::Merge,
        Operation::Unmerge,
        Operation::Import,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "create",
            Operation::Update => "update",
            Operation::Delete => "delete",
            Operation::Restore => "restore",
            Operation::Merge => "merge",
            Operation::Unmerge => "unmerge",
            Operation::Import => "import",
        }
    }
}

impl FromStr for Operation {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, UnknownWord> {
        Operation::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| UnknownWord::new("operation", s))
    }
}

/// A stored word this build does not know (written by a newer Greenroom).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownWord {
    pub what: &'static str,
    pub word: String,
}

impl UnknownWord {
    fn new(what: &'static str, word: &str) -> Self {
        UnknownWord {
            what,
            word: word.to_string(),
        }
    }
}

impl fmt::Display for UnknownWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not an {} this Greenroom reads",
            self.word, self.what
        )
    }
}

impl std::error::Error for UnknownWord {}

/// One field a change changed: its value before and after. `field` is a path as
/// [`crate::delta::diff`] names it (`title`, `segments[3].title`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub from: Value,
    pub to: Value,
}

/// The version of the recorded JSON (`changes`, states); a reader refuses a newer one.
pub const FORMAT: i64 = 1;

/// A change as a client pushes it: one change record of its archive, with the states
/// the server needs to merge it into a desk that moved on meanwhile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushedChange {
    /// The record's own id (UUID v7), made where the change was made: pushing it
    /// again (a retry after a lost answer) is answered from the first push.
    pub id: Uuid,
    /// The local operation that made this change; the records of one operation (a
    /// merge: the kept person, the programmes, the dropped person) share it.
    pub client_op: Uuid,
    pub entity: Entity,
    pub entity_id: String,
    /// The entity's revision on the server when the client last saw it, which its
    /// edit is based on; 0 when it never saw it there (it made it).
    pub base_revision: i64,
    pub operation: Operation,
    pub author: String,
    /// The recording machine's clock: shown, never compared.
    pub at: DateTime<Utc>,
    /// The state the change was made on; absent for a creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Map<String, Value>>,
    /// The state it made; absent when the entity is gone (deleted, merged away).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Map<String, Value>>,
    /// For a person merged away: the person kept. Their programmes follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
}

/// A change as the server ordered it, as a pull returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerChange {
    /// Its place in the desk's order.
    pub seq: i64,
    pub entity: Entity,
    pub entity_id: String,
    /// The entity's revision on the server.
    pub revision: i64,
    /// The pushed record's id; a change the server made (a merge's programmes, a
    /// resolved conflict) has an id of the server's.
    pub id: Uuid,
    pub operation: Operation,
    pub author: String,
    pub at: DateTime<Utc>,
    pub format: i64,
    /// [`crate::delta::diff`] of the state before and after; empty for a creation
    /// and for a deletion.
    pub changes: Vec<FieldChange>,
    /// The whole state after; absent when the entity is gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pushed() -> PushedChange {
        PushedChange {
            id: Uuid::parse_str("0190c2a8-7d1e-7c3a-9f00-0000000000aa").unwrap(),
            client_op: Uuid::parse_str("0190c2a8-7d1e-7c3a-9f00-0000000000bb").unwrap(),
            entity: Entity::Programme,
            entity_id: "0190c2a8-7d1e-7c3a-9f00-000000000001".into(),
            base_revision: 2,
            operation: Operation::Update,
            author: "Sam Booker".into(),
            at: "2026-03-01T09:30:00.250Z".parse().unwrap(),
            before: json!({"title": "Gaza talks"}).as_object().cloned(),
            after: json!({"title": "Gaza: the talks"}).as_object().cloned(),
            merged_into: None,
        }
    }

    #[test]
    fn a_pushed_change_is_camel_case_without_absent_fields_and_reads_back() {
        let value = serde_json::to_value(pushed()).unwrap();
        assert_eq!(
            value,
            json!({
                "id": "0190c2a8-7d1e-7c3a-9f00-0000000000aa",
                "clientOp": "0190c2a8-7d1e-7c3a-9f00-0000000000bb",
                "entity": "programme",
                "entityId": "0190c2a8-7d1e-7c3a-9f00-000000000001",
                "baseRevision": 2,
                "operation": "update",
                "author": "Sam Booker",
                "at": "2026-03-01T09:30:00.250Z",
                "before": {"title": "Gaza talks"},
                "after": {"title": "Gaza: the talks"}
            })
        );
        assert_eq!(
            serde_json::from_value::<PushedChange>(value).unwrap(),
            pushed()
        );
    }

    #[test]
    fn a_person_merged_away_has_no_after_and_names_the_kept_person() {
        let mut gone = pushed();
        gone.entity = Entity::Person;
        gone.operation = Operation::Merge;
        gone.after = None;
        gone.merged_into = Some("kept".into());
        let value = serde_json::to_value(&gone).unwrap();
        assert!(value.get("after").is_none(), "{value}");
        assert_eq!(value["mergedInto"], json!("kept"));
        assert_eq!(value["entity"], json!("person"));
        assert_eq!(serde_json::from_value::<PushedChange>(value).unwrap(), gone);
    }

    #[test]
    fn unknown_words_are_refused_by_serde_and_by_from_str_naming_the_kind() {
        let mut value = serde_json::to_value(pushed()).unwrap();
        value["operation"] = json!("rename");
        assert!(serde_json::from_value::<PushedChange>(value.clone()).is_err());
        value["operation"] = json!("update");
        value["entity"] = json!("segment");
        assert!(serde_json::from_value::<PushedChange>(value).is_err());
        let e = "rename".parse::<Operation>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"rename\" is not an operation this Greenroom reads"
        );
        assert!("Programme".parse::<Entity>().is_err());
    }

    #[test]
    fn every_operation_and_entity_reads_back_from_its_word_and_its_json() {
        for op in Operation::ALL {
            assert_eq!(serde_json::to_value(op).unwrap(), json!(op.as_str()));
            assert_eq!(op.as_str().parse::<Operation>(), Ok(op));
        }
        for entity in Entity::ALL {
            assert_eq!(
                serde_json::to_value(entity).unwrap(),
                json!(entity.as_str())
            );
            assert_eq!(entity.as_str().parse::<Entity>(), Ok(entity));
        }
        assert_eq!(Entity::SeriesFormat.as_str(), "series_format");
        assert_eq!(Entity::Setting.as_str(), "setting");
    }
}
