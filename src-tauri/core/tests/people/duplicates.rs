use greenroom_core::ProgrammeInput;

use super::{person, show, temp_store};

#[test]
fn each_example_from_the_issue_is_proposed_with_its_evidence() {
    let (_d, _p, mut store) = temp_store();
    show(
        &mut store,
        "A",
        &["Tarik Oguzlu", "Dr. Anatol Lieven", "Mansour El Kikhia"],
        None,
    );
    show(
        &mut store,
        "B",
        &["Tarık Oğuzlu", "Anatol Lieven", "Mansour El-Kikhia"],
        None,
    );
    // Not alongside the presenter they duplicate, or they would be two people.
    store
        .create_programme(&ProgrammeInput {
            title: "E".into(),
            guests: vec![person("Dareen Abu Ghaida", None)],
            ..Default::default()
        })
        .unwrap();
    // Different people with similar names, never proposed.
    show(
        &mut store,
        "C",
        &["Anatoly Levin", "Mohammed Jamjoom"],
        None,
    );
    show(&mut store, "D", &["Mohammed Ali"], None);

    let pairs = store.possible_duplicates().unwrap();
    let find = |a: &str, b: &str| {
        pairs
            .iter()
            .find(|p| {
                (p.keep.name == a && p.drop.name == b) || (p.keep.name == b && p.drop.name == a)
            })
            .unwrap_or_else(|| panic!("{a} / {b} not proposed: {pairs:#?}"))
    };
    let p = find("Tarik Oguzlu", "Tarık Oğuzlu");
    assert_eq!(p.evidence[0], "same name ignoring accents and case");
    assert!(p
        .evidence
        .contains(&"never on the same programme".to_string()));
    assert!(p
        .evidence
        .contains(&"same affiliation (Analyst)".to_string()));
    assert_eq!(
        find("Dr. Anatol Lieven", "Anatol Lieven").evidence[0],
        "same name without the honorific (Dr.)"
    );
    // The presenter of four aired programmes is kept over the one-off guest, whose
    // only programme is a draft: a booking, not an appearance (core people/appearance.rs).
    let p = find("Dareen Abughaida", "Dareen Abu Ghaida");
    assert_eq!(p.keep.name, "Dareen Abughaida");
    assert_eq!((p.keep.appearances, p.drop.appearances), (4, 0));
    assert_eq!(
        p.evidence[0],
        "same name ignoring spaces, hyphens and punctuation"
    );
    find("Mansour El Kikhia", "Mansour El-Kikhia");
    assert_eq!(pairs.len(), 4, "{pairs:#?}");
}

#[test]
fn people_who_appeared_together_are_not_duplicates() {
    let (_d, _p, mut store) = temp_store();
    show(&mut store, "A", &["Tarik Oguzlu", "Tarık Oğuzlu"], None);
    assert!(store.possible_duplicates().unwrap().is_empty());
}
