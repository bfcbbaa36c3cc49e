//! The bodies of the desk's HTTP calls (all under `/v1`; every call but `join` carries
//! `Authorization: Bearer TOKEN`), and the limits both ends hold them to.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::change::{Entity, PushedChange, ServerChange};
use crate::role::Role;

/// Largest request body the server reads, in bytes.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
/// Most changes in one push.
pub const MAX_PUSH: usize = 500;
/// Most changes one pull returns, and how many when the client does not say.
pub const MAX_PULL: usize = 1000;
pub const DEFAULT_PULL: usize = 500;
/// A pull stops adding changes once its answer holds this many bytes of them (it
/// always holds one).
pub const PULL_BYTES: usize = 8 << 20;
/// Most conflicts one `GET /v1/conflicts` returns, and how many when the client does
/// not say.
pub const MAX_CONFLICTS: usize = 500;
pub const DEFAULT_CONFLICTS: usize = 200;
/// Largest `POST /v1/join` body: an invite code.
pub const MAX_JOIN_BYTES: usize = 1024;
/// Largest `POST /v1/conflicts/{id}/resolve` body: a word kept, or a new value for
/// one field, which is at most a whole state.
pub const MAX_RESOLVE_BYTES: usize = crate::state::MAX_STATE_BYTES + 1024;

/// `POST /v1/join`: an invite code, once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Join {
    pub code: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskInfo {
    pub id: Uuid,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberInfo {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
}

/// What joining gives: the member's own token, shown this once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Joined {
    pub desk: DeskInfo,
    pub member: MemberInfo,
    pub token: String,
}

/// `GET /v1/desk`: who the token is, and the desk's newest `seq`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeskStatus {
    pub desk: DeskInfo,
    pub member: MemberInfo,
    pub head: i64,
}

/// `POST /v1/push`: at most [`MAX_PUSH`] changes, applied in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Push {
    pub changes: Vec<PushedChange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Made on the desk's current revision: taken as it is.
    Applied,
    /// The desk had moved on; merged field by field without disagreement.
    Merged,
    /// Merged, but some field was changed on both sides: the desk's value stays, and
    /// a conflict holds both.
    Conflicted,
    /// This record was pushed before; the answer is the first push's.
    Duplicate,
    /// A programme another member locked for air: nothing written, not a conflict,
    /// not remembered as an answer. The client keeps it queued (and every later change
    /// of the entity) until the lock is dropped.
    Locked,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushResult {
    pub id: Uuid,
    pub outcome: Outcome,
    /// The entity's revision on the server after this change.
    pub revision: i64,
    /// The change's place in the desk's order; absent when it changed nothing there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pushed {
    pub results: Vec<PushResult>,
    pub head: i64,
}

/// `GET /v1/pull?after=SEQ&limit=N`: the desk's changes after `after`, in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pulled {
    pub changes: Vec<ServerChange>,
    pub head: i64,
    /// More changes wait after the last one returned.
    pub more: bool,
}

/// A field two members changed differently (see [`crate::merge::Disagreement`]);
/// `field` "" is a whole entity: an edit to something deleted meanwhile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub id: Uuid,
    pub entity: Entity,
    pub entity_id: String,
    pub field: String,
    pub base: Value,
    /// The value of the member whose edit did not win.
    pub mine: Value,
    /// The desk's value, kept until resolved.
    pub theirs: Value,
    /// Who made the edit that did not win.
    pub author: String,
    pub member_id: Uuid,
    /// The entity's server revision the conflict was raised at.
    pub revision: i64,
    /// When the server raised it (the server's clock, shown only).
    pub at: DateTime<Utc>,
    pub resolved: bool,
}

/// `GET /v1/conflicts?after=ID&limit=N`: the desk's open conflicts after conflict
/// `after` (none: from the first), oldest first, at most N ([`MAX_CONFLICTS`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflicts {
    pub conflicts: Vec<Conflict>,
    /// More open conflicts wait after the last one returned (absent from an older
    /// server, which returned all of them).
    #[serde(default)]
    pub more: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Keep {
    /// The edit that did not win.
    Mine,
    /// The desk's value.
    Theirs,
    /// A new value, written by the member resolving: [`Resolve::value`]. Not for a
    /// whole entity's conflict.
    Value,
}

/// `POST /v1/conflicts/{id}/resolve`. Nothing else is read from the body: a field
/// it does not know is refused, not carried along unread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Resolve {
    pub keep: Keep,
    /// The value put at the conflict's field: required with [`Keep::Value`], refused
    /// with the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolved {
    pub conflict: Conflict,
    /// The change keeping `mine` made; absent when `theirs` was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<ServerChange>,
}

/// What may be locked for air: a programme.
pub const LOCKABLE: [Entity; 1] = [Entity::Programme];

/// `POST /v1/locks`: lock an entity for air (editors and admins).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockRequest {
    pub entity: Entity,
    pub entity_id: String,
}

/// An entity locked for air: the desk refuses every other member's change to it
/// until its holder (or an admin) unlocks it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Lock {
    pub entity: Entity,
    pub entity_id: String,
    pub member_id: Uuid,
    pub member_name: String,
    /// When it was taken (the server's clock, shown only).
    pub since: DateTime<Utc>,
}

/// `GET /v1/locks`: every lock of the desk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Locks {
    pub locks: Vec<Lock>,
}

/// A member of the desk as every member may see them: nothing secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    pub revoked: bool,
}

/// `GET /v1/members`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Members {
    pub members: Vec<Member>,
}

/// The events of `GET /v1/events`: `head` (data [`Head`]) after every commit, and
/// `locks` (data `{}`) when a lock is taken or dropped (clients then read
/// `GET /v1/locks`). A client ignores an event it does not know.
pub const EVENT_HEAD: &str = "head";
pub const EVENT_LOCKS: &str = "locks";

/// The data of an `event: head` of `GET /v1/events`: the desk has changes up to `head`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Head {
    pub head: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn outcomes_and_keeps_are_lowercase_words() {
        assert_eq!(
            serde_json::to_value(Outcome::Conflicted).unwrap(),
            json!("conflicted")
        );
        assert_eq!(serde_json::to_value(Keep::Mine).unwrap(), json!("mine"));
        assert!(serde_json::from_value::<Keep>(json!("both")).is_err());
        assert_eq!(
            serde_json::to_value(Outcome::Locked).unwrap(),
            json!("locked")
        );
    }

    #[test]
    fn a_resolve_carries_its_value_only_when_there_is_one() {
        let plain = Resolve {
            keep: Keep::Mine,
            value: None,
        };
        assert_eq!(
            serde_json::to_value(&plain).unwrap(),
            json!({"keep": "mine"})
        );
        let old: Resolve = serde_json::from_value(json!({"keep": "theirs"})).unwrap();
        assert_eq!(old.value, None);
        let new: Resolve =
            serde_json::from_value(json!({"keep": "value", "value": "Gaza: talks"})).unwrap();
        assert_eq!(
            (new.keep, new.value),
            (Keep::Value, Some(json!("Gaza: talks")))
        );
    }

    #[test]
    fn a_lock_is_camel_case_with_its_holder() {
        let lock = Lock {
            entity: Entity::Programme,
            entity_id: "p".into(),
            member_id: Uuid::nil(),
            member_name: "Maria Lopez".into(),
            since: DateTime::from_timestamp(0, 0).unwrap(),
        };
        let v = serde_json::to_value(&lock).unwrap();
        assert_eq!(v["entityId"], json!("p"));
        assert_eq!(v["memberName"], json!("Maria Lopez"));
        assert_eq!(v["entity"], json!("programme"));
        assert_eq!(serde_json::from_value::<Lock>(v).unwrap(), lock);
        let asked: LockRequest =
            serde_json::from_value(json!({"entity": "programme", "entityId": "x"})).unwrap();
        assert_eq!(asked.entity_id, "x");
    }

    #[test]
    fn a_push_result_without_seq_leaves_it_out_and_reads_back() {
        let r = PushResult {
            id: Uuid::nil(),
            outcome: Outcome::Duplicate,
            revision: 4,
            seq: None,
        };
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(
            v,
            json!({"id": Uuid::nil(), "outcome": "duplicate", "revision": 4})
        );
        assert_eq!(serde_json::from_value::<PushResult>(v).unwrap(), r);
    }
}
