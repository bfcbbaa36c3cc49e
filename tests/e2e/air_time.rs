//! The editor's air time: a local time the clocks pass twice is asked about, not
//! guessed.

use crate::harness::Sandbox;

#[tokio::test]
async fn the_editor_asks_which_reading_of_an_hour_the_clocks_pass_twice() {
    let sandbox = Sandbox::new();
    let app = sandbox.launch().await;
    app.click("#first-run-new").await;
    app.type_into("#title", "Clocks go back").await;
    app.set_value("#air-local", "2025-10-26T01:30").await;
    app.type_into("#time-zone", "Europe/London").await;
    app.click("#save").await;
    // Nothing is saved until the producer picks one of the two readings.
    let asked = app.wait_text("#form-error", "happens twice").await;
    assert!(asked.contains("Europe/London"), "{asked}");
    assert!(app
        .el("#air-reading-0")
        .await
        .text()
        .await
        .unwrap()
        .contains("01:30 at UTC+01:00"));
    assert_eq!(
        sandbox.cli_json(&["programme", "list", "--json"]),
        serde_json::json!([])
    );
    app.click("#air-reading-1").await;
    app.wait_text("#form-status", "Saved").await;
    let id = sandbox.cli_json(&["programme", "list", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let p = sandbox.cli_json(&["programme", "show", &id, "--json"]);
    assert_eq!(p["airAt"], "2025-10-26T01:30:00Z");
    assert_eq!(p["timeZone"], "Europe/London");

    // Saving another change keeps the reading picked, without asking again.
    app.type_into("#title", "Clocks went back").await;
    app.click("#save").await;
    app.wait_text("#form-status", "Saved").await;
    let p = sandbox.cli_json(&["programme", "show", &id, "--json"]);
    assert_eq!(
        (p["title"].as_str(), p["airAt"].as_str()),
        (Some("Clocks went back"), Some("2025-10-26T01:30:00Z"))
    );
    app.close().await;
}
