//! What a viewer never receives: people's contact details
//! (`greenroom_protocol::state::CONTACT_FIELDS`), taken out of every state, delta and
//! conflict before it is sent to them.

use greenroom_protocol::state::{is_contact_field, strip_contact_changes, strip_contacts};
use greenroom_protocol::wire::Conflict;
use greenroom_protocol::{Entity, ServerChange};
use serde_json::Value;

pub fn change(mut c: ServerChange) -> ServerChange {
    if let Some(after) = c.after.as_mut() {
        strip_contacts(c.entity, after);
    }
    strip_contact_changes(c.entity, &mut c.changes);
    c
}

/// The conflicts without those over a contact detail, and without contact details in
/// whole-entity ones.
pub fn conflicts(conflicts: Vec<Conflict>) -> Vec<Conflict> {
    conflicts
        .into_iter()
        .filter(|c| !(c.entity == Entity::Person && is_contact_field(&c.field)))
        .map(|mut c| {
            for value in [&mut c.base, &mut c.mine, &mut c.theirs] {
                if let Value::Object(state) = value {
                    strip_contacts(c.entity, state);
                }
            }
            c
        })
        .collect()
}
