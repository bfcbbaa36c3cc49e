use thirtyfour::prelude::*;

use crate::harness::Sandbox;

const TITLE: &str = "How to achieve a lasting ceasefire between Russia and Ukraine?";

/// The issue's acceptance path: a producer enters a listing in the window, saves it,
/// the CLI reads the same file back, and the list shows it after a restart.
#[tokio::test]
async fn a_programme_entered_in_the_window_is_saved_to_the_database() {
    let sandbox = Sandbox::new();
    let app = sandbox.launch().await;
    app.click("#first-run-new").await;
    app.type_into("#title", TITLE).await;
    app.type_into("#series", "Inside Story").await;
    app.type_into("#presenter-name", "Dareen Abughaida").await;
    app.type_into_nth(".guest-name", 0, "Peter Zalmayev").await;
    app.type_into_nth(
        ".guest-affiliation",
        0,
        "Executive director at Eurasia Democracy Initiative",
    )
    .await;
    app.click("#add-guest").await;
    app.type_into_nth(".guest-name", 1, "Pavel Felgenhauer")
        .await;
    app.type_into_nth(".guest-affiliation", 1, "Independent defence analyst")
        .await;
    app.type_into_nth(
        ".framing-text",
        0,
        "It took three years to get officials in the same room.",
    )
    .await;
    app.click("#add-framing").await;
    app.type_into_nth(
        ".framing-text",
        1,
        "Can President Zelenskyy afford to push for peace?",
    )
    .await;
    app.set_value("#air-local", "2025-05-16T19:30").await;
    app.type_into("#time-zone", "Asia/Qatar").await;
    app.type_into("#slot", "25:00").await;
    app.click("#save").await;
    app.wait_text("#form-status", "Saved").await;
    app.close().await;

    let list = sandbox.cli_json(&["programme", "list", "--json"]);
    let id = list[0]["id"]
        .as_str()
        .expect("one programme saved")
        .to_string();
    let p = sandbox.cli_json(&["programme", "show", &id, "--json"]);
    assert_eq!(p["title"], TITLE);
    assert_eq!(p["series"], "Inside Story");
    assert_eq!(p["presenter"]["name"], "Dareen Abughaida");
    assert_eq!(p["guests"][0]["name"], "Peter Zalmayev");
    assert_eq!(
        p["guests"][0]["affiliation"],
        "Executive director at Eurasia Democracy Initiative"
    );
    assert_eq!(p["guests"][1]["name"], "Pavel Felgenhauer");
    assert_eq!(p["guests"].as_array().unwrap().len(), 2);
    assert_eq!(
        p["framing"],
        serde_json::json!([
            "It took three years to get officials in the same room.",
            "Can President Zelenskyy afford to push for peace?"
        ])
    );
    assert_eq!(p["airAt"], "2025-05-16T16:30:00Z");
    assert_eq!(p["timeZone"], "Asia/Qatar");
    assert_eq!(p["slotSeconds"], 1500);

    // After a restart the list shows it, with its air time in the show's zone.
    let app = sandbox.launch().await;
    let row = app.wait_text("tr.programme-row", TITLE).await;
    // In the computer's locale's format (19:30 or 7:30 PM), named by its zone.
    assert!(row.contains("7:30") && row.contains("Asia/Qatar"), "{row}");
    assert!(row.contains("Pavel Felgenhauer"), "{row}");
    app.close().await;
}

/// Markup typed by a user is shown as text; nothing in it runs.
#[tokio::test]
async fn user_text_is_shown_literally_and_never_runs() {
    let sandbox = Sandbox::new();
    let evil = r#"<img src=x onerror="document.body.dataset.pwned='yes'"> **bold** {{7*7}}"#;
    sandbox.cli(&[
        "programme",
        "add",
        "--title",
        evil,
        "--guest",
        "<b>Bold</b> – <i>x</i>",
    ]);
    let app = sandbox.launch().await;
    let row = app.wait_text("tr.programme-row", "<img src=x").await;
    assert!(row.contains(evil), "{row}");
    assert!(row.contains("<b>Bold</b>"), "{row}");
    let pwned = app
        .driver
        .execute("return document.body.dataset.pwned || 'no'", vec![])
        .await
        .unwrap();
    assert_eq!(pwned.json(), "no");
    assert!(app
        .driver
        .find_all(By::Css("tr.programme-row img"))
        .await
        .unwrap()
        .is_empty());
    app.close().await;
}

/// An edit based on an old revision is refused in the window, and what the user
/// typed is still in the form.
#[tokio::test]
async fn a_stale_edit_is_a_conflict_and_keeps_the_typing() {
    let sandbox = Sandbox::new();
    let id = sandbox.cli(&["programme", "add", "--title", "Original title"]);
    let id = id.trim();
    let app = sandbox.launch().await;
    app.wait_text("tr.programme-row", "Original title").await;
    app.click("tr.programme-row").await;
    app.type_into("#title", "My careful rewrite").await;
    sandbox.cli(&["programme", "edit", id, "--title", "Someone else's title"]);
    app.click("#save").await;
    app.wait_text("#form-error", "changed elsewhere").await;
    let typed = app.el("#title").await.value().await.unwrap();
    assert_eq!(typed.as_deref(), Some("My careful rewrite"));
    let p = sandbox.cli_json(&["programme", "show", id, "--json"]);
    assert_eq!(p["title"], "Someone else's title");
    app.close().await;
}
