//! `src/segment.rs`: segments added, edited, moved and removed through the CLI, with
//! their timing.

use super::{add_segment, panel, run, temp_db};

#[test]
fn segments_are_added_edited_moved_and_removed_with_timing() {
    let (_d, db) = temp_db();
    let id = panel(&db);
    for (kind, title, dur) in [
        ("intro", "Top", "1:30"),
        ("discussion", "Main", "20m"),
        ("close", "Out", "90s"),
    ] {
        add_segment(&db, &id, kind, title, dur);
    }
    run(
        &db,
        &[
            "segment",
            "edit",
            &id,
            "2",
            "--person",
            "pavel felgenhauer",
            "--question",
            "2",
        ],
    )
    .ok();
    let list = run(&db, &["segment", "list", &id, "--json"]).json();
    let rows: Vec<(String, String, String, u64)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["title"].as_str().unwrap().into(),
                s["start"].as_str().unwrap().into(),
                s["end"].as_str().unwrap().into(),
                s["durationSeconds"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Top".into(), "19:30:00".into(), "19:31:30".into(), 90),
            ("Main".into(), "19:31:30".into(), "19:51:30".into(), 1200),
            ("Out".into(), "19:51:30".into(), "19:53:00".into(), 90),
        ]
    );
    assert_eq!(list[1]["people"][0]["name"], "Pavel Felgenhauer");
    assert_eq!(list[1]["question"], 2);
    assert_eq!(list[1]["kind"], "discussion");

    let text = run(&db, &["segment", "move", &id, "3", "--to", "1"]).ok();
    assert!(text.contains("Total 23:00 · 2:00 to fill"), "{text}");
    run(&db, &["segment", "remove", &id, "2"]).ok();
    let list = run(&db, &["segment", "list", &id, "--json"]).json();
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Out", "Main"]);

    run(&db, &["segment", "remove", &id, "7"]).fails(2, "there is no segment 7");
    run(
        &db,
        &["segment", "add", &id, "--kind", "x", "--duration", "1m"],
    )
    .fails(2, "not a segment kind");
    run(
        &db,
        &["segment", "add", &id, "--kind", "break", "--duration=-5"],
    )
    .fails(2, "not a duration");
    run(
        &db,
        &[
            "segment",
            "add",
            &id,
            "--kind",
            "break",
            "--duration",
            "99:99:99",
        ],
    )
    .fails(2, "00-59");
    run(
        &db,
        &[
            "segment",
            "add",
            &id,
            "--kind",
            "break",
            "--duration",
            "1m",
            "--person",
            "Nobody",
        ],
    )
    .fails(2, "not on this programme");
}
