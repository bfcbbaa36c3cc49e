//! The window at its minimum size (tauri.conf.json: 760 × 520): every main view fits
//! its width with no sideways scroll, the running order's row buttons and people
//! are on screen and in their card, and the header stays compact (issue 11, item 21).

use serde_json::json;

use crate::harness::Sandbox;

const MIN_WIDTH: u32 = 760;
const MIN_HEIGHT: u32 = 520;
const TITLE: &str = "Can the ceasefire between Israel and Hezbollah survive the winter?";

/// A full programme: presenter, three guests with long billings, framing, and a
/// running order whose segments have people and questions.
fn programme(sandbox: &Sandbox) -> String {
    let id = sandbox
        .cli(&[
            "programme",
            "add",
            "--title",
            TITLE,
            "--series",
            "Inside Story",
            "--air",
            "2025-05-16T19:30",
            "--tz",
            "Asia/Qatar",
            "--slot",
            "25m",
            "--presenter",
            "Mohammed Jamjoom",
            "--guest",
            "Maximilian Hohenberg-Waldstein – Senior fellow, European Council on Foreign Relations",
            "--guest",
            "Dareen Abughaida-Rahimova – Professor of International Relations, American University of Beirut",
            "--guest",
            "Konstantinos Papadopoulos – Independent defence and security analyst",
            "--framing",
            "What would it take for the truce to hold beyond the first sixty days of quiet?",
            "--framing",
            "Who guarantees it?",
        ])
        .trim()
        .to_string();
    for (title, duration, people) in [
        (
            "Headlines and the day's developments",
            "2m",
            &["Mohammed Jamjoom"][..],
        ),
        (
            "The panel: the truce and its guarantors",
            "20m",
            &[
                "Mohammed Jamjoom",
                "Maximilian Hohenberg-Waldstein",
                "Dareen Abughaida-Rahimova",
                "Konstantinos Papadopoulos",
            ][..],
        ),
        ("Goodbye", "1m", &["Mohammed Jamjoom"][..]),
    ] {
        let mut args = vec![
            "segment",
            "add",
            &id,
            "--kind",
            "discussion",
            "--title",
            title,
            "--duration",
            duration,
            "--question",
            "1",
        ];
        for p in people {
            args.extend(["--person", p]);
        }
        sandbox.cli(&args);
    }
    id
}

#[tokio::test]
async fn every_view_fits_the_minimum_window() {
    let sandbox = Sandbox::new();
    let id = programme(&sandbox);
    let app = sandbox.launch().await;
    app.driver
        .set_window_rect(0, 0, MIN_WIDTH, MIN_HEIGHT)
        .await
        .unwrap();
    let size = app
        .js("return [window.innerWidth, window.innerHeight];", vec![])
        .await;
    assert!(
        size[0].as_u64().unwrap() <= MIN_WIDTH as u64,
        "the window did not shrink: {size}"
    );

    app.wait_text("tr.programme-row", TITLE).await;
    let header = app
        .js(
            "return document.querySelector('.app-bar').getBoundingClientRect().height;",
            vec![],
        )
        .await;
    assert!(header.as_f64().unwrap() <= 60.0, "header {header} px tall");
    app.assert_fits("the programme list").await;
    app.shot("list").await;

    app.click("tr.programme-row").await;
    app.wait_text("#form-status", "Saved").await;
    app.wait_count("#segment-table tr.segment-row", 3).await;
    app.assert_fits("the editor").await;
    // The editor's sticky bar (title, revision line, status, buttons) stays two rows
    // high even with the longest status, so the form keeps most of a 520-pixel window.
    app.paste("#title", &"Ceasefire ".repeat(60)).await;
    app.click("#save").await;
    app.wait_text("#form-status", "Not saved").await;
    let bar = app
        .js(
            "return document.querySelector('.editor-bar').getBoundingClientRect().height;",
            vec![],
        )
        .await;
    assert!(bar.as_f64().unwrap() <= 110.0, "editor bar {bar} px tall");
    app.paste("#title", TITLE).await;
    app.click("#save").await;
    app.wait_text("#form-status", "Saved").await;
    // The row buttons and the question are on screen; the people stay in their cell.
    let placed = app
        .js(
            "const w = document.documentElement.clientWidth;
             const out = [];
             for (const row of document.querySelectorAll('#segment-table tr.segment-row')) {
               for (const e of row.querySelectorAll('button, select, input')) {
                 const r = e.getBoundingClientRect();
                 if (r.width && (r.left < 0 || r.right > w)) out.push(`${e.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
               }
               const cell = row.querySelector('.seg-people-cell').getBoundingClientRect();
               for (const chip of row.querySelectorAll('.person-chip')) {
                 const r = chip.getBoundingClientRect();
                 if (r.left < cell.left - 0.5 || r.right > cell.right + 0.5 || r.bottom > cell.bottom + 0.5) out.push(`chip ${chip.title}`);
               }
             }
             return out;",
            vec![],
        )
        .await;
    assert_eq!(placed, json!([]), "off screen or out of their cell");
    app.shot("editor").await;
    app.js(
        "document.querySelector('#segment-table').scrollIntoView();",
        vec![],
    )
    .await;
    app.shot("running-order").await;

    // The History, and a revision beside the current one (stacked at this width).
    app.click("#history").await;
    app.wait_count_at_least("#history-list > li", 2).await;
    app.assert_fits("the history").await;
    app.click(".view-revision").await;
    app.el("#revision-then").await;
    app.assert_fits("a revision beside the current one").await;
    app.shot("history-revision").await;
    app.click("#close-history").await;

    let guest = sandbox.cli_json(&["programme", "show", &id, "--json"])["guests"][1]["personId"]
        .as_str()
        .unwrap()
        .to_string();
    for (button, ready, view) in [
        ("#nav-guests", "tr.guest-dir-row", "the guest directory"),
        (
            "#nav-reports",
            "#balance-page, .balance-page",
            "the balance report",
        ),
        ("#nav-settings", "#settings-form", "settings"),
    ] {
        app.click(button).await;
        app.el(ready).await;
        app.assert_fits(view).await;
        app.shot(view).await;
    }
    app.click("#nav-guests").await;
    app.click(&format!("tr.guest-dir-row[data-id='{guest}'] .guest-open"))
        .await;
    app.wait_text("#person-page", "Abughaida").await;
    app.assert_fits("a person's page").await;
    app.click("#nav-guests").await;
    app.click("#open-duplicates").await;
    app.el("#duplicates-page, .duplicates-page").await;
    app.assert_fits("possible duplicates").await;

    app.click("#nav-programmes").await;
    app.click("#open-trash").await;
    app.el("#trash-empty").await;
    app.assert_fits("the trash").await;

    app.click("#nav-programmes").await;
    app.click("#paste-listing").await;
    app.set_value(
        "#listing-text",
        include_str!("../../src-tauri/core/tests/listings/01-inside-story-sample.txt"),
    )
    .await;
    app.assert_fits("paste a listing").await;
    app.click("#read-listing").await;
    app.el("#import-review").await;
    app.assert_fits("the import review").await;
    app.shot("import-review").await;
    app.close().await;
}
