use thirtyfour::prelude::*;

use crate::harness::Sandbox;

const TITLE: &str = "Can Turkey broker peace in the Black Sea?";

/// Typing in the header finds a programme and a person by an unaccented spelling;
/// the keyboard picks a result and Enter opens it.
#[tokio::test]
async fn the_header_search_finds_and_opens_a_programme() {
    let sandbox = Sandbox::new();
    sandbox.cli(&[
        "programme",
        "add",
        "--title",
        TITLE,
        "--status",
        "aired",
        "--guest",
        "Tarık Oğuzlu – Antalya Bilim University",
        "--framing",
        "Tarık Oğuzlu says Ankara can talk to both sides.",
    ]);
    sandbox.cli(&["programme", "add", "--title", "Nile waters"]);
    let app = sandbox.launch().await;

    app.type_into("#global-search", "oguzlu").await;
    let text = app.wait_text("#global-search-panel", "Tarık Oğuzlu").await;
    assert!(text.contains(TITLE), "{text}");
    assert!(text.contains("Ankara can talk"), "the snippet: {text}");
    assert!(text.contains("1 appearance"), "{text}");
    assert!(!text.contains("Nile"), "{text}");

    // ArrowDown highlights the first result (the programme); Enter opens it.
    let input = app.el("#global-search").await;
    input.send_keys(Key::Down).await.unwrap();
    let active = app.el("#global-search-results .search-result.active").await;
    assert!(active.text().await.unwrap().contains(TITLE));
    input.send_keys(Key::Enter).await.unwrap();
    let title = app.el("#title").await;
    let start = std::time::Instant::now();
    while title.value().await.unwrap().unwrap_or_default() != TITLE {
        assert!(
            start.elapsed().as_secs() < 15,
            "the editor did not open {TITLE}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let panel = app
        .driver
        .find(By::Css("#global-search-panel"))
        .await
        .unwrap();
    assert!(!panel.is_displayed().await.unwrap(), "the results closed");

    // Escape closes the list without leaving the page.
    app.type_into("#global-search", "nile").await;
    app.wait_text("#global-search-panel", "Nile waters").await;
    app.el("#global-search")
        .await
        .send_keys(Key::Escape)
        .await
        .unwrap();
    let panel = app
        .driver
        .find(By::Css("#global-search-panel"))
        .await
        .unwrap();
    assert!(!panel.is_displayed().await.unwrap());
    app.close().await;
}

/// Issue 11, item 28: the header search folds names as autocomplete and duplicates
/// do: particles and spacing, hyphens, honorifics.
#[tokio::test]
async fn the_header_search_finds_a_name_however_it_is_spaced() {
    let sandbox = Sandbox::new();
    sandbox.cli(&[
        "programme",
        "add",
        "--title",
        "Libya talks",
        "--presenter",
        "Dareen Abughaida",
        "--guest",
        "Mansour El-Kikhia – University of Texas",
        "--guest",
        "Anatol Lieven – Quincy",
    ]);
    let app = sandbox.launch().await;
    for (typed, found) in [
        ("dareen abu ghaida", "Dareen Abughaida"),
        ("Mansour Elkikhia", "Mansour El-Kikhia"),
        ("Dr. Anatol Lieven", "Anatol Lieven"),
    ] {
        app.type_into("#global-search", typed).await;
        let text = app.wait_text("#global-search-panel", found).await;
        assert!(text.to_lowercase().contains("people"), "{typed}: {text}");
    }
    app.close().await;
}
