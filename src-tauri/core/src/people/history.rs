//! A guest's history across programmes: every appearance, who they sat with, what they
//! were billed as, and how often they have been on lately.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, ToSql};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::{PersonId, ProgrammeId};
use crate::people::appearance::{self, NextBooking, APPEARED};
use crate::people::directory::Person;
use crate::programme::airtime;
use crate::programme::model::{Role, Status};
use crate::programme::zone::Zone;
use crate::store::db::Store;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GuestHistory {
    pub person: Person,
    /// Every appearance in brief, newest air time first, undated programmes last:
    /// the same order as the pages of `appearances`, so the n-th entry here is the
    /// n-th appearance.
    pub timeline: Vec<TimelineEntry>,
    /// The first [`HISTORY_PAGE`] appearances in full; [`Store::guest_appearances`]
    /// from `next` gives the rest.
    pub appearances: Vec<HistoryAppearance>,
    pub next: Option<AppearanceCursor>,
    pub totals: HistoryTotals,
    /// Billed affiliations over time, most recent first, derived from appearances.
    pub affiliations: Vec<AffiliationSpan>,
    /// What they were billed as on the latest programme they appeared on (aired), if
    /// billed; the directory's affiliation is `person.affiliation`, shown apart.
    pub last_billed: Option<String>,
}

/// What the history knows of an appearance without reading its programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    pub programme_id: ProgrammeId,
    pub air_at: Option<DateTime<Utc>>,
    pub status: Status,
    pub role: Role,
    pub affiliation: Option<String>,
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

/// Where a page of appearances ends: the last one's air time and programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppearanceCursor {
    pub air_at: Option<i64>,
    pub programme_id: ProgrammeId,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppearancePage {
    pub appearances: Vec<HistoryAppearance>,
    pub next: Option<AppearanceCursor>,
}

/// Appearances in the first page of a history (and in each page after it, unless the
/// caller asks for another size).
pub const HISTORY_PAGE: u32 = 50;

/// Counts are of appearances (see [`crate::people::appearance`]: aired programmes only).
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
    /// Booked on programmes that air after `now` (not aired, not cancelled).
    pub upcoming: u32,
    /// The soonest of those.
    pub next: Option<NextBooking>,
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
    /// Programmes they appeared on as a guest (aired).
    pub appearances: u32,
    /// The latest of those.
    pub last_air_at: Option<DateTime<Utc>>,
    /// Their soonest booking as a guest after `now`.
    pub next: Option<NextBooking>,
}

/// A person's appearances (`?1`, their id) in brief, newest first, undated last, read
/// from the `appearance_history` index alone. With [`HISTORY_PAGE_SQL`] this is all the
/// SQL of [`Store::guest_history`]; both are public so that
/// `scripts/bench-history-sqlite3.sh` times exactly this SQL in a SQLite shell.
pub const HISTORY_TIMELINE_SQL: &str = "\
SELECT programme_id, programme_air_at, programme_status, role, affiliation
FROM appearance WHERE person_id = ?1
ORDER BY programme_air_at DESC, programme_id DESC";

/// One page of a person's appearances (`?1`) in full, each with its co-panelists and
/// presenter: `?2` of them, in the order of [`HISTORY_TIMELINE_SQL`], after the rows
/// `$after` leaves out. Only the page's rows read their programme.
macro_rules! page_sql {
    ($after:literal) => {
        concat!(
            "SELECT g.id, g.title, g.series, g.air_at, g.time_zone, g.status, a.role, a.affiliation,
       (SELECT json_group_array(p.name ORDER BY o.position)
          FROM appearance o JOIN person p ON p.id = o.person_id
         WHERE o.programme_id = g.id AND o.role = 'guest' AND o.person_id <> a.person_id),
       (SELECT p.name FROM appearance o JOIN person p ON p.id = o.person_id
         WHERE o.programme_id = g.id AND o.role = 'presenter'),
       a.programme_air_at
FROM (SELECT person_id, programme_id, programme_air_at, role, affiliation
        FROM appearance
       WHERE person_id = +?1 ",
            $after,
            "
       ORDER BY programme_air_at DESC, programme_id DESC
       LIMIT +?2) a
JOIN programme g ON g.id = a.programme_id
ORDER BY a.programme_air_at DESC, a.programme_id DESC"
        )
    };
}

/// The first page of a person's appearances (`?1`), `?2` of them, in full.
///
/// Every parameter is written `+?n`. SQLite's planner looks at the bound values of
/// plain `?n` in a statement like this one (ORDER BY with LIMIT), and then recompiles
/// the statement whenever they are bound again, at every call: a fifth of the time of a
/// page. The unary plus keeps the values out of the plan; the index is used the same.
/// The pages after it are separate statements rather than one with optional cursor
/// terms, which SQLite would likewise fold by bound value.
pub const HISTORY_PAGE_SQL: &str = page_sql!("");
/// The page after a dated appearance (air time `?3`, programme `?4`): dated ones only,
/// entered in the index at the cursor; the undated ones follow from
/// [`PAGE_UNDATED_SQL`]. (Written as one OR of both, SQLite walked every newer
/// appearance before the page: a full read of a presenter's 26,000 was quadratic.)
const PAGE_AFTER_DATED_SQL: &str = page_sql!("AND (programme_air_at, programme_id) < (+?3, +?4)");
/// Undated appearances from the first.
const PAGE_UNDATED_SQL: &str = page_sql!("AND programme_air_at IS NULL");
/// Undated appearances after programme `?3`.
const PAGE_AFTER_UNDATED_SQL: &str =
    page_sql!("AND programme_air_at IS NULL AND programme_id < +?3");

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
            0 => Err(Error::NoneNamed {
                what: "person",
                name: spec.trim().to_string(),
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

    /// A person's history: totals, billings and timeline over every appearance, and
    /// the first page of appearances in full.
    pub fn guest_history(&self, person: PersonId, now: DateTime<Utc>) -> Result<GuestHistory> {
        let person = self.get_person(person)?;
        let mut st = self.conn.prepare_cached(HISTORY_TIMELINE_SQL)?;
        let timeline = st
            .query_map(params![person.id], |r| {
                Ok(TimelineEntry {
                    programme_id: r.get(0)?,
                    air_at: r
                        .get::<_, Option<i64>>(1)?
                        .and_then(DateTime::from_timestamp_millis),
                    // Read in place: 700 rows of small strings add up.
                    status: r
                        .get_ref(2)?
                        .as_str()
                        .unwrap_or("")
                        .parse()
                        .unwrap_or_default(),
                    role: role(r.get_ref(3)?.as_str().unwrap_or("")),
                    affiliation: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let page = self.appearance_page(person.id, None, HISTORY_PAGE)?;
        Ok(GuestHistory {
            totals: totals(&timeline, now),
            affiliations: affiliation_spans(&timeline),
            last_billed: timeline
                .iter()
                .filter(|a| appearance::counts(a.status))
                .find_map(|a| a.affiliation.clone()),
            person,
            timeline,
            appearances: page.appearances,
            next: page.next,
        })
    }

    /// [`Store::guest_history`] with every appearance in full, read as one snapshot (a
    /// write from another process between two pages cannot skip or repeat one).
    pub fn complete_guest_history(
        &self,
        person: PersonId,
        now: DateTime<Utc>,
    ) -> Result<GuestHistory> {
        // Read-only: what it holds is a snapshot, and it is never committed.
        let _snapshot = self.conn.unchecked_transaction()?;
        let mut h = self.guest_history(person, now)?;
        while let Some(after) = h.next.take() {
            let page = self.appearance_page(person, Some(&after), 1000)?;
            h.appearances.extend(page.appearances);
            h.next = page.next;
        }
        Ok(h)
    }

    /// The `limit` appearances after `after` (from the newest when `None`), in full.
    pub fn guest_appearances(
        &self,
        person: PersonId,
        after: Option<&AppearanceCursor>,
        limit: u32,
    ) -> Result<AppearancePage> {
        self.get_person(person)?;
        self.appearance_page(person, after, limit)
    }

    fn appearance_page(
        &self,
        person: PersonId,
        after: Option<&AppearanceCursor>,
        limit: u32,
    ) -> Result<AppearancePage> {
        let rows = match after {
            None => self.page_rows(HISTORY_PAGE_SQL, &[&person, &limit])?,
            Some(AppearanceCursor {
                air_at: Some(air_at),
                programme_id,
            }) => {
                let mut rows = self.page_rows(
                    PAGE_AFTER_DATED_SQL,
                    &[&person, &limit, air_at, programme_id],
                )?;
                let left = limit.saturating_sub(rows.len() as u32);
                if left > 0 {
                    rows.extend(self.page_rows(PAGE_UNDATED_SQL, &[&person, &left])?);
                }
                rows
            }
            Some(AppearanceCursor {
                air_at: None,
                programme_id,
            }) => self.page_rows(PAGE_AFTER_UNDATED_SQL, &[&person, &limit, programme_id])?,
        };
        // A short page is the last one.
        let next = match rows.last() {
            Some((a, air_at)) if rows.len() >= limit as usize => Some(AppearanceCursor {
                air_at: *air_at,
                programme_id: a.programme_id,
            }),
            _ => None,
        };
        Ok(AppearancePage {
            appearances: rows.into_iter().map(|(a, _)| a).collect(),
            next,
        })
    }

    /// Appearances in full from one of the page statements, each with its air time as
    /// stored (the cursor key).
    fn page_rows(
        &self,
        sql: &str,
        params: &[&dyn ToSql],
    ) -> Result<Vec<(HistoryAppearance, Option<i64>)>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let rows = st.query_map(params, |r| {
            let air_at = r
                .get::<_, Option<i64>>(3)?
                .and_then(DateTime::from_timestamp_millis);
            let zone: String = r.get(4)?;
            let co: String = r.get(8)?;
            Ok((
                HistoryAppearance {
                    programme_id: r.get(0)?,
                    title: r.get(1)?,
                    series: r.get(2)?,
                    air_at,
                    air_display: air_at.map(|a| airtime::display(a, Zone::named(&zone))),
                    status: r.get::<_, String>(5)?.parse().unwrap_or_default(),
                    role: role(&r.get::<_, String>(6)?),
                    affiliation: r.get(7)?,
                    co_panelists: serde_json::from_str(&co).unwrap_or_default(),
                    presenter: r.get(9)?,
                },
                r.get::<_, Option<i64>>(10)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everyone who has been or is booked as a guest (on a programme not cancelled),
    /// by name, with how often and when last they appeared, and their next booking.
    pub fn list_guests(&self, now: DateTime<Utc>) -> Result<Vec<GuestSummary>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT p.id, p.name, p.affiliation, s.n, s.last
             FROM (SELECT a.person_id,
                          count(*) FILTER (WHERE a.{APPEARED}) AS n,
                          max(a.programme_air_at) FILTER (WHERE a.{APPEARED}) AS last
                     FROM appearance a
                    WHERE a.role = 'guest' AND a.programme_status <> 'cancelled'
                    GROUP BY a.person_id) s
             JOIN person p ON p.id = s.person_id
             ORDER BY p.name_key, p.id"
        ))?;
        let next = self.next_guest_bookings(now)?;
        let rows = st.query_map([], |r| {
            let id: PersonId = r.get(0)?;
            Ok(GuestSummary {
                id,
                name: r.get(1)?,
                affiliation: r.get(2)?,
                appearances: r.get(3)?,
                last_air_at: r
                    .get::<_, Option<i64>>(4)?
                    .and_then(DateTime::from_timestamp_millis),
                next: next.get(&id).cloned(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Each guest's soonest booking after `now`.
    fn next_guest_bookings(
        &self,
        now: DateTime<Utc>,
    ) -> Result<std::collections::HashMap<PersonId, NextBooking>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT a.person_id, a.programme_id, a.programme_air_at, a.programme_status
             FROM appearance a
             WHERE a.role = 'guest' AND a.programme_air_at > ?1 AND NOT a.{APPEARED}
               AND a.programme_status <> 'cancelled'"
        ))?;
        let mut next = std::collections::HashMap::<PersonId, NextBooking>::new();
        let rows = st.query_map(params![now.timestamp_millis()], |r| {
            Ok((
                r.get::<_, PersonId>(0)?,
                r.get::<_, ProgrammeId>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (person, programme_id, at, status) = row?;
            let (Some(air_at), Ok(status)) = (DateTime::from_timestamp_millis(at), status.parse())
            else {
                continue;
            };
            if next.get(&person).is_none_or(|n| air_at < n.air_at) {
                next.insert(
                    person,
                    NextBooking {
                        programme_id,
                        air_at,
                        status,
                    },
                );
            }
        }
        Ok(next)
    }
}

fn totals(appearances: &[TimelineEntry], now: DateTime<Utc>) -> HistoryTotals {
    let mut t = HistoryTotals::default();
    for a in appearances {
        if appearance::is_upcoming(a.status, a.air_at, now) {
            t.upcoming += 1;
            if let Some(at) = a
                .air_at
                .filter(|at| t.next.as_ref().is_none_or(|n| *at < n.air_at))
            {
                t.next = Some(NextBooking {
                    programme_id: a.programme_id,
                    air_at: at,
                    status: a.status,
                });
            }
            continue;
        }
        if !appearance::counts(a.status) {
            continue;
        }
        t.appearances += 1;
        let Some(at) = a.air_at else { continue };
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

fn role(s: &str) -> Role {
    if s == "presenter" {
        Role::Presenter
    } else {
        Role::Guest
    }
}

fn affiliation_spans(appearances: &[TimelineEntry]) -> Vec<AffiliationSpan> {
    let mut spans: Vec<AffiliationSpan> = Vec::new();
    // Appearances come newest first, so spans come out most recent first.
    for a in appearances.iter().filter(|a| appearance::counts(a.status)) {
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
