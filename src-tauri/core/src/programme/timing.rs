//! Back-timing: where each segment starts and ends, how long is left to the off-air
//! time when it starts, the running total, and how the total compares with the slot.

use crate::programme::zone::Zone;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::programme::duration::format_duration;

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

/// `0:45 over`, `2:10 to fill`, or `on time`. No sign: the words say which way, and
/// a leading `+` would need escaping in Markdown and read as `\+` in plain text.
pub fn over_under(total: u32, slot: u32) -> String {
    match total.cmp(&slot) {
        std::cmp::Ordering::Greater => format!("{} over", format_duration(total - slot)),
        std::cmp::Ordering::Less => format!("{} to fill", format_duration(slot - total)),
        std::cmp::Ordering::Equal => "on time".into(),
    }
}

/// The back-time of a segment starting `start` seconds in: what is left of the slot
/// at that moment (`23:30`), or how far past the off-air time it starts (`−1:30`,
/// with a minus sign, which no Markdown reader takes for a list).
pub fn back_time(slot: u32, start: u32) -> String {
    if start <= slot {
        format_duration(slot - start)
    } else {
        format!("\u{2212}{}", format_duration(start - slot))
    }
}

/// When the slot ends, in the show's zone: `19:55:00`, with the day in front when
/// it is not the air date (`Sat 17 May 00:15:00`).
pub fn off_air(air_at: DateTime<Utc>, zone: Zone, slot: u32) -> String {
    let on = air_at.with_timezone(&zone);
    let off = (air_at + Duration::seconds(slot.into())).with_timezone(&zone);
    if off.date_naive() == on.date_naive() {
        off.format("%H:%M:%S").to_string()
    } else {
        off.format("%a %-d %b %H:%M:%S").to_string()
    }
}

/// A duration as typed into the editor, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Typed {
    Seconds(u32),
    /// Nothing typed yet: not a mistake while editing, but not a length either.
    Blank,
    Invalid(String),
}

/// The timing of a running order that is still being typed: what the editor shows
/// live. A duration that is blank or does not parse has no length, so every time
/// after it is unknown and the total says it is incomplete rather than taking it as 0.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimingPreview {
    pub rows: Vec<RowTiming>,
    /// The sum of the durations that are known.
    pub total_seconds: u32,
    /// `24:30`, or `24:30 + 1 invalid` / `24:30 + 2 without duration` while incomplete.
    pub total: String,
    /// Durations that are typed but do not parse, and those not typed yet.
    pub invalid: u32,
    pub blank: u32,
    /// Against the slot; `None` without a slot or while the total is incomplete.
    pub over_under: Option<String>,
    /// Seconds over the slot (positive) or under it (negative), as `over_under`.
    pub over_seconds: Option<i64>,
    /// When the slot ends, with an air time and a slot.
    pub off_air: Option<String>,
}

/// One row's timing; `None` where an earlier duration is unknown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowTiming {
    pub start: Option<String>,
    pub end: Option<String>,
    /// Time left to the off-air time when the segment starts; needs a slot.
    pub back_time: Option<String>,
    pub duration_seconds: Option<u32>,
    pub error: Option<String>,
}

pub fn preview(
    air_at: Option<DateTime<Utc>>,
    zone: Zone,
    slot_seconds: Option<u32>,
    durations: &[Typed],
) -> TimingPreview {
    let mut at = Some(0u32);
    let mut total = 0u32;
    let (mut invalid, mut blank) = (0u32, 0u32);
    let mut rows = Vec::with_capacity(durations.len());
    for d in durations {
        let start = at;
        let length = match d {
            Typed::Seconds(s) => Some(*s),
            Typed::Blank => {
                blank += 1;
                None
            }
            Typed::Invalid(_) => {
                invalid += 1;
                None
            }
        };
        total = total.saturating_add(length.unwrap_or(0));
        at = start.zip(length).map(|(s, l)| s.saturating_add(l));
        rows.push(RowTiming {
            start: start.map(|s| clock(air_at, zone, s)),
            end: at.map(|e| clock(air_at, zone, e)),
            back_time: start.zip(slot_seconds).map(|(s, slot)| back_time(slot, s)),
            duration_seconds: length,
            error: match d {
                Typed::Invalid(e) => Some(e.clone()),
                _ => None,
            },
        });
    }
    let complete = invalid == 0 && blank == 0;
    let slot = slot_seconds.filter(|_| complete);
    TimingPreview {
        rows,
        total_seconds: total,
        total: total_text(total, invalid, blank),
        invalid,
        blank,
        over_under: slot.map(|s| over_under(total, s)),
        over_seconds: slot.map(|s| i64::from(total) - i64::from(s)),
        off_air: air_at.zip(slot_seconds).map(|(a, s)| off_air(a, zone, s)),
    }
}

/// `24:30`, `24:30 + 1 invalid`, `24:30 + 1 invalid + 2 without duration`.
fn total_text(total: u32, invalid: u32, blank: u32) -> String {
    let mut text = format_duration(total);
    if invalid > 0 {
        text.push_str(&format!(" + {invalid} invalid"));
    }
    if blank > 0 {
        text.push_str(&format!(" + {blank} without duration"));
    }
    text
}

/// [`preview`] from the form's raw text, read as a [`crate::programme::form::DraftSchedule`]: an
/// air time, zone or slot that does not parse yet is left out rather than failing.
pub fn preview_form(
    air: Option<&str>,
    time_zone: Option<&str>,
    slot: Option<&str>,
    durations: &[String],
) -> TimingPreview {
    let schedule = crate::programme::form::DraftSchedule::read(air, time_zone, slot);
    let typed: Vec<Typed> = durations
        .iter()
        .map(|d| {
            if d.trim().is_empty() {
                return Typed::Blank;
            }
            match crate::programme::duration::parse_duration("duration", d) {
                Ok(s) => Typed::Seconds(s),
                Err(crate::Error::Validation { message, .. }) => Typed::Invalid(message),
                Err(e) => Typed::Invalid(e.to_string()),
            }
        })
        .collect();
    preview(
        schedule.air_at,
        schedule.zone,
        schedule.slot_seconds,
        &typed,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doha_1930() -> DateTime<Utc> {
        "2025-05-16T16:30:00Z".parse().unwrap()
    }

    #[test]
    fn back_times_from_the_air_time_in_the_show_zone() {
        let at = doha_1930();
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
    fn over_and_under_the_slot_read_as_words_without_a_sign() {
        assert_eq!(over_under(1545, 1500), "0:45 over");
        assert_eq!(over_under(1370, 1500), "2:10 to fill");
        assert_eq!(over_under(1500, 1500), "on time");
    }

    #[test]
    fn back_time_is_what_is_left_of_the_slot_when_a_segment_starts() {
        assert_eq!(back_time(1500, 0), "25:00");
        assert_eq!(back_time(1500, 90), "23:30");
        assert_eq!(back_time(1500, 1500), "0:00");
        assert_eq!(back_time(1500, 1590), "\u{2212}1:30");
        assert_eq!(back_time(5400, 0), "1:30:00");
    }

    #[test]
    fn off_air_is_the_air_time_plus_the_slot_in_the_show_zone() {
        assert_eq!(
            off_air(doha_1930(), Zone::Iana(chrono_tz::Tz::Asia__Qatar), 1500),
            "19:55:00"
        );
        // 23:50 in Doha plus 25 minutes is past midnight: the day is named.
        let late = "2025-05-16T20:50:00Z".parse().unwrap();
        assert_eq!(
            off_air(late, Zone::Iana(chrono_tz::Tz::Asia__Qatar), 1500),
            "Sat 17 May 00:15:00"
        );
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
        assert_eq!(p.rows[1].start.as_deref(), Some("19:31:30"));
        assert_eq!(p.rows[1].back_time.as_deref(), Some("23:30"));
        assert_eq!(p.over_under.as_deref(), Some("3:30 to fill"));
        assert_eq!(p.off_air.as_deref(), Some("19:55:00"));
        let p = preview_form(
            Some("2025-05-1"),
            Some("Asia/Qat"),
            Some("2"),
            &d(&["1:3x"]),
        );
        assert_eq!(p.rows[0].start.as_deref(), Some("00:00"));
        assert_eq!(p.rows[0].back_time, None);
        assert!(p.rows[0]
            .error
            .as_deref()
            .unwrap()
            .contains("not a duration"));
        assert_eq!(p.over_under, None);
        assert_eq!(p.off_air, None);
    }

    #[test]
    fn an_invalid_duration_leaves_the_total_incomplete_not_counted_as_zero() {
        let p = preview(
            None,
            Zone::UTC,
            Some(300),
            &[
                Typed::Seconds(60),
                Typed::Invalid("bad".into()),
                Typed::Seconds(30),
            ],
        );
        assert_eq!(p.rows[1].start.as_deref(), Some("01:00"));
        assert_eq!(p.rows[1].back_time.as_deref(), Some("4:00"));
        assert_eq!(p.rows[1].error.as_deref(), Some("bad"));
        // Everything after the unknown length is unknown too.
        assert_eq!(p.rows[1].end, None);
        assert_eq!(p.rows[2].start, None);
        assert_eq!(p.rows[2].back_time, None);
        assert_eq!(p.total, "1:30 + 1 invalid");
        assert_eq!((p.invalid, p.blank), (1, 0));
        assert_eq!(p.over_under, None);
        assert_eq!(p.over_seconds, None);
    }

    #[test]
    fn a_blank_duration_is_named_apart_from_an_invalid_one() {
        let d = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let p = preview_form(None, None, Some("25m"), &d(&["5m", " ", "1:3x", ""]));
        assert_eq!(p.total, "5:00 + 1 invalid + 2 without duration");
        assert_eq!(p.rows[1].error, None);
        assert_eq!(p.over_under, None);
        let p = preview_form(None, None, Some("25m"), &d(&["5m"]));
        assert_eq!(p.total, "5:00");
        assert_eq!(p.over_under.as_deref(), Some("20:00 to fill"));
    }
}
