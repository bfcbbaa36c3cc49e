//! Three-way merge of an entity's states: what a member changed since the state they
//! edited (`base` → `mine`) applied to what the desk holds now (`theirs`), field by
//! field. The server merges a pushed change this way; a client rebases its pending
//! edits the same way, so both ends reach the same state.
//!
//! A field only one side changed takes that side's value; both sides changing it to
//! the same value is no conflict; both changing it differently is a conflict, and the
//! desk's value (`theirs`) stays until someone resolves it. Keyed lists (a running
//! order by segment id, a line-up by person) merge item by item. Nothing here reads
//! a clock.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::change::Entity;
use crate::state::keyed_lists;

/// The merged state and where the two sides disagreed.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub state: Map<String, Value>,
    pub conflicts: Vec<Disagreement>,
}

/// A field both sides changed differently. `field` is a path: `title`,
/// `segments{ID}.title` (an item's field), `guests{PERSON}` (a whole item),
/// `segments#order` (the order of a list, as lists of keys). `Null` stands for absent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    pub field: String,
    pub base: Value,
    pub mine: Value,
    pub theirs: Value,
}

/// Merges `base` → `mine` into `theirs`. An absent field is `null`.
pub fn three_way(
    entity: Entity,
    base: &Map<String, Value>,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
) -> Merged {
    let mut m = Merger {
        keyed: keyed_lists(entity).iter().copied().collect(),
        bookkeeping: entity.bookkeeping(),
        conflicts: Vec::new(),
    };
    let mut state = m.fields("", base, mine, theirs, true);
    tidy(entity, &mut state);
    Merged {
        state,
        conflicts: m.conflicts,
    }
}

/// Puts right what merging two members' edits can make and no form does, so every
/// state a desk holds is one each member can save: a segment on a framing question
/// the other member removed covers none; a guest who is the presenter, or is listed
/// twice (two people became one), is dropped from the guests. Programmes only.
pub fn tidy(entity: Entity, state: &mut Map<String, Value>) {
    if entity != Entity::Programme {
        return;
    }
    let framing = state
        .get("framing")
        .and_then(Value::as_array)
        .map_or(0, |f| {
            f.iter()
                .filter(|q| q.as_str().is_some_and(|q| !q.trim().is_empty()))
                .count()
        });
    if let Some(Value::Array(segments)) = state.get_mut("segments") {
        for segment in segments.iter_mut().filter_map(Value::as_object_mut) {
            let question = segment.get("question").and_then(Value::as_u64);
            if question.is_some_and(|q| q == 0 || q > framing as u64) {
                segment.insert("question".into(), Value::Null);
            }
        }
    }
    let presenter = state
        .get("presenter")
        .and_then(|p| p.get("id"))
        .and_then(Value::as_str)
        .map(String::from);
    if let Some(Value::Array(guests)) = state.get_mut("guests") {
        let mut seen: HashSet<String> = presenter.into_iter().collect();
        guests.retain(|g| match g.get("personId").and_then(Value::as_str) {
            Some(id) => seen.insert(id.to_string()),
            None => true,
        });
    }
}

struct Merger {
    /// List field → the key of its items.
    keyed: HashMap<&'static str, &'static str>,
    bookkeeping: &'static [&'static str],
    conflicts: Vec<Disagreement>,
}

const NULL: Value = Value::Null;

impl Merger {
    fn fields(
        &mut self,
        prefix: &str,
        base: &Map<String, Value>,
        mine: &Map<String, Value>,
        theirs: &Map<String, Value>,
        top: bool,
    ) -> Map<String, Value> {
        let keys: BTreeSet<&String> = base
            .keys()
            .chain(mine.keys())
            .chain(theirs.keys())
            .collect();
        let mut out = Map::new();
        for key in keys {
            let (b, m, t) = (
                base.get(key).unwrap_or(&NULL),
                mine.get(key).unwrap_or(&NULL),
                theirs.get(key).unwrap_or(&NULL),
            );
            let path = format!("{prefix}{key}");
            let item_key = if top {
                self.keyed.get(key.as_str()).copied()
            } else {
                None
            };
            let merged = match item_key {
                Some(item_key) if [b, m, t].iter().all(|v| v.is_array() || v.is_null()) => {
                    self.list(&path, item_key, b, m, t)
                }
                _ if top && self.bookkeeping.contains(&key.as_str()) => {
                    if m != b && t == b {
                        m.clone()
                    } else {
                        t.clone()
                    }
                }
                _ => self.value(&path, b, m, t),
            };
            if !merged.is_null() {
                out.insert(key.clone(), merged);
            }
        }
        out
    }

    fn value(&mut self, path: &str, b: &Value, m: &Value, t: &Value) -> Value {
        if m == t || m == b {
            t.clone()
        } else if t == b {
            m.clone()
        } else {
            self.conflict(path, b.clone(), m.clone(), t.clone());
            t.clone()
        }
    }

    fn conflict(&mut self, field: &str, base: Value, mine: Value, theirs: Value) {
        self.conflicts.push(Disagreement {
            field: field.to_string(),
            base,
            mine,
            theirs,
        });
    }

    /// A keyed list, item by item, then its order.
    fn list(&mut self, path: &str, key: &str, b: &Value, m: &Value, t: &Value) -> Value {
        let (Some(bl), Some(ml), Some(tl)) = (items(b, key), items(m, key), items(t, key)) else {
            // An item without its key (not written by Greenroom): the list as one value.
            return self.value(path, b, m, t);
        };
        let (bi, mi, ti) = (index(&bl), index(&ml), index(&tl));
        let mut merged: HashMap<&str, Value> = HashMap::new();
        let all: BTreeSet<&str> = bl.iter().chain(&ml).chain(&tl).map(|(k, _)| *k).collect();
        for k in all {
            let item_path = format!("{path}{{{k}}}");
            let (b, m, t) = (bi.get(k), mi.get(k), ti.get(k));
            let kept = match (b, m, t) {
                (_, Some(m), Some(t)) => {
                    let empty = Map::new();
                    let b = b.copied().unwrap_or(&empty);
                    Some(Value::Object(self.fields(
                        &format!("{item_path}."),
                        b,
                        m,
                        t,
                        false,
                    )))
                }
                (None, Some(only), None) | (None, None, Some(only)) => {
                    Some(Value::Object((*only).clone()))
                }
                // Removed on one side: gone, unless the other side changed it meanwhile.
                (Some(b), Some(m), None) => {
                    if b != m {
                        self.conflict(&item_path, obj(b), obj(m), NULL);
                    }
                    None
                }
                (Some(b), None, Some(t)) => {
                    if b == t {
                        None
                    } else {
                        self.conflict(&item_path, obj(b), NULL, obj(t));
                        Some(obj(t))
                    }
                }
                _ => None,
            };
            if let Some(v) = kept {
                merged.insert(k, v);
            }
        }
        let order = self.order(path, &keys(&bl), &keys(&ml), &keys(&tl));
        Value::Array(
            order
                .iter()
                .filter_map(|k| merged.remove(k.as_str()))
                .collect(),
        )
    }

    /// Theirs' order, unless only mine reordered what both had; the other side's new
    /// items after the item they followed there.
    fn order(&mut self, path: &str, b: &[&str], m: &[&str], t: &[&str]) -> Vec<String> {
        let reordered = |side: &[&str]| {
            let shared: HashSet<&str> = side.iter().copied().collect();
            let base_order: Vec<&str> = b.iter().copied().filter(|k| shared.contains(k)).collect();
            let side_order: Vec<&str> = side.iter().copied().filter(|k| b.contains(k)).collect();
            base_order != side_order
        };
        let (mine_moved, theirs_moved) = (reordered(m), reordered(t));
        if mine_moved && theirs_moved {
            let in_all: HashSet<&str> = b
                .iter()
                .copied()
                .filter(|k| m.contains(k) && t.contains(k))
                .collect();
            let mo: Vec<&str> = m.iter().copied().filter(|k| in_all.contains(k)).collect();
            let to: Vec<&str> = t.iter().copied().filter(|k| in_all.contains(k)).collect();
            if mo != to {
                self.conflict(
                    &format!("{path}#order"),
                    key_list(b),
                    key_list(m),
                    key_list(t),
                );
            }
        }
        let (first, second) = if mine_moved && !theirs_moved {
            (m, t)
        } else {
            (t, m)
        };
        let mut out: Vec<String> = first.iter().map(|k| k.to_string()).collect();
        let mut after: Option<usize> = None;
        for k in second {
            match out.iter().position(|o| o == k) {
                Some(at) => after = Some(at),
                None => {
                    let at = after.map_or(0, |a| a + 1);
                    out.insert(at, k.to_string());
                    after = Some(at);
                }
            }
        }
        out
    }
}

type Items<'a> = Vec<(&'a str, &'a Map<String, Value>)>;

/// The list's items by key; `None` when an item has no string key. `null` is empty.
fn items<'a>(list: &'a Value, key: &str) -> Option<Items<'a>> {
    match list {
        Value::Null => Some(Vec::new()),
        Value::Array(a) => a
            .iter()
            .map(|i| {
                let o = i.as_object()?;
                Some((o.get(key)?.as_str()?, o))
            })
            .collect(),
        _ => None,
    }
}

fn index<'a>(items: &Items<'a>) -> HashMap<&'a str, &'a Map<String, Value>> {
    items.iter().copied().collect()
}

fn keys<'a>(items: &Items<'a>) -> Vec<&'a str> {
    items.iter().map(|(k, _)| *k).collect()
}

fn key_list(keys: &[&str]) -> Value {
    Value::Array(keys.iter().map(|k| Value::String(k.to_string())).collect())
}

fn obj(m: &Map<String, Value>) -> Value {
    Value::Object(m.clone())
}

/// Puts `value` at a [`Disagreement`]'s `field` in `state`: what resolving a conflict
/// with the other side's value does. `null` removes a field or an item; an item that
/// is not there is added at the end; `list#order` orders the list by the given keys
/// (items it does not name stay, after them).
pub fn put(entity: Entity, state: &mut Map<String, Value>, field: &str, value: Value) {
    let keyed: HashMap<&str, &str> = keyed_lists(entity).iter().copied().collect();
    if let Some(list) = field.strip_suffix("#order") {
        let (Some(key), Some(Value::Array(items))) = (keyed.get(list), state.get_mut(list)) else {
            return;
        };
        let wanted: Vec<&str> = value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let rank = |i: &Value| {
            let k = i.get(*key).and_then(Value::as_str);
            k.and_then(|k| wanted.iter().position(|w| *w == k))
                .unwrap_or(usize::MAX)
        };
        items.sort_by_key(rank);
        return;
    }
    let Some((list, rest)) = field.split_once('{') else {
        set(state, field, value);
        return;
    };
    let (Some(key), Some((item, inner))) = (keyed.get(list), rest.split_once('}')) else {
        return;
    };
    let items = state
        .entry(list.to_string())
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(items) = items else { return };
    let at = items
        .iter()
        .position(|i| i.get(*key).and_then(Value::as_str) == Some(item));
    match (inner.strip_prefix('.'), at) {
        (None, Some(at)) if value.is_null() => {
            items.remove(at);
        }
        (None, Some(at)) => items[at] = value,
        (None, None) if !value.is_null() => items.push(value),
        (Some(inner), Some(at)) => {
            if let Some(o) = items[at].as_object_mut() {
                set(o, inner, value);
            }
        }
        _ => {}
    }
}

/// Whether [`put`] at `field` has somewhere to go in `state`: a field of a list item
/// (`segments{ID}.title`) needs the item, a list's order (`segments#order`) the list.
/// Other paths always do (a whole item or field is set, added or removed).
pub fn can_put(entity: Entity, state: &Map<String, Value>, field: &str) -> bool {
    let keyed: HashMap<&str, &str> = keyed_lists(entity).iter().copied().collect();
    if let Some(list) = field.strip_suffix("#order") {
        return state.get(list).is_some_and(Value::is_array);
    }
    let Some((list, rest)) = field.split_once('{') else {
        return true;
    };
    let (Some(key), Some((item, inner))) = (keyed.get(list), rest.split_once('}')) else {
        return false;
    };
    if inner.is_empty() {
        return true;
    }
    state
        .get(list)
        .and_then(Value::as_array)
        .is_some_and(|items| {
            items
                .iter()
                .any(|i| i.get(*key).and_then(Value::as_str) == Some(item))
        })
}

fn set(map: &mut Map<String, Value>, field: &str, value: Value) {
    if value.is_null() {
        map.remove(field);
    } else {
        map.insert(field.to_string(), value);
    }
}
