//! `import/listing.rs`: importing published listings into a temp database: review
//! drafts write nothing, people are linked on an exact name match, and nothing is
//! imported twice.

use std::path::PathBuf;

use greenroom_core::import::files::gather;
use greenroom_core::import::listing::{BulkItem, Imported, ListingOptions, MAX_LISTING_BYTES};
use greenroom_core::{PersonInput, ProgrammeId, ProgrammeInput, Status, Store};

use greenroom_testkit::derived;
use greenroom_testkit::temp_store;

pub const SAMPLE: &str = include_str!("../listings/01-inside-story-sample.txt");

const SUDAN: &str = "Can Sudan's warring sides be brought to talks? | Inside Story
The war has displaced more than 12 million people.
What would it take to bring the generals to the table?
Presenter: Mohammed Jamjoom
Guests:
Dr Anatol Lieven – Director of the Eurasia Program at Quincy Institute
Kholood Khair – Founding director of Confluence Advisory
";

fn counts(store: &Store) -> (usize, usize) {
    (
        store.list_programmes(&Default::default()).unwrap().len(),
        store.list_people().unwrap().len(),
    )
}

/// Imports `text` as aired, which must create a programme: its id, and the people
/// matched in the directory and added.
fn created(store: &mut Store, text: &str) -> (ProgrammeId, usize, usize) {
    match store.import_listing(text, &aired()).unwrap() {
        Imported::Created {
            id,
            matched,
            new_people,
        } => (id, matched, new_people),
        other => panic!("not created: {other:?}"),
    }
}

fn aired() -> ListingOptions {
    ListingOptions {
        series: Some("Inside Story".into()),
        air: Some("2025-05-16T19:30".into()),
        time_zone: Some("Asia/Qatar".into()),
        status: Status::Aired,
        ..Default::default()
    }
}

#[test]
fn a_draft_writes_nothing_and_a_confirmed_import_saves_the_listing() {
    let (_d, _, mut store) = temp_store();
    let draft = store.draft_from_listing(SAMPLE).unwrap();
    assert_eq!(counts(&store), (0, 0));
    assert!(draft.guests.iter().all(|g| g.matched_person_id.is_none()));
    assert_eq!(draft.already_imported, None);

    let (id, matched, new_people) = created(&mut store, SAMPLE);
    assert_eq!((matched, new_people), (0, 4));
    let p = store.get_programme(id).unwrap();
    assert_eq!(
        p.title,
        "How to achieve a lasting ceasefire between Russia and Ukraine?"
    );
    assert_eq!(p.framing.len(), 6);
    assert_eq!(p.presenter.unwrap().name, "Dareen Abughaida");
    let guests: Vec<(&str, Option<&str>)> = p
        .guests
        .iter()
        .map(|g| (g.name.as_str(), g.affiliation.as_deref()))
        .collect();
    assert_eq!(
        guests,
        [
            (
                "Peter Zalmayev",
                Some("Executive director at Eurasia Democracy Initiative")
            ),
            (
                "Pavel Felgenhauer",
                Some("Independent defence and Russian foreign policy analyst")
            ),
            (
                "Anatol Lieven",
                Some("Director of the Eurasia Program at Quincy Institute for Responsible Statecraft")
            ),
        ]
    );
    assert_eq!(p.status, Status::Aired);
    assert_eq!(p.series.as_deref(), Some("Inside Story"));
    assert_eq!(p.air_local.as_deref(), Some("2025-05-16T19:30"));

    // The same listing again, even pasted with other dashes and junk: nothing new.
    let again = format!("{}\n#InsideStory", SAMPLE.replace(" – ", " - "));
    assert_eq!(
        store.draft_from_listing(&again).unwrap().already_imported,
        Some(id)
    );
    assert_eq!(
        store.import_listing(&again, &aired()).unwrap(),
        Imported::AlreadyImported { id }
    );
    assert_eq!(counts(&store), (1, 4));
}

#[test]
fn people_already_in_the_directory_are_linked_and_near_misses_offered() {
    let (_d, _, mut store) = temp_store();
    let lieven = store
        .create_programme(&ProgrammeInput {
            title: "Earlier".into(),
            presenter: Some(PersonInput {
                name: "Mohammed Jamjoom".into(),
                ..Default::default()
            }),
            guests: vec![
                PersonInput {
                    name: "Anatol Lieven".into(),
                    affiliation: Some("Quincy Institute".into()),
                    ..Default::default()
                },
                PersonInput {
                    name: "Kholoud Khair".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        })
        .unwrap()
        .guests[0]
        .person_id;

    let draft = store.draft_from_listing(SUDAN).unwrap();
    assert_eq!(
        draft.title,
        "Can Sudan's warring sides be brought to talks?"
    );
    let anatol = &draft.guests[0];
    assert_eq!(anatol.name, "Anatol Lieven");
    assert_eq!(anatol.honorific.as_deref(), Some("Dr"));
    assert_eq!(anatol.matched_person_id, Some(lieven));
    // One letter off: not the same name, but offered.
    let khair = &draft.guests[1];
    assert_eq!(khair.matched_person_id, None);
    assert_eq!(khair.candidates[0].name, "Kholoud Khair");
    assert!(draft.presenter.unwrap().matched_person_id.is_some());

    let (id, matched, new_people) = created(&mut store, SUDAN);
    assert_eq!((matched, new_people), (2, 1));
    let p = store.get_programme(id).unwrap();
    assert_eq!(p.guests[0].person_id, lieven);
    assert_eq!(
        p.guests[0].affiliation.as_deref(),
        Some("Director of the Eurasia Program at Quincy Institute"),
        "billed as in this listing"
    );
    assert_eq!(
        store
            .person_profile(lieven)
            .unwrap()
            .profile
            .honorific
            .as_deref(),
        Some("Dr")
    );
    assert_eq!(
        store
            .guest_history(lieven, chrono::Utc::now())
            .unwrap()
            .appearances
            .len(),
        2
    );
}

#[test]
fn over_long_and_title_less_listings_are_refused_and_write_nothing() {
    let (_d, _, mut store) = temp_store();
    let huge = "x".repeat(MAX_LISTING_BYTES + 1);
    let e = store.import_listing(&huge, &aired()).unwrap_err();
    assert_eq!(e.code(), "validation");
    assert!(e.to_string().contains("too long"), "{e}");
    let e = store.import_listing("   \n\n", &aired()).unwrap_err();
    assert_eq!(e.code(), "validation");
    let notes = "Ideas for next week\nCall the embassy about visas.\nBook the studio.\n";
    let e = store.import_listing(notes, &aired()).unwrap_err();
    assert!(e.to_string().contains("no presenter or guests"), "{e}");
    assert_eq!(counts(&store), (0, 0));
}

pub fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn a_bulk_import_reports_each_listing_and_a_rerun_creates_nothing() {
    let (_d, _, mut store) = temp_store();
    let files = tempfile::tempdir().unwrap();
    write(files.path(), "01-ceasefire.txt", SAMPLE.as_bytes());
    write(
        files.path(),
        "02-two.txt",
        format!("{SUDAN}\n---\nIs the euro in danger?\nPresenter: Adrian Finighan\nGuests:\nAnn Pettifor – economist\n").as_bytes(),
    );
    write(
        files.path(),
        "03-image.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    );
    let mut latin1 = b"Caf\xe9 politics in Paris?\nPresenter: Jane Doe\nGuests:\nJean Dupont \xe2\x80\x93 Le Monde\n".to_vec();
    latin1.extend_from_slice(b"Marie Curie \xe2\x80\x93 Sorbonne\n");
    write(files.path(), "04-latin1.txt", &latin1);
    write(files.path(), ".hidden.txt", SAMPLE.as_bytes());

    let gathered = gather(&[files.path().to_path_buf()]).unwrap();
    let sources: Vec<String> = gathered
        .items
        .iter()
        .map(|i| i.source.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(
        sources,
        [
            "01-ceasefire.txt",
            "02-two.txt#1",
            "02-two.txt#2",
            "04-latin1.txt"
        ]
    );
    assert_eq!(gathered.skipped.len(), 1);
    assert!(gathered.skipped[0].reason.contains("binary"));
    assert_eq!(gathered.warnings.len(), 1, "{:?}", gathered.warnings);
    assert!(gathered.warnings[0].contains("04-latin1.txt"));

    let mut seen = Vec::new();
    let summary = store.import_listings(&gathered.items, &aired(), |done, total| {
        seen.push((done, total))
    });
    assert_eq!(seen, [(1, 4), (2, 4), (3, 4), (4, 4)]);
    assert_eq!(summary.created.len(), 4, "{summary:?}");
    assert!(summary.skipped.is_empty() && summary.stopped.is_none());
    let after_first = counts(&store);
    assert_eq!(after_first.0, 4);

    let summary = store.import_listings(&gathered.items, &aired(), |_, _| {});
    assert!(summary.created.is_empty());
    assert_eq!(summary.already_imported.len(), 4);
    // Named by the title they were imported as, not by an id (issue 11, item 30).
    let listed = store.list_programmes(&Default::default()).unwrap();
    for k in &summary.already_imported {
        assert!(
            listed
                .iter()
                .any(|p| k.reason == format!("already imported as “{}”", p.title)),
            "{k:?} names no programme by title"
        );
    }
    assert_eq!((summary.matched_people, summary.new_people), (0, 0));
    assert_eq!(counts(&store), after_first);
}

/// A write that fails after a listing passed every check (here a trigger stands in
/// for a full disk) stops the run: the listings before it are committed and
/// reported, the failed one and those after it leave nothing.
#[test]
fn a_storage_failure_mid_group_keeps_what_came_before_and_reports_it() {
    let (_dir, path, mut store) = temp_store();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER boom BEFORE INSERT ON programme WHEN NEW.title LIKE 'Boom%'
             BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;",
        )
        .unwrap();
    let listing = |title: &str, guest: &str| BulkItem {
        source: title.to_string(),
        text: format!("{title}?\nPresenter: Jane Doe\nGuests:\n{guest} – Analyst\n"),
    };
    let items = [
        listing("First", "Amal Haddad"),
        listing("Second", "Pavel Novak"),
        listing("Boom", "Mei Lin"),
        listing("Fourth", "Omar Farouk"),
    ];
    let summary = store.import_listings(&items, &aired(), |_, _| {});
    let created: Vec<&str> = summary.created.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(created, ["First?", "Second?"]);
    let stopped = summary.stopped.unwrap();
    assert!(
        stopped.starts_with("Boom") && stopped.contains("disk is full"),
        "{stopped}"
    );
    let titles: Vec<String> = store
        .list_programmes(&Default::default())
        .unwrap()
        .into_iter()
        .map(|p| p.title)
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    let names: Vec<String> = store
        .list_people()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(!names.contains(&"Mei Lin".to_string()), "{names:?}");
    assert!(!names.contains(&"Omar Farouk".to_string()), "{names:?}");
    derived::assert_derived_data_matches(&store_conn(&store));
}

/// A person on a listing twice is only found while the line-up is written: that
/// listing is skipped with the reason and leaves nothing, the others in its group go in.
#[test]
fn a_listing_found_wrong_while_writing_is_skipped_alone() {
    let (_d, _, mut store) = temp_store();
    let item = |source: &str, text: &str| BulkItem {
        source: source.into(),
        text: text.into(),
    };
    let items = [
        item("a", "Is the euro safe?\nPresenter: Jane Doe\nGuests:\nAnn Pettifor – economist\n"),
        item(
            "b",
            "Who runs the Sahel?\nPresenter: Omar Farouk\nGuests:\nOmar Farouk – analyst\nAmal Haddad – editor\n",
        ),
        item("c", "Can Japan rearm?\nPresenter: Jane Doe\nGuests:\nMei Lin – professor\n"),
    ];
    let summary = store.import_listings(&items, &aired(), |_, _| {});
    let created: Vec<&str> = summary.created.iter().map(|c| c.source.as_str()).collect();
    assert_eq!(created, ["a", "c"], "{summary:?}");
    assert_eq!(summary.skipped.len(), 1);
    assert!(summary.skipped[0].reason.contains("twice"), "{summary:?}");
    assert!(summary.stopped.is_none());
    assert_eq!(counts(&store).0, 2);
    let names: Vec<String> = store
        .list_people()
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(!names.contains(&"Omar Farouk".to_string()), "{names:?}");
    derived::assert_derived_data_matches(&store_conn(&store));
}

fn store_conn(store: &Store) -> rusqlite::Connection {
    rusqlite::Connection::open(store.path().unwrap()).unwrap()
}

/// A bulk import indexes what it wrote once, at the end of each group: new
/// programmes and people are found, a person already in the directory is found by
/// the affiliation a listing newly billed them with, and the index holds exactly
/// what the data says (nothing left paused).
#[test]
fn a_bulk_import_leaves_everything_it_wrote_searchable() {
    let (_d, _, mut store) = temp_store();
    let booked = |title: &str, guest: &str, affiliation: &str| ProgrammeInput {
        title: title.into(),
        guests: vec![PersonInput {
            name: guest.into(),
            affiliation: Some(affiliation.into()),
            ..Default::default()
        }],
        ..Default::default()
    };
    let lieven = store
        .create_programme(&booked("Earlier", "Anatol Lieven", "Quincy Institute"))
        .unwrap()
        .guests[0]
        .person_id;
    let items: Vec<BulkItem> = (0..3)
        .map(|i| BulkItem {
            source: format!("{i}"),
            text: format!(
                "Question number {i} about Ruritania?\nThe {i} framing line mentions Zembla.\n\
                 Presenter: Jane Doe\nGuests:\nAnatol Lieven – Fellow at Kingsbridge College\n\
                 Guest{i} Person – Analyst at Borduria Institute\n"
            ),
        })
        .collect();
    let summary = store.import_listings(&items, &aired(), |_, _| {});
    assert_eq!(summary.created.len(), 3, "{summary:?}");
    // Lieven three times, and the presenter the first listing created twice.
    assert_eq!(
        (summary.matched_people, summary.new_people),
        (5, 4),
        "{summary:?}"
    );

    let found = store.search("Kingsbridge", 10).unwrap();
    let people: Vec<_> = found.people.iter().map(|p| p.id).collect();
    assert_eq!(people, [lieven], "{found:?}");
    assert_eq!(store.search("Ruritania", 10).unwrap().programmes.len(), 3);
    assert_eq!(store.search("Zembla", 10).unwrap().programmes.len(), 3);
    assert_eq!(store.search("Borduria", 10).unwrap().people.len(), 3);
    derived::assert_derived_data_matches(&store_conn(&store));

    // The triggers index ordinary edits again afterwards.
    store
        .create_programme(&booked("Later", "Quillon Vantablack", "Analyst"))
        .unwrap();
    assert_eq!(store.search("Quillon", 10).unwrap().people.len(), 1);
    assert_eq!(store.search("Later", 10).unwrap().programmes.len(), 1);
    derived::assert_derived_data_matches(&store_conn(&store));
}
