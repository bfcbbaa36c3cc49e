//! The JSON archive: what it holds, and writing it.
//!
//! The document is `{"format": "greenroom-archive", "version": 1, "exportedAt",
//! "includesContacts", "people", "programmes", "seriesFormats"}`. Ids are the
//! database's own UUIDs, so an archive merges back by id. Everything is sorted (people
//! and programmes by id, formats by series; line-ups, framing and segments in their
//! order), so exporting the same data twice gives the same bytes apart from
//! `exportedAt`.
//!
//! `updatedAt` is information, not a rule: import never compares it (another
//! machine's clock decides nothing; see `seen.rs`).
//!
//! Left out on purpose: revisions (a counter local to each database: an import bumps
//! the importing database's own), merge history (an undo log of rows in this database),
//! settings (each installation's own thresholds), appearance ids (rewritten on every
//! save) and anything derived (display times, timing).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::ids::{PersonId, ProgrammeId, SegmentId};
use crate::people::profile::GenderSource;
use crate::programme::model::{Role, Status};
use crate::programme::segment::SegmentKind;
use crate::programme::series_format::FormatSegment;
use crate::store::db::Store;

/// The value of `format`: a file without it is not an archive.
pub const FORMAT: &str = "greenroom-archive";
/// The archive version this Greenroom writes and the newest it reads. A version is
/// bumped only when older readers would misread a file; fields added within a version
/// are optional, and readers ignore fields they do not know.
pub const VERSION: u32 = 1;
/// The largest archive file read. Far above what a desk produces in years (a
/// thousand programmes with full notes is a few MB); a bound, so that an endless
/// stream is refused instead of filling the memory.
pub const MAX_ARCHIVE_BYTES: usize = 256 << 20;

/// What an export includes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArchiveOptions {
    /// Email and phone are private: left out unless this is set.
    pub include_contacts: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Archive {
    pub format: &'static str,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    pub includes_contacts: bool,
    pub people: Vec<ArchivePerson>,
    pub programmes: Vec<ArchiveProgramme>,
    pub series_formats: Vec<ArchiveFormat>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    expecting = "a person (an object with id and name)"
)]
pub struct ArchivePerson {
    pub id: PersonId,
    pub name: String,
    pub honorific: Option<String>,
    pub affiliation: Option<String>,
    #[serde(default)]
    pub expertise: Vec<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    pub base_city: Option<String>,
    pub base_time_zone: Option<String>,
    #[serde(default)]
    pub notes: String,
    pub gender: Option<String>,
    pub gender_source: Option<GenderSource>,
    /// Present only in archives exported with contacts; an import without it leaves
    /// the contacts already in the database alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Contacts>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    expecting = "contacts (an object with email and phone)"
)]
pub struct Contacts {
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    expecting = "a programme (an object with id and title)"
)]
pub struct ArchiveProgramme {
    pub id: ProgrammeId,
    pub series: Option<String>,
    pub title: String,
    #[serde(default)]
    pub framing: Vec<String>,
    /// The line-up: the presenter first, then the guests in billing order.
    #[serde(default)]
    pub appearances: Vec<ArchiveAppearance>,
    /// The instant it airs (UTC).
    pub air_at: Option<DateTime<Utc>>,
    /// The IANA zone the air time is shown in.
    #[serde(default = "utc")]
    pub time_zone: String,
    pub slot_seconds: Option<u32>,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub segments: Vec<ArchiveSegment>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn utc() -> String {
    "UTC".into()
}

/// A person on a programme, billed as they were on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    expecting = "an appearance (an object with personId and role)"
)]
pub struct ArchiveAppearance {
    pub person_id: PersonId,
    pub role: Role,
    pub affiliation: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    expecting = "a segment (an object with kind and durationSeconds)"
)]
pub struct ArchiveSegment {
    /// Its id in the running order (absent from archives written before segments
    /// had ids: they get the ids an upgraded database gives its old segments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<SegmentId>,
    pub kind: SegmentKind,
    #[serde(default)]
    pub title: String,
    pub duration_seconds: u32,
    /// Ids of people on the programme's line-up.
    #[serde(default)]
    pub people: Vec<PersonId>,
    /// 1-based framing item.
    pub question: Option<u32>,
    #[serde(default)]
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    expecting = "a series format (an object with series and segments)"
)]
pub struct ArchiveFormat {
    pub series: String,
    pub segments: Vec<FormatSegment>,
    pub updated_at: DateTime<Utc>,
}

impl Archive {
    /// Pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> Result<String> {
        let mut s = serde_json::to_string_pretty(self).map_err(|e| crate::Error::Export {
            message: e.to_string(),
        })?;
        s.push('\n');
        Ok(s)
    }
}

impl Store {
    /// The whole archive, as of now.
    pub fn export_archive(&self, options: &ArchiveOptions) -> Result<Archive> {
        // One read transaction, so people and programmes are of the same moment.
        let tx = self.conn.unchecked_transaction()?;
        let archive = Archive {
            format: FORMAT,
            version: VERSION,
            exported_at: super::to_archive::instant(Utc::now().timestamp_millis()),
            includes_contacts: options.include_contacts,
            people: super::to_archive::people(&tx, None, options.include_contacts)?,
            programmes: super::to_archive::programmes(&tx, None)?,
            series_formats: super::to_archive::formats(&tx)?,
        };
        tx.finish()?;
        // Remembered so that a copy coming back edited elsewhere replaces ours if ours
        // was not edited here meanwhile. Not remembering (a read-only or full disk)
        // loses no data, only that knowledge: such a copy is then kept with a warning.
        super::seen::remember_export(self, &archive).ok();
        Ok(archive)
    }
}
