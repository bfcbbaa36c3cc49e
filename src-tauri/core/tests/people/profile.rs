//! `people/profile.rs`: a profile is saved whole, renames keep the history, and a
//! stale edit is a conflict.

use super::{at, lieven_story, temp_store};

#[test]
fn a_profile_is_saved_whole_renames_keep_history_and_stale_edits_conflict() {
    use greenroom_core::people::profile::GenderSource;
    let (_d, _, mut s) = temp_store();
    lieven_story(&mut s);
    let id = s.find_person("Anatol Lieven").unwrap().id;
    let current = s.person_profile(id).unwrap();
    assert!(current.profile.expertise.is_empty());
    let mut p = current.profile.clone();
    p.name = "Anatol Lieven ".into();
    p.honorific = Some("Dr".into());
    p.expertise = vec!["Russia".into(), "russia".into(), "Ukraine".into()];
    p.languages = vec!["English".into(), "Russian".into()];
    p.base_city = Some("Washington".into());
    p.base_time_zone = Some("America/New_York".into());
    p.email = Some("al@example.org".into());
    p.gender = Some("man".into());
    p.gender_source = Some(GenderSource::Inferred);
    let saved = s.update_person(id, current.revision, &p).unwrap();
    assert_eq!(saved.profile.name, "Anatol Lieven");
    assert_eq!(
        saved.profile.expertise,
        ["Russia", "Ukraine"],
        "duplicate tags fold"
    );
    assert_eq!(saved.revision, current.revision + 1);
    assert_eq!(s.person_profile(id).unwrap(), saved);

    let e = s.update_person(id, current.revision, &p).unwrap_err();
    assert_eq!(e.code(), "conflict");

    p.name = "Anatol Lieven (Quincy)".into();
    s.update_person(id, saved.revision, &p).unwrap();
    let h = s.guest_history(id, at("2025-06-01T12:00:00Z")).unwrap();
    assert_eq!(h.appearances.len(), 5, "a rename keeps every appearance");
    assert_eq!(h.person.name, "Anatol Lieven (Quincy)");

    let mut bad = p.clone();
    bad.base_time_zone = Some("Quincy/Standard".into());
    assert_eq!(
        s.update_person(id, saved.revision + 1, &bad)
            .unwrap_err()
            .field(),
        Some("baseTimeZone")
    );
    let mut bad = p.clone();
    bad.email = Some("not an email".into());
    assert_eq!(
        s.update_person(id, saved.revision + 1, &bad)
            .unwrap_err()
            .field(),
        Some("email")
    );
}
