//! A conflict made while one member was offline, resolved in the window (issue 15):
//! Ann's window is closed while she edits through the command line; Bo's window
//! edits the same field; her sync raises the conflict; her window shows it in the
//! header and on the conflicts page (original, mine, theirs), and keeping hers
//! resolves it for the whole desk, as a new revision.

use crate::desk_server::{join_in_window, DeskServer};
use crate::harness::{Sandbox, Turn};

#[tokio::test]
async fn a_conflict_made_offline_is_resolved_in_the_window_and_leaves_a_revision() {
    let desk = DeskServer::start();
    let (a, b) = (Sandbox::new(), Sandbox::new());
    let code = desk.invite("Ann", "editor");
    a.cli(&["desk", "join", &desk.url, &code]);
    let id = a
        .cli(&["programme", "add", "--title", "Water"])
        .trim()
        .to_string();
    a.cli(&["sync"]);

    let turn = Turn::take().await;
    let bo = b.launch_in(&turn, &[]).await;
    join_in_window(&bo, &desk, "Bo").await;
    bo.click("#home").await;
    bo.click("tr.programme-row").await;
    bo.wait_value("#title", "Water").await;
    bo.type_into("#title", "Water (Bo)").await;
    bo.click("#save").await;
    bo.wait_text("#form-status", "Saved").await;
    bo.wait_text("#desk-status-button", "Synced").await;

    // Ann, with her window closed, changes the same title and syncs.
    a.cli(&["programme", "edit", &id, "--title", "Water (Ann)"]);
    let synced = a.cli_json(&["sync", "--json"]);
    assert_eq!(synced["conflicts"], 1, "{synced}");
    // Bo's window hears of it by itself.
    bo.wait_text("#desk-status-button", "1 conflict").await;

    // Ann's window: the header says so; its panel leads to the conflicts page.
    let ann = a.launch_in(&turn, &[]).await;
    ann.wait_text("#desk-status-button", "1 conflict").await;
    ann.click("#desk-status-button").await;
    ann.click("#desk-panel-conflicts").await;
    let conflict = ann.wait_text("li.conflict", "title").await;
    for side in [".conflict-base", ".conflict-mine", ".conflict-theirs"] {
        assert_eq!(
            ann.count(&format!("li.conflict {side} .conflict-value"))
                .await,
            1
        );
    }
    let value = |side: &'static str| {
        let ann = &ann;
        async move {
            ann.el(&format!("li.conflict .conflict-{side} .conflict-value"))
                .await
                .text()
                .await
                .unwrap()
        }
    };
    assert_eq!(value("base").await, "Water", "{conflict}");
    assert_eq!(value("mine").await, "Water (Ann)");
    assert_eq!(value("theirs").await, "Water (Bo)");
    ann.wait_text("li.conflict .conflict-mine h3", "Mine").await;

    // Keeping hers: gone from the list, on the desk for everyone, in the history.
    ann.click("li.conflict .keep-mine").await;
    ann.wait_text("#conflicts-notice", "Resolved").await;
    ann.el("#conflicts-none").await;
    ann.wait_text("#desk-status-button", "Synced").await;
    bo.wait_value("#title", "Water (Ann)").await;
    bo.wait_text("#desk-status-button", "Synced").await;
    let history = a.cli_json(&["programme", "history", &id, "--json"]);
    let newest = &history[0];
    assert!(
        newest.to_string().contains("Water (Ann)"),
        "the resolution is a revision: {history}"
    );
    ann.close().await;
    bo.close().await;
    drop(turn);
}
