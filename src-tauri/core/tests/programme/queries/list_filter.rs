//! The list filter finds exactly the programmes whose title, series or line-up contains
//! the text (ASCII case ignored), whichever way it looks for the people: through the
//! few people whose names match, or, when thousands match, through each programme's
//! line-up. Checked against a plain scan of every programme on a generated archive.

use greenroom_core::generate::GenerateOptions;
use greenroom_core::{ListQuery, ProgrammeId, ProgrammeSummary, Store};

use crate::temp_store;

fn filtered(store: &Store, text: &str) -> Vec<ProgrammeId> {
    store
        .list_programmes(&ListQuery {
            text: Some(text.into()),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect()
}

/// What the filter means, written out: every field, as the list shows it.
fn contains(p: &ProgrammeSummary, text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    std::iter::once(&p.title)
        .chain(&p.series)
        .chain(&p.presenter)
        .chain(&p.guests)
        .any(|field| field.to_ascii_lowercase().contains(&text))
}

#[test]
fn the_filter_finds_what_a_scan_of_every_programme_finds() {
    let (_dir, _, mut store) = temp_store();
    // More people than the filter collects programmes for, so that "a" (in most
    // names) takes the walk through line-ups and rarer text takes the people first.
    store
        .generate_archive(
            &GenerateOptions {
                programmes: 1500,
                people: 3000,
                seed: 7,
            },
            &mut |_| {},
        )
        .unwrap();
    let all = store.list_programmes(&ListQuery::default()).unwrap();
    let names_with_a = store
        .list_people()
        .unwrap()
        .iter()
        .filter(|p| p.name.to_ascii_lowercase().contains('a'))
        .count();
    assert!(names_with_a > 2000, "{names_with_a} names with an a");

    let busiest = all
        .iter()
        .flat_map(|p| p.guests.iter())
        .max_by_key(|g| all.iter().filter(|p| p.guests.contains(g)).count())
        .unwrap()
        .clone();
    let surname = busiest.rsplit(' ').next().unwrap().to_string();
    for text in [
        "a",
        "zzzz",
        busiest.as_str(),
        &surname,
        &busiest.to_uppercase(),
        "inside story",
        "ceasefire",
        "50%",
        "o_",
    ] {
        let expected: Vec<ProgrammeId> = all
            .iter()
            .filter(|p| contains(p, text))
            .map(|p| p.id)
            .collect();
        let found = filtered(&store, text);
        assert!(
            found == expected,
            "{text:?}: {} found, {} expected",
            found.len(),
            expected.len()
        );
    }
}
