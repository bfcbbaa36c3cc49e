//! `programme/segment_rows.rs`: a running order stored in order, back-timed in the
//! show's zone (or from the top without an air time), checked against the line-up,
//! kept through edits that leave it out, and bounded at 500 segments.

use greenroom_core::programme::segment::SegmentKind::*;

use super::{seg, show, temp_store};

#[test]
fn segments_are_stored_in_order_and_back_timed_in_the_show_zone() {
    let (_d, _, mut s) = temp_store();
    let mut discussion = seg(
        Discussion,
        "Round one",
        "20m",
        &["dareen abughaida", "Peter Zalmayev"],
    );
    discussion.question = Some(2);
    discussion.notes = "Go to Moscow first.\nThen Kyiv.".into();
    let p = s
        .create_programme(&show(vec![
            seg(ColdOpen, "Pictures", "0:45", &[]),
            seg(Intro, "Set-up", "90s", &["Dareen Abughaida"]),
            discussion,
        ]))
        .unwrap();
    let got: Vec<_> = p
        .segments
        .iter()
        .map(|x| {
            (
                x.number,
                x.start.as_str(),
                x.end.as_str(),
                x.duration.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (1, "19:30:00", "19:30:45", "0:45"),
            (2, "19:30:45", "19:32:15", "1:30"),
            (3, "19:32:15", "19:52:15", "20:00"),
        ]
    );
    let d = &p.segments[2];
    let names: Vec<_> = d.people.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["Dareen Abughaida", "Peter Zalmayev"]);
    assert_eq!(d.question, Some(2));
    assert_eq!(d.notes, "Go to Moscow first.\nThen Kyiv.");
    assert_eq!(
        d.start_at.unwrap().to_rfc3339(),
        "2025-05-16T16:32:15+00:00"
    );
    assert_eq!(s.get_programme(p.id).unwrap(), p);
}

#[test]
fn without_an_air_time_times_run_from_the_top() {
    let (_d, _, mut s) = temp_store();
    let mut input = show(vec![
        seg(Intro, "", "1:30", &[]),
        seg(Close, "", "1:00", &[]),
    ]);
    input.air = None;
    let p = s.create_programme(&input).unwrap();
    assert_eq!(p.segments[1].start, "01:30");
    assert_eq!(p.segments[1].end, "02:30");
}

#[test]
fn a_person_not_on_the_programme_or_a_missing_question_is_refused() {
    let (_d, _, mut s) = temp_store();
    let e = s
        .create_programme(&show(vec![seg(Discussion, "", "1m", &["Someone Else"])]))
        .unwrap_err();
    assert_eq!(e.field(), Some("segments[0].people"));
    let mut bad = seg(Discussion, "", "1m", &[]);
    bad.question = Some(3);
    let e = s.create_programme(&show(vec![bad])).unwrap_err();
    assert_eq!(e.field(), Some("segments[0].question"));
    for d in ["-5", "99:99:99", "abc", ""] {
        let e = s
            .create_programme(&show(vec![seg(Break, "", d, &[])]))
            .unwrap_err();
        assert_eq!(e.field(), Some("segments[0].duration"), "{d}");
    }
    assert!(
        s.list_people().unwrap().is_empty(),
        "a refused save left people behind"
    );
}

#[test]
fn an_edit_that_leaves_segments_out_keeps_them_and_drops_removed_people() {
    let (_d, _, mut s) = temp_store();
    let p = s
        .create_programme(&show(vec![seg(
            Discussion,
            "All in",
            "5m",
            &["Peter Zalmayev", "Anatol Lieven"],
        )]))
        .unwrap();
    let mut input = p.to_input();
    input.segments = None;
    input.guests.retain(|g| g.name != "Anatol Lieven");
    let q = s.update_programme(p.id, p.revision, &input).unwrap();
    assert_eq!(q.segments.len(), 1);
    let names: Vec<_> = q.segments[0]
        .people
        .iter()
        .map(|x| x.name.as_str())
        .collect();
    assert_eq!(names, ["Peter Zalmayev"]);
}

#[test]
fn five_hundred_segments_are_accepted_and_501_refused() {
    let (_d, _, mut s) = temp_store();
    let many: Vec<_> = (0..500)
        .map(|i| seg(Other, &format!("S{i}"), "2s", &[]))
        .collect();
    let p = s.create_programme(&show(many.clone())).unwrap();
    assert_eq!(p.segments[499].end, "19:46:40");
    let mut too_many = many;
    too_many.push(seg(Other, "one more", "1s", &[]));
    assert_eq!(
        s.create_programme(&show(too_many)).unwrap_err().field(),
        Some("segments")
    );
}

/// A segment keeps its id through an edit and a move (a desk merges running orders
/// by it); a new one gets an id of its own, and a row copied from another is a new
/// segment, not a second one with the same id.
#[test]
fn segment_ids_survive_edits_and_reorders_and_new_segments_get_new_ones() {
    let (_d, _, mut s) = temp_store();
    let p = s
        .create_programme(&show(vec![
            seg(ColdOpen, "Pictures", "0:45", &[]),
            seg(Intro, "Set-up", "90s", &[]),
            seg(Discussion, "Round one", "20m", &[]),
        ]))
        .unwrap();
    let ids: Vec<_> = p.segments.iter().map(|x| x.id).collect();
    assert!(ids.iter().all(|id| id.as_uuid().get_version_num() == 7));
    assert_eq!(
        ids.iter().collect::<std::collections::HashSet<_>>().len(),
        3
    );

    let mut input = p.to_input();
    let list = input.segments.as_mut().unwrap();
    list[1].title = "The question tonight".into();
    list.swap(0, 2);
    let copy = list[1].clone();
    list.push(copy);
    list.push(seg(Close, "Last word", "1m", &[]));
    let edited = s.update_programme(p.id, p.revision, &input).unwrap();
    let got: Vec<_> = edited
        .segments
        .iter()
        .map(|x| (x.id, x.title.as_str()))
        .collect();
    assert_eq!(
        &got[..3],
        [
            (ids[2], "Round one"),
            (ids[1], "The question tonight"),
            (ids[0], "Pictures"),
        ]
    );
    assert!(!ids.contains(&got[3].0) && !ids.contains(&got[4].0));
    assert_ne!(got[3].0, got[4].0);
    assert_eq!(s.get_programme(p.id).unwrap(), edited);

    // The recorded state holds the ids: the revision before reads back with them.
    let before = s.programme_as_of(p.id, p.revision).unwrap();
    assert_eq!(
        before.segments.iter().map(|x| x.id).collect::<Vec<_>>(),
        ids
    );
}
