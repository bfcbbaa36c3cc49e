//! `exchange/seen.rs`: an import decides by content and by what this database has
//! exchanged, never by the archive's `updatedAt`: every scenario runs with the
//! archive's stamps far ahead of this machine's clock and far behind it, and must end
//! the same way, for people, programmes and series formats alike.

use greenroom_core::exchange::{ImportCounts, ImportReport};
use greenroom_core::{ProgrammeId, Store};
use serde_json::Value;

use super::{export, seed, temp_store, Seeded};

const AHEAD: &str = "2999-12-31T00:00:00Z";
const BEHIND: &str = "1971-01-01T00:00:00Z";
const SKEWS: [&str; 2] = [AHEAD, BEHIND];
const SERIES: &str = "Inside Story";

/// The archive as a machine whose clock reads `stamp` would have written it.
fn skewed(json: &str, stamp: &str) -> String {
    let mut v: Value = serde_json::from_str(json).unwrap();
    for list in ["people", "programmes", "seriesFormats"] {
        for record in v[list].as_array_mut().unwrap() {
            let record = record.as_object_mut().unwrap();
            for key in ["createdAt", "updatedAt"] {
                if record.contains_key(key) {
                    record.insert(key.into(), stamp.into());
                }
            }
        }
    }
    serde_json::to_string(&v).unwrap()
}

/// Edits one programme, one person and one series format, each marked with `mark`.
fn edit(store: &mut Store, s: &Seeded, mark: &str) {
    let p = store.get_programme(s.example.id).unwrap();
    let mut input = p.to_input();
    input.title = format!("Title edited {mark}");
    input.segments.as_mut().unwrap()[0].title = format!("Segment edited {mark}");
    let p = store.update_programme(p.id, p.revision, &input).unwrap();
    store.save_series_format_from(SERIES, p.id).unwrap();
    let person = store.person_profile(s.selam).unwrap();
    let mut profile = person.profile.clone();
    profile.affiliation = Some(format!("Affiliation edited {mark}"));
    store
        .update_person(s.selam, person.revision, &profile)
        .unwrap();
}

/// What `edit` wrote, as `store` has it: (title, affiliation, format's first segment).
fn marks(store: &Store, s: &Seeded) -> (String, String, String) {
    let title = store.get_programme(s.example.id).unwrap().title;
    let affiliation = store
        .person_profile(s.selam)
        .unwrap()
        .profile
        .affiliation
        .unwrap_or_default();
    let format = store.series_format(SERIES).unwrap().unwrap();
    (title, affiliation, format.segments[0].title.clone())
}

fn edited(mark: &str) -> (String, String, String) {
    (
        format!("Title edited {mark}"),
        format!("Affiliation edited {mark}"),
        format!("Segment edited {mark}"),
    )
}

fn counts(people: usize, programmes: usize, series_formats: usize) -> ImportCounts {
    ImportCounts {
        people,
        programmes,
        series_formats,
    }
}

fn import(store: &mut Store, json: &str) -> ImportReport {
    let report = store.import_archive(json.as_bytes()).unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    report
}

/// The three records `edit` touches, as one more programme, person and format each.
fn one_of_each(report: &ImportCounts) -> bool {
    *report == counts(1, 1, 1)
}

fn revision(store: &Store, id: ProgrammeId) -> i64 {
    store.get_programme(id).unwrap().revision
}

/// The case: stamps from a fast (or slow) clock, an edit here, the same file
/// again. The edit stays; the file changes nothing.
#[test]
fn importing_the_same_file_after_an_edit_here_keeps_the_edit() {
    for stamp in SKEWS {
        let (_a, _pa, mut a) = temp_store();
        let s = seed(&mut a);
        let file = skewed(&export(&a, true), stamp);
        let (_b, _pb, mut b) = temp_store();
        import(&mut b, &file);
        edit(&mut b, &s, "here");
        let before = revision(&b, s.example.id);
        let again = import(&mut b, &file);
        assert_eq!(again.updated.total(), 0, "stamps {stamp}");
        assert_eq!(again.created.total(), 0, "stamps {stamp}");
        assert_eq!(marks(&b, &s), edited("here"), "stamps {stamp}");
        assert_eq!(revision(&b, s.example.id), before, "stamps {stamp}");
        assert_eq!(
            again.warnings.len(),
            3,
            "stamps {stamp}: {:?}",
            again.warnings
        );
        assert!(
            again
                .warnings
                .iter()
                .all(|w| w.contains("already had and has changed since")),
            "{:?}",
            again.warnings
        );
    }
}

/// Edits made on the other machine come in when nothing was edited here, whatever its
/// clock said; a file with versions this database already had changes nothing.
#[test]
fn edits_from_the_other_database_replace_ours_and_an_older_file_does_not_undo_them() {
    for stamp in SKEWS {
        let (_a, _pa, mut a) = temp_store();
        let s = seed(&mut a);
        let first = skewed(&export(&a, true), stamp);
        let (_b, _pb, mut b) = temp_store();
        import(&mut b, &first);
        edit(&mut a, &s, "there");
        let second = skewed(&export(&a, true), stamp);
        let before = revision(&b, s.example.id);
        let report = import(&mut b, &second);
        assert!(one_of_each(&report.updated), "stamps {stamp}: {report:?}");
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        assert_eq!(marks(&b, &s), edited("there"), "stamps {stamp}");
        assert_eq!(revision(&b, s.example.id), before + 1);
        // Changed here now: the archive's stamp is not taken over.
        let updated = b.get_programme(s.example.id).unwrap().updated_at;
        assert_ne!(updated.to_rfc3339(), stamp, "stamps {stamp}");

        let older = import(&mut b, &first);
        assert_eq!(older.updated.total(), 0, "stamps {stamp}: {older:?}");
        assert_eq!(older.warnings.len(), 3, "{:?}", older.warnings);
        assert!(older.warnings.iter().all(|w| w.contains("already had")));
        assert_eq!(marks(&b, &s), edited("there"), "stamps {stamp}");
        // And the newer one once more changes nothing, without a word.
        let again = import(&mut b, &second);
        assert_eq!(again.updated.total(), 0, "stamps {stamp}");
        assert!(again.warnings.is_empty(), "{:?}", again.warnings);
    }
}

/// Both sides edited: ours is kept and each record is named; nothing is lost.
#[test]
fn edits_on_both_sides_keep_ours_with_a_warning() {
    for stamp in SKEWS {
        let (_a, _pa, mut a) = temp_store();
        let s = seed(&mut a);
        let (_b, _pb, mut b) = temp_store();
        import(&mut b, &skewed(&export(&a, true), stamp));
        edit(&mut a, &s, "there");
        edit(&mut b, &s, "here");
        let report = import(&mut b, &skewed(&export(&a, true), stamp));
        assert_eq!(report.updated.total(), 0, "stamps {stamp}: {report:?}");
        assert_eq!(marks(&b, &s), edited("here"), "stamps {stamp}");
        let kept: Vec<_> = report
            .warnings
            .iter()
            .filter(|w| w.contains("edited here and different in the archive"))
            .collect();
        assert_eq!(kept.len(), 3, "stamps {stamp}: {:?}", report.warnings);
    }
}

/// Exported, edited elsewhere, imported back: the database the records came from takes
/// the edits, because it did not edit them since its export.
#[test]
fn a_round_trip_brings_the_other_databases_edits_home() {
    for stamp in SKEWS {
        let (_a, _pa, mut a) = temp_store();
        let s = seed(&mut a);
        let out = export(&a, true);
        let (_b, _pb, mut b) = temp_store();
        import(&mut b, &skewed(&out, stamp));
        edit(&mut b, &s, "there");
        let report = import(&mut a, &skewed(&export(&b, true), stamp));
        assert!(one_of_each(&report.updated), "stamps {stamp}: {report:?}");
        assert_eq!(marks(&a, &s), edited("there"), "stamps {stamp}");
        // Its own old export is a version it already had.
        let old = import(&mut a, &out);
        assert_eq!(old.updated.total(), 0, "stamps {stamp}");
        assert_eq!(marks(&a, &s), edited("there"), "stamps {stamp}");
    }
}
