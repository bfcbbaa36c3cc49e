//! Back-timing: where each segment starts and ends, the running total, and how the
//! total compares with the slot.

use crate::zone::Zone;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::duration::format_duration;

/// Start and end of each segment, in seconds from the top of the show.
pub fn offsets(durations: &[u32]) -> Vec<(u32, u32)> {
    let mut at = 0u32;
    durations
        .iter()
        .map(|d| {
            let start = at;
            at = at.saturating_add(*d);
            (start, at)
        })
        .collect()
}

/// A clock time in the show's zone (`19:31:30`), or the offset from the top
/// (`01:30`, `1:02:30`) when there is no air time.
pub fn clock(air_at: Option<DateTime<Utc>>, zone: Zone, offset: u32) -> String {
    match air_at {
        Some(at) => (at + Duration::seconds(offset.into()))
            .with_timezone(&zone)
            .format("%H:%M:%S")
            .to_string(),
        None if offset >= 3600 => format_duration(offset),
        None => format!("{:02}:{:02}", offset / 60, offset % 60),
    }
}

/// `+0:45 over`, `2:10 to fill`, or `on time`.
pub fn over_under(total: u32, slot: u32) -> String {
    match total.cmp(&slot) {
        std::cmp::Ordering::Greater => format!("+{} over", format_duration(total - slot)),
        std::cmp::Ordering::Less => format!("{} to fill", format_duration(slot - total)),
        std::cmp::Ordering::Equal => "on time".into(),
    }
}

/// The timing of a running order that is still being typed: what the editor shows
/// live. A duration that does not parse yet counts as zero and is reported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimingPreview {
    pub rows: Vec<RowTiming>,
    pub total_seconds: u32,
    pub total: String,
    pub over_under: Option<String>,
    /// Seconds over the slot (positive) or under it (negative).
    pub over_seconds: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowTiming {
    pub start: String,
    pub end: String,
    pub duration_seconds: u32,
    pub error: Option<String>,
}

pub fn preview(
    air_at: Option<DateTime<Utc>>,
    zone: Zone,
    slot_seconds: Option<u32>,
    durations: &[Result<u32, String>],
) -> TimingPreview {
    let secs: Vec<u32> = durations
        .iter()
        .map(|d| *d.as_ref().unwrap_or(&0))
        .collect();
    let total = secs.iter().fold(0u32, |a, b| a.saturating_add(*b));
    let rows = offsets(&secs)
        .into_iter()
        .zip(durations)
        .map(|((s, e), d)| RowTiming {
            start: clock(air_at, zone, s),
            end: clock(air_at, zone, e),
            duration_seconds: e - s,
            error: d.as_ref().err().cloned(),
        })
        .collect();
    TimingPreview {
        rows,
        total_seconds: total,
        total: format_duration(total),
        over_under: slot_seconds.map(|s| over_under(total, s)),
        over_seconds: slot_seconds.map(|s| i64::from(total) - i64::from(s)),
    }
}

/// [`preview`] from the form's raw text, read as a [`crate::form::DraftSchedule`]: an
/// air time, zone or slot that does not parse yet is left out rather than failing.
pub fn preview_form(
    air: Option<&str>,
    time_zone: Option<&str>,
    slot: Option<&str>,
    durations: &[String],
) -> TimingPreview {
    let schedule = crate::form::DraftSchedule::read(air, time_zone, slot);
    let parsed: Vec<Result<u32, String>> = durations
        .iter()
        .map(|d| {
            crate::duration::parse_duration("duration", d).map_err(|e| match e {
                crate::Error::Validation { message, .. } => message,
                e => e.to_string(),
            })
        })
        .collect();
    preview(
        schedule.air_at,
        schedule.zone,
        schedule.slot_seconds,
        &parsed,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_times_from_the_air_time_in_the_show_zone() {
        let at = "2025-05-16T16:30:00Z".parse::<DateTime<Utc>>().unwrap();
        let o = offsets(&[60, 90, 1200]);
        assert_eq!(o, vec![(0, 60), (60, 150), (150, 1350)]);
        assert_eq!(
            clock(Some(at), Zone::Iana(chrono_tz::Tz::Asia__Qatar), o[2].0),
            "19:32:30"
        );
        assert_eq!(
            clock(Some(at), Zone::Iana(chrono_tz::Tz::Asia__Qatar), o[2].1),
            "19:52:30"
        );
        assert_eq!(clock(None, Zone::UTC, 90), "01:30");
        assert_eq!(clock(None, Zone::UTC, 3750), "1:02:30");
    }

    #[test]
    fn over_and_under_the_slot() {
        assert_eq!(over_under(1545, 1500), "+0:45 over");
        assert_eq!(over_under(1370, 1500), "2:10 to fill");
        assert_eq!(over_under(1500, 1500), "on time");
    }

    #[test]
    fn a_form_preview_tolerates_half_typed_fields() {
        let d = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let p = preview_form(
            Some("2025-05-16T19:30"),
            Some("Asia/Qatar"),
            Some("25m"),
            &d(&["1:30", "20m"]),
        );
        assert_eq!(p.rows[1].start, "19:31:30");
        assert_eq!(p.over_under.as_deref(), Some("3:30 to fill"));
        let p = preview_form(
            Some("2025-05-1"),
            Some("Asia/Qat"),
            Some("2"),
            &d(&["1:3x"]),
        );
        assert_eq!(p.rows[0].start, "00:00");
        assert!(p.rows[0]
            .error
            .as_deref()
            .unwrap()
            .contains("not a duration"));
        assert_eq!(p.over_under, None);
    }

    #[test]
    fn a_preview_counts_bad_durations_as_zero_and_says_so() {
        let p = preview(
            None,
            Zone::UTC,
            Some(300),
            &[Ok(60), Err("bad".into()), Ok(30)],
        );
        assert_eq!(p.rows[2].start, "01:00");
        assert_eq!(p.rows[1].error.as_deref(), Some("bad"));
        assert_eq!(p.total, "1:30");
        assert_eq!(p.over_under.as_deref(), Some("3:30 to fill"));
        assert_eq!(p.over_seconds, Some(-210));
    }
}
