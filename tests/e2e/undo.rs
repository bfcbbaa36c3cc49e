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
