//! The programmes as an iCalendar file (RFC 5545): one event per programme with an
//! air time.
//!
//! - `UID` is `<programme id>@greenroom`, so importing a newer export updates the
//!   events instead of adding copies.
//! - `DTSTART` is the air time in UTC; `DTEND` adds the slot, or 30 minutes without one
//!   (what booking warnings assume too). The programme's own zone is named in the
//!   description; UTC times need no `VTIMEZONE`.
//! - `DTSTAMP` is when the programme last changed (RFC 5545 3.8.7.2, for a calendar
//!   without `METHOD`), so the same data always gives the same file.
//! - `STATUS`: draft and planned are `TENTATIVE`, confirmed and aired `CONFIRMED`,
//!   cancelled `CANCELLED` (kept, so a calendar that had the event shows it cancelled).
//! - `SUMMARY` is `Series: Title`; `DESCRIPTION` has the air time in the programme's
//!   zone, presenter, guests with their billed affiliations, and the framing. Notes
//!   and contact details stay out.
//!
//! Written by hand rather than with the `icalendar` crate: the file has one shape of
//! event, and that crate's writer stamps `DTSTAMP` with the current time (so output is
//! not reproducible), chooses where to fold by mixing byte and character offsets, and
//! leaves carriage returns unescaped. The rules that matter are few and each is tested:
//! CRLF line ends, TEXT escaping, and folding at 75 octets on a UTF-8 boundary.

use std::fmt::Write;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::archive::{Archive, ArchiveOptions, ArchiveProgramme};
use super::Names;
use crate::error::{Error, Result};
use crate::programme::model::{Role, Status};
use crate::programme::zone::Zone;
use crate::store::db::Store;

/// An event's length when the programme has no slot.
pub const DEFAULT_SLOT_SECONDS: u32 = 30 * 60;
const LINE_OCTETS: usize = 75;

/// Which programmes the calendar has: those whose air date in their own zone falls
/// within the range, both ends included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CalendarRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl CalendarRange {
    /// Reads `2025-05-01`-style dates; `from` after `to` is an error.
    pub fn parse(from: Option<&str>, to: Option<&str>) -> Result<Self> {
        let date = |field: &str, s: Option<&str>| -> Result<Option<NaiveDate>> {
            s.map(|s| {
                NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                    Error::validation(field, format!("{s:?} is not a date (write 2025-05-16)"))
                })
            })
            .transpose()
        };
        let range = CalendarRange {
            from: date("from", from)?,
            to: date("to", to)?,
        };
        if let (Some(f), Some(t)) = (range.from, range.to) {
            if f > t {
                return Err(Error::validation("to", format!("{t} is before {f}")));
            }
        }
        Ok(range)
    }

    fn contains(&self, at: DateTime<Utc>, zone: Zone) -> bool {
        let day = at.with_timezone(&zone).date_naive();
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
}

impl Store {
    pub fn export_calendar(&self, range: &CalendarRange) -> Result<String> {
        let archive = self.export_archive(&ArchiveOptions::default())?;
        Ok(calendar(&archive, range))
    }
}

/// The calendar of `archive`'s programmes in `range`, earliest first.
pub fn calendar(archive: &Archive, range: &CalendarRange) -> String {
    let names = Names::of(archive);
    let mut events: Vec<(&ArchiveProgramme, DateTime<Utc>, Zone)> = archive
        .programmes
        .iter()
        .filter_map(|p| {
            let zone = Zone::named(&p.time_zone);
            p.air_at
                .filter(|at| range.contains(*at, zone))
                .map(|at| (p, at, zone))
        })
        .collect();
    events.sort_by_key(|(p, at, _)| (*at, p.id));

    let mut out = String::new();
    let mut line = |name: &str, value: &str| fold(&format!("{name}:{value}"), &mut out);
    line("BEGIN", "VCALENDAR");
    line("VERSION", "2.0");
    line(
        "PRODID",
        &format!("-//Greenroom//Greenroom {}//EN", env!("CARGO_PKG_VERSION")),
    );
    line("CALSCALE", "GREGORIAN");
    for (p, at, zone) in events {
        let slot = p.slot_seconds.unwrap_or(DEFAULT_SLOT_SECONDS);
        line("BEGIN", "VEVENT");
        line("UID", &format!("{}@greenroom", p.id));
        line("DTSTAMP", &stamp(p.updated_at));
        line("CREATED", &stamp(p.created_at));
        line("LAST-MODIFIED", &stamp(p.updated_at));
        line("DTSTART", &stamp(at));
        line("DTEND", &stamp(at + Duration::seconds(slot.into())));
        line("SUMMARY", &escape(&summary(p)));
        line("STATUS", status(p.status));
        line("DESCRIPTION", &escape(&description(p, at, zone, &names)));
        if let Some(series) = &p.series {
            line("CATEGORIES", &escape(series));
        }
        line("END", "VEVENT");
    }
    line("END", "VCALENDAR");
    out
}

fn summary(p: &ArchiveProgramme) -> String {
    match &p.series {
        Some(series) => format!("{series}: {}", p.title),
        None => p.title.clone(),
    }
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Draft | Status::Planned => "TENTATIVE",
        Status::Confirmed | Status::Aired => "CONFIRMED",
        Status::Cancelled => "CANCELLED",
    }
}

fn description(p: &ArchiveProgramme, at: DateTime<Utc>, zone: Zone, names: &Names<'_>) -> String {
    let mut d = crate::programme::airtime::display(at, zone);
    if let Some(slot) = p.slot_seconds {
        let _ = write!(d, ", {}", crate::programme::duration::format_duration(slot));
    }
    let _ = write!(d, "\nStatus: {}", p.status);
    for a in &p.appearances {
        let billed = a
            .affiliation
            .as_deref()
            .map(|b| format!(" – {b}"))
            .unwrap_or_default();
        match a.role {
            Role::Presenter => {
                let _ = write!(d, "\nPresenter: {}{billed}", names.get(&a.person_id));
            }
            Role::Guest => {
                let _ = write!(d, "\nGuest: {}{billed}", names.get(&a.person_id));
            }
        }
    }
    for (i, f) in p.framing.iter().enumerate() {
        let _ = write!(d, "\n\n{}. {f}", i + 1);
    }
    d
}

/// `20250516T163000Z`.
fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT escaping (RFC 5545 3.3.11). Stored text has no carriage returns (text/mod.rs
/// refuses them), but a lone one is dropped rather than written raw.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so that no line exceeds 75 octets (a continuation
/// line's leading space included), never inside a UTF-8 sequence, and, where the line
/// allows, not next to a space: some readers trim spaces at the ends of folded lines.
pub(crate) fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    let mut room = LINE_OCTETS;
    while rest.len() > room {
        let mut cut = floor_boundary(rest, room);
        let spaced =
            |at: usize| rest[..at].ends_with([' ', '\t']) || rest[at..].starts_with([' ', '\t']);
        let mut at = cut;
        while at > room / 2 && spaced(at) {
            at = floor_boundary(rest, at - 1);
        }
        if !spaced(at) {
            cut = at;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str) -> String {
        let mut out = String::new();
        fold(s, &mut out);
        out
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        for text in [
            "x".repeat(300),
            "ğ".repeat(200),
            "هناء المصري ".repeat(30),
            "😀".repeat(80),
        ] {
            let out = folded(&format!("DESCRIPTION:{text}"));
            assert!(out.ends_with("\r\n"));
            let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
            for (i, l) in lines.iter().enumerate() {
                assert!(l.len() <= 75, "line {i} has {} octets", l.len());
                assert_eq!(i > 0, l.starts_with(' '));
            }
            let unfolded: String = lines
                .iter()
                .enumerate()
                .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
                .collect();
            assert_eq!(unfolded, format!("DESCRIPTION:{text}"));
        }
        assert_eq!(folded("SUMMARY:short"), "SUMMARY:short\r\n");
    }

    #[test]
    fn folds_away_from_spaces_when_it_can() {
        let out = folded(&format!("SUMMARY:{}end", "ab ".repeat(60)));
        for l in out.trim_end_matches("\r\n").split("\r\n") {
            let body = l.strip_prefix(' ').unwrap_or(l);
            assert!(!body.starts_with(' ') && !body.ends_with(' '), "{l:?}");
        }
    }
}
