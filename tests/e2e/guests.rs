//! Guests across programmes in the window: booking warnings in the editor, the
//! person page (from a warning, from the guest directory), and the warning settings.

use std::time::Duration;

use serde_json::{json, Value};
use thirtyfour::prelude::*;

use crate::harness::Sandbox;

/// The path: a producer adds a guest who was on five days before, sees the
/// warning, and opens that guest's history from it.
#[tokio::test]
async fn adding_a_recent_guest_warns_and_opens_the_history() {
    let sandbox = Sandbox::new();
    // Warnings are judged at the new programme's air time, so no clock is involved.
    sandbox.cli(&[
        "programme",
        "add",
        "--title",
        "Earlier show",
        "--air",
        "2025-05-20T19:30",
        "--tz",
        "UTC",
        "--status",
        "aired",
        "--guest",
        "Anatol Lieven – Quincy Institute",
    ]);
    let app = sandbox.launch().await;
    app.click("#new-programme").await;
    app.type_into("#title", "Is NATO ready for a long war?")
        .await;
    app.set_value("#air-local", "2025-05-25T19:30").await;
    app.type_into("#time-zone", "UTC").await;
    app.type_into_nth(".guest-name", 0, "Anatol Lieven").await;

    let text = app
        .wait_text("#booking-warnings", "Anatol Lieven was on")
        .await;
    assert!(text.contains("Earlier show"), "{text}");
    // Issue 11, item 26: the count and the date agree (25 May less 5 is 20 May).
    assert!(
        text.contains("was on 5 days earlier, on 20 May 2025 (Earlier show)"),
        "{text}"
    );
    assert_eq!(app.count("li.booking-warning").await, 1);
    app.el("li.guest-row.has-warning").await;
    // The row is linked to the person, so it offers their history too.
    let history = app.el("li.guest-row .guest-history").await;
    assert_eq!(
        history.attr("aria-label").await.unwrap().as_deref(),
        Some("History of Anatol Lieven")
    );

    // Leaving with unsaved changes is guarded, even for the history.
    app.click(".warning-history").await;
    app.el("#unsaved-dialog").await;
    app.click("#keep-editing").await;
    app.click("#save").await;
    app.wait_text("#form-status", "Saved").await;
    // Saving does not make the programme warn about itself.
    app.wait_text("#booking-warnings", "Anatol Lieven was on")
        .await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(app.count("li.booking-warning").await, 1);

    app.click(".warning-history").await;
    app.wait_text("#person-name", "Anatol Lieven").await;
    let name = app.el("#person-name").await.text().await.unwrap();
    assert_eq!(name, "Anatol Lieven");
    app.wait_text("#person-appearances", "Earlier show").await;
    app.wait_count("tr.appearance-row", 2).await;
    let rows = app
        .driver
        .find_all(By::Css("tr.appearance-row"))
        .await
        .unwrap();
    let older = rows[1].text().await.unwrap();
    assert!(older.contains("Earlier show"), "{older}");
    assert!(older.contains("Quincy Institute"), "{older}");
    // The new programme is a draft: booked, not an appearance.
    app.wait_text("#total-appearances", "1").await;

    // Back returns to the programme being edited, now saved.
    app.click("#person-back").await;
    app.wait_value("#title", "Is NATO ready for a long war?")
        .await;
    app.wait_text("#form-status", "Saved").await;
    app.wait_text("#booking-warnings", "Anatol Lieven was on")
        .await;
    app.close().await;

    // Warnings never block a save: both programmes are in the archive.
    let list = sandbox.cli_json(&["programme", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
}

/// The guest directory leads to a person page with a timeline dot per dated
/// appearance, every appearance in the table, and the affiliations billed.
#[tokio::test]
async fn the_person_page_from_the_directory_charts_every_dated_appearance() {
    let sandbox = Sandbox::new();
    for (title, air, role) in [
        ("First debate", Some("2023-03-10T19:30"), "guest"),
        ("Second debate", Some("2024-07-02T19:30"), "guest"),
        ("Third debate", Some("2025-05-01T18:00"), "presenter"),
        ("Undated idea", None, "guest"),
    ] {
        let mut args = vec!["programme", "add", "--title", title, "--status", "aired"];
        if let Some(air) = air {
            args.extend_from_slice(&["--air", air, "--tz", "UTC"]);
        }
        if role == "guest" {
            args.extend_from_slice(&[
                "--guest",
                if title == "First debate" {
                    "Mustafa Barghouti – Palestinian Medical Relief Society"
                } else {
                    "Mustafa Barghouti – Palestinian National Initiative"
                },
                "--guest",
                "Daniel Levy – U.S./Middle East Project",
            ]);
        } else {
            args.extend_from_slice(&["--presenter", "Mustafa Barghouti"]);
        }
        sandbox.cli(&args);
    }
    let app = sandbox.launch().await;
    app.click("#nav-guests").await;
    app.el("#guest-directory").await;
    app.wait_count("tr.guest-dir-row", 2).await;
    app.type_into("#guest-filter", "barg").await;
    app.wait_count("tr.guest-dir-row", 1).await;
    app.click("tr.guest-dir-row .guest-open").await;

    app.wait_text("#person-name", "Mustafa Barghouti").await;
    app.el("#person-page").await;
    app.el("#person-timeline").await;
    app.wait_count("#person-timeline circle", 3).await;
    app.wait_count("#person-appearances tr.appearance-row", 4)
        .await;
    let last = app
        .wait_text("tr.appearance-row:last-child", "Undated idea")
        .await;
    assert!(last.contains("undated"), "{last}");
    let first = app
        .wait_text("tr.appearance-row:first-child", "Third debate")
        .await;
    assert!(first.contains("Presenter"), "{first}");
    let second = app
        .wait_text("tr.appearance-row:nth-child(2)", "Second debate")
        .await;
    assert!(second.contains("Daniel Levy"), "{second}");
    let billed = app
        .wait_text("#person-affiliations", "Palestinian National Initiative")
        .await;
    assert!(
        billed.contains("Palestinian Medical Relief Society"),
        "{billed}"
    );
    // Each dot says when and what.
    let tip = app
        .driver
        .execute(
            "return Array.from(document.querySelectorAll('#person-timeline circle title')).map(t => t.textContent).join('\\n')",
            vec![],
        )
        .await
        .unwrap();
    let tips = tip.json().as_str().unwrap().to_string();
    assert!(tips.contains("First debate"), "{tips}");
    assert!(tips.contains("2023"), "{tips}");

    // A title opens its programme; Back from the person page keeps the filter.
    app.click("#person-back").await;
    app.el("#guest-directory").await;
    app.wait_value("#guest-filter", "barg").await;
    app.wait_count("tr.guest-dir-row", 1).await;
    app.click("tr.guest-dir-row .guest-open").await;
    app.wait_text("#person-appearances", "Second debate").await;
    app.click("tr.appearance-row:nth-child(2) .appearance-open")
        .await;
    app.wait_value("#title", "Second debate").await;
    app.close().await;
}

/// The warning thresholds are set in the window and read back by the CLI; a bad
/// value is refused next to its field.
#[tokio::test]
async fn warning_settings_round_trip() {
    let sandbox = Sandbox::new();
    let app = sandbox.launch().await;
    app.click("#nav-settings").await;
    app.el("#settings-page").await;
    app.wait_value("#setting-recent-days", "14").await;
    app.wait_value("#setting-max-in-90-days", "3").await;

    app.type_into("#setting-recent-days", "3").await;
    app.type_into("#setting-max-in-90-days", "-1").await;
    app.click("#save-settings").await;
    app.wait_text("#setting-max-in-90-days-error", "whole number")
        .await;
    let invalid = app
        .el("#setting-max-in-90-days")
        .await
        .attr("aria-invalid")
        .await
        .unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));

    app.type_into("#setting-max-in-90-days", "5").await;
    app.click("#save-settings").await;
    app.wait_text("#settings-status", "Saved").await;
    app.close().await;

    let s = sandbox.cli_json(&["settings", "show", "--json"]);
    assert_eq!(s["recentDays"], 3, "{s}");
    assert_eq!(s["maxIn90Days"], 5, "{s}");
}

/// Issue 11, item 25: the directory, the person page, search and the editor give one
/// answer. Two aired programmes, and a planned one billed anew: 2 appearances, last
/// the aired one, "Next: … (planned)"; the heading shows the latest aired billing with
/// the directory's affiliation apart; picking the guest fills that billing.
#[tokio::test]
async fn planned_programmes_are_the_next_booking_not_an_appearance() {
    let sandbox = Sandbox::new();
    for (title, air, status, billed) in [
        (
            "NATO summit",
            "2025-04-20T19:30",
            "aired",
            "Quincy Institute",
        ),
        ("Black Sea", "2025-05-25T19:30", "aired", "Eurasia Program"),
        (
            "Far ahead",
            "2099-12-09T19:30",
            "planned",
            "Brand New Billing",
        ),
    ] {
        let guest = format!("Anatol Lieven – {billed}");
        sandbox.cli(&[
            "programme",
            "add",
            "--title",
            title,
            "--air",
            air,
            "--tz",
            "UTC",
            "--status",
            status,
            "--guest",
            &guest,
        ]);
    }
    sandbox.cli(&[
        "person",
        "edit",
        "Anatol Lieven",
        "--affiliation",
        "King's College London",
    ]);
    let app = sandbox.launch().await;
    app.click("#nav-guests").await;
    let row = app.wait_text("tr.guest-dir-row", "Anatol Lieven").await;
    let count = app
        .el("tr.guest-dir-row .col-count")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(count, "2", "{row}");
    let last = app.wait_text("tr.guest-dir-row .col-last", "Next:").await;
    assert!(last.contains("2025") && last.contains("2099"), "{last}");
    assert!(last.contains("(planned)"), "{last}");

    app.click("tr.guest-dir-row .guest-open").await;
    app.wait_text("#person-name", "Anatol Lieven").await;
    app.wait_text("#total-appearances", "2").await;
    let next = app.wait_text("#total-next", "(planned)").await;
    assert!(next.contains("2099"), "{next}");
    let heading = app
        .wait_text("#person-affiliation", "Eurasia Program")
        .await;
    assert!(heading.starts_with("Eurasia Program"), "{heading}");
    let apart = app
        .el(".person-directory-affiliation")
        .await
        .text()
        .await
        .unwrap();
    assert!(apart.contains("King's College London"), "{apart}");
    let billed = app.el("#person-affiliations").await.text().await.unwrap();
    assert!(!billed.contains("Brand New Billing"), "{billed}");

    app.type_into("#global-search", "lieven").await;
    let found = app.wait_text("#global-search-panel", "Anatol Lieven").await;
    assert!(found.contains("2 appearances"), "{found}");
    app.el("#global-search")
        .await
        .send_keys(Key::Escape)
        .await
        .unwrap();

    app.click("#person-back").await;
    app.click("#nav-programmes").await;
    app.click("#new-programme").await;
    app.type_into_nth(".guest-name", 0, "Anatol Li").await;
    let option = app.el(".person-suggest-option").await;
    let text = option.text().await.unwrap();
    assert!(text.contains("2 appearances"), "{text}");
    let name = app.el(".guest-name").await;
    name.send_keys(Key::Down).await.unwrap();
    name.send_keys(Key::Enter).await.unwrap();
    app.wait_value(".guest-name", "Anatol Lieven").await;
    app.wait_value(".guest-affiliation", "Eurasia Program")
        .await;

    // Typing the name out in full, without picking, links the row the same way and
    // fills the same billing — not the directory's affiliation.
    app.click("#add-guest").await;
    app.type_into_nth(".guest-name", 1, "Anatol Lieven").await;
    let mut billed = Value::Null;
    for _ in 0..100 {
        billed = app
            .js(
                "return document.querySelectorAll('.guest-affiliation')[1].value;",
                vec![],
            )
            .await;
        if billed != json!("") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(billed, json!("Eurasia Program"));
    app.close().await;
}
