//! What an entity's recorded state looks like, as far as a desk needs to know: which
//! lists hold items with an identity of their own (merged item by item), which fields
//! are private contact details (never sent to a viewer), and where a programme names
//! people (rewritten when a person is merged into another).

use serde_json::{Map, Value};

use crate::change::{Entity, FieldChange};

mod check;
pub use check::{check, check_change, storable, MAX_ID, MAX_SETTING, MAX_STATE_BYTES, STATUSES};

/// A person's fields a viewer never receives.
pub const CONTACT_FIELDS: [&str; 2] = ["email", "phone"];

/// A list whose items are told apart by a key: (list field, key field in each item).
pub type KeyedList = (&'static str, &'static str);

/// The entity's lists merged item by item: a programme's running order by segment id,
/// its line-up by person.
pub fn keyed_lists(entity: Entity) -> &'static [KeyedList] {
    match entity {
        Entity::Programme => &[("segments", "id"), ("guests", "personId")],
        Entity::Person | Entity::SeriesFormat | Entity::Setting => &[],
    }
}

/// Removes a person's contact details from `state`; other entities have none.
pub fn strip_contacts(entity: Entity, state: &mut Map<String, Value>) {
    if entity == Entity::Person {
        for field in CONTACT_FIELDS {
            state.remove(field);
        }
    }
}

/// Removes the changes to a person's contact details.
pub fn strip_contact_changes(entity: Entity, changes: &mut Vec<FieldChange>) {
    if entity == Entity::Person {
        changes.retain(|c| !is_contact_field(&c.field));
    }
}

/// Whether a change or conflict path (`email`, `phone`) is a contact detail.
pub fn is_contact_field(path: &str) -> bool {
    let top = path.split(['.', '[', '{', '#']).next().unwrap_or_default();
    CONTACT_FIELDS.contains(&top)
}

/// Makes a programme name `to` wherever it named `from` (presenter, guests, segment
/// people), keeping one entry where both were named, and no guest who presents
/// ([`crate::merge::tidy`]). True when anything changed.
pub fn redirect_person(
    entity: Entity,
    state: &mut Map<String, Value>,
    from: &str,
    to: &str,
) -> bool {
    if entity != Entity::Programme || from == to {
        return false;
    }
    let mut changed = false;
    if let Some(presenter) = state.get_mut("presenter").and_then(Value::as_object_mut) {
        changed |= rename(presenter, "id", from, to);
    }
    if let Some(Value::Array(guests)) = state.get_mut("guests") {
        changed |= redirect_in(guests, "personId", from, to);
    }
    if let Some(Value::Array(segments)) = state.get_mut("segments") {
        for segment in segments.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(Value::Array(people)) = segment.get_mut("people") {
                changed |= redirect_in(people, "id", from, to);
            }
        }
    }
    // The kept person may now be both presenter and guest.
    if changed {
        crate::merge::tidy(entity, state);
    }
    changed
}

/// The ids of the people a programme names where [`redirect_person`] looks
/// (presenter, guests, segment people), each once; other entities name none.
pub fn people_named(entity: Entity, state: &Map<String, Value>) -> Vec<String> {
    let mut ids = Vec::new();
    if entity != Entity::Programme {
        return ids;
    }
    let id_of = |item: &Value, key: &str| item.get(key).and_then(Value::as_str).map(String::from);
    let list = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    ids.extend(state.get("presenter").and_then(|p| id_of(p, "id")));
    ids.extend(
        list(state.get("guests"))
            .iter()
            .filter_map(|g| id_of(g, "personId")),
    );
    for segment in list(state.get("segments")) {
        ids.extend(
            list(segment.get("people"))
                .iter()
                .filter_map(|p| id_of(p, "id")),
        );
    }
    ids.sort();
    ids.dedup();
    ids
}

fn rename(item: &mut Map<String, Value>, key: &str, from: &str, to: &str) -> bool {
    if item.get(key).and_then(Value::as_str) == Some(from) {
        item.insert(key.to_string(), Value::String(to.to_string()));
        true
    } else {
        false
    }
}

/// Renames `from` in a list of people and drops the second entry of anyone now
/// named twice.
fn redirect_in(items: &mut Vec<Value>, key: &str, from: &str, to: &str) -> bool {
    let mut changed = false;
    for item in items.iter_mut().filter_map(Value::as_object_mut) {
        changed |= rename(item, key, from, to);
    }
    if changed {
        let mut seen = std::collections::HashSet::new();
        items.retain(|i| match i.get(key).and_then(Value::as_str) {
            Some(id) => seen.insert(id.to_string()),
            None => true,
        });
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn a_persons_contact_details_are_removed_and_nothing_else() {
        let mut p = object(json!({"name": "A", "email": "a@b.c", "phone": "1", "notes": "n"}));
        strip_contacts(Entity::Person, &mut p);
        assert_eq!(Value::Object(p), json!({"name": "A", "notes": "n"}));
        let mut programme = object(json!({"email": "kept: not a person"}));
        strip_contacts(Entity::Programme, &mut programme);
        assert_eq!(programme["email"], json!("kept: not a person"));
        let change = |f: &str| FieldChange {
            field: f.into(),
            from: json!(null),
            to: json!("x"),
        };
        let mut changes = vec![change("email"), change("name"), change("phone")];
        strip_contact_changes(Entity::Person, &mut changes);
        assert_eq!(changes, vec![change("name")]);
        assert!(is_contact_field("phone") && !is_contact_field("phoneticName"));
    }

    #[test]
    fn a_merged_person_is_renamed_everywhere_a_programme_names_them_once() {
        let mut p = object(json!({
            "presenter": {"id": "ann", "name": "Ann"},
            "guests": [
                {"personId": "old", "name": "Bob"},
                {"personId": "new", "name": "Bob B."},
                {"personId": "other", "name": "Cy"}
            ],
            "segments": [{"id": "s1", "people": [{"id": "old", "name": "Bob"}, {"id": "other", "name": "Cy"}]}]
        }));
        assert!(redirect_person(Entity::Programme, &mut p, "old", "new"));
        assert_eq!(
            p["guests"],
            json!([{"personId": "new", "name": "Bob"}, {"personId": "other", "name": "Cy"}])
        );
        assert_eq!(p["segments"][0]["people"][0]["id"], json!("new"));
        assert!(!redirect_person(Entity::Programme, &mut p, "old", "new"));
        assert!(!redirect_person(Entity::Person, &mut p, "other", "new"));
        // The presenter merged into a guest presents, and is no guest as well.
        assert!(redirect_person(Entity::Programme, &mut p, "ann", "other"));
        assert_eq!(p["presenter"]["id"], json!("other"));
        assert_eq!(p["guests"], json!([{"personId": "new", "name": "Bob"}]));
    }

    #[test]
    fn the_people_a_programme_names_are_its_presenter_guests_and_segment_people_once() {
        let p = object(json!({
            "presenter": {"id": "ann"},
            "guests": [{"personId": "bob"}, {"personId": "cy"}],
            "segments": [{"id": "s1", "people": [{"id": "bob"}, {"id": "dee"}]}, {"id": "s2"}],
            "notes": "ed"
        }));
        assert_eq!(
            people_named(Entity::Programme, &p),
            ["ann", "bob", "cy", "dee"]
        );
        assert!(people_named(Entity::Person, &p).is_empty());
    }
}
