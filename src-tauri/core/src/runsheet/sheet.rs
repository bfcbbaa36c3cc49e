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
    /// When the slot ends (air time + slot, in the show's zone): `19:55:00`.
    pub off_air: Option<String>,
    pub status: String,
    pub presenter: Option<String>,
    pub guests: Vec<BilledGuest>,
    pub framing: Vec<String>,
    pub segments: Vec<SheetRow>,
    /// Sum of planned durations, `24:15`.
    pub total: String,
    /// Against the slot: `0:45 over`, `2:10 to fill` or `on time`; `None` without a slot.
    pub over_under: Option<String>,
    /// The total runs past the slot: printed with emphasis.
    pub over: bool,
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
    /// Time left to the off-air time when the segment starts (`23:30`, `−1:30` past
    /// it); `None` without a slot.
    pub back_time: Option<String>,
    /// Planned duration, `1:30`.
    pub duration: String,
    /// Human label of the kind: `Cold open`, `Discussion`, …
    pub kind: String,
    pub title: String,
    pub people: Vec<String>,
    /// The framing question this segment covers, quoted in full.
    pub question: Option<String>,
    /// Its number among the framing questions.
    pub question_number: Option<u32>,
    pub notes: String,
    /// Where the rest is when a printed sheet leaves part of the notes or the
    /// question out (see [`crate::runsheet::printed`]); `None` when everything is there.
    pub notes_more: Option<String>,
    pub question_more: Option<String>,
}

impl RunSheet {
    /// Everything an export prints about `p`, formatted once here.
    pub fn from_programme(p: &crate::programme::model::Programme) -> Self {
        use crate::programme::duration::format_duration;
        let total: u32 = p
            .segments
            .iter()
            .fold(0u32, |a, s| a.saturating_add(s.duration_seconds));
        let zone = crate::programme::zone::Zone::named(&p.time_zone);
        RunSheet {
            series: p.series.clone(),
            title: p.title.clone(),
            air_display: p.air_display.clone(),
            time_zone: p.time_zone.clone(),
            slot: p.slot_seconds.map(format_duration),
            off_air: p
                .air_at
                .zip(p.slot_seconds)
                .map(|(at, slot)| crate::programme::timing::off_air(at, zone, slot)),
            status: p.status.as_str().to_string(),
            presenter: p.presenter.as_ref().map(|pr| pr.name.clone()),
            guests: p
                .guests
                .iter()
                .map(|g| BilledGuest {
                    name: g.name.clone(),
                    affiliation: g.affiliation.clone(),
                })
                .collect(),
            framing: p.framing.clone(),
            segments: p
                .segments
                .iter()
                .map(|s| SheetRow {
                    number: s.number,
                    start: s.start.clone(),
                    end: s.end.clone(),
                    back_time: p.slot_seconds.map(|slot| {
                        crate::programme::timing::back_time(slot, s.start_offset_seconds)
                    }),
                    duration: s.duration.clone(),
                    kind: s.kind.label().to_string(),
                    title: s.title.clone(),
                    people: s.people.iter().map(|pr| pr.name.clone()).collect(),
                    question: s
                        .question
                        .and_then(|q| p.framing.get(q as usize - 1))
                        .cloned(),
                    question_number: s.question,
                    notes: s.notes.clone(),
                    notes_more: None,
                    question_more: None,
                })
                .collect(),
            total: format_duration(total),
            over_under: p
                .slot_seconds
                .map(|slot| crate::programme::timing::over_under(total, slot)),
            over: p.slot_seconds.is_some_and(|slot| total > slot),
            clock_times: p.air_at.is_some(),
        }
    }
}
