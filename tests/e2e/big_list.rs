//! The programme list on a generated archive longer than a page: "Show more" carries on
//! after the last row shown (keyset paging), with no programme repeated or skipped.

use thirtyfour::prelude::*;

use crate::harness::{App, Sandbox};

const ROWS: &str = "#programme-list tr.programme-row";

/// `data-<key>` of every row matching `css`, in document order.
async fn row_data(app: &App, css: &str, key: &str) -> Vec<String> {
    app.driver
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0]), (tr) => tr.dataset[arguments[1]]);",
            vec![serde_json::json!(css), serde_json::json!(key)],
        )
        .await
        .unwrap()
        .convert()
        .unwrap()
}

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
    assert_eq!(row_data(&app, ROWS, "id").await, expected);
    let more = app.driver.find(By::Css("#show-more")).await.unwrap();
    assert!(
        !more.is_displayed().await.unwrap(),
        "Show more is gone at the end"
    );
    app.close().await;
}

/// A presenter's page draws their appearances 200 at a time: laying out thousands of
/// rows at once froze the window for seconds.
#[tokio::test]
async fn a_presenters_page_draws_appearances_a_page_at_a_time() {
    let sandbox = Sandbox::new();
    sandbox.cli(&[
        "dev",
        "generate",
        "--programmes",
        "1500",
        "--people",
        "80",
        "--seed",
        "1",
    ]);
    let (id, name, total) = rusqlite::Connection::open(sandbox.db())
        .unwrap()
        .query_row(
            "SELECT a.person_id, p.name, count(*) AS n FROM appearance a
             JOIN person p ON p.id = a.person_id WHERE a.role = 'presenter'
             GROUP BY a.person_id ORDER BY n DESC, a.person_id LIMIT 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        )
        .unwrap();
    let total = total as usize;
    assert!(total > 200 && total <= 600, "{total} appearances");

    let app = sandbox.launch().await;
    app.type_into("#global-search", &name).await;
    app.click(&format!("#search-person-{id}")).await;
    let rows = "#person-appearances tr.appearance-row";
    app.wait_count(rows, 200).await;
    app.wait_text("#appearances-more", &format!("({} not shown)", total - 200))
        .await;
    // Every appearance in the order the core pages them (the CLI reads every page).
    let history = sandbox.cli_json(&["guest", "history", &id, "--json"]);
    let mut expected: Vec<String> = history["appearances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["programmeId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(expected.len(), total);

    // Meanwhile (an import, say) a programme lands among the rows not loaded yet: the
    // page, which read its timeline on opening, must still match dots to their rows.
    let air = history["timeline"][250]["airAt"]
        .as_str()
        .unwrap()
        .to_string();
    let added = sandbox
        .cli(&[
            "programme",
            "add",
            "--title",
            "Added meanwhile",
            "--presenter",
            &name,
            "--air",
            &air,
        ])
        .trim()
        .to_string();
    let shown_before = expected.clone();
    // Newest id first among equal air times, so it goes before the one it shares hers with.
    expected.insert(250, added);

    // The oldest dot is far past the rows loaded: picking it loads the pages up to it
    // and focuses its row.
    let picked: usize = app
        .driver
        .execute(
            "const dots = Array.from(document.querySelectorAll('#person-timeline circle'));
             const oldest = dots.reduce((a, b) => Number(b.dataset.index) > Number(a.dataset.index) ? b : a);
             oldest.dispatchEvent(new MouseEvent('click', { bubbles: true }));
             return Number(oldest.dataset.index);",
            vec![],
        )
        .await
        .unwrap()
        .convert()
        .unwrap();
    assert!(picked >= 251, "the oldest dot is row {picked}");
    app.wait_count(rows, picked + 2).await;
    assert_eq!(
        row_data(&app, rows, "programmeId").await,
        expected[..=picked + 1]
    );
    let focused: String = app
        .driver
        .execute(
            "return document.activeElement.closest('tr').dataset.programmeId;",
            vec![],
        )
        .await
        .unwrap()
        .convert()
        .unwrap();
    assert_eq!(focused, shown_before[picked]);

    let mut shown = picked + 2;
    while shown < expected.len() {
        app.click("#appearances-more").await;
        shown = (shown + 200).min(expected.len());
        app.wait_count(rows, shown).await;
    }
    assert_eq!(row_data(&app, rows, "programmeId").await, expected);
    let more = app.driver.find(By::Css("#appearances-more")).await.unwrap();
    assert!(!more.is_displayed().await.unwrap());
    app.close().await;
}
