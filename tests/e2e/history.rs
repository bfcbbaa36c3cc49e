//! The programme editor's History (ui/js/views/editor/history.js): revisions newest
//! first with who and what changed, one opened read-only beside the current one, and
//! a restore that is a new revision.

use crate::harness::{App, Sandbox};

/// Clicks the `n`th (0-based) `css` match, scrolled into view.
async fn click_nth(app: &App, css: &str, n: usize) {
    app.wait_count_at_least(css, n + 1).await;
    let all = app.driver.find_all(thirtyfour::By::Css(css)).await.unwrap();
    all[n].scroll_into_view().await.unwrap();
    all[n].click().await.unwrap();
}

/// What the `n`th revision of the list says changed.
async fn summary(app: &App, n: usize) -> String {
    app.js(
        "return document.querySelectorAll('#history-list > li')[arguments[0]].querySelector('.revision-summary').textContent;",
        vec![serde_json::json!(n)],
    )
    .await
    .as_str()
    .unwrap()
    .to_string()
}

#[tokio::test]
async fn history_lists_who_changed_what_and_restores_an_earlier_version() {
    let sandbox = Sandbox::new();
    let id = sandbox.cli(&[
        "--author",
        "Anna Booker",
        "programme",
        "add",
        "--title",
        "Can the ceasefire hold?",
        "--slot",
        "25:00",
        "--guest",
        "Anatol Lieven",
    ]);
    let id = id.trim().to_string();
    sandbox.cli(&[
        "--author",
        "Anna Booker",
        "programme",
        "edit",
        &id,
        "--slot",
        "30:00",
    ]);
    sandbox.cli(&["settings", "set", "author.name", "Sami Zeidan"]);

    let app = sandbox.launch().await;
    app.click("tr.programme-row").await;
    app.wait_value("#title", "Can the ceasefire hold?").await;
    // Two saves in the window, recorded under the name in Settings.
    app.type_into("#title", "Will the ceasefire hold?").await;
    app.click("#save").await;
    app.wait_text("#form-meta", "Revision 3").await;
    app.type_into("#slot", "28:00").await;
    app.click("#save").await;
    app.wait_text("#form-meta", "Revision 4").await;

    app.click("#history").await;
    app.wait_count("#history-list > li", 4).await;
    let numbers = app
        .js(
            "return [...document.querySelectorAll('#history-list > li')].map((li) => li.dataset.revision);",
            vec![],
        )
        .await;
    assert_eq!(numbers, serde_json::json!(["4", "3", "2", "1"]));
    let list = app.el("#history-list").await.text().await.unwrap();
    assert!(list.contains("Sami Zeidan"), "{list}");
    assert!(list.contains("Anna Booker"), "{list}");
    let newest = summary(&app, 0).await;
    assert!(
        newest.contains("30:00") && newest.contains("28:00"),
        "{newest}"
    );
    let retitled = summary(&app, 1).await;
    assert!(retitled.contains("Will the ceasefire hold?"), "{retitled}");

    // Revision 2 read-only beside the current one; nothing in it is a form field.
    click_nth(&app, ".view-revision", 2).await;
    let then = app.wait_text("#revision-then", "30:00").await;
    assert!(then.contains("Can the ceasefire hold?"), "{then}");
    assert!(then.contains("Anatol Lieven"), "{then}");
    let now = app.el("#revision-now").await.text().await.unwrap();
    assert!(
        now.contains("Will the ceasefire hold?") && now.contains("28:00"),
        "{now}"
    );
    assert_eq!(
        app.count("#history-dialog input, #history-dialog textarea")
            .await,
        0
    );

    app.click("#restore-revision").await;
    app.wait_value("#title", "Can the ceasefire hold?").await;
    app.wait_value("#slot", "30:00").await;
    app.wait_text("#form-meta", "Revision 5").await;
    app.wait_text("#undo-toast", "Restored revision 2").await;

    // The restore is a new revision on top; nothing before it was rewritten.
    app.click("#history").await;
    app.wait_count("#history-list > li", 5).await;
    let first = app
        .js(
            "const li = document.querySelector('#history-list > li'); return [li.dataset.revision, li.dataset.operation];",
            vec![],
        )
        .await;
    assert_eq!(first, serde_json::json!(["5", "restore"]));
    app.click("#close-history").await;
    app.close().await;

    let shown = sandbox.cli_json(&["programme", "show", &id, "--json"]);
    assert_eq!(shown["revision"], 5);
    assert_eq!(shown["slotSeconds"], 1800);
    let history = sandbox.cli_json(&["programme", "history", &id, "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 5);
    assert_eq!(history[0]["author"], "Sami Zeidan");
    assert_eq!(history[3]["author"], "Anna Booker");
}

/// A restore from a History opened before someone else saved is a conflict, shown in
/// the panel, and nothing is overwritten.
#[tokio::test]
async fn a_restore_over_someone_elses_change_is_a_conflict() {
    let sandbox = Sandbox::new();
    let id = sandbox.cli(&["programme", "add", "--title", "First title"]);
    let id = id.trim().to_string();
    sandbox.cli(&["programme", "edit", &id, "--title", "Second title"]);
    let app = sandbox.launch().await;
    app.click("tr.programme-row").await;
    app.wait_value("#title", "Second title").await;
    app.click("#history").await;
    app.wait_count("#history-list > li", 2).await;
    click_nth(&app, ".view-revision", 1).await;
    app.wait_text("#revision-then", "First title").await;
    sandbox.cli(&["programme", "edit", &id, "--title", "Someone else's title"]);
    app.click("#restore-revision").await;
    app.wait_text("#history-error", "Not restored").await;
    app.click("#history-load-latest").await;
    app.wait_count("#history-list > li", 3).await;
    app.close().await;
    let shown = sandbox.cli_json(&["programme", "show", &id, "--json"]);
    assert_eq!(shown["title"], "Someone else's title");
    assert_eq!(shown["revision"], 3);
}

/// The walk-through, as a new user would do it: change a running order five
/// times, restore the second version, delete the programme, bring it back from the
/// trash — each step a revision, every version still in the History.
#[tokio::test]
async fn five_running_orders_the_second_restored_then_deleted_and_back_from_the_trash() {
    let sandbox = Sandbox::new();
    let id = sandbox
        .cli(&["programme", "add", "--title", "Who guards the guards?"])
        .trim()
        .to_string();
    let app = sandbox.launch().await;
    app.click("tr.programme-row").await;
    app.wait_value("#title", "Who guards the guards?").await;
    // Five versions of the running order: one segment, then its length four times.
    app.click("#add-segment").await;
    app.type_into_nth(".seg-title", 0, "Part one").await;
    app.type_into_nth(".seg-duration", 0, "10:00").await;
    app.click("#save").await;
    app.wait_text("#form-meta", "Revision 2").await;
    for (n, length) in [(3, "11:00"), (4, "12:00"), (5, "13:00"), (6, "14:00")] {
        app.type_into_nth(".seg-duration", 0, length).await;
        app.click("#save").await;
        app.wait_text("#form-meta", &format!("Revision {n}")).await;
    }

    app.click("#history").await;
    app.wait_count("#history-list > li", 6).await;
    let newest = summary(&app, 0).await;
    assert!(
        newest.contains("Segment 1 'Part one' 13:00 → 14:00"),
        "{newest}"
    );
    // The second version of the running order is revision 3 (11:00).
    click_nth(&app, ".view-revision", 3).await;
    app.wait_text("#revision-then", "Part one (11:00)").await;
    app.click("#restore-revision").await;
    app.wait_text("#form-meta", "Revision 7").await;
    app.wait_value(".seg-duration", "11:00").await;

    app.click("#delete").await;
    app.click("#confirm-delete").await;
    app.click("#first-run-trash").await;
    app.wait_text("#trash-list", "Who guards the guards?").await;
    app.click(".trash-restore").await;
    app.click("#open-restored").await;
    app.wait_value(".seg-duration", "11:00").await;
    app.click("#history").await;
    app.wait_count("#history-list > li", 9).await;
    let operations = app
        .js(
            "return [...document.querySelectorAll('#history-list > li')].map((li) => li.dataset.operation);",
            vec![],
        )
        .await;
    assert_eq!(
        operations,
        serde_json::json!([
            "restore", "delete", "restore", "update", "update", "update", "update", "update",
            "create"
        ])
    );
    app.close().await;
    let shown = sandbox.cli_json(&["programme", "show", &id, "--json"]);
    assert_eq!(shown["segments"][0]["durationSeconds"], 660);
    assert_eq!(shown["revision"], 9);
}
