//! Guests across the desk, in the window (issue 15): booking warnings and a guest's
//! history use the whole desk's archive. A guest Bo booked three days before warns
//! Ann in her editor; the guest's page in her window takes in Bo's next booking by
//! itself.

use crate::desk_server::DeskServer;
use crate::harness::Sandbox;

fn member(desk: &DeskServer, name: &str) -> Sandbox {
    let s = Sandbox::new();
    s.cli(&["desk", "join", &desk.url, &desk.invite(name, "editor")]);
    s
}

fn book(bo: &Sandbox, title: &str, air: &str) {
    bo.cli(&[
        "programme",
        "add",
        "--title",
        title,
        "--air",
        air,
        "--tz",
        "UTC",
        "--guest",
        "Anatol Lieven – Quincy Institute",
    ]);
    bo.cli(&["sync"]);
}

/// Ann and Bo on `desk`, Bo's earlier show with Anatol Lieven already synced to Ann.
fn ann_after_bos_booking(desk: &DeskServer) -> (Sandbox, Sandbox) {
    let (a, b) = (member(desk, "Ann"), member(desk, "Bo"));
    book(&b, "Bo's earlier show", "2025-05-20T19:30");
    a.cli(&["sync"]);
    (a, b)
}

#[tokio::test]
async fn a_guest_another_member_booked_warns_and_their_history_follows() {
    let desk = DeskServer::start();
    let (a, b) = ann_after_bos_booking(&desk);

    let ann = a.launch().await;
    ann.wait_text("#programme-list", "Bo's earlier show").await;
    ann.click("#new-programme").await;
    ann.type_into("#title", "Is NATO ready for a long war?")
        .await;
    ann.set_value("#air-local", "2025-05-23T19:30").await;
    ann.type_into("#time-zone", "UTC").await;
    ann.type_into_nth(".guest-name", 0, "Anatol Lieven").await;
    ann.wait_text(
        "#booking-warnings",
        "was on 3 days earlier, on 20 May 2025 (Bo's earlier show)",
    )
    .await;

    // His page, from the guest directory, while Bo books him again.
    ann.click("#save").await;
    ann.wait_text("#form-status", "Saved").await;
    ann.click("#nav-guests").await;
    ann.click("#guest-table .guest-open").await;
    ann.wait_text("#person-name", "Anatol Lieven").await;
    ann.wait_text("#person-page", "Bo's earlier show").await;
    book(&b, "Bo's later show", "2025-06-01T19:30");
    ann.wait_text("#person-page", "Bo's later show").await;
    ann.close().await;
}

/// Another member's edit to a guest's details reaches the page open on them in place;
/// the details form open there is never refilled under the producer's typing, and
/// saving it over the newer details is refused as a conflict, keeping what was typed.
#[tokio::test]
async fn a_guests_details_changed_by_another_member_follow_but_never_overwrite_the_form() {
    let desk = DeskServer::start();
    let (a, b) = ann_after_bos_booking(&desk);

    let ann = a.launch().await;
    ann.click("#nav-guests").await;
    ann.click("#guest-table .guest-open").await;
    ann.wait_text("#person-name", "Anatol Lieven").await;
    let edit = |affiliation: &str| {
        b.cli(&["sync"]);
        b.cli(&[
            "person",
            "edit",
            "Anatol Lieven",
            "--affiliation",
            affiliation,
            "--expertise",
            "Russia",
        ]);
        b.cli(&["sync"]);
    };
    edit("King's College London");
    ann.wait_text(".person-heading", "King's College London")
        .await;
    ann.wait_text("#person-expertise", "Russia").await;

    // Ann opens the form and types; Bo's next edit shows on the page, not in her form.
    ann.click("#edit-person").await;
    ann.wait_value("#pf-affiliation", "King's College London")
        .await;
    ann.type_into("#pf-notes", "Ann: prefers the morning slot")
        .await;
    edit("Chatham House");
    // Her page's heading and its history, read again where they are.
    ann.wait_text(".person-heading", "Chatham House").await;
    ann.wait_value("#pf-notes", "Ann: prefers the morning slot")
        .await;
    ann.wait_value("#pf-affiliation", "King's College London")
        .await;
    ann.click("#save-person").await;
    ann.wait_text("#person-form-error", "changed elsewhere")
        .await;
    ann.wait_value("#pf-notes", "Ann: prefers the morning slot")
        .await;
    ann.close().await;
}
