//! Applying pulled changes, built here as the server would send them: the live rows
//! become the desk's state, provisional records give way to the server's, pending
//! local edits are rebased and stay queued, and the sync position never passes what
//! was applied.

use chrono::Utc;
use greenroom_protocol::{delta, Entity, Operation, ServerChange, FORMAT};
use serde_json::{json, Map, Value};

use crate::desk::pull::apply_page;
use crate::ids::ProgrammeId;
use crate::programme::model::{PersonInput, ProgrammeInput};
use crate::store::change::state_of;
use crate::store::db::Store;

pub(super) fn linked() -> Store {
    let s = Store::open_in_memory().unwrap();
    let tx = s.write().unwrap();
    tx.execute(
        "INSERT INTO desk_link (one, server, desk_id, desk_name, member_id, member_name, role)
         VALUES (1, 'http://127.0.0.1:9', ?1, 'Desk', ?2, 'Ann', 'editor')",
        [
            uuid::Uuid::now_v7().to_string(),
            uuid::Uuid::now_v7().to_string(),
        ],
    )
    .unwrap();
    tx.commit().unwrap();
    s
}

pub(super) fn count(s: &Store, sql: &str) -> i64 {
    s.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn pulled_seq(s: &Store) -> i64 {
    count(s, "SELECT pulled_seq FROM desk_link")
}

/// A programme made on another member's machine, as its state.
pub(super) fn elsewhere(title: &str) -> (ProgrammeId, Map<String, Value>) {
    let mut other = Store::open_in_memory().unwrap();
    let p = other
        .create_programme(&ProgrammeInput {
            title: title.into(),
            guests: vec![PersonInput {
                name: "Selam Tesfaye".into(),
                ..Default::default()
            }],
            segments: Some(vec![
                crate::programme::segment::SegmentInput {
                    title: "Open".into(),
                    duration: "1m".into(),
                    people: vec!["Selam Tesfaye".into()],
                    ..Default::default()
                },
                crate::programme::segment::SegmentInput {
                    title: "Talk".into(),
                    duration: "10m".into(),
                    ..Default::default()
                },
            ]),
            ..Default::default()
        })
        .unwrap();
    (p.id, state_of(Entity::Programme, &p).unwrap())
}

pub(super) fn change(
    seq: i64,
    id: ProgrammeId,
    revision: i64,
    before: Option<&Map<String, Value>>,
    after: Option<Map<String, Value>>,
) -> ServerChange {
    let changes = match (before, &after) {
        (Some(b), Some(a)) => delta::diff(b, a),
        _ => Vec::new(),
    };
    ServerChange {
        seq,
        entity: Entity::Programme,
        entity_id: id.to_string(),
        revision,
        id: uuid::Uuid::now_v7(),
        operation: match (before, &after) {
            (None, _) => Operation::Create,
            (_, None) => Operation::Delete,
            _ => Operation::Update,
        },
        author: "Bo".into(),
        at: Utc::now(),
        format: FORMAT,
        changes,
        after,
        merged_into: None,
    }
}

fn with(state: &Map<String, Value>, field: &str, value: Value) -> Map<String, Value> {
    let mut s = state.clone();
    s.insert(field.into(), value);
    s
}

#[test]
fn a_pulled_programme_is_live_with_its_people_segments_and_the_servers_record() {
    let s = linked();
    let (id, state) = elsewhere("Water");
    let c = change(7, id, 1, None, Some(state.clone()));
    apply_page(&s, std::slice::from_ref(&c)).unwrap();
    let p = s.get_programme(id).unwrap();
    assert_eq!(state_of(Entity::Programme, &p).unwrap(), state);
    assert_eq!(p.revision, 1);
    assert_eq!(p.segments[0].people[0].name, "Selam Tesfaye");
    assert_eq!(pulled_seq(&s), 7);
    assert_eq!(
        count(&s, "SELECT count(*) FROM desk_outbox"),
        0,
        "not pushed back"
    );
    let record: String = s
        .conn
        .query_row(
            "SELECT id FROM change WHERE entity = 'programme'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(record, c.id.to_string());
    assert_eq!(
        count(&s, "SELECT server_revision FROM desk_entity"),
        1,
        "the server revision seen"
    );
    // Indexed for search once the page is in, the person too.
    let found = s.search("Water", 5).unwrap();
    assert_eq!(found.programmes.len(), 1);
    assert_eq!(s.search("Tesfaye", 5).unwrap().people.len(), 1);
    assert_eq!(s.writes_outside_helper(), 0);
}

#[test]
fn the_servers_records_replace_the_provisional_ones() {
    let mut s = linked();
    let (id, state) = elsewhere("Water");
    apply_page(&s, &[change(1, id, 1, None, Some(state.clone()))]).unwrap();
    // Two local edits, pushed (their rows answered) but not yet pulled back.
    let p = s.get_programme(id).unwrap();
    let mut input = p.to_input();
    input.notes = "mine".into();
    let p = s.update_programme(id, p.revision, &input).unwrap();
    input.notes = "mine, again".into();
    let p = s.update_programme(id, p.revision, &input).unwrap();
    assert_eq!(p.revision, 3);
    let tx = s.write().unwrap();
    tx.execute("DELETE FROM desk_outbox", []).unwrap();
    tx.commit().unwrap();

    // The desk ordered them as revisions 2 and 3, merged with another member's title.
    let two = with(&state, "notes", json!("mine"));
    let three = with(
        &with(&two, "notes", json!("mine, again")),
        "title",
        json!("Nile"),
    );
    let page = [
        change(2, id, 2, Some(&state), Some(two.clone())),
        change(3, id, 3, Some(&two), Some(three.clone())),
    ];
    apply_page(&s, &page).unwrap();
    let p = s.get_programme(id).unwrap();
    assert_eq!(
        (p.title.as_str(), p.notes.as_str(), p.revision),
        ("Nile", "mine, again", 3)
    );
    let mut st = s
        .conn
        .prepare("SELECT id FROM change WHERE entity = 'programme' ORDER BY revision")
        .unwrap();
    let ids: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let expected: Vec<String> = std::iter::once(ids[0].clone())
        .chain(page.iter().map(|c| c.id.to_string()))
        .collect();
    assert_eq!(ids, expected, "revisions 2 and 3 are the server's records");
    let history = s.programme_history(id).unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(s.programme_as_of(id, 2).unwrap().notes, "mine");
}

#[test]
fn a_pending_local_edit_is_rebased_on_the_desks_change_and_stays_queued() {
    let mut s = linked();
    let (id, state) = elsewhere("Water");
    apply_page(&s, &[change(1, id, 1, None, Some(state.clone()))]).unwrap();
    let p = s.get_programme(id).unwrap();
    let mut input = p.to_input();
    input.title = "Mine".into();
    let segments = input.segments.as_mut().unwrap();
    segments.swap(0, 1);
    s.update_programme(id, p.revision, &input).unwrap();
    assert_eq!(count(&s, "SELECT count(*) FROM desk_outbox"), 1);

    // Meanwhile the desk took another member's notes and a retitled segment.
    let mut theirs = with(&state, "notes", json!("theirs"));
    theirs["segments"][0]["title"] = json!("Opening");
    apply_page(&s, &[change(2, id, 2, Some(&state), Some(theirs))]).unwrap();

    let p = s.get_programme(id).unwrap();
    assert_eq!(p.title, "Mine");
    assert_eq!(p.notes, "theirs");
    let titles: Vec<_> = p.segments.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["Talk", "Opening"], "my order, their segment title");
    assert_eq!(
        count(&s, "SELECT count(*) FROM desk_outbox"),
        1,
        "still queued"
    );
    assert_eq!(pulled_seq(&s), 2);
    assert_eq!(count(&s, "SELECT server_revision FROM desk_entity"), 2);
    // The merge is a local revision over the edit, and history still reads.
    assert_eq!(p.revision, 3);
    assert_eq!(s.programme_history(id).unwrap().len(), 3);
}

/// Local revisions past the desk's are provisional: every queued edit says it was made
/// on the last revision the desk gave, and so does a new edit after a rebase.
#[test]
fn offline_edits_are_based_on_the_last_revision_the_desk_gave() {
    let mut s = linked();
    let (id, state) = elsewhere("Water");
    apply_page(&s, &[change(1, id, 1, None, Some(state.clone()))]).unwrap();
    for title in ["One", "Two"] {
        let p = s.get_programme(id).unwrap();
        let mut input = p.to_input();
        input.title = title.into();
        s.update_programme(id, p.revision, &input).unwrap();
    }
    let bases = |s: &Store| -> Vec<i64> {
        let mut q = s
            .conn
            .prepare("SELECT base_revision FROM desk_outbox ORDER BY seq")
            .unwrap();
        let rows = q.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(
        s.get_programme(id).unwrap().revision,
        3,
        "1, then two of mine"
    );
    assert_eq!(bases(&s), [1, 1]);

    // The desk moves to 2 meanwhile: rebased here, and the next edit is on 2.
    let theirs = with(&state, "notes", json!("theirs"));
    apply_page(&s, &[change(2, id, 2, Some(&state), Some(theirs))]).unwrap();
    let p = s.get_programme(id).unwrap();
    let mut input = p.to_input();
    input.title = "Three".into();
    s.update_programme(id, p.revision, &input).unwrap();
    assert_eq!(bases(&s), [1, 1, 2]);
}

/// The ids of the entity's change records here, by revision.
fn record_ids(s: &Store, id: &str) -> Vec<(i64, String)> {
    let mut st = s
        .conn
        .prepare("SELECT revision, id FROM change WHERE entity_id = ?1 ORDER BY revision")
        .unwrap();
    st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// A rebase puts the desk's record at its revision over this member's provisional
/// one; once the member's own edit comes back from the desk, the history here is the
/// desk's records, in the desk's order, and each revision rebuilds as the desk had it.
#[test]
fn after_a_rebase_and_the_push_coming_back_the_history_is_the_desks() {
    let mut s = linked();
    let (id, state) = elsewhere("Water");
    let created = change(1, id, 1, None, Some(state.clone()));
    apply_page(&s, std::slice::from_ref(&created)).unwrap();
    let p = s.get_programme(id).unwrap();
    let mut input = p.to_input();
    input.notes = "mine".into();
    s.update_programme(id, p.revision, &input).unwrap();
    let mine: String = s
        .conn
        .query_row("SELECT id FROM desk_outbox", [], |r| r.get(0))
        .unwrap();

    // Another member's retitle is the desk's revision 2, pulled while mine waits.
    let two = with(&state, "title", json!("Nile"));
    let theirs = change(2, id, 2, Some(&state), Some(two.clone()));
    apply_page(&s, std::slice::from_ref(&theirs)).unwrap();
    let key = id.to_string();
    assert_eq!(
        record_ids(&s, &key)[..2],
        [(1, created.id.to_string()), (2, theirs.id.to_string())],
        "the desk's revision 2 is its record, not mine"
    );
    assert_eq!(
        s.get_programme(id).unwrap().notes,
        "mine",
        "mine still live"
    );
    let history = s.programme_history(id).unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(s.programme_as_of(id, 2).unwrap().title, "Nile");
    assert_eq!(s.programme_as_of(id, 2).unwrap().notes, "");
    assert_eq!(s.programme_as_of(id, 1).unwrap().title, "Water");

    // Pushed (answered: merged as revision 3) and pulled back under my record's id.
    let tx = s.write().unwrap();
    tx.execute("DELETE FROM desk_outbox", []).unwrap();
    tx.commit().unwrap();
    let three = with(&two, "notes", json!("mine"));
    let mut back = change(3, id, 3, Some(&two), Some(three));
    back.id = mine.parse().unwrap();
    apply_page(&s, std::slice::from_ref(&back)).unwrap();
    let desks: Vec<(i64, String)> = [&created, &theirs, &back]
        .iter()
        .map(|c| (c.revision, c.id.to_string()))
        .collect();
    assert_eq!(record_ids(&s, &key), desks);
    let p = s.get_programme(id).unwrap();
    assert_eq!(
        (p.title.as_str(), p.notes.as_str(), p.revision),
        ("Nile", "mine", 3)
    );
    let revisions: Vec<i64> = s
        .programme_history(id)
        .unwrap()
        .iter()
        .map(|r| r.revision)
        .collect();
    assert_eq!(revisions, [3, 2, 1]);
    assert_eq!(s.programme_as_of(id, 2).unwrap().notes, "");
}

/// A change this database cannot apply (a state no form makes, an id that is none) is
/// parked, undone alone; the rest of the page applies and the position moves past it.
#[test]
fn a_change_that_cannot_be_applied_is_parked_and_the_pull_goes_past_it() {
    let s = linked();
    let (id, state) = elsewhere("Water");
    apply_page(&s, &[change(4, id, 1, None, Some(state.clone()))]).unwrap();
    let (other, other_state) = elsewhere("Oil");
    let (third, third_state) = elsewhere("Gas");
    let mut bad_id = change(6, other, 1, None, Some(other_state.clone()));
    bad_id.entity_id = "not-an-id".into();
    let mut bad_guest = with(&state, "title", json!("Water, 2"));
    bad_guest["guests"][0]["personId"] = json!("nobody");
    let page = [
        change(5, other, 1, None, Some(other_state)),
        bad_id,
        change(
            7,
            id,
            2,
            Some(&state),
            Some(with(&state, "title", json!(""))),
        ),
        change(8, id, 3, Some(&state), Some(bad_guest)),
        change(9, third, 1, None, Some(third_state)),
    ];
    apply_page(&s, &page).unwrap();
    assert_eq!(pulled_seq(&s), 9);
    assert_eq!(s.get_programme(other).unwrap().title, "Oil");
    assert_eq!(s.get_programme(third).unwrap().title, "Gas");
    let water = s.get_programme(id).unwrap();
    assert_eq!((water.title.as_str(), water.revision), ("Water", 1));
    let parked = crate::desk::rejected::since(&s.conn, 0).unwrap();
    let seqs: Vec<Option<i64>> = parked.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, [Some(6), Some(7), Some(8)]);
    assert!(parked.iter().all(|r| r.side == "pulled"));
    assert!(parked[0].reason.contains("not-an-id"), "{:?}", parked[0]);
    assert!(
        parked[2].reason.contains("guests[0].personId"),
        "{:?}",
        parked[2]
    );
    assert!(parked[1]
        .line()
        .starts_with("not applied: the desk's change 7 to programme"));
    assert_eq!(s.desk_state().unwrap().unwrap().rejected, 3);
}

#[test]
fn a_deletion_pulled_goes_to_the_trash_with_its_last_state() {
    let s = linked();
    let (id, state) = elsewhere("Water");
    apply_page(&s, &[change(1, id, 1, None, Some(state.clone()))]).unwrap();
    apply_page(&s, &[change(2, id, 2, Some(&state), None)]).unwrap();
    assert!(s.get_programme(id).is_err());
    let gone: Option<String> = s
        .conn
        .query_row(
            "SELECT state FROM change WHERE entity = 'programme' AND revision = 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let gone: Map<String, Value> = serde_json::from_str(&gone.unwrap()).unwrap();
    assert_eq!(gone["title"], "Water");
    let trash = s.trash_list().unwrap();
    assert_eq!(trash.len(), 1, "{trash:?}");
    assert_eq!(
        (trash[0].id.as_str(), trash[0].name.as_str()),
        (id.to_string().as_str(), "Water")
    );
    // Brought back from the trash here, it is this member's restore, queued for the desk.
    let mut s = s;
    s.trash_restore(&id.to_string()).unwrap();
    assert_eq!(s.get_programme(id).unwrap().title, "Water");
    let queued: String = s
        .conn
        .query_row("SELECT operation FROM desk_outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(queued, "restore");
}

/// A local edit putting a segment on a framing question the desk removed meanwhile:
/// the rebase's merge (`protocol::merge`) leaves the segment on none, a state the
/// form takes, and the edit stays queued.
#[test]
fn a_rebase_onto_a_removed_framing_question_applies() {
    let mut s = linked();
    let (id, state) = elsewhere("Water");
    let state = with(&state, "framing", json!(["Why now?", "Who gains?"]));
    apply_page(&s, &[change(1, id, 1, None, Some(state.clone()))]).unwrap();
    let p = s.get_programme(id).unwrap();
    let mut input = p.to_input();
    input.segments.as_mut().unwrap()[1].question = Some(2);
    s.update_programme(id, p.revision, &input).unwrap();

    let theirs = with(&state, "framing", json!(["Why now?"]));
    apply_page(&s, &[change(2, id, 2, Some(&state), Some(theirs))]).unwrap();
    let p = s.get_programme(id).unwrap();
    assert_eq!(p.framing, ["Why now?"]);
    assert_eq!(p.segments[1].question, None);
    assert_eq!(count(&s, "SELECT count(*) FROM desk_rejected"), 0);
    assert_eq!(count(&s, "SELECT count(*) FROM desk_outbox"), 1);
}

/// A guest added by name is recorded without their state; the push sends it whole.
#[test]
fn a_creation_recorded_without_its_state_is_pushed_whole() {
    let mut s = linked();
    s.create_programme(&ProgrammeInput {
        title: "Water".into(),
        guests: vec![PersonInput {
            name: "Selam Tesfaye".into(),
            affiliation: Some("Water Policy Centre".into()),
            ..Default::default()
        }],
        ..Default::default()
    })
    .unwrap();
    let recorded: String = s
        .conn
        .query_row(
            "SELECT after FROM desk_outbox WHERE entity = 'person'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(recorded, "{}");
    let batch =
        crate::desk::push::next_batch(&s, greenroom_protocol::wire::MAX_PUSH, &Default::default())
            .unwrap();
    let person = batch.iter().find(|c| c.entity == Entity::Person).unwrap();
    let after = person.after.as_ref().unwrap();
    assert_eq!(after["name"], "Selam Tesfaye");
    assert_eq!(after["affiliation"], "Water Policy Centre");
    let programme = batch
        .iter()
        .find(|c| c.entity == Entity::Programme)
        .unwrap();
    assert_eq!(programme.after.as_ref().unwrap()["title"], "Water");
}

/// Large programmes go in several pushes, each under the server's body limit.
#[test]
fn a_batch_stops_short_of_the_servers_body_limit() {
    let mut s = linked();
    let notes = "n".repeat(90_000);
    // Four programmes of about 5.4 MB each: more than one push's 16 MiB.
    for i in 0..4 {
        s.create_programme(&ProgrammeInput {
            title: format!("Long {i}"),
            notes: notes.clone(),
            segments: Some(
                (0..60)
                    .map(|j| crate::programme::segment::SegmentInput {
                        title: format!("S{j}"),
                        duration: "1m".into(),
                        notes: notes.clone(),
                        ..Default::default()
                    })
                    .collect(),
            ),
            ..Default::default()
        })
        .unwrap();
    }
    let batch =
        crate::desk::push::next_batch(&s, greenroom_protocol::wire::MAX_PUSH, &Default::default())
            .unwrap();
    let size = serde_json::to_vec(&batch).unwrap().len();
    assert!(
        (1..4).contains(&batch.len()),
        "{} changes of {size} bytes",
        batch.len()
    );
    assert!(size < greenroom_protocol::wire::MAX_BODY_BYTES);
}

/// This database's own deletion, pushed and pulled back, keeps the state the trash
/// restores from.
#[test]
fn an_own_deletion_pulled_back_stays_restorable() {
    let mut s = linked();
    let p = s
        .create_programme(&ProgrammeInput {
            title: "Water".into(),
            ..Default::default()
        })
        .unwrap();
    let state = state_of(Entity::Programme, &p).unwrap();
    let pushed = |s: &Store| {
        let tx = s.write().unwrap();
        tx.execute("DELETE FROM desk_outbox", []).unwrap();
        tx.commit().unwrap();
    };
    pushed(&s);
    apply_page(&s, &[change(1, p.id, 1, None, Some(state.clone()))]).unwrap();
    s.delete_programme(p.id, None).unwrap();
    pushed(&s);
    // Gone here already when the desk's record of it arrives.
    apply_page(&s, &[change(2, p.id, 2, Some(&state), None)]).unwrap();
    let trash = s.trash_list().unwrap();
    assert_eq!(trash.len(), 1);
    s.trash_restore(&p.id.to_string()).unwrap();
    assert_eq!(s.get_programme(p.id).unwrap().title, "Water");
}

/// The push's answers, from `outcome(change)` for each change pushed, at `revision`.
fn answering(
    outcome: impl Fn(&Value) -> (&'static str, i64) + Send + 'static,
) -> crate::desk::client::Client {
    let url = crate::desk::fake::serve(move |_, body| {
        let push: Value = serde_json::from_str(body).unwrap();
        let results: Vec<Value> = push["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let (outcome, revision) = outcome(c);
                json!({"id": c["id"], "outcome": outcome, "revision": revision})
            })
            .collect();
        (200, json!({"results": results, "head": 9}).to_string())
    });
    crate::desk::client::Client::new(&url, false, Some("t".into())).unwrap()
}

fn server_revision(s: &Store, id: &str) -> Option<i64> {
    use rusqlite::OptionalExtension;
    s.conn
        .query_row(
            "SELECT server_revision FROM desk_entity WHERE entity_id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()
        .unwrap()
}

/// Only an applied or merged answer is a revision seen: a conflicted one (a
/// whole-entity conflict answers the deletion's revision on an older server) would
/// make this member's next edit a silent restore of what it never saw deleted.
#[test]
fn only_an_applied_or_merged_push_moves_the_server_revision() {
    let mut s = linked();
    let titles = ["Applied", "Merged", "Conflicted", "Duplicate"];
    let ids: Vec<String> = titles
        .iter()
        .map(|t| {
            let p = s
                .create_programme(&ProgrammeInput {
                    title: (*t).into(),
                    ..Default::default()
                })
                .unwrap();
            p.id.to_string()
        })
        .collect();
    let client = answering(|c| match c["after"]["title"].as_str().unwrap() {
        "Applied" => ("applied", 1),
        "Merged" => ("merged", 4),
        "Conflicted" => ("conflicted", 7),
        _ => ("duplicate", 2),
    });
    let report = crate::desk::push::push(&s, &client).unwrap();
    assert_eq!(report.total(), 4);
    let seen: Vec<Option<i64>> = ids.iter().map(|id| server_revision(&s, id)).collect();
    assert_eq!(seen, [Some(1), Some(4), None, None]);
    assert_eq!(count(&s, "SELECT count(*) FROM desk_outbox"), 0);
}

/// A person merged away here answers, on the server, for the person kept: that
/// revision is not the dropped id's.
#[test]
fn a_push_answered_for_a_person_merged_away_here_moves_nothing() {
    let mut s = linked();
    let guest = |title: &str, name: &str| ProgrammeInput {
        title: title.into(),
        guests: vec![PersonInput {
            name: name.into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let keep = s
        .create_programme(&guest("Water", "Selam Tesfaye"))
        .unwrap()
        .guests[0]
        .person_id;
    let drop = s
        .create_programme(&guest("Oil", "S. Tesfaye"))
        .unwrap()
        .guests[0]
        .person_id;
    s.merge_people(keep, drop).unwrap();
    let client = answering(|_| ("applied", 12));
    crate::desk::push::push(&s, &client).unwrap();
    assert_eq!(server_revision(&s, &keep.to_string()), Some(12));
    assert_eq!(server_revision(&s, &drop.to_string()), None);
}

/// The desk's open conflicts come in pages; every page is cached.
#[test]
fn open_conflicts_are_read_page_by_page() {
    let s = linked();
    let conflict = |n: u32| {
        json!({"id": uuid::Uuid::now_v7(), "entity": "programme", "entityId": n.to_string(),
               "field": "title", "base": "a", "mine": "b", "theirs": "c", "author": "Bo",
               "memberId": uuid::Uuid::now_v7(), "revision": 2, "at": Utc::now(),
               "resolved": false})
    };
    let first: Vec<Value> = (0..3).map(conflict).collect();
    let second: Vec<Value> = (3..6).map(conflict).collect();
    let cursor = format!("after={}", first[2]["id"].as_str().unwrap());
    let asked = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = asked.clone();
    let url = crate::desk::fake::serve(move |path, _| {
        counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if !path.contains("after=") {
            (200, json!({"conflicts": first, "more": true}).to_string())
        } else if path.contains(&cursor) {
            (200, json!({"conflicts": second, "more": false}).to_string())
        } else {
            (400, json!({"code": "invalid", "message": path}).to_string())
        }
    });
    let client = crate::desk::client::Client::new(&url, false, Some("t".into())).unwrap();
    assert_eq!(crate::desk::conflicts::refresh(&s, &client).unwrap(), 6);
    assert_eq!(count(&s, "SELECT count(*) FROM desk_conflict"), 6);
    assert_eq!(asked.load(std::sync::atomic::Ordering::SeqCst), 2);
}

/// A change the server refuses as malformed is parked and leaves the queue; the
/// others go, whether the server names it or refuses the whole batch unnamed.
#[test]
fn a_pushed_change_the_server_refuses_is_parked_and_the_rest_go() {
    for names_it in [true, false] {
        let mut s = linked();
        for t in ["One", "Bad", "Three"] {
            s.create_programme(&ProgrammeInput {
                title: t.into(),
                ..Default::default()
            })
            .unwrap();
        }
        let url = crate::desk::fake::serve(move |_, body| {
            let push: Value = serde_json::from_str(body).unwrap();
            let changes = push["changes"].as_array().unwrap();
            if let Some(bad) = changes.iter().position(|c| c["after"]["title"] == "Bad") {
                let id = if names_it {
                    changes[bad]["id"].to_string()
                } else {
                    String::new()
                };
                let message = format!("change {bad} ({id}): after: not today");
                return (
                    400,
                    json!({"code": "invalid", "message": message}).to_string(),
                );
            }
            let results: Vec<Value> = changes
                .iter()
                .map(|c| json!({"id": c["id"], "outcome": "applied", "revision": 1}))
                .collect();
            (200, json!({"results": results, "head": 3}).to_string())
        });
        let client = crate::desk::client::Client::new(&url, false, Some("t".into())).unwrap();
        let report = crate::desk::push::push(&s, &client).unwrap();
        assert_eq!(report.applied, 2, "names it: {names_it}");
        assert_eq!(count(&s, "SELECT count(*) FROM desk_outbox"), 0);
        let parked = crate::desk::rejected::since(&s.conn, 0).unwrap();
        assert_eq!(parked.len(), 1);
        assert_eq!(parked[0].side, "pushed");
        assert!(parked[0].reason.contains("not today"), "{:?}", parked[0]);
        assert!(parked[0]
            .line()
            .starts_with("refused by the desk: this change to programme"));
    }
}

/// A queued change no member could apply is not sent at all.
#[test]
fn a_queued_change_no_member_could_apply_is_parked_unsent() {
    let mut s = linked();
    s.create_programme(&ProgrammeInput {
        title: "Water".into(),
        ..Default::default()
    })
    .unwrap();
    let tx = s.write().unwrap();
    tx.execute("UPDATE desk_outbox SET entity_id = 'not-an-id'", [])
        .unwrap();
    tx.commit().unwrap();
    let client = answering(|_| panic!("nothing is sent"));
    let report = crate::desk::push::push(&s, &client).unwrap();
    assert_eq!(report.total(), 0);
    let parked = crate::desk::rejected::since(&s.conn, 0).unwrap();
    assert!(parked[0].reason.starts_with("not sent:"), "{:?}", parked[0]);
}

/// A queued partial record (an affiliation filled in) is rebased on the whole state it
/// was made on: another member's clear of the person's email, pulled meanwhile, is
/// kept (a partial base would read the email as set by this change, and put it back).
#[test]
fn a_partial_record_queued_is_rebased_on_the_whole_state_it_was_made_on() {
    let mut s = linked();
    let guest = |title: &str, affiliation: Option<&str>| ProgrammeInput {
        title: title.into(),
        guests: vec![PersonInput {
            name: "Selam Tesfaye".into(),
            affiliation: affiliation.map(Into::into),
            ..Default::default()
        }],
        ..Default::default()
    };
    let id = s.create_programme(&guest("Water", None)).unwrap().guests[0].person_id;
    let p = s.person_profile(id).unwrap();
    let mut profile = p.profile.clone();
    profile.email = Some("selam@example.org".into());
    let p = s.update_person(id, p.revision, &profile).unwrap();
    // All of it pushed and answered: the desk is at this person's revision.
    let tx = s.write().unwrap();
    tx.execute("DELETE FROM desk_outbox", []).unwrap();
    tx.execute(
        "INSERT INTO desk_entity (entity, entity_id, server_revision) VALUES ('person', ?1, ?2)",
        rusqlite::params![id.to_string(), p.revision],
    )
    .unwrap();
    tx.commit().unwrap();
    let seen = s
        .desk_state_of(Entity::Person, &id.to_string())
        .unwrap()
        .unwrap();
    s.create_programme(&guest("Oil", Some("Water Policy Centre")))
        .unwrap();
    let before: String = s
        .conn
        .query_row(
            "SELECT before FROM desk_outbox WHERE entity = 'person'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!before.contains("name"), "recorded partial: {before}");
    let mut cleared = seen.clone();
    cleared.remove("email");
    let mut theirs = change(
        9,
        ProgrammeId::new(),
        p.revision + 1,
        Some(&seen),
        Some(cleared),
    );
    theirs.entity = Entity::Person;
    theirs.entity_id = id.to_string();
    apply_page(&s, &[theirs]).unwrap();
    let now = s.person_profile(id).unwrap().profile;
    assert_eq!(now.email, None, "the desk's clear is kept");
    assert_eq!(now.affiliation.as_deref(), Some("Water Policy Centre"));
    assert_eq!(
        count(
            &s,
            "SELECT count(*) FROM desk_outbox WHERE entity = 'person'"
        ),
        1,
        "still queued"
    );
    // Pushed whole from the merge it now stands on: the affiliation set, the clear kept.
    let batch = crate::desk::push::next_batch(&s, 10).unwrap();
    let queued = batch.iter().find(|c| c.entity == Entity::Person).unwrap();
    let (before, after) = (
        queued.before.as_ref().unwrap(),
        queued.after.as_ref().unwrap(),
    );
    assert_eq!(after["affiliation"], json!("Water Policy Centre"));
    assert_eq!(before.get("affiliation"), None);
    let email = |s: &Map<String, Value>| s.get("email").filter(|e| !e.is_null()).cloned();
    assert_eq!((email(before), email(after)), (None, None));
}

/// No `author.name` here: a linked database's changes are the member's, by the name
/// the desk knows them by, not the computer account's.
#[test]
fn a_linked_database_without_an_author_name_records_changes_as_the_member() {
    let mut s = linked();
    let water = s
        .create_programme(&ProgrammeInput {
            title: "Water".into(),
            ..Default::default()
        })
        .unwrap();
    let author = |s: &Store, id: ProgrammeId| -> String {
        s.conn
            .query_row(
                "SELECT author FROM change WHERE entity = 'programme' AND entity_id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(author(&s, water.id), "Ann");
    let queued: String = s
        .conn
        .query_row("SELECT author FROM desk_outbox", [], |r| r.get(0))
        .unwrap();
    assert_eq!(queued, "Ann");
    s.set_setting("author.name", "Ann Producer").unwrap();
    let fire = s
        .create_programme(&ProgrammeInput {
            title: "Fire".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(author(&s, fire.id), "Ann Producer", "a name set here wins");
}

/// A person's times are part of the state a desk sends: the row takes them. A state
/// recorded before people's states carried times (an older member's) has none, and
/// the row keeps its creation time; the history shows only the edit either way.
#[test]
fn a_pulled_persons_times_are_the_desks_and_a_state_without_them_keeps_the_rows() {
    let s = linked();
    let id = crate::ids::PersonId::new();
    let person = |seq: i64, revision: i64, before: Option<&Map<String, Value>>, after| {
        let mut c = change(seq, ProgrammeId::new(), revision, before, Some(after));
        c.entity = Entity::Person;
        c.entity_id = id.to_string();
        c
    };
    let (created, updated) = ("2025-01-02T03:04:05.678Z", "2025-02-03T04:05:06.789Z");
    let first = json!({"name": "Selam Tesfaye", "createdAt": created, "updatedAt": updated});
    let first = first.as_object().unwrap().clone();
    apply_page(&s, &[person(3, 1, None, first.clone())]).unwrap();
    let p = s.person_profile(id).unwrap();
    let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap().to_utc();
    assert_eq!((p.created_at, p.updated_at), (at(created), at(updated)));
    let live = s.desk_state_of(Entity::Person, &id.to_string()).unwrap();
    assert_eq!(
        live.as_ref().map(|l| &l["createdAt"]),
        Some(&json!(created))
    );

    let older = json!({"name": "Selam T. Tesfaye"})
        .as_object()
        .unwrap()
        .clone();
    apply_page(&s, &[person(4, 2, Some(&first), older)]).unwrap();
    let p = s.person_profile(id).unwrap();
    assert_eq!(p.created_at, at(created));
    assert_eq!(p.profile.name, "Selam T. Tesfaye");
    let history = s.person_history(id).unwrap();
    assert_eq!(history.len(), 2);
    let fields: Vec<&str> = history[0]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(fields, ["name"], "the times are bookkeeping");
}
