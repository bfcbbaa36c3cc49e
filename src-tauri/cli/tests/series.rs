//! `src/series.rs`: a saved series format starts the next programme in the series.

use super::{add_segment, panel, run, temp_db};

#[test]
fn a_saved_series_format_starts_the_next_programme_in_the_series() {
    let (_d, db) = temp_db();
    let id = panel(&db);
    add_segment(&db, &id, "intro", "Top", "2m");
    add_segment(&db, &id, "discussion", "Main", "23m");
    run(
        &db,
        &["series", "format", "save", "Inside Story", "--from", &id],
    )
    .ok();
    let next = run(
        &db,
        &[
            "programme",
            "add",
            "--title",
            "Next",
            "--series",
            "inside story",
        ],
    )
    .ok();
    let list = run(&db, &["segment", "list", next.trim(), "--json"]).json();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[1]["title"], "Main");
    let shipped = run(
        &db,
        &["series", "format", "show", "The Panel Hour", "--json"],
    )
    .json();
    assert_eq!(shipped["total"], "25:00");
    run(&db, &["series", "format", "show", "No Such Show"]).fails(4, "no series format");
}
