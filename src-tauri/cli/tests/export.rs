//! `src/export.rs`: run-sheet exports through the CLI, with real readers for the
//! exported files (pulldown-cmark for Markdown; pdftotext and qpdf for PDF).

use std::process::Command;

use super::{add_segment, panel, run, temp_db};

#[test]
fn markdown_export_parses_and_reaches_stdout_or_a_file() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let (dir, db) = temp_db();
    let id = panel(&db);
    add_segment(&db, &id, "discussion", "a | b *c* <script>", "5m");
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
    add_segment(&db, &id, "discussion", "#read(\"/etc/passwd\")", "5m");
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
