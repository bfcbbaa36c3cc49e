//! Every exchange format (`exchange/csv.rs`, `archive.rs`, `ics.rs`) and the balance
//! CSV against the shared injection corpus: every payload stored in every field, then
//! read back by real readers (the `csv` crate, `serde_json`, `ical`).

use std::collections::HashMap;

use chrono::NaiveDate;
use greenroom_core::exchange::csv::CsvFiles;
use greenroom_core::exchange::ics::CalendarRange;
use greenroom_core::exchange::ArchiveOptions;
use greenroom_core::people::balance::to_csv;
use serde_json::Value;

use super::temp_store;
use corpus::{is_formula, stored};
use greenroom_testkit::injection as corpus;

/// Columns a user's text reaches; the others hold ids, numbers, dates and keywords.
const TEXT_COLUMNS: [&str; 13] = [
    "series",
    "title",
    "presenter",
    "guests",
    "framing",
    "notes",
    "name",
    "honorific",
    "affiliation",
    "expertise",
    "languages",
    "base_city",
    "gender",
];

/// Rows as column → cell maps, read by the `csv` crate.
fn read(bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(bytes);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

/// What a spreadsheet cell must hold for `text`: the text, after a `'` if the text
/// would otherwise start a formula.
fn cell(text: &str) -> String {
    if is_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// No text cell of any file would run as a formula.
fn no_formulas(file: &str, rows: &[HashMap<String, String>]) {
    for row in rows {
        for (column, value) in row {
            let text_column = TEXT_COLUMNS.contains(&column.as_str())
                || column == "programme_title"
                || column == "billed_affiliation"
                || column == "group";
            if text_column {
                assert!(
                    !is_formula(value),
                    "{file}: {column} would run as a formula: {value:?}"
                );
            }
        }
    }
}

fn by<'a>(
    rows: &'a [HashMap<String, String>],
    column: &str,
    value: &str,
) -> Vec<&'a HashMap<String, String>> {
    rows.iter().filter(|r| r[column] == value).collect()
}

#[test]
fn csv_cells_are_literal_and_formulas_are_neutralised() {
    let (_d, _p, mut store) = temp_store();
    let seeded = corpus::seed_all(&mut store);
    let files: CsvFiles = store.export_csv(&ArchiveOptions::default()).unwrap();
    let programmes = read(&files.programmes);
    let people = read(&files.people);
    let appearances = read(&files.appearances);
    no_formulas("programmes.csv", &programmes);
    no_formulas("people.csv", &people);
    no_formulas("appearances.csv", &appearances);

    for s in &seeded {
        let text = stored(s.payload);
        let p = &s.programme;
        let row = by(&programmes, "id", &p.id.to_string());
        let row = row[0];
        for column in ["series", "title", "presenter", "notes"] {
            assert_eq!(row[column], cell(text), "programmes.csv {column}");
        }
        let guests = format!(
            "{} – {text}\n{} – {text}",
            corpus::guest_name(text, 2),
            corpus::guest_name(text, 3)
        );
        assert_eq!(row["guests"], cell(&guests));
        assert_eq!(row["framing"], cell(&format!("{text}\n\nSecond: {text}")));

        for id in &s.people {
            let person = by(&people, "id", &id.to_string())[0];
            for column in [
                "honorific",
                "affiliation",
                "expertise",
                "languages",
                "base_city",
                "gender",
                "notes",
            ] {
                assert_eq!(person[column], cell(text), "people.csv {column}");
            }
            assert!(person["name"].starts_with(&cell(text)), "{person:?}");
            assert!(!person.contains_key("email"));
        }
        for a in by(&appearances, "programme_id", &p.id.to_string()) {
            assert_eq!(a["programme_title"], cell(text));
            assert_eq!(a["billed_affiliation"], cell(text));
            assert!(a["name"].starts_with(&cell(text)), "{a:?}");
        }
    }
    for bytes in [&files.programmes, &files.people, &files.appearances] {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("@example.org"), "an email in a CSV file");
    }
}

#[test]
fn the_balance_report_csv_neutralises_series_and_genders() {
    let (_d, _p, mut store) = temp_store();
    let seeded = corpus::seed_all(&mut store);
    let rows = store
        .balance_report(
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
            None,
        )
        .unwrap();
    let csv = read(to_csv(&rows).unwrap().as_bytes());
    no_formulas("balance.csv", &csv);
    for s in &seeded {
        let text = stored(s.payload);
        assert!(
            csv.iter().any(|r| r["series"] == cell(text)),
            "series {text:?} missing"
        );
        assert!(
            csv.iter().any(|r| r["group"] == cell(text)),
            "gender {text:?} missing"
        );
    }
}

#[test]
fn the_archive_and_the_calendar_carry_every_payload_as_data() {
    let (_d, _p, mut store) = temp_store();
    let seeded = corpus::seed_all(&mut store);
    let json = store
        .export_archive(&ArchiveOptions::default())
        .unwrap()
        .to_json()
        .unwrap();
    assert!(!json.contains("@example.org"), "an email in the archive");
    let archive: Value = serde_json::from_str(&json).unwrap();
    let ics = store
        .export_calendar(&CalendarRange::parse(None, None).unwrap())
        .unwrap();
    assert!(!ics.contains("@example.org"), "an email in the calendar");
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let calendar = calendars.next().unwrap().unwrap();
    let summaries: Vec<String> = calendar
        .events
        .iter()
        .flat_map(|e| &e.properties)
        .filter(|p| p.name == "SUMMARY")
        .map(|p| unescape(p.value.as_deref().unwrap_or_default()))
        .collect();

    for s in &seeded {
        let text = stored(s.payload);
        let id = s.programme.id.to_string();
        let p = archive["programmes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id.as_str())
            .unwrap();
        for field in ["title", "series", "notes"] {
            assert_eq!(p[field], text, "archive {field}");
        }
        assert_eq!(p["segments"][0]["title"], text);
        let person = archive["people"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == s.people[1].to_string().as_str())
            .unwrap();
        for field in ["honorific", "affiliation", "baseCity", "notes", "gender"] {
            assert_eq!(person[field], text, "archive person {field}");
        }
        assert!(person.get("contacts").is_none(), "{person}");
        let summary = format!("{text}: {text}");
        assert!(
            summaries.contains(&summary),
            "{summary:?} not among {summaries:?}"
        );
    }
}

/// RFC 5545 TEXT, the reader's side.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {s:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}
