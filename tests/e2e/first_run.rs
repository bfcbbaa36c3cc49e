use thirtyfour::prelude::*;

use crate::harness::Sandbox;

#[tokio::test]
async fn an_empty_database_offers_the_example_programme() {
    let sandbox = Sandbox::new();
    let app = sandbox.launch().await;
    app.el("#first-run").await;
    app.click("#load-example").await;
    let title = app
        .el("#title")
        .await
        .value()
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(title.contains("Nile"), "{title}");
    let list = sandbox.cli_json(&["programme", "list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["guests"].as_array().unwrap().len(), 3);
    app.close().await;
}

/// The first run asks who is using Greenroom, proposing the OS account's name; the
/// name is stored, so changes are recorded under it, and Settings shows it.
#[tokio::test]
async fn the_first_run_asks_for_a_name_prefilled_from_the_os_account() {
    let sandbox = Sandbox::new();
    let app = sandbox
        .launch_with_env(&[("USER", "dareen"), ("USERNAME", "")])
        .await;
    app.wait_value("#author-name", "dareen").await;
    app.type_into("#author-name", "Dareen Abughaida").await;
    app.click("#load-example").await;
    app.el("#title").await;
    let settings = sandbox.cli_json(&["settings", "show", "--json"]);
    assert_eq!(settings["authorName"], "Dareen Abughaida", "{settings}");
    let id = sandbox.cli_json(&["programme", "list", "--json"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let history = sandbox.cli_json(&["programme", "history", &id, "--json"]);
    assert_eq!(history[0]["author"], "Dareen Abughaida", "{history}");

    app.click("#nav-settings").await;
    app.wait_value("#setting-author-name", "Dareen Abughaida")
        .await;
    app.type_into("#setting-author-name", "D. Abughaida").await;
    app.click("#save-settings").await;
    app.wait_text("#settings-status", "Saved").await;
    app.close().await;
    let settings = sandbox.cli_json(&["settings", "show", "--json"]);
    assert_eq!(settings["authorName"], "D. Abughaida", "{settings}");
}

/// The CSP is in force: a script injected into the page does not run.
#[tokio::test]
async fn the_content_security_policy_blocks_inline_script() {
    let sandbox = Sandbox::new();
    let app = sandbox.launch().await;
    let ran = app
        .driver
        .execute(
            "const s = document.createElement('script');
             s.textContent = 'document.body.dataset.inline = \"ran\"';
             document.head.appendChild(s);
             return document.body.dataset.inline || 'blocked';",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(ran.json(), "blocked");
    assert!(app.driver.find(By::Css("#open-error")).await.is_err());
    app.close().await;
}

#[tokio::test]
async fn a_database_that_cannot_be_opened_gets_a_clear_screen() {
    let sandbox = Sandbox::new();
    let bytes = b"not a database at all ".repeat(100);
    std::fs::write(sandbox.db(), &bytes).unwrap();
    let app = sandbox.launch().await;
    let text = app
        .wait_text("#open-error", "not a Greenroom database")
        .await;
    assert!(text.contains(&sandbox.db().display().to_string()), "{text}");
    app.close().await;
    assert_eq!(std::fs::read(sandbox.db()).unwrap(), bytes);
}

/// Settings ends with an About line: the version Cargo gave the window (the one its
/// packages carry) and the database it has open.
#[tokio::test]
async fn settings_say_which_version_is_running_on_which_database() {
    let sandbox = Sandbox::new();
    let app = sandbox.launch().await;
    app.click("#nav-settings").await;
    let about = app
        .wait_text(
            "#about",
            &format!("Greenroom {}", env!("CARGO_PKG_VERSION")),
        )
        .await;
    assert!(
        about.contains(&sandbox.db().display().to_string()),
        "{about}"
    );
    app.close().await;
}
