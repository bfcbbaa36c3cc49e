//! `src/report.rs`: the balance report via the CLI.

use super::{book, run, temp_db};

#[test]
fn the_balance_report_prints_csv() {
    let (_d, db) = temp_db();
    book(
        &db,
        "First",
        "2025-05-20T19:30:00Z",
        &["Ann – A", "Bob – B"],
    );
    run(
        &db,
        &[
            "person",
            "edit",
            "Ann",
            "--gender",
            "woman",
            "--gender-source",
            "self",
        ],
    )
    .ok();
    let csv = run(
        &db,
        &[
            "report", "balance", "--from", "2025-05", "--to", "2025-05", "--csv",
        ],
    )
    .ok();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "month,series,contributors,group,count,share");
    assert!(
        lines.contains(&"2025-05,All series,2,woman,1,0.5000"),
        "{csv}"
    );
    assert!(
        lines.contains(&"2025-05,(no series),2,not recorded,1,0.5000"),
        "{csv}"
    );
    run(
        &db,
        &["report", "balance", "--from", "May", "--to", "2025-05"],
    )
    .fails(2, "not a month");
}

/// Issue 11, item 29: without --from/--to the report covers the twelve months up to
/// the latest aired programme, counts aired programmes only, and says where gender is
/// recorded.
#[test]
fn the_balance_report_defaults_to_the_last_year_with_programmes() {
    let (_d, db) = temp_db();
    book(
        &db,
        "Aired",
        "2024-03-10T19:30:00Z",
        &["Ann – A", "Bob – B"],
    );
    run(
        &db,
        &[
            "programme",
            "add",
            "--title",
            "Planned",
            "--air",
            "2024-03-20T19:30:00Z",
            "--status",
            "planned",
            "--guest",
            "Cleo – C",
        ],
    )
    .ok();
    let text = run(&db, &["report", "balance"]).ok();
    assert!(text.starts_with("2023-04 to 2024-03\n"), "{text}");
    assert!(text.contains("2024-03  All series"), "{text}");
    assert!(text.contains("2 contributors"), "{text}");
    assert!(
        text.contains("Gender is recorded in each person's details"),
        "{text}"
    );
    let rows = run(&db, &["report", "balance", "--json"]).json();
    assert_eq!(rows[0]["month"], "2024-03");
    assert_eq!(
        rows[0]["contributors"], 2,
        "the planned programme is not counted"
    );
    let only_to = run(&db, &["report", "balance", "--to", "2024-02"]).ok();
    assert!(
        only_to.starts_with("2023-03 to 2024-02\nNo guests"),
        "{only_to}"
    );
}
