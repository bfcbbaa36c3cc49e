//! Undoing, after a sync, what this member did and already sent: a deletion the
//! desk has (the trash still holds it, and restoring it reaches the others) and a
//! merge the desk has (unmerging brings the person back everywhere).

use super::{archive, person_id, Desk};

#[test]
fn a_programme_deleted_and_synced_is_still_in_the_trash_and_its_restore_reaches_the_others() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let bo = desk.member("Bo", &[]);
    let id = ann.add("Water");
    ann.sync();
    ann.run(&["programme", "delete", &id]).ok();
    ann.sync();
    bo.sync();
    let trash = ann.json(&["trash", "list", "--json"]);
    assert_eq!(trash[0]["id"], id.as_str(), "{trash}");
    ann.run(&["trash", "restore", &id]).ok();
    ann.sync();
    bo.sync();
    assert_eq!(bo.show(&id)["title"], "Water");
    assert_eq!(archive(&ann), archive(&bo));
}

#[test]
fn a_merge_synced_then_unmerged_brings_the_person_back_on_every_member() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let bo = desk.member("Bo", &[]);
    ann.add("Water");
    let oil = ann.run(&[
        "programme",
        "add",
        "--title",
        "Oil",
        "--guest",
        "P. Felgenhauer – Analyst",
        "--new-person",
        "P. Felgenhauer",
    ]);
    let oil = oil.ok().trim().to_string();
    ann.sync();
    bo.sync();
    let (keep, drop) = (
        person_id(&ann, "Pavel Felgenhauer"),
        person_id(&ann, "P. Felgenhauer"),
    );
    let merge = ann.run(&["guest", "merge", &keep, &drop]).ok();
    ann.sync();
    bo.sync();
    assert_eq!(bo.show(&oil)["guests"][0]["personId"], keep.as_str());
    ann.run(&["guest", "unmerge", merge.trim()]).ok();
    ann.sync();
    bo.sync();
    for m in [&ann, &bo] {
        assert_eq!(person_id(m, "P. Felgenhauer"), drop);
        assert_eq!(m.show(&oil)["guests"][0]["personId"], drop.as_str());
    }
    assert_eq!(archive(&ann), archive(&bo));
}
