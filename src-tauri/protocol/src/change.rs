//! A change record on the wire: the same record the core writes in the transaction
//! that makes a change (`greenroom-core`'s `store/change.rs`, table `change`), in
//! JSON, and what a client adds when it pushes one.
//!
//! `at` is the recording machine's clock: shown, never compared. What orders changes
//! is the entity's revision, and across a desk the order the server assigns.

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
}

/// What made the change; the words are the core's `change.operation`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    Create,
    Update,
    Delete,
    Restore,
    Merge,
    Unmerge,
    Import,
}

/// One field a change changed: its value before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub from: Value,
    pub to: Value,
}

/// One change record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    pub entity: Entity,
    pub entity_id: String,
    /// The entity's revision this change made.
    pub revision: i64,
    /// The record's own id (UUID v7), the same on every machine that holds it.
    pub id: Uuid,
    pub operation: Operation,
    pub author: String,
    pub at: DateTime<Utc>,
    /// The version of the recorded JSON (`changes`, `state`); a reader refuses a newer one.
    pub format: i64,
    /// Against the revision before; empty for a creation and a deletion.
    pub changes: Vec<FieldChange>,
    /// The whole last state of an entity that is gone (deleted, merged away); absent
    /// otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Map<String, Value>>,
}

/// A change as a client pushes it. Its `revision` is provisional (a local number)
/// until the server orders it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushedChange {
    /// The entity's revision on the server when the client last saw it, which its
    /// edit is based on; 0 when the client has never seen it there (it made it).
    pub base_revision: i64,
    /// The local operation that made this change; the records of one operation share
    /// it. A push retried after a lost response carries the same id, so the server
    /// applies it once.
    pub client_op: Uuid,
    #[serde(flatten)]
    pub change: Change,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn update() -> Change {
        Change {
            entity: Entity::Programme,
            entity_id: "0190c2a8-7d1e-7c3a-9f00-000000000001".into(),
            revision: 3,
            id: Uuid::parse_str("0190c2a8-7d1e-7c3a-9f00-0000000000aa").unwrap(),
            operation: Operation::Update,
            author: "Sam Booker".into(),
            at: "2026-03-01T09:30:00.250Z".parse().unwrap(),
            format: 1,
            changes: vec![FieldChange {
                field: "title".into(),
                from: json!("Gaza talks"),
                to: json!("Gaza: the talks"),
            }],
            state: None,
        }
    }

    #[test]
    fn a_record_is_the_cores_fields_in_camel_case_without_an_absent_state() {
        assert_eq!(
            serde_json::to_value(update()).unwrap(),
            json!({
                "entity": "programme",
                "entityId": "0190c2a8-7d1e-7c3a-9f00-000000000001",
                "revision": 3,
                "id": "0190c2a8-7d1e-7c3a-9f00-0000000000aa",
                "operation": "update",
                "author": "Sam Booker",
                "at": "2026-03-01T09:30:00.250Z",
                "format": 1,
                "changes": [{"field": "title", "from": "Gaza talks", "to": "Gaza: the talks"}]
            })
        );
    }

    #[test]
    fn a_pushed_change_is_the_record_plus_its_base_and_operation_id_and_reads_back() {
        let mut change = update();
        change.entity = Entity::SeriesFormat;
        change.operation = Operation::Delete;
        change.changes.clear();
        change.state = Some(
            json!({"name": "Inside Story", "segments": [{"title": "Intro", "seconds": 90}]})
                .as_object()
                .unwrap()
                .clone(),
        );
        let pushed = PushedChange {
            base_revision: 2,
            client_op: Uuid::parse_str("0190c2a8-7d1e-7c3a-9f00-0000000000bb").unwrap(),
            change,
        };
        let value = serde_json::to_value(&pushed).unwrap();
        assert_eq!(value["baseRevision"], json!(2));
        assert_eq!(
            value["clientOp"],
            json!("0190c2a8-7d1e-7c3a-9f00-0000000000bb")
        );
        assert_eq!(value["entity"], json!("series_format"));
        assert_eq!(value["operation"], json!("delete"));
        assert_eq!(value["state"]["segments"][0]["seconds"], json!(90));
        assert!(value.get("change").is_none(), "flat, not nested: {value}");
        let back: PushedChange = serde_json::from_value(value).unwrap();
        assert_eq!(back, pushed);
    }

    #[test]
    fn a_record_without_state_reads_as_none_and_bad_words_are_refused() {
        let mut value = serde_json::to_value(update()).unwrap();
        assert_eq!(
            serde_json::from_value::<Change>(value.clone()).unwrap(),
            update()
        );
        value["operation"] = json!("rename");
        assert!(serde_json::from_value::<Change>(value.clone()).is_err());
        value["operation"] = json!("update");
        value["entity"] = json!("segment");
        assert!(serde_json::from_value::<Change>(value).is_err());
    }

    #[test]
    fn every_operation_and_entity_has_the_cores_word() {
        let ops = [
            (Operation::Create, "create"),
            (Operation::Update, "update"),
            (Operation::Delete, "delete"),
            (Operation::Restore, "restore"),
            (Operation::Merge, "merge"),
            (Operation::Unmerge, "unmerge"),
            (Operation::Import, "import"),
        ];
        for (op, word) in ops {
            assert_eq!(serde_json::to_value(op).unwrap(), json!(word));
        }
        let entities = [
            (Entity::Programme, "programme"),
            (Entity::Person, "person"),
            (Entity::SeriesFormat, "series_format"),
        ];
        for (entity, word) in entities {
            assert_eq!(serde_json::to_value(entity).unwrap(), json!(word));
        }
    }
}
