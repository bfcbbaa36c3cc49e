//! Booking warnings: before a guest is booked, say if they were on very recently, are
//! on a lot, or are already on air elsewhere at that time. Warnings never block a save.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::ids::{PersonId, ProgrammeId};
use crate::store::db::Store;

/// A programme without a slot length is taken to fill this long when checking overlaps.
const DEFAULT_SLOT_SECONDS: i64 = 30 * 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    Recent,
    Frequent,
    DoubleBooked,
    PresentingElsewhere,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BookingWarning {
    pub kind: WarningKind,
    pub person_id: PersonId,
    pub name: String,
    pub message: String,
    /// The other programme the warning is about, when there is one.
    pub programme_id: Option<ProgrammeId>,
}

/// What is being booked: a programme (existing or not yet saved), its time, and who.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BookingCheck {
    /// The programme itself, so it is not compared with itself.
    pub programme_id: Option<ProgrammeId>,
    pub air_at: Option<DateTime<Utc>>,
    pub slot_seconds: Option<u32>,
    /// Guests by id, or by name (an unknown name is a new person: nothing to warn about).
    pub guests: Vec<GuestRef>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GuestRef {
    pub person_id: Option<PersonId>,
    pub name: String,
}

impl BookingCheck {
    /// A check from the editor's raw fields; a time or slot that does not parse yet is
    /// left out (the form reports it on save).
    pub fn from_form(
        programme_id: Option<ProgrammeId>,
        air: Option<&str>,
        time_zone: Option<&str>,
        slot: Option<&str>,
        guests: Vec<GuestRef>,
    ) -> Self {
        let schedule = crate::programme::form::DraftSchedule::read(air, time_zone, slot);
        BookingCheck {
            programme_id,
            air_at: schedule.air_at,
            slot_seconds: schedule.slot_seconds,
            guests,
        }
    }
}

struct Other {
    programme_id: ProgrammeId,
    title: String,
    air_at: DateTime<Utc>,
    slot_seconds: Option<u32>,
    time_zone: String,
    role: String,
}

impl Store {
    /// The warnings for booking `check.guests`, judged at the programme's air time
    /// (or `now` when it has none).
    pub fn booking_warnings(
        &self,
        check: &BookingCheck,
        now: DateTime<Utc>,
    ) -> Result<Vec<BookingWarning>> {
        let settings = self.booking_settings()?;
        let at = check.air_at.unwrap_or(now);
        let mut out = Vec::new();
        for g in &check.guests {
            let Some((person_id, name)) = self.guest_person(g)? else {
                continue;
            };
            let others = self.other_bookings(person_id, check.programme_id)?;
            let before: Vec<&Other> = others
                .iter()
                .filter(|o| o.air_at < at && o.role == "guest")
                .collect();
            let recent_from = at - Duration::days(settings.recent_days.into());
            if let Some(o) = before
                .iter()
                .filter(|o| o.air_at >= recent_from)
                .max_by_key(|o| o.air_at)
            {
                out.push(BookingWarning {
                    kind: WarningKind::Recent,
                    person_id,
                    name: name.clone(),
                    message: format!(
                        "{name} was on {} ({}), within {} days",
                        earlier(o, at),
                        o.title,
                        settings.recent_days
                    ),
                    programme_id: Some(o.programme_id),
                });
            }
            let in_90 = before
                .iter()
                .filter(|o| o.air_at >= at - Duration::days(90))
                .count();
            if in_90 > settings.max_in_90_days as usize {
                out.push(BookingWarning {
                    kind: WarningKind::Frequent,
                    person_id,
                    name: name.clone(),
                    message: format!(
                        "{name} has been on {in_90} times in the 90 days before this programme (more than {})",
                        settings.max_in_90_days
                    ),
                    programme_id: None,
                });
            }
            if let Some(air) = check.air_at {
                let end = air + Duration::seconds(slot(check.slot_seconds));
                for o in others.iter().filter(|o| {
                    o.air_at < end && air < o.air_at + Duration::seconds(slot(o.slot_seconds))
                }) {
                    let presenting = o.role == "presenter";
                    out.push(BookingWarning {
                        kind: if presenting {
                            WarningKind::PresentingElsewhere
                        } else {
                            WarningKind::DoubleBooked
                        },
                        person_id,
                        name: name.clone(),
                        message: format!(
                            "{name} is {} \"{}\" at the same time ({})",
                            if presenting {
                                "presenting"
                            } else {
                                "booked on"
                            },
                            o.title,
                            o.air_at.format("%-d %b %Y %H:%M UTC")
                        ),
                        programme_id: Some(o.programme_id),
                    });
                }
            }
        }
        Ok(out)
    }

    fn guest_person(&self, g: &GuestRef) -> Result<Option<(PersonId, String)>> {
        if let Some(id) = g.person_id {
            return Ok(self.get_person(id).ok().map(|p| (p.id, p.name)));
        }
        if g.name.trim().is_empty() {
            return Ok(None);
        }
        let first = self.find_people_by_name(&g.name)?.into_iter().next();
        Ok(first.map(|p| (p.id, p.name)))
    }

    /// The person's other dated, not cancelled programmes.
    fn other_bookings(&self, person: PersonId, except: Option<ProgrammeId>) -> Result<Vec<Other>> {
        let mut st = self.conn.prepare_cached(
            "SELECT g.id, g.title, g.air_at, g.slot_seconds, a.role, g.time_zone
             FROM appearance a JOIN programme g ON g.id = a.programme_id
             WHERE a.person_id = ?1 AND g.air_at IS NOT NULL AND g.status <> 'cancelled'
               AND (?2 IS NULL OR g.id <> ?2)",
        )?;
        let rows = st.query_map(params![person, except], |r| {
            Ok(Other {
                programme_id: r.get(0)?,
                title: r.get(1)?,
                air_at: DateTime::from_timestamp_millis(r.get(2)?).unwrap_or_default(),
                slot_seconds: r.get(3)?,
                role: r.get(4)?,
                time_zone: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn slot(s: Option<u32>) -> i64 {
    s.map(i64::from).unwrap_or(DEFAULT_SLOT_SECONDS)
}

/// When `o` was, from `at`'s point of view: "3 days earlier, on 13 May 2025". Days are
/// counted between calendar dates in the other programme's zone, the zone its date is
/// written in, so the count and the date always agree (16 May less 3 is 13 May).
fn earlier(o: &Other, at: DateTime<Utc>) -> String {
    let zone: Tz = o.time_zone.parse().unwrap_or(Tz::UTC);
    let on = o.air_at.with_timezone(&zone).date_naive();
    let date = on.format("%-d %b %Y");
    match (at.with_timezone(&zone).date_naive() - on).num_days() {
        0 => format!("earlier the same day, {date}"),
        1 => format!("the day before, on {date}"),
        n => format!("{n} days earlier, on {date}"),
    }
}
