//! Air times: stored as UTC instants, shown in the programme's zone (an IANA zone or a
//! fixed offset, see [`Zone`]).

use chrono::{
    DateTime, Datelike, FixedOffset, MappedLocalTime, NaiveDateTime, TimeZone, Timelike, Utc,
};

use crate::error::{Error, Result};
pub use crate::programme::zone::Zone;

/// Air times outside these years are refused, in UTC and in the programme's zone: a
/// year of five digits cannot be written back as RFC 3339, so such a time could be
/// stored but never edited or exported.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// Parses a zone: an IANA name such as `Asia/Qatar`, or an offset such as `UTC+05:30`.
pub fn parse_zone(name: &str) -> Result<Zone> {
    name.parse()
}

/// Parses an air time. A time with an offset (`2025-05-16T19:30:00+03:00`, seconds
/// optional) is an instant by itself; a local time without one (`2025-05-16T19:30` or
/// `2025-05-16 19:30`) is read in `zone`. Returns the instant and the zone to show it
/// in: `zone` if given, else the zone the offset names (`UTC`, `Etc/GMT-3` for
/// `+03:00`, `UTC+05:30` for `+05:30`). A local time the clocks pass twice is an
/// [`Error::AmbiguousTime`] naming both readings; one they skip is refused.
pub fn parse_air(text: &str, zone: Option<Zone>) -> Result<(DateTime<Utc>, Zone)> {
    let t = text.trim();
    let normalised = t.replacen(' ', "T", 1);
    let with_offset = DateTime::<FixedOffset>::parse_from_rfc3339(&normalised)
        .or_else(|_| DateTime::parse_from_str(&normalised, "%Y-%m-%dT%H:%M%#z"));
    if let Ok(dt) = with_offset {
        let zone = match zone {
            Some(z) => z,
            None => Zone::for_offset(*dt.offset()).ok_or_else(|| {
                Error::validation(
                    "air",
                    format!(
                        "the offset {} is not in use (offsets run from -12:00 to +14:00)",
                        dt.offset()
                    ),
                )
            })?,
        };
        let at = dt.with_timezone(&Utc);
        return in_range(at, zone).map(|at| (at, zone));
    }
    let naive = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&normalised, f).ok())
        .ok_or_else(|| {
            Error::validation(
                "air",
                format!(
                    "{t:?} is not a date and time (write 2025-05-16T19:30:00+03:00, or \
                     2025-05-16 19:30 with a time zone)"
                ),
            )
        })?;
    let zone = zone.unwrap_or_default();
    let at = match zone.from_local_datetime(&naive) {
        MappedLocalTime::Single(dt) => dt.with_timezone(&Utc),
        MappedLocalTime::Ambiguous(first, second) => {
            let time = if naive.second() == 0 {
                "%H:%M"
            } else {
                "%H:%M:%S"
            };
            let reading =
                |dt: DateTime<Zone>| dt.format(&format!("%Y-%m-%dT{time}%:z")).to_string();
            return Err(Error::AmbiguousTime {
                field: "air".into(),
                local: naive.format("%Y-%m-%d %H:%M").to_string(),
                zone: zone.name(),
                readings: [reading(first), reading(second)],
            });
        }
        MappedLocalTime::None => {
            return Err(Error::validation(
                "air",
                format!(
                    "{} does not exist in {zone}: the clocks go forward over it; give a time \
                     before or after the change",
                    naive.format("%Y-%m-%d %H:%M")
                ),
            ))
        }
    };
    in_range(at, zone).map(|at| (at, zone))
}

fn in_range(at: DateTime<Utc>, zone: Zone) -> Result<DateTime<Utc>> {
    if YEARS.contains(&at.year()) && YEARS.contains(&at.with_timezone(&zone).year()) {
        return Ok(at);
    }
    Err(Error::validation(
        "air",
        format!(
            "is outside the years {} to {} (in UTC or in {zone})",
            YEARS.start(),
            YEARS.end()
        ),
    ))
}

/// The wall-clock time in the show's zone, as a `datetime-local` input wants it.
pub fn local_input(at: DateTime<Utc>, zone: Zone) -> String {
    at.with_timezone(&zone).format("%Y-%m-%dT%H:%M").to_string()
}

/// How an air time is shown to people: `Fri 16 May 2025 19:30 +03 (Asia/Qatar)`.
pub fn display(at: DateTime<Utc>, zone: Zone) -> String {
    let local = at.with_timezone(&zone);
    format!("{} ({zone})", local.format("%a %-d %b %Y %H:%M %Z"))
}

/// Every IANA zone name, for a picker.
pub fn zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Tz;

    const LONDON: Option<Zone> = Some(Zone::Iana(Tz::Europe__London));

    #[test]
    fn an_offset_is_an_instant() {
        let qatar = Some(Zone::Iana(Tz::Asia__Qatar));
        let (at, zone) = parse_air("2025-05-16T19:30:00+03:00", qatar).unwrap();
        assert_eq!(at.to_rfc3339(), "2025-05-16T16:30:00+00:00");
        assert_eq!(display(at, zone), "Fri 16 May 2025 19:30 +03 (Asia/Qatar)");
        assert_eq!(local_input(at, zone), "2025-05-16T19:30");
        let (same, _) = parse_air("2025-05-16T19:30+03:00", qatar).unwrap();
        assert_eq!(same, at);
    }

    #[test]
    fn an_offset_without_a_zone_names_a_fixed_zone() {
        let (_, zone) = parse_air("2025-05-16T19:30:00+03:00", None).unwrap();
        assert_eq!(zone.name(), "Etc/GMT-3");
        let (_, zone) = parse_air("2025-05-16T19:30:00Z", None).unwrap();
        assert_eq!(zone.name(), "UTC");
    }

    #[test]
    fn an_offset_of_part_hours_keeps_its_own_zone() {
        for (air, zone, shown) in [
            (
                "2025-05-16T19:30:00+05:30",
                "UTC+05:30",
                "Fri 16 May 2025 19:30 +05:30 (UTC+05:30)",
            ),
            (
                "2025-05-16T19:30+05:45",
                "UTC+05:45",
                "Fri 16 May 2025 19:30 +05:45 (UTC+05:45)",
            ),
            (
                "2025-05-16T19:30:00-03:30",
                "UTC-03:30",
                "Fri 16 May 2025 19:30 -03:30 (UTC-03:30)",
            ),
        ] {
            let (at, z) = parse_air(air, None).unwrap();
            assert_eq!(z.name(), zone, "{air}");
            assert_eq!(display(at, z), shown);
            assert_eq!(local_input(at, z), "2025-05-16T19:30");
            // Stored by name and read back, a local time is read in the same offset.
            let (again, _) = parse_air("2025-05-16 19:30", Some(Zone::named(zone))).unwrap();
            assert_eq!(again, at, "{air}");
        }
        let e = parse_air("2025-05-16T19:30:00+15:00", None).unwrap_err();
        assert_eq!(e.field(), Some("air"));
    }

    #[test]
    fn a_local_time_is_read_in_the_zone() {
        let (at, _) = parse_air("2025-01-10 20:00", LONDON).unwrap();
        assert_eq!(at.to_rfc3339(), "2025-01-10T20:00:00+00:00");
        let (at, _) = parse_air("2025-07-10T20:00", LONDON).unwrap();
        assert_eq!(at.to_rfc3339(), "2025-07-10T19:00:00+00:00");
    }

    #[test]
    fn a_local_time_the_clocks_pass_twice_names_both_readings() {
        let e = parse_air("2025-10-26 01:30", LONDON).unwrap_err();
        assert_eq!(e.code(), "ambiguous_time");
        assert_eq!(e.field(), Some("air"));
        let Error::AmbiguousTime { readings, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(
            readings,
            &[
                "2025-10-26T01:30+01:00".to_string(),
                "2025-10-26T01:30+00:00".to_string()
            ]
        );
        let msg = e.to_string();
        assert!(
            msg.contains("2025-10-26T01:30+01:00") && msg.contains("+00:00"),
            "{msg}"
        );
        // Either reading, given back with its offset, is one instant in the zone.
        let (bst, z) = parse_air(&readings[0], LONDON).unwrap();
        let (gmt, _) = parse_air(&readings[1], LONDON).unwrap();
        assert_eq!(z.name(), "Europe/London");
        assert_eq!(gmt - bst, chrono::Duration::hours(1));
    }

    #[test]
    fn a_local_time_the_clocks_skip_is_refused() {
        let gap = parse_air("2025-03-30 01:30", LONDON).unwrap_err();
        assert_eq!(gap.field(), Some("air"));
        assert!(
            gap.to_string().contains("does not exist in Europe/London"),
            "{gap}"
        );
    }

    #[test]
    fn times_outside_the_years_1900_to_9999_are_refused() {
        for (t, zone) in [
            ("9999-12-31T23:30:00-05:00", None),
            ("9999-12-31T20:00", Some(Zone::Iana(Tz::America__New_York))),
            ("9999-12-31T23:30:00Z", Some(Zone::Iana(Tz::Asia__Tokyo))),
            ("1899-12-31T23:00:00Z", None),
            ("0001-01-01T00:00", None),
        ] {
            let e = parse_air(t, zone).unwrap_err();
            assert_eq!(e.field(), Some("air"), "{t}");
            assert!(e.to_string().contains("1900 to 9999"), "{e}");
        }
        assert!(parse_air("9999-12-31T23:30:00Z", None).is_ok());
        assert!(parse_air("1900-01-01T00:00:00Z", None).is_ok());
    }

    #[test]
    fn refuses_bad_times_and_zones() {
        for t in [
            "",
            "tomorrow",
            "2025-13-01T10:00",
            "2025-02-30 10:00",
            "2025-05-16T25:00",
        ] {
            assert_eq!(parse_air(t, None).unwrap_err().field(), Some("air"), "{t}");
        }
        assert_eq!(
            parse_zone("Mars/Olympus").unwrap_err().field(),
            Some("timeZone")
        );
    }
}
