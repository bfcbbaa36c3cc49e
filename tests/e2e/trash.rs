//! The trash (ui/js/views/trash.js) and a person's history (views/person/changes.js):
//! a deleted programme restored from the trash as it was, "Empty trash" asking first.

use crate::harness::Sandbox;

#[tokio::test]
async fn a_deleted_programme_is_restored_from_the_trash_and_emptying_asks_first() {
    let sandbox = Sandbox::new();
    sandbox.cli(&["settings", "set", "author.name", "Sami Zeidan"]);
    let id = sandbox
        .cli(&[
            "programme",
            "add",
            "--title",
            "Is the Nile deal fair?",
            "--series",
            "Inside Story",
            "--guest",
            "Anatol Lieven",
        ])
        .trim()
        .to_string();
    let app = sandbox.launch().await;
    app.click("tr.programme-row").await;
    app.wait_value("#title", "Is the Nile deal fair?").await;
    app.click("#delete").await;
    app.click("#confirm-delete").await;
    // The archive is empty now: the welcome screen leads to the trash.
    app.click("#first-run-trash").await;
    app.wait_text("#trash-keeps", "for 30 days").await;
    let entry = app.wait_text("#trash-list", "Is the Nile deal fair?").await;
    assert!(entry.contains("Inside Story"), "{entry}");
    assert!(entry.contains("by Sami Zeidan"), "{entry}");
    app.click(".trash-restore").await;
    app.wait_text("#trash-notice", "Restored “Is the Nile deal fair?”")
        .await;
    app.el("#trash-empty").await;
    app.click("#open-restored").await;
    app.wait_value("#title", "Is the Nile deal fair?").await;
    let shown = sandbox.cli_json(&["programme", "show", &id, "--json"]);
    assert_eq!(shown["guests"][0]["name"], "Anatol Lieven");

    // Empty trash asks; Cancel keeps everything.
    sandbox.cli(&["programme", "delete", &id]);
    app.click("#back").await;
    app.click("#first-run-trash").await;
    app.wait_count("#trash-list > li", 1).await;
    app.click("#empty-trash").await;
    app.wait_text("#empty-trash-text", "1 item").await;
    app.click("#cancel-empty-trash").await;
    assert_eq!(
        sandbox
            .cli_json(&["trash", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    app.click("#empty-trash").await;
    app.click("#confirm-empty-trash").await;
    app.el("#trash-empty").await;

    // How long the trash keeps things is a setting, and the trash says so.
    app.click("#nav-settings").await;
    app.wait_value("#setting-trash-days", "30").await;
    app.type_into("#setting-trash-days", "7").await;
    app.click("#save-settings").await;
    app.wait_text("#settings-status", "Saved").await;
    sandbox.cli(&["programme", "add", "--title", "Another"]);
    app.click("#nav-programmes").await;
    app.click("#open-trash").await;
    app.wait_text("#trash-keeps", "for 7 days").await;
    app.close().await;
    assert_eq!(
        sandbox.cli_json(&["settings", "show", "--json"])["trashDays"],
        7
    );
    assert!(sandbox
        .cli_json(&["trash", "list", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_person_page_lists_profile_edits() {
    let sandbox = Sandbox::new();
    sandbox.cli(&[
        "programme",
        "add",
        "--title",
        "A panel",
        "--guest",
        "Anatol Lieven",
    ]);
    sandbox.cli(&[
        "--author",
        "Anna Booker",
        "person",
        "edit",
        "Anatol Lieven",
        "--affiliation",
        "Quincy Institute",
    ]);
    let app = sandbox.launch().await;
    app.click("#nav-guests").await;
    app.click("tr.guest-dir-row .guest-open").await;
    let text = app.wait_text("#person-changes", "Quincy Institute").await;
    assert!(text.contains("Anna Booker"), "{text}");
    app.close().await;
}
