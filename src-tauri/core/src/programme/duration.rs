//! Durations as producers type them: `25m`, `1500s`, `25:00`, `1:02:30`, `1h30m`.

use crate::error::{Error, Result};

/// The longest duration accepted anywhere (a day).
pub const MAX_SECONDS: u32 = 24 * 3600;

/// Parses a duration into whole seconds. Zero is allowed; callers that need a
/// positive length say so.
pub fn parse_duration(field: &str, text: &str) -> Result<u32> {
    let t = text.trim();
    let bad = |why: &str| {
        Error::validation(
            field,
            format!("{t:?} is not a duration{why} (write 25m, 1500s, 25:00 or 1h30m)"),
        )
    };
    if t.is_empty() {
        return Err(bad(""));
    }
    let secs: u64 = if t.contains(':') {
        let parts: Vec<&str> = t.split(':').collect();
        if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
            return Err(bad(""));
        }
        let mut total: u64 = 0;
        for (i, p) in parts.iter().enumerate() {
            let n = digits(p).ok_or_else(|| bad(""))?;
            if i > 0 && (n >= 60 || p.len() != 2) {
                return Err(bad(": minutes and seconds after a colon run 00-59"));
            }
            total = total.saturating_mul(60).saturating_add(n);
        }
        total
    } else {
        let mut total: u64 = 0;
        let mut rest = t;
        let mut last_unit = u64::MAX;
        while !rest.is_empty() {
            let end = rest
                .find(|c: char| !c.is_ascii_digit())
                .ok_or_else(|| bad(": add a unit"))?;
            let n = digits(&rest[..end]).ok_or_else(|| bad(""))?;
            let unit_char = rest[end..].chars().next().unwrap_or(' ');
            let unit = match unit_char.to_ascii_lowercase() {
                'h' => 3600,
                'm' => 60,
                's' => 1,
                _ => return Err(bad("")),
            };
            if unit >= last_unit {
                return Err(bad(""));
            }
            last_unit = unit;
            total = total.saturating_add(n.saturating_mul(unit));
            rest = rest[end + 1..].trim_start();
        }
        total
    };
    if secs > MAX_SECONDS as u64 {
        return Err(Error::validation(
            field,
            format!("{t:?} is longer than a day"),
        ));
    }
    Ok(secs as u32)
}

/// `m:ss` under an hour, `h:mm:ss` from an hour on.
pub fn format_duration(secs: u32) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

fn digits(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_producers_type() {
        for (t, s) in [
            ("25m", 1500),
            ("1500s", 1500),
            ("25:00", 1500),
            ("1:30", 90),
            ("90s", 90),
            ("1:02:30", 3750),
            ("1h30m", 5400),
            ("2m 30s", 150),
            ("0s", 0),
        ] {
            assert_eq!(parse_duration("slot", t).unwrap(), s, "{t}");
        }
    }

    #[test]
    fn refuses_nonsense_clearly() {
        for t in [
            "",
            "-5",
            "abc",
            "99:99:99",
            "1:5",
            "25",
            "1.5m",
            "5m1h",
            "::",
            "1:00:00:00",
            "25h",
        ] {
            let e = parse_duration("slot", t).unwrap_err();
            assert_eq!(e.field(), Some("slot"), "{t}");
        }
    }

    #[test]
    fn formats_round_trip() {
        assert_eq!(format_duration(1500), "25:00");
        assert_eq!(format_duration(3750), "1:02:30");
        assert_eq!(parse_duration("d", &format_duration(3599)).unwrap(), 3599);
    }
}
