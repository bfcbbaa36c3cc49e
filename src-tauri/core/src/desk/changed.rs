//! What a sync changed here: the entities whose live rows its pull wrote, each once,
//! in the order first met, at most [`MAX_CHANGED`] (a first pull writes the whole
//! archive: past that, a window re-reads everything, as `changedMore` tells it).

use std::collections::HashSet;

use greenroom_protocol::{Entity, ServerChange};
use serde::Serialize;

/// Most entities a sync report names.
pub const MAX_CHANGED: usize = 1000;

/// An entity of the archive, by kind and id (a series format's and a setting's id is
/// its key).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntityRef {
    pub entity: Entity,
    pub entity_id: String,
}

/// The entities a pull changed so far.
#[derive(Debug, Default)]
pub struct Changed {
    pub refs: Vec<EntityRef>,
    seen: HashSet<EntityRef>,
    /// More entities changed than `refs` names.
    pub more: bool,
}

impl Changed {
    /// Notes the entities of `changes`, applied.
    pub(crate) fn note(&mut self, changes: &[ServerChange]) {
        for c in changes {
            let r = EntityRef {
                entity: c.entity,
                entity_id: c.entity_id.clone(),
            };
            if self.seen.contains(&r) {
                continue;
            }
            if self.refs.len() >= MAX_CHANGED {
                self.more = true;
                return;
            }
            self.seen.insert(r.clone());
            self.refs.push(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(id: &str) -> ServerChange {
        serde_json::from_value(serde_json::json!({
            "seq": 1, "entity": "programme", "entityId": id, "revision": 1,
            "id": uuid::Uuid::now_v7(), "operation": "update", "author": "Ann",
            "at": "2026-03-01T09:30:00Z", "format": 1, "changes": []
        }))
        .unwrap()
    }

    #[test]
    fn each_entity_once_in_order_and_bounded() {
        let mut c = Changed::default();
        c.note(&[change("b"), change("a"), change("b")]);
        let ids: Vec<_> = c.refs.iter().map(|r| r.entity_id.as_str()).collect();
        assert_eq!((ids, c.more), (vec!["b", "a"], false));
        let many: Vec<_> = (0..MAX_CHANGED + 5)
            .map(|i| change(&i.to_string()))
            .collect();
        c.note(&many);
        assert_eq!(c.refs.len(), MAX_CHANGED);
        assert!(c.more);
    }
}
