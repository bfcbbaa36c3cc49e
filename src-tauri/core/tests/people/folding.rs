//! `text/names.rs` through every feature that matches names: one name folding
//! everywhere (issue 11, items 27 and 28): search, autocomplete and
//! "possible duplicates" agree on which names are one name, and a new person whose
//! name nearly matches someone in the directory is asked about first.

use greenroom_core::{PersonInput, ProgrammeInput, Store};

use super::{person, temp_store};

/// (in the directory, as typed elsewhere): accents, particles and spacing, hyphens,
/// honorifics, common spellings.
const SAME_NAMES: &[(&str, &str)] = &[
    ("Tarık Oğuzlu", "Tarik Oguzlu"),
    ("Dareen Abughaida", "Dareen Abu Ghaida"),
    ("Mansour El-Kikhia", "Mansour Elkikhia"),
    ("Anatol Lieven", "Dr. Anatol Lieven"),
    ("Hana al-Masri", "Hana Al Masri"),
    ("Mohamed ElBaradei", "Mohammed El Baradei"),
    ("Ludwig van Beethoven", "Ludwig Vanbeethoven"),
];

fn add(store: &mut Store, title: &str, names: impl Iterator<Item = &'static str>) {
    store
        .create_programme(&ProgrammeInput {
            title: title.into(),
            guests: names.map(|n| person(n, None)).collect(),
            ..Default::default()
        })
        .unwrap();
}

#[test]
fn search_autocomplete_and_duplicates_fold_names_alike() {
    let (_d, _p, mut store) = temp_store();
    // Twelve guests at most on a programme: the two sides on two programmes each.
    let (left, right) = SAME_NAMES.split_at(4);
    add(&mut store, "A1", left.iter().map(|(a, _)| *a));
    add(&mut store, "A2", right.iter().map(|(a, _)| *a));
    add(&mut store, "B1", left.iter().map(|(_, b)| *b));
    add(&mut store, "B2", right.iter().map(|(_, b)| *b));
    let pairs = store.possible_duplicates().unwrap();
    let mut failures = Vec::new();
    for &(a, b) in SAME_NAMES {
        for (typed, wanted) in [(a, b), (b, a)] {
            let found = store.search(typed, 20).unwrap();
            if !found.people.iter().any(|p| p.name == wanted) {
                failures.push(format!("search {typed:?} misses {wanted:?}"));
            }
            let offered = store.suggest_people(typed, 8).unwrap();
            if !offered.iter().any(|p| p.name == wanted) {
                failures.push(format!("autocomplete {typed:?} misses {wanted:?}"));
            }
        }
        let paired = pairs.iter().any(|p| {
            let names = [p.keep.name.as_str(), p.drop.name.as_str()];
            names.contains(&a) && names.contains(&b)
        });
        if !paired {
            failures.push(format!("duplicates miss {a:?} / {b:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // Folding joins spellings of one name, not different people.
    let found = store.search("Anatol Levin", 20).unwrap();
    assert!(found.people.is_empty(), "{:?}", found.people);
}

/// A renamed person is found by their new name's key at once.
#[test]
fn a_rename_refolds_the_search_key() {
    let (_d, _p, mut store) = temp_store();
    add(&mut store, "A", ["Dareen Abughaida"].into_iter());
    let id = store.find_person("Dareen Abughaida").unwrap().id;
    let cur = store.person_profile(id).unwrap();
    let mut p = cur.profile.clone();
    p.name = "Mansour El-Kikhia".into();
    store.update_person(id, cur.revision, &p).unwrap();
    assert!(store.search("abu ghaida", 5).unwrap().people.is_empty());
    let found = store.search("elkikhia", 5).unwrap();
    assert_eq!(found.people.len(), 1, "{:?}", found.people);
}

#[test]
fn a_near_match_is_asked_about_before_a_new_person_is_added() {
    let (_d, _p, mut store) = temp_store();
    add(&mut store, "A", ["Tarık Oğuzlu"].into_iter());
    let near = store.near_matches("Tarik Oguzlu").unwrap();
    let names: Vec<&str> = near.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Tarık Oğuzlu"]);
    for not_near in [
        "Tarık Oğuzlu",
        " tarık  OĞUZLU ",
        "Someone Else",
        "Tarik Ozturk",
    ] {
        assert!(
            store.near_matches(not_near).unwrap().is_empty(),
            "{not_near:?}"
        );
    }
    assert!(store.suggest_people("Tarik Oguzlu", 5).unwrap()[0].near_match);
    assert!(!store.suggest_people("Tar", 5).unwrap()[0].near_match);

    let input = ProgrammeInput {
        title: "B".into(),
        guests: vec![person("Tarik Oguzlu", Some("Bilkent"))],
        ..Default::default()
    };
    let e = store.check_new_people(&input, &[]).unwrap_err();
    assert_eq!(e.code(), "ambiguous");
    assert!(e.to_string().contains("Tarık Oğuzlu"), "{e}");
    store
        .check_new_people(&input, &["tarik  oguzlu".to_string()])
        .unwrap();
    // Linked by id, it is that person: nothing to ask.
    let linked = ProgrammeInput {
        guests: vec![PersonInput {
            person_id: Some(near[0].id),
            ..person("Tarik Oguzlu", None)
        }],
        ..input
    };
    store.check_new_people(&linked, &[]).unwrap();
}
