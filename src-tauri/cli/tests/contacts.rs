//! Every command that prints or exports (`src/*.rs`) against core `people/profile.rs`'s
//! private fields: contact details (email, phone) leave the database only when asked
//! for: no export, listing, report or search result has them, on stdout or stderr, and
//! a merge does not copy them into the notes, which are exported.

use std::path::Path;
use std::process::Command;

use super::{person_id, run, temp_db};

/// Each person's email and phone, kept apart from every other text in the database.
const CONTACTS: [(&str, &str, &str); 4] = [
    (
        "Dareen Abughaida",
        "dareen.private@contact.example",
        "+974 5550 1001",
    ),
    (
        "Anatol Lieven",
        "anatol.private@contact.example",
        "+1 202 555 0102",
    ),
    (
        "Pavel Felgenhauer",
        "pavel.private@contact.example",
        "+7 495 555 0103",
    ),
    (
        "Anatol Lieven.",
        "second.address@contact.example",
        "+44 20 7946 0104",
    ),
];

fn assert_private(what: &str, text: &str) {
    for (name, email, phone) in CONTACTS {
        let local = email.split('@').next().unwrap();
        let digits = phone.rsplit(' ').next().unwrap();
        for secret in [email, local, phone, digits] {
            assert!(
                !text.contains(secret),
                "{what} shows {name}'s contact detail {secret:?}:\n{text}"
            );
        }
    }
}

/// Runs `args`, checks it succeeded and that neither stream shows a contact detail;
/// returns stdout.
fn private(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert_private(&format!("stderr of {args:?}"), &out.stderr);
    let stdout = out.ok();
    assert_private(&format!("{args:?}"), &stdout);
    stdout
}

fn add(db: &Path, title: &str, guests: &[&str]) -> String {
    add_with(db, title, guests, &[])
}

/// [`add`] with more options.
fn add_with(db: &Path, title: &str, guests: &[&str], more: &[&str]) -> String {
    let mut args = vec![
        "programme",
        "add",
        "--title",
        title,
        "--series",
        "Inside Story",
        "--presenter",
        "Dareen Abughaida",
        "--air",
        "2025-05-16T19:30",
        "--tz",
        "Asia/Qatar",
        "--slot",
        "25m",
        "--status",
        "aired",
    ];
    for g in guests {
        args.extend(["--guest", g]);
    }
    args.extend_from_slice(more);
    private(db, &args).trim().to_string()
}

#[test]
fn contact_details_are_in_no_export_listing_report_or_search() {
    let (dir, db) = temp_db();
    let id = add(
        &db,
        "How to achieve a lasting ceasefire?",
        &[
            "Anatol Lieven – Quincy Institute",
            "Pavel Felgenhauer – Defence analyst",
        ],
    );
    // A second entry for him, on purpose (confirmed as new, see issue 11 item 27).
    let earlier = add_with(
        &db,
        "NATO at 75",
        &["Anatol Lieven. – Quincy Institute"],
        &["--new-person", "Anatol Lieven."],
    );
    private(
        &db,
        &[
            "segment",
            "add",
            &id,
            "--kind",
            "discussion",
            "--duration",
            "10m",
            "--title",
            "Opening round",
            "--person",
            "Anatol Lieven",
        ],
    );
    for (name, email, phone) in CONTACTS {
        private(
            &db,
            &[
                "person",
                "edit",
                name,
                "--email",
                email,
                "--phone",
                phone,
                "--notes",
                "Prefers Zoom",
            ],
        );
    }
    private(
        &db,
        &["series", "format", "save", "Inside Story", "--from", &id],
    );

    // Asked for, they are there: the checks below would catch them.
    let shown = run(
        &db,
        &["person", "show", "Anatol Lieven", "--json", "--contacts"],
    )
    .json();
    assert_eq!(shown["email"], CONTACTS[1].1);
    let with = run(
        &db,
        &["archive", "export", "--out", "-", "--include-contacts"],
    )
    .ok();
    for (_, email, phone) in CONTACTS {
        assert!(with.contains(email) && with.contains(phone), "{with}");
    }

    let duplicates = private(&db, &["guest", "duplicates", "--json"]);
    assert!(duplicates.contains("Anatol Lieven."), "{duplicates}");
    // Two addresses for one guest: the merge keeps one, and the other stays in the
    // merge record (not in the notes, which every export carries).
    let keep = person_id(&db, "Anatol Lieven");
    let drop = person_id(&db, "Anatol Lieven.");
    private(&db, &["guest", "merge", &keep, &drop]);
    let notes = run(
        &db,
        &["person", "show", "Anatol Lieven", "--json", "--contacts"],
    )
    .json();
    assert!(
        notes["notes"].as_str().unwrap().contains("Prefers Zoom"),
        "{notes}"
    );
    assert_private(
        "the merged person's notes",
        notes["notes"].as_str().unwrap(),
    );

    for args in [
        &["programme", "show", &id, "--json"][..],
        &["programme", "show", &id],
        &["programme", "show", &earlier, "--json"],
        &["programme", "list", "--json"],
        &["programme", "list"],
        &["person", "list", "--json"],
        &["person", "show", "Anatol Lieven", "--json"],
        &["person", "show", "Anatol Lieven"],
        &["segment", "list", &id, "--json"],
        &["series", "format", "show", "Inside Story", "--json"],
        &["search", "Anatol", "--json"],
        &["search", "Quincy", "--json"],
        &["search", "Prefers", "--json"],
        &["search", "contact.example", "--json"],
        &["guest", "history", "Anatol Lieven", "--json"],
        &["guest", "history", "Pavel Felgenhauer"],
        &["guest", "list", "--json"],
        &["guest", "list"],
        &["guest", "duplicates", "--json"],
        &[
            "report", "balance", "--from", "2025-01", "--to", "2025-12", "--csv",
        ],
        &[
            "report", "balance", "--from", "2025-01", "--to", "2025-12", "--json",
        ],
        &["export", &id, "--format", "md", "--out", "-"],
        &["archive", "export", "--out", "-"],
        &["export-calendar", "--out", "-"],
    ] {
        private(&db, args);
    }

    let pdf = dir.path().join("runsheet.pdf");
    private(
        &db,
        &[
            "export",
            &id,
            "--format",
            "pdf",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Anatol Lieven"), "{text}");
    assert_private("the PDF run-sheet", &text);

    let csv_dir = dir.path().join("csv");
    private(&db, &["archive", "csv", "--out", csv_dir.to_str().unwrap()]);
    for file in ["programmes.csv", "people.csv", "appearances.csv"] {
        let text = std::fs::read_to_string(csv_dir.join(file)).unwrap();
        assert!(text.contains("Anatol Lieven"), "{file}: {text}");
        assert_private(file, &text);
    }
}
