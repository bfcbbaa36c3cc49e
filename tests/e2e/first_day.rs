//! The smaller things a producer met on the first day (issue 11, item 30): the
//! editor opens at its top, a new segment takes the focus, each
//! segment's people have labels of their own, dates have one format, and the header's
//! search box does not carry old text to other pages. (The import-files summary
//! naming programmes by title is behind the native file dialog; it is tested in the
//! core's import tests.)

use serde_json::{json, Value};
use thirtyfour::prelude::*;

use crate::harness::{App, Sandbox};

const TITLE: &str = "Can the Gaza truce hold?";

async fn text(app: &App, css: &str) -> String {
    app.wait_for(By::Css(css))
        .await
        .text()
        .await
        .unwrap()
        .trim()
        .to_string()
}

#[tokio::test]
async fn a_new_segment_takes_the_focus_and_each_tick_box_has_its_own_label() {
    let sandbox = Sandbox::new();
    sandbox.cli(&[
        "programme",
        "add",
        "--title",
        TITLE,
        "--presenter",
        "Mohammed Jamjoom",
        "--guest",
        "Dareen Abughaida – AUB",
    ]);
    let app = sandbox.launch().await;
    app.click("tr.programme-row").await;
    app.wait_text("#form-status", "Saved").await;

    for n in 1..=2 {
        app.click("#add-segment").await;
        app.wait_count("#segment-table tr.segment-row", n).await;
        let focused: Value = app
            .js(
                "const rows = document.querySelectorAll('#segment-table tr.segment-row');
                 return rows[rows.length - 1].querySelector('.seg-title') === document.activeElement;",
                vec![],
            )
            .await;
        assert_eq!(focused, json!(true), "segment {n}'s title is not focused");
    }
    let labels: Value = app
        .js(
            "return [...document.querySelectorAll('.seg-person')].map((c) => c.getAttribute('aria-label'));",
            vec![],
        )
        .await;
    assert_eq!(
        labels,
        json!([
            "Mohammed Jamjoom in segment 1",
            "Dareen Abughaida in segment 1",
            "Mohammed Jamjoom in segment 2",
            "Dareen Abughaida in segment 2"
        ])
    );
    app.close().await;
}

#[tokio::test]
async fn dates_read_the_same_on_every_page() {
    let sandbox = Sandbox::new();
    sandbox.cli(&[
        "programme",
        "add",
        "--title",
        TITLE,
        "--air",
        "2025-05-16T19:30",
        "--tz",
        "UTC",
        "--status",
        "aired",
        "--guest",
        "Dareen Abughaida – AUB",
    ]);
    let app = sandbox.launch().await;
    let in_list = text(&app, "tr.programme-row .col-air").await;
    app.click("#nav-guests").await;
    let in_directory = text(&app, "tr.guest-dir-row td.col-last").await;
    app.click("tr.guest-dir-row .guest-open").await;
    app.wait_text("#person-page", "Dareen Abughaida").await;
    let on_page = text(&app, "#person-page td.col-date").await;
    // The date the directory and the history show opens the list's air time.
    assert_eq!(in_directory, on_page);
    assert!(
        in_list.starts_with(&on_page),
        "list {in_list:?}, history {on_page:?}"
    );
    assert!(
        in_list.contains("2025") && in_list.contains("16"),
        "{in_list:?}"
    );
    app.close().await;
}

#[tokio::test]
async fn the_search_box_is_emptied_when_the_page_changes() {
    let sandbox = Sandbox::new();
    sandbox.cli(&["programme", "add", "--title", TITLE]);
    let app = sandbox.launch().await;
    app.type_into("#global-search", "gaza").await;
    app.wait_text("#global-search-panel", TITLE).await;
    app.click("#nav-guests").await;
    app.el("#guest-directory").await;
    app.wait_value("#global-search", "").await;
    app.close().await;
}

/// The programme opened from the foot of a long page (the import summary, the list)
/// starts at its top, not at the scroll position of the page before.
#[tokio::test]
async fn the_editor_opens_at_its_top_from_the_foot_of_a_long_page() {
    let sandbox = Sandbox::new();
    for n in 0..40 {
        sandbox.cli(&["programme", "add", "--title", &format!("{TITLE} ({n})")]);
    }
    let app = sandbox.launch().await;
    app.wait_count("tr.programme-row", 40).await;
    app.js(
        "window.scrollTo(0, document.documentElement.scrollHeight);",
        vec![],
    )
    .await;
    let before = app.js("return window.scrollY;", vec![]).await;
    assert!(before.as_f64().unwrap() > 0.0, "the list did not scroll");
    app.click("tr.programme-row:last-child").await;
    app.wait_text("#form-status", "Saved").await;
    let top = app.js("return window.scrollY;", vec![]).await;
    assert_eq!(top, json!(0), "the editor opened scrolled down");
    app.close().await;
}
