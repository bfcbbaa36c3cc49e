//! The people directory in the window: fuzzy name suggestions in the editor, the
//! person's profile form, and finding, merging and un-merging duplicates.

use std::time::{Duration, Instant};

use serde_json::Value;
use thirtyfour::prelude::*;

use crate::harness::{App, Sandbox};

fn people(sandbox: &Sandbox) -> Vec<Value> {
    sandbox
        .cli_json(&["person", "list", "--json"])
        .as_array()
        .unwrap()
        .clone()
}

/// Waits (the window saves asynchronously) until the directory holds `n` people.
async fn wait_people(sandbox: &Sandbox, n: usize) -> Vec<Value> {
    let start = Instant::now();
    loop {
        let list = people(sandbox);
        if list.len() == n {
            return list;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "timed out waiting for {n} people; the directory holds {list:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Tarık Oğuzlu has been on an aired programme; a new programme is open in the editor.
async fn new_programme_after_oguzlu_aired(sandbox: &Sandbox) -> App {
    sandbox.cli(&[
        "programme",
        "add",
        "--title",
        "Earlier",
        "--status",
        "aired",
        "--guest",
        "Tarık Oğuzlu – Antalya Bilim University",
    ]);
    let app = sandbox.launch().await;
    app.click("#new-programme").await;
    app.type_into("#title", "Where is Turkey heading?").await;
    app
}

/// Typing a name without its accents offers the person already in the directory;
/// picking them links the row (no second person) and fills in their affiliation.
#[tokio::test]
async fn suggestions_find_a_guest_typed_without_accents_and_link_the_row() {
    let sandbox = Sandbox::new();
    let app = new_programme_after_oguzlu_aired(&sandbox).await;
    app.type_into_nth(".guest-name", 0, "Tarik Oguz").await;

    let option = app.el(".person-suggest-option").await;
    app.wait_text("li.guest-row .person-suggest", "Tarık Oğuzlu")
        .await;
    let text = option.text().await.unwrap();
    assert!(text.contains("Antalya Bilim University"), "{text}");
    assert!(text.contains("1 appearance"), "{text}");
    // The input is the combobox of the listbox it opened.
    let name = app.el(".guest-name").await;
    assert_eq!(
        name.attr("aria-expanded").await.unwrap().as_deref(),
        Some("true")
    );
    assert_eq!(
        name.attr("role").await.unwrap().as_deref(),
        Some("combobox")
    );

    // Keyboard: ↓ highlights the first option (aria-activedescendant), Enter picks it.
    name.send_keys(Key::Down).await.unwrap();
    let active = name
        .attr("aria-activedescendant")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(!active.is_empty(), "no active option");
    name.send_keys(Key::Enter).await.unwrap();

    app.wait_value(".guest-name", "Tarık Oğuzlu").await;
    app.wait_value(".guest-affiliation", "Antalya Bilim University")
        .await;
    assert_eq!(
        name.attr("aria-expanded").await.unwrap().as_deref(),
        Some("false")
    );
    // Enter picked; it did not also submit the form.
    app.wait_text("#form-status", "Unsaved").await;
    // Linked to the person, so the row offers their history.
    app.el("li.guest-row .guest-history").await;

    app.click("#save").await;
    app.wait_text("#form-status", "Saved").await;
    let list = wait_people(&sandbox, 1).await;
    assert_eq!(list[0]["name"], "Tarık Oğuzlu");

    // Escape closes the suggestions without leaving the editor.
    app.click("#add-guest").await;
    app.type_into_nth(".guest-name", 1, "Oğuz").await;
    app.el(".person-suggest-option").await;
    let second = app.driver.find_all(By::Css(".guest-name")).await.unwrap()[1].clone();
    second.send_keys(Key::Escape).await.unwrap();
    app.wait_count(".person-suggest:not([hidden])", 0).await;
    app.el("#programme-form").await;
    app.close().await;
}

/// Two spellings of one guest show up as a possible duplicate; merging leaves one
/// person, and Undo brings the two back.
#[tokio::test]
async fn duplicates_can_be_merged_and_the_merge_undone() {
    let sandbox = Sandbox::new();
    sandbox.two_spellings_of_one_guest();
    assert_eq!(people(&sandbox).len(), 2);
    let app = sandbox.launch().await;
    app.click("#nav-guests").await;
    app.click("#open-duplicates").await;
    app.el("#duplicates-page").await;
    app.wait_count(".duplicate-pair", 1).await;
    let pair = app.el(".duplicate-pair").await.text().await.unwrap();
    assert!(pair.contains("Dareen Abughaida"), "{pair}");
    assert!(pair.contains("Dareen Abu Ghaida"), "{pair}");
    assert!(pair.contains('%'), "{pair}");

    // Swapping changes who is kept.
    let before = app.el(".merge-pair").await.text().await.unwrap();
    app.click(".swap-pair").await;
    let after = app.el(".merge-pair").await.text().await.unwrap();
    assert_ne!(before, after);
    assert!(after.starts_with("Merge into Dareen"), "{after}");

    // Cancelling the confirmation merges nothing.
    app.click(".merge-pair").await;
    app.el("#merge-dialog").await;
    app.click("#cancel-merge").await;
    assert_eq!(people(&sandbox).len(), 2);

    app.click(".merge-pair").await;
    let dialog = app.wait_text("#merge-dialog", "undo").await;
    assert!(dialog.contains("appearances"), "{dialog}");
    app.click("#confirm-merge").await;
    app.wait_text("#merge-notice", "Merged").await;
    wait_people(&sandbox, 1).await;
    app.wait_count(".duplicate-pair", 0).await;
    app.wait_count("#merge-list .undo-merge", 1).await;

    app.click("#undo-merge").await;
    app.wait_text("#merge-notice", "Undone").await;
    wait_people(&sandbox, 2).await;
    app.wait_count(".duplicate-pair", 1).await;
    app.wait_count("#merge-list .undo-merge", 0).await;
    app.el("#merge-list .merge-record.undone").await;

    // A person's name opens their page.
    app.click(".duplicate-open").await;
    app.wait_text("#person-name", "Dareen").await;
    app.close().await;
}

/// The profile form saves contact details and tags; contact details stay out of
/// exports and the programme record.
#[tokio::test]
async fn the_profile_form_saves_details_and_contacts_stay_private() {
    let sandbox = Sandbox::new();
    let id = sandbox
        .cli(&[
            "programme",
            "add",
            "--title",
            "NATO at 75",
            "--guest",
            "Anatol Lieven – Quincy Institute",
        ])
        .trim()
        .to_string();
    let app = sandbox.launch().await;
    app.click("#nav-guests").await;
    app.click("tr.guest-dir-row .guest-open").await;
    app.wait_text("#person-name", "Anatol Lieven").await;
    app.click("#edit-person").await;
    app.el("#person-form").await;
    app.wait_value("#pf-name", "Anatol Lieven").await;
    app.wait_value("#pf-affiliation", "Quincy Institute").await;
    let form = app
        .driver
        .execute(
            "return document.getElementById('person-form').innerText",
            vec![],
        )
        .await
        .unwrap()
        .json()
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(form.contains("Never included in exports"), "{form}");
    assert!(form.contains("For the balance report (optional)"), "{form}");

    // A bad email is refused next to the field.
    app.type_into("#pf-email", "not-an-email").await;
    app.click("#save-person").await;
    app.wait_text("#pf-email-error", "not an email address")
        .await;
    assert_eq!(
        app.el("#pf-email")
            .await
            .attr("aria-invalid")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );

    app.type_into("#pf-email", "lieven@example.org").await;
    app.type_into("#pf-expertise", "Russia, NATO").await;
    app.type_into("#pf-honorific", "Dr").await;
    app.click("#save-person").await;
    app.wait_text("#person-saved", "saved").await;
    app.wait_text("#person-name", "Dr Anatol Lieven").await;
    app.wait_text("#person-details", "Russia, NATO").await;

    let shown = sandbox.cli_json(&["person", "show", "Anatol Lieven", "--json", "--contacts"]);
    assert_eq!(shown["email"], "lieven@example.org", "{shown}");
    assert_eq!(
        shown["expertise"],
        serde_json::json!(["Russia", "NATO"]),
        "{shown}"
    );
    assert_eq!(shown["honorific"], "Dr", "{shown}");

    let programme = sandbox.cli(&["programme", "show", &id, "--json"]);
    assert!(!programme.contains("lieven@example.org"), "{programme}");
    let md = sandbox.cli(&["export", &id, "--format", "md", "--out", "-"]);
    assert!(md.contains("Anatol Lieven"), "{md}");
    assert!(!md.contains("lieven@example.org"), "{md}");

    // A stale revision is refused with a way to load the latest.
    app.click("#edit-person").await;
    app.wait_value("#pf-email", "lieven@example.org").await;
    sandbox.cli(&["person", "edit", "Anatol Lieven", "--city", "London"]);
    app.type_into("#pf-notes", "Prefers remote").await;
    app.click("#save-person").await;
    app.wait_text("#person-form-error", "changed elsewhere")
        .await;
    app.click("#person-load-latest").await;
    app.wait_value("#pf-base-city", "London").await;
    app.close().await;
}

/// Issue 11, item 27: typing a near match of someone in the directory and saving
/// without picking them asks "same person?" first: Use existing links the row (no
/// second person), Create new adds one, Cancel saves nothing.
#[tokio::test]
async fn saving_a_near_match_asks_whether_it_is_the_same_person() {
    let sandbox = Sandbox::new();
    let app = new_programme_after_oguzlu_aired(&sandbox).await;
    app.type_into_nth(".guest-name", 0, "Tarik Oguzlu").await;
    // Typed, not picked: the suggestions are closed and the row is not linked.
    app.el("#title").await.click().await.unwrap();

    app.click("#save").await;
    let asked = app.wait_text("#same-person-dialog", "Same person?").await;
    assert!(asked.contains("Tarık Oğuzlu"), "{asked}");
    assert!(asked.contains("Antalya Bilim University"), "{asked}");
    app.click("#same-person-cancel").await;
    app.wait_count("#same-person-dialog[open]", 0).await;
    assert_eq!(people(&sandbox).len(), 1, "cancel saves nothing");

    app.click("#save").await;
    app.el("#same-person-dialog").await;
    app.click("#same-person-dialog .same-person-use").await;
    app.wait_text("#form-status", "Saved").await;
    app.wait_value(".guest-name", "Tarık Oğuzlu").await;
    app.wait_value(".guest-affiliation", "Antalya Bilim University")
        .await;
    assert_eq!(wait_people(&sandbox, 1).await[0]["name"], "Tarık Oğuzlu");

    // Someone new with a near name: Create new adds them, and is not asked twice.
    app.click("#add-guest").await;
    app.type_into_nth(".guest-name", 1, "Tarik Oguzlu").await;
    app.el("#title").await.click().await.unwrap();
    app.click("#save").await;
    app.el("#same-person-dialog").await;
    app.click("#same-person-new").await;
    app.wait_text("#form-status", "Saved").await;
    let list = wait_people(&sandbox, 2).await;
    let names: Vec<&str> = list.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Tarik Oguzlu"), "{names:?}");
    app.close().await;
}
