//! The balance report in the window: the counts and the chart for one month. (Its CSV
//! export writes only where the save dialog said: `AppState::chosen_path` in `src-tauri/state.rs` checks that refusal.)

use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

use crate::harness::{App, Sandbox};

/// Waits until some `tr.balance-row` holds every one of `needles`; returns its text.
async fn wait_row(app: &App, needles: &[&str]) -> String {
    let start = Instant::now();
    loop {
        let mut seen = Vec::new();
        for row in app
            .driver
            .find_all(By::Css("tr.balance-row"))
            .await
            .unwrap_or_default()
        {
            let text = row.text().await.unwrap_or_default();
            if needles.iter().all(|n| text.contains(n)) {
                return text;
            }
            seen.push(text);
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "timed out waiting for a balance row with {needles:?}; rows: {seen:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn balance_report_counts_guests_by_month() {
    let sandbox = Sandbox::new();
    sandbox.cli(&[
        "programme",
        "add",
        "--title",
        "A",
        "--air",
        "2025-01-10T19:30:00Z",
        "--status",
        "aired",
        "--guest",
        "Ann – X",
        "--guest",
        "Bob – Y",
    ]);
    sandbox.cli(&[
        "person",
        "edit",
        "Ann",
        "--gender",
        "woman",
        "--gender-source",
        "self",
    ]);
    let app = sandbox.launch().await;
    app.click("#nav-reports").await;
    app.el("#balance-page").await;
    let method = app.el("#balance-method").await.text().await.unwrap();
    assert!(method.contains("Guests only"), "{method}");

    app.set_value("#balance-from", "2025-01").await;
    app.set_value("#balance-to", "2025-01").await;
    app.click("#run-balance").await;
    let row = wait_row(&app, &["All series", "50%"]).await;
    assert!(row.contains('2'), "{row}");

    // One bar: a woman and a not-recorded guest, half each.
    app.el("#balance-chart").await;
    let segments = app
        .driver
        .find_all(By::Css("#balance-chart rect.bal-seg"))
        .await
        .unwrap();
    assert!(segments.len() >= 2, "{} segments", segments.len());
    let titles: Vec<String> = {
        let mut out = Vec::new();
        for s in &segments {
            out.push(
                s.find(By::Tag("title"))
                    .await
                    .unwrap()
                    .inner_html()
                    .await
                    .unwrap(),
            );
        }
        out
    };
    assert!(titles.iter().any(|t| t == "woman: 1 (50%)"), "{titles:?}");
    assert!(
        titles.iter().any(|t| t == "not recorded: 1 (50%)"),
        "{titles:?}"
    );

    // to before from is shown next to the to month.
    app.set_value("#balance-to", "2024-12").await;
    app.wait_text("#balance-to-error", "before").await;
    // A month without guests says so.
    app.set_value("#balance-from", "2024-06").await;
    app.wait_text("#balance-page", "No guests in that period.")
        .await;

    app.close().await;
}

/// Issue 11, item 29: the report opens on the twelve months up to the latest aired
/// programme (not on this year's empty months), leaves planned programmes out, and
/// says where gender is recorded.
#[tokio::test]
async fn the_report_opens_on_the_last_year_with_programmes() {
    let sandbox = Sandbox::new();
    for (title, air, status, guest) in [
        ("A", "2024-03-10T19:30:00Z", "aired", "Ann – X"),
        ("B", "2024-03-20T19:30:00Z", "planned", "Cleo – Z"),
    ] {
        sandbox.cli(&[
            "programme",
            "add",
            "--title",
            title,
            "--air",
            air,
            "--status",
            status,
            "--guest",
            guest,
        ]);
    }
    let app = sandbox.launch().await;
    app.click("#nav-reports").await;
    app.el("#balance-page").await;
    app.wait_value("#balance-to", "2024-03").await;
    app.wait_value("#balance-from", "2023-04").await;
    wait_row(&app, &["All series", "2024"]).await;
    let guests = app
        .el("tr.balance-row.all-series td:nth-child(3)")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        guests, "1",
        "only Ann is counted, not the planned programme's Cleo"
    );
    assert_eq!(app.count("tr.balance-row.all-series").await, 1, "one month");
    let note = app.el("#balance-gender-note").await.text().await.unwrap();
    assert!(note.contains("person’s details"), "{note}");
    app.close().await;
}
