//! A pull of several pages holds the search index back from its first page to its
//! last: at its end, or where it stopped, every programme applied is found by search
//! and nothing is left paused.

use serde_json::{json, Value};

use crate::desk::client::Client;
use crate::desk::pull::pull;
use crate::desk::tests::{change, count, elsewhere, linked};
use crate::store::db::Store;

const TITLES: [&str; 3] = ["Aquifers", "Brackish", "Cisterns"];

/// A desk whose pull answers one programme a page, seq 1 to 3; the page after
/// `fail_after` (if any) is answered with a server error.
fn desk(fail_after: Option<i64>) -> Client {
    let pages: Vec<Value> = TITLES
        .iter()
        .zip(1..)
        .map(|(title, seq)| {
            let (id, state) = elsewhere(title);
            serde_json::to_value(change(seq, id, 1, None, Some(state))).unwrap()
        })
        .collect();
    let url = crate::desk::fake::serve(move |path, _| {
        let after: i64 = path
            .split("after=")
            .nth(1)
            .and_then(|a| a.split('&').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or(0);
        if fail_after.is_some_and(|f| after >= f) {
            return (
                500,
                json!({"code": "internal", "message": "down"}).to_string(),
            );
        }
        let page = &pages[after as usize];
        let more = (after as usize) + 1 < pages.len();
        let body = json!({"changes": [page], "head": pages.len(), "more": more});
        (200, body.to_string())
    });
    Client::new(&url, false, Some("t".into())).unwrap()
}

fn found(s: &Store, title: &str) -> bool {
    let hits = s.search(title, 10).unwrap().programmes;
    hits.iter().any(|h| h.title == title)
}

fn paused(s: &Store) -> i64 {
    count(
        s,
        "SELECT (SELECT count(*) FROM search_paused) + (SELECT count(*) FROM search_dirty)",
    )
}

#[test]
fn every_programme_of_a_pull_of_several_pages_is_found_at_its_end() {
    let s = linked();
    // Between the pages committed before the last, the index is held back.
    let mut between = Vec::new();
    let done = pull(
        &s,
        &desk(None),
        &mut |p| {
            if p.seq < 3 {
                let held = count(&s, "SELECT count(*) FROM search_paused");
                between.push((p.seq, held, found(&s, TITLES[0])));
            }
        },
        &mut Default::default(),
    )
    .unwrap();
    assert_eq!(between, [(1, 1, false), (2, 1, false)]);
    assert_eq!((done.applied, done.seq), (3, 3));
    for title in TITLES {
        assert!(found(&s, title), "{title} is found");
    }
    assert_eq!(paused(&s), 0);
}

#[test]
fn a_pull_stopped_between_pages_leaves_what_it_applied_found() {
    let s = linked();
    assert!(pull(&s, &desk(Some(2)), &mut |_| {}, &mut Default::default()).is_err());
    assert_eq!(count(&s, "SELECT pulled_seq FROM desk_link"), 2);
    assert!(found(&s, TITLES[0]) && found(&s, TITLES[1]));
    assert!(!found(&s, TITLES[2]));
    assert_eq!(paused(&s), 0);
}
