//! `exchange/archive.rs` (with `to_archive.rs` and `from_archive.rs`): the JSON
//! archive's shape, round trip and re-import.

use greenroom_core::exchange::{ImportCounts, FORMAT, VERSION};
use serde_json::Value;

use super::{comparable, export, seed, sql, temp_store, EMAIL};

fn counts(people: usize, programmes: usize, series_formats: usize) -> ImportCounts {
    ImportCounts {
        people,
        programmes,
        series_formats,
    }
}

#[test]
fn export_import_export_gives_the_same_document() {
    let (_a, _pa, mut a) = temp_store();
    let seeded = seed(&mut a);
    for with_contacts in [false, true] {
        let first = export(&a, with_contacts);
        let (_b, _pb, mut b) = temp_store();
        let report = b.import_archive(first.as_bytes()).unwrap();
        assert!(report.failed.is_empty(), "{:?}", report.failed);
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        // Six people after the merge; "The Panel Hour" ships with every database.
        assert_eq!(report.created, counts(6, 4, 1));
        assert_eq!(report.unchanged, counts(0, 0, 1));
        let second = export(&b, with_contacts);
        assert_eq!(comparable(&first), comparable(&second));
        // Byte for byte apart from exportedAt: the output is deterministic.
        let strip = |s: &str| {
            s.lines()
                .filter(|l| !l.contains("\"exportedAt\""))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(strip(&first), strip(&second));
        // What the app shows is the same too (revisions are each database's own).
        let mut shown = b.get_programme(seeded.tricky.id).unwrap();
        shown.revision = seeded.tricky.revision;
        assert_eq!(shown, seeded.tricky);
        assert_eq!(
            b.get_programme(seeded.example.id).unwrap().segments,
            seeded.example.segments
        );
    }
}

#[test]
fn the_document_has_the_documented_shape() {
    let (_d, _p, mut store) = temp_store();
    let seeded = seed(&mut store);
    let doc: Value = serde_json::from_str(&export(&store, false)).unwrap();
    assert_eq!(doc["format"], FORMAT);
    assert_eq!(doc["version"], VERSION);
    assert_eq!(doc["includesContacts"], false);
    assert!(doc["exportedAt"].as_str().unwrap().ends_with('Z'));
    let ids: Vec<&str> = doc["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "people are sorted by id");
    let tricky = doc["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == seeded.tricky.id.to_string())
        .unwrap();
    assert_eq!(tricky["airAt"], "2025-03-30T01:30:00Z");
    assert_eq!(tricky["timeZone"], "Europe/London");
    assert_eq!(tricky["slotSeconds"], 3600);
    assert_eq!(tricky["status"], "confirmed");
    assert_eq!(tricky["appearances"][0]["role"], "presenter");
    assert_eq!(tricky["appearances"][0]["affiliation"], "Al Jazeera");
    assert_eq!(
        tricky["appearances"][1]["personId"],
        seeded.tricky.guests[0].person_id.to_string()
    );
    assert_eq!(tricky["segments"][0]["durationSeconds"], 3000);
    assert_eq!(tricky["segments"][0]["question"], 2);
    assert!(tricky.get("revision").is_none());
    let selam = doc["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == seeded.selam.to_string())
        .unwrap();
    assert_eq!(selam["honorific"], "Dr");
    assert_eq!(selam["expertise"][1], "water law");
    assert_eq!(selam["genderSource"], "self");
    assert!(selam.get("contacts").is_none());
}

#[test]
fn contacts_leave_only_when_asked_for() {
    let (_d, _p, mut store) = temp_store();
    seed(&mut store);
    let without = export(&store, false);
    assert!(!without.contains(EMAIL));
    assert!(!without.contains("+251"));
    let with = export(&store, true);
    assert!(with.contains(EMAIL));
    assert!(with.contains("\"includesContacts\": true"));
}

#[test]
fn importing_again_changes_nothing() {
    let (_a, _pa, mut a) = temp_store();
    seed(&mut a);
    let json = export(&a, true);
    // Into the database it came from, and twice into a new one.
    let report = a.import_archive(json.as_bytes()).unwrap();
    assert_eq!(report.created.total() + report.updated.total(), 0);
    assert_eq!(report.unchanged, counts(6, 4, 2));
    let (_b, pb, mut b) = temp_store();
    let first = b.import_archive(json.as_bytes()).unwrap();
    let revisions = |path| -> Vec<(String, i64)> {
        sql(path)
            .prepare("SELECT id, revision FROM programme UNION ALL SELECT id, revision FROM person ORDER BY 1")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let before = revisions(&pb);
    let second = b.import_archive(json.as_bytes()).unwrap();
    assert_eq!(
        second.unchanged.total(),
        first.created.total() + first.unchanged.total()
    );
    assert_eq!(second.created.total() + second.updated.total(), 0);
    assert!(second.failed.is_empty() && second.warnings.is_empty());
    assert_eq!(revisions(&pb), before);
}

/// Sets a JSON pointer's value in an archive.
fn edit(json: &str, f: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(json).unwrap();
    f(&mut v);
    serde_json::to_string(&v).unwrap()
}

fn find<'a>(list: &'a mut Value, id: &str) -> &'a mut Value {
    list.as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["id"] == id)
        .unwrap()
}

#[test]
fn a_changed_record_replaces_ours_with_a_new_revision_and_a_version_had_before_does_not() {
    let (_d, _p, mut store) = temp_store();
    let seeded = seed(&mut store);
    let id = seeded.example.id.to_string();
    let json = export(&store, false);
    // Edited elsewhere after this export, and not here: it replaces ours, whatever
    // its stamp says.
    let changed = edit(&json, |v| {
        let p = find(&mut v["programmes"], &id);
        p["title"] = "A new title from the archive".into();
        p["updatedAt"] = "2001-01-01T00:00:00Z".into();
    });
    let report = store.import_archive(changed.as_bytes()).unwrap();
    assert_eq!(report.updated, counts(0, 1, 0));
    let now = store.get_programme(seeded.example.id).unwrap();
    assert_eq!(now.title, "A new title from the archive");
    assert_eq!(now.revision, seeded.example.revision + 1);
    assert_eq!(now.segments, seeded.example.segments);
    // The export itself brings the version this database had before: it changes
    // nothing, with a warning.
    let report = store.import_archive(json.as_bytes()).unwrap();
    assert_eq!(report.updated.total(), 0);
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(report.warnings[0].contains("kept"));
    assert_eq!(
        store.get_programme(seeded.example.id).unwrap().title,
        "A new title from the archive"
    );
}

#[test]
fn an_archive_without_contacts_leaves_ours_alone() {
    let (_d, _p, mut store) = temp_store();
    let seeded = seed(&mut store);
    let id = seeded.selam.to_string();
    let json = edit(&export(&store, false), |v| {
        let p = find(&mut v["people"], &id);
        p["city"] = "ignored: not a field".into();
        p["baseCity"] = "Nairobi".into();
        p["updatedAt"] = "2099-01-01T00:00:00Z".into();
    });
    let report = store.import_archive(json.as_bytes()).unwrap();
    assert_eq!(report.updated, counts(1, 0, 0));
    let profile = store.person_profile(seeded.selam).unwrap();
    assert_eq!(profile.profile.base_city.as_deref(), Some("Nairobi"));
    assert_eq!(profile.profile.email.as_deref(), Some(EMAIL));
    // With contacts given, they are written (null clears).
    let json = edit(&export(&store, true), |v| {
        let p = find(&mut v["people"], &id);
        p["contacts"]["email"] = Value::Null;
        p["updatedAt"] = "2099-01-02T00:00:00Z".into();
    });
    store.import_archive(json.as_bytes()).unwrap();
    let profile = store.person_profile(seeded.selam).unwrap();
    assert_eq!(profile.profile.email, None);
    assert_eq!(profile.profile.phone.as_deref(), Some("+251 11 000 0000"));
}

#[test]
fn imported_people_are_found_by_search_and_name_matching() {
    let (_a, _pa, mut a) = temp_store();
    seed(&mut a);
    let (_b, _pb, mut b) = temp_store();
    b.import_archive(export(&a, false).as_bytes()).unwrap();
    let hits = b.search("agaoglu", 10).unwrap();
    assert_eq!(hits.people.len(), 1, "{hits:?}");
    assert_eq!(b.suggest_people("Tarik Agaoglu", 5).unwrap().len(), 1);
}

#[test]
fn a_person_merged_away_since_the_export_comes_back_with_a_warning() {
    let (_d, _p, mut store) = temp_store();
    let one = store
        .create_programme(&greenroom_core::ProgrammeInput {
            title: "One".into(),
            guests: vec![super::person("Anatol Lieven", None)],
            ..Default::default()
        })
        .unwrap();
    let two = store
        .create_programme(&greenroom_core::ProgrammeInput {
            title: "Two".into(),
            guests: vec![super::person("Anatol Lieven.", None)],
            ..Default::default()
        })
        .unwrap();
    // Exported before the merge (its programmes dated earlier, whatever the clock did).
    let json = edit(&export(&store, false), |v| {
        for p in v["programmes"].as_array_mut().unwrap() {
            p["updatedAt"] = "2001-01-01T00:00:00Z".into();
        }
    });
    let merge = store
        .merge_people(one.guests[0].person_id, two.guests[0].person_id)
        .unwrap();
    let report = store.import_archive(json.as_bytes()).unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.created, counts(1, 0, 0));
    let merged = format!("merge {}", merge.id);
    assert!(
        report.warnings.iter().any(|w| w.contains(&merged)),
        "{:?}",
        report.warnings
    );
    // The programme changed here since (the merge moved its guest): ours is kept.
    assert_eq!(
        store.get_programme(two.id).unwrap().guests[0].person_id,
        one.guests[0].person_id
    );
}
