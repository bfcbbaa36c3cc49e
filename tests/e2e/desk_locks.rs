//! Lock for air and viewers, in the window (issue 15): Ann locks a programme shortly
//! before air and Bo's window, open on it, turns read only and names her; her unlock
//! gives it back. A viewer's window (studio crew) has no edit controls and no contact
//! details, and still exports.

use crate::desk_server::DeskServer;
use crate::harness::{App, Sandbox, Turn};

/// A member joined through the command line (the window's join has its own test).
fn member(desk: &DeskServer, name: &str, role: &str) -> Sandbox {
    let s = Sandbox::new();
    s.cli(&["desk", "join", &desk.url, &desk.invite(name, role)]);
    s
}

async fn open_first_programme(app: &App, title: &str) {
    app.wait_text("#programme-list", title).await;
    app.click("tr.programme-row").await;
    app.wait_value("#title", title).await;
}

async fn read_only(app: &App) -> serde_json::Value {
    app.js(
        "return [document.getElementById('title').readOnly, document.getElementById('save').disabled,
                 document.getElementById('add-guest').disabled];",
        vec![],
    )
    .await
}

async fn wait_read_only(app: &App) {
    let start = std::time::Instant::now();
    loop {
        let now = read_only(app).await;
        if now == serde_json::json!([true, true, true]) {
            return;
        }
        assert!(
            start.elapsed() < crate::harness::WAIT,
            "the viewer's form never turned read only: {now}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_lock_for_air_makes_the_other_window_read_only_until_unlocked() {
    let desk = DeskServer::start();
    let (a, b) = (
        member(&desk, "Ann", "editor"),
        member(&desk, "Bo", "editor"),
    );
    a.cli(&["programme", "add", "--title", "Water"]);
    a.cli(&["sync"]);
    b.cli(&["sync"]);

    let turn = Turn::take().await;
    let ann = a.launch_in(&turn, &[]).await;
    let bo = b.launch_in(&turn, &[]).await;
    open_first_programme(&ann, "Water").await;
    open_first_programme(&bo, "Water").await;
    assert_eq!(
        read_only(&bo).await,
        serde_json::json!([false, false, false])
    );

    ann.wait_text("#lock-programme", "Lock for air").await;
    ann.click("#lock-programme").await;
    ann.wait_text("#lock-badge", "Locked for air by you").await;
    ann.wait_text("#lock-programme", "Unlock").await;

    // Bo's window hears of it: it names Ann, offers no lock, and takes no typing.
    bo.wait_text("#lock-badge", "Locked for air by Ann").await;
    assert_eq!(read_only(&bo).await, serde_json::json!([true, true, true]));
    let hidden = bo
        .js(
            "return document.getElementById('lock-programme').hidden;",
            vec![],
        )
        .await;
    assert_eq!(hidden, true, "an editor cannot take another's lock");
    bo.el("#title").await.send_keys("!!").await.unwrap();
    bo.wait_value("#title", "Water").await;
    // The export menu still works on a locked programme.
    assert!(bo.el("#export-menu").await.is_enabled().await.unwrap());
    // At the minimum window the bar keeps its two rows with the badge in it.
    bo.driver.set_window_rect(0, 0, 760, 520).await.unwrap();
    bo.assert_fits("a locked programme").await;
    let bar = bo
        .js(
            "return document.querySelector('.editor-bar').getBoundingClientRect().height;",
            vec![],
        )
        .await;
    assert!(bar.as_f64().unwrap() <= 110.0, "editor bar {bar} px tall");
    bo.shot("desk-locked-editor").await;
    // The list marks it too, naming the holder.
    bo.click("#back").await;
    bo.wait_text("tr.programme-row .lock-mark", "Locked by Ann")
        .await;
    bo.click("tr.programme-row").await;
    bo.wait_text("#lock-badge", "Locked for air by Ann").await;

    // Ann's unlock gives it back; Bo's edit then reaches Ann.
    ann.click("#lock-programme").await;
    ann.wait_text("#lock-programme", "Lock for air").await;
    bo.wait_count("#lock-badge:not([hidden])", 0).await;
    assert_eq!(
        read_only(&bo).await,
        serde_json::json!([false, false, false])
    );
    bo.type_into("#title", "Water after air").await;
    bo.click("#save").await;
    bo.wait_text("#form-status", "Saved").await;
    ann.wait_value("#title", "Water after air").await;
    // Who changed it last, in the programme's header.
    ann.wait_text("#form-meta", "last changed by Bo").await;
    ann.close().await;
    bo.close().await;
    drop(turn);
}

/// An edit made where the lock was not yet known (offline, or before a sync) is not
/// lost and not forced through: the desk refuses it while the programme is locked, the
/// panel says it is held back and why, and it goes out by itself once unlocked.
#[tokio::test]
async fn an_edit_made_before_the_lock_was_known_is_held_back_until_unlocked() {
    let desk = DeskServer::start();
    let (a, b) = (
        member(&desk, "Ann", "editor"),
        member(&desk, "Bo", "editor"),
    );
    let id = a
        .cli(&["programme", "add", "--title", "Water"])
        .trim()
        .to_string();
    a.cli(&["sync"]);
    b.cli(&["sync"]);
    // Ann locks it; Bo's copy, not synced since, does not know and takes his edit.
    a.cli(&["lock", &id]);
    b.cli(&[
        "programme",
        "edit",
        &id,
        "--title",
        "Water, before the lock",
    ]);

    let bo = b.launch().await;
    bo.wait_text("#desk-status-button", "1 change waiting")
        .await;
    bo.click("#desk-status-button").await;
    let panel = bo
        .wait_text(
            "#desk-panel",
            "1 change to a programme locked for air: sent once it is unlocked",
        )
        .await;
    assert!(panel.contains("Held back"), "{panel}");
    // His edit is still his, in the list; the desk still has Ann's title.
    bo.click("#desk-status-button").await;
    bo.wait_text("#programme-list", "Water, before the lock")
        .await;
    bo.wait_text("tr.programme-row .lock-mark", "Locked by Ann")
        .await;
    a.cli(&["sync"]);
    assert_eq!(
        a.cli_json(&["programme", "show", &id, "--json"])["title"],
        "Water"
    );

    // Ann unlocks: Bo's window hears of it and sends what waited.
    a.cli(&["unlock", &id]);
    bo.wait_text("#desk-status-button", "Synced").await;
    bo.click("#desk-status-button").await;
    let panel = bo.wait_text("#desk-panel", "Waiting to send").await;
    assert!(!panel.contains("Held back"), "{panel}");
    a.cli(&["sync"]);
    assert_eq!(
        a.cli_json(&["programme", "show", &id, "--json"])["title"],
        "Water, before the lock"
    );
    bo.close().await;
}

#[tokio::test]
async fn a_viewers_window_offers_no_edits_and_no_contact_details() {
    let desk = DeskServer::start();
    let a = member(&desk, "Ann", "editor");
    a.cli(&[
        "programme",
        "add",
        "--title",
        "Water",
        "--guest",
        "Selam Bekele – Hydrologist",
    ]);
    a.cli(&[
        "person",
        "edit",
        "Selam Bekele",
        "--email",
        "selam@example.org",
    ]);
    a.cli(&["sync"]);
    let crew = member(&desk, "Studio", "viewer");
    crew.cli(&["sync"]);

    let app = crew.launch().await;
    app.wait_text("#desk-status-button", "Synced").await;
    app.wait_text("#programme-list", "Water").await;
    assert!(!app.displayed("#new-programme").await, "no new programme");
    app.click("tr.programme-row").await;
    app.wait_value("#title", "Water").await;
    // The role comes from the desk's status, which may answer after the programme
    // is shown: the form turns read only when it does.
    wait_read_only(&app).await;
    assert!(!app.displayed("#save").await, "no save");
    assert!(!app.displayed("#lock-programme").await, "no lock");
    assert!(app.el("#export-menu").await.is_enabled().await.unwrap());

    app.click("li.guest-row .guest-history").await;
    app.wait_text("#person-name", "Selam Bekele").await;
    assert_eq!(app.count("#person-email").await, 0, "no contact details");
    assert!(!app.displayed("#edit-person").await, "no edit");
    app.close().await;
}
