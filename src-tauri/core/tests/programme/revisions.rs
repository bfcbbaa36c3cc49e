//! `programme/revisions.rs` (and `store/change.rs`): every save records a revision
//! with who and what; each rebuilds to exactly what was saved then.

use greenroom_core::store::change::Operation;
use greenroom_core::{Programme, Store};

use super::{person, programme, temp_store};

fn operations(store: &Store, p: &Programme) -> Vec<(i64, Operation)> {
    store
        .programme_history(p.id)
        .unwrap()
        .iter()
        .map(|r| (r.revision, r.operation))
        .collect()
}

#[test]
fn every_save_is_a_revision_that_rebuilds_exactly() {
    let (_d, _, mut store) = temp_store();
    store.set_author("Dareen Abughaida").unwrap();
    let mut input = programme("How to achieve a lasting ceasefire?");
    input.guests = vec![person("Anatol Lieven", Some("Quincy Institute"))];
    let v1 = store.create_programme(&input).unwrap();
    input.title = "Can the ceasefire hold?".into();
    input.slot = Some("25m".into());
    let v2 = store.update_programme(v1.id, 1, &input).unwrap();
    input
        .guests
        .push(person("Pavel Felgenhauer", Some("Independent analyst")));
    let v3 = store.update_programme(v2.id, 2, &input).unwrap();

    assert_eq!(
        operations(&store, &v3),
        [
            (3, Operation::Update),
            (2, Operation::Update),
            (1, Operation::Create)
        ]
    );
    for saved in [&v1, &v2, &v3] {
        assert_eq!(
            &store.programme_as_of(saved.id, saved.revision).unwrap(),
            saved
        );
    }
    let history = store.programme_history(v3.id).unwrap();
    assert!(history.iter().all(|r| r.author == "Dareen Abughaida"));
    let second: Vec<_> = history[1]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(second, ["slotSeconds", "title"], "{:?}", history[1].changes);
    assert_eq!(history[1].changes[0].to, 1500);
    assert_eq!(
        history[1].changes[1].from,
        "How to achieve a lasting ceasefire?"
    );
    assert_eq!(history[1].changes[1].to, "Can the ceasefire hold?");
    assert_eq!(history[0].changes.len(), 1);
    assert_eq!(history[0].changes[0].field, "guests");
    // A creation records no changes (the live rows and later changes rebuild it).
    assert!(history[2].changes.is_empty());
    assert_eq!(
        history[1].summary(),
        [
            "Slot (none) → 25:00",
            "Title 'How to achieve a lasting ceasefire?' → 'Can the ceasefire hold?'"
        ]
    );
    assert_eq!(
        history[0].summary(),
        ["Guests: + Pavel Felgenhauer (Independent analyst)"]
    );

    store.delete_programme(v3.id, Some(3)).unwrap();
    assert_eq!(operations(&store, &v3)[0], (4, Operation::Delete));
    // Deleted, every revision still rebuilds; the deletion itself is no programme.
    for saved in [&v1, &v2, &v3] {
        assert_eq!(
            &store.programme_as_of(saved.id, saved.revision).unwrap(),
            saved
        );
    }
    for missing in [4, 5] {
        assert_eq!(
            store.programme_as_of(v3.id, missing).unwrap_err().code(),
            "not_found"
        );
    }
    let trash = store.trash_list().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].name, "Can the ceasefire hold?");
    assert_eq!(trash[0].detail, "2 guests · 0 segments");

    // Back from the trash exactly as it was, at the next revision.
    store.trash_restore(&v3.id.to_string()).unwrap();
    let back = store.get_programme(v3.id).unwrap();
    assert_eq!(back.revision, 5);
    assert_eq!(
        (
            &back.title,
            &back.guests,
            back.slot_seconds,
            back.created_at
        ),
        (&v3.title, &v3.guests, v3.slot_seconds, v3.created_at)
    );
    assert_eq!(operations(&store, &v3)[0], (5, Operation::Restore));
    assert!(store.trash_list().unwrap().is_empty());
    assert_eq!(&store.programme_as_of(v1.id, 1).unwrap(), &v1);
}

#[test]
fn a_refused_save_records_nothing_and_the_author_setting_names_the_rest() {
    let (_d, db, mut store) = temp_store();
    store.set_setting("author.name", "  Sami Zeidan ").unwrap();
    let p = store.create_programme(&programme("Who pays?")).unwrap();
    let stale = store.update_programme(p.id, 7, &programme("Nobody"));
    assert_eq!(stale.unwrap_err().code(), "conflict");
    assert_eq!(
        store.delete_programme(p.id, Some(9)).unwrap_err().code(),
        "conflict"
    );
    let history = store.programme_history(p.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].author, "Sami Zeidan");
    let rows: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM change", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1);
    assert_eq!(
        store.set_setting("author.name", "   ").unwrap_err().code(),
        "validation"
    );
}

#[test]
fn a_restore_brings_back_an_earlier_revision_as_a_new_one() {
    let (_d, _, mut store) = temp_store();
    let mut input = programme("First title");
    input.guests = vec![person("Anatol Lieven", Some("Quincy Institute"))];
    input.slot = Some("25m".into());
    let v1 = store.create_programme(&input).unwrap();
    input.title = "Second title".into();
    input.guests = vec![person("Pavel Felgenhauer", None)];
    input.slot = None;
    store.update_programme(v1.id, 1, &input).unwrap();

    assert_eq!(
        store
            .restore_programme(v1.id, 1, Some(1))
            .unwrap_err()
            .code(),
        "conflict",
        "the programme is at revision 2, not 1"
    );
    assert_eq!(
        store.restore_programme(v1.id, 7, None).unwrap_err().code(),
        "not_found"
    );
    let v3 = store.restore_programme(v1.id, 1, Some(2)).unwrap();
    assert_eq!(v3.revision, 3);
    assert_eq!(
        (&v3.title, &v3.guests, v3.slot_seconds, &v3.segments),
        (&v1.title, &v1.guests, v1.slot_seconds, &v1.segments)
    );
    assert_eq!(operations(&store, &v3)[0], (3, Operation::Restore));
    assert_eq!(store.programme_as_of(v1.id, 3).unwrap(), v3);
    assert_eq!(
        store.programme_as_of(v1.id, 2).unwrap().title,
        "Second title",
        "history is never rewritten"
    );
}

/// 1,000 random saves, restores and deletes over a few programmes: every revision
/// recorded rebuilds to exactly what the save returned then. (Merges join this once
/// they are recorded.)
#[test]
fn a_thousand_random_changes_each_rebuild_exactly() {
    let (_d, _, mut store) = temp_store();
    let mut seed: u64 = 0x5eed_1234_abcd_0001;
    let mut next = |n: u64| {
        // xorshift64*: deterministic, so a failure replays.
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        (seed.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) % n
    };
    let guests = [
        "Anatol Lieven",
        "Pavel Felgenhauer",
        "Peter Zalmayev",
        "Tarık Oğuzlu",
    ];
    let mut live: Vec<Programme> = Vec::new();
    let mut saved: Vec<Programme> = Vec::new();
    for step in 0..1000u64 {
        let roll = next(100);
        if live.is_empty() || (roll < 10 && live.len() < 5) {
            let p = store
                .create_programme(&programme(&format!("Programme {step}")))
                .unwrap();
            saved.push(p.clone());
            live.push(p);
            continue;
        }
        let k = next(live.len() as u64) as usize;
        let current = live[k].clone();
        if roll < 13 {
            store
                .delete_programme(current.id, Some(current.revision))
                .unwrap();
            live.remove(k);
        } else if roll < 30 && current.revision > 1 {
            let to = 1 + next(current.revision as u64 - 1) as i64;
            let p = store
                .restore_programme(current.id, to, Some(current.revision))
                .unwrap();
            saved.push(p.clone());
            live[k] = p;
        } else {
            let mut input = current.to_input();
            match next(4) {
                0 => input.title = format!("Title {step}"),
                1 => input.notes = format!("Notes at step {step}"),
                2 => input.slot = Some(format!("{}m", 10 + next(50))),
                _ => {
                    let g = guests[next(guests.len() as u64) as usize];
                    input.guests = vec![person(g, Some(&format!("Affiliation {step}")))];
                }
            }
            let p = store
                .update_programme(current.id, current.revision, &input)
                .unwrap();
            saved.push(p.clone());
            live[k] = p;
        }
    }
    assert!(saved.len() > 800, "{}", saved.len());
    for p in &saved {
        assert_eq!(&store.programme_as_of(p.id, p.revision).unwrap(), p);
    }
}
