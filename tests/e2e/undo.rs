//! Undo (ui/js/undo.js): the toast after a delete or a save, Ctrl+Z outside text
//! fields, each a new revision; a change made meanwhile is shown, not overwritten.

use thirtyfour::prelude::*;

use crate::harness::{App, Sandbox};

fn add(sandbox: &Sandbox, title: &str) -> String {
    sandbox
        .cli(&["programme", "add", "--title", title])
        .trim()
        .to_string()
}

async fn open(app: &App, title: &str) {
    app.wait_text("#programme-list", title).await;
    let rows = app
        .driver
        .find_all(By::Css("tr.programme-row"))
        .await
        .unwrap();
    for row in rows {
        if row.text().await.unwrap().contains(title) {
            row.click().await.unwrap();
            break;
        }
    }
    app.wait_value("#title", title).await;
}

async fn ctrl_z(app: &App) {
    app.driver
        .action_chain()
        .key_down(Key::Control)
        .send_keys("z")
        .key_up(Key::Control)
        .perform()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_deleted_programme_comes_back_from_the_toast() {
    let sandbox = Sandbox::new();
    let id = add(&sandbox, "Who pays for the dam?");
    add(&sandbox, "A programme that stays");
    let app = sandbox.launch().await;
    open(&app, "Who pays for the dam?").await;
    app.click("#delete").await;
    app.click("#confirm-delete").await;
    app.wait_text("#undo-toast", "Moved “Who pays for the dam?” to the trash")
        .await;
    app.wait_count("tr.programme-row", 1).await;
    app.click("#undo-button").await;
    app.wait_value("#title", "Who pays for the dam?").await;
    app.wait_text("#undo-toast", "back from the trash").await;
    app.close().await;

    let shown = sandbox.cli_json(&["programme", "show", &id, "--json"]);
    assert_eq!(shown["revision"], 3, "{shown}");
    let history = sandbox.cli_json(&["programme", "history", &id, "--json"]);
    assert_eq!(history[0]["operation"], "restore");
    assert_eq!(history[1]["operation"], "delete");
}

#[tokio::test]
async fn ctrl_z_outside_a_text_field_undoes_the_last_save() {
    let sandbox = Sandbox::new();
    let id = add(&sandbox, "Before the edit");
    let app = sandbox.launch().await;
    open(&app, "Before the edit").await;
    app.type_into("#title", "After the edit").await;
    app.click("#save").await;
    app.wait_text("#form-meta", "Revision 2").await;
    app.wait_text("#undo-toast", "Saved “After the edit”").await;
    // In the title field, Ctrl+Z is the field's own: nothing is undone in the archive.
    app.el("#title").await.focus().await.unwrap();
    ctrl_z(&app).await;
    app.js("document.activeElement.blur();", vec![]).await;
    assert_eq!(
        sandbox.cli_json(&["programme", "show", &id, "--json"])["revision"],
        2
    );
    ctrl_z(&app).await;
    app.wait_text("#undo-toast", "Undone").await;
    app.wait_value("#title", "Before the edit").await;
    app.wait_text("#form-meta", "Revision 3").await;
    app.close().await;

    let shown = sandbox.cli_json(&["programme", "show", &id, "--json"]);
    assert_eq!(shown["title"], "Before the edit");
    let history = sandbox.cli_json(&["programme", "history", &id, "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 3);
    assert_eq!(history[0]["operation"], "restore");
}

#[tokio::test]
async fn an_undo_after_someone_elses_change_is_refused_and_said() {
    let sandbox = Sandbox::new();
    let id = add(&sandbox, "Mine first");
    let app = sandbox.launch().await;
    open(&app, "Mine first").await;
    app.type_into("#title", "Mine second").await;
    app.click("#save").await;
    app.wait_text("#undo-toast", "Saved").await;
    sandbox.cli(&["programme", "edit", &id, "--title", "Theirs"]);
    app.click("#undo-button").await;
    app.wait_text("#undo-toast", "Not undone").await;
    app.close().await;
    let shown = sandbox.cli_json(&["programme", "show", &id, "--json"]);
    assert_eq!(shown["title"], "Theirs");
    assert_eq!(shown["revision"], 3);
}

/// Undoing an import sends what it created to the trash (where it can still be had).
#[tokio::test]
async fn an_imported_listing_is_undone_into_the_trash() {
    let sandbox = Sandbox::new();
    add(&sandbox, "Already here");
    let app = sandbox.launch().await;
    app.click("#paste-listing").await;
    app.set_value(
        "#listing-text",
        include_str!("../../src-tauri/core/tests/listings/01-inside-story-sample.txt"),
    )
    .await;
    app.click("#read-listing").await;
    app.el("#import-review").await;
    app.click("#import-programme").await;
    app.wait_text("#form-status", "Saved").await;
    app.wait_text("#undo-toast", "Imported “How to achieve")
        .await;
    assert_eq!(programmes(&sandbox), 2);
    app.click("#undo-button").await;
    app.wait_text("#undo-toast", "Undone: the import is in the trash")
        .await;
    app.wait_count("tr.programme-row", 1).await;
    app.close().await;
    assert_eq!(programmes(&sandbox), 1);
    let trash = sandbox.cli_json(&["trash", "list", "--json"]);
    assert!(
        trash[0]["name"]
            .as_str()
            .unwrap()
            .starts_with("How to achieve"),
        "{trash}"
    );
}

/// Ctrl+Z reaches a merge too, from the view the user went on to.
#[tokio::test]
async fn ctrl_z_unmerges_the_last_merge() {
    let sandbox = Sandbox::new();
    add(&sandbox, "Placeholder");
    sandbox.two_spellings_of_one_guest();
    let app = sandbox.launch().await;
    app.click("#nav-guests").await;
    app.click("#open-duplicates").await;
    app.wait_count(".duplicate-pair", 1).await;
    app.click(".merge-pair").await;
    app.click("#confirm-merge").await;
    app.wait_text("#merge-notice", "Merged").await;
    app.click("#nav-programmes").await;
    app.el("tr.programme-row").await;
    app.js("document.activeElement.blur();", vec![]).await;
    ctrl_z(&app).await;
    app.wait_text("#undo-toast", "is separate from").await;
    app.wait_count(".duplicate-pair", 1).await;
    // Their page's History has both.
    app.click(".duplicate-open").await;
    app.wait_text("#person-changes", "Unmerged").await;
    let operations = app
        .js(
            "return [...document.querySelectorAll('#person-changes .revision-item')].map((li) => li.dataset.operation);",
            vec![],
        )
        .await;
    assert_eq!(operations[0], "unmerge", "{operations}");
    assert_eq!(operations[1], "merge", "{operations}");
    app.close().await;
    assert_eq!(
        sandbox
            .cli_json(&["person", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

fn programmes(sandbox: &Sandbox) -> usize {
    sandbox
        .cli_json(&["programme", "list", "--json"])
        .as_array()
        .unwrap()
        .len()
}

/// Undoing the first save of a new programme sends it to the trash.
#[tokio::test]
async fn undoing_a_new_programme_puts_it_in_the_trash() {
    let sandbox = Sandbox::new();
    let app = sandbox.launch().await;
    app.click("#first-run-new").await;
    app.type_into("#title", "Second thoughts").await;
    app.click("#save").await;
    app.wait_text("#undo-toast", "Added “Second thoughts”")
        .await;
    app.click("#undo-button").await;
    app.wait_text("#undo-toast", "is in the trash").await;
    app.el("#first-run-trash").await;
    app.close().await;
    assert_eq!(programmes(&sandbox), 0);
    let trash = sandbox.cli_json(&["trash", "list", "--json"]);
    assert_eq!(trash[0]["name"], "Second thoughts", "{trash}");
}
