//! Escape (ui/js/dom.js `escapeLeaves`): it closes what is open — a suggestion list,
//! a menu, a dialog — and from a field it never asks "Leave without saving?"
//! (issue 11, item 20). Outside the fields it still means "back".

use serde_json::json;
use thirtyfour::prelude::*;

use crate::harness::{App, Sandbox};

async fn dialog_open(app: &App) -> bool {
    app.js(
        "return document.querySelector('dialog[open]') !== null;",
        vec![],
    )
    .await
    .as_bool()
    .unwrap()
}

async fn escape_in(app: &App, css: &str) {
    let field = app.el(css).await;
    field.click().await.unwrap();
    field.send_keys(Key::Escape).await.unwrap();
    // Leaving is deferred a tick (editor.js): give it the time it would take.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!dialog_open(app).await, "Escape in {css} asked to leave");
    app.el("#programme-form").await;
}

#[tokio::test]
async fn escape_in_a_field_closes_its_popup_and_never_asks_to_leave() {
    let sandbox = Sandbox::new();
    sandbox.cli(&[
        "programme",
        "add",
        "--title",
        "Earlier",
        "--series",
        "Inside Story",
        "--guest",
        "Tarık Oğuzlu – Antalya Bilim University",
    ]);
    let app = sandbox.launch().await;
    app.click("#new-programme").await;
    app.type_into("#title", "Where is Turkey heading?").await;
    app.wait_text("#form-status", "Unsaved").await;

    // Fields with the browser's own suggestion lists, and plain ones.
    app.type_into("#series", "Ins").await;
    escape_in(&app, "#series").await;
    escape_in(&app, "#time-zone").await;
    escape_in(&app, "#title").await;
    escape_in(&app, "#slot").await;

    // The directory's suggestions: the first Escape closes them, the next does nothing.
    app.type_into_nth(".guest-name", 0, "Tarik").await;
    app.el(".person-suggest-option").await;
    escape_in(&app, ".guest-name").await;
    app.wait_count(".person-suggest:not([hidden])", 0).await;
    escape_in(&app, ".guest-name").await;
    assert_eq!(
        app.el("#title").await.value().await.unwrap().as_deref(),
        Some("Where is Turkey heading?")
    );

    // Away from the fields Escape still goes back, asking first; in the dialog it
    // closes the dialog and keeps the editor.
    app.js("document.activeElement.blur();", vec![]).await;
    app.driver
        .action_chain()
        .send_keys(Key::Escape)
        .perform()
        .await
        .unwrap();
    app.el("#unsaved-dialog[open]").await;
    app.el("#keep-editing")
        .await
        .send_keys(Key::Escape)
        .await
        .unwrap();
    let start = std::time::Instant::now();
    while dialog_open(&app).await {
        assert!(start.elapsed().as_secs() < 10, "the dialog stayed open");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app.el("#programme-form").await;
    assert_eq!(
        app.js("return document.title;", vec![]).await,
        json!("New programme — Greenroom")
    );
    app.close().await;
}
