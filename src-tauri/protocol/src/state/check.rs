//! What a recorded state must be for every member to be able to apply it: a desk
//! holds one bad state forever, and each client that pulls it would stop there. The
//! server refuses a push carrying one; a client may ask the same before it sends.

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::change::Entity;

/// Largest state, serialized, in bytes.
pub const MAX_STATE_BYTES: usize = 1 << 20;

/// A programme's statuses, as the core writes them.
pub const STATUSES: [&str; 5] = ["draft", "planned", "confirmed", "aired", "cancelled"];

/// Longest entity id: a UUID, a series format's key or a setting's.
pub const MAX_ID: usize = 200;

/// Whether every member can apply a change with these ids and states (its entity's
/// id, its states' shapes, a merge's kept person): what the server asks of every
/// pushed change, and a client before it sends one.
pub fn check_change(
    entity: Entity,
    entity_id: &str,
    before: Option<&Map<String, Value>>,
    after: Option<&Map<String, Value>>,
    merged_into: Option<&str>,
) -> Result<(), String> {
    if entity_id.trim().is_empty() || entity_id.chars().count() > MAX_ID {
        return Err(format!("entityId must be 1 to {MAX_ID} characters"));
    }
    if entity_id.chars().any(char::is_control) {
        return Err("entityId has a control character".into());
    }
    // A format is named by its series' key, a desk setting by its own key.
    let keyed = matches!(entity, Entity::SeriesFormat | Entity::Setting);
    if !keyed && Uuid::parse_str(entity_id).is_err() {
        return Err("entityId must be a UUID".into());
    }
    if let Some(before) = before {
        storable(before).map_err(|e| format!("before: {e}"))?;
    }
    if let Some(after) = after {
        check(entity, after).map_err(|e| format!("after: {e}"))?;
    }
    if let Some(kept) = merged_into {
        if entity != Entity::Person || after.is_some() {
            return Err("mergedInto is for a person merged away (no after)".into());
        }
        if Uuid::parse_str(kept).is_err() {
            return Err("mergedInto must be a person's id (a UUID)".into());
        }
        if kept == entity_id {
            return Err("a person cannot be merged into themselves".into());
        }
    }
    Ok(())
}

/// Whether `state` is a state of `entity` every client can apply; the refusal names
/// the field (`title`, `guests[2].personId`).
pub fn check(entity: Entity, state: &Map<String, Value>) -> Result<(), String> {
    storable(state)?;
    times(entity, state)?;
    match entity {
        Entity::Programme => programme(state),
        Entity::Person => text(state, "name", ""),
        Entity::SeriesFormat => Ok(()),
        Entity::Setting => setting(state),
    }
}

/// The times a state carries (`createdAt`, `updatedAt`: its bookkeeping fields), each
/// RFC 3339 text when present; a state recorded before a person's carried them has none.
fn times(entity: Entity, state: &Map<String, Value>) -> Result<(), String> {
    for field in entity.bookkeeping() {
        match state.get(*field) {
            None => {}
            Some(Value::String(t)) if chrono::DateTime::parse_from_rfc3339(t).is_ok() => {}
            Some(_) => return Err(format!("{field} must be a time (RFC 3339)")),
        }
    }
    Ok(())
}

/// Longest value of a desk setting, in characters.
pub const MAX_SETTING: usize = 100;

/// A desk setting: `{"value": text}`, the text at most [`MAX_SETTING`] characters.
fn setting(state: &Map<String, Value>) -> Result<(), String> {
    text(state, "value", "")?;
    let long = state["value"]
        .as_str()
        .is_some_and(|v| v.chars().count() > MAX_SETTING);
    match long {
        true => Err(format!("value is longer than {MAX_SETTING} characters")),
        false => Ok(()),
    }
}

/// Whether `state` can be kept at all, whatever its shape (a `before`, which may be
/// part of a state): at most [`MAX_STATE_BYTES`], no NUL character anywhere.
pub fn storable(state: &Map<String, Value>) -> Result<(), String> {
    let size = serde_json::to_vec(state).map_or(usize::MAX, |b| b.len());
    if size > MAX_STATE_BYTES {
        return Err(format!(
            "the state is {size} bytes; at most {MAX_STATE_BYTES}"
        ));
    }
    state
        .iter()
        .try_for_each(|(k, v)| key(k, "").and_then(|()| no_nul(k, v)))
}

fn key(k: &str, path: &str) -> Result<(), String> {
    match k.contains('\0') {
        true => Err(format!(
            "a field name in {} has a NUL character",
            shown(path)
        )),
        false => Ok(()),
    }
}

/// PostgreSQL's `jsonb` holds no NUL character; SQLite's text cuts at one.
fn no_nul(path: &str, value: &Value) -> Result<(), String> {
    let nul = |s: &str| s.contains('\0');
    match value {
        Value::String(s) if nul(s) => Err(format!("{} has a NUL character", shown(path))),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| no_nul(&format!("{path}[{i}]"), v)),
        Value::Object(map) => map
            .iter()
            .try_for_each(|(k, v)| key(k, path).and_then(|()| no_nul(&join(path, k), v))),
        _ => Ok(()),
    }
}

fn programme(state: &Map<String, Value>) -> Result<(), String> {
    text(state, "title", "")?;
    if let Some(status) = state.get("status") {
        if !status.as_str().is_some_and(|s| STATUSES.contains(&s)) {
            return Err(format!("status must be one of {}", STATUSES.join(", ")));
        }
    }
    match state.get("presenter") {
        None | Some(Value::Null) => {}
        Some(Value::Object(p)) => person_id(p, "id", "presenter")?,
        Some(_) => return Err("presenter must be null or a person".into()),
    }
    for (i, guest) in items(state, "guests", "")?.iter().enumerate() {
        person_id(guest, "personId", &format!("guests[{i}]"))?;
    }
    for (i, segment) in items(state, "segments", "")?.iter().enumerate() {
        let at = format!("segments[{i}]");
        uuid(segment, "id", &at, "a segment's id")?;
        for (j, person) in items(segment, "people", &at)?.iter().enumerate() {
            person_id(person, "id", &format!("{at}.people[{j}]"))?;
        }
    }
    Ok(())
}

/// `field` of `item` must be a string.
fn text(item: &Map<String, Value>, field: &str, at: &str) -> Result<(), String> {
    match item.get(field) {
        Some(Value::String(_)) => Ok(()),
        _ => Err(format!("{} must be text", join(at, field))),
    }
}

/// `field` of `item` must be a person's id.
fn person_id(item: &Map<String, Value>, field: &str, at: &str) -> Result<(), String> {
    uuid(item, field, at, "a person's id")
}

/// `field` of `item` must be a UUID; `what` says whose.
fn uuid(item: &Map<String, Value>, field: &str, at: &str, what: &str) -> Result<(), String> {
    match item.get(field).and_then(Value::as_str).map(Uuid::parse_str) {
        Some(Ok(_)) => Ok(()),
        _ => Err(format!("{} must be {what} (a UUID)", join(at, field))),
    }
}

/// The objects of list `field` (absent: none).
fn items<'a>(
    item: &'a Map<String, Value>,
    field: &str,
    at: &str,
) -> Result<Vec<&'a Map<String, Value>>, String> {
    let path = join(at, field);
    match item.get(field) {
        None => Ok(Vec::new()),
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_object()
                    .ok_or_else(|| format!("{path}[{i}] must be an object"))
            })
            .collect(),
        Some(_) => Err(format!("{path} must be a list")),
    }
}

fn join(at: &str, field: &str) -> String {
    match at {
        "" => field.to_string(),
        _ => format!("{at}.{field}"),
    }
}

fn shown(path: &str) -> &str {
    match path {
        "" => "the state",
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    const P: &str = "0190c2a8-7d1e-7c3a-9f00-000000000001";

    #[test]
    fn a_desk_setting_is_a_value_of_text_of_at_most_100_characters() {
        let ok = |v: Value| check(Entity::Setting, &object(json!({ "value": v })));
        assert_eq!(ok(json!("21")), Ok(()));
        assert_eq!(ok(json!("x".repeat(MAX_SETTING))), Ok(()));
        assert!(ok(json!("x".repeat(MAX_SETTING + 1)))
            .unwrap_err()
            .contains("longer than 100"));
        assert_eq!(ok(json!(21)), Err("value must be text".into()));
        assert!(check(Entity::Setting, &object(json!({}))).is_err());
    }

    #[test]
    fn a_programme_every_client_can_apply_passes_and_each_bad_field_is_named() {
        let good = json!({
            "title": "Gaza", "status": "planned",
            "presenter": {"id": P, "name": "Ann"},
            "guests": [{"personId": P, "name": "Bob"}],
            "segments": [{"id": P, "title": "Intro", "people": [{"id": P}]}]
        });
        assert_eq!(check(Entity::Programme, &object(good.clone())), Ok(()));
        let cases = [
            ("/title", json!(3), "title"),
            ("/status", json!("done"), "status"),
            ("/presenter", json!("Ann"), "presenter"),
            ("/presenter/id", json!("ann"), "presenter.id"),
            ("/guests", json!({}), "guests"),
            ("/guests/0", json!("Bob"), "guests[0]"),
            ("/guests/0/personId", json!(7), "guests[0].personId"),
            ("/segments/0/id", json!(null), "segments[0].id"),
            ("/segments/0/id", json!("s1"), "segments[0].id"),
            (
                "/segments/0/people/0/id",
                json!("x"),
                "segments[0].people[0].id",
            ),
            ("/segments/0/title", json!("a\u{0}b"), "segments[0].title"),
        ];
        for (pointer, value, field) in cases {
            let mut bad = good.clone();
            *bad.pointer_mut(pointer).unwrap() = value;
            let e = check(Entity::Programme, &object(bad)).unwrap_err();
            assert!(e.starts_with(field), "{pointer}: {e}");
        }
        let mut no_presenter = good.clone();
        no_presenter["presenter"] = Value::Null;
        assert_eq!(check(Entity::Programme, &object(no_presenter)), Ok(()));
        assert!(check(Entity::Programme, &object(json!({"notes": ""}))).is_err());
    }

    #[test]
    fn a_person_needs_a_name_its_times_are_times_and_no_state_may_be_huge_or_hold_a_nul() {
        assert_eq!(
            check(Entity::Person, &object(json!({"name": "Bob"}))),
            Ok(())
        );
        assert!(check(Entity::Person, &object(json!({"name": null}))).is_err());
        let timed = |t: Value| {
            check(
                Entity::Person,
                &object(json!({"name": "Bob", "updatedAt": t})),
            )
        };
        assert_eq!(timed(json!("2026-12-07T14:07:36.123Z")), Ok(()));
        assert!(timed(json!("yesterday"))
            .unwrap_err()
            .starts_with("updatedAt"));
        assert!(timed(json!(1_765_000_000_000_i64)).is_err());
        let huge = json!({"name": "x".repeat(MAX_STATE_BYTES)});
        assert!(check(Entity::Person, &object(huge))
            .unwrap_err()
            .contains("bytes"));
        let nul_key = object(json!({"series": "S", "a\u{0}": 1}));
        assert!(check(Entity::SeriesFormat, &nul_key).is_err());
        assert_eq!(check(Entity::SeriesFormat, &object(json!({}))), Ok(()));
    }
}
