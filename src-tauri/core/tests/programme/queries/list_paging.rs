//! Paging the programme list by "after this row" gives exactly the pages an offset
//! gives: through equal air times, equal creation times, undated programmes and a filter.

use greenroom_core::{ListQuery, ProgrammeId, ProgrammeInput, Store};

use crate::{person, temp_store};

fn ids(store: &Store, q: &ListQuery) -> Vec<ProgrammeId> {
    store
        .list_programmes(q)
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect()
}

/// Every page of `size`, each continuing after the last row of the one before.
fn keyset_pages(store: &Store, text: Option<&str>, size: u32) -> Vec<ProgrammeId> {
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let page = ids(
            store,
            &ListQuery {
                text: text.map(Into::into),
                limit: Some(size),
                after,
                ..Default::default()
            },
        );
        all.extend(&page);
        if page.len() < size as usize {
            return all;
        }
        after = page.last().copied();
    }
}

#[test]
fn after_a_row_continues_exactly_where_an_offset_would() {
    let (dir, _, mut store) = temp_store();
    let airs = [
        Some("2025-05-16T19:30:00+03:00"),
        Some("2025-05-16T19:30:00+03:00"),
        Some("2025-05-16T19:30:00+03:00"),
        Some("2025-05-17T19:30:00+03:00"),
        Some("2024-01-01T10:00:00Z"),
        None,
        None,
        None,
        Some("2026-03-01T08:00:00Z"),
        None,
        Some("2025-05-16T19:30:00+03:00"),
    ];
    for (i, air) in airs.iter().enumerate() {
        let mut p = ProgrammeInput {
            title: format!("Programme {i}"),
            air: air.map(Into::into),
            ..Default::default()
        };
        if i % 3 == 0 {
            p.guests = vec![person("Tarık Oğuzlu", Some("Antalya Bilim University"))];
        }
        store.create_programme(&p).unwrap();
    }
    // Equal creation times too, so only the final tie-break orders them.
    let conn = rusqlite::Connection::open(dir.path().join("greenroom.db")).unwrap();
    conn.execute("UPDATE programme SET created_at = 1000 WHERE title IN ('Programme 1', 'Programme 2', 'Programme 6', 'Programme 7')", [])
        .unwrap();

    let everything = ids(&store, &ListQuery::default());
    assert_eq!(everything.len(), airs.len());
    for size in [1, 2, 3, 4, 50] {
        assert_eq!(
            keyset_pages(&store, None, size),
            everything,
            "pages of {size}"
        );
    }
    let filtered = ids(
        &store,
        &ListQuery {
            text: Some("oğuzlu".into()),
            ..Default::default()
        },
    );
    assert_eq!(filtered.len(), 4);
    assert_eq!(keyset_pages(&store, Some("oğuzlu"), 1), filtered);

    // A row deleted meanwhile: the offset takes over.
    let gone = everything[3];
    store.delete_programme(gone, None).unwrap();
    let q = ListQuery {
        limit: Some(2),
        offset: 4,
        after: Some(gone),
        ..Default::default()
    };
    assert_eq!(ids(&store, &q), everything[5..7]);
}
