//! Two windows on one desk (issue 15): each joins through Settings → Desk, on its own
//! database and config folder, with a real `greenroom-server` and PostgreSQL. What
//! one saves shows in the other's list and open editor without a reload; the other's
//! unsaved typing is never lost (the review banner takes in only what it did not
//! touch).

use crate::desk_server::{join_in_window, DeskServer};
use crate::harness::{App, Sandbox, Turn};

/// Saves the open editor and waits for it to say so.
async fn save(app: &App) {
    app.click("#save").await;
    app.wait_text("#form-status", "Saved").await;
}

#[tokio::test]
async fn an_edit_in_one_window_shows_in_the_others_list_and_editor_and_never_eats_typing() {
    let desk = DeskServer::start();
    let (a, b) = (Sandbox::new(), Sandbox::new());
    let turn = Turn::take().await;
    let ann = a.launch_in(&turn, &[]).await;
    join_in_window(&ann, &desk, "Ann").await;
    let bo = b.launch_in(&turn, &[]).await;
    join_in_window(&bo, &desk, "Bo").await;
    // Bo waits on the empty archive's first screen.
    bo.click("#home").await;
    bo.el("#first-run").await;

    // Ann makes a programme in her window; it comes to Bo's list by itself.
    ann.click("#home").await;
    ann.click("#first-run-new").await;
    ann.type_into("#title", "Water").await;
    save(&ann).await;
    bo.wait_text("#programme-list", "Water").await;

    // Ann renames it: Bo's list follows in place.
    ann.type_into("#title", "Water and power").await;
    save(&ann).await;
    bo.wait_text("#programme-list", "Water and power").await;

    // Bo opens it; Ann's next change reaches his open editor (nothing typed there).
    bo.click("tr.programme-row").await;
    bo.wait_value("#title", "Water and power").await;
    ann.type_into("#title", "Water, power and peace").await;
    save(&ann).await;
    bo.wait_value("#title", "Water, power and peace").await;
    bo.wait_text("#form-status", "Saved").await;

    // Bo types notes and does not save; Ann changes the title and the notes. Bo's
    // window takes in the title, keeps his notes, and says what Ann changed.
    bo.type_into("#notes", "Bo: ask about the dam").await;
    ann.type_into("#title", "Who pays for water?").await;
    ann.type_into("#notes", "Ann: open with the drought").await;
    save(&ann).await;
    bo.wait_text("#desk-review", "Ann changed this programme — review")
        .await;
    bo.wait_value("#title", "Who pays for water?").await;
    bo.wait_value("#notes", "Bo: ask about the dam").await;
    let review = bo.wait_text("#desk-review-list", "Notes").await;
    assert!(review.contains("Title"), "{review}");
    assert!(review.contains("Ann: open with the drought"), "{review}");
    bo.wait_text("#form-status", "Unsaved changes").await;
    bo.driver.set_window_rect(0, 0, 760, 520).await.unwrap();
    bo.assert_fits("the review banner").await;
    bo.shot("desk-review-banner").await;

    // His save goes over the new version (no conflict), and reaches Ann's editor.
    save(&bo).await;
    ann.wait_value("#notes", "Bo: ask about the dam").await;
    ann.wait_value("#title", "Who pays for water?").await;
    ann.close().await;
    bo.close().await;
    drop(turn);
}

/// One producer offline for a while, then back: the header says since when, her
/// edits wait (and say so in the panel), and go out by themselves when the desk is
/// back; the other member gets them.
#[tokio::test]
async fn offline_for_a_while_then_back_sends_what_waited() {
    let mut desk = DeskServer::start();
    let (a, b) = (Sandbox::new(), Sandbox::new());
    for (s, name) in [(&a, "Ann"), (&b, "Bo")] {
        s.cli(&["desk", "join", &desk.url, &desk.invite(name, "editor")]);
    }
    let id = b
        .cli(&["programme", "add", "--title", "Water"])
        .trim()
        .to_string();
    b.cli(&["sync"]);
    a.cli(&["sync"]);

    let ann = a.launch().await;
    ann.wait_text("#desk-status-button", "Synced").await;
    desk.stop();
    // "Sync now" finds the desk gone at once (the live sync would within a minute).
    ann.click("#desk-status-button").await;
    ann.click("#desk-sync-now").await;
    ann.wait_text("#desk-status-button", "Offline since").await;
    ann.wait_text("#desk-panel-error", "").await;
    ann.click("#desk-status-button").await;

    ann.click("tr.programme-row").await;
    ann.wait_value("#title", "Water").await;
    ann.type_into("#title", "Water, written offline").await;
    save(&ann).await;
    ann.click("#desk-status-button").await;
    ann.wait_text("#desk-panel", "1 change").await;
    ann.wait_text("#desk-status-button", "Offline since").await;
    ann.click("#desk-status-button").await;

    desk.restart();
    // Back: the live sync's retry (1 s, 2 s, 4 s… from the first failure) finds it.
    ann.wait_text("#desk-status-button", "Synced").await;
    b.cli(&["sync"]);
    let seen = b.cli_json(&["programme", "show", &id, "--json"]);
    assert_eq!(seen["title"], "Water, written offline");
    ann.close().await;
}
