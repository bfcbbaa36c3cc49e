//! The booking-warning thresholds are the desk's: one member's change reaches the
//! others and their warnings use it; who changes are recorded as and how long the
//! trash keeps things stay on each machine. Joining takes the desk's thresholds
//! unless the database's own are uploaded.

use super::{Desk, Member};

fn settings(m: &Member) -> serde_json::Value {
    m.json(&["settings", "show", "--json"])
}

/// Bo books Rami Khouri on 1 and 21 May: 20 days apart. What the second save warns.
fn second_booking_warning(m: &Member) -> String {
    let add = |air: &str| {
        let args = [
            "programme",
            "add",
            "--title",
            "Talks",
            "--air",
            air,
            "--guest",
        ];
        let mut all = args.to_vec();
        all.push("Rami Khouri");
        m.run(&all)
    };
    add("2025-05-01T19:00:00Z").ok();
    let second = add("2025-05-21T19:00:00Z");
    let warned = second.stderr.clone();
    second.ok();
    warned
}

#[test]
fn a_booking_threshold_set_by_one_member_is_every_members_and_local_settings_stay() {
    let desk = Desk::start();
    let ann = desk.member("Ann", &[]);
    let bo = desk.member("Bo", &[]);
    bo.run(&["settings", "set", "author.name", "Bo on the laptop"])
        .ok();
    bo.run(&["settings", "set", "trash.days", "60"]).ok();
    ann.run(&["settings", "set", "warn.recent-days", "30"]).ok();
    ann.run(&["settings", "set", "trash.days", "7"]).ok();
    let s = ann.sync();
    assert_eq!(s["pushed"]["applied"], 1, "the threshold alone: {s}");
    bo.sync();
    let mine = settings(&bo);
    assert_eq!(mine["recentDays"], 30, "{mine}");
    assert_eq!(mine["maxIn90Days"], 3);
    assert_eq!(mine["authorName"], "Bo on the laptop");
    assert_eq!(mine["trashDays"], 60);
    assert_eq!(settings(&ann)["trashDays"], 7);
    // 20 days apart: over the default 14, within the desk's 30.
    let warned = second_booking_warning(&bo);
    assert!(warned.contains("within 30 days"), "{warned}");

    // A newcomer's own threshold gives way to the desk's; uploaded, it is shared.
    let cy = Member::new();
    cy.run(&["settings", "set", "warn.recent-days", "5"]).ok();
    desk.join(&cy, "Cy", &[]).ok();
    cy.sync();
    assert_eq!(settings(&cy)["recentDays"], 30);
    let dee = Member::new();
    dee.run(&["settings", "set", "warn.max-in-90-days", "6"])
        .ok();
    desk.join(&dee, "Dee", &["--upload-local"]).ok();
    dee.sync();
    ann.sync();
    let ann_now = settings(&ann);
    assert_eq!(
        (&ann_now["recentDays"], &ann_now["maxIn90Days"]),
        (&30.into(), &6.into())
    );
}
