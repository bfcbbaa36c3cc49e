//! The run-sheet as exports see it: everything already worked out and formatted
//! (clock times in the show's zone, durations as `m:ss`), so that the Markdown and PDF
//! renderers only lay text out and never compute or interpret it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunSheet {
    pub series: Option<String>,
    pub title: String,
    /// `Fri 16 May 2025 19:30 +03 (Asia/Qatar)`, or `None` when no air time is set.
    pub air_display: Option<String>,
    pub time_zone: String,
    /// Slot length as `25:00`.
    pub slot: Option<String>,
    pub status: String,
    pub presenter: Option<String>,
    pub guests: Vec<BilledGuest>,
    pub framing: Vec<String>,
    pub segments: Vec<SheetRow>,
    /// Sum of planned durations, `24:15`.
    pub total: String,
    /// Against the slot: `+0:45 over`, `2:10 to fill` or `on time`; `None` without a slot.
    pub over_under: Option<String>,
    /// Whether start/end are clock times (`19:30:00`) or relative (`00:00`).
    pub clock_times: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BilledGuest {
    pub name: String,
    pub affiliation: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetRow {
    /// 1-based position in the running order.
    pub number: u32,
    /// `19:30:00` (clock, in the show's zone) or `01:30` (from the top of the show).
    pub start: String,
    pub end: String,
    /// Planned duration, `1:30`.
    pub duration: String,
    /// Human label of the kind: `Cold open`, `Discussion`, …
    pub kind: String,
    pub title: String,
    pub people: Vec<String>,
    /// The framing question this segment covers, quoted in full.
    pub question: Option<String>,
    pub notes: String,
}
