//! `exchange/csv.rs`: the three spreadsheet files, read back cell for cell.

use std::collections::HashMap;

use greenroom_core::exchange::csv::{
    CsvFiles, APPEARANCE_COLUMNS, CONTACT_COLUMNS, PEOPLE_COLUMNS, PROGRAMME_COLUMNS,
};
use greenroom_core::exchange::ArchiveOptions;

use super::{seed, temp_store, EMAIL, INJECTION_TITLE, TRICKY_NOTES};

/// Rows read back with a CSV reader, as column → cell maps.
fn read(bytes: &[u8]) -> (Vec<String>, Vec<HashMap<String, String>>) {
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "no byte-order mark"
    );
    let text = std::str::from_utf8(bytes).unwrap();
    // Records end in CRLF; a bare LF only ever appears inside a quoted cell.
    assert!(text.ends_with("\r\n"));
    let mut r = csv::Reader::from_reader(bytes);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), headers.len());
            headers
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect();
    (headers, rows)
}

fn row<'a>(
    rows: &'a [HashMap<String, String>],
    column: &str,
    value: &str,
) -> &'a HashMap<String, String> {
    rows.iter()
        .find(|r| r[column] == value)
        .unwrap_or_else(|| panic!("no row with {column} = {value}"))
}

#[test]
fn three_files_read_back_cell_for_cell() {
    let (_d, _p, mut store) = temp_store();
    let s = seed(&mut store);
    let files = store.export_csv(&ArchiveOptions::default()).unwrap();

    let (headers, programmes) = read(&files.programmes);
    assert_eq!(headers, PROGRAMME_COLUMNS);
    assert_eq!(programmes.len(), 4);
    let t = row(&programmes, "id", &s.tricky.id.to_string());
    let expect = [
        ("series", "Inside Story".to_string()),
        ("title", format!("'{INJECTION_TITLE}")),
        ("status", "confirmed".into()),
        ("air_at_utc", "2025-03-30T01:30:00Z".into()),
        // The clocks went forward at 01:00 UTC that morning.
        ("air_local", "2025-03-30 02:30".into()),
        ("time_zone", "Europe/London".into()),
        ("slot_seconds", "3600".into()),
        ("presenter", "Dareen Abughaida".into()),
        (
            "guests",
            "'@Anatol Lieven – -Quincy Institute, \"senior fellow\"\nTarık Ağaoğlu – Independent analyst"
                .into(),
        ),
        (
            "framing",
            "'-5 degrees, +3 metres: @everyone; is it \"fine\"?\n\nLine one\nline two, with a comma"
                .into(),
        ),
        ("notes", TRICKY_NOTES.into()),
    ];
    for (column, value) in expect {
        assert_eq!(t[column], value, "{column}");
    }
    assert!(t["created_at"].ends_with('Z'));
    let undated = row(&programmes, "id", &s.undated.id.to_string());
    assert_eq!(undated["air_at_utc"], "");
    assert_eq!(undated["slot_seconds"], "");
    // Merged into "@Anatol Lieven", still billed as on that programme.
    assert_eq!(undated["guests"], "'@Anatol Lieven – Quincy Institute");

    let (headers, people) = read(&files.people);
    assert_eq!(headers, PEOPLE_COLUMNS);
    let selam = row(&people, "id", &s.selam.to_string());
    assert_eq!(selam["honorific"], "Dr");
    assert_eq!(selam["expertise"], "Nile basin\nwater law");
    assert_eq!(selam["base_time_zone"], "Africa/Addis_Ababa");
    assert_eq!(selam["gender"], "woman");
    assert_eq!(selam["gender_source"], "self");
    assert_eq!(
        row(&people, "name", "'@Anatol Lieven")["affiliation"],
        "'-Quincy Institute, \"senior fellow\""
    );
    let arabic = row(&people, "name", "هناء المصري");
    assert_eq!(
        arabic["affiliation"],
        "Professor of international water law, Cairo"
    );

    let (headers, appearances) = read(&files.appearances);
    assert_eq!(headers, APPEARANCE_COLUMNS);
    let on_tricky: Vec<_> = appearances
        .iter()
        .filter(|a| a["programme_id"] == s.tricky.id.to_string())
        .collect();
    assert_eq!(on_tricky.len(), 3);
    let cells = |a: &HashMap<String, String>| {
        (
            a["role"].clone(),
            a["position"].clone(),
            a["name"].clone(),
            a["billed_affiliation"].clone(),
        )
    };
    assert_eq!(
        on_tricky.iter().map(|a| cells(a)).collect::<Vec<_>>(),
        [
            (
                "presenter".into(),
                "1".into(),
                "Dareen Abughaida".into(),
                "Al Jazeera".into()
            ),
            (
                "guest".into(),
                "1".into(),
                "'@Anatol Lieven".into(),
                "'-Quincy Institute, \"senior fellow\"".into()
            ),
            (
                "guest".into(),
                "2".into(),
                "Tarık Ağaoğlu".into(),
                "Independent analyst".into()
            ),
        ]
    );
    assert_eq!(
        on_tricky[0]["programme_title"],
        format!("'{INJECTION_TITLE}")
    );
    assert_eq!(on_tricky[0]["air_at_utc"], "2025-03-30T01:30:00Z");
    // 1 + 3 on the example, 3 here, 1 undated, 1 cancelled.
    assert_eq!(appearances.len(), 4 + 3 + 1 + 1);
}

#[test]
fn contacts_are_in_people_csv_only_when_asked_for() {
    let (_d, _p, mut store) = temp_store();
    let s = seed(&mut store);
    let without = store.export_csv(&ArchiveOptions::default()).unwrap();
    for file in [&without.programmes, &without.people, &without.appearances] {
        let text = String::from_utf8_lossy(file);
        assert!(!text.contains(EMAIL) && !text.contains("+251"));
    }
    let with = store
        .export_csv(&ArchiveOptions {
            include_contacts: true,
        })
        .unwrap();
    let (headers, people) = read(&with.people);
    assert_eq!(headers[..PEOPLE_COLUMNS.len()], PEOPLE_COLUMNS);
    assert_eq!(headers[PEOPLE_COLUMNS.len()..], CONTACT_COLUMNS);
    let selam = row(&people, "id", &s.selam.to_string());
    assert_eq!(selam["email"], EMAIL);
    // A phone number starting with + is text a spreadsheet would evaluate.
    assert_eq!(selam["phone"], "'+251 11 000 0000");
}

#[test]
fn the_files_are_written_whole_into_a_folder() {
    let (d, _p, mut store) = temp_store();
    seed(&mut store);
    let files = store.export_csv(&ArchiveOptions::default()).unwrap();
    let dir = d.path().join("exports/2025");
    let paths = files.write_to(&dir).unwrap();
    assert_eq!(paths.len(), 3);
    for (path, name) in paths.iter().zip(CsvFiles::FILE_NAMES) {
        assert_eq!(path.file_name().unwrap(), name);
    }
    assert_eq!(std::fs::read(dir.join("people.csv")).unwrap(), files.people);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3);
}
