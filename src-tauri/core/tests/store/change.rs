//! `store/change.rs`: every path that writes a programme, a person or a series format
//! records the change, so each entity's revision is its newest recorded one and the
//! history has no gap.

use greenroom_core::exchange::archive::ArchiveOptions;
use greenroom_core::import::listing::{Imported, ListingOptions};
use greenroom_core::store::change::Operation;
use greenroom_core::Store;
use greenroom_testkit::input::{person, programme, seg};
use greenroom_testkit::temp_store;
use rusqlite::Connection;

/// Entities whose live revision differs from their newest recorded one (none
/// recorded counts as a gap too, for anything written since the upgrade).
fn unrecorded(db: &std::path::Path) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let mut st = conn
        .prepare(
            "SELECT 'programme ' || t.title || ' at ' || t.revision FROM programme t
              WHERE t.revision IS NOT (SELECT max(revision) FROM change
                                       WHERE entity = 'programme' AND entity_id = t.id)
             UNION ALL
             SELECT 'person ' || t.name || ' at ' || t.revision FROM person t
              WHERE t.revision IS NOT (SELECT max(revision) FROM change
                                       WHERE entity = 'person' AND entity_id = t.id)",
        )
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn ops(history: &[greenroom_core::store::change::Revision]) -> Vec<Operation> {
    history.iter().map(|r| r.operation).collect()
}

const LISTING: &str = "How to achieve a lasting ceasefire?\n\
    It took three years to get officials in the same room.\n\
    Presenter: Dareen Abughaida\n\
    Guests:\n\
    Dr. Peter Zalmayev – Eurasia Democracy Initiative\n\
    Anatol Lieven – Quincy Institute\n";

#[test]
fn every_write_path_records_its_change() {
    let (_d, db, mut store) = temp_store();
    store.set_author("Sami Zeidan").unwrap();
    // A programme save adds a person.
    let mut input = programme("Who pays?");
    input.guests = vec![person("Anatol Lieven", None)];
    let first = store.create_programme(&input).unwrap();
    // A listing import: the programme, the new people, the honorific it fills.
    let Imported::Created { id, .. } = store
        .import_listing(LISTING, &ListingOptions::default())
        .unwrap()
    else {
        panic!("not created")
    };
    assert_eq!(
        ops(&store.programme_history(id).unwrap()),
        [Operation::Import]
    );
    let anatol = store.find_person("Anatol Lieven").unwrap();
    assert_eq!(
        ops(&store.person_history(anatol.id).unwrap()),
        [Operation::Create],
        "added by the save; the import linked them"
    );
    // A save that bills someone first entered bare gives them the affiliation.
    let mut billed = programme("Who pays now?");
    billed.guests = vec![person("Anatol Lieven", Some("Quincy Institute"))];
    store.create_programme(&billed).unwrap();
    let history = store.person_history(anatol.id).unwrap();
    assert_eq!(ops(&history), [Operation::Update, Operation::Create]);
    assert_eq!(
        history[0].summary(),
        ["Affiliation (none) → Quincy Institute"]
    );
    let peter = store.find_person("Peter Zalmayev").unwrap();
    let history = store.person_history(peter.id).unwrap();
    assert_eq!(ops(&history), [Operation::Import, Operation::Import]);
    assert_eq!(history[0].changes[0].field, "honorific");
    assert_eq!(history[0].author, "Sami Zeidan");

    // A series format, saved twice.
    let mut with_segments = store.get_programme(first.id).unwrap().to_input();
    with_segments.segments = Some(vec![seg(
        greenroom_core::programme::segment::SegmentKind::Intro,
        "Set-up",
        "2m",
        &[],
    )]);
    store.update_programme(first.id, 1, &with_segments).unwrap();
    store
        .save_series_format_from("Inside Story", first.id)
        .unwrap();
    store
        .save_series_format_from("inside story", first.id)
        .unwrap();
    let formats: Vec<(i64, String)> = Connection::open(&db)
        .unwrap()
        .prepare(
            "SELECT revision, operation FROM change WHERE entity = 'series_format'
             ORDER BY revision",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(formats, [(1, "create".into()), (2, "update".into())]);

    // A profile edit and a merge.
    let profile = store.person_profile(peter.id).unwrap();
    let mut edited = profile.profile.clone();
    edited.notes = "Speaks Russian and Ukrainian".into();
    store
        .update_person(peter.id, profile.revision, &edited)
        .unwrap();
    let dareen = store.find_person("Dareen Abughaida").unwrap();
    let other = store.create_programme(&programme("Alone")).unwrap();
    let mut alone = other.to_input();
    alone.guests = vec![person("D. Abughaida", None)];
    store.update_programme(other.id, 1, &alone).unwrap();
    let d2 = store.find_person("D. Abughaida").unwrap();
    let merge = store.merge_people(dareen.id, d2.id).unwrap();
    assert_eq!(
        ops(&store.programme_history(other.id).unwrap())[0],
        Operation::Merge
    );
    store.undo_merge(merge.id).unwrap();
    assert_eq!(
        ops(&store.person_history(d2.id).unwrap())[..2],
        [Operation::Unmerge, Operation::Merge]
    );

    assert_eq!(unrecorded(&db), Vec::<String>::new());
}

#[test]
fn an_archive_import_records_what_it_created_and_replaced() {
    let (_d, _, mut source) = temp_store();
    let mut input = programme("Can the ceasefire hold?");
    input.guests = vec![person("Anatol Lieven", Some("Quincy Institute"))];
    let p = source.create_programme(&input).unwrap();
    let archive = |s: &Store| {
        serde_json::to_vec(&s.export_archive(&ArchiveOptions::default()).unwrap()).unwrap()
    };
    let (_d2, db, mut copy) = temp_store();
    copy.import_archive(&archive(&source)).unwrap();
    assert_eq!(
        ops(&copy.programme_history(p.id).unwrap()),
        [Operation::Import]
    );

    input.title = "Will the ceasefire hold?".into();
    source.update_programme(p.id, 1, &input).unwrap();
    copy.import_archive(&archive(&source)).unwrap();
    let history = copy.programme_history(p.id).unwrap();
    assert_eq!(ops(&history), [Operation::Import, Operation::Import]);
    assert_eq!(
        history[0].summary(),
        ["Title 'Can the ceasefire hold?' → 'Will the ceasefire hold?'"]
    );
    let first = copy.programme_as_of(p.id, 1).unwrap();
    assert_eq!(first.title, "Can the ceasefire hold?");

    // Deleted here, brought back by the archive: its history goes on.
    let now = copy.get_programme(p.id).unwrap();
    copy.delete_programme(p.id, Some(now.revision)).unwrap();
    copy.import_archive(&archive(&source)).unwrap();
    let history = copy.programme_history(p.id).unwrap();
    assert_eq!(
        ops(&history),
        [
            Operation::Import,
            Operation::Delete,
            Operation::Import,
            Operation::Import
        ]
    );
    assert_eq!(copy.get_programme(p.id).unwrap().revision, 4);
    assert_eq!(unrecorded(&db), Vec::<String>::new());
}
