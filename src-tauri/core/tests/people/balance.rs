//! `people/balance.rs`: the contributor balance report against a hand count, its
//! default range, and its CSV.

use chrono::NaiveDate;
use greenroom_core::people::balance::{parse_month, to_csv, BalanceRow};
use greenroom_core::people::profile::GenderSource;
use greenroom_core::{PersonInput, ProgrammeInput, Status, Store};

use super::temp_store;

fn set_gender(s: &mut Store, name: &str, gender: &str) {
    let id = s.find_person(name).unwrap().id;
    let cur = s.person_profile(id).unwrap();
    let mut p = cur.profile.clone();
    p.gender = Some(gender.into());
    p.gender_source = Some(GenderSource::SelfIdentified);
    s.update_person(id, cur.revision, &p).unwrap();
}

fn programme(s: &mut Store, series: &str, air: &str, zone: &str, guests: &[&str], status: Status) {
    s.create_programme(&ProgrammeInput {
        series: Some(series.into()),
        title: format!("{series} {air}"),
        presenter: Some(PersonInput {
            name: "Wendy Presenter".into(),
            ..Default::default()
        }),
        guests: guests
            .iter()
            .map(|g| PersonInput {
                name: g.to_string(),
                ..Default::default()
            })
            .collect(),
        air: Some(air.into()),
        time_zone: Some(zone.into()),
        status,
        ..Default::default()
    })
    .unwrap();
}

fn row<'a>(rows: &'a [BalanceRow], month: &str, series: &str) -> &'a BalanceRow {
    rows.iter()
        .find(|r| r.month == month && r.series == series)
        .unwrap_or_else(|| panic!("no row {month} {series} in {rows:?}"))
}

fn groups(r: &BalanceRow) -> Vec<(&str, u32, f64)> {
    r.groups
        .iter()
        .map(|g| (g.group.as_str(), g.count, g.share))
        .collect()
}

#[test]
fn counts_match_a_hand_count() {
    let (_d, _, mut s) = temp_store();
    programme(
        &mut s,
        "Inside Story",
        "2025-01-10T19:30",
        "UTC",
        &["Xena", "Yusuf", "Zed"],
        Status::Aired,
    );
    programme(
        &mut s,
        "Inside Story",
        "2025-01-20T19:30",
        "UTC",
        &["xena", "Vera"],
        Status::Aired,
    );
    // 23:30 UTC on 31 Jan is 1 Feb in Doha: it counts for February.
    programme(
        &mut s,
        "The Stream",
        "2025-01-31T23:30:00Z",
        "Asia/Qatar",
        &["Yusuf", "Umar"],
        Status::Aired,
    );
    programme(
        &mut s,
        "Inside Story",
        "2025-01-25T19:30",
        "UTC",
        &["Tom"],
        Status::Cancelled,
    );
    set_gender(&mut s, "Xena", "Woman");
    set_gender(&mut s, "Vera", "woman");
    set_gender(&mut s, "Yusuf", "man");
    set_gender(&mut s, "Wendy Presenter", "woman");

    let rows = s
        .balance_report(
            parse_month("from", "2025-01").unwrap(),
            parse_month("to", "2025-02").unwrap(),
            None,
        )
        .unwrap();
    // January, Inside Story: Xena twice, Yusuf, Zed, Vera = 5; the presenter is not counted.
    let jan = row(&rows, "2025-01", "Inside Story");
    assert_eq!(jan.contributors, 5);
    assert_eq!(
        groups(jan),
        [("Woman", 3, 0.6), ("man", 1, 0.2), ("not recorded", 1, 0.2)]
    );
    assert_eq!(
        (jan.repeat_guests, jan.repeat_share),
        (1, 0.2),
        "Xena's second programme"
    );
    assert_eq!(row(&rows, "2025-01", "All series").contributors, 5);
    let feb = row(&rows, "2025-02", "The Stream");
    assert_eq!(feb.contributors, 2);
    assert_eq!(groups(feb), [("man", 1, 0.5), ("not recorded", 1, 0.5)]);
    assert_eq!(feb.repeat_guests, 1, "Yusuf was on in January");
    assert_eq!(rows.len(), 4);

    let only = s
        .balance_report(
            parse_month("from", "2025-01").unwrap(),
            parse_month("to", "2025-12").unwrap(),
            Some("inside story"),
        )
        .unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].series, "Inside Story");

    let csv = to_csv(&rows).unwrap();
    let first_lines: Vec<&str> = csv.lines().take(3).collect();
    assert_eq!(
        first_lines,
        [
            "month,series,contributors,group,count,share",
            "2025-01,All series,5,Woman,3,0.6000",
            "2025-01,All series,5,man,1,0.2000",
        ]
    );
    assert!(
        csv.contains("2025-01,Inside Story,5,repeat guests,1,0.2000"),
        "{csv}"
    );
}

/// Issue 11, item 29: an archive of last year's programmes opens on last year,
/// not on this year's empty months, and only aired programmes are counted.
#[test]
fn the_report_opens_on_the_last_year_with_programmes_and_counts_aired_only() {
    let (_d, _, mut s) = temp_store();
    let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let nothing = s.balance_default_range(today).unwrap();
    assert_eq!(
        (nothing.from.as_str(), nothing.to.as_str()),
        ("2026-01", "2026-12")
    );
    programme(
        &mut s,
        "Inside Story",
        "2025-03-10T19:30",
        "UTC",
        &["Ann", "Bob"],
        Status::Aired,
    );
    // 23:30 UTC on 31 Aug is 1 September in Doha, in its own zone.
    programme(
        &mut s,
        "The Stream",
        "2025-08-31T23:30:00Z",
        "Asia/Qatar",
        &["Ann"],
        Status::Aired,
    );
    programme(
        &mut s,
        "Inside Story",
        "2026-12-20T19:30",
        "UTC",
        &["Cleo"],
        Status::Planned,
    );
    programme(
        &mut s,
        "Inside Story",
        "2025-04-10T19:30",
        "UTC",
        &["Dan"],
        Status::Confirmed,
    );
    let range = s.balance_default_range(today).unwrap();
    assert_eq!(
        (range.from.as_str(), range.to.as_str()),
        ("2024-10", "2025-09")
    );
    let (from, to) = range.dates().unwrap();
    let rows = s.balance_report(from, to, None).unwrap();
    let months: Vec<(&str, &str, u32)> = rows
        .iter()
        .map(|r| (r.month.as_str(), r.series.as_str(), r.contributors))
        .collect();
    assert_eq!(
        months,
        [
            ("2025-03", "All series", 2),
            ("2025-03", "Inside Story", 2),
            ("2025-09", "All series", 1),
            ("2025-09", "The Stream", 1),
        ]
    );
    assert_eq!(row(&rows, "2025-09", "The Stream").repeat_guests, 1);
    // The planned programme's month has no row even when asked for.
    let m = parse_month("from", "2026-12").unwrap();
    assert!(s.balance_report(m, m, None).unwrap().is_empty());
}

#[test]
fn csv_cells_cannot_become_formulas_and_bad_months_are_refused() {
    let (_d, _, mut s) = temp_store();
    programme(
        &mut s,
        "=HYPERLINK(\"http://x\")",
        "2025-03-01T10:00",
        "UTC",
        &["A"],
        Status::Aired,
    );
    let id = s.find_person("A").unwrap().id;
    let cur = s.person_profile(id).unwrap();
    let mut p = cur.profile.clone();
    p.gender = Some("+cmd".into());
    s.update_person(id, cur.revision, &p).unwrap();
    let m = parse_month("from", "2025-03").unwrap();
    let csv = to_csv(&s.balance_report(m, m, None).unwrap()).unwrap();
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(csv.contains(",'+cmd,"), "{csv}");
    assert_eq!(
        parse_month("from", "2025-13").unwrap_err().field(),
        Some("from")
    );
    assert_eq!(
        s.balance_report(m, parse_month("to", "2025-01").unwrap(), None)
            .unwrap_err()
            .field(),
        Some("to")
    );
}
