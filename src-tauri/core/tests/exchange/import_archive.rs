//! `exchange/import_archive.rs` (and `check.rs`): bad input gets a clear error and
//! loses nothing: whole-file refusals write nothing; a bad record is reported with its
//! place and leaves the database as it was for it, while the others import.

use std::path::Path;

use greenroom_core::exchange::ImportReport;
use greenroom_core::{ProgrammeId, Store};
use serde_json::{json, Value};

use super::{export, seed, temp_store};

/// The database's files, byte for byte.
fn files(path: &Path) -> Vec<Vec<u8>> {
    ["", "-wal"]
        .iter()
        .map(|suffix| std::fs::read(format!("{}{suffix}", path.display())).unwrap_or_default())
        .collect()
}

fn refused(store: &mut Store, path: &Path, bytes: &[u8], says: &[&str]) {
    let before = files(path);
    let e = store.import_archive(bytes).unwrap_err();
    assert_eq!(e.code(), "validation", "{e}");
    let msg = e.to_string();
    for s in says {
        assert!(msg.contains(s), "{msg:?} lacks {s:?}");
    }
    assert!(msg.contains("nothing was imported"), "{msg}");
    assert_eq!(files(path), before, "the database changed");
}

#[test]
fn whole_file_refusals_name_the_problem_and_write_nothing() {
    let (_d, path, mut store) = temp_store();
    seed(&mut store);
    let good = export(&store, true);
    let (_e, empty_path, mut empty) = temp_store();
    let newer = good.replacen("\"version\": 1", "\"version\": 2", 1);
    for (db, p) in [(&mut store, &path), (&mut empty, &empty_path)] {
        refused(
            db,
            p,
            newer.as_bytes(),
            &["version 2", "up to 1", "newer Greenroom"],
        );
        refused(
            db,
            p,
            b"{\n  \"format\": \"greenroom-archive\",\n  \"version\": 1,\n  \"people\": [,]\n}",
            &["not valid JSON", "line 4 column 14"],
        );
        refused(db, p, b"\xff\xfe", &["not valid JSON"]);
        refused(db, p, b"[1, 2]", &["not a Greenroom archive"]);
        refused(
            db,
            p,
            br#"{"format": "something-else", "version": 1}"#,
            &["\"something-else\""],
        );
        refused(
            db,
            p,
            br#"{"version": 1, "people": []}"#,
            &["no \"format\""],
        );
        refused(
            db,
            p,
            br#"{"format": "greenroom-archive", "version": "1"}"#,
            &["\"version\" is \"1\""],
        );
        refused(
            db,
            p,
            br#"{"format": "greenroom-archive", "version": 1, "people": {}}"#,
            &["\"people\" is not a list"],
        );
    }
}

fn archive(people: Value, programmes: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "format": "greenroom-archive",
        "version": 1,
        "people": people,
        "programmes": programmes,
    }))
    .unwrap()
}

fn person(id: u128, name: &str) -> Value {
    json!({
        "id": uuid(id), "name": name,
        "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2025-01-01T00:00:00Z"
    })
}

fn programme(id: u128, title: &str, guests: &[u128]) -> Value {
    json!({
        "id": uuid(id), "title": title,
        "appearances": guests.iter().map(|g| json!({"personId": uuid(*g), "role": "guest"})).collect::<Vec<_>>(),
        "airAt": "2025-05-16T16:30:00Z", "timeZone": "Asia/Qatar", "slotSeconds": 1500,
        "status": "planned",
        "createdAt": "2025-01-01T00:00:00Z", "updatedAt": "2025-01-01T00:00:00Z"
    })
}

fn uuid(n: u128) -> String {
    ProgrammeId::from_u128(n).to_string()
}

fn failure<'a>(report: &'a ImportReport, kind: &str, index: usize) -> &'a str {
    &report
        .failed
        .iter()
        .find(|f| f.kind == kind && f.index == index)
        .unwrap_or_else(|| panic!("no failure for {kind} {index}: {:?}", report.failed))
        .message
}

fn programme_exists(store: &Store, id: u128) -> bool {
    store.get_programme(ProgrammeId::from_u128(id)).is_ok()
}

#[test]
fn each_bad_record_is_reported_with_its_place_and_the_rest_imports() {
    let (_d, _p, mut store) = temp_store();
    let mut no_title = programme(103, "x", &[1]);
    no_title.as_object_mut().unwrap().remove("title");
    let mut wrong_type = programme(104, "Wrong type", &[1]);
    wrong_type["slotSeconds"] = "25m".into();
    let mut bad_role = programme(105, "Bad role", &[1]);
    bad_role["appearances"][0]["role"] = "host".into();
    let bytes = archive(
        json!([
            person(1, "Dareen Abughaida"),
            person(2, "Bad\u{7}name"),
            person(1, "Duplicate of the first"),
            {"id": uuid(3)},
            "not an object",
        ]),
        json!([
            programme(100, "Good", &[1]),
            programme(101, "Names a person nobody has", &[1, 99]),
            programme(102, "Names a person whose record failed", &[2]),
            no_title,
            wrong_type,
            bad_role,
            programme(106, "Title with a bell \u{7}", &[1]),
            programme(107, "The same person twice", &[1, 1]),
            programme(100, "Duplicate id", &[1]),
        ]),
    );
    let report = store.import_archive(&bytes).unwrap();

    assert_eq!(report.created.people, 1);
    assert_eq!(report.created.programmes, 1);
    assert!(programme_exists(&store, 100));
    assert_eq!(
        store
            .get_programme(ProgrammeId::from_u128(100))
            .unwrap()
            .title,
        "Good"
    );
    assert_eq!(store.list_people().unwrap().len(), 1);

    let says = |kind, index, parts: &[&str]| {
        let msg = failure(&report, kind, index);
        for p in parts {
            assert!(msg.contains(p), "{msg:?} lacks {p:?}");
        }
    };
    says("person", 1, &["people[1].name", "control character"]);
    says("person", 2, &["people[2]", "also people[0]", "skipped"]);
    says("person", 3, &["people[3]", "missing field `name`"]);
    says("person", 4, &["people[4]", "expected a person"]);
    says(
        "programme",
        1,
        &[
            "programmes[1].appearances[1].personId",
            &uuid(99),
            "neither in this archive nor in this database",
        ],
    );
    says(
        "programme",
        2,
        &[
            "programmes[2].appearances[0].personId",
            "is people[1] in this archive",
        ],
    );
    says("programme", 3, &["programmes[3]", "missing field `title`"]);
    says(
        "programme",
        4,
        &["programmes[4].slotSeconds", "invalid type: string \"25m\""],
    );
    says(
        "programme",
        5,
        &[
            "programmes[5].appearances[0].role",
            "unknown variant `host`",
        ],
    );
    says(
        "programme",
        6,
        &["programmes[6].title", "control character"],
    );
    says(
        "programme",
        7,
        &["programmes[7]", "on this programme twice"],
    );
    says("programme", 8, &["programmes[8]", "also programmes[0]"]);
    assert_eq!(report.failed.len(), 12, "{:?}", report.failed);
    assert_eq!(report.failed[0].id.as_deref(), Some(uuid(2).as_str()));
    for id in 101..=107 {
        assert!(!programme_exists(&store, id), "programme {id} was written");
    }
}

#[test]
fn a_record_that_fails_while_being_written_leaves_the_old_one_whole() {
    let (_d, _p, mut store) = temp_store();
    let seeded = seed(&mut store);
    let before = store.get_programme(seeded.tricky.id).unwrap();
    let id = seeded.tricky.id.to_string();
    let mut doc: Value = serde_json::from_str(&export(&store, false)).unwrap();
    let p = doc["programmes"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["id"] == id)
        .unwrap();
    p["title"] = "Changed".into();
    p["updatedAt"] = "2099-01-01T00:00:00Z".into();
    // The line-up names one guest twice: found only when the appearances are written,
    // after the programme's row was updated.
    let again = p["appearances"][1].clone();
    p["appearances"].as_array_mut().unwrap().push(again);
    let report = store
        .import_archive(&serde_json::to_vec(&doc).unwrap())
        .unwrap();
    assert_eq!(report.failed.len(), 1, "{:?}", report.failed);
    assert!(report.failed[0].message.contains("twice"));
    assert_eq!(store.get_programme(seeded.tricky.id).unwrap(), before);
}

#[test]
fn segments_must_name_people_on_the_line_up_and_existing_questions() {
    let (_d, _p, mut store) = temp_store();
    let mut outsider = programme(200, "Outsider in a segment", &[1]);
    outsider["segments"] =
        json!([{"kind": "discussion", "durationSeconds": 60, "people": [uuid(2)]}]);
    let mut question = programme(201, "No such question", &[1]);
    question["segments"] = json!([{"kind": "discussion", "durationSeconds": 60, "question": 3}]);
    let mut kind = programme(202, "Bad kind", &[1]);
    kind["segments"] = json!([{"kind": "interview", "durationSeconds": 60}]);
    let mut zero = programme(203, "Zero slot", &[1]);
    zero["slotSeconds"] = 0.into();
    let mut zone = programme(204, "Bad zone", &[1]);
    zone["timeZone"] = "Mars/Olympus".into();
    let bytes = archive(
        json!([person(1, "A"), person(2, "B")]),
        json!([outsider, question, kind, zero, zone]),
    );
    let report = store.import_archive(&bytes).unwrap();
    let says = |index, part: &str| {
        let msg = failure(&report, "programme", index);
        assert!(msg.contains(part), "{msg:?} lacks {part:?}");
    };
    says(0, "programmes[0].segments[0].people[0]: person");
    says(1, "programmes[1].segments[0].question");
    says(
        2,
        "programmes[2].segments[0].kind: unknown variant `interview`",
    );
    says(3, "programmes[3].slotSeconds: must be more than zero");
    says(4, "programmes[4].timeZone");
    assert_eq!(report.created.people, 2);
    assert_eq!(store.count_programmes().unwrap(), 0);
}

/// People and programmes share the search index's ids: an archive person whose id is a
/// programme's here (or the other way round) is named as such, not as a raw SQLite
/// constraint.
#[test]
fn an_id_already_used_by_the_other_kind_of_record_is_named() {
    let (_d, _p, mut store) = temp_store();
    let first = archive(json!([]), json!([programme(300, "Owner of the id", &[])]));
    assert!(store.import_archive(&first).unwrap().failed.is_empty());
    let report = store
        .import_archive(&archive(
            json!([person(1, "A"), person(300, "Same id as a programme")]),
            json!([]),
        ))
        .unwrap();
    assert_eq!(
        failure(&report, "person", 1),
        "people[1].id: already used by a programme in this database"
    );
    assert_eq!(report.created.people, 1);

    let report = store
        .import_archive(&archive(
            json!([]),
            json!([programme(1, "Same id as a person", &[])]),
        ))
        .unwrap();
    assert_eq!(
        failure(&report, "programme", 0),
        "programmes[0].id: already used by a person in this database"
    );
    assert!(programme_exists(&store, 300) && !programme_exists(&store, 1));
}
