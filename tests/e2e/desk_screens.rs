//! The desk's pages at the minimum window (760 × 520), light and dark: Settings →
//! Desk (the join form, then the linked desk), the header's status panel and the
//! conflicts page fit without a sideways scroll and keep the header one line high.
//! Screenshots go to target/e2e-shots for looking at by eye.

use serde_json::json;

use crate::desk_server::{open_desk_page, DeskServer};
use crate::harness::{App, Sandbox};

/// Fits the window, and the header stays one line high.
async fn overflow(app: &App, view: &str) {
    app.assert_fits(view).await;
    let bar = app
        .js(
            "return document.querySelector('.app-bar').getBoundingClientRect().height;",
            vec![],
        )
        .await;
    assert!(bar.as_f64().unwrap() <= 60.0, "{view}: header {bar} px");
}

/// Ann (this sandbox) holds a conflict with Cy over the title of "Water".
fn conflict(desk: &DeskServer, ann: &Sandbox) {
    let cy = Sandbox::new();
    ann.cli(&[
        "desk",
        "join",
        &desk.url,
        &desk.invite("Ann Example", "editor"),
    ]);
    cy.cli(&["desk", "join", &desk.url, &desk.invite("Cy", "editor")]);
    let id = ann
        .cli(&["programme", "add", "--title", "Water", "--notes", "Dam"])
        .trim()
        .to_string();
    ann.cli(&["sync"]);
    cy.cli(&["sync"]);
    cy.cli(&[
        "programme",
        "edit",
        &id,
        "--title",
        "Who pays for water when the rivers run dry? A long title",
    ]);
    cy.cli(&["sync"]);
    ann.cli(&["programme", "edit", &id, "--title", "Water (Ann)"]);
    ann.cli(&["sync"]);
}

async fn at_minimum(app: &App) {
    app.driver.set_window_rect(0, 0, 760, 520).await.unwrap();
}

#[tokio::test]
async fn the_desk_pages_fit_the_minimum_window_light_and_dark() {
    for scheme in ["light", "dark"] {
        let desk = DeskServer::start();
        let vars: &[(&str, &str)] = if scheme == "dark" {
            &[("GTK_THEME", "Adwaita:dark")]
        } else {
            &[]
        };
        // The join form, before any desk.
        let fresh = Sandbox::new();
        let app = fresh.launch_with_env(vars).await;
        at_minimum(&app).await;
        open_desk_page(&app).await;
        app.type_into("#desk-url", "http://127.0.0.1:9").await;
        app.type_into("#desk-code", "whatever").await;
        app.click("#desk-join").await;
        app.wait_text("#desk-error", "Not joined").await;
        overflow(&app, "the join form").await;
        app.shot(&format!("desk-join-{scheme}")).await;
        app.close().await;

        // A linked desk with a conflict: the header, its panel, the pages.
        let ann = Sandbox::new();
        conflict(&desk, &ann);
        let app = ann.launch_with_env(vars).await;
        at_minimum(&app).await;
        app.wait_text("#desk-status-button", "1 conflict").await;
        overflow(&app, "the list with a desk").await;
        app.click("#desk-status-button").await;
        app.wait_text("#desk-panel", "Inside Story").await;
        overflow(&app, "the status panel").await;
        app.shot(&format!("desk-status-panel-{scheme}")).await;
        // Escape closes it and gives the focus back to the button.
        app.js(
            "document.getElementById('desk-panel').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));",
            vec![],
        )
        .await;
        let closed = app
            .js(
                "return [document.getElementById('desk-panel').hidden, document.activeElement.id];",
                vec![],
            )
            .await;
        assert_eq!(closed, json!([true, "desk-status-button"]));

        open_desk_page(&app).await;
        app.wait_text("#desk-member", "Ann Example").await;
        overflow(&app, "the linked desk").await;
        app.shot(&format!("desk-linked-{scheme}")).await;
        app.click("#desk-open-conflicts").await;
        app.wait_text("li.conflict", "Water (Ann)").await;
        overflow(&app, "the conflicts page").await;
        app.shot(&format!("desk-conflicts-{scheme}")).await;
        app.click("li.conflict .write-value").await;
        app.el("li.conflict .conflict-new-value").await;
        overflow(&app, "a new value being written").await;
        app.shot(&format!("desk-conflicts-value-{scheme}")).await;
        app.close().await;
    }
}
