//! Importing a published listing in the window: paste it, review what was read and
//! who each person is, import it, land in the editor. (The bulk import from files is
//! behind a native file dialog, which WebDriver cannot drive; it is tested below the
//! window, in the command's and the CLI's tests.)

use serde_json::Value;
use thirtyfour::prelude::*;

use crate::harness::{App, Sandbox};

const LISTING: &str =
    include_str!("../../src-tauri/core/tests/listings/01-inside-story-sample.txt");
const TITLE: &str = "How to achieve a lasting ceasefire between Russia and Ukraine?";

fn person_id(sandbox: &Sandbox, name: &str) -> String {
    let people = sandbox.cli_json(&["person", "list", "--json"]);
    let person = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not in {people}"));
    person["id"].as_str().unwrap().to_string()
}

/// How many programmes (or people) `greenroom programme list --json` lists.
fn rows_of(sandbox: &Sandbox, what: &str) -> usize {
    sandbox
        .cli_json(&[what, "list", "--json"])
        .as_array()
        .unwrap()
        .len()
}

async fn guest_rows(app: &App) -> Vec<String> {
    let mut out = Vec::new();
    for row in app
        .driver
        .find_all(By::Css("#guest-list .guest-row"))
        .await
        .unwrap()
    {
        out.push(row.text().await.unwrap());
    }
    out
}

/// The path: a producer pastes a listing whose third guest is already in the
/// directory, checks the review, picks who a near-miss name is, and imports.
#[tokio::test]
async fn a_pasted_listing_is_reviewed_and_imported_with_known_people_linked() {
    let sandbox = Sandbox::new();
    sandbox.cli(&[
        "programme",
        "add",
        "--title",
        "Is NATO ready for a long war?",
        "--status",
        "aired",
        "--guest",
        "Anatol Lieven – Quincy Institute",
        "--guest",
        "Pavel Felgenhaur – Jamestown Foundation",
    ]);
    let lieven = person_id(&sandbox, "Anatol Lieven");
    let felgenhaur = person_id(&sandbox, "Pavel Felgenhaur");
    let app = sandbox.launch().await;

    app.click("#paste-listing").await;
    app.set_value("#listing-text", LISTING).await;
    app.click("#read-listing").await;

    app.wait_value("#import-review #title", TITLE).await;
    app.wait_value("#presenter-name", "Dareen Abughaida").await;
    app.wait_count("#guest-list .guest-row", 3).await;
    let rows = guest_rows(&app).await;
    assert!(!rows[0].contains("In the directory"), "{rows:?}");
    assert!(
        rows[2].contains("In the directory: Anatol Lieven"),
        "{rows:?}"
    );
    app.wait_text(
        "#guest-list .guest-row:nth-child(3) .match-count",
        "1 appearance",
    )
    .await;
    let others = app
        .wait_text("#other-listings", "Why did the US block")
        .await;
    assert!(others.contains("not imported"), "{others}");
    assert_eq!(app.count("#framing-list .framing-row").await, 6);

    // A similar name is offered, not assumed: "New person" stays picked until changed.
    let felgenhauer_row = "#guest-list .guest-row:nth-child(2)";
    app.wait_text(felgenhauer_row, "Who is Pavel Felgenhauer?")
        .await;
    let new_person = app
        .el(&format!("{felgenhauer_row} input.match-choice[value=new]"))
        .await;
    assert!(new_person.is_selected().await.unwrap());
    app.click(&format!(
        "{felgenhauer_row} input.match-choice[value='{felgenhaur}']"
    ))
    .await;

    // Leaving and coming back keeps the review as it was edited.
    app.type_into(
        "#guest-list .guest-row:nth-child(1) .guest-affiliation",
        "Eurasia Democracy Initiative",
    )
    .await;
    app.click("#nav-guests").await;
    app.el("#guest-filter").await;
    app.click("#nav-programmes").await;
    app.click("#paste-listing").await;
    app.wait_value(
        "#guest-list .guest-row:nth-child(1) .guest-affiliation",
        "Eurasia Democracy Initiative",
    )
    .await;
    let picked = app
        .el(&format!(
            "{felgenhauer_row} input.match-choice[value='{felgenhaur}']"
        ))
        .await;
    assert!(picked.is_selected().await.unwrap());
    assert_eq!(
        rows_of(&sandbox, "programme"),
        1,
        "nothing saved before Import"
    );

    app.click("#import-programme").await;
    app.el("#programme-form").await;
    app.wait_value("#programme-form #title", TITLE).await;
    app.wait_text("#form-status", "Saved").await;

    let list = sandbox.cli_json(&["programme", "list", "--json"]);
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == TITLE)
        .unwrap_or_else(|| panic!("not imported: {list}"))["id"]
        .as_str()
        .unwrap()
        .to_string();
    let shown: Value = sandbox.cli_json(&["programme", "show", &id, "--json"]);
    assert_eq!(shown["status"], "aired");
    assert_eq!(shown["presenter"]["name"], "Dareen Abughaida");
    let guests = shown["guests"].as_array().unwrap();
    assert_eq!(guests.len(), 3, "{shown}");
    assert_eq!(guests[0]["affiliation"], "Eurasia Democracy Initiative");
    assert_eq!(guests[1]["personId"], felgenhaur.as_str(), "the pick");
    assert_eq!(guests[2]["personId"], lieven.as_str(), "the exact match");
    assert_eq!(shown["framing"].as_array().unwrap().len(), 6);

    // The same listing again is recognised, and cannot be imported twice.
    app.click("#back").await;
    app.click("#paste-listing").await;
    app.wait_value("#listing-text", "").await;
    app.set_value("#listing-text", LISTING).await;
    app.click("#read-listing").await;
    app.wait_text("#already-imported", "imported before").await;
    assert!(!app
        .el("#import-programme")
        .await
        .is_enabled()
        .await
        .unwrap());
    app.click("#review-cancel").await;
    app.el("#programme-list").await;
    assert_eq!(rows_of(&sandbox, "programme"), 2);
    app.close().await;
}

/// Two megabytes is no listing: the window says so, keeps the text, and saves nothing.
#[tokio::test]
async fn a_text_far_too_long_is_refused_with_a_clear_error() {
    let sandbox = Sandbox::new();
    let app = sandbox.launch().await;
    app.click("#first-run-paste").await;
    let huge = "Presenter: Someone\n".repeat(2_000_000 / 19);
    app.set_value("#listing-text", &huge).await;
    app.click("#read-listing").await;
    let text = app.wait_text("#import-error", "too long").await;
    assert!(text.contains("Nothing was saved"), "{text}");
    assert_eq!(app.count("#import-review").await, 0);
    let kept = app
        .el("#listing-text")
        .await
        .value()
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(kept.len(), huge.len());
    assert_eq!(rows_of(&sandbox, "programme"), 0);
    assert_eq!(rows_of(&sandbox, "person"), 0);
    app.close().await;
}
