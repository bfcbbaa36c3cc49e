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
/// Largest `POST /v1/conflicts/{id}/resolve` body: one word kept.
pub const MAX_RESOLVE_BYTES: usize = 1024;

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
}

/// `POST /v1/conflicts/{id}/resolve`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolve {
    pub keep: Keep,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resolved {
    pub conflict: Conflict,
    /// The change keeping `mine` made; absent when `theirs` was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<ServerChange>,
}

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
