//! The contributor balance report, counted the BBC 50:50 way: only contributors the
//! programme chose (guests, not the presenter), each person once per programme, per
//! month and per series; the share of each recorded gender, of "not recorded", and of
//! repeat guests (people who had been a guest on an earlier programme).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::people::appearance::APPEARED;
use crate::store::db::Store;
use crate::text::names::name_key;

/// What "not recorded" is called in the report and the CSV.
pub const NOT_RECORDED: &str = "not recorded";
/// The row that adds up every series of a month.
pub const ALL_SERIES: &str = "All series";

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BalanceRow {
    /// `2025-01`, in each programme's own time zone.
    pub month: String,
    pub series: String,
    pub contributors: u32,
    /// Recorded genders (as first written) and "not recorded", largest first.
    pub groups: Vec<GroupShare>,
    pub repeat_guests: u32,
    pub repeat_share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupShare {
    pub group: String,
    pub count: u32,
    pub share: f64,
}

/// Parses `2025-01` into the first day of that month.
pub fn parse_month(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d")
        .map_err(|_| Error::validation(field, format!("{text:?} is not a month (write 2025-01)")))
}

#[derive(Default)]
struct Tally {
    contributors: u32,
    groups: BTreeMap<String, (String, u32)>,
    repeat: u32,
}

/// Where gender is recorded, said under every report: without it everyone is "not
/// recorded" and nothing on the report says why.
pub const GENDER_NOTE: &str = "Gender is recorded in each person's details (their page, \
Edit details; or greenroom person edit NAME --gender TEXT --gender-source self|inferred); \
people without it count as \"not recorded\".";

/// A span of months, `2025-01` to `2025-12`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthRange {
    pub from: String,
    pub to: String,
}

impl MonthRange {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        MonthRange {
            from: from.format("%Y-%m").to_string(),
            to: to.format("%Y-%m").to_string(),
        }
    }

    /// The first days of the two months.
    pub fn dates(&self) -> Result<(NaiveDate, NaiveDate)> {
        Ok((
            parse_month("from", &self.from)?,
            parse_month("to", &self.to)?,
        ))
    }
}

/// Twelve months ending with `to`'s month.
pub fn year_to(to: NaiveDate) -> MonthRange {
    let to = to.with_day(1).unwrap_or(to);
    MonthRange::new(
        to.checked_sub_months(chrono::Months::new(11)).unwrap_or(to),
        to,
    )
}

/// Twelve months starting with `from`'s month.
pub fn year_from(from: NaiveDate) -> MonthRange {
    let from = from.with_day(1).unwrap_or(from);
    MonthRange::new(
        from,
        from.checked_add_months(chrono::Months::new(11))
            .unwrap_or(from),
    )
}

impl Store {
    /// The months the report opens on: the twelve ending with the latest month that
    /// has an aired programme (in its own zone), so an archive from last year does not
    /// open on a year of empty months; the twelve ending this month (`today`) when
    /// nothing has aired.
    pub fn balance_default_range(&self, today: NaiveDate) -> Result<MonthRange> {
        let latest: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT air_at, time_zone FROM programme
                 WHERE status = ?1 AND air_at IS NOT NULL
                 ORDER BY air_at DESC LIMIT 1",
                [crate::people::appearance::COUNTED.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let last = latest
            .and_then(|(at, zone)| {
                let at = DateTime::from_timestamp_millis(at)?;
                Some(
                    at.with_timezone(&crate::programme::zone::Zone::named(&zone))
                        .date_naive(),
                )
            })
            .unwrap_or(today);
        Ok(year_to(last))
    }

    /// The report for the months `from..=to` (first days of months), optionally one series.
    pub fn balance_report(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        series: Option<&str>,
    ) -> Result<Vec<BalanceRow>> {
        if to < from {
            return Err(Error::validation("to", "is before --from"));
        }
        let end = to
            .checked_add_months(chrono::Months::new(1))
            .ok_or_else(|| Error::validation("to", "is out of range"))?;
        // Programmes are bucketed in their own zone; a day's margin catches every zone.
        let lo = Utc.from_utc_datetime(&from.and_hms_opt(0, 0, 0).unwrap_or_default())
            - chrono::Duration::days(1);
        let hi = Utc.from_utc_datetime(&end.and_hms_opt(0, 0, 0).unwrap_or_default())
            + chrono::Duration::days(1);
        // Appearances only (aired programmes; see crate::people::appearance), repeats too.
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT g.air_at, g.time_zone, coalesce(g.series, ''), p.gender,
                    EXISTS (SELECT 1 FROM appearance e
                             WHERE e.person_id = a.person_id AND e.role = 'guest'
                               AND e.{APPEARED} AND e.programme_air_at < g.air_at)
             FROM appearance a
             JOIN programme g ON g.id = a.programme_id
             JOIN person p ON p.id = a.person_id
             WHERE a.role = 'guest' AND a.{APPEARED}
               AND g.air_at >= ?1 AND g.air_at < ?2"
        ))?;
        let wanted = series.map(name_key);
        let rows = st.query_map(params![lo.timestamp_millis(), hi.timestamp_millis()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?;
        let mut tallies: BTreeMap<(String, String), Tally> = BTreeMap::new();
        for row in rows {
            let (air, zone, series_name, gender, repeat) = row?;
            if wanted
                .as_ref()
                .is_some_and(|w| *w != name_key(&series_name))
            {
                continue;
            }
            let Some(at) = DateTime::from_timestamp_millis(air) else {
                continue;
            };
            let local = at
                .with_timezone(&crate::programme::zone::Zone::named(&zone))
                .date_naive();
            let first_of_month = local.with_day(1).unwrap_or(local);
            if first_of_month < from || first_of_month > to {
                continue;
            }
            let month = local.format("%Y-%m").to_string();
            let series_label = if series_name.is_empty() {
                "(no series)".to_string()
            } else {
                series_name
            };
            let group = gender
                .map(|g| g.trim().to_string())
                .filter(|g| !g.is_empty())
                .unwrap_or_else(|| NOT_RECORDED.to_string());
            for key in [
                (month.clone(), series_label),
                (month, ALL_SERIES.to_string()),
            ] {
                if wanted.is_some() && key.1 == ALL_SERIES {
                    continue;
                }
                let t = tallies.entry(key).or_default();
                t.contributors += 1;
                t.repeat += u32::from(repeat);
                t.groups
                    .entry(name_key(&group))
                    .or_insert_with(|| (group.clone(), 0))
                    .1 += 1;
            }
        }
        Ok(tallies
            .into_iter()
            .map(|((month, series), t)| {
                let share = |n: u32| f64::from(n) / f64::from(t.contributors.max(1));
                let mut groups: Vec<GroupShare> = t
                    .groups
                    .into_values()
                    .map(|(group, count)| GroupShare {
                        group,
                        count,
                        share: share(count),
                    })
                    .collect();
                groups.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.group.cmp(&b.group)));
                BalanceRow {
                    month,
                    series,
                    contributors: t.contributors,
                    groups,
                    repeat_guests: t.repeat,
                    repeat_share: share(t.repeat),
                }
            })
            .collect())
    }
}

/// The report as CSV, one line per month, series and group. A cell that a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@`) is prefixed with `'` so it stays text.
pub fn to_csv(rows: &[BalanceRow]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::Export {
        message: e.to_string(),
    };
    w.write_record(["month", "series", "contributors", "group", "count", "share"])
        .map_err(fail)?;
    for r in rows {
        let groups = r
            .groups
            .iter()
            .map(|g| (g.group.as_str(), g.count, g.share))
            .chain(std::iter::once((
                "repeat guests",
                r.repeat_guests,
                r.repeat_share,
            )));
        for (group, count, share) in groups {
            w.write_record([
                r.month.clone(),
                neutralise(&r.series),
                r.contributors.to_string(),
                neutralise(group),
                count.to_string(),
                format!("{share:.4}"),
            ])
            .map_err(fail)?;
        }
    }
    let bytes = w.into_inner().map_err(|e| Error::Export {
        message: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| Error::Export {
        message: e.to_string(),
    })
}

fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}
