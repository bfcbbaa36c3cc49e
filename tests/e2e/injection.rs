//! The shared injection corpus in the real window: every payload stored (through the
//! core, before the app starts) in every field, then shown by the programme list, the
//! editor and its running order, person pages and their edit form, the guest
//! directory, search results, the duplicates view, the History and the trash. Each
//! must show the payload as text, create none of the elements it describes, and run
//! none of its script.

use greenroom_testkit::injection as corpus;

use corpus::stored;
use greenroom_core::{PersonInput, ProgrammeInput, Store};
use serde_json::{json, Value};

use crate::harness::{App, Sandbox};

/// Elements the payloads would create if any of them were parsed as HTML or
/// Markdown. The app's own markup has none: its one script has a `src`, and it never
/// sets event-handler attributes.
const CREATED: &str = "img[src='x'], img[src*='evil'], svg[onload], [onerror], [onload], \
     script:not([src]), a[href^='javascript'], iframe, object, embed";

/// HTML payloads that also get a near-twin (an accent apart) on another programme, so
/// the duplicates view has them to show.
const TWINNED: usize = 4;

/// A database with the whole corpus, and the twins for the duplicates view.
fn seeded() -> (Sandbox, Vec<corpus::Seeded>) {
    let sandbox = Sandbox::new();
    let mut store = Store::open(sandbox.db()).unwrap();
    let seeded = corpus::seed_all(&mut store);
    for (i, payload) in corpus::PAYLOADS[..TWINNED].iter().enumerate() {
        for spelling in ["Zoë", "Zoe"] {
            store
                .create_programme(&ProgrammeInput {
                    title: format!("Twin {i} ({spelling})"),
                    guests: vec![PersonInput {
                        person_id: None,
                        name: format!("{spelling} {payload}"),
                        affiliation: Some((*payload).into()),
                    }],
                    ..ProgrammeInput::default()
                })
                .unwrap();
        }
    }
    (sandbox, seeded)
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn script(app: &App, js: &str, args: Vec<Value>) -> Value {
    app.driver
        .execute(js, args)
        .await
        .unwrap_or_else(|e| panic!("{js}: {e}"))
        .json()
        .clone()
}

/// Nothing ran and nothing was made from user text on the page as it is now.
async fn assert_inert(app: &App, page: &str) {
    let found = script(
        app,
        "return { pwned: typeof window.__pwned, made: document.querySelectorAll(arguments[0]).length };",
        vec![json!(CREATED)],
    )
    .await;
    assert_eq!(
        found,
        json!({ "pwned": "undefined", "made": 0 }),
        "on {page}"
    );
}

/// The text of `css` as the DOM holds it (whitespace collapsed).
async fn text_of(app: &App, css: &str) -> String {
    let text = script(
        app,
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
        vec![json!(css)],
    )
    .await;
    squash(text.as_str().unwrap_or_default())
}

#[track_caller]
fn assert_shows(page: &str, text: &str, expected: &str) {
    assert!(
        text.contains(&squash(expected)),
        "{page} does not show {expected:?} literally:\n{text}"
    );
}

#[tokio::test]
async fn the_programme_list_and_the_editor_show_every_payload_as_typed() {
    let (sandbox, seeded) = seeded();
    let app = sandbox.launch().await;
    app.wait_count("tr.programme-row", seeded.len() + 2 * TWINNED)
        .await;
    assert_inert(&app, "the programme list").await;
    let list = text_of(&app, "#app").await;
    for s in &seeded {
        assert_shows("the programme list", &list, stored(s.payload));
        assert_shows(
            "the programme list",
            &list,
            &corpus::guest_name(s.payload, 3),
        );
    }

    for s in &seeded {
        let text = stored(s.payload);
        app.click(&format!("tr.programme-row[data-id='{}']", s.programme.id))
            .await;
        app.wait_value("#title", text).await;
        let values = script(
            &app,
            "const v = (css) => [...document.querySelectorAll(css)].map((e) => e.value);
             return {
               title: v('#title'), series: v('#series'), presenter: v('#presenter-name'),
               notes: v('#notes'), framing: v('.framing-text'), guests: v('.guest-name'),
               affiliations: v('.guest-affiliation'), segmentTitles: v('.seg-title'),
               segmentNotes: v('.seg-notes'), segmentPeople: v('.seg-person:checked'),
             };",
            vec![],
        )
        .await;
        let guests = [corpus::guest_name(text, 2), corpus::guest_name(text, 3)];
        assert_eq!(
            values,
            json!({
                "title": [text], "series": [text], "presenter": [text], "notes": [text],
                "framing": [text, format!("Second: {text}")],
                "guests": guests, "affiliations": [text, text],
                "segmentTitles": [text], "segmentNotes": [text],
                "segmentPeople": [text, guests[0]],
            }),
            "the editor's fields for {text:?}"
        );
        // The running order's people are offered by name, as text.
        let people = text_of(&app, "#segment-rows").await;
        assert_shows("the running order", &people, &guests[1]);
        assert_inert(&app, &format!("the editor of {text:?}")).await;
        app.click("#back").await;
        app.el("tr.programme-row").await;
    }
    assert_inert(&app, "the programme list, after every editor").await;
    app.close().await;
}

#[tokio::test]
async fn person_pages_their_form_and_the_guest_directory_show_every_payload_as_typed() {
    let (sandbox, seeded) = seeded();
    let app = sandbox.launch().await;
    app.click("#nav-guests").await;
    app.el("tr.guest-dir-row").await;
    assert_inert(&app, "the guest directory").await;
    let directory = text_of(&app, "#app").await;
    for s in &seeded {
        assert_shows(
            "the guest directory",
            &directory,
            &corpus::guest_name(s.payload, 2),
        );
        assert_shows(
            "the guest directory",
            &directory,
            &corpus::guest_name(s.payload, 3),
        );
    }

    for s in &seeded {
        let text = stored(s.payload);
        let name = corpus::guest_name(text, 2);
        app.click(&format!(
            "tr.guest-dir-row[data-id='{}'] .guest-open",
            s.people[1]
        ))
        .await;
        app.wait_text("#person-name", &squash(&name)).await;
        app.el("#person-details").await;
        for css in [
            "#person-name",
            "#person-affiliation",
            "#person-expertise",
            "#person-languages",
            "#person-base",
            ".person-notes",
            "#person-affiliations",
            "#person-phone",
        ] {
            let shown = text_of(&app, css).await;
            assert_shows(&format!("{css} of {name:?}"), &shown, text);
        }
        let page = text_of(&app, "#person-page").await;
        assert_shows("the person page", &page, &corpus::email(text));
        assert_shows("the person page", &page, &corpus::presenter_name(text));
        assert_inert(&app, &format!("the page of {name:?}")).await;

        app.click("#edit-person").await;
        app.el("#person-form").await;
        app.wait_value("#pf-name", &name).await;
        let values = script(
            &app,
            "const v = (id) => document.getElementById(id).value;
             return ['pf-honorific', 'pf-affiliation', 'pf-expertise', 'pf-languages',
                     'pf-base-city', 'pf-notes', 'pf-phone', 'pf-gender', 'pf-email'].map(v);",
            vec![],
        )
        .await;
        let mut expected = vec![json!(text); 8];
        expected.push(json!(corpus::email(text)));
        assert_eq!(
            values,
            Value::Array(expected),
            "the profile form of {name:?}"
        );
        assert_inert(&app, &format!("the profile form of {name:?}")).await;
        app.click("#nav-guests").await;
        app.el("tr.guest-dir-row").await;
    }
    app.close().await;
}

#[tokio::test]
async fn search_results_and_the_duplicates_view_show_payloads_as_typed() {
    let (sandbox, _seeded) = seeded();
    let app = sandbox.launch().await;
    let p = corpus::PAYLOADS;
    for (query, titles) in [
        ("window", &[p[0], p[1], p[2], p[3]][..]),
        ("javascript", &[p[3], p[5]]),
        ("passwd", &["#read(\"/etc/passwd\")"]),
        ("HYPERLINK", &["=HYPERLINK(\"http://evil\",\"x\")"]),
        ("heading", &["# heading"]),
        (
            "evil",
            &["![x](http://evil/x.png)", "<http://evil.example/>"],
        ),
        ("مروان", &["مروان بشارة"]),
    ] {
        app.type_into("#global-search", query).await;
        app.wait_text("#global-search-panel", &squash(titles[0]))
            .await;
        let panel = text_of(&app, "#global-search-panel").await;
        for title in titles {
            assert_shows(&format!("search for {query:?}"), &panel, title);
        }
        assert_inert(&app, &format!("the results for {query:?}")).await;
    }

    app.click("#nav-guests").await;
    app.click("#open-duplicates").await;
    app.el("#duplicates-page").await;
    app.wait_text("#duplicates-page", "Zoë").await;
    let page = text_of(&app, "#duplicates-page").await;
    for payload in &p[..TWINNED] {
        assert_shows("the duplicates view", &page, &format!("Zoë {payload}"));
        assert_shows("the duplicates view", &page, &format!("Zoe {payload}"));
    }
    assert_inert(&app, "the duplicates view").await;
    app.close().await;
}

/// The History (its words, a revision and the current version read-only) and the
/// trash show every payload as text.
#[tokio::test]
async fn the_history_and_the_trash_show_every_payload_as_typed() {
    let sandbox = Sandbox::new();
    let mut store = Store::open(sandbox.db()).unwrap();
    let mut edited = Vec::new();
    for payload in corpus::PAYLOADS {
        let text = stored(payload);
        let before = store
            .create_programme(&ProgrammeInput {
                title: "Before".into(),
                ..ProgrammeInput::default()
            })
            .unwrap();
        let after = ProgrammeInput {
            title: text.into(),
            framing: vec![text.into()],
            guests: vec![PersonInput {
                person_id: None,
                name: corpus::guest_name(text, 2),
                affiliation: Some(text.into()),
            }],
            ..ProgrammeInput::default()
        };
        store
            .update_programme(before.id, before.revision, &after)
            .unwrap();
        edited.push((before.id.to_string(), text));
        let gone = store.create_programme(&after).unwrap();
        store
            .delete_programme(gone.id, Some(gone.revision))
            .unwrap();
    }
    drop(store);

    let app = sandbox.launch().await;
    app.click("#open-trash").await;
    app.wait_count("#trash-list > li", corpus::PAYLOADS.len())
        .await;
    assert_inert(&app, "the trash").await;
    let trash = text_of(&app, "#trash-list").await;
    for (_, text) in &edited {
        assert_shows("the trash", &trash, text);
    }

    app.click("#trash-back").await;
    for (id, text) in &edited {
        app.click(&format!("tr.programme-row[data-id='{id}']"))
            .await;
        app.wait_value("#title", text).await;
        app.click("#history").await;
        app.wait_count("#history-list > li", 2).await;
        assert_inert(&app, &format!("the history of {text:?}")).await;
        // The oldest revision ("Before") beside the current one, which has the payload.
        app.js(
            "const b = document.querySelectorAll('.view-revision'); b[b.length - 1].click();",
            vec![],
        )
        .await;
        app.wait_text("#revision-then", "Before").await;
        let now = text_of(&app, "#revision-now").await;
        assert_shows("the current version", &now, text);
        assert_shows("the current version", &now, &corpus::guest_name(text, 2));
        assert_inert(&app, &format!("a revision of {text:?}")).await;
        app.click("#close-history").await;
        app.click("#back").await;
        app.el("tr.programme-row").await;
    }
    app.close().await;
}
