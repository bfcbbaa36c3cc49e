//! Real defaults (issue 11, item 23): a default time zone, series and slot in Settings
//! (and `settings set default.*`); a new programme starts from them and takes its
//! series' format total as its slot, so "over" works from the start; empty air time
//! and slot fields show hints, not values that look typed.

use serde_json::json;

use crate::harness::Sandbox;

#[tokio::test]
async fn a_new_programme_starts_from_the_defaults_and_its_series_slot() {
    let sandbox = Sandbox::new();
    // A series with a 25-minute format.
    let id = sandbox
        .cli(&[
            "programme",
            "add",
            "--title",
            "Earlier",
            "--series",
            "Inside Story",
        ])
        .trim()
        .to_string();
    for (title, duration) in [("Headlines", "2m"), ("Panel", "23m")] {
        sandbox.cli(&[
            "segment",
            "add",
            &id,
            "--kind",
            "discussion",
            "--title",
            title,
            "--duration",
            duration,
        ]);
    }
    sandbox.cli(&["series", "format", "save", "Inside Story", "--from", &id]);
    sandbox.cli(&["settings", "set", "default.series", "Inside Story"]);
    sandbox.cli(&["settings", "set", "default.time-zone", "Asia/Qatar"]);
    sandbox.cli(&["settings", "set", "default.slot", "30m"]);
    let settings = sandbox.cli_json(&["settings", "show", "--json"]);
    assert_eq!(settings["defaultSeries"], "Inside Story");
    assert_eq!(settings["defaultTimeZone"], "Asia/Qatar");
    assert_eq!(settings["defaultSlotSeconds"], 1800);

    let app = sandbox.launch().await;
    app.click("#new-programme").await;
    app.wait_value("#series", "Inside Story").await;
    app.wait_value("#time-zone", "Asia/Qatar").await;
    // The format's total beats the default slot: the series' own length.
    app.wait_value("#slot", "25:00").await;
    app.wait_count("#segment-table tr.segment-row", 2).await;
    app.wait_text("#timing-summary", "Total 25:00").await;
    // Starting from the defaults is not an edit.
    app.wait_text("#form-status", "New programme").await;

    // Empty air time and slot say what to type, in words that are not a value.
    assert_eq!(
        app.el("#air-local").await.value().await.unwrap().as_deref(),
        Some("")
    );
    app.set_value("#slot", "").await;
    let hint = app
        .el("#slot")
        .await
        .attr("placeholder")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(hint.starts_with("e.g."), "{hint:?}");

    // A longer segment now shows "over" against the series' slot.
    app.type_into("#slot", "25:00").await;
    app.type_into_nth(".seg-duration", 1, "25m").await;
    app.wait_text("#timing-summary", "over").await;

    // Settings shows and changes the same values.
    app.type_into("#title", "Can the Gaza truce hold?").await;
    app.click("#save").await;
    app.wait_text("#form-status", "Saved").await;
    app.click("#nav-settings").await;
    app.wait_value("#setting-default-series", "Inside Story")
        .await;
    app.wait_value("#setting-default-time-zone", "Asia/Qatar")
        .await;
    app.wait_value("#setting-default-slot", "30:00").await;
    app.type_into("#setting-default-slot", "45m").await;
    app.set_value("#setting-default-series", "").await;
    app.click("#save-settings").await;
    app.wait_text("#settings-status", "Saved").await;
    app.close().await;

    let settings = sandbox.cli_json(&["settings", "show", "--json"]);
    assert_eq!(settings["defaultSlotSeconds"], 2700);
    assert_eq!(settings["defaultSeries"], json!(null));

    // The CLI applies the same rules: the series' format total, else the default slot,
    // and the default zone for a local air time.
    let in_series = sandbox
        .cli(&[
            "programme",
            "add",
            "--title",
            "A",
            "--series",
            "inside story",
            "--air",
            "2025-05-16T19:30",
        ])
        .trim()
        .to_string();
    let p = sandbox.cli_json(&["programme", "show", &in_series, "--json"]);
    assert_eq!(p["slotSeconds"], 1500);
    assert_eq!(p["timeZone"], "Asia/Qatar");
    assert_eq!(p["airAt"], "2025-05-16T16:30:00Z");
    let plain = sandbox
        .cli(&["programme", "add", "--title", "B"])
        .trim()
        .to_string();
    let p = sandbox.cli_json(&["programme", "show", &plain, "--json"]);
    assert_eq!(p["slotSeconds"], 2700);
    assert_eq!(p["series"], json!(null));
}
