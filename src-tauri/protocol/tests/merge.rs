//! The three-way merge both ends of a desk use: one side's edits, the other's, both.

use greenroom_protocol::merge::{put, three_way, Disagreement};
use greenroom_protocol::Entity;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().expect("an object").clone()
}

fn programme() -> Value {
    json!({
        "title": "Gaza talks",
        "framing": ["Why now?", "Who gains?"],
        "status": "draft",
        "updatedAt": "2026-03-01T09:00:00Z",
        "guests": [
            {"personId": "p1", "name": "Ann", "affiliation": "Uni A"},
            {"personId": "p2", "name": "Bob", "affiliation": null}
        ],
        "segments": [
            {"id": "s1", "title": "Intro", "durationSeconds": 60},
            {"id": "s2", "title": "Part one", "durationSeconds": 600},
            {"id": "s3", "title": "Close", "durationSeconds": 60}
        ]
    })
}

fn merge(base: &Value, mine: &Value, theirs: &Value) -> (Value, Vec<Disagreement>) {
    let m = three_way(
        Entity::Programme,
        &obj(base.clone()),
        &obj(mine.clone()),
        &obj(theirs.clone()),
    );
    (Value::Object(m.state), m.conflicts)
}

#[test]
fn edits_to_different_fields_both_land() {
    let base = programme();
    let mut mine = base.clone();
    mine["title"] = json!("Gaza: the talks");
    mine["segments"][1]["durationSeconds"] = json!(660);
    let mut theirs = base.clone();
    theirs["status"] = json!("planned");
    theirs["segments"][1]["title"] = json!("Part one: the deal");
    let (merged, conflicts) = merge(&base, &mine, &theirs);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    assert_eq!(merged["title"], json!("Gaza: the talks"));
    assert_eq!(merged["status"], json!("planned"));
    assert_eq!(
        merged["segments"][1],
        json!({"id": "s2", "title": "Part one: the deal", "durationSeconds": 660})
    );
}

#[test]
fn the_same_field_changed_differently_keeps_theirs_and_holds_both() {
    let base = programme();
    let mut mine = base.clone();
    mine["title"] = json!("Mine");
    mine["segments"][2]["title"] = json!("Goodbye");
    let mut theirs = base.clone();
    theirs["title"] = json!("Theirs");
    theirs["segments"][2]["title"] = json!("Sign-off");
    let (merged, conflicts) = merge(&base, &mine, &theirs);
    assert_eq!(merged["title"], json!("Theirs"));
    assert_eq!(merged["segments"][2]["title"], json!("Sign-off"));
    assert_eq!(
        conflicts,
        vec![
            Disagreement {
                field: "segments{s3}.title".into(),
                base: json!("Close"),
                mine: json!("Goodbye"),
                theirs: json!("Sign-off"),
            },
            Disagreement {
                field: "title".into(),
                base: json!("Gaza talks"),
                mine: json!("Mine"),
                theirs: json!("Theirs"),
            },
        ]
    );
}

#[test]
fn the_same_change_on_both_sides_and_the_save_time_are_no_conflict() {
    let base = programme();
    let mut mine = base.clone();
    mine["title"] = json!("Same");
    mine["updatedAt"] = json!("2026-03-01T10:00:00Z");
    let mut theirs = base.clone();
    theirs["title"] = json!("Same");
    theirs["updatedAt"] = json!("2026-03-01T09:30:00Z");
    let (merged, conflicts) = merge(&base, &mine, &theirs);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    assert_eq!(
        merged["updatedAt"],
        json!("2026-03-01T09:30:00Z"),
        "theirs, not the later clock"
    );
}

#[test]
fn a_guest_added_on_each_side_makes_both_guests_in_place() {
    let base = programme();
    let mut mine = base.clone();
    mine["guests"]
        .as_array_mut()
        .unwrap()
        .insert(1, json!({"personId": "p3", "name": "Cy"}));
    let mut theirs = base.clone();
    theirs["guests"]
        .as_array_mut()
        .unwrap()
        .push(json!({"personId": "p4", "name": "Di"}));
    let (merged, conflicts) = merge(&base, &mine, &theirs);
    assert!(conflicts.is_empty());
    let ids: Vec<&str> = merged["guests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["personId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["p1", "p3", "p2", "p4"]);
}

#[test]
fn a_segment_removed_on_one_side_goes_unless_the_other_changed_it() {
    let base = programme();
    let mut mine = base.clone();
    mine["segments"].as_array_mut().unwrap().remove(1);
    let mut theirs = base.clone();
    theirs["segments"][0]["title"] = json!("Cold open");
    let (merged, conflicts) = merge(&base, &mine, &theirs);
    assert!(conflicts.is_empty());
    let ids: Vec<&str> = merged["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["s1", "s3"], "the one mine removed went");
    assert_eq!(merged["segments"][0]["title"], json!("Cold open"));

    theirs["segments"][1]["durationSeconds"] = json!(900);
    let (merged, conflicts) = merge(&base, &mine, &theirs);
    assert_eq!(
        merged["segments"][1]["durationSeconds"],
        json!(900),
        "theirs kept"
    );
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].field, "segments{s2}");
    assert_eq!(conflicts[0].mine, Value::Null);
    assert_eq!(conflicts[0].base, base["segments"][1]);
    assert_eq!(conflicts[0].theirs, theirs["segments"][1]);
}

#[test]
fn a_reorder_on_one_side_survives_an_edit_on_the_other() {
    let base = programme();
    let mut mine = base.clone();
    mine["segments"].as_array_mut().unwrap().swap(0, 1);
    let mut theirs = base.clone();
    theirs["segments"][2]["title"] = json!("Goodbye");
    theirs["segments"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "s4", "title": "Extra"}));
    let (merged, conflicts) = merge(&base, &mine, &theirs);
    assert!(conflicts.is_empty());
    let ids: Vec<&str> = merged["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["s2", "s1", "s3", "s4"]);
    assert_eq!(merged["segments"][2]["title"], json!("Goodbye"));
}

#[test]
fn two_different_reorders_keep_theirs_and_resolving_mine_puts_mine_back() {
    let base = programme();
    let mut mine = base.clone();
    mine["segments"].as_array_mut().unwrap().swap(0, 1);
    let mut theirs = base.clone();
    theirs["segments"].as_array_mut().unwrap().swap(1, 2);
    let (merged, conflicts) = merge(&base, &mine, &theirs);
    assert_eq!(merged["segments"], theirs["segments"]);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].field, "segments#order");
    assert_eq!(conflicts[0].mine, json!(["s2", "s1", "s3"]));
    let mut state = obj(merged);
    put(
        Entity::Programme,
        &mut state,
        &conflicts[0].field,
        conflicts[0].mine.clone(),
    );
    assert_eq!(state["segments"], mine["segments"]);
}

#[test]
fn resolving_puts_the_value_at_a_field_an_item_or_an_items_field() {
    let mut state = obj(programme());
    put(Entity::Programme, &mut state, "title", json!("New"));
    put(
        Entity::Programme,
        &mut state,
        "segments{s2}.title",
        json!("Renamed"),
    );
    put(Entity::Programme, &mut state, "guests{p2}", Value::Null);
    put(
        Entity::Programme,
        &mut state,
        "guests{p9}",
        json!({"personId": "p9", "name": "Eve"}),
    );
    put(Entity::Programme, &mut state, "status", Value::Null);
    assert_eq!(state["title"], json!("New"));
    assert_eq!(state["segments"][1]["title"], json!("Renamed"));
    assert_eq!(
        state["guests"],
        json!([
            {"personId": "p1", "name": "Ann", "affiliation": "Uni A"},
            {"personId": "p9", "name": "Eve"}
        ])
    );
    assert!(!state.contains_key("status"));
}

#[test]
fn items_without_their_key_merge_as_one_value() {
    let base = json!({"segments": [{"title": "A"}]});
    let mine = json!({"segments": [{"title": "B"}]});
    let theirs = json!({"segments": [{"title": "C"}]});
    let (merged, conflicts) = merge(&base, &mine, &theirs);
    assert_eq!(merged["segments"], theirs["segments"]);
    assert_eq!(conflicts[0].field, "segments");
}

/// Mine puts a segment on question 2 while theirs removes that question: the merge
/// leaves the segment on none, a state every member's form takes.
#[test]
fn a_segment_on_a_framing_question_removed_on_the_other_side_covers_none() {
    let base = programme();
    let mut mine = base.clone();
    mine["segments"][1]["question"] = json!(2);
    mine["segments"][2]["question"] = json!(1);
    let mut theirs = base.clone();
    theirs["framing"] = json!(["Why now?", "  "]);
    let (merged, conflicts) = merge(&base, &mine, &theirs);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    assert_eq!(merged["framing"], json!(["Why now?", "  "]));
    assert_eq!(merged["segments"][1]["question"], Value::Null);
    assert_eq!(merged["segments"][2]["question"], json!(1), "still there");
}

/// Mine makes a guest the presenter while theirs keeps them a guest: they present,
/// and are no guest as well. A guest named twice is one guest.
#[test]
fn the_presenter_is_no_guest_and_a_guest_is_listed_once() {
    let base = programme();
    let mut mine = base.clone();
    mine["presenter"] = json!({"id": "p1", "name": "Ann"});
    let mut theirs = base.clone();
    theirs["guests"][0]["affiliation"] = json!("Uni B");
    let (merged, conflicts) = merge(&base, &mine, &theirs);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    assert_eq!(merged["presenter"]["id"], json!("p1"));
    assert_eq!(merged["guests"], json!([{"personId": "p2", "name": "Bob"}]));

    let mut twice = obj(base.clone());
    twice["guests"] = json!([{"personId": "p2"}, {"personId": "p1"}, {"personId": "p2"}]);
    greenroom_protocol::merge::tidy(Entity::Programme, &mut twice);
    assert_eq!(
        twice["guests"],
        json!([{"personId": "p2"}, {"personId": "p1"}])
    );
    let mut person = obj(json!({"name": "Ann", "guests": [{"personId": "x"}, {"personId": "x"}]}));
    let untouched = person.clone();
    greenroom_protocol::merge::tidy(Entity::Person, &mut person);
    assert_eq!(person, untouched, "programmes only");
}

/// Two people made one on the desk: the presenter's other record, a guest, is
/// renamed to the presenter, and is no guest of theirs own show.
#[test]
fn a_guest_merged_into_the_presenter_is_no_guest() {
    let mut p = obj(programme());
    p.insert("presenter".into(), json!({"id": "p9", "name": "Ann N."}));
    assert!(greenroom_protocol::state::redirect_person(
        Entity::Programme,
        &mut p,
        "p1",
        "p9"
    ));
    assert_eq!(p["presenter"]["id"], json!("p9"));
    assert_eq!(p["guests"], json!([programme()["guests"][1]]));
}

fn state() -> impl Strategy<Value = Value> {
    let segment = (0..6u8, "[a-c]{0,2}", 0..3u32).prop_map(
        |(id, title, d)| json!({"id": format!("s{id}"), "title": title, "durationSeconds": d}),
    );
    // An absent affiliation is absent, as the core records it (absent is null).
    let guest = (0..5u8, prop::option::of("[a-b]")).prop_map(|(id, aff)| {
        let mut g = json!({"personId": format!("p{id}"), "name": format!("N{id}")});
        if let Some(a) = aff {
            g["affiliation"] = json!(a);
        }
        g
    });
    (
        prop::option::of("[a-c]{0,2}"),
        prop::collection::vec(segment, 0..5),
        prop::collection::vec(guest, 0..4),
        prop::collection::vec("[a-c]", 0..3),
        prop::option::of(0..2u8),
    )
        .prop_map(|(title, segments, guests, framing, updated)| {
            let mut v = json!({
                "segments": unique(segments, "id"),
                "guests": unique(guests, "personId"),
                "framing": framing,
            });
            if let Some(t) = title {
                v["title"] = json!(t);
            }
            if let Some(u) = updated {
                v["updatedAt"] = json!(format!("2026-03-0{}T09:00:00Z", u + 1));
            }
            v
        })
}

/// The items of a keyed list, the first of each key.
fn unique(items: Vec<Value>, key: &str) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    items
        .into_iter()
        .filter(|i| seen.insert(i[key].clone()))
        .collect()
}

/// A keyed list's items by key.
fn keyed<'a>(
    state: &'a Value,
    list: &str,
    key: &str,
) -> std::collections::BTreeMap<String, &'a Value> {
    state[list]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| (i[key].as_str().unwrap().to_string(), i))
        .collect()
}

proptest! {
    /// One side unchanged: the merge is the other side, exactly, without conflict.
    #[test]
    fn an_unchanged_side_gives_the_other_side(base in state(), other in state()) {
        let (m, c) = merge(&base, &base, &other);
        prop_assert_eq!(&m, &other);
        prop_assert!(c.is_empty());
        let (m, c) = merge(&base, &other, &base);
        prop_assert_eq!(&m, &other);
        prop_assert!(c.is_empty());
    }

    /// Both sides made the same state: that state, without conflict.
    #[test]
    fn the_same_edit_on_both_sides_is_that_edit(base in state(), both in state()) {
        let (m, c) = merge(&base, &both, &both);
        prop_assert_eq!(&m, &both);
        prop_assert!(c.is_empty());
    }

    /// Field by field: a side that left a field alone takes the other's; both changed
    /// it differently is one disagreement holding base, mine and theirs, theirs kept.
    #[test]
    fn each_field_is_the_side_that_changed_it_or_a_conflict(base in state(), mine in state(), theirs in state()) {
        let (m, conflicts) = merge(&base, &mine, &theirs);
        for f in ["title", "framing"] {
            let (b, mi, t, got) = (&base[f], &mine[f], &theirs[f], &m[f]);
            let here: Vec<_> = conflicts.iter().filter(|c| c.field == f).collect();
            if mi == b || mi == t {
                prop_assert_eq!(got, t);
                prop_assert!(here.is_empty());
            } else if t == b {
                prop_assert_eq!(got, mi);
                prop_assert!(here.is_empty());
            } else {
                prop_assert_eq!(got, t);
                prop_assert_eq!(here.len(), 1);
                prop_assert_eq!((&here[0].base, &here[0].mine, &here[0].theirs), (b, mi, t));
            }
        }
        // Bookkeeping never conflicts.
        prop_assert!(conflicts.iter().all(|c| c.field != "updatedAt"));
        let fields: std::collections::HashSet<_> = conflicts.iter().map(|c| &c.field).collect();
        prop_assert_eq!(fields.len(), conflicts.len(), "one disagreement per field");
    }

    /// Item by item in the keyed lists: what one side added is kept as added; an item
    /// one side left alone is the other side's (changed, or gone).
    #[test]
    fn keyed_items_are_merged_one_by_one(base in state(), mine in state(), theirs in state()) {
        let (m, _) = merge(&base, &mine, &theirs);
        for (list, key) in [("segments", "id"), ("guests", "personId")] {
            let (b, mi, t, got) = (
                keyed(&base, list, key),
                keyed(&mine, list, key),
                keyed(&theirs, list, key),
                keyed(&m, list, key),
            );
            for (k, item) in &mi {
                if !b.contains_key(k) && !t.contains_key(k) {
                    prop_assert_eq!(got.get(k), Some(item), "{} added by mine", k);
                }
            }
            for (k, item) in &t {
                if !b.contains_key(k) && !mi.contains_key(k) {
                    prop_assert_eq!(got.get(k), Some(item), "{} added by theirs", k);
                }
            }
            for (k, before) in &b {
                match (mi.get(k), t.get(k)) {
                    (Some(x), theirs_item) if x == before => {
                        prop_assert_eq!(got.get(k), theirs_item, "{} left alone by mine", k);
                    }
                    (mine_item, Some(x)) if x == before => {
                        prop_assert_eq!(got.get(k), mine_item, "{} left alone by theirs", k);
                    }
                    _ => {}
                }
            }
        }
    }

    /// Every disagreement can be put back where it was raised: putting `theirs`
    /// changes nothing (it is what was kept), and putting every `mine` gives mine's
    /// value at each of those places.
    #[test]
    fn conflicts_hold_what_was_kept_and_mine_can_be_put_back(base in state(), mine in state(), theirs in state()) {
        let (m, conflicts) = merge(&base, &mine, &theirs);
        let kept = obj(m.clone());
        let mut with_mine = kept.clone();
        for c in &conflicts {
            prop_assert!(greenroom_protocol::merge::can_put(Entity::Programme, &kept, &c.field), "{}", c.field);
            if let Some(list) = c.field.strip_suffix("#order") {
                // The desk's order is kept among the desk's items; mine's new ones sit
                // after their predecessor in mine.
                let key = if list == "guests" { "personId" } else { "id" };
                let order: Vec<&Value> = c.theirs.as_array().unwrap().iter().collect();
                let kept_order: Vec<&Value> = m[list]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| &i[key])
                    .filter(|k| order.contains(k))
                    .collect();
                prop_assert_eq!(kept_order, order);
            } else {
                let mut again = kept.clone();
                put(Entity::Programme, &mut again, &c.field, c.theirs.clone());
                prop_assert_eq!(&again, &kept, "{}: theirs is what was kept", c.field);
            }
            put(Entity::Programme, &mut with_mine, &c.field, c.mine.clone());
        }
        for c in conflicts.iter().filter(|c| !c.field.contains(['{', '#'])) {
            prop_assert_eq!(with_mine.get(&c.field).unwrap_or(&Value::Null), &c.mine);
        }
        // Deterministic: the same inputs, the same answer.
        prop_assert_eq!(merge(&base, &mine, &theirs), (m, conflicts));
    }
}

#[test]
fn a_field_of_an_item_gone_or_the_order_of_a_list_gone_has_nowhere_to_be_put() {
    let state = obj(programme());
    let can = |field: &str| greenroom_protocol::merge::can_put(Entity::Programme, &state, field);
    assert!(can("title") && can("segments{s2}.title") && can("segments#order"));
    assert!(can("guests{p9}"), "a whole item is added back");
    assert!(!can("segments{gone}.title"));
    assert!(!can("nothing{x}.y"));
    let mut bare = state.clone();
    bare.remove("segments");
    assert!(!greenroom_protocol::merge::can_put(
        Entity::Programme,
        &bare,
        "segments#order"
    ));
}
