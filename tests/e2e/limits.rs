//! Text limits in the window (ui/js/limits.js): nothing typed or pasted is cut, a
//! counter shows the limit, saving refuses with the field named, and the banner that
//! says so goes once that field is edited (issue 11, items 18 and 19).

use serde_json::json;

use crate::harness::{App, Sandbox};

async fn chars(app: &App, css: &str) -> usize {
    let n = app
        .js(
            "return [...document.querySelector(arguments[0]).value].length;",
            vec![json!(css)],
        )
        .await;
    n.as_u64().unwrap() as usize
}

async fn banner_hidden(app: &App) -> bool {
    app.js(
        "return document.querySelector('#form-error').hidden;",
        vec![],
    )
    .await
    .as_bool()
    .unwrap()
}

#[tokio::test]
async fn pasted_text_over_a_limit_is_kept_counted_and_refused_at_save() {
    let sandbox = Sandbox::new();
    let app = sandbox.launch().await;
    app.click("#first-run-new").await;
    app.el("#title").await;

    // 5,000 characters pasted into a 500-character title are all still there.
    let long_title = "Q".repeat(5_000);
    app.paste("#title", &long_title).await;
    assert_eq!(chars(&app, "#title").await, 5_000);
    let counter = app.wait_text(".limit-counter", "too long").await;
    assert!(counter.contains("/ 500"), "{counter}");

    // Typed past the 300-character affiliation limit: kept too.
    app.type_into_nth(".guest-name", 0, "Pavel Felgenhauer")
        .await;
    let long_affiliation = "a".repeat(310);
    app.type_into_nth(".guest-affiliation", 0, &long_affiliation)
        .await;
    assert_eq!(chars(&app, ".guest-affiliation").await, 310);

    // Saving refuses with the field named, and keeps every character.
    app.click("#save").await;
    let error = app.wait_text("#form-error", "Not saved").await;
    assert!(error.contains("Title is too long"), "{error}");
    assert!(error.contains("5000 characters; at most 500"), "{error}");
    assert_eq!(chars(&app, "#title").await, 5_000);

    // Item 19: editing the field the banner is about retires the banner.
    app.type_into("#title", "Can the Gaza truce hold?").await;
    assert!(banner_hidden(&app).await, "the banner outlived its fix");
    assert_eq!(app.count(".limit-counter:not([hidden])").await, 1); // the affiliation's

    app.click("#save").await;
    let error = app.wait_text("#form-error", "Not saved").await;
    assert!(error.contains("Guest 1 affiliation is too long"), "{error}");
    app.type_into_nth(".guest-affiliation", 0, "Jamestown Foundation")
        .await;
    assert!(banner_hidden(&app).await, "the banner outlived its fix");
    app.click("#save").await;
    app.wait_text("#form-status", "Saved").await;

    // No control in the window cuts text: none has a maxlength.
    let cutting = app
        .js(
            "return document.querySelectorAll('[maxlength]').length;",
            vec![],
        )
        .await;
    assert_eq!(cutting, json!(0));
    app.close().await;

    let list = sandbox.cli_json(&["programme", "list", "--json"]);
    assert_eq!(list[0]["title"], "Can the Gaza truce hold?");
}

#[tokio::test]
async fn a_long_search_is_kept_and_answered_with_the_limit() {
    let sandbox = Sandbox::new();
    sandbox.cli(&["programme", "add", "--title", "Can the Gaza truce hold?"]);
    let app = sandbox.launch().await;
    app.paste("#global-search", &"gaza ".repeat(60)).await;
    assert_eq!(chars(&app, "#global-search").await, 300);
    app.wait_text("#global-search-panel", "at most 200").await;
    app.close().await;
}
