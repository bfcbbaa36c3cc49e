//! The programme list on a generated archive longer than a page: "Show more" carries on
//! after the last row shown (keyset paging), with no programme repeated or skipped.

use thirtyfour::prelude::*;

use crate::harness::Sandbox;

const ROWS: &str = "#programme-list tr.programme-row";

#[tokio::test]
async fn show_more_continues_after_the_last_row_without_gaps_or_repeats() {
    let sandbox = Sandbox::new();
    sandbox.cli(&[
        "dev",
        "generate",
        "--programmes",
        "450",
        "--people",
        "200",
        "--seed",
        "3",
    ]);
    let expected: Vec<String> = sandbox
        .cli_json(&["programme", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(expected.len(), 450);

    let app = sandbox.launch().await;
    app.wait_count(ROWS, 200).await;
    app.click("#show-more").await;
    app.wait_count(ROWS, 400).await;
    app.click("#show-more").await;
    app.wait_count(ROWS, 450).await;
    let shown: Vec<String> = app
        .driver
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0]), (tr) => tr.dataset.id);",
            vec![serde_json::json!(ROWS)],
        )
        .await
        .unwrap()
        .convert()
        .unwrap();
    assert_eq!(shown, expected);
    let more = app.driver.find(By::Css("#show-more")).await.unwrap();
    assert!(
        !more.is_displayed().await.unwrap(),
        "Show more is gone at the end"
    );
    app.close().await;
}
