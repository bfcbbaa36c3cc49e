//! Every command that takes text, called from the real window with a 5 MB string in
//! each of its text arguments (and 100 000 entries in each list), answers with a
//! validation error that does not repeat the input back, and the app keeps working.
//! The table must name every command: one added without being listed here (or in
//! `NO_TEXT`) fails the test.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::harness::Sandbox;

/// Replaced in the window by a 5 MB string, so WebDriver does not carry it.
const BIG: &str = "@@BIG@@";

/// `many(x)`: replaced in the window by 100 000 copies of `x`.
fn many(x: Value) -> Value {
    json!({ "@@MANY@@": x })
}

/// Commands with no text or list argument: nothing to make oversized.
const NO_TEXT: &[&str] = &[
    "app_info",
    "list_people",
    "list_time_zones",
    "load_example",
    "list_segment_kinds",
    "list_guests",
    "balance_range",
    "get_settings",
    "default_author",
    "trash_list",
    "empty_trash",
    "possible_duplicates",
    "undo_merge",
    "list_merges",
    "list_backups",
    "desk_status",
    "desk_leave",
    "desk_sync",
    "desk_watch",
    "desk_members",
    "desk_locks",
    "conflicts_list",
];

/// One call per text or list argument, each with only that argument oversized and
/// the others valid, so the refusal is about the argument under test.
fn calls(
    programme: &str,
    revision: i64,
    person: &str,
    person_revision: i64,
    out: &str,
) -> Vec<(&'static str, Value)> {
    let segment = |field: &str, value: Value| {
        let mut s = json!({ "kind": "discussion", "title": "Opening", "duration": "1m" });
        s[field] = value;
        json!({ "input": { "title": "t", "segments": [s] } })
    };
    let input = |field: &str, value: Value| {
        let mut i = json!({ "title": "t" });
        i[field] = value;
        json!({ "input": i })
    };
    let profile = |field: &str, value: Value| {
        let mut p = json!({ "name": "Anatol Lieven" });
        p[field] = value;
        json!({ "personId": person, "revision": person_revision, "profile": p })
    };
    let form = |field: &str, value: Value| {
        let mut f = json!({ "guests": [] });
        f[field] = value;
        json!({ "form": f })
    };
    let months = |from: &str, to: &str, series: Option<&str>| json!({ "from": from, "to": to, "series": series, "path": out });
    let mut calls = vec![
        ("list_programmes", json!({ "text": BIG })),
        ("desk_join", json!({ "url": BIG, "code": "c" })),
        (
            "desk_join",
            json!({ "url": "https://desk.example", "code": BIG }),
        ),
        (
            "desk_join",
            json!({ "url": "https://desk.example", "code": "c", "name": BIG }),
        ),
        ("last_change", json!({ "entity": BIG, "id": programme })),
        ("last_change", json!({ "entity": "programme", "id": BIG })),
        ("conflict_resolve", json!({ "id": BIG, "keep": "theirs" })),
        (
            "conflict_resolve",
            json!({ "id": "x", "keep": "value", "value": BIG }),
        ),
        ("programme_lock", json!({ "id": BIG })),
        ("programme_unlock", json!({ "id": BIG })),
        ("get_programme", json!({ "id": BIG })),
        (
            "update_programme",
            json!({ "id": BIG, "revision": 1, "input": { "title": "t" } }),
        ),
        (
            "update_programme",
            json!({ "id": programme, "revision": revision, "input": { "title": BIG } }),
        ),
        ("delete_programme", json!({ "id": BIG, "revision": 1 })),
        ("programme_history", json!({ "id": BIG })),
        ("programme_as_of", json!({ "id": BIG, "revision": 1 })),
        ("restore_programme", json!({ "id": BIG, "to": 1 })),
        ("person_history", json!({ "personId": BIG })),
        ("trash_restore", json!({ "id": BIG })),
        ("preview_timing", json!({ "air": BIG, "durations": [] })),
        (
            "preview_timing",
            json!({ "timeZone": BIG, "durations": [] }),
        ),
        ("preview_timing", json!({ "slot": BIG, "durations": [] })),
        ("preview_timing", json!({ "durations": [BIG] })),
        ("preview_timing", json!({ "durations": many(json!("1m")) })),
        ("get_series_format", json!({ "series": BIG })),
        (
            "save_series_format",
            json!({ "series": BIG, "programmeId": programme }),
        ),
        (
            "save_series_format",
            json!({ "series": "Inside Story", "programmeId": BIG }),
        ),
        ("choose_export_path", json!({ "id": BIG, "format": "md" })),
        (
            "choose_export_path",
            json!({ "id": programme, "format": BIG }),
        ),
        (
            "export_programme",
            json!({ "id": BIG, "format": "md", "path": out }),
        ),
        (
            "export_programme",
            json!({ "id": programme, "format": BIG, "path": out }),
        ),
        (
            "export_programme",
            json!({ "id": programme, "format": "pdf", "paper": BIG, "path": out }),
        ),
        (
            "export_programme",
            json!({ "id": programme, "format": "md", "path": BIG }),
        ),
        ("open_exported", json!({ "path": BIG })),
        ("guest_history", json!({ "personId": BIG })),
        (
            "guest_appearances",
            json!({ "personId": BIG, "after": null, "limit": 50 }),
        ),
        (
            "guest_appearances",
            json!({ "personId": person, "after": { "airAt": 0, "programmeId": BIG }, "limit": 50 }),
        ),
        (
            "guest_appearances",
            json!({ "personId": person, "after": null, "limit": 100000 }),
        ),
        ("booking_warnings", form("programmeId", json!(BIG))),
        ("booking_warnings", form("air", json!(BIG))),
        ("booking_warnings", form("timeZone", json!(BIG))),
        ("booking_warnings", form("slot", json!(BIG))),
        ("booking_warnings", form("guests", json!([{ "name": BIG }]))),
        (
            "booking_warnings",
            form("guests", many(json!({ "name": "Anatol Lieven" }))),
        ),
        ("set_setting", json!({ "key": BIG, "value": "14" })),
        (
            "set_setting",
            json!({ "key": "warn.recent-days", "value": BIG }),
        ),
        ("suggest_people", json!({ "typed": BIG })),
        ("person_profile", json!({ "personId": BIG })),
        (
            "update_person",
            json!({ "personId": BIG, "revision": 1, "profile": { "name": "n" } }),
        ),
        ("merge_people", json!({ "keepId": BIG, "dropId": person })),
        ("merge_people", json!({ "keepId": person, "dropId": BIG })),
        ("balance_report", json!({ "from": BIG, "to": "2025-12" })),
        ("balance_report", json!({ "from": "2025-01", "to": BIG })),
        (
            "balance_report",
            json!({ "from": "2025-01", "to": "2025-12", "series": BIG }),
        ),
        ("export_balance_csv", months(BIG, "2025-12", None)),
        ("export_balance_csv", months("2025-01", BIG, None)),
        (
            "export_balance_csv",
            months("2025-01", "2025-12", Some(BIG)),
        ),
        (
            "export_balance_csv",
            json!({ "from": "2025-01", "to": "2025-12", "path": BIG }),
        ),
        ("search", json!({ "query": BIG })),
        ("restore_backup", json!({ "fileName": BIG })),
        ("draft_listing", json!({ "text": BIG })),
        (
            "import_listing",
            json!({ "input": { "title": BIG }, "honorifics": [] }),
        ),
        (
            "import_listing",
            json!({ "input": { "title": "t" }, "honorifics": [BIG] }),
        ),
        (
            "import_listing",
            json!({ "input": { "title": "t" }, "honorifics": many(json!("Dr")) }),
        ),
        (
            "import_listing_files",
            json!({ "series": BIG, "onProgress": "@@CHANNEL@@" }),
        ),
    ];
    for field in ["title", "series", "notes", "air", "timeZone", "slot"] {
        calls.push(("create_programme", input(field, json!(BIG))));
    }
    for (field, value) in [
        ("framing", json!([BIG])),
        ("framing", many(json!("Why now?"))),
        ("presenter", json!({ "name": BIG })),
        ("guests", json!([{ "name": BIG }])),
        ("guests", json!([{ "name": "g", "affiliation": BIG }])),
        ("guests", many(json!({ "name": "Anatol Lieven" }))),
        (
            "segments",
            many(json!({ "kind": "discussion", "duration": "1m" })),
        ),
    ] {
        calls.push(("create_programme", input(field, value)));
    }
    for (field, value) in [
        ("title", json!(BIG)),
        ("duration", json!(BIG)),
        ("notes", json!(BIG)),
        ("people", json!([BIG])),
        ("people", many(json!("Anatol Lieven"))),
    ] {
        calls.push(("create_programme", segment(field, value)));
    }
    for field in [
        "name",
        "honorific",
        "affiliation",
        "baseCity",
        "baseTimeZone",
        "notes",
        "email",
        "phone",
        "gender",
    ] {
        calls.push(("update_person", profile(field, json!(BIG))));
    }
    for field in ["expertise", "languages"] {
        calls.push(("update_person", profile(field, json!([BIG]))));
        calls.push(("update_person", profile(field, many(json!("x")))));
    }
    calls
}

/// Expands the placeholders in the window, calls the command and returns its error's
/// code, field and size (or `ok`), never the reply itself.
const INVOKE: &str = "
    const done = arguments[arguments.length - 1];
    const big = 'x'.repeat(5 * 1024 * 1024);
    const expand = (v) => {
      if (v === '@@BIG@@') return big;
      if (v === '@@CHANNEL@@') return new window.__TAURI__.core.Channel();
      if (Array.isArray(v)) return v.map(expand);
      if (v && typeof v === 'object') {
        if ('@@MANY@@' in v) return new Array(100000).fill(expand(v['@@MANY@@']));
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]));
      }
      return v;
    };
    window.__TAURI__.core.invoke(arguments[0], expand(arguments[1])).then(
      () => done({ ok: true }),
      (e) => done({
        code: e && e.code, field: e && e.field, size: JSON.stringify(e).length,
        text: JSON.stringify(e).slice(0, 300),
      }));";

#[tokio::test]
async fn oversized_text_and_lists_are_refused_by_every_command() {
    let sandbox = Sandbox::new();
    let programme = sandbox
        .cli(&[
            "programme",
            "add",
            "--title",
            "NATO at 75",
            "--series",
            "Inside Story",
            "--guest",
            "Anatol Lieven – Quincy Institute",
        ])
        .trim()
        .to_string();
    let person = sandbox.cli_json(&["person", "show", "Anatol Lieven", "--json"]);
    let out = sandbox.dir.path().join("out.md").display().to_string();
    let calls = calls(
        &programme,
        1,
        person["id"].as_str().unwrap(),
        person["revision"].as_i64().unwrap(),
        &out,
    );

    let tested: BTreeSet<&str> = calls.iter().map(|(c, _)| *c).collect();
    let no_text: BTreeSet<&str> = NO_TEXT.iter().copied().collect();
    assert!(
        tested.is_disjoint(&no_text),
        "listed as taking no text: {:?}",
        tested.intersection(&no_text).collect::<Vec<_>>()
    );
    let covered: BTreeSet<&str> = tested.union(&no_text).copied().collect();
    let all: BTreeSet<&str> = greenroom_app::COMMANDS.iter().copied().collect();
    assert_eq!(
        covered, all,
        "every command in command_names.rs must be called here with oversized text, or \
         be listed in NO_TEXT"
    );

    let app = sandbox.launch().await;
    app.driver
        .set_script_timeout(std::time::Duration::from_secs(60))
        .await
        .unwrap();
    let mut wrong = Vec::new();
    for (command, args) in &calls {
        let reply = app
            .driver
            .execute_async(INVOKE, vec![json!(command), args.clone()])
            .await
            .unwrap_or_else(|e| panic!("{command} {args}: {e}"))
            .json()
            .clone();
        // Refused as invalid, naming the field, without the 5 MB in the message.
        let refused = reply["code"] == "validation"
            && reply["field"].is_string()
            && reply["size"].as_u64() < Some(1000);
        if !refused {
            wrong.push(format!("{command} {args}: {reply}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "not refused as invalid:\n{}",
        wrong.join("\n")
    );

    // Still answering, and nothing was written.
    let info = app
        .driver
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI__.core.invoke('app_info').then(done, (e) => done({ err: e }));",
            vec![],
        )
        .await
        .unwrap()
        .json()
        .clone();
    assert_eq!(info["programmeCount"], 1, "{info}");
    assert!(!std::path::Path::new(&out).exists());
    app.click("#nav-guests").await;
    app.wait_text("#app", "Anatol Lieven").await;
    app.close().await;
    let shown = sandbox.cli_json(&["programme", "show", &programme, "--json"]);
    assert_eq!(shown["revision"], 1, "{shown}");
}
