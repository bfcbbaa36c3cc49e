//! `search.rs` (and its index, `store/search_index.rs`): full-text search on temp
//! database files: folding, what is indexed, and that every write keeps the index in
//! step.

use greenroom_core::search::SearchResults;
use greenroom_core::{PersonInput, Programme, ProgrammeInput, Store};
use greenroom_testkit::input::person as guest;
use greenroom_testkit::{temp_db, temp_store};

fn programme(title: &str, framing: &[&str], guests: Vec<PersonInput>) -> ProgrammeInput {
    ProgrammeInput {
        series: Some("Inside Story".into()),
        title: title.into(),
        framing: framing.iter().map(|f| f.to_string()).collect(),
        presenter: Some(guest("Dareen Abughaida", None)),
        guests,
        // Aired, so each is an appearance of its people (core people/appearance.rs).
        status: greenroom_core::Status::Aired,
        ..Default::default()
    }
}

fn turkey(store: &mut Store) -> Programme {
    store
        .create_programme(&programme(
            "Can Turkey broker peace in the Black Sea?",
            &[
                "Ankara has hosted two rounds of talks.",
                "What does Moscow want?",
            ],
            vec![
                guest("Tarık Oğuzlu", Some("Antalya Bilim University")),
                guest("Hélène Café", Some("Sciences Po")),
            ],
        ))
        .unwrap()
}

fn titles(r: &SearchResults) -> Vec<&str> {
    r.programmes.iter().map(|p| p.title.as_str()).collect()
}

fn names(r: &SearchResults) -> Vec<&str> {
    r.people.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn accents_and_case_are_ignored() {
    let (_d, _, mut store) = temp_store();
    turkey(&mut store);
    for q in [
        "oguzlu",
        "OĞUZLU",
        "Oguz",
        "tarik",
        "TARIK",
        "tarık",
        "Tarık Oğuzlu",
    ] {
        let r = store.search(q, 10).unwrap();
        assert_eq!(names(&r), ["Tarık Oğuzlu"], "{q}");
    }
    assert_eq!(names(&store.search("cafe", 10).unwrap()), ["Hélène Café"]);
    assert_eq!(names(&store.search("helene", 10).unwrap()), ["Hélène Café"]);
}

#[test]
fn a_person_hit_carries_affiliation_and_appearance_count() {
    let (_d, _, mut store) = temp_store();
    turkey(&mut store);
    store
        .create_programme(&programme(
            "Second show",
            &[],
            vec![guest("Tarık Oğuzlu", None)],
        ))
        .unwrap();
    let r = store.search("oguzlu", 10).unwrap();
    assert_eq!(r.people.len(), 1);
    assert_eq!(
        r.people[0].affiliation.as_deref(),
        Some("Antalya Bilim University")
    );
    assert_eq!(r.people[0].appearances, 2);
}

#[test]
fn title_series_framing_and_notes_are_searched() {
    let (_d, _, mut store) = temp_store();
    let mut input = programme("Nile waters", &["Who controls the dam?"], vec![]);
    input.notes = "Call the embassy about the interpreter.".into();
    input.series = Some("Al Jazeera Weekly".into());
    store.create_programme(&input).unwrap();
    for q in ["nile", "controls dam", "interpreter", "weekly", "embass"] {
        assert_eq!(
            titles(&store.search(q, 10).unwrap()),
            ["Nile waters"],
            "{q}"
        );
    }
    let r = store.search("dam", 10).unwrap();
    assert_eq!(
        r.programmes[0].snippet.as_deref(),
        Some("Who controls the dam?")
    );
    assert_eq!(
        store.search("nile", 10).unwrap().programmes[0].snippet,
        None,
        "a title hit needs no snippet"
    );
}

#[test]
fn every_word_must_match_and_the_last_is_a_prefix() {
    let (_d, _, mut store) = temp_store();
    turkey(&mut store);
    assert_eq!(titles(&store.search("black sea", 10).unwrap()).len(), 1);
    assert_eq!(titles(&store.search("black se", 10).unwrap()).len(), 1);
    assert!(store.search("black ocean", 10).unwrap().is_empty());
    // A space after the last word means the word is complete.
    assert!(store.search("bla ", 10).unwrap().is_empty());
}

#[test]
fn best_match_comes_first() {
    let (_d, _, mut store) = temp_store();
    store
        .create_programme(&programme(
            "Elections everywhere",
            &["Sudan is mentioned once."],
            vec![],
        ))
        .unwrap();
    store
        .create_programme(&programme("Sudan: a war forgotten", &[], vec![]))
        .unwrap();
    let r = store.search("sudan", 10).unwrap();
    assert_eq!(
        titles(&r),
        ["Sudan: a war forgotten", "Elections everywhere"]
    );
}

#[test]
fn an_edit_reindexes_and_a_delete_removes() {
    let (_d, _, mut store) = temp_store();
    let p = turkey(&mut store);
    let mut input = programme("Gas prices in Europe", &["Who pays this winter?"], vec![]);
    input.notes = "Book a studio in Brussels".into();
    let p = store.update_programme(p.id, p.revision, &input).unwrap();
    for old in ["turkey", "ankara", "moscow"] {
        assert!(
            store.search(old, 10).unwrap().programmes.is_empty(),
            "{old} is still found"
        );
    }
    for new in ["gas", "winter", "brussels"] {
        assert_eq!(
            titles(&store.search(new, 10).unwrap()),
            ["Gas prices in Europe"]
        );
    }
    store.delete_programme(p.id, Some(p.revision)).unwrap();
    assert!(store.search("gas", 10).unwrap().is_empty());
    // The people stay in the directory, and so in the index.
    assert_eq!(
        names(&store.search("oguzlu", 10).unwrap()),
        ["Tarık Oğuzlu"]
    );
}

#[test]
fn current_and_billed_affiliations_find_a_person() {
    let (_d, _, mut store) = temp_store();
    turkey(&mut store);
    // Billed differently on a later show; the current affiliation stays the first one.
    store
        .create_programme(&programme(
            "Later",
            &[],
            vec![guest("Tarık Oğuzlu", Some("Koç Üniversitesi"))],
        ))
        .unwrap();
    assert_eq!(
        names(&store.search("antalya", 10).unwrap()),
        ["Tarık Oğuzlu"]
    );
    assert_eq!(
        names(&store.search("koc universitesi", 10).unwrap()),
        ["Tarık Oğuzlu"]
    );
}

#[test]
fn billed_affiliations_follow_edits() {
    let (_d, _, mut store) = temp_store();
    turkey(&mut store);
    let later = |billed: &str| programme("Later", &[], vec![guest("Tarık Oğuzlu", Some(billed))]);
    let p = store.create_programme(&later("Chatham House")).unwrap();
    assert_eq!(
        names(&store.search("chatham", 10).unwrap()),
        ["Tarık Oğuzlu"]
    );
    store
        .update_programme(p.id, p.revision, &later("Carnegie Europe"))
        .unwrap();
    assert!(store.search("chatham", 10).unwrap().people.is_empty());
    assert_eq!(
        names(&store.search("carnegie", 10).unwrap()),
        ["Tarık Oğuzlu"]
    );
}

#[test]
fn expertise_tags_are_searched_and_kept_in_step() {
    let (_dir, path, mut store) = temp_store();
    turkey(&mut store);
    // No API writes expertise yet; the profile editor will, through plain SQL like this.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE person SET expertise = '[\"Black Sea security\", \"NATO\"]'
         WHERE name = 'Tarık Oğuzlu'",
        [],
    )
    .unwrap();
    assert_eq!(names(&store.search("nato", 10).unwrap()), ["Tarık Oğuzlu"]);
    raw.execute(
        "UPDATE person SET expertise = '[]' WHERE name = 'Tarık Oğuzlu'",
        [],
    )
    .unwrap();
    assert!(store.search("nato", 10).unwrap().people.is_empty());
}

#[test]
fn query_syntax_in_user_text_neither_errors_nor_injects() {
    let (_d, _, mut store) = temp_store();
    turkey(&mut store);
    for q in [
        "\"",
        "\"\"\"",
        "*",
        "oguzlu*",
        "-oguzlu",
        "name:oguzlu",
        "title:turkey",
        "NEAR(turkey peace)",
        "turkey AND",
        "OR",
        "NOT turkey",
        "(turkey",
        "turkey)",
        "^turkey",
        "{title}: turkey",
        "turkey + peace",
        "a'b",
        "\\",
        "%_",
        "\u{200F}",
    ] {
        if let Err(e) = store.search(q, 10) {
            panic!("{q:?}: {e}");
        }
    }
    // Operators are words to look for, not operators: NOT does not exclude.
    assert!(store.search("NOT turkey", 10).unwrap().is_empty());
    // Punctuation around a word is ignored, as it is in the text.
    assert_eq!(titles(&store.search("(turkey", 10).unwrap()).len(), 1);
    assert_eq!(titles(&store.search("title:turkey", 10).unwrap()).len(), 0);
}

#[test]
fn blank_and_over_long_queries() {
    let (_d, _, mut store) = temp_store();
    turkey(&mut store);
    assert!(store.search("", 10).unwrap().is_empty());
    assert!(store.search("  \t\n", 10).unwrap().is_empty());
    let e = store.search(&"x".repeat(201), 10).unwrap_err();
    assert_eq!(e.code(), "validation");
    assert_eq!(e.field(), Some("query"));
}

#[test]
fn limit_applies_to_each_kind() {
    let (_d, _, mut store) = temp_store();
    for i in 0..5 {
        store
            .create_programme(&programme(
                &format!("Panel {i}"),
                &[],
                vec![guest(&format!("Panel guest {i}"), None)],
            ))
            .unwrap();
    }
    let r = store.search("panel", 3).unwrap();
    assert_eq!((r.programmes.len(), r.people.len()), (3, 3));
    assert!(store.search("panel", 0).unwrap().is_empty());
}

#[test]
fn arabic_is_found_by_an_arabic_word() {
    let (_d, _, mut store) = temp_store();
    store
        .create_programme(&programme(
            "ما مستقبل الهدنة في غزة؟",
            &["هل تصمد الهدنة؟"],
            vec![guest("مروان بشارة\u{200F}", Some("الجزيرة"))],
        ))
        .unwrap();
    let r = store.search("الهدنة", 10).unwrap();
    assert_eq!(titles(&r), ["ما مستقبل الهدنة في غزة؟"]);
    assert_eq!(names(&store.search("بشارة", 10).unwrap()).len(), 1);
    // Vowel marks are ignored on either side, like other diacritics.
    assert_eq!(names(&store.search("مَروان", 10).unwrap()).len(), 1);
    store
        .create_programme(&programme("Vowelled", &["مُحَمَّد"], vec![]))
        .unwrap();
    assert_eq!(titles(&store.search("محمد", 10).unwrap()), ["Vowelled"]);
    assert_eq!(names(&store.search("الجزيرة", 10).unwrap()).len(), 1);
}

#[test]
fn json_shape_is_camel_case() {
    let (_d, _, mut store) = temp_store();
    turkey(&mut store);
    let v = serde_json::to_value(store.search("turkey", 10).unwrap()).unwrap();
    let p = &v["programmes"][0];
    for key in ["id", "title", "series", "airAt", "airDisplay", "snippet"] {
        assert!(p.get(key).is_some(), "programme lacks {key}: {p}");
    }
    let v = serde_json::to_value(store.search("oguzlu", 10).unwrap()).unwrap();
    let person = &v["people"][0];
    for key in ["id", "name", "affiliation", "appearances"] {
        assert!(person.get(key).is_some(), "person lacks {key}: {person}");
    }
}

/// A database from before search gets its existing rows indexed when it is migrated.
#[test]
fn migrating_indexes_existing_rows() {
    let (_dir, path) = temp_db();
    let raw = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        include_str!("../../migrations/0001_programmes.sql"),
        include_str!("../../migrations/0002_segments.sql"),
        include_str!("../../migrations/0003_people_profile.sql"),
    ] {
        raw.execute_batch(sql).unwrap();
    }
    raw.execute_batch(&format!(
        "PRAGMA user_version = 3; PRAGMA application_id = {};
         INSERT INTO person (id, name, name_key, affiliation, created_at, updated_at)
         VALUES ('0190a000-0000-7000-8000-000000000001', 'Tarık Oğuzlu', 'tarık oğuzlu',
                 'Antalya Bilim University', 0, 0);
         INSERT INTO programme (id, title, created_at, updated_at)
         VALUES ('0190a000-0000-7000-8000-000000000002', 'Black Sea talks', 0, 0);
         INSERT INTO framing VALUES ('0190a000-0000-7000-8000-000000000002', 0, 'Ankara hosts');
         INSERT INTO appearance VALUES ('0190a000-0000-7000-8000-000000000003',
             '0190a000-0000-7000-8000-000000000002', '0190a000-0000-7000-8000-000000000001',
             'guest', 'Koç Üniversitesi', 0);",
        greenroom_core::store::migrate::APPLICATION_ID
    ))
    .unwrap();
    drop(raw);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        titles(&store.search("ankara", 10).unwrap()),
        ["Black Sea talks"]
    );
    for q in ["tarik", "antalya", "koc"] {
        assert_eq!(
            names(&store.search(q, 10).unwrap()),
            ["Tarık Oğuzlu"],
            "{q}"
        );
    }
}

#[test]
fn whole_words_come_before_prefix_matches_and_prefixes_fill_the_rest() {
    let (_d, _, mut s) = temp_store();
    s.create_programme(&programme("Cafe society and its critics", &[], vec![]))
        .unwrap();
    s.create_programme(&programme("Cafeteria politics", &[], vec![]))
        .unwrap();
    let titles =
        |r: SearchResults| -> Vec<String> { r.programmes.into_iter().map(|p| p.title).collect() };
    assert_eq!(
        titles(s.search("cafe", 10).unwrap()),
        ["Cafe society and its critics", "Cafeteria politics"]
    );
    assert_eq!(
        titles(s.search("cafe", 1).unwrap()),
        ["Cafe society and its critics"]
    );
    assert_eq!(
        titles(s.search("cafet", 10).unwrap()),
        ["Cafeteria politics"]
    );
    assert_eq!(
        titles(s.search("cafe ", 10).unwrap()),
        ["Cafe society and its critics"]
    );
}

/// Past a few hundred matches ranking every one would cost too much: a broad query
/// lists title hits first, then the rest, each newest first.
#[test]
fn a_broad_query_lists_title_hits_then_the_newest() {
    let (_d, _, mut s) = temp_store();
    s.create_programme(&programme("Drought in the Horn of Africa", &[], vec![]))
        .unwrap();
    s.create_programme(&programme("Rains fail again", &[], vec![]))
        .unwrap();
    // More matches than are ranked, none of them in a title.
    for i in 0..400 {
        let mut p = programme(
            &format!("Farming {i}"),
            &["How long can the drought last?"],
            vec![],
        );
        p.presenter = None;
        s.create_programme(&p).unwrap();
    }
    let hits = s.search("drought", 5).unwrap();
    assert_eq!(
        titles(&hits),
        [
            "Drought in the Horn of Africa",
            "Farming 399",
            "Farming 398",
            "Farming 397",
            "Farming 396"
        ]
    );
    assert!(hits.programmes[1]
        .snippet
        .as_deref()
        .unwrap()
        .contains("drought"));
    // A specific query among them is still ranked by relevance.
    assert_eq!(titles(&s.search("farming 7 ", 1).unwrap()), ["Farming 7"]);
}

/// Only a bug could commit a paused index (the pause lives inside one transaction);
/// should one ever do so, opening the file catches the index up instead of leaving
/// everything written since unsearchable.
#[test]
fn opening_catches_up_an_index_left_paused() {
    let (_dir, path, store) = temp_store();
    drop(store);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "INSERT INTO search_paused (one) VALUES (1);
         INSERT INTO programme (id, title, created_at, updated_at)
         VALUES ('0190a000-0000-7000-8000-000000000002', 'Zanzibar ferry safety', 0, 0);",
    )
    .unwrap();
    let unindexed: i64 = raw
        .query_row("SELECT count(*) FROM programme_fts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(unindexed, 0, "the pause held the index back");
    drop(raw);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        titles(&store.search("zanzibar", 10).unwrap()),
        ["Zanzibar ferry safety"]
    );
}
