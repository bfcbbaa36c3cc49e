//! A guest's history across programmes: every appearance, who they sat with, what they
//! were billed as, and how often they have been on lately.

use chrono::{DateTime, Duration, Utc};
use rusqlite::params;
use serde::Serialize;

use crate::airtime;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::ids::{PersonId, ProgrammeId};
use crate::model::{Person, Role, Status};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GuestHistory {
    pub person: Person,
    /// Newest air time first; undated programmes last.
    pub appearances: Vec<HistoryAppearance>,
    pub totals: HistoryTotals,
    /// Billed affiliations over time, most recent first, derived from appearances.
    pub affiliations: Vec<AffiliationSpan>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryAppearance {
    pub programme_id: ProgrammeId,
    pub title: String,
    pub series: Option<String>,
    pub air_at: Option<DateTime<Utc>>,
    pub air_display: Option<String>,
    pub status: Status,
    pub role: Role,
    /// As billed on that programme.
    pub affiliation: Option<String>,
    /// The other guests on that programme, in line-up order.
    pub co_panelists: Vec<String>,
    pub presenter: Option<String>,
}

/// Counts leave out cancelled programmes and programmes not yet aired by `now`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryTotals {
    pub appearances: u32,
    pub first: Option<DateTime<Utc>>,
    pub last: Option<DateTime<Utc>>,
    pub days_since_last: Option<i64>,
    pub last_30_days: u32,
    pub last_90_days: u32,
    pub last_365_days: u32,
    /// Booked on programmes that air after `now`.
    pub upcoming: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AffiliationSpan {
    pub affiliation: String,
    pub first: Option<DateTime<Utc>>,
    pub last: Option<DateTime<Utc>>,
    pub appearances: u32,
}

/// One row of `guest list`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GuestSummary {
    pub id: PersonId,
    pub name: String,
    pub affiliation: Option<String>,
    pub appearances: u32,
    pub last_air_at: Option<DateTime<Utc>>,
}

/// The query behind [`Store::guest_history`]: a person's appearances (`?1`, their id)
/// newest first, each with its co-panelists and presenter. Public so that
/// `scripts/bench-history-sqlite3.sh` times exactly this SQL in a SQLite shell.
pub const HISTORY_SQL: &str = "\
SELECT g.id, g.title, g.series, g.air_at, g.time_zone, g.status, a.role, a.affiliation,
       (SELECT json_group_array(p.name ORDER BY o.position)
          FROM appearance o JOIN person p ON p.id = o.person_id
         WHERE o.programme_id = g.id AND o.role = 'guest' AND o.person_id <> a.person_id),
       (SELECT p.name FROM appearance o JOIN person p ON p.id = o.person_id
         WHERE o.programme_id = g.id AND o.role = 'presenter')
FROM appearance a JOIN programme g ON g.id = a.programme_id
WHERE a.person_id = ?1
ORDER BY g.air_at IS NULL, g.air_at DESC, g.created_at DESC";

impl Store {
    /// The person a producer means by `spec`: an id, or a name matched exactly
    /// (ignoring case and spacing). Several people with that name is an error that
    /// lists them.
    pub fn find_person(&self, spec: &str) -> Result<Person> {
        if let Ok(id) = spec.parse::<PersonId>() {
            return self.get_person(id);
        }
        let mut found = self.find_people_by_name(spec)?;
        match found.len() {
            0 => Err(Error::NotFound {
                what: "person",
                id: spec.trim().to_string(),
            }),
            1 => Ok(found.remove(0)),
            _ => Err(Error::Ambiguous {
                what: "person",
                candidates: found
                    .iter()
                    .map(|p| match &p.affiliation {
                        Some(a) => format!("{} {} – {a}", p.id, p.name),
                        None => format!("{} {}", p.id, p.name),
                    })
                    .collect(),
            }),
        }
    }

    pub fn guest_history(&self, person: PersonId, now: DateTime<Utc>) -> Result<GuestHistory> {
        let person = self.get_person(person)?;
        let mut st = self.conn.prepare_cached(HISTORY_SQL)?;
        let rows = st.query_map(params![person.id], |r| {
            let air_at = r
                .get::<_, Option<i64>>(3)?
                .and_then(DateTime::from_timestamp_millis);
            let zone: String = r.get(4)?;
            let status: String = r.get(5)?;
            let role: String = r.get(6)?;
            let co: String = r.get(8)?;
            Ok(HistoryAppearance {
                programme_id: r.get(0)?,
                title: r.get(1)?,
                series: r.get(2)?,
                air_at,
                air_display: air_at.map(|a| airtime::display(a, zone.parse().unwrap_or_default())),
                status: status.parse().unwrap_or_default(),
                role: if role == "presenter" {
                    Role::Presenter
                } else {
                    Role::Guest
                },
                affiliation: r.get(7)?,
                co_panelists: serde_json::from_str(&co).unwrap_or_default(),
                presenter: r.get(9)?,
            })
        })?;
        let appearances = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        let totals = totals(&appearances, now);
        let affiliations = affiliation_spans(&appearances);
        Ok(GuestHistory {
            person,
            appearances,
            totals,
            affiliations,
        })
    }

    /// Everyone who has been a guest, by name, with how often and when last.
    pub fn list_guests(&self) -> Result<Vec<GuestSummary>> {
        let mut st = self.conn.prepare_cached(
            "SELECT p.id, p.name, p.affiliation, count(*), max(g.air_at)
             FROM person p
             JOIN appearance a ON a.person_id = p.id AND a.role = 'guest'
             JOIN programme g ON g.id = a.programme_id AND g.status <> 'cancelled'
             GROUP BY p.id ORDER BY p.name_key, p.id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(GuestSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                affiliation: r.get(2)?,
                appearances: r.get(3)?,
                last_air_at: r
                    .get::<_, Option<i64>>(4)?
                    .and_then(DateTime::from_timestamp_millis),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn totals(appearances: &[HistoryAppearance], now: DateTime<Utc>) -> HistoryTotals {
    let mut t = HistoryTotals::default();
    for a in appearances.iter().filter(|a| a.status != Status::Cancelled) {
        let Some(at) = a.air_at else { continue };
        if at > now {
            t.upcoming += 1;
            continue;
        }
        t.appearances += 1;
        t.first = Some(t.first.map_or(at, |f| f.min(at)));
        t.last = Some(t.last.map_or(at, |l| l.max(at)));
        let age = now - at;
        t.last_30_days += u32::from(age <= Duration::days(30));
        t.last_90_days += u32::from(age <= Duration::days(90));
        t.last_365_days += u32::from(age <= Duration::days(365));
    }
    t.days_since_last = t.last.map(|l| (now - l).num_days());
    t
}

fn affiliation_spans(appearances: &[HistoryAppearance]) -> Vec<AffiliationSpan> {
    let mut spans: Vec<AffiliationSpan> = Vec::new();
    // Appearances come newest first, so spans come out most recent first.
    for a in appearances.iter().filter(|a| a.status != Status::Cancelled) {
        let Some(aff) = &a.affiliation else { continue };
        match spans.iter_mut().find(|s| &s.affiliation == aff) {
            Some(s) => {
                s.appearances += 1;
                if let Some(at) = a.air_at {
                    s.first = Some(s.first.map_or(at, |f| f.min(at)));
                    s.last = Some(s.last.map_or(at, |l| l.max(at)));
                }
            }
            None => spans.push(AffiliationSpan {
                affiliation: aff.clone(),
                first: a.air_at,
                last: a.air_at,
                appearances: 1,
            }),
        }
    }
    spans
}
