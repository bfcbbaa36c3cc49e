//! Air times: stored as UTC instants, shown in the programme's IANA time zone.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// Parses an IANA zone name such as `Asia/Qatar`.
pub fn parse_zone(name: &str) -> Result<Tz> {
    let n = name.trim();
    n.parse::<Tz>().map_err(|_| {
        Error::validation(
            "timeZone",
            format!("{n:?} is not an IANA time zone (for example Asia/Qatar or Europe/London)"),
        )
    })
}

/// Parses an air time. An RFC 3339 time with an offset is an instant by itself; a
/// local time without an offset (`2025-05-16T19:30` or `2025-05-16 19:30`) is read in
/// `zone`. Returns the instant and the zone to show it in: `zone` if given, else the
/// zone that the offset names (`UTC`, or `Etc/GMT-3` for `+03:00`).
pub fn parse_air(text: &str, zone: Option<Tz>) -> Result<(DateTime<Utc>, Tz)> {
    let t = text.trim();
    let normalised = t.replacen(' ', "T", 1);
    if let Ok(dt) = DateTime::<FixedOffset>::parse_from_rfc3339(&normalised) {
        let zone = zone.unwrap_or_else(|| zone_for_offset(dt.offset()));
        return Ok((dt.with_timezone(&Utc), zone));
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
    let zone = zone.unwrap_or(Tz::UTC);
    let local = match zone.from_local_datetime(&naive) {
        LocalResult::Single(dt) => dt,
        // A clock set back: the first of the two readings is the one a schedule means.
        LocalResult::Ambiguous(first, _) => first,
        LocalResult::None => {
            return Err(Error::validation(
                "air",
                format!("{t} does not exist in {zone} (the clocks skip it)"),
            ))
        }
    };
    Ok((local.with_timezone(&Utc), zone))
}

/// The wall-clock time in the show's zone, as a `datetime-local` input wants it.
pub fn local_input(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m-%dT%H:%M").to_string()
}

/// How an air time is shown to people: `Fri 16 May 2025 19:30 +03 (Asia/Qatar)`.
pub fn display(at: DateTime<Utc>, zone: Tz) -> String {
    let local = at.with_timezone(&zone);
    format!(
        "{} ({})",
        local.format("%a %-d %b %Y %H:%M %Z"),
        zone.name()
    )
}

fn zone_for_offset(offset: &FixedOffset) -> Tz {
    let secs = offset.local_minus_utc();
    if secs != 0 && secs % 3600 == 0 && (-12..=14).contains(&(secs / 3600)) {
        // POSIX-style names invert the sign: Etc/GMT-3 is three hours ahead of UTC.
        let name = format!("Etc/GMT{:+}", -secs / 3600);
        if let Ok(tz) = name.parse() {
            return tz;
        }
    }
    Tz::UTC
}

/// Every IANA zone name, for a picker.
pub fn zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offset_is_an_instant() {
        let (at, zone) = parse_air("2025-05-16T19:30:00+03:00", Some(Tz::Asia__Qatar)).unwrap();
        assert_eq!(at.to_rfc3339(), "2025-05-16T16:30:00+00:00");
        assert_eq!(display(at, zone), "Fri 16 May 2025 19:30 +03 (Asia/Qatar)");
        assert_eq!(local_input(at, zone), "2025-05-16T19:30");
    }

    #[test]
    fn an_offset_without_a_zone_names_a_fixed_zone() {
        let (_, zone) = parse_air("2025-05-16T19:30:00+03:00", None).unwrap();
        assert_eq!(zone.name(), "Etc/GMT-3");
        let (_, zone) = parse_air("2025-05-16T19:30:00Z", None).unwrap();
        assert_eq!(zone.name(), "UTC");
    }

    #[test]
    fn a_local_time_is_read_in_the_zone() {
        let (at, _) = parse_air("2025-01-10 20:00", Some(Tz::Europe__London)).unwrap();
        assert_eq!(at.to_rfc3339(), "2025-01-10T20:00:00+00:00");
        let (at, _) = parse_air("2025-07-10T20:00", Some(Tz::Europe__London)).unwrap();
        assert_eq!(at.to_rfc3339(), "2025-07-10T19:00:00+00:00");
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
        let gap = parse_air("2025-03-30 01:30", Some(Tz::Europe__London)).unwrap_err();
        assert!(gap.to_string().contains("does not exist"));
        assert_eq!(
            parse_zone("Mars/Olympus").unwrap_err().field(),
            Some("timeZone")
        );
    }
}
