//! Segments, series formats and exports through the CLI, with real readers for the
//! exported files (pulldown-cmark for Markdown; pdftotext and qpdf for PDF).

use std::process::Command;

use super::{run, temp_db};

fn panel(db: &std::path::Path) -> String {
    run(
        db,
        &[
            "programme",
            "add",
            "--title",
            "How to achieve a lasting ceasefire?",
            "--series",
            "Inside Story",
            "--presenter",
            "Dareen Abughaida",
            "--guest",
            "Pavel Felgenhauer – Independent analyst",
            "--guest",
            "هناء المصري – جامعة القاهرة",
            "--framing",
            "Why now?",
            "--framing",
            "Who pays?",
            "--air",
            "2025-05-16T19:30",
            "--tz",
            "Asia/Qatar",
            "--slot",
            "25m",
        ],
    )
    .ok()
    .trim()
    .to_string()
}

#[test]
fn segments_are_added_edited_moved_and_removed_with_timing() {
    let (_d, db) = temp_db();
    let id = panel(&db);
    for (kind, title, dur) in [
        ("intro", "Top", "1:30"),
        ("discussion", "Main", "20m"),
        ("close", "Out", "90s"),
    ] {
        run(
            &db,
            &[
                "segment",
                "add",
                &id,
                "--kind",
                kind,
                "--title",
                title,
                "--duration",
                dur,
            ],
        )
        .ok();
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

#[test]
fn a_saved_series_format_starts_the_next_programme_in_the_series() {
    let (_d, db) = temp_db();
    let id = panel(&db);
    run(
        &db,
        &[
            "segment",
            "add",
            &id,
            "--kind",
            "intro",
            "--title",
            "Top",
            "--duration",
            "2m",
        ],
    )
    .ok();
    run(
        &db,
        &[
            "segment",
            "add",
            &id,
            "--kind",
            "discussion",
            "--title",
            "Main",
            "--duration",
            "23m",
        ],
    )
    .ok();
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

#[test]
fn markdown_export_parses_and_reaches_stdout_or_a_file() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let (dir, db) = temp_db();
    let id = panel(&db);
    run(
        &db,
        &[
            "segment",
            "add",
            &id,
            "--kind",
            "discussion",
            "--title",
            "a | b *c* <script>",
            "--duration",
            "5m",
        ],
    )
    .ok();
    let md = run(&db, &["export", &id, "--format", "md", "--out", "-"]).ok();
    let events: Vec<Event> = Parser::new_ext(&md, Options::ENABLE_TABLES).collect();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::Table(_)))),
        "{md}"
    );
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert!(text.contains("a | b *c* <script>"), "{md}");
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
        "{md}"
    );
    let out = dir.path().join("sheet.md");
    run(
        &db,
        &[
            "export",
            &id,
            "--format",
            "md",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), md);
}

#[test]
fn pdf_export_is_valid_and_readable_in_a4_and_letter() {
    let (dir, db) = temp_db();
    let id = panel(&db);
    run(
        &db,
        &[
            "segment",
            "add",
            &id,
            "--kind",
            "discussion",
            "--title",
            "#read(\"/etc/passwd\")",
            "--duration",
            "5m",
        ],
    )
    .ok();
    for (paper, size) in [("a4", "595.276 x 841.89"), ("letter", "612 x 792")] {
        let out = dir.path().join(format!("sheet-{paper}.pdf"));
        run(
            &db,
            &[
                "export",
                &id,
                "--format",
                "pdf",
                "--paper",
                paper,
                "--out",
                out.to_str().unwrap(),
            ],
        )
        .ok();
        let check = Command::new("qpdf")
            .arg("--check")
            .arg(&out)
            .output()
            .expect("qpdf is installed (scripts/setup.sh test)");
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
        let info = Command::new("pdfinfo")
            .arg(&out)
            .output()
            .expect("pdfinfo (poppler-utils)");
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.contains(size), "{paper}: {info}");
        let text = Command::new("pdftotext")
            .arg(&out)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        let text = String::from_utf8_lossy(&text.stdout);
        for needle in [
            "How to achieve a lasting ceasefire?",
            "Pavel Felgenhauer",
            "Dareen Abughaida",
            "#read(\"/etc/passwd\")",
            "Inside Story",
        ] {
            assert!(
                text.contains(needle),
                "{paper}: {needle:?} missing from\n{text}"
            );
        }
    }
}

#[test]
fn exporting_to_an_unwritable_place_fails_cleanly() {
    let (dir, db) = temp_db();
    let id = panel(&db);
    let out = dir.path().join("no-such-folder/sheet.pdf");
    run(
        &db,
        &[
            "export",
            &id,
            "--format",
            "pdf",
            "--out",
            out.to_str().unwrap(),
        ],
    )
    .fails(1, "no-such-folder");
    run(&db, &["export", &id, "--format", "docx", "--out", "-"]).fails(2, "not an export format");
    run(
        &db,
        &[
            "export", &id, "--format", "pdf", "--paper", "a5", "--out", "-",
        ],
    )
    .fails(2, "paper");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        ["greenroom.db"],
        "a failed export left files behind"
    );
}
