//! Every kind of change reaches the archive through `Store::write`, the one place
//! where changes are stamped (and, next, attributed and queued for the server). The
//! store's commit hook counts commits made outside it; each step here must leave the
//! count at zero. In debug builds such a commit would also fail, so the change itself
//! is asserted too: a bypass cannot pass as a no-op.

use greenroom_core::exchange::ArchiveOptions;
use greenroom_core::generate::GenerateOptions;
use greenroom_core::import::listing::{BulkItem, Imported, ListingOptions};
use greenroom_core::people::profile::PersonProfile;
use greenroom_core::programme::example::example_programme;
use greenroom_core::{PersonId, Status, Store};

use greenroom_testkit::input::{person, programme};
use greenroom_testkit::temp_store;

const SERIES: &str = "Inside Story";

/// A listing the import links and adds people from; `n` makes it a new programme.
fn listing(n: usize) -> String {
    format!(
        "Can the ceasefire hold, part {n}? | Inside Story\n\
         Presenter: Mohammed Jamjoom\n\
         Guests:\n\
         Kholood Khair – Founding director of Confluence Advisory\n\
         Guest Number{n} – Fellow at Chatham House\n"
    )
}

#[track_caller]
fn assert_no_bypass(store: &Store, after: &str) {
    assert_eq!(
        store.writes_outside_helper(),
        0,
        "a write bypassed Store::write ({after})"
    );
}

fn rename(store: &mut Store, id: PersonId, name: &str) {
    let stored = store.person_profile(id).unwrap();
    let profile = PersonProfile {
        name: name.into(),
        ..stored.profile
    };
    let saved = store.update_person(id, stored.revision, &profile).unwrap();
    assert_eq!(saved.profile.name, name);
}

#[test]
fn every_kind_of_change_goes_through_the_write_helper() {
    let (_d, _, mut store) = temp_store();

    // Programmes: create, update, delete.
    let example = store.create_programme(&example_programme()).unwrap();
    let mut input = example.to_input();
    input.title = "Edited title".into();
    let edited = store
        .update_programme(example.id, example.revision, &input)
        .unwrap();
    assert_eq!(edited.revision, example.revision + 1);
    let mut doomed = programme("To be deleted");
    doomed.guests = vec![person("Tarık Oğuzlu", Some("Antalya Bilim University"))];
    let doomed = store.create_programme(&doomed).unwrap();
    store
        .delete_programme(doomed.id, Some(doomed.revision))
        .unwrap();
    assert!(store.get_programme(doomed.id).is_err());
    assert_no_bypass(&store, "programmes");

    // A series format from a running order.
    assert!(store.save_series_format_from(SERIES, edited.id).unwrap() > 0);
    assert!(store.series_format(SERIES).unwrap().is_some());
    assert_no_bypass(&store, "series format");

    // Settings: warnings, backups, defaults set and cleared.
    for (key, value) in [
        ("warn.recent-days", "21"),
        ("warn.max-in-90-days", "4"),
        ("backup.keep", "7"),
        ("default.series", SERIES),
        ("default.time-zone", "Asia/Qatar"),
        ("default.slot", "25m"),
        ("default.slot", ""),
    ] {
        store.set_setting(key, value).unwrap();
    }
    let settings = store.settings().unwrap();
    assert_eq!(settings.backup_keep, 7);
    assert_eq!(
        store
            .programme_defaults()
            .unwrap()
            .default_series
            .as_deref(),
        Some(SERIES)
    );
    assert_eq!(
        store.programme_defaults().unwrap().default_slot_seconds,
        None
    );
    assert_no_bypass(&store, "settings");

    // A profile edit, a merge and its undo.
    let guests: Vec<PersonId> = edited.guests.iter().map(|g| g.person_id).collect();
    rename(&mut store, guests[0], "Selam Tesfaye-Haile");
    // Kept in the directory when their programme was deleted.
    let tarik = doomed.guests[0].person_id;
    let merge = store.merge_people(guests[0], tarik).unwrap();
    assert!(store.person_profile(tarik).is_err());
    store.undo_merge(merge.id).unwrap();
    assert!(store.person_profile(tarik).is_ok());
    assert_no_bypass(&store, "profile, merge, undo merge");

    // Listings: one reviewed-free import, then a bulk run.
    let opts = ListingOptions {
        status: Status::Aired,
        ..Default::default()
    };
    let single = store.import_listing(&listing(0), &opts).unwrap();
    assert!(matches!(single, Imported::Created { .. }), "{single:?}");
    let items: Vec<BulkItem> = (1..=3)
        .map(|n| BulkItem {
            source: format!("listing-{n}.txt"),
            text: listing(n),
        })
        .collect();
    let bulk = store.import_listings(&items, &opts, |_, _| {});
    assert_eq!(bulk.stopped, None);
    assert_eq!(store.list_programmes(&Default::default()).unwrap().len(), 5);
    assert_no_bypass(&store, "listing import");

    // An export remembers what it handed over: a write too.
    let export = |store: &Store| {
        let options = ArchiveOptions {
            include_contacts: true,
        };
        store.export_archive(&options).unwrap().to_json().unwrap()
    };
    let first = export(&store);
    assert_no_bypass(&store, "archive export");

    // Archive import into another database: new records, then changed ones.
    let (_d2, _, mut other) = temp_store();
    let report = other.import_archive(first.as_bytes()).unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.created.programmes, 5);
    rename(&mut store, guests[1], "Renamed for the second archive");
    let report = other.import_archive(export(&store).as_bytes()).unwrap();
    assert_eq!(report.updated.people, 1, "{report:?}");
    assert_no_bypass(&other, "archive import");

    // Name keys cleared behind the store's back are filled in by the next search,
    // through the helper.
    {
        let path = store.path().unwrap().to_path_buf();
        let conn = rusqlite::Connection::open(path).unwrap();
        let cleared = conn
            .execute("UPDATE person SET match_key = NULL", [])
            .unwrap();
        assert!(cleared > 0);
    }
    let found = store.suggest_people("Kholood", 5).unwrap();
    assert_eq!(found.len(), 1);
    store.search("ceasefire", 5).unwrap();
    store.possible_duplicates().unwrap();
    assert_no_bypass(&store, "name keys filled in at read time");

    // The generator, into an empty database.
    let (_d3, _, mut generated) = temp_store();
    let opts = GenerateOptions {
        programmes: 20,
        people: 30,
        seed: 7,
    };
    let summary = generated.generate_archive(&opts, &mut |_| {}).unwrap();
    assert_eq!(summary.programmes, 20);
    assert_no_bypass(&generated, "generator");
}

/// A cheap net beside the commit hook, for a transaction on a path no test takes:
/// only the helper, the open step and read snapshots open one.
#[test]
fn only_the_helper_the_open_step_and_read_snapshots_open_transactions() {
    const ALLOWED: [&str; 7] = [
        "store/write.rs",       // the helper
        "store/db.rs",          // open: search-index catch-up
        "store/migrate.rs",     // open: migrations
        "store/name_keys.rs",   // open: name-key backfill
        "store/segment_ids.rs", // open: segment-id backfill
        "people/history.rs",    // read snapshot
        "exchange/archive.rs",  // read snapshot (export)
    ];
    const OPENERS: [&str; 9] = [
        ".transaction(",
        ".unchecked_transaction(",
        ".transaction_with_behavior(",
        "Transaction::new",
        "BEGIN IMMEDIATE",
        "BEGIN EXCLUSIVE",
        "BEGIN DEFERRED",
        "BEGIN TRANSACTION",
        "COMMIT",
    ];
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![src.clone()];
    let mut checked = 0;
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let name = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if !name.ends_with(".rs") || ALLOWED.contains(&name.as_str()) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for opener in OPENERS {
                assert!(
                    !text.contains(opener),
                    "{name} opens a transaction ({opener}); use Store::write"
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked > 50,
        "only {checked} files found under {}",
        src.display()
    );
}
