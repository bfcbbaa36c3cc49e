//! What a programme and a person look like to the CLI and the UI (camelCase JSON).

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::ids::{PersonId, ProgrammeId};
use crate::programme::segment::{Segment, SegmentInput};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Draft,
    Planned,
    Confirmed,
    Aired,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::Planned,
        Status::Confirmed,
        Status::Aired,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Planned => "planned",
            Status::Confirmed => "confirmed",
            Status::Aired => "aired",
            Status::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.trim();
        Status::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                Error::validation(
                    "status",
                    format!("{s:?} is not a status (draft, planned, confirmed, aired, cancelled)"),
                )
            })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Presenter,
    Guest,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Presenter => "presenter",
            Role::Guest => "guest",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonRef {
    pub id: PersonId,
    pub name: String,
}

/// A guest as billed on one programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Guest {
    pub person_id: PersonId,
    pub name: String,
    pub affiliation: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Programme {
    pub id: ProgrammeId,
    pub series: Option<String>,
    pub title: String,
    pub framing: Vec<String>,
    pub presenter: Option<PersonRef>,
    pub guests: Vec<Guest>,
    /// The instant it airs, RFC 3339 in UTC.
    pub air_at: Option<DateTime<Utc>>,
    /// Wall-clock air time in `time_zone` (`2025-05-16T19:30`), for editing.
    pub air_local: Option<String>,
    /// Air time as people read it, with its zone.
    pub air_display: Option<String>,
    pub time_zone: String,
    pub slot_seconds: Option<u32>,
    pub status: Status,
    pub notes: String,
    pub segments: Vec<Segment>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub revision: i64,
}

/// One row of the programme list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeSummary {
    pub id: ProgrammeId,
    pub title: String,
    pub series: Option<String>,
    pub air_at: Option<DateTime<Utc>>,
    pub air_display: Option<String>,
    pub time_zone: String,
    pub status: Status,
    pub presenter: Option<String>,
    pub guests: Vec<String>,
    pub revision: i64,
}

/// A person as typed into a form: an existing person by id, or a name that is
/// matched (case-insensitively) against the directory and created if new.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PersonInput {
    pub person_id: Option<PersonId>,
    pub name: String,
    pub affiliation: Option<String>,
}

/// A programme as a user submits it: text as typed, parsed and validated by the core.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProgrammeInput {
    pub series: Option<String>,
    pub title: String,
    pub framing: Vec<String>,
    pub presenter: Option<PersonInput>,
    pub guests: Vec<PersonInput>,
    /// RFC 3339 (`2025-05-16T19:30:00+03:00`) or local (`2025-05-16T19:30`) in `time_zone`.
    pub air: Option<String>,
    /// IANA zone; defaults to the zone the air time's offset names, else UTC.
    pub time_zone: Option<String>,
    /// `25m`, `1500s`, `25:00`…
    pub slot: Option<String>,
    pub status: Status,
    pub notes: String,
    /// The running order; `None` keeps the stored one (a new programme then starts
    /// from its series' format).
    pub segments: Option<Vec<SegmentInput>>,
}

impl Programme {
    /// The form that would save this programme unchanged; edits start from it.
    pub fn to_input(&self) -> ProgrammeInput {
        ProgrammeInput {
            series: self.series.clone(),
            title: self.title.clone(),
            framing: self.framing.clone(),
            presenter: self.presenter.as_ref().map(|p| PersonInput {
                person_id: Some(p.id),
                name: p.name.clone(),
                affiliation: None,
            }),
            guests: self
                .guests
                .iter()
                .map(|g| PersonInput {
                    person_id: Some(g.person_id),
                    name: g.name.clone(),
                    affiliation: g.affiliation.clone(),
                })
                .collect(),
            air: self.air_at.map(|a| a.to_rfc3339()),
            time_zone: Some(self.time_zone.clone()),
            slot: self.slot_seconds.map(|s| format!("{s}s")),
            status: self.status,
            notes: self.notes.clone(),
            segments: Some(self.segments.iter().map(Segment::to_input).collect()),
        }
    }
}
