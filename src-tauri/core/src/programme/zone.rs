//! The zone a programme is shown in: an IANA zone (`Asia/Qatar`), or a fixed offset
//! from UTC (`UTC+05:30`) for an air time given with an offset that no IANA zone
//! names. Both are stored as their name and read back with [`Zone::named`].

use std::fmt;
use std::str::FromStr;

use chrono::{FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{Tz, TzOffset};

use crate::error::{Error, Result};

/// The widest offsets in use anywhere (Baker Island, Line Islands), in hours.
const WEST: i32 = -12;
const EAST: i32 = 14;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    Iana(Tz),
    /// Never a whole number of hours other than zero: those are `Etc/GMT∓N`, so one
    /// offset has one name.
    Fixed(FixedOffset),
}

impl Default for Zone {
    fn default() -> Self {
        Zone::UTC
    }
}

impl Zone {
    pub const UTC: Zone = Zone::Iana(Tz::UTC);

    /// The zone an offset names: `UTC` for zero, `Etc/GMT-3` for `+03:00`, and
    /// `UTC+05:30` for an offset no IANA zone names. `None` outside -12:00 to +14:00.
    pub fn for_offset(offset: FixedOffset) -> Option<Zone> {
        let secs = offset.local_minus_utc();
        if !(WEST * 3600..=EAST * 3600).contains(&secs) {
            return None;
        }
        if secs == 0 {
            return Some(Zone::UTC);
        }
        if secs % 3600 == 0 {
            // POSIX-style names invert the sign: Etc/GMT-3 is three hours ahead of UTC.
            if let Ok(tz) = format!("Etc/GMT{:+}", -secs / 3600).parse() {
                return Some(Zone::Iana(tz));
            }
        }
        Some(Zone::Fixed(offset))
    }

    /// A stored zone name; one this build does not know (a newer zone database) is UTC,
    /// so reading never fails.
    pub fn named(name: &str) -> Zone {
        name.parse().unwrap_or_default()
    }

    pub fn name(&self) -> String {
        match self {
            Zone::Iana(tz) => tz.name().to_string(),
            Zone::Fixed(o) => format!("UTC{o}"),
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// An IANA name (`Asia/Qatar`), or an offset: `UTC+05:30`, `+05:30`, `-03:30`, `+0545`.
impl FromStr for Zone {
    type Err = Error;

    fn from_str(s: &str) -> Result<Zone> {
        let n = s.trim();
        let refuse = || {
            Error::validation(
                "timeZone",
                format!(
                    "{n:?} is not a time zone (write an IANA name such as Asia/Qatar, or an \
                     offset from UTC such as UTC+05:30)"
                ),
            )
        };
        if let Ok(tz) = n.parse::<Tz>() {
            return Ok(Zone::Iana(tz));
        }
        let offset = n.strip_prefix("UTC").unwrap_or(n);
        let offset = parse_offset(offset).ok_or_else(refuse)?;
        Zone::for_offset(offset).ok_or_else(|| {
            Error::validation(
                "timeZone",
                format!("{n:?} is not an offset in use (they run from UTC-12:00 to UTC+14:00)"),
            )
        })
    }
}

/// `+05:30`, `-03:30`, `+0545`, `+5`: a sign, hours, and minutes under 60.
fn parse_offset(s: &str) -> Option<FixedOffset> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let digits = |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if m >= 60 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// The offset of a [`Zone`] at one instant; shown by `%Z` as the zone's abbreviation
/// (`+03`, `BST`) or the fixed offset (`+05:30`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneOffset {
    Iana(TzOffset),
    Fixed(FixedOffset),
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        match self {
            ZoneOffset::Iana(o) => o.fix(),
            ZoneOffset::Fixed(o) => *o,
        }
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZoneOffset::Iana(o) => o.fmt(f),
            ZoneOffset::Fixed(o) => o.fmt(f),
        }
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        match offset {
            ZoneOffset::Iana(o) => Zone::Iana(Tz::from_offset(o)),
            ZoneOffset::Fixed(o) => Zone::Fixed(*o),
        }
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        match self {
            Zone::Iana(tz) => tz.offset_from_local_date(local).map(ZoneOffset::Iana),
            Zone::Fixed(o) => MappedLocalTime::Single(ZoneOffset::Fixed(*o)),
        }
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        match self {
            Zone::Iana(tz) => tz.offset_from_local_datetime(local).map(ZoneOffset::Iana),
            Zone::Fixed(o) => MappedLocalTime::Single(ZoneOffset::Fixed(*o)),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        match self {
            Zone::Iana(tz) => ZoneOffset::Iana(tz.offset_from_utc_date(utc)),
            Zone::Fixed(o) => ZoneOffset::Fixed(*o),
        }
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        match self {
            Zone::Iana(tz) => ZoneOffset::Iana(tz.offset_from_utc_datetime(utc)),
            Zone::Fixed(o) => ZoneOffset::Fixed(*o),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (given, name) in [
            ("Asia/Qatar", "Asia/Qatar"),
            ("UTC", "UTC"),
            ("UTC+05:30", "UTC+05:30"),
            ("+05:30", "UTC+05:30"),
            ("+0545", "UTC+05:45"),
            ("UTC-03:30", "UTC-03:30"),
            ("+03:00", "Etc/GMT-3"),
            ("UTC-05", "Etc/GMT+5"),
            ("+00:00", "UTC"),
        ] {
            let zone: Zone = given.parse().unwrap();
            assert_eq!(zone.name(), name, "{given}");
            assert_eq!(Zone::named(&zone.name()), zone, "{given}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_zone() {
        for bad in [
            "",
            " ",
            "Mars/Olympus",
            "+25:00",
            "+05:60",
            "+15:00",
            "-12:30",
            "UTC+",
            "5:30",
        ] {
            let e = bad.parse::<Zone>().unwrap_err();
            assert_eq!(e.field(), Some("timeZone"), "{bad}");
        }
    }
}
