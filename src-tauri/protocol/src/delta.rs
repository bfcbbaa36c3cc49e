//! What changed between two states of an entity, field by field, and putting a
//! field's value back: the deltas change records keep (`store/change.rs`).

use serde_json::{Map, Value};

use crate::change::FieldChange;

/// Sets the value at `path` (`segments[3].title`, as [`diff`] names it) in `state`;
/// `null` removes an object's key (a field the state did not have).
pub fn put(state: &mut Map<String, Value>, path: &str, value: Value) {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let mut pieces = part.split('[');
        steps.push(Step::Key(pieces.next().unwrap_or_default().to_string()));
        steps.extend(
            pieces
                .filter_map(|i| i.trim_end_matches(']').parse().ok())
                .map(Step::Index),
        );
    }
    let mut root = Value::Object(std::mem::take(state));
    put_at(&mut root, &steps, value);
    *state = as_object(root);
}

fn put_at(here: &mut Value, steps: &[Step], value: Value) {
    match steps {
        [] => *here = value,
        [Step::Key(k)] => {
            if let Value::Object(map) = here {
                if value.is_null() {
                    map.remove(k);
                } else {
                    map.insert(k.clone(), value);
                }
            }
        }
        [Step::Key(k), rest @ ..] => {
            if let Some(next) = here.as_object_mut().and_then(|m| m.get_mut(k)) {
                put_at(next, rest, value);
            }
        }
        [Step::Index(i), rest @ ..] => {
            if let Some(next) = here.as_array_mut().and_then(|a| a.get_mut(*i)) {
                put_at(next, rest, value);
            }
        }
    }
}

enum Step {
    Key(String),
    Index(usize),
}

pub fn as_object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// `v` with every object's keys in name order. serde_json keeps the order it was given
/// when a crate in the build turns on its `preserve_order`, and sorts otherwise; the
/// record must read the same from every build, so what it stores is put in order.
pub fn sorted(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// The fields of `after` that differ from `before`, by field name. Inside a list that
/// kept its length, and inside an object, only what changed is named
/// (`segments[3].title`), so a change to one segment of thirty records that segment's
/// field, not the running order twice.
pub fn diff(before: &Map<String, Value>, after: &Map<String, Value>) -> Vec<FieldChange> {
    let mut out = Vec::new();
    changed_in("", before, after, &mut out);
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

/// Adds to `out` what differs between `from` and `to` at `path`, as deep as both
/// keep the same shape.
fn changed(path: String, from: &Value, to: &Value, out: &mut Vec<FieldChange>) {
    if from == to {
        return;
    }
    match (from, to) {
        (Value::Object(a), Value::Object(b)) => changed_in(&path, a, b, out),
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (from, to)) in a.iter().zip(b).enumerate() {
                changed(format!("{path}[{i}]"), from, to, out);
            }
        }
        _ => out.push(FieldChange {
            field: path,
            from: sorted(from.clone()),
            to: sorted(to.clone()),
        }),
    }
}

fn changed_in(
    path: &str,
    a: &Map<String, Value>,
    b: &Map<String, Value>,
    out: &mut Vec<FieldChange>,
) {
    for (key, to) in b {
        changed(join(path, key), a.get(key).unwrap_or(&Value::Null), to, out);
    }
    for (key, from) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
        changed(join(path, key), from, &Value::Null, out);
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}
