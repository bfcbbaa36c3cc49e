//! `src/main.rs`'s mapping of errors to exit codes: the exit codes the README
//! documents, for every command family: `0` ok, `1` storage or file problem, `2`
//! invalid input (clap's usage errors too), `3` conflict, `4` not found, `5` ambiguous
//! name.

use std::path::Path;

use super::{run, temp_db};

const UNKNOWN_ID: &str = "019a0000-0000-7000-8000-000000000000";

/// A database with one programme whose first two guests are both named "Ann Lee" (the
/// second renamed); returns the programme id.
fn archive(db: &Path) -> String {
    let id = run(
        db,
        &[
            "programme",
            "add",
            "--title",
            "T",
            "--guest",
            "Ann Lee – A",
            "--guest",
            "Bo Roe – B",
            "--guest",
            "Cy Dee – C",
            "--framing",
            "Q?",
        ],
    )
    .ok()
    .trim()
    .to_string();
    run(db, &["person", "edit", "Bo Roe", "--name", "Ann Lee"]).ok();
    id
}

#[test]
fn every_family_exits_with_the_documented_codes() {
    let (dir, db) = temp_db();
    let id = archive(&db);
    let d = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (listing, not_json, not_a_db, missing) = (
        d("listing.txt"),
        d("notes.json"),
        d("not-a-db.db"),
        d("missing/nothing"),
    );
    std::fs::write(
        &listing,
        "Is it over?\nPresenter: Ann Lee\nGuests:\nCy Dee – C\n",
    )
    .unwrap();
    std::fs::write(&not_json, "{ not json").unwrap();
    std::fs::write(&not_a_db, "just text, not SQLite").unwrap();
    let backup = run(&db, &["backup"]).ok().trim().to_string();
    let out_md = d("sheet.md");
    let out_json = d("archive.json");

    // (family, expected code, arguments, what stderr says, on the good database or
    // on the file that is not one).
    #[rustfmt::skip]
    let cases: Vec<(&str, i32, Vec<&str>, &str, bool)> = vec![
        ("programme", 0, vec!["programme", "show", &id], "", true),
        ("programme", 1, vec!["programme", "list"], "not a Greenroom database", false),
        ("programme", 2, vec!["programme", "edit", &id, "--guest", ""], "--guest", true),
        ("programme", 3, vec!["programme", "edit", &id, "--notes", "n", "--revision", "99"], "changed elsewhere", true),
        ("programme", 4, vec!["programme", "show", UNKNOWN_ID], "no programme", true),
        ("segment", 0, vec!["segment", "list", &id], "", true),
        ("segment", 1, vec!["segment", "list", &id], "not a Greenroom database", false),
        ("segment", 2, vec!["segment", "add", &id, "--duration", "soon"], "not a duration", true),
        ("segment", 3, vec!["segment", "add", &id, "--duration", "1m", "--revision", "99"], "changed elsewhere", true),
        ("segment", 4, vec!["segment", "list", UNKNOWN_ID], "no programme", true),
        ("person", 0, vec!["person", "list"], "", true),
        ("person", 1, vec!["person", "list"], "not a Greenroom database", false),
        ("person", 2, vec!["person", "edit", "Cy Dee", "--tz", "Mars/Olympus"], "not a time zone", true),
        ("person", 3, vec!["person", "edit", "Cy Dee", "--city", "Doha", "--revision", "99"], "changed elsewhere", true),
        ("person", 4, vec!["person", "show", "Nobody At All"], "no person named \"Nobody At All\"", true),
        ("person", 5, vec!["person", "show", "Ann Lee"], "several persons match", true),
        ("person", 5, vec!["person", "edit", "ann  lee", "--city", "Doha"], "several persons match", true),
        ("guest", 0, vec!["guest", "list"], "", true),
        ("guest", 1, vec!["guest", "list"], "not a Greenroom database", false),
        ("guest", 2, vec!["guest", "unmerge", "not-an-id"], "not a", true),
        ("guest", 4, vec!["guest", "history", "Nobody At All"], "no person named \"Nobody At All\"", true),
        ("guest", 5, vec!["guest", "history", "Ann Lee"], "several persons match", true),
        ("import", 0, vec!["import", "listing", &listing], "", true),
        ("import", 1, vec!["import", "listing", &missing], "cannot read", true),
        ("import", 1, vec!["import", "listings", &missing], "cannot read", true),
        ("import", 2, vec!["import", "listing", &listing, "--status", "maybe"], "not a status", true),
        ("archive", 0, vec!["archive", "export", "--out", &out_json], "", true),
        ("archive", 1, vec!["archive", "import", &missing], "cannot read", true),
        ("archive", 2, vec!["archive", "import", &not_json], "not valid JSON", true),
        ("backup", 0, vec!["backup", "list"], "", true),
        ("backup", 1, vec!["backup", "--out", &missing], "", true),
        ("backup", 2, vec!["backup", "--out"], "a value is required", true),
        ("restore", 1, vec!["restore", &missing], "", true),
        ("restore", 2, vec!["restore", db.to_str().unwrap()], "the database itself", true),
        // A desk's refusals by the server's own word are in tests/desk.rs (they need one).
        ("desk", 0, vec!["desk", "status"], "", true),
        ("desk", 1, vec!["desk", "leave"], "not linked to a desk", true),
        ("desk", 2, vec!["desk", "join", "desk.example.org", "CODE", "--upload-local"], "not a server address", true),
        ("sync", 1, vec!["sync"], "not linked to a desk", true),
        ("conflicts", 1, vec!["conflicts", "list"], "not linked to a desk", true),
        ("conflicts", 2, vec!["conflicts", "resolve", "x", "--keep", "both"], "invalid value 'both'", true),
        ("restore", 0, vec!["restore", &backup], "", true),
        ("export", 0, vec!["export", &id, "--format", "md", "--out", &out_md], "", true),
        ("export", 1, vec!["export", &id, "--format", "md", "--out", &missing], "", true),
        ("export", 2, vec!["export", &id, "--format", "docx", "--out", &out_md], "docx", true),
        ("export", 4, vec!["export", UNKNOWN_ID, "--format", "md", "--out", &out_md], "no programme", true),
        ("series", 0, vec!["series", "format", "show", "The Panel Hour"], "", true),
        ("series", 1, vec!["series", "format", "show", "The Panel Hour"], "not a Greenroom database", false),
        ("series", 4, vec!["series", "format", "show", "No Such Series"], "No Such Series", true),
        ("settings", 0, vec!["settings", "show"], "", true),
        ("settings", 1, vec!["settings", "show"], "not a Greenroom database", false),
        ("settings", 2, vec!["settings", "set", "no.such.key", "1"], "no.such.key", true),
        ("report", 0, vec!["report", "balance", "--from", "2025-01", "--to", "2025-12"], "", true),
        ("report", 1, vec!["report", "balance", "--from", "2025-01", "--to", "2025-12"], "not a Greenroom database", false),
        ("report", 2, vec!["report", "balance", "--from", "2025-13", "--to", "2025-12"], "2025-13", true),
        ("search", 0, vec!["search", "Ann"], "", true),
        ("search", 1, vec!["search", "Ann"], "not a Greenroom database", false),
        ("calendar", 0, vec!["export-calendar", "--out", "-"], "", true),
        ("calendar", 2, vec!["export-calendar", "--out", "-", "--from", "May"], "May", true),
    ];
    let mut wrong = Vec::new();
    for (family, code, args, says, good_db) in &cases {
        let target = if *good_db {
            db.as_path()
        } else {
            Path::new(&not_a_db)
        };
        let r = run(target, args);
        if r.code != *code || !r.stderr.contains(says) || (*code != 0 && !r.stdout.is_empty()) {
            wrong.push(format!(
                "{family}: {args:?} exited {} (want {code}), stderr {:?}",
                r.code, r.stderr
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every family has its success and its invalid input, and each documented code
    // is exercised somewhere.
    for code in 0..=5 {
        assert!(cases.iter().any(|c| c.1 == code), "no case exits {code}");
    }
}
