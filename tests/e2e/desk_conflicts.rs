//! A conflict made while one member was offline, resolved in the window (issue 15):
//! Ann's window is closed while she edits through the command line; Bo's window
//! edits the same field; her sync raises the conflict; her window shows it in the
//! header and on the conflicts page (original, mine, theirs); keeping her title and
//! writing new notes resolve both for the whole desk, as new revisions.

use crate::desk_server::{join_in_window, DeskServer};
use crate::harness::{Sandbox, Turn};

/// Waits until nothing of `member`'s waits to be pushed (its window pushes by itself).
async fn pushed(member: &Sandbox) {
    let start = std::time::Instant::now();
    while member.cli_json(&["desk", "status", "--json"])["pending"] != 0 {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(15),
            "the window did not push"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_conflict_made_offline_is_resolved_in_the_window_and_leaves_a_revision() {
    let desk = DeskServer::start();
    let (a, b) = (Sandbox::new(), Sandbox::new());
    let code = desk.invite("Ann", "editor");
    a.cli(&["desk", "join", &desk.url, &code]);
    let id = a
        .cli(&["programme", "add", "--title", "Water", "--notes", "Dam"])
        .trim()
        .to_string();
    a.cli(&["sync"]);

    let turn = Turn::take().await;
    // Bo's window dark: the conflicts note is looked at in both schemes (Ann's light).
    let bo = b.launch_in(&turn, &[("GTK_THEME", "Adwaita:dark")]).await;
    join_in_window(&bo, &desk, "Bo").await;
    bo.click("#home").await;
    bo.click("tr.programme-row").await;
    bo.wait_value("#title", "Water").await;
    bo.type_into("#title", "Water (Bo)").await;
    bo.type_into("#notes", "Bo: the dam").await;
    bo.click("#save").await;
    bo.wait_text("#form-status", "Saved").await;
    pushed(&b).await;

    // Ann, with her window closed, changes the same title and notes, and syncs.
    a.cli(&[
        "programme",
        "edit",
        &id,
        "--title",
        "Water (Ann)",
        "--notes",
        "Ann: the drought",
    ]);
    let synced = a.cli_json(&["sync", "--json"]);
    assert_eq!(synced["conflicts"], 2, "{synced}");
    // Bo's window hears of it by itself: in the header, and in his open editor,
    // whose header may have scrolled away, with a way to the conflicts page.
    bo.wait_text("#desk-status-button", "2 conflicts").await;
    let note = bo
        .wait_text("#programme-conflicts", "2 conflicts over this programme")
        .await;
    assert!(note.contains("title") && note.contains("notes"), "{note}");
    bo.click("#programme-conflicts-open").await;
    bo.wait_count("li.conflict", 2).await;
    bo.click("#home").await;
    bo.click("tr.programme-row").await;
    bo.wait_value("#title", "Water (Bo)").await;
    bo.wait_text("#programme-conflicts", "2 conflicts").await;
    bo.driver.set_window_rect(0, 0, 760, 520).await.unwrap();
    bo.assert_fits("the editor's note of conflicts").await;
    bo.shot("desk-editor-conflicts-dark").await;

    // Ann's window: the header says so; its panel leads to the conflicts page.
    let ann = a.launch_in(&turn, &[]).await;
    ann.wait_text("#desk-status-button", "2 conflicts").await;
    ann.click("#desk-status-button").await;
    ann.click("#desk-panel-conflicts").await;
    ann.wait_count("li.conflict", 2).await;
    const TITLE: &str = "li.conflict[data-field='title']";
    const NOTES: &str = "li.conflict[data-field='notes']";
    let conflict = ann.wait_text(TITLE, "Water (Bo)").await;
    let value = |side: &'static str| {
        let ann = &ann;
        async move {
            let all = ann
                .driver
                .find_all(thirtyfour::By::Css(format!(
                    "{TITLE} .conflict-{side} .conflict-value"
                )))
                .await
                .unwrap();
            assert_eq!(all.len(), 1, "one {side} value");
            all[0].text().await.unwrap()
        }
    };
    assert_eq!(value("base").await, "Water", "{conflict}");
    assert_eq!(value("mine").await, "Water (Ann)");
    assert_eq!(value("theirs").await, "Water (Bo)");
    ann.wait_text(&format!("{TITLE} .conflict-mine h3"), "Mine")
        .await;

    // Keeping her title, and writing new notes: gone from the list, on the desk
    // for everyone, each a revision in the history.
    ann.click(&format!("{TITLE} .keep-mine")).await;
    ann.wait_text("#conflicts-notice", "Resolved").await;
    ann.wait_count("li.conflict", 1).await;
    ann.click(&format!("{NOTES} .write-value")).await;
    ann.type_into(
        &format!("{NOTES} .conflict-new-value"),
        "Both: the dam and the drought",
    )
    .await;
    ann.click(&format!("{NOTES} .keep-value")).await;
    ann.wait_text("#conflicts-notice", "the value written here")
        .await;
    ann.el("#conflicts-none").await;
    ann.wait_text("#desk-status-button", "Synced").await;
    bo.wait_value("#title", "Water (Ann)").await;
    bo.wait_value("#notes", "Both: the dam and the drought")
        .await;
    bo.wait_text("#desk-status-button", "Synced").await;
    bo.wait_count("#programme-conflicts:not([hidden])", 0).await;
    // Escape, outside a field, goes back to where the conflicts page was opened from.
    ann.js("document.activeElement.blur();", vec![]).await;
    ann.el("body")
        .await
        .send_keys(thirtyfour::Key::Escape)
        .await
        .unwrap();
    ann.el("#programme-list").await;
    let history = a.cli_json(&["programme", "history", &id, "--json"]);
    let newest = format!("{} {}", history[0], history[1]);
    for kept in ["Water (Ann)", "Both: the dam and the drought"] {
        assert!(
            newest.contains(kept),
            "each resolution is a revision: {history}"
        );
    }
    ann.close().await;
    bo.close().await;
    drop(turn);
}
