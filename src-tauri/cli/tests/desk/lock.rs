//! `lock` / `unlock`: a programme locked for air on one member is refused to the
//! others — by the desk when they did not know, here before it is made once they do —
//! and their edits made meanwhile wait, queued, until it is unlocked.

use super::{two_with_water, Member};

/// `sync --watch` on `m`, stopped when dropped: a failing test must not leave it
/// running (it holds the test's stderr open).
struct Watching(std::process::Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn watch(m: &Member) -> Watching {
    Watching(
        m.command(&["sync", "--watch"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .unwrap(),
    )
}

fn pending(m: &Member) -> i64 {
    m.json(&["desk", "status", "--json"])["pending"]
        .as_i64()
        .unwrap()
}

#[test]
fn a_programme_locked_on_one_member_is_refused_to_another_naming_the_holder() {
    let (_desk, ann, bo, id) = two_with_water();
    let said = ann.run(&["lock", &id]).ok();
    assert!(
        said.starts_with("locked \"Water\" for air (by Ann since "),
        "{said}"
    );
    bo.sync();
    let locks = bo.json(&["desk", "locks", "--json"]);
    assert_eq!(locks[0]["memberName"], "Ann");
    assert_eq!(locks[0]["entityId"], id.as_str());
    assert_eq!(locks[0]["mine"], false);
    assert_eq!(ann.json(&["desk", "locks", "--json"])[0]["mine"], true);

    let refused = bo
        .run(&["programme", "edit", &id, "--title", "Water, Bo's"])
        .fails(3, "Ann locked this programme for air at ");
    assert!(
        refused.stderr.contains("until Ann unlocks it"),
        "{}",
        refused.stderr
    );
    assert_eq!(pending(&bo), 0, "nothing queued");
    assert_eq!(bo.show(&id)["title"], "Water");
    // Nor does Bo take the lock, or drop it.
    bo.run(&["lock", &id]).fails(3, "Ann locked this programme");
    bo.run(&["unlock", &id]).fails(1, "only they or an admin");

    // The holder edits as ever, and the others get it.
    ann.edit(&id, &["--title", "Water, live"]);
    ann.sync();
    bo.sync();
    assert_eq!(bo.show(&id)["title"], "Water, live");

    ann.run(&["unlock", &id]).ok();
    bo.sync();
    assert_eq!(bo.run(&["desk", "locks"]).ok().trim(), "nothing is locked");
    bo.edit(&id, &["--notes", "after air"]);
}

#[test]
fn an_edit_made_offline_on_a_locked_programme_waits_queued_and_lands_after_unlock() {
    let (_desk, ann, bo, id) = two_with_water();
    let status = ann.show(&id)["status"].clone();
    assert_ne!(status, "confirmed");
    // Bo, offline, has not heard of the lock.
    bo.edit(&id, &["--status", "confirmed"]);
    ann.run(&["lock", &id]).ok();
    ann.edit(&id, &["--title", "Water, live"]);
    ann.sync();

    let said = bo.run(&["sync"]).ok();
    assert!(
        said.contains("1 change held back: another member locked the programme"),
        "{said}"
    );
    assert_eq!(pending(&bo), 1, "still queued");
    let seen = bo.show(&id);
    assert_eq!(
        (seen["title"].as_str(), seen["status"].as_str()),
        (Some("Water, live"), Some("confirmed")),
        "Ann's edit pulled in over Bo's waiting one"
    );
    ann.sync();
    assert_eq!(
        ann.show(&id)["status"],
        status,
        "nothing of Bo's on the desk"
    );
    // A second sync while it is locked sends it again and keeps it again.
    bo.sync();
    assert_eq!(pending(&bo), 1);

    ann.run(&["unlock", &id]).ok();
    let s = bo.sync();
    assert_eq!(s["pushed"]["locked"], 0, "{s}");
    assert_eq!(pending(&bo), 0);
    ann.sync();
    let landed = ann.show(&id);
    assert_eq!(
        (landed["title"].as_str(), landed["status"].as_str()),
        (Some("Water, live"), Some("confirmed"))
    );
}

/// A member syncing by itself hears a lock taken at once (the desk's `locks` event),
/// not at its next sync: the lock is in its database within seconds, with no push or
/// pull of changes.
#[test]
fn sync_watch_hears_a_lock_taken_and_dropped() {
    let (_desk, ann, bo, id) = two_with_water();
    let _watching = watch(&bo);
    let locks = |m: &Member| m.json(&["desk", "locks", "--json"]);
    let wait_for = |what: &str, holds: &dyn Fn() -> bool| {
        let start = std::time::Instant::now();
        while !holds() {
            assert!(start.elapsed().as_secs() < 30, "{what}");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };
    // The watch's first sync and its events stream.
    std::thread::sleep(std::time::Duration::from_secs(2));
    ann.run(&["lock", &id]).ok();
    wait_for("the lock reached Bo", &|| {
        locks(&bo)[0]["memberName"] == "Ann"
    });
    ann.run(&["unlock", &id]).ok();
    wait_for("the unlock reached Bo", &|| {
        locks(&bo).as_array().is_some_and(Vec::is_empty)
    });
}

/// What a lock held back goes out as soon as the watch hears of the unlock, not at its
/// next minute's sync.
#[test]
fn sync_watch_sends_what_a_lock_held_back_once_unlocked() {
    let (_desk, ann, bo, id) = two_with_water();
    ann.run(&["lock", &id]).ok();
    // Bo did not know: his edit is made, and his watch's first push is refused.
    bo.run(&["programme", "edit", &id, "--title", "Water, held"])
        .ok();
    let _watching = watch(&bo);
    let title = || {
        ann.sync();
        ann.json(&["programme", "show", &id, "--json"])["title"].clone()
    };
    let start = std::time::Instant::now();
    while bo.json(&["desk", "locks", "--json"])[0]["memberName"] != "Ann" {
        assert!(start.elapsed().as_secs() < 30, "Bo's watch never synced");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(pending(&bo), 1, "held back, still queued");
    assert_eq!(title(), "Water");

    ann.run(&["unlock", &id]).ok();
    let unlocked = std::time::Instant::now();
    // The watch's fallback sync is a minute away: well before it, the edit is out.
    while title() != "Water, held" {
        assert!(
            unlocked.elapsed().as_secs() < 30,
            "the held edit did not go out on the unlock"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}
