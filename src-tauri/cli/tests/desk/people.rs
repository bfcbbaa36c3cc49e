//! A person as the desk shares them: their row's times are part of their state, so
//! every member's archive holds the same ones, not the moment each pulled them.

use serde_json::Value;

use super::{two_with_water, Member};

/// The people of the member's `archive export`, by name: (createdAt, updatedAt).
fn times(m: &Member) -> Vec<(String, Value, Value)> {
    let archive: Value =
        serde_json::from_str(&m.run(&["archive", "export", "--out", "-"]).ok()).unwrap();
    let mut people: Vec<(String, Value, Value)> = archive["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let name = p["name"].as_str().unwrap().to_string();
            (name, p["createdAt"].clone(), p["updatedAt"].clone())
        })
        .collect();
    people.sort_by(|a, b| a.0.cmp(&b.0));
    people
}

#[test]
fn a_person_edited_on_one_member_has_the_same_times_on_every_member() {
    let (_desk, ann, bo, _) = two_with_water();
    assert_eq!(times(&ann), times(&bo), "as created");
    let before = times(&bo);

    ann.run(&["person", "edit", "Pavel Felgenhauer", "--city", "Moscow"])
        .ok();
    ann.sync();
    bo.sync();
    let (ann_now, bo_now) = (times(&ann), times(&bo));
    assert_eq!(ann_now, bo_now);
    let pavel = |t: &[(String, Value, Value)]| {
        t.iter()
            .find(|(name, ..)| name == "Pavel Felgenhauer")
            .cloned()
            .unwrap()
    };
    let (was, now) = (pavel(&before), pavel(&bo_now));
    assert_eq!(was.1, now.1, "created once");
    assert_ne!(was.2, now.2, "the edit moved updatedAt");
}
